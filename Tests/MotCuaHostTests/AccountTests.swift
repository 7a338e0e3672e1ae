import Foundation
import MotCuaCore
@testable import MotCuaHost
import MotCuaStore
import MotCuaTesting
import Testing

@Suite("Accounts: password rules, one-time passwords, the last administrator, persisted throttling")
struct AccountTests {
    static let rules = PasswordRules(forbiddenWords: [PasswordRules.fold("Đào Xá")])

    @Test("Weak passwords are refused with the reason", arguments: [
        ("short-pass", "too-short"),
        ("password1234", "common"),
        ("Sunshine2024!!", "common"),
        ("matkhau123456", "common"),
        ("aaaaaaaaaaaa", "predictable"),
        ("123456789012", "predictable"),
        ("LAN.NGUYEN!!!!", "contains-login"),
        ("Đào-Xá mùa thu 25", "contains-centre"),
        ("good words\u{0}here", "control-character"),
    ])
    func weakPasswords(password: String, reason: String) {
        let problem = Self.rules.problem(with: password, login: "lan.nguyen")
        #expect(problem?.code == "identity.weak-password")
        #expect(problem?.details.first?.code == reason)
        #expect(problem?.details.first?.field == "password")
        #expect(problem?.message.vi.isEmpty == false)
    }

    @Test("A password equal to the login is refused")
    func passwordEqualToLogin() {
        #expect(Self.rules.problem(with: "thu.ky.xa.dao", login: "thu.ky.xa.dao")?.details.first?.code == "contains-login")
    }

    @Test("Long unrelated words are accepted", arguments: ["mua thu ha noi 2025", "correct-horse-1", "Bầu trời xanh lắm mây"])
    func goodPasswords(password: String) {
        #expect(Self.rules.problem(with: password, login: "lan.nguyen") == nil)
    }

    @Test("The shipped list has tens of thousands of entries")
    func listSize() {
        #expect(PasswordRules.common.count > 30_000)
        #expect(PasswordRules.common.contains("qwertyuiop"))
    }

    private func service(_ store: (any Store)? = nil, policy adjust: (inout IdentityService.Policy) -> Void = { _ in }) throws -> IdentityService {
        var policy = IdentityService.Policy()
        policy.passwordIterations = 1_000
        adjust(&policy)
        return try IdentityService(store: store ?? SQLiteStore.inMemory(), clock: SystemClock(), policy: policy)
    }

