import Foundation
import MotCuaBuiltins
import MotCuaCore
import MotCuaHost
import MotCuaHTTP
import MotCuaHarness
import MotCuaStore
import MotCuaPostgresTesting
import MotCuaTesting
import Testing

/// `motcua serve --province`: Phú Thọ's communes in one process on PostgreSQL, each under its
/// unit code with its own schema, staff and live events (Docs/Province.md).
@Suite(.enabled(if: StoreEngine.all.contains(.postgresql)))
struct ProvinceServerTests {
    /// An Bình (05425) and Âu Cơ (07948).
    static let anBinh = "05425", auCo = "07948"

    @Test func eachCentreServesItsOwnPagesUnderItsUnitCode() async throws {
        let province = try await TestProvince(catalogue: BuiltinPlugins.catalogue, communes: ["an-binh.json", "au-co.json"])
        try await province.test(.router) { client in
            let home = try await client.get("/", as: .browser)
            #expect(home.status == 200)
            #expect(home.text.contains("An Bình") && home.text.contains("Âu Cơ"))
            #expect(home.text.contains("href=\"/\(Self.anBinh)/\""))

            // The centre's home page is the one it serves alone, every link under its prefix.
            let page = try await client.get("/\(Self.anBinh)/", as: .browser)
            #expect(page.status == 200)
            #expect(page.text.contains("data-base=\"/\(Self.anBinh)\""))
            #expect(page.text.contains("href=\"/\(Self.anBinh)/assets/app.css\""))
            let links = Self.rootRelativeLinks(page.text)
            #expect(!links.isEmpty)
            #expect(links.allSatisfy { $0.hasPrefix("/\(Self.anBinh)/") || $0 == "/\(Self.anBinh)" }, "links outside the prefix: \(links)")

            let deployment = try await client.get("/\(Self.auCo)/api/v1/deployment").json()
            #expect(deployment["centre"]?["unitCode"]?.stringValue == Self.auCo)

            // A staff page sends a citizen to its own centre's sign-in.
            let counter = try await client.get("/\(Self.anBinh)/counter", as: .browser)
            #expect(counter.status == 303)
            #expect(counter.headers["Location"]?.hasPrefix("/\(Self.anBinh)/signin?next=") == true)
        }
    }

