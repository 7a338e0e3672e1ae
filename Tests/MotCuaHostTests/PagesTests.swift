import Foundation
import MotCuaCore
import MotCuaHost
import Testing

/// Builds deployments and callers for the page tests.
enum PageFixtures {
    static let centreName = "UBND xã Đào Xá"

    /// A deployment of two enabled sectors (one more defined but off), two counters and
    /// Monday–Friday plus Saturday morning hours; `name` is the centre's Vietnamese name.
    static func deployment(name: String = centreName, address: String? = nil) throws -> Deployment {
        let nameJSON = try #require(String(data: JSONEncoder().encode(name), encoding: .utf8))
        let addressJSON = try address.map { try #require(String(data: JSONEncoder().encode($0), encoding: .utf8)) }
        let manifest = """
        { "centre": { "id": "t.dao-xa", "name": { "vi": \(nameJSON), "en": "Dao Xa Commune" }, "level": "commune", "unitCode": "12345",
                      "province": { "code": "25", "name": { "vi": "Phú Thọ", "en": "Phu Tho" } }, "agencyCode": "A",
                      "timeZone": "Asia/Ho_Chi_Minh"\(addressJSON.map { ", \"address\": \($0), \"phone\": \"0210 3 123 456\"" } ?? "") },
          "hours": { "mon": ["07:30-11:30", "13:30-17:00"], "tue": ["07:30-11:30", "13:30-17:00"], "wed": ["07:30-11:30", "13:30-17:00"],
                     "thu": ["07:30-11:30", "13:30-17:00"], "fri": ["07:30-11:30", "13:30-17:00"], "sat": ["07:30-11:30"] },
          "sectors": [ { "id": "ho-tich", "name": { "vi": "Hộ tịch", "en": "Civil status" } },
                       { "id": "chung-thuc", "name": { "vi": "Chứng thực", "en": "Certification" } },
                       { "id": "dat-dai", "name": { "vi": "Đất đai", "en": "Land" } } ],
          "procedures": [],
          "enable": { "sectors": ["ho-tich", "chung-thuc"] },
          "counters": [ { "id": "1", "name": { "vi": "Quầy 1", "en": "Counter 1" }, "sectors": ["ho-tich", "chung-thuc"] },
                        { "id": "2", "name": { "vi": "Quầy 2", "en": "Counter 2" }, "sectors": ["chung-thuc"] } ],
          "plugins": {} }
        """
        let loader = ManifestLoader(source: InMemoryManifestSource(texts: ["m.json": manifest]), plugins: [])
        return try #require(try loader.load("m.json").deployment)
    }

    // The identity types have no public initialiser; they are built as the host sends them.
    static func account(_ id: String, _ name: String, _ role: StaffRole, counter: String? = nil, disabled: Bool = false) -> StaffAccount {
        var json: [String: Any] = ["id": id, "displayName": name, "role": role.rawValue, "disabled": disabled]
        json["counter"] = counter
        return try! JSONDecoder().decode(StaffAccount.self, from: JSONSerialization.data(withJSONObject: json))
    }

    static func device(_ id: String, _ kind: DeviceKind, _ name: String, counter: String? = nil, revoked: Bool = false) -> PairedDevice {
        var json: [String: Any] = ["id": id, "kind": kind.rawValue, "name": name, "revoked": revoked]
        json["counter"] = counter
        return try! JSONDecoder().decode(PairedDevice.self, from: JSONSerialization.data(withJSONObject: json))
    }

    static let clerk = account("lan.nt", "Nguyễn Thị Lan", .clerk, counter: "1")
    static let supervisor = account("hung.tv", "Trần Văn Hùng", .supervisor)
    static let admin = account("admin", "Quản trị viên", .admin)
    static let formerClerk = account("cu.pv", "Phạm Văn Cư", .clerk, counter: "2", disabled: true)
    static let kiosk = device("kiosk-1", .kiosk, "Máy lấy số sảnh chính")
    static let oldTablet = device("rating-2", .rating, "Máy đánh giá quầy 2", counter: "2", revoked: true)

    static func context(_ language: Language = .vi, caller: Caller = .citizen, path: String = "/", deployment: Deployment? = nil) throws -> PageContext {
        PageContext(language: language, deployment: try deployment ?? self.deployment(), caller: caller, path: path)
    }
}

extension String {
    /// How many times `needle` occurs, without overlaps.
    func occurrences(of needle: String) -> Int {
        components(separatedBy: needle).count - 1
    }
}

@Suite("Web pages")
struct PagesTests {
    enum Page: String, CaseIterable, CustomTestStringConvertible {
        case signIn, pair, home, staffAdmin, deviceAdmin, notFound, forbidden

