import Foundation
import MotCuaCore
import MotCuaHost
import MotCuaHTTP
import MotCuaStore
import MotCuaTesting
import Testing

/// A queueing plugin that publishes a live event for each ticket, for the server tests.
struct AnnouncingQueue: QueueingPlugin {
    struct Settings: Decodable, Sendable {}
    static let id: PluginID = "queue.announcing"
    static let version = "1.0.0"
    static let summary = LocalizedText(vi: "Hàng đợi thử", en: "Test queue")

    let context: HostContext

    init(settings: Settings, context: HostContext) throws {
        self.context = context
    }

    func issueTicket(_ request: TicketRequest, by principal: Principal) throws -> Ticket {
        guard context.deployment.isEnabled(sector: request.sector) else {
            throw Problem("queue.sector-disabled", en: "Sector \(request.sector) is not served here.", vi: "Lĩnh vực \(request.sector) không phục vụ tại đây.",
                          details: [.init(field: "sector", code: "disabled", message: LocalizedText(vi: "Lĩnh vực không phục vụ", en: "Sector not served"))])
        }
        let ticket = Ticket(id: "7", number: "S-007", sector: request.sector, issuedAt: context.clock.now)
        try context.store.write { transaction in
            try transaction.appendJournal(JournalDraft(at: context.clock.now, actor: principal.description, kind: "ticket.issued", subject: "ticket:7"))
        }
        context.events.publish(DomainEvent(topic: "queue", kind: "ticket.issued", subject: "ticket:7", at: context.clock.now,
                                           payload: "{\"number\":\"S-007\"}"))
        return ticket
    }

    func callNext(counter: String, by principal: Principal) throws -> Ticket? { nil }

    func perform(_ action: TicketAction, onTicket id: String, by principal: Principal) throws -> Ticket {
        throw Problem("queue.no-such-ticket", status: 404, en: "No ticket \(id).", vi: "Không có phiếu \(id).")
    }

    func snapshot() throws -> QueueSnapshot { QueueSnapshot(waiting: [], atCounters: []) }
}

/// The test centre: the announcing queue and a bare intake, sector `s` on and `off` off, an
/// admin, a supervisor and a clerk (`clerk`) at counter 1; sign-ins locked after `throttle` failures.
func serverHost(throttle: Int = 5, trustedProxies: [String] = []) throws -> TestHost {
    let manifest = TestManifest(id: "t.server", name: LocalizedText(vi: "Xã <Thử>", en: "Test"))
        .sector("s", vi: "S", en: "S").sector("off", vi: "O", en: "O", enabled: false).counter("1", sectors: ["s"])
        .plugin("queue.announcing").plugin("intake.a")
    return try TestHost(manifest, plugins: [.queueing(AnnouncingQueue.self), .intake(IntakeA.self)], requiredKinds: [.queueing, .intake],
                        accounts: [.admin, .supervisor, .clerk("clerk")], trustedProxies: trustedProxies) { $0.failuresPerAccount = throttle }
}

@Suite("The host through its router, and over real sockets where they matter")
struct ServerTests {
    @Test func healthAndDeploymentArePublic() async throws {
        try await serverHost().test { client in
            let health = try await client.get("/healthz")
            #expect(health.status == 200)
            #expect(try health.json()["centre"]?.stringValue == "t.server")
            let deployment = try await client.get("/api/v1/deployment")
            #expect(try deployment.json()["sectors"]?.arrayValue?.count == 1)
            #expect(try deployment.json()["kinds"] == ["queueing", "intake"])
        }
    }