    @Test("A one-time password forces a change, then stops working")
    func oneTimePassword() throws {
        let identity = try service()
        let created = try identity.addAccount(id: "lan", displayName: "Lan", role: .clerk, by: .system)
        let once = try #require(created.oneTimePassword)
        #expect(created.account.mustChangePassword)
        let session = try identity.signIn(id: "lan", password: once, remote: "10.0.0.5:4000")
        #expect(session.account.mustChangePassword)
        // A weak choice is refused and changes nothing.
        let weak = #expect(throws: Problem.self) {
            try identity.changePassword(session: session.token, current: once, new: "password1234", remote: "10.0.0.5:4000")
        }
        #expect(weak?.code == "identity.weak-password")
        let changed = try identity.changePassword(session: session.token, current: once, new: "mua thu ha noi 2025", remote: "10.0.0.5:4000")
        #expect(!changed.mustChangePassword)
        #expect(try identity.account(forSession: session.token)?.mustChangePassword == false)
        let reused = #expect(throws: Problem.self) { try identity.signIn(id: "lan", password: once, remote: "10.0.0.5:4001") }
        #expect(reused?.code == "identity.bad-credentials")
        #expect(try !identity.signIn(id: "lan", password: "mua thu ha noi 2025", remote: "10.0.0.5:4002").account.mustChangePassword)
    }

    @Test("A wrong current password changes nothing")
    func wrongCurrentPassword() throws {
        let identity = try service()
        try identity.addAccount(id: "lan", displayName: "Lan", role: .clerk, password: "correct-horse-1", by: .system)
        let session = try identity.signIn(id: "lan", password: "correct-horse-1", remote: "10.0.0.5:1")
        let error = #expect(throws: Problem.self) {
            try identity.changePassword(session: session.token, current: "not-the-password", new: "mua thu ha noi 2025", remote: "10.0.0.5:1")
        }
        #expect(error?.code == "identity.wrong-current-password")
        #expect(throws: Never.self) { try identity.signIn(id: "lan", password: "correct-horse-1", remote: "10.0.0.5:2") }
    }

    @Test("A password an administrator sets must be changed by its owner")
    func adminSetPassword() throws {
        let identity = try service()
        try identity.addAccount(id: "lan", displayName: "Lan", role: .clerk, password: "correct-horse-1", by: .system)
        try identity.setPassword("lan", to: "mua thu ha noi 2025", by: .staff("admin"))
        #expect(try identity.account("lan")?.mustChangePassword == true)
    }

    @Test("The last active administrator cannot be disabled or demoted")
    func lastAdministrator() throws {
        let identity = try service()
        try identity.addAccount(id: "admin", displayName: "Admin", role: .admin, password: "correct-horse-1", by: .system)
        try identity.addAccount(id: "lan", displayName: "Lan", role: .clerk, password: "correct-horse-1", by: .system)
        let disable = #expect(throws: Problem.self) { try identity.disableAccount("admin", by: .staff("admin")) }
        #expect(disable?.code == "identity.last-admin")
        #expect(disable?.status == 409)
        let demote = #expect(throws: Problem.self) { try identity.setRole("admin", to: .supervisor, by: .staff("admin")) }
        #expect(demote?.code == "identity.last-admin")
        #expect(try identity.account("admin")?.role == .admin)
        #expect(try identity.account("admin")?.disabled == false)
        // With a second administrator, either may step down.
        try identity.setRole("lan", to: .admin, by: .staff("admin"))
        try identity.setRole("admin", to: .supervisor, by: .staff("admin"))
        #expect(try identity.account("admin")?.role == .supervisor)
        #expect(throws: Problem.self) { try identity.disableAccount("lan", by: .staff("lan")) }
    }

    @Test("Control characters in a name are refused")
    func controlCharacterInName() throws {
        let identity = try service()
        let error = #expect(throws: Problem.self) {
            try identity.addAccount(id: "lan", displayName: "Lan\u{0}", role: .clerk, password: "correct-horse-1", by: .system)
        }
        #expect(error?.code == "request.control-character")
        #expect(error?.message.en.contains("U+0000") == true)
        #expect(try identity.accounts().isEmpty)
    }

    @Test("Failed sign-ins survive a restart")
    func throttlePersists() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-throttle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("motcua.sqlite").path
        do {
            let identity = try service(try SQLiteStore(path: path))
            try identity.addAccount(id: "admin", displayName: "Admin", role: .admin, password: "correct-horse-1", by: .system)
            for port in 1...5 { _ = try? identity.signIn(id: "admin", password: "wrong-password", remote: "10.0.0.5:\(port)") }
        }
        let restarted = try service(try SQLiteStore(path: path))
        let locked = #expect(throws: Problem.self) { try restarted.signIn(id: "admin", password: "correct-horse-1", remote: "10.0.0.5:9") }
        #expect(locked?.code == "identity.throttled")
        // The lock is for that address: the administrator signs in from another machine.
        #expect(throws: Never.self) { try restarted.signIn(id: "admin", password: "correct-horse-1", remote: "10.0.0.6:9") }
    }

    @Test("Eight parallel wrong passwords count as eight: five are checked, three refused")
    func parallelGuesses() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-parallel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("motcua.sqlite").path)
        let identity = try service(store)
        try identity.addAccount(id: "admin", displayName: "Admin", role: .admin, password: "correct-horse-1", by: .system)
        let codes = await withTaskGroup(of: String.self) { group in
            for port in 1...8 {
                group.addTask {
                    await Task.detached {
                        do {
                            _ = try identity.signIn(id: "admin", password: "wrong-password-\(port)", remote: "10.0.0.5:\(port)")
                            return "signed-in"
                        } catch let problem as Problem {
                            return problem.code
                        } catch {
                            return "\(error)"
                        }
                    }.value
                }
            }
            var codes: [String] = []
            for await code in group { codes.append(code) }
            return codes
        }
        #expect(codes.filter { $0 == "identity.bad-credentials" }.count == 5)
        #expect(codes.filter { $0 == "identity.throttled" }.count == 3)
        let counted = try store.read { try $0.queryFirst("SELECT failures FROM sign_in_throttle WHERE throttle_key = 'account:admin@10.0.0.5'")?.int64("failures") }
        #expect(counted == 8)
    }

    @Test("A locked address cannot lock the account for another address")
    func addressLockIsLocal() throws {
        let identity = try service { $0.failuresPerAddress = 6 }
        try identity.addAccount(id: "admin", displayName: "Admin", role: .admin, password: "correct-horse-1", by: .system)
        for port in 1...200 { _ = try? identity.signIn(id: "admin", password: "wrong-password", remote: "10.0.0.5:\(port)") }
        #expect(throws: Never.self) { try identity.signIn(id: "admin", password: "correct-horse-1", remote: "10.0.0.6:1") }
    }
}

@Suite("Accounts over real sockets: forced change and the proxy")
struct AccountHTTPTests {
    private static func signIn(_ login: String, _ password: String) -> String {
        "{\"login\":\"\(login)\",\"password\":\"\(password)\"}"
    }