        var testDescription: String { rawValue }

        func render(_ context: PageContext) -> Markup {
            switch self {
            case .signIn: Pages.signIn(context: context, next: "/")
            case .pair: Pages.pair(context: context)
            case .home: Pages.home(context: context, devices: [PageFixtures.kiosk], pluginKinds: PluginKind.allCases)
            case .staffAdmin: Pages.staffAdmin(context: context, accounts: [PageFixtures.clerk, PageFixtures.formerClerk])
            case .deviceAdmin: Pages.deviceAdmin(context: context, devices: [PageFixtures.kiosk, PageFixtures.oldTablet])
            case .notFound: Pages.notFound(context: context)
            case .forbidden: Pages.forbidden(context: context, message: WebStrings.notFoundNote)
            }
        }
    }

    @Test("every page is a whole document with its title, stylesheet and script", arguments: Page.allCases)
    func wholeDocument(page: Page) throws {
        let html = page.render(try PageFixtures.context(caller: .staff(PageFixtures.admin))).html
        #expect(html.hasPrefix("<!doctype html>\n<html lang=\"vi\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(html.contains("<link rel=\"stylesheet\" href=\"/assets/app.css\">"))
        #expect(html.contains("<script src=\"/assets/app.js\" defer></script>"))
        #expect(html.occurrences(of: "<title>") == 1 && html.contains("· UBND xã Đào Xá</title>"))
        #expect(html.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("</html>"))
        for tag in ["main", "header", "section", "form", "table", "output", "ul", "select"] {
            #expect(html.occurrences(of: "<\(tag)>") + html.occurrences(of: "<\(tag) ") == html.occurrences(of: "</\(tag)>"), "unbalanced <\(tag)>")
        }
    }