    /// Over a socket: the server's own refusals (no route, wrong method, a bad escape) have the API's shape.
    @Test(arguments: [TestClient.Mode.live, .router])
    func errorsHaveTheMotCuaShape(_ mode: TestClient.Mode) async throws {
        let host = try serverHost()
        try await host.test(mode) { client in
            let unauthenticated = try await client.get("/api/v1/staff")
            #expect(unauthenticated.status == 401)
            let error = try unauthenticated.json()["error"]
            #expect(error?["code"]?.stringValue == "auth.required")
            #expect(error?["messageVi"]?.stringValue?.isEmpty == false)
            #expect(error?["message"]?.stringValue?.isEmpty == false)
            #expect(error?["details"]?.arrayValue != nil)
            for (method, path, status) in [("GET", "/no/such/page", 404), ("PUT", "/healthz", 405), ("GET", "/%zz", 400)] {
                let response = try await client.execute(method, path)
                #expect(response.status == status, "\(method) \(path)")
                let body = try response.json()["error"]
                #expect(body?["code"]?.stringValue?.isEmpty == false, "\(method) \(path)")
                #expect(body?["messageVi"]?.stringValue?.isEmpty == false, "\(method) \(path)")
                #expect(body?["details"]?.arrayValue == [], "\(method) \(path)")
            }
            let admin = try host.signIn("admin")
            let invalid = try await client.post("/api/v1/staff", json: #"{"id":"x1","displayName":"X","role":"boss"}"#, as: admin)
            #expect(invalid.status == 400)
            #expect(invalid.errorCode == "request.invalid-field")
            #expect(try invalid.json()["error"]?["details"]?[0]?["field"]?.stringValue == "role")
            let broken = try await client.post("/api/v1/staff", json: #"{"id":"x1",}"#, as: admin)
            #expect(broken.errorCode == "request.invalid-json")
            let disabledSector = try await client.post("/api/v1/tickets", json: #"{"sector":"off"}"#, as: admin)
            #expect(disabledSector.status == 400)
            #expect(try disabledSector.json()["error"]?["details"]?[0]?["field"]?.stringValue == "sector")
        }
    }

    /// Over a socket: the password is checked and the cookie comes back as a browser gets it.
    @Test func signInSessionCookieAndSignOut() async throws {
        try await serverHost().test(.live) { client in
            let response = try await client.post("/api/v1/session", json: #"{"login":"clerk","password":"\#(TestHost.password)"}"#)
            #expect(response.status == 200)
            let setCookie = try #require(response.headers["Set-Cookie"])
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Strict"))
            #expect(setCookie.contains("Max-Age="))
            let cookie = Credential.cookie(String(setCookie.split(separator: ";")[0]))
            let me = try await client.get("/api/v1/session", as: cookie)
            #expect(try me.json()["account"]?["id"]?.stringValue == "clerk")
            #expect(try me.json()["account"]?["role"]?.stringValue == "clerk")
            let out = try await client.delete("/api/v1/session", as: cookie)
            #expect(out.status == 204)
            let after = try await client.get("/api/v1/session", as: cookie)
            #expect(try after.json()["kind"]?.stringValue == "citizen")
            let wrong = try await client.post("/api/v1/session", json: #"{"login":"clerk","password":"nope-nope-nope"}"#)
            #expect(wrong.status == 401)
            #expect(wrong.errorCode == "identity.bad-credentials")
        }
    }

    @Test func failedSignInsAreThrottledPerAccount() async throws {
        try await serverHost(throttle: 3).test { client in
            for _ in 0..<3 {
                let wrong = try await client.post("/api/v1/session", json: #"{"login":"admin","password":"wrong-password"}"#)
                #expect(wrong.status == 401)
            }
            let locked = try await client.post("/api/v1/session", json: #"{"login":"admin","password":"\#(TestHost.password)"}"#)
            #expect(locked.status == 429)
            #expect(locked.errorCode == "identity.throttled")
            // Another account from the same address still signs in.
            _ = try await client.signIn("clerk")
        }
    }

    @Test func everyRouteRefusesTheWrongCaller() async throws {
        let host = try serverHost()
        try await host.test { client in
            let clerk = try host.signIn("clerk")
            let supervisor = try host.signIn("sup")
            let board = try host.pair("board-1", kind: .board)
            let kiosk = try host.pair("kiosk-1", kind: .kiosk)
            var checked = 0
            for route in host.application.routes where route.access != .anyone {
                var path = route.path
                for (name, value) in route.exampleParameters { path = path.replacingOccurrences(of: ":\(name)", with: value) }
                let send = { (caller: Credential) async throws -> TestResponse in
                    try await client.request(route.method.rawValue, path, as: caller, json: "{}")
                }
                let anonymous = try await send(.citizen)
                // Pages send a citizen to sign in; the API answers 401.
                #expect(anonymous.status == (route.isPage ? 303 : 401), "\(route.method) \(route.path) as a citizen")
                if route.isPage { #expect(anonymous.headers["Location"]?.hasPrefix("/signin?next=") == true) }
                switch route.access {
                case .staff(let role):
                    #expect(try await send(board).status == 403, "\(route.method) \(route.path) as a board")
                    if role > .clerk { #expect(try await send(clerk).status == 403, "\(route.method) \(route.path) as a clerk") }
                    if role > .supervisor { #expect(try await send(supervisor).status == 403, "\(route.method) \(route.path) as a supervisor") }
                case .device(let kinds), .staffOrDevice(_, let kinds):
                    if !kinds.contains(.kiosk) { #expect(try await send(kiosk).status == 403, "\(route.method) \(route.path) as a kiosk") }
                    if !kinds.contains(.board) { #expect(try await send(board).status == 403, "\(route.method) \(route.path) as a board") }
                case .anyone:
                    break
                }
                checked += 1
            }
            #expect(checked >= 10)
        }
    }

    @Test func devicesPairOnceAndCanBeRevoked() async throws {
        let host = try serverHost()
        try await host.test { client in
            let supervisor = try host.signIn("sup")
            let started = try await client.post("/api/v1/devices", json: #"{"id":"board-2","kind":"board","name":"Test board-2"}"#, as: supervisor)
            let code = try started.json()["code"]?.stringValue ?? ""
            let paired = try await client.post("/api/v1/devices/pair", json: #"{"code":"\#(code)"}"#)
            let token = Credential.bearer(try #require(try paired.json()["token"]?.stringValue))
            // The pairing page sends the device on to its own screen.
            #expect(try paired.json()["next"]?.stringValue == "/board")
            let queue = try await client.get("/api/v1/queue", as: token)
            #expect(queue.status == 200)
            let notKiosk = try await client.post("/api/v1/tickets", json: #"{"sector":"s"}"#, as: token)
            #expect(notKiosk.status == 403)
            let revoked = try await client.post("/api/v1/devices/board-2/revoke", as: supervisor)
            #expect(revoked.status == 200)
            let after = try await client.get("/api/v1/queue", as: token)
            #expect(after.status == 401)
            let reused = try await client.post("/api/v1/devices/pair", json: #"{"code":"00000000"}"#)
            #expect(reused.errorCode == "identity.bad-pairing-code")
        }
    }

    @Test func aBrowserGetsPagesForErrorsAndTheAPIKeepsJSON() async throws {
        let host = try serverHost()
        try await host.test { client in
            let browser = Credential.browser
            let page = try await client.get("/no-such-page", as: browser)
            #expect(page.status == 404 && page.headers["Content-Type"]?.hasPrefix("text/html") == true)
            #expect(page.text.contains("Không tìm thấy trang") && page.text.contains("/assets/app.css") && !page.text.contains("\"error\""))
            // The API, and a script asking for JSON, keep the problem shape.
            let api = try await client.get("/api/v1/no-such-thing", as: browser)
            #expect(api.status == 404 && api.errorCode == "http.not-found")
            let script = try await client.get("/no-such-page")
            #expect(script.status == 404 && script.errorCode == "http.not-found")
            // A path that exists for other methods is still a 405.
            let wrongMethod = try await client.request("DELETE", "/api/v1/devices/pair")
            #expect(wrongMethod.status == 405)
            // The old console address leads to the counter console.
            let console = try await client.get("/console", as: browser)
            #expect(console.status == 303 && console.headers["Location"] == "/counter")
            // A staff page refused to a clerk is a page too.
            let clerk = try host.signIn("clerk")
            let refused = try await client.get("/admin/staff", as: clerk.with("Accept", "text/html"))
            #expect(refused.status == 403 && refused.text.contains("Không có quyền truy cập"))
            // Browsers ask for the icon on every page.
            let icon = try await client.get("/favicon.ico")
            #expect(icon.status == 200 && icon.text.hasPrefix("<svg"))
        }
    }

    @Test func writesRecordTheirActorInTheJournal() async throws {
        let host = try serverHost()
        try await host.test { client in
            let admin = try host.signIn("admin")
            let created = try await client.post("/api/v1/staff", json: #"{"id":"new.clerk","displayName":"New","role":"clerk","counter":"1"}"#, as: admin)
            #expect(created.status == 201)
            #expect(try created.json()["oneTimePassword"]?.stringValue?.count == 12)
            let kiosk = try host.pair("kiosk-9", kind: .kiosk)
            let ticket = try await client.post("/api/v1/tickets", json: #"{"sector":"s"}"#, as: kiosk)
            #expect(ticket.status == 201)
            let entries = try host.journal()
            #expect(entries.contains { $0.kind == "staff.added" && $0.actor == "staff:admin" && $0.subject == "staff:new.clerk" })
            #expect(entries.contains { $0.kind == "device.paired" && $0.actor == "device:kiosk-9" })
            #expect(entries.contains { $0.kind == "ticket.issued" && $0.actor == "device:kiosk-9" })
            #expect(try host.store.verifyJournal().firstBadSequence == nil)
        }
    }

    /// Over a socket: a live stream stays open while other requests come and go.
    @Test func liveEventsReachABoardOverServerSentEvents() async throws {
        let host = try serverHost()
        try await host.test(.live) { client in
            let board = try host.pair("board-3", kind: .board)
            let kiosk = try host.pair("kiosk-3", kind: .kiosk)
            let stream = try await client.stream("/api/v1/events?topics=queue", as: board)
            #expect(stream.status == 200)
            #expect(stream.headers["Content-Type"] == "text/event-stream")
            #expect(try await stream.next().event == "ready")
            _ = try await client.post("/api/v1/tickets", json: #"{"sector":"s"}"#, as: kiosk)
            let event = try await stream.next()
            #expect(event.event == "ticket.issued")
            #expect(event.data == "{\"number\":\"S-007\"}")
        }
        #expect(host.events.all.map(\.kind) == ["ticket.issued"])
    }

    @Test func theOpenAPIDocumentListsExactlyTheRoutes() async throws {
        let host = try serverHost()
        try await host.test { client in
            let document = try await client.get("/api/openapi.json").json()
            #expect(document["openapi"]?.stringValue == "3.1.0")
            let paths = try #require(document["paths"]?.objectValue)
            var documented: Set<String> = []
            for (path, item) in paths {
                for method in item.objectValue?.keys ?? [] { documented.insert("\(method.uppercased()) \(path)") }
            }
            let routed = Set(host.application.routes.map { "\($0.method.rawValue) \(OpenAPIDocument.openAPIPath($0.path))" })
            #expect(documented == routed)
            // Operation ids are unique identifiers, as code generators need them.
            var ids: [String] = []
            for (_, item) in paths {
                for (_, operation) in item.objectValue ?? JSONObject() { ids.append(operation["operationId"]?.stringValue ?? "") }
            }
            #expect(Set(ids).count == ids.count, "operation ids repeat: \(ids.sorted())")
            #expect(ids.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber } }, "\(ids.sorted())")
            // Every documented operation answers something other than 404/405 at the router.
            let router = host.application.makeRouter()
            for route in host.application.routes {
                var path = route.path
                for (name, value) in route.exampleParameters { path = path.replacingOccurrences(of: ":\(name)", with: value) }
                guard case .found = router.resolve(route.method, path) else {
                    Issue.record("\(route.method) \(path) does not resolve")
                    continue
                }
            }
        }
    }
}