    @Test("After a one-time password, only the change-password routes work until it is changed")
    func forcedChange() async throws {
        let host = try serverHost()
        try await host.test(.live) { client in
            let admin = try host.signIn("admin")
            let created = try await client.post("/api/v1/staff", json: #"{"id":"lan.moi","displayName":"Lan","role":"supervisor"}"#, as: admin)
            #expect(created.status == 201)
            let once = try #require(try created.json()["oneTimePassword"]?.stringValue)
            let signedIn = try await client.post("/api/v1/session", json: Self.signIn("lan.moi", once))
            #expect(signedIn.status == 200)
            #expect(try signedIn.json()["next"]?.stringValue == "/account")
            let cookie = Credential.cookie(String(try #require(signedIn.headers["Set-Cookie"]).split(separator: ";")[0]))
            let blocked = try await client.get("/api/v1/devices", as: cookie)
            #expect(blocked.status == 403)
            #expect(blocked.errorCode == "identity.password-change-required")
            let page = try await client.get("/admin/devices", as: cookie)
            #expect(page.status == 303)
            #expect(page.headers["Location"] == "/account")
            let accountPage = try await client.get("/account", as: cookie)
            #expect(accountPage.status == 200)
            #expect(accountPage.text.contains("method=\"post\""))
            let weak = try await client.post("/api/v1/account/password",
                                             json: "{\"current\":\"\(once)\",\"password\":\"password1234\",\"confirm\":\"password1234\"}", as: cookie)
            #expect(weak.status == 400)
            #expect(weak.errorCode == "identity.weak-password")
            let changed = try await client.post("/api/v1/account/password",
                                                json: "{\"current\":\"\(once)\",\"password\":\"mua thu ha noi 2025\",\"confirm\":\"mua thu ha noi 2025\"}", as: cookie)
            #expect(changed.status == 200)
            #expect(try await client.get("/api/v1/devices", as: cookie).status == 200)
            let reused = try await client.post("/api/v1/session", json: Self.signIn("lan.moi", once))
            #expect(reused.status == 401)
        }
    }

    @Test("Behind a trusted proxy, 20 failures from one client do not lock out another client")
    func behindTheProxy() async throws {
        let host = try serverHost(trustedProxies: ["127.0.0.1"])
        try await host.test(.live) { client in
            func attempt(_ login: String, _ password: String, from forwarded: String) async throws -> Int {
                try await client.execute("POST", "/api/v1/session", headers: [("X-Forwarded-For", forwarded)],
                                         body: Array(Self.signIn(login, password).utf8), contentType: "application/json").status
            }
            for index in 0..<20 {
                let status = try await attempt(index < 10 ? "admin" : "guess\(index)", "wrong-password", from: "198.51.100.9, 203.0.113.5")
                #expect(status == (index < 5 || index >= 10 ? 401 : 429))
            }
            #expect(try await attempt("clerk", TestHost.password, from: "203.0.113.5") == 429)
            // The client's own forged left part is not believed: the proxy appended the real address.
            #expect(try await attempt("clerk", TestHost.password, from: "203.0.113.77, 203.0.113.5") == 429)
            #expect(try await attempt("admin", TestHost.password, from: "203.0.113.6") == 200)
        }
    }

    @Test("X-Forwarded-For from a peer that is not a trusted proxy is ignored")
    func untrustedForwardedFor() async throws {
        let host = try serverHost()
        try await host.test(.live) { client in
            for index in 0..<20 {
                let wrong = try await client.execute("POST", "/api/v1/session", headers: [("X-Forwarded-For", "203.0.113.\(index)")],
                                                     body: Array(Self.signIn("guess\(index)", "wrong-password").utf8), contentType: "application/json")
                #expect(wrong.status == 401)
            }
            let locked = try await client.execute("POST", "/api/v1/session", headers: [("X-Forwarded-For", "203.0.113.200")],
                                                  body: Array(Self.signIn("admin", TestHost.password).utf8), contentType: "application/json")
            #expect(locked.status == 429)
        }
    }
}

@Suite("Live events by role")
struct EventTopicTests {
    @Test("A kiosk is refused the payments topic; an unknown topic is refused without echoing it")
    func kioskTopics() async throws {
        let host = try serverHost()
        try await host.test(.live) { client in
            let kiosk = try host.pair("kiosk-5", kind: .kiosk)
            let payments = try await client.get("/api/v1/events?topics=queue,payments", as: kiosk)
            #expect(payments.status == 403)
            #expect(payments.errorCode == "events.topic-forbidden")
            let unknown = try await client.get("/api/v1/events?topics=%3Cscript%3Ealert(1)%3C%2Fscript%3E", as: kiosk)
            #expect(unknown.status == 400)
            #expect(unknown.errorCode == "events.unknown-topic")
            #expect(!unknown.text.contains("script"))
            // A supervisor may follow payments and ratings.
            let stream = try await client.stream("/api/v1/events?topics=payments,ratings", as: try host.signIn("sup"))
            #expect(stream.status == 200)
            let ready = try await stream.next()
            #expect(ready.event == "ready")
            #expect(ready.data == "{\"topics\":[\"payments\",\"ratings\"]}")
        }
    }

    @Test("Each caller's topics", arguments: [
        (Caller.device(PairedDevice(id: "k", kind: .kiosk, name: "K", counter: nil, revoked: false)), ["queue"]),
        (Caller.device(PairedDevice(id: "b", kind: .board, name: "B", counter: nil, revoked: false)), ["queue"]),
        (Caller.device(PairedDevice(id: "r", kind: .rating, name: "R", counter: "1", revoked: false)), ["intake", "queue"]),
        (Caller.staff(StaffAccount(id: "c", displayName: "C", role: .clerk, counter: "1", disabled: false)), ["intake", "payments", "queue"]),
        (Caller.staff(StaffAccount(id: "s", displayName: "S", role: .supervisor, counter: nil, disabled: false)), ["intake", "payments", "queue", "ratings"]),
    ])
    func topics(caller: Caller, topics: [String]) {
        #expect(EventTopics.allowed(for: caller).sorted() == topics)
    }
}

@Suite("Browser safety: cross-site requests, security headers, control characters")
struct BrowserSafetyTests {
    @Test("A cross-origin POST is refused and changes nothing; a same-origin one works")
    func crossOrigin() async throws {
        let host = try serverHost()
        try await host.test(.live) { client in
            let admin = try host.signIn("admin")
            let origin = "http://\(client.host)"
            func disable(_ login: String, _ headers: [(String, String)], body: [UInt8] = [], type: String? = nil) async throws -> TestResponse {
                try await client.execute("POST", "/api/v1/staff/\(login)/disable", as: admin, headers: headers, body: body, contentType: type)
            }
            let forged = try await disable("clerk", [("Origin", "http://evil.example")])
            #expect(forged.status == 403)
            #expect(forged.errorCode == "request.cross-origin")
            #expect(try await disable("clerk", [("Sec-Fetch-Site", "cross-site"), ("Origin", origin)]).status == 403)
            #expect(try await disable("clerk", [("Referer", "http://evil.example/page")]).status == 403)
            // A browser that sends neither header must send the page's token.
            let browser = [("User-Agent", "Mozilla/5.0 (X11; Linux x86_64)")]
            #expect(try await disable("clerk", browser).errorCode == "request.csrf-token")
            // A simple form's content type never reaches the API.
            #expect(try await disable("clerk", [], body: Array("a=b".utf8), type: "application/x-www-form-urlencoded").status == 415)
            #expect(try host.identity.account("clerk")?.disabled == false)
            let page = try await client.get("/admin/staff", as: admin)
            let token = try #require(page.text.firstMatch(of: /<meta name="csrf-token" content="([0-9a-f]{64})">/)?.1)
            #expect(try await disable("clerk", browser + [("X-CSRF-Token", String(token))]).status == 200)
            #expect(try await disable("sup", [("Origin", origin)]).status == 200)
        }
    }

    @Test("Every page and answer carries the security headers")
    func headers() async throws {
        let host = try serverHost()
        try await host.test(.live) { client in
            for path in ["/", "/signin", "/healthz", "/assets/app.js", "/api/v1/session"] {
                let response = try await client.get(path)
                #expect(response.headers["X-Frame-Options"] == "DENY", "\(path)")
                #expect(response.headers["X-Content-Type-Options"] == "nosniff", "\(path)")
                #expect(response.headers["Referrer-Policy"] == "same-origin", "\(path)")
                let policy = try #require(response.headers["Content-Security-Policy"], "\(path)")
                #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline") && policy.contains("frame-ancestors 'none'"))
            }
            let signIn = try await client.get("/signin")
            #expect(signIn.text.contains("<form method=\"post\""))
            #expect(!signIn.text.contains("<script>"))
        }
    }

    @Test("A NUL in any text field is refused with the field's path")
    func controlCharacters() async throws {
        let host = try serverHost()
        try await host.test { client in
            let response = try await client.post("/api/v1/staff", json: #"{"id":"new.one","displayName":"Lan\u0000","role":"clerk"}"#,
                                                 as: try host.signIn("admin"))
            #expect(response.status == 400)
            #expect(response.errorCode == "request.control-character")
            #expect(response.text.contains("displayName"))
            #expect(try host.identity.account("new.one") == nil)
        }
    }
}