    @Test("pages speak Vietnamese by default and English when asked")
    func languages() throws {
        let vi = Pages.signIn(context: try PageFixtures.context(path: "/signin"), next: "/")
        #expect(vi.contains("<html lang=\"vi\">"))
        for label in ["Đăng nhập", "Tên đăng nhập", "Mật khẩu", "UBND xã Đào Xá"] { #expect(vi.contains(label)) }

        let en = Pages.signIn(context: try PageFixtures.context(.en, path: "/signin"), next: "/")
        #expect(en.contains("<html lang=\"en\">"))
        for label in ["Sign in", "Login", "Password", "Dao Xa Commune"] { #expect(en.contains(label)) }
        #expect(!en.contains("Mật khẩu"))
    }

    @Test("the language switch links back to the current page and marks the current language")
    func languageSwitch() throws {
        let html = Pages.staffAdmin(context: try PageFixtures.context(.en, caller: .staff(PageFixtures.admin), path: "/admin/staff"), accounts: [])
        #expect(html.contains("<a href=\"/admin/staff?lang=vi\" hreflang=\"vi\" lang=\"vi\">Tiếng Việt</a>"))
        #expect(html.contains("<a href=\"/admin/staff?lang=en\" hreflang=\"en\" lang=\"en\" aria-current=\"true\">English</a>"))
    }

    @Test("HTML.escape neutralises every character that could open a tag or close an attribute")
    func escaping() {
        #expect(HTML.escape(#"<a href="x" title='y'>&</a>"#) == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;")
        #expect(HTML.escape("Quầy 1 — Hộ tịch") == "Quầy 1 — Hộ tịch")
    }

    @Test("hostile names from the manifest, accounts and devices come out escaped")
    func hostileNames() throws {
        let hostile = #"Xã "A" <script>alert('x')</script> & co"#
        let deployment = try PageFixtures.deployment(name: hostile, address: "<img src=x onerror=alert(1)>")
        var account = PageFixtures.clerk
        account.displayName = "<script>steal()</script>"
        account.id = "a\"><script>"
        var device = PageFixtures.kiosk
        device.name = "<b onmouseover=x>"
        device.id = "k'1"
        let context = try PageFixtures.context(caller: .staff(account), deployment: deployment)
        let pages = [
            Pages.home(context: context, devices: [device], pluginKinds: PluginKind.allCases),
            Pages.staffAdmin(context: context, accounts: [account]),
            Pages.deviceAdmin(context: context, devices: [device]),
        ]
        for html in pages {
            #expect(!html.contains("<script>"))
            #expect(!html.contains("<img"))
            #expect(!html.contains("<b "))
            #expect(html.contains("Xã &quot;A&quot; &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"))
        }
        // Ids in URLs are percent-encoded, so they cannot break out of the path either.
        #expect(pages[1].contains("data-url=\"/api/v1/staff/a%22%3E%3Cscript%3E/disable\""))
        #expect(pages[2].contains("data-url=\"/api/v1/devices/k%271/revoke\""))
    }

    @Test("the header shows who is signed in and how to sign in or out")
    func header() throws {
        let staff = Pages.notFound(context: try PageFixtures.context(caller: .staff(PageFixtures.clerk)))
        #expect(staff.contains("<strong>Nguyễn Thị Lan</strong> <span class=\"caller-role\">Cán bộ tiếp nhận</span>"))
        #expect(staff.contains("data-action=\"signout\""))
        #expect(!staff.contains("href=\"/signin\""))

        let device = Pages.notFound(context: try PageFixtures.context(caller: .device(PageFixtures.kiosk)))
        #expect(device.contains("<strong>Máy lấy số sảnh chính</strong> <span class=\"caller-role\">Máy lấy số</span>"))
        #expect(!device.contains("data-action=\"signout\""))
        #expect(!device.contains("href=\"/signin\""))

        // Screens the public faces name the centre, never the device showing them.
        let kioskContext = try PageFixtures.context(caller: .device(PageFixtures.kiosk))
        let sectors = [SectorStatus(sector: "ho-tich", prefix: "HT", waiting: 0, issuedToday: 0, servedToday: 0, dailyCap: nil, available: true,
                                    unavailableReason: nil, nextOpening: nil, estimatedWaitSeconds: 0, averageServiceSeconds: 300)]
        let publicScreens = [Pages.kiosk(context: kioskContext, sectors: sectors, groups: []),
                             Pages.ratingTablet(context: kioskContext, scale: RatingScale(levels: [.init(value: 1, label: LocalizedText(vi: "Chưa hài lòng", en: "Dissatisfied")), .init(value: 2, label: LocalizedText(vi: "Hài lòng", en: "Satisfied"))], reasons: [], lowAtOrBelow: 1, timeoutSeconds: 30), counter: "1")]
        for screen in publicScreens {
            #expect(!screen.contains("Máy lấy số sảnh chính"))
            #expect(!screen.contains("class=\"caller\""))
            #expect(screen.contains(kioskContext.deployment.centre.name.vi))
        }

        let citizen = Pages.notFound(context: try PageFixtures.context())
        #expect(citizen.contains("<a class=\"button small\" href=\"/signin\">Đăng nhập</a>"))
        #expect(!citizen.contains("class=\"caller\""))
    }

    @Test("home greys out the pages whose plugin kind the deployment lacks")
    func homeGreysOutMissingKinds() throws {
        let html = Pages.home(context: try PageFixtures.context(caller: .staff(PageFixtures.clerk)), devices: nil, pluginKinds: [.queueing, .intake])
        for path in ["/kiosk", "/board", "/counter", "/lookup", "/reception", "/overdue"] { #expect(html.contains("href=\"\(path)\"")) }
        for path in ["/rating", "/reports", "/payments/cashier"] { #expect(!html.contains("href=\"\(path)\"")) }
        #expect(html.occurrences(of: "Chưa bật trong cấu hình này") == 3)
        #expect(html.occurrences(of: "class=\"card is-off\"") == 3)

        let full = Pages.home(context: try PageFixtures.context(.en), devices: nil, pluginKinds: PluginKind.allCases)
        #expect(!full.contains("Not enabled in this deployment"))
        let none = Pages.home(context: try PageFixtures.context(.en), devices: nil, pluginKinds: [])
        #expect(none.occurrences(of: "Not enabled in this deployment") == 6)
    }

    @Test("home shows the devices card to supervisors and administrators, the staff card to administrators",
          arguments: [(Caller.citizen, false, false), (.device(PageFixtures.kiosk), false, false), (.staff(PageFixtures.clerk), false, false),
                      (.staff(PageFixtures.supervisor), false, true), (.staff(PageFixtures.admin), true, true)])
    func adminCards(caller: Caller, staffShown: Bool, devicesShown: Bool) throws {
        let html = Pages.home(context: try PageFixtures.context(caller: caller), devices: nil, pluginKinds: PluginKind.allCases)
        #expect(html.contains("href=\"/admin/staff\"") == staffShown)
        #expect(html.contains("href=\"/admin/devices\"") == devicesShown)
        #expect(html.contains("Quản lý cán bộ") == staffShown)
    }

    @Test("home lists the enabled sectors, each counter's sectors, the hours per weekday, and devices when given")
    func homeCentreFacts() throws {
        let html = Pages.home(context: try PageFixtures.context(caller: .staff(PageFixtures.supervisor)),
                              devices: [PageFixtures.kiosk, PageFixtures.oldTablet], pluginKinds: PluginKind.allCases)
        #expect(html.contains("<li>Hộ tịch</li>") && html.contains("<li>Chứng thực</li>"))
        #expect(!html.contains("Đất đai"))
        #expect(html.contains("<tr><th scope=\"row\">Quầy 1</th><td>Hộ tịch, Chứng thực</td></tr>"))
        #expect(html.contains("<tr><th scope=\"row\">Thứ Hai</th><td>07:30–11:30, 13:30–17:00</td></tr>"))
        #expect(html.contains("<tr><th scope=\"row\">Thứ Bảy</th><td>07:30–11:30</td></tr>"))
        #expect(html.contains("<tr><th scope=\"row\">Chủ nhật</th><td><span class=\"closed\">Nghỉ</span></td></tr>"))
        #expect(html.contains("Thiết bị đã ghép nối"))
        #expect(html.contains("<code>rating-2</code></td><td>Máy đánh giá</td><td>Máy đánh giá quầy 2</td><td>Quầy 2</td><td><span class=\"badge off\">Đã thu hồi</span>"))
        // Home lists devices read-only; revoking is done on the devices page.
        #expect(!html.contains("/revoke"))

        let citizen = Pages.home(context: try PageFixtures.context(.en), devices: nil, pluginKinds: PluginKind.allCases)
        #expect(!citizen.contains("Paired devices"))
        #expect(citizen.contains("<tr><th scope=\"row\">Sunday</th><td><span class=\"closed\">Closed</span></td></tr>"))
    }

    @Test("staff admin shows disabled accounts as such, offers disabling and new passwords on active ones and enabling on disabled ones")
    func staffAdmin() throws {
        let html = Pages.staffAdmin(context: try PageFixtures.context(caller: .staff(PageFixtures.admin), path: "/admin/staff"),
                                    accounts: [PageFixtures.clerk, PageFixtures.formerClerk])
        #expect(html.contains("<tr class=\"is-disabled\"><td><code>cu.pv</code></td><td>Phạm Văn Cư</td><td>Cán bộ tiếp nhận</td><td class=\"long-name\">Quầy 2</td><td><span class=\"badge off\">Đã khoá</span></td><td><button type=\"button\" class=\"button small\" data-action=\"post\" data-url=\"/api/v1/staff/cu.pv/enable\" data-confirm=\"Mở khoá tài khoản này?"))
        #expect(html.contains("data-action=\"post\" data-url=\"/api/v1/staff/lan.nt/disable\" data-confirm=\"Khoá tài khoản này?"))
        #expect(html.contains("data-url=\"/api/v1/staff/lan.nt/password\""))
        #expect(html.contains("data-output=\"otp-lan.nt\"") && html.contains("<output class=\"result\" id=\"otp-lan.nt\""))
        #expect(!html.contains("/api/v1/staff/cu.pv/disable") && !html.contains("/api/v1/staff/cu.pv/password") && !html.contains("/api/v1/staff/lan.nt/enable"))

        #expect(html.contains("<form method=\"post\" data-api=\"/api/v1/staff\" data-method=\"POST\">"))
        for name in ["id", "displayName", "role", "counter", "password"] { #expect(html.contains("name=\"\(name)\"")) }
        #expect(html.contains("<option value=\"clerk\" selected>Cán bộ tiếp nhận</option>"))
        #expect(html.contains("<option value=\"supervisor\">Lãnh đạo trung tâm</option>"))
        #expect(html.contains("<option value=\"admin\">Quản trị</option>"))
        #expect(html.contains("<option value=\"\">Không gán quầy</option>\n<option value=\"1\">Quầy 1</option>\n<option value=\"2\">Quầy 2</option>"))
        // The password is optional so the server can generate a one-time one.
        #expect(html.contains("<input id=\"staff-password\" name=\"password\" type=\"password\" autocomplete=\"new-password\" aria-describedby"))
        #expect(html.contains("Mật khẩu chỉ hiển thị một lần"))
    }

    @Test("device admin offers revoke on live devices and a form that shows the pairing code")
    func deviceAdmin() throws {
        let html = Pages.deviceAdmin(context: try PageFixtures.context(caller: .staff(PageFixtures.supervisor)),
                                     devices: [PageFixtures.kiosk, PageFixtures.oldTablet])
        #expect(html.contains("data-url=\"/api/v1/devices/kiosk-1/revoke\""))
        #expect(!html.contains("/api/v1/devices/rating-2/revoke"))
        #expect(html.contains("<form method=\"post\" data-api=\"/api/v1/devices\" data-method=\"POST\">"))
        for name in ["id", "kind", "name", "counter"] { #expect(html.contains("name=\"\(name)\"")) }
        for kind in DeviceKind.allCases { #expect(html.contains("<option value=\"\(kind.rawValue)\">\(kind.title.vi)</option>")) }
        #expect(html.contains("<output class=\"result\" aria-live=\"polite\" hidden>"))
        #expect(html.contains("Trên thiết bị, mở /pair và nhập mã này trong 10 phút."))
        #expect(html.contains("class=\"result-expiry\""))

        let empty = Pages.deviceAdmin(context: try PageFixtures.context(.en, caller: .staff(PageFixtures.admin)), devices: [])
        #expect(empty.contains("No device is paired yet."))
    }

    @Test("sign-in posts to the session endpoint and goes on only to a local path",
          arguments: [("/admin/staff", "/admin/staff"), ("//evil.example/x", "/"), ("https://evil.example", "/"),
                      ("/\\evil.example", "/"), ("javascript:alert(1)", "/"), ("", "/")])
    func signIn(next: String, expected: String) throws {
        let html = Pages.signIn(context: try PageFixtures.context(path: "/signin"), next: next)
        let action = expected.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        #expect(html.contains("<form method=\"post\" action=\"/signin?next=\(action)\" data-api=\"/api/v1/session\" data-method=\"POST\" data-next=\"\(expected)\">"))
        #expect(html.contains("<input id=\"login\" name=\"login\" type=\"text\" value=\"\" autocomplete=\"username\""))
        #expect(html.contains("required autofocus"))
        #expect(html.contains("name=\"password\" type=\"password\" autocomplete=\"current-password\" required"))
        #expect(html.contains("<p class=\"form-error\" role=\"alert\" hidden></p>"))
        // The sign-in page does not link to itself from the header.
        #expect(!html.contains("href=\"/signin\""))
    }

    @Test("pairing asks for exactly eight digits and goes home after")
    func pair() throws {
        let html = Pages.pair(context: try PageFixtures.context(path: "/pair"))
        #expect(html.contains("<form method=\"post\" data-api=\"/api/v1/devices/pair\" data-method=\"POST\" data-next=\"/\">"))
        #expect(html.contains("name=\"code\""))
        #expect(html.contains("inputmode=\"numeric\" pattern=\"\\d{8}\" maxlength=\"8\""))
        #expect(html.contains("Ghép nối thiết bị") && html.contains("Mã ghép nối"))
    }

    @Test("not found and forbidden say what happened; a citizen is offered to sign in")
    func errorPages() throws {
        let missing = Pages.notFound(context: try PageFixtures.context(.en, path: "/nowhere"))
        #expect(missing.contains("<h1>Page not found</h1>"))
        #expect(missing.contains("<a class=\"button\" href=\"/\">Back to the home page</a>"))

        let message = LocalizedText(vi: "Trang này dành cho lãnh đạo trung tâm.", en: "This page is for supervisors.")
        let citizen = Pages.forbidden(context: try PageFixtures.context(path: "/admin/staff"), message: message)
        #expect(citizen.contains("<h1>Không có quyền truy cập</h1>"))
        #expect(citizen.contains("<p>Trang này dành cho lãnh đạo trung tâm.</p>"))
        #expect(citizen.contains("href=\"/signin?next=/admin/staff\""))

        let clerk = Pages.forbidden(context: try PageFixtures.context(caller: .staff(PageFixtures.clerk), path: "/admin/staff"), message: message)
        #expect(!clerk.contains("/signin?next="))
    }

    @Test("a duration is written in words: under a minute, minutes and seconds, hours and minutes",
          arguments: [(0, "dưới 1 phút", "under 1 min"), (2, "dưới 1 phút", "under 1 min"), (60, "1 phút", "1 min"),
                      (80, "1 phút 20 giây", "1 min 20 s"), (3_599, "59 phút 59 giây", "59 min 59 s"),
                      (3_930, "1 giờ 5 phút", "1 h 5 min"), (7_200, "2 giờ", "2 h")])
    func durations(seconds: Int, vi: String, en: String) {
        #expect(Pages.durationText(seconds: seconds, .vi) == vi)
        #expect(Pages.durationText(seconds: seconds, .en) == en)
    }

    @Test("the supervisor's view shows today's measured average service in words, a dash before any, and the day as a date")
    func supervisorAverageService() throws {
        func sector(_ id: String, average: Int?) -> SectorStatus {
            SectorStatus(sector: id, prefix: "HT", waiting: 0, issuedToday: 3, servedToday: average == nil ? 0 : 3, dailyCap: nil, available: true,
                         unavailableReason: nil, nextOpening: nil, estimatedWaitSeconds: 0, averageServiceSeconds: 420, servedTodayAverageSeconds: average)
        }
        let snapshot = QueueSnapshot(waiting: [], atCounters: [], day: "2026-03-02",
                                     sectors: [sector("ho-tich", average: 80), sector("chung-thuc", average: nil)])
        let page = Pages.queueSupervisor(context: try PageFixtures.context(caller: .staff(PageFixtures.supervisor), path: "/queue/supervisor"),
                                         snapshot: snapshot).description
        #expect(page.contains("<td>1 phút 20 giây</td>"))
        #expect(page.contains("<td>—</td>"))
        #expect(!page.contains("7 phút"))  // the estimate's default is not a measurement
        #expect(page.contains("02/03/2026") && !page.contains("2026-03-02"))
        let english = Pages.queueSupervisor(context: try PageFixtures.context(.en, caller: .staff(PageFixtures.supervisor), path: "/queue/supervisor"),
                                            snapshot: snapshot).description
        #expect(english.contains("<td>1 min 20 s</td>") && english.contains("Average service today"))
    }

    @Test("the footer gives the centre's address and phone when the manifest has them")
    func footer() throws {
        let deployment = try PageFixtures.deployment(address: "Thôn Đông, xã Đào Xá")
        let html = Pages.notFound(context: try PageFixtures.context(deployment: deployment))
        #expect(html.contains("Địa chỉ: Thôn Đông, xã Đào Xá"))
        #expect(html.contains("<a href=\"tel:02103123456\">0210 3 123 456</a>"))
        #expect(!Pages.notFound(context: try PageFixtures.context()).contains("<footer"))
    }

    @Test("the lookup page offers the fees, the rating and a booking only when the deployment has those plugins")
    func lookupLinksFollowThePlugins() throws {
        let deployment = try PageFixtures.deployment()
        let received = Date(timeIntervalSince1970: 1_772_413_200)
        var dossier = Dossier(code: "A-260302-0001", procedure: "1.000001", channel: .counter, applicantName: "Nguyễn Văn An",
                              receivedAt: received, dueAt: received.addingTimeInterval(86_400))
        var offers: PageContext.Offers = []
        func page() throws -> Markup {
            var context = try PageFixtures.context(deployment: deployment)
            context.offers = offers
            return Pages.lookup(context: context, code: dossier.code, searched: true, dossier: dossier,
                         history: [], needsPhone: false, sector: nil)
        }
        let bare = try page()
        #expect(!bare.contains("/payments/status") && !bare.contains("/rate?") && !bare.contains("href=\"/appointments\""))
        offers = [.payments, .ratings, .booking]
        let received2 = try page()
        #expect(received2.contains("href=\"/payments/status?dossier=A-260302-0001\""))
        #expect(received2.contains("href=\"/appointments\""))
        #expect(!received2.contains("href=\"/rate"), "only a returned dossier can be rated")
        dossier.status = .returned
        // The rating page asks for the rating code on the receipt; the dossier code rates nothing.
        #expect(try page().contains("href=\"/rate\""))
    }

    @Test("every script parses, alone and bundled, and every style sheet closes the blocks it opens")
    func assetsAreWellFormed() throws {
        let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/MotCuaHost/Resources")
        let files = try FileManager.default.contentsOfDirectory(atPath: resources.path).sorted()
        let kinds = PluginKind.allCases.map(\.rawValue)
        #expect(files.filter { $0.hasSuffix(".js") } == (["api"] + kinds).map { "\($0).js" }.sorted())
        #expect(files.filter { $0.hasSuffix(".css") } == (["layout"] + kinds).map { "\($0).css" }.sorted())
        for file in files where file.hasSuffix(".css") {
            let css = try String(contentsOf: resources.appendingPathComponent(file), encoding: .utf8)
            var depth = 0
            for character in css {
                if character == "{" { depth += 1 }
                if character == "}" { depth -= 1 }
                #expect(depth >= 0, "\(file) closes a block it never opened")
            }
            #expect(depth == 0, "\(file) leaves \(depth) block(s) open")
        }
        // Parsing needs Node.js; without it only the style sheets are checked.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/node") else { return }
        var bundle = ""
        for name in ["api"] + kinds {
            bundle += try String(contentsOf: resources.appendingPathComponent("\(name).js"), encoding: .utf8) + "\n"
        }
        let bundled = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-app-\(UUID().uuidString).js")
        try bundle.write(to: bundled, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: bundled) }
        for script in files.filter({ $0.hasSuffix(".js") }).map({ resources.appendingPathComponent($0) }) + [bundled] {
            let node = Process()
            node.executableURL = URL(fileURLWithPath: "/usr/bin/node")
            node.arguments = ["--check", script.path]
            node.standardError = FileHandle.nullDevice
            try node.run()
            node.waitUntilExit()
            #expect(node.terminationStatus == 0, "node --check rejects \(script.lastPathComponent)")
        }
    }

    @Test("every catalogue string has Vietnamese and English, and the catalogue lists them all")
    func catalogue() throws {
        for text in WebStrings.all {
            #expect(!text.vi.trimmingCharacters(in: .whitespaces).isEmpty, "missing Vietnamese for \(text.en)")
            #expect(!text.en.trimmingCharacters(in: .whitespaces).isEmpty, "missing English for \(text.vi)")
        }
        for day in Weekday.allCases { #expect(WebStrings.all.contains(WebStrings.weekday(day))) }
        // Keep `all` complete: it must name as many entries as the catalogue files declare.
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/MotCuaHost")
        var declared = 0
        // The shared catalogue sits in Pages/, each kind's part in Kinds/<Kind>/.
        let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        for file in files where (file as NSString).lastPathComponent.hasPrefix("WebStrings") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            declared += text.occurrences(of: "public static let ")
        }
        #expect(declared - 1 == WebStrings.all.count, "WebStrings.all misses an entry")
    }
}
