import Foundation
import MotCuaCore
import MotCuaHost
import Testing

extension Markup {
    /// Whether the HTML contains `text`, as the page tests ask of a rendered page.
    func contains(_ text: String) -> Bool { html.contains(text) }

    /// How many times `needle` occurs in the HTML.
    func occurrences(of needle: String) -> Int { html.occurrences(of: needle) }
}

@Suite("Markup: escaping by construction")
struct MarkupTests {
    static let attack = #"<script>alert("x")</script>"#
    static let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"

    @Test("an interpolated String is escaped, Markup is kept, and a literal written in code is markup")
    func interpolation() {
        let name = Self.attack
        let badge: Markup = "<b>\(name)</b>"
        let done = !name.isEmpty
        let page: Markup = "<p title=\"\(name)\">\(badge)\(done ? "<i>✓</i>" : "")\(3)\(Optional<String>.none)</p>"
        #expect(page.html == "<p title=\"\(Self.escaped)\"><b>\(Self.escaped)</b><i>✓</i>3</p>")
        #expect(([badge, "<hr>"] as [Markup]).joined(separator: "\n").html == "<b>\(Self.escaped)</b>\n<hr>")
        // Raw HTML enters only through the one explicit initialiser.
        #expect(Markup(rawHTML: name).html == name)
        #expect(HTML.escape(name).html == Self.escaped)
    }

    /// A deployment whose sector, procedure and centre names carry a script.
    static func hostileDeployment() throws -> Deployment {
        let name = try #require(String(data: JSONEncoder().encode(attack), encoding: .utf8))
        let manifest = """
        { "centre": { "id": "t.x", "name": { "vi": "Xã Thử", "en": "Test Commune" }, "level": "commune", "unitCode": "12345",
                      "province": { "code": "25", "name": { "vi": "Phú Thọ", "en": "Phu Tho" } }, "agencyCode": "A",
                      "timeZone": "Asia/Ho_Chi_Minh" },
          "hours": { "mon": ["07:30-11:30"], "tue": ["07:30-11:30"], "wed": ["07:30-11:30"], "thu": ["07:30-11:30"], "fri": ["07:30-11:30"] },
          "sectors": [ { "id": "ho-tich", "name": { "vi": \(name), "en": \(name) } } ],
          "procedures": [ { "code": "1.000001", "name": { "vi": \(name), "en": \(name) }, "sector": "ho-tich",
                            "deadline": { "unit": "workingDays", "value": 3 }, "documents": ["Tờ khai"] } ],
          "enable": { "sectors": ["ho-tich"] },
          "counters": [ { "id": "1", "name": { "vi": "Quầy 1", "en": "Counter 1" }, "sectors": ["ho-tich"] } ],
          "plugins": {} }
        """
        let loader = ManifestLoader(source: InMemoryManifestSource(texts: ["m.json": manifest]), plugins: [])
        return try #require(try loader.load("m.json").deployment)
    }

    static func expectEscaped(_ page: Markup, _ what: Comment, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!page.contains("<script>"), what, sourceLocation: sourceLocation)
        #expect(page.contains(escaped), what, sourceLocation: sourceLocation)
    }

    @Test("a script in a procedure name or a sector name comes out escaped on the reception, lookup and home pages")
    func procedureAndSectorNames() throws {
        let deployment = try Self.hostileDeployment()
        let procedure = try #require(deployment.procedures.first)
        let context = PageContext(language: .vi, deployment: deployment, caller: .staff(PageFixtures.clerk), path: "/reception")
        Self.expectEscaped(Pages.receptionPicker(context: context, ticket: nil, sector: nil), "procedure and sector on the reception picker")
        let now = Date(timeIntervalSince1970: 1_772_413_200)
        Self.expectEscaped(Pages.receptionForm(context: context, procedure: procedure, ticket: nil,
                                               appointment: deployment.calendar.appointment(for: procedure.deadline, receivedAt: now), now: now),
                           "procedure on its reception form")
        Self.expectEscaped(Pages.lookup(context: context, code: "", searched: false, dossier: nil, history: [], needsPhone: false, sector: nil),
                           "procedure and sector in the public catalogue")
        Self.expectEscaped(Pages.home(context: context, devices: nil, pluginKinds: PluginKind.allCases), "sector on the home page")
        let sectors = [SectorStatus(sector: "ho-tich", prefix: "HT", waiting: 2, issuedToday: 2, servedToday: 0, dailyCap: nil, available: true,
                                    unavailableReason: nil, nextOpening: nil, estimatedWaitSeconds: 600, averageServiceSeconds: 300)]
        Self.expectEscaped(Pages.kiosk(context: context, sectors: sectors, groups: []), "sector on the kiosk")
    }

    @Test("a script in a citizen's name comes out escaped on the dossier page and the public lookup")
    func citizenName() throws {
        let deployment = try Self.hostileDeployment()
        let context = PageContext(language: .vi, deployment: deployment, caller: .staff(PageFixtures.clerk), path: "/dossiers/A-1")
        let received = Date(timeIntervalSince1970: 1_772_413_200)
        let dossier = Dossier(code: "A-260302-0001", procedure: "1.000001", channel: .counter, applicantName: Self.attack,
                              receivedAt: received, dueAt: received.addingTimeInterval(86_400))
        Self.expectEscaped(Pages.dossierView(context: context, dossier: dossier, history: [], now: received), "applicant on the dossier page")
        Self.expectEscaped(try Pages.intakeForm("01", context: context, dossier: dossier, history: [], now: received), "applicant on form 01")
        let march = (try #require(LocalDate(year: 2026, month: 3, day: 1)), try #require(LocalDate(year: 2026, month: 3, day: 31)))
        Self.expectEscaped(Pages.register(context: context, dossiers: [dossier], from: march.0, to: march.1), "applicant in the register")
    }

    @Test("a script in a query parameter comes out escaped on the pages that echo it")
    func queryParameters() throws {
        let deployment = try Self.hostileDeployment()
        let context = PageContext(language: .vi, deployment: deployment, caller: .staff(PageFixtures.clerk), path: "/lookup")
        Self.expectEscaped(Pages.lookup(context: context, code: Self.attack, searched: true, dossier: nil, history: [], needsPhone: false, sector: nil),
                           "?code= on the lookup page")
        Self.expectEscaped(Pages.receptionPicker(context: context, ticket: Self.attack, sector: nil), "?ticket= on the reception picker")
        Self.expectEscaped(Pages.signIn(context: context, next: "/" + Self.attack), "?next= on the sign-in page")
        // The page's own path is echoed in the language switch.
        let echoed = PageContext(language: .vi, deployment: deployment, caller: .citizen, path: "/x\"><script>")
        #expect(!Pages.notFound(context: echoed).contains("<script>"))
    }
}
