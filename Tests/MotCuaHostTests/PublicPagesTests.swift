import Foundation
import MotCuaCore
@testable import MotCuaHost
import MotCuaHTTP
import MotCuaTesting
import Testing

@Suite("Public pages rendered once; sign-in without JavaScript")
struct PublicPagesTests {
    @Test("A citizen's public pages are rendered once per language; staff and lookups by code are rendered fresh")
    func renderedOnce() async throws {
        let host = try serverHost()
        try await host.test { client in
            let first = try await client.get("/lookup")
            #expect(first.status == 200)
            #expect(host.application.renderedOnce["/lookup?#vi"] != nil)
            let second = try await client.get("/lookup")
            #expect(second.text == first.text)
            #expect(second.headers["Content-Security-Policy"] != nil)
            let english = try await client.get("/lookup?lang=en")
            #expect(english.text != first.text)
            #expect(english.text.contains("<html lang=\"en\">"))
            // The choice of language sticks, also when the answer was kept.
            for _ in 0..<2 {
                #expect(try await client.get("/?lang=en").headers["Set-Cookie"]?.hasPrefix("motcua_lang=en") == true)
            }
            // A lookup by code answers about that code, every time, and is never kept.
            let unknown = try await client.get("/lookup?code=X-000000-0000")
            #expect(unknown.status == 200)
            #expect(unknown.text.contains("X-000000-0000"))
            #expect(host.application.renderedOnce["/lookup?code=X-000000-0000#vi"] == nil)
            // The catalogue inside it was rendered once, for the citizen's first visit.
            let catalogue = try #require(host.application.renderedParts["/lookup#catalogue?#vi"])
            #expect(catalogue.html.isEmpty || unknown.text.contains(catalogue.html))
            // Staff see their own header and token: nothing of theirs is kept or shared.
            let admin = try host.signIn("admin")
            let staffHome = try await client.get("/", as: admin)
            let citizenHome = try await client.get("/")
            #expect(staffHome.text.contains("csrf-token"))
            #expect(!citizenHome.text.contains("csrf-token"))
            #expect(try await client.get("/", as: admin).text.contains("csrf-token"))
        }
    }

    @Test("The OpenAPI document is built once and lists itself")
    func openAPIBuiltOnce() async throws {
        let host = try serverHost()
        try await host.test(.live) { client in
            let first = try await client.get("/api/openapi.json")
            let second = try await client.get("/api/openapi.json")
            #expect(first.status == 200)
            #expect(first.body == second.body)
            #expect(first.text.contains("\"/api/openapi.json\""))
            #expect(first.headers["X-Content-Type-Options"] == "nosniff")
        }
    }