    @Test func aClerkSeesOnlyTheirOwnCentre() async throws {
        let province = try await TestProvince(catalogue: BuiltinPlugins.catalogue, communes: ["an-binh.json", "au-co.json"])
        try await province.test(.router) { client in
            let signIn = try await client.post("/\(Self.anBinh)/api/v1/session", json: #"{"login":"lan","password":"\#(TestHost.password)"}"#)
            #expect(signIn.status == 200)
            let cookie = try #require(signIn.headers["Set-Cookie"])
            // The browser sends the session to An Bình's paths only.
            #expect(cookie.contains("Path=/\(Self.anBinh);") && !cookie.contains("Path=/;"))
            let lan = Credential.cookie(String(cookie.split(separator: ";")[0]))

            let ticket = try await client.post("/\(Self.anBinh)/api/v1/tickets", json: #"{"sector":"ho-tich"}"#, as: lan)
            #expect(ticket.status == 201)
            #expect(try await client.get("/\(Self.anBinh)/api/v1/queue", as: lan).status == 200)

            // Âu Cơ does not know An Bình's session: its API, events and pages answer that the
            // account is another centre's (403), naming no login or centre.
            for path in ["/api/v1/queue", "/api/v1/events?topics=queue", "/api/v1/staff"] {
                let answer = try await client.get("/\(Self.auCo)\(path)", as: lan)
                #expect(answer.status == 403, "\(path) answered \(answer.status)")
                #expect(answer.errorCode == "auth.other-centre")
                #expect(!answer.text.contains("lan") && !answer.text.contains(Self.anBinh) && answer.text.contains("Tài khoản này thuộc trung tâm khác"))
            }
            let post = try await client.post("/\(Self.auCo)/api/v1/tickets", json: #"{"sector":"ho-tich"}"#, as: lan)
            #expect(post.status == 403 && post.errorCode == "auth.other-centre")
            // A browser gets Âu Cơ's page saying so, with the way to An Bình.
            let page = try await client.get("/\(Self.auCo)/counter", as: lan.with("Accept", "text/html"))
            #expect(page.status == 403)
            #expect(page.headers["Content-Type"]?.hasPrefix("text/html") == true)
            #expect(page.text.contains("Tài khoản này thuộc trung tâm khác") && page.text.contains("href=\"/\(Self.anBinh)/\""))
            #expect(page.text.contains("data-base=\"/\(Self.auCo)\"") && page.text.contains("href=\"/\(Self.auCo)/signin?next="))
            // No credential, or one alive nowhere, is still 401 (and the sign-in page).
            let nobody = Credential.cookie("motcua_session=0123456789abcdef0123456789abcdef")
            for credential in [Credential.citizen, nobody, .bearer("no-such-device-token")] {
                let answer = try await client.get("/\(Self.auCo)/api/v1/queue", as: credential)
                #expect(answer.status == 401 && answer.errorCode == "auth.required")
            }
            #expect(try await client.get("/\(Self.auCo)/counter", as: nobody.with("Accept", "text/html")).status == 303)
            // A failed sign-in at Âu Cơ stays a failed sign-in, whatever cookie came with it.
            let wrong = try await client.post("/\(Self.auCo)/api/v1/session", json: #"{"login":"lan","password":"wrong-password-1"}"#, as: lan)
            #expect(wrong.status == 401 && wrong.errorCode != "auth.other-centre")
            // Each look across the centres reads every centre, so an address gets 30 a minute;
            // past that, made-up tokens and even An Bình's session get Âu Cơ's plain 401.
            for attempt in 0..<30 {
                _ = try await client.get("/\(Self.auCo)/api/v1/queue", as: .cookie("motcua_session=\(String(repeating: "f", count: 24))\(10_000_000 + attempt)"))
            }
            let flooded = try await client.get("/\(Self.auCo)/api/v1/queue", as: lan)
            #expect(flooded.status == 401 && flooded.errorCode == "auth.required")
            // Âu Cơ's own clerk sees an empty queue: the ticket is An Bình's.
            let auCoClerk = try await client.signIn("lan", at: Self.auCo)
            let queue = try await client.get("/\(Self.auCo)/api/v1/queue", as: auCoClerk).json()
            #expect(queue["waiting"]?.arrayValue?.isEmpty ?? true)
        }
    }

    @Test func liveEventsStayInTheirCentre() async throws {
        let province = try await TestProvince(catalogue: BuiltinPlugins.catalogue, communes: ["an-binh.json", "au-co.json"])
        try await province.test(.live) { client in
            let anBinhClerk = try await client.signIn("lan", at: Self.anBinh)
            let auCoClerk = try await client.signIn("lan", at: Self.auCo)
            #expect(try await client.stream("/\(Self.anBinh)/api/v1/events?topics=queue", as: auCoClerk).status == 403)
            let board = try await client.stream("/\(Self.anBinh)/api/v1/events?topics=queue", as: anBinhClerk)
            #expect(board.status == 200)
            #expect(try await board.next().event == "ready")
            // Âu Cơ's ticket first: An Bình's board must not see it, only its own one after it.
            #expect(try await client.post("/\(Self.auCo)/api/v1/tickets", json: #"{"sector":"ho-tich"}"#, as: auCoClerk).status == 201)
            let own = try await client.post("/\(Self.anBinh)/api/v1/tickets", json: #"{"sector":"chung-thuc"}"#, as: anBinhClerk)
            #expect(own.status == 201)
            let event = try await board.next()
            #expect(event.event == "ticket.issued")
            #expect(event.data.contains("chung-thuc") && !event.data.contains("ho-tich"))
        }
    }

    @Test func anUnknownCentreIsAPageForBrowsersAndJSONForTheAPI() async throws {
        let province = try await TestProvince(catalogue: BuiltinPlugins.catalogue, communes: ["an-binh.json"])
        try await province.test(.router) { client in
            let page = try await client.get("/99999/kiosk", as: .browser)
            #expect(page.status == 404)
            #expect(page.headers["Content-Type"]?.hasPrefix("text/html") == true)
            #expect(page.text.contains("99999") && page.text.contains("Không tìm thấy trung tâm"))
            let api = try await client.get("/99999/api/v1/queue")
            #expect(api.status == 404)
            #expect(api.errorCode == "province.unknown-centre")
        }
    }

    @Test func aDeviceOfOneCentreIsAnotherCentresAtTheNext() async throws {
        let province = try await TestProvince(catalogue: BuiltinPlugins.catalogue, communes: ["an-binh.json", "au-co.json"])
        let identity = try #require(province.server.tenant(Self.anBinh)).application.identity
        let pairing = try identity.startPairing(deviceID: "kiosk-sanh", kind: .kiosk, name: "Ki-ốt sảnh", counter: nil, by: .system)
        let kiosk = Credential.bearer(try identity.completePairing(code: pairing.code, remote: "127.0.0.1").token)
        try await province.test(.live) { client in
            #expect(try await client.post("/\(Self.anBinh)/api/v1/tickets", json: #"{"sector":"ho-tich"}"#, as: kiosk).status == 201)
            let ticket = try await client.post("/\(Self.auCo)/api/v1/tickets", json: #"{"sector":"ho-tich"}"#, as: kiosk)
            #expect(ticket.status == 403 && ticket.errorCode == "auth.other-centre")
            let events = try await client.stream("/\(Self.auCo)/api/v1/events?topics=queue", as: kiosk)
            #expect(events.status == 403)
            #expect(try await client.post("/\(Self.auCo)/api/v1/tickets", json: #"{"sector":"ho-tich"}"#, as: .bearer("no-such-device")).status == 401)
            // A province supervisor still reads every centre.
            let supervisor = try await client.post("/api/v1/province/session", json: #"{"login":"giamsat","password":"\#(TestHost.password)"}"#)
            let cookie = Credential.cookie(String(try #require(supervisor.headers["Set-Cookie"]).split(separator: ";")[0]))
            for code in [Self.anBinh, Self.auCo] {
                #expect(try await client.get("/\(code)/api/v1/queue", as: cookie).status == 200)
            }
        }
    }

    @Test func twoManifestsOfOneCentreAndAPrefixOnAProvinceRouteAreRefused() throws {
        let loader = BuiltinPlugins.catalogue.loader(source: PackageManifestSource())
        let anBinh = try #require(try loader.load("Deployments/phu-tho/an-binh.json").deployment)
        var copy = anBinh
        copy.centre.id = "phu-tho.an-binh-2"
        let lines = ProvinceServer.problems([("an-binh.json", anBinh), ("an-binh-copy.json", copy)], language: .en)
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("an-binh-copy.json: centre.unitCode: unit code \"05425\" is already used by an-binh.json") == true)
        #expect(lines.first?.contains("fix:") == true)
        let reserved = ProvinceServer.problems([("an-binh.json", anBinh)], language: .en, reserved: ProvinceServer.reservedSegments.union(["05425"]))
        #expect(reserved.first?.hasPrefix("an-binh.json: centre.unitCode: \"05425\" is the province's own path /05425") == true)
    }

    @Test func aReloadAddsACommuneWhileAnotherBoardStaysConnected() async throws {
        let province = try await TestProvince(catalogue: BuiltinPlugins.catalogue, communes: ["an-binh.json", "au-co.json"])
        let running = Task { await province.server.run() }
        defer { province.server.finish(); running.cancel() }
        try await province.test(.live) { client in
            let clerk = try await client.signIn("lan", at: Self.anBinh)
            let board = try await client.stream("/\(Self.anBinh)/api/v1/events?topics=queue", as: clerk)
            #expect(try await board.next().event == "ready")
            #expect(try await client.get("/08527/api/v1/deployment").status == 404)

            try province.addManifest("ban-nguyen.json")
            try province.writeManifest("broken.json", #"{"extends": "province.json", "centre": {"id": "phu-tho.broken"}}"#)
            let report = await province.server.reload(province.folder, factory: province.factory, language: .en)
            #expect(report.added.map { ($0 as NSString).lastPathComponent } == ["ban-nguyen.json"])
            #expect(report.refused.map { ($0.file as NSString).lastPathComponent } == ["broken.json"])
            #expect(report.unchanged == 2)
            #expect(try await client.get("/08527/api/v1/deployment").json()["centre"]?["unitCode"]?.stringValue == "08527")

            // An Bình's board never closed: it hears the next ticket.
            #expect(try await client.post("/\(Self.anBinh)/api/v1/tickets", json: #"{"sector":"ho-tich"}"#, as: clerk).status == 201)
            #expect(try await board.next().event == "ticket.issued")
        }
    }

    @Test func theHomeShowsEachCentreNowAndRanksThemAsTheirSignedBundlesDo() async throws {
        let province = try await TestProvince(catalogue: BuiltinPlugins.catalogue, communes: ["an-binh.json", "au-co.json", "ban-nguyen.json"])
        let tenants = province.server.tenants
        // An Bình serves a ticket and receives two dossiers; Âu Cơ has one waiting and one
        // dossier; Bản Nguyên nothing: their 766 scores differ.
        let anBinh = try #require(province.server.tenant(Self.anBinh)?.application.composition)
        let queue = try #require(anBinh.queueing)
        let first = try queue.issueTicket(TicketRequest(sector: "ho-tich"), by: .device("kiosk-1"))
        let called = try #require(try queue.callNext(counter: "1", by: .staff("lan")))
        #expect(called.id == first.id)
        _ = try queue.perform(.start, onTicket: first.id, by: .staff("lan"))
        _ = try queue.perform(.finish, onTicket: first.id, by: .staff("lan"))
        let auCo = try #require(province.server.tenant(Self.auCo)?.application.composition)
        _ = try #require(auCo.queueing).issueTicket(TicketRequest(sector: "ho-tich"), by: .device("kiosk-1"))
        for (composition, count) in [(anBinh, 2), (auCo, 1)] {
            let deployment = composition.deployment
            let procedure = try #require(deployment.enabledProcedures.first)
            let intake = try #require(composition.intake)
            for _ in 0..<count { _ = try intake.receive(IntakeSuite.sampleRequest(procedure, deployment), by: .staff("lan")) }
        }
        province.clock.advance(by: 3600)

        let states = Dictionary(province.server.states().map { ($0.deployment.centre.unitCode, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(states[Self.anBinh]?.servedToday == 1 && states[Self.anBinh]?.waiting == 0)
        #expect(states[Self.auCo]?.servedToday == 0 && states[Self.auCo]?.waiting == 1)
        #expect(states[Self.anBinh]?.isOpen == true)

        let period = ReportPeriod.containing(LocalDate(year: 2026, month: 3, day: 2)!, unit: .month)
        let direct = try province.server.ranking(period: period)
        #expect(direct.count == 3)
        #expect(Set(direct.map(\.scoreHundredths)).count > 1, "the scores should differ: \(direct.map(\.scoreHundredths))")

        // The same period through signed bundles and the provincial centre's import.
        var keys: [(id: String, key: [UInt8])] = []
        var files: [(name: String, bytes: [UInt8])] = []
        for tenant in tenants {
            let key = try SecureRandom.bytes(32)
            keys.append((tenant.deployment.centre.id, key))
            let bundle = try ProvinceRollup.bundle(deployment: tenant.deployment, reporting: tenant.application.composition.reporting,
                                                   period: period, createdAt: province.clock.now)
            files.append(("\(tenant.code).json", bundle.signed(key: key)))
        }
        let rollup = try ProvinceRollup(store: try StoreEngine.makeStore(), scoring: province.server.scoring)
        try rollup.importBundles(files, keys: ProvinceKeys(province: "phu-tho", communes: keys), at: province.clock.now, by: .system)
        let signed = try rollup.ranking(period: period)
        #expect(direct.map { "\($0.rank)/\($0.of) \($0.commune) \($0.scoreHundredths) \($0.gaps.map { "\($0.indicator)-\($0.lost)" })" }
                == signed.map { "\($0.rank)/\($0.of) \($0.commune) \($0.scoreHundredths) \($0.gaps.map { "\($0.indicator)-\($0.lost)" })" })

        try await province.test(.router) { client in
            let home = try await client.get("/?period=2026-03", as: .browser)
            #expect(home.status == 200)
            #expect(home.text.contains("Đang mở cửa") && home.text.contains("Xếp hạng 766"))
            let best = try #require(direct.first)
            #expect(home.text.contains(VietnameseNumber.decimal(best.scoreHundredths, decimals: 2)))
            let ranking = try await client.get("/api/v1/province/ranking?period=2026-03").json()
            #expect(ranking["ranking"]?.arrayValue?.count == 3)
            #expect(try await client.get("/api/v1/province/ranking?period=March").status == 400)
        }
    }

    /// Every `href`, `src` and `action` value of a page that starts with one `/`.
    static func rootRelativeLinks(_ page: String) -> [String] {
        var links: [String] = []
        for attribute in ["href=\"", "src=\"", "action=\""] {
            var rest = Substring(page)
            while let start = rest.range(of: " " + attribute) {
                rest = rest[start.upperBound...]
                guard rest.hasPrefix("/"), !rest.hasPrefix("//"), let end = rest.firstIndex(of: "\"") else { continue }
                links.append(String(rest[..<end]))
            }
        }
        return links
    }
}

extension TestClient {
    /// Signs a province account in at the province's root and answers its session cookie.
    func provinceSignIn(_ login: String) async throws -> Credential {
        let response = try await post("/api/v1/province/session", json: #"{"login":"\#(login)","password":"\#(TestHost.password)"}"#)
        guard response.status == 200, let cookie = response.headers["Set-Cookie"] else { throw TestFailure("province sign-in failed: \(response.text)") }
        return .cookie(String(cookie.split(separator: ";")[0]))
    }

    /// Signs `login` in at the centre under `/<code>/` and answers its session cookie.
    func signIn(_ login: String, at code: String) async throws -> Credential {
        let response = try await post("/\(code)/api/v1/session", json: #"{"login":"\#(login)","password":"\#(TestHost.password)"}"#)
        guard response.status == 200, let cookie = response.headers["Set-Cookie"] else { throw TestFailure("sign-in at \(code) failed: \(response.text)") }
        return .cookie(String(cookie.split(separator: ";")[0]))
    }
}

/// Province supervisors and administrators: signed in at the province, acting in every centre.
@Suite(.enabled(if: StoreEngine.all.contains(.postgresql)))
struct ProvinceRolesTests {
    @Test func aProvinceSupervisorSeesEveryCentreAndAClerkNone() async throws {
        let province = try await TestProvince(catalogue: BuiltinPlugins.catalogue, communes: ["an-binh.json", "au-co.json"])
        try await province.test(.router) { client in
            #expect(try await client.get("/reports", as: .browser).status == 303)
            let signIn = try await client.post("/api/v1/province/session", json: #"{"login":"giamsat","password":"\#(TestHost.password)"}"#)
            #expect(signIn.status == 200)
            let cookie = try #require(signIn.headers["Set-Cookie"])
            #expect(cookie.hasPrefix("motcua_province=") && cookie.contains("Path=/;"))
            let supervisor = Credential.cookie(String(cookie.split(separator: ";")[0]))

            let reports = try await client.get("/reports?period=2026-03", as: supervisor.with("Accept", "text/html"))
            #expect(reports.status == 200)
            #expect(reports.text.contains("An Bình") && reports.text.contains("Âu Cơ") && reports.text.contains("Giám sát tỉnh"))
            // In each centre the province supervisor is a supervisor: reports yes, staff accounts no.
            for code in [ProvinceServerTests.anBinh, ProvinceServerTests.auCo] {
                #expect(try await client.get("/\(code)/api/v1/session", as: supervisor).json()["account"]?["role"]?.stringValue == "supervisor")
                #expect(try await client.get("/\(code)/reports", as: supervisor.with("Accept", "text/html")).status == 200)
                #expect(try await client.get("/\(code)/api/v1/staff", as: supervisor).status == 403)
            }
            // A province administrator manages a centre's staff.
            let admin = try await client.post("/api/v1/province/session", json: #"{"login":"quantri","password":"\#(TestHost.password)"}"#)
            let adminCookie = Credential.cookie(String(try #require(admin.headers["Set-Cookie"]).split(separator: ";")[0]))
            let added = try await client.post("/\(ProvinceServerTests.auCo)/api/v1/staff", json: #"{"id":"hoa","displayName":"Trần Thị Hoa","role":"clerk","counter":"1"}"#,
                                              as: adminCookie)
            #expect(added.status == 201)
            #expect(try province.server.tenant(ProvinceServerTests.auCo)?.application.identity.accounts().contains { $0.id == "hoa" } == true)
            #expect(try province.server.tenant(ProvinceServerTests.anBinh)?.application.identity.accounts().contains { $0.id == "hoa" } == false)

            // A centre's clerk is nobody at the province.
            let clerk = try await client.signIn("lan", at: ProvinceServerTests.anBinh)
            #expect(try await client.get("/reports", as: clerk.with("Accept", "text/html")).status == 303)
            #expect(try await client.post("/api/v1/province/session", json: #"{"login":"lan","password":"\#(TestHost.password)"}"#).status == 401)
        }
    }

    @Test func signingOutInsideACentreEndsTheProvinceSession() async throws {
        let province = try await TestProvince(catalogue: BuiltinPlugins.catalogue, communes: ["an-binh.json", "au-co.json"])
        try await province.test(.router) { client in
            let signIn = try await client.post("/api/v1/province/session", json: #"{"login":"quantri","password":"\#(TestHost.password)"}"#)
            let admin = Credential.cookie(String(try #require(signIn.headers["Set-Cookie"]).split(separator: ";")[0]))
            #expect(try await client.get("/\(ProvinceServerTests.auCo)/api/v1/session", as: admin).status == 200)
            // A centre's own clerk signing out there leaves the province session alone.
            let clerk = try await client.signIn("lan", at: ProvinceServerTests.anBinh)
            let both = Credential.cookie("\(clerk.headers[0].value); \(admin.headers[0].value)")
            let own = try await client.delete("/\(ProvinceServerTests.anBinh)/api/v1/session", as: both)
            #expect(own.status == 204 && !own.headers.values(for: "Set-Cookie").contains { $0.hasPrefix("motcua_province=") })
            #expect(try await client.get("/\(ProvinceServerTests.auCo)/api/v1/session", as: admin).status == 200)
            // The province account signing out inside Âu Cơ is signed out of the province too.
            let out = try await client.delete("/\(ProvinceServerTests.auCo)/api/v1/session", as: admin)
            #expect(out.status == 204)
            #expect(out.headers.values(for: "Set-Cookie").contains { $0.hasPrefix("motcua_province=;") && $0.contains("Path=/;") && $0.contains("Max-Age=0") })
            #expect(try await client.get("/\(ProvinceServerTests.auCo)/api/v1/queue", as: admin).status == 401)
            #expect(try await client.get("/reports", as: admin.with("Accept", "text/html")).status == 303)
        }
    }

    @Test func aProvinceAdministratorGivesANewCentreItsFirstAdministrator() async throws {
        let province = try await TestProvince(catalogue: BuiltinPlugins.catalogue, communes: ["an-binh.json"])
        try province.addManifest("ban-nguyen.json")
        #expect(await province.server.reload(province.folder, factory: province.factory, language: .en).added.count == 1)
        let banNguyen = "08527", anBinh = ProvinceServerTests.anBinh
        let centre = try #require(province.server.tenant(banNguyen))
        #expect(try centre.application.identity.accounts().isEmpty)
        try await province.test(.router) { client in
            let admin = try await client.provinceSignIn("quantri")
            let supervisor = try await client.provinceSignIn("giamsat")
            #expect(try await client.get("/staff", as: .browser).status == 303)

            // The province's staff page: the new centre has nobody, the administrator is asked for its first one.
            let page = try await client.get("/staff?centre=\(banNguyen)", as: admin.with("Accept", "text/html"))
            #expect(page.status == 200)
            #expect(page.text.contains("Bản Nguyên") && page.text.contains("Trung tâm chưa có quản trị viên đang hoạt động"))
            #expect(page.text.contains("data-api=\"/\(banNguyen)/api/v1/staff\"") && page.text.contains("<option value=\"admin\" selected>"))
            // A province supervisor reads it without the forms, and is refused a change.
            let read = try await client.get("/staff?centre=\(banNguyen)", as: supervisor.with("Accept", "text/html"))
            #expect(read.status == 200 && !read.text.contains("data-api=\"/\(banNguyen)/api/v1/staff\""))
            let account = #"{"id":"hanh","displayName":"Phạm Thị Hạnh","role":"admin"}"#
            let refused = try await client.post("/\(banNguyen)/api/v1/staff", json: account, as: supervisor)
            #expect(refused.status == 403 && refused.errorCode == "auth.forbidden")

            // The province administrator creates the first administrator; the centre's journal names the province account.
            let created = try await client.post("/\(banNguyen)/api/v1/staff", json: account, as: admin)
            #expect(created.status == 201)
            let oneTime = try #require(try created.json()["oneTimePassword"]?.stringValue)
            let journal = try centre.application.store.journalEntries(after: 0, limit: 1_000)
            #expect(journal.contains { $0.kind == "staff.added" && $0.actor == "staff:province.quantri" && $0.subject == "staff:hanh" })
            let listed = try await client.get("/api/v1/province/centres/\(banNguyen)/staff", as: supervisor).json()
            #expect(listed["accounts"]?.arrayValue?.compactMap { $0["displayName"]?.stringValue } == ["Phạm Thị Hạnh"])
            #expect(try await client.get("/api/v1/province/centres/\(banNguyen)/staff").status == 401)
            #expect(try await client.get("/api/v1/province/centres/99999/staff", as: supervisor).status == 404)

            // She signs in at /08527/ and must choose her own password before anything else.
            let signIn = try await client.post("/\(banNguyen)/api/v1/session", json: #"{"login":"hanh","password":"\#(oneTime)"}"#)
            #expect(signIn.status == 200)
            let mustChange = try signIn.json()["account"]?["mustChangePassword"]?.boolValue
            #expect(mustChange == true)
            let hanh = Credential.cookie(String(try #require(signIn.headers["Set-Cookie"]).split(separator: ";")[0]))
            #expect(try await client.get("/\(banNguyen)/api/v1/staff", as: hanh).errorCode == "identity.password-change-required")
            let password = "Mat-khau-rieng-7391-xa"
            let changed = try await client.post("/\(banNguyen)/api/v1/account/password", json: #"{"current":"\#(oneTime)","password":"\#(password)"}"#, as: hanh)
            #expect(changed.status == 200)
            #expect(try await client.get("/\(banNguyen)/api/v1/staff", as: hanh).status == 200)
            // A centre's administrator manages no other centre.
            let elsewhere = try await client.post("/\(anBinh)/api/v1/staff", json: #"{"id":"khac","displayName":"Người Khác","role":"clerk"}"#, as: hanh)
            #expect(elsewhere.status == 403)

            // A new password (shown once, to change), disable and enable, by the province administrator.
            #expect(try await client.post("/\(banNguyen)/api/v1/staff", json: #"{"id":"tuan","displayName":"Lê Văn Tuấn","role":"clerk","counter":"1"}"#, as: admin).status == 201)
            let reset = try await client.post("/\(banNguyen)/api/v1/staff/tuan/password", json: "{}", as: admin)
            #expect(reset.status == 200)
            let newOneTime = try reset.json()["oneTimePassword"]?.stringValue
            #expect(newOneTime?.isEmpty == false)
            #expect(try centre.application.identity.account("tuan")?.mustChangePassword == true)
            #expect(try await client.post("/\(banNguyen)/api/v1/staff/tuan/disable", json: "{}", as: supervisor).status == 403)
            #expect(try await client.post("/\(banNguyen)/api/v1/staff/tuan/disable", json: "{}", as: admin).status == 200)
            #expect(try centre.application.identity.account("tuan")?.disabled == true)
            let disabledPage = try await client.get("/staff?centre=\(banNguyen)", as: admin.with("Accept", "text/html"))
            #expect(disabledPage.text.contains("data-url=\"/\(banNguyen)/api/v1/staff/tuan/enable\""))
            #expect(try await client.post("/\(banNguyen)/api/v1/staff/tuan/enable", json: "{}", as: supervisor).status == 403)
            #expect(try await client.post("/\(banNguyen)/api/v1/staff/tuan/enable", json: "{}", as: admin).status == 200)
            #expect(try centre.application.identity.account("tuan")?.disabled == false)
            let entries = try centre.application.store.journalEntries(after: 0, limit: 1_000).filter { $0.actor == "staff:province.quantri" }.map(\.kind)
            #expect(entries == ["staff.added", "staff.added", "staff.password-set", "staff.disabled", "staff.enabled"])
        }
    }
}