    static func form(_ fields: [(String, String)]) -> [UInt8] {
        Array(fields.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        }.joined(separator: "&").utf8)
    }

    @Test("Sign-in works without JavaScript: the form posts, the server answers with the next page or the reason")
    func signInWithoutJavaScript() async throws {
        let host = try serverHost()
        try await host.test(.live) { client in
            let origin = [("Origin", "http://\(client.host)")]
            func post(_ fields: [(String, String)], headers: [(String, String)] = [], next: String = "%2Fadmin%2Fstaff",
                      type: String = "application/x-www-form-urlencoded") async throws -> TestResponse {
                try await client.execute("POST", "/signin?next=\(next)", headers: headers, body: Self.form(fields), contentType: type)
            }
            let page = try await client.get("/signin?next=/admin/staff")
            #expect(page.text.contains("<form method=\"post\" action=\"/signin?next=%2Fadmin%2Fstaff\""))
            #expect(page.text.contains("name=\"login\"") && page.text.contains("name=\"password\""))

            let signedIn = try await post([("login", "admin"), ("password", TestHost.password)], headers: origin)
            #expect(signedIn.status == 303)
            #expect(signedIn.headers["Location"] == "/admin/staff")
            let cookie = try #require(signedIn.headers["Set-Cookie"])
            #expect(cookie.contains("HttpOnly"))
            let staffPage = try await client.get("/admin/staff", as: .cookie(String(cookie.split(separator: ";")[0])))
            #expect(staffPage.status == 200)

            // A wrong password: the page again with the reason, the login kept.
            let wrong = try await post([("login", "clerk"), ("password", "not-the-password")], headers: origin)
            #expect(wrong.status == 401)
            #expect(wrong.headers["Content-Type"]?.hasPrefix("text/html") == true)
            #expect(wrong.headers["Set-Cookie"] == nil)
            #expect(wrong.text.contains("<p class=\"form-error\" role=\"alert\">"))
            #expect(wrong.text.contains("value=\"clerk\""))
            let english = try await post([("login", "clerk"), ("password", "not-the-password")], headers: origin + [("Cookie", "motcua_lang=en")])
            #expect(english.text.contains("<html lang=\"en\">"))

            let empty = try await post([("login", ""), ("password", "")], headers: origin)
            #expect(empty.status == 400)
            #expect(empty.text.contains("Hãy nhập tên đăng nhập và mật khẩu"))
            let nul = try await post([("login", "admin\u{0}"), ("password", TestHost.password)], headers: origin)
            #expect(nul.status == 400)
            #expect(nul.headers["Set-Cookie"] == nil)

            // Another site's form, a JSON body, and a next page elsewhere are all refused or ignored.
            let forged = try await post([("login", "admin"), ("password", TestHost.password)], headers: [("Origin", "http://evil.example")])
            #expect(forged.status == 403)
            #expect(forged.errorCode == "request.cross-origin")
            #expect(forged.headers["Set-Cookie"] == nil)
            let json = try await client.execute("POST", "/signin", headers: origin, body: Array("{}".utf8), contentType: "application/json")
            #expect(json.status == 415)
            let elsewhere = try await post([("login", "admin"), ("password", TestHost.password)], headers: origin, next: "https%3A%2F%2Fevil.example%2F")
            #expect(elsewhere.headers["Location"] == "/")
        }
    }

    @Test("The account page changes a password without JavaScript, with the reason on the page when it refuses")
    func changePasswordWithoutJavaScript() async throws {
        let host = try serverHost()
        try await host.test(.live) { client in
            let origin = [("Origin", "http://\(client.host)")]
            let signedIn = try await client.execute("POST", "/signin", headers: origin,
                                                    body: Self.form([("login", "clerk"), ("password", TestHost.password)]),
                                                    contentType: "application/x-www-form-urlencoded")
            let clerk = Credential.cookie(String(try #require(signedIn.headers["Set-Cookie"]).split(separator: ";")[0]))
            func change(_ current: String, _ new: String, _ confirm: String) async throws -> TestResponse {
                try await client.execute("POST", "/account", as: clerk, headers: origin,
                                         body: Self.form([("current", current), ("password", new), ("confirm", confirm)]),
                                         contentType: "application/x-www-form-urlencoded")
            }
            let page = try await client.get("/account", as: clerk)
            #expect(page.text.contains("<form method=\"post\" action=\"/account\""))
            let weak = try await change(TestHost.password, "password1234", "password1234")
            #expect(weak.status == 400)
            #expect(weak.text.contains("<p class=\"form-error\" role=\"alert\">"))
            #expect(weak.headers["Content-Type"]?.hasPrefix("text/html") == true)
            let differ = try await change(TestHost.password, "mua thu ha noi 2025", "mua thu ha noi 2026")
            #expect(differ.status == 400)
            #expect(differ.text.contains("không khớp"))
            let wrong = try await change("not the password", "mua thu ha noi 2025", "mua thu ha noi 2025")
            #expect(wrong.status == 403)
            let done = try await change(TestHost.password, "mua thu ha noi 2025", "mua thu ha noi 2025")
            #expect(done.status == 303)
            #expect(done.headers["Location"] == "/")
            #expect(try await client.post("/api/v1/session", json: #"{"login":"clerk","password":"mua thu ha noi 2025"}"#).status == 200)
            // From another site the form is refused before anything changes.
            let forged = try await client.execute("POST", "/account", as: clerk, headers: [("Origin", "http://evil.example")],
                                                  body: Self.form([("current", "mua thu ha noi 2025"), ("password", "bau troi xanh 2026"), ("confirm", "bau troi xanh 2026")]),
                                                  contentType: "application/x-www-form-urlencoded")
            #expect(forged.status == 403)
            #expect(try await client.post("/api/v1/session", json: #"{"login":"clerk","password":"mua thu ha noi 2025"}"#).status == 200)
        }
    }
}
