import Foundation
import MotCuaCore
import MotCuaHost
import MotCuaHTTP
import MotCuaStore
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

/// A running host on 127.0.0.1 with a temporary store, an admin, a supervisor and a clerk.
final class TestHost: Sendable {
    let application: Application
    let server: HTTPServer
    let store: SQLiteStore
    static let password = "correct-horse-1"

    init(throttle: Int = 5, trustedProxies: [String] = []) async throws {
        let manifest = """
        { "centre": { "id": "t.server", "name": { "vi": "Xã <Thử>", "en": "Test" }, "level": "commune", "unitCode": "12345",
                      "province": { "code": "25", "name": { "vi": "P", "en": "P" } }, "agencyCode": "A", "timeZone": "Asia/Ho_Chi_Minh" },
          "hours": { "mon": ["07:30-11:30"] },
          "sectors": [ { "id": "s", "name": { "vi": "S", "en": "S" } }, { "id": "off", "name": { "vi": "O", "en": "O" } } ],
          "procedures": [],
          "enable": { "sectors": ["s"] },
          "counters": [ { "id": "1", "name": { "vi": "Quầy 1", "en": "Counter 1" }, "sectors": ["s"] } ],
          "plugins": { "queue.announcing": {}, "intake.a": {} } }
        """
        let catalogue = PluginCatalogue([.queueing(AnnouncingQueue.self), .intake(IntakeA.self)], requiredKinds: [.queueing, .intake])
        let deployment = try #require(try catalogue.loader(source: InMemoryManifestSource(texts: ["m.json": manifest])).load("m.json").deployment)
        store = try SQLiteStore.inMemory()
        let clock = SystemClock()
        var policy = IdentityService.Policy()
        policy.passwordIterations = 1_000
        policy.failuresPerAccount = throttle
        let identity = try IdentityService(store: store, clock: clock, policy: policy)
        try identity.addAccount(id: "admin", displayName: "Admin", role: .admin, password: Self.password, by: .system)
        try identity.addAccount(id: "sup", displayName: "Supervisor", role: .supervisor, password: Self.password, by: .system)
        try identity.addAccount(id: "clerk", displayName: "Clerk", role: .clerk, counter: "1", password: Self.password, by: .system)
        let hub = EventHub()
        let composition = try Composition.compose(deployment, catalogue: catalogue, store: store, clock: clock,
                                                  events: HubEventSink(hub: hub), logHandler: SilentLogHandler())
        application = Application(deployment: deployment, composition: composition, store: store, identity: identity, clock: clock, hub: hub,
                                  trustedProxies: trustedProxies)
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.loopThreads = 1
        server = HTTPServer(configuration: configuration, router: application.makeRouter(), errorMapper: Application.errorMapper)
        try server.start()
    }

    func client() throws -> TestClient {
        TestClient(try LoopbackHTTPClient(port: server.port))
    }

    /// Runs `body`, then shuts the server down. The body's HTTP calls go through ``TestClient``,
    /// which makes its blocking socket calls on threads of their own.
    func serve(_ body: @Sendable (TestHost) async throws -> Void) async throws {
        do {
            try await body(self)
        } catch {
            await server.shutdown(gracePeriod: .seconds(1))
            throw error
        }
        await server.shutdown(gracePeriod: .seconds(1))
    }

    /// Signs in and returns the `Cookie` header value.
    func signIn(_ login: String) async throws -> String {
        let response = try await client().request("POST", "/api/v1/session", headers: [("Content-Type", "application/json")],
                                            body: Array("{\"login\":\"\(login)\",\"password\":\"\(Self.password)\"}".utf8))
        guard response.status == 200, let cookie = response.headers["Set-Cookie"] else { throw TestFailure("sign-in failed: \(response.text)") }
        return String(cookie.split(separator: ";")[0])
    }

    /// Pairs a device of `kind` through the API and returns its token.
    func pair(_ id: String, kind: DeviceKind) async throws -> String {
        let supervisor = try await signIn("sup")
        let started = try await client().request("POST", "/api/v1/devices", headers: [("Content-Type", "application/json"), ("Cookie", supervisor)],
                                           body: Array("{\"id\":\"\(id)\",\"kind\":\"\(kind.rawValue)\",\"name\":\"Test \(id)\"}".utf8))
        let code = try json(started)["code"]?.stringValue ?? ""
        let paired = try await client().request("POST", "/api/v1/devices/pair", headers: [("Content-Type", "application/json")],
                                          body: Array("{\"code\":\"\(code)\"}".utf8))
        guard paired.status == 200, let token = try json(paired)["token"]?.stringValue else { throw TestFailure("pairing failed: \(paired.text)") }
        return token
    }
}

/// A loopback client whose blocking socket calls run on threads of their own, so a test
/// never holds one of the few threads of the shared concurrency pool while it waits.
final class TestClient: Sendable {
    let client: LoopbackHTTPClient

    init(_ client: LoopbackHTTPClient) {
        self.client = client
    }

    private func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    func request(_ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8] = []) async throws -> LoopbackHTTPClient.Response {
        let client = self.client
        return try await offPool { try client.request(method, target, headers: headers, body: body) }
    }

    func sendRequest(_ method: String, _ target: String, headers: [(String, String)] = []) async throws {
        let client = self.client
        try await offPool { try client.sendRequest(method, target, headers: headers) }
    }

    func readResponse() async throws -> LoopbackHTTPClient.Response {
        let client = self.client
        return try await offPool { try client.readResponse() }
    }

    func readNextEvent() async throws -> LoopbackHTTPClient.ServerSentEvent {
        let client = self.client
        return try await offPool { try client.readNextEvent() }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func json(_ response: LoopbackHTTPClient.Response) throws -> JSONValue {
    try JSONParser().parse(response.body)
}

func errorCode(_ response: LoopbackHTTPClient.Response) -> String? {
    (try? json(response))?["error"]?["code"]?.stringValue
}

@Suite("The host over real sockets", .serialized)
struct ServerTests {
    @Test func healthAndDeploymentArePublic() async throws {
        try await TestHost().serve { host in
            let client = try host.client()
            let health = try await client.request("GET", "/healthz")
            #expect(health.status == 200)
            #expect(try json(health)["centre"]?.stringValue == "t.server")
            let deployment = try await client.request("GET", "/api/v1/deployment")
            #expect(try json(deployment)["sectors"]?.arrayValue?.count == 1)
            #expect(try json(deployment)["kinds"] == ["queueing", "intake"])
        }
    }

    @Test func errorsHaveTheMotCuaShape() async throws {
        try await TestHost().serve { host in
            let client = try host.client()
            let unauthenticated = try await client.request("GET", "/api/v1/staff")
            #expect(unauthenticated.status == 401)
            let error = try json(unauthenticated)["error"]
            #expect(error?["code"]?.stringValue == "auth.required")
            #expect(error?["messageVi"]?.stringValue?.isEmpty == false)
            #expect(error?["message"]?.stringValue?.isEmpty == false)
            #expect(error?["details"]?.arrayValue != nil)
            // The server's own refusals have the same shape.
            for (method, path, status) in [("GET", "/no/such/page", 404), ("PUT", "/healthz", 405), ("GET", "/%zz", 400)] {
                let response = try await host.client().request(method, path)
                #expect(response.status == status, "\(method) \(path)")
                let body = try json(response)["error"]
                #expect(body?["code"]?.stringValue?.isEmpty == false, "\(method) \(path)")
                #expect(body?["messageVi"]?.stringValue?.isEmpty == false, "\(method) \(path)")
                #expect(body?["details"]?.arrayValue == [], "\(method) \(path)")
            }
            let cookie = try await host.signIn("admin")
            let invalid = try await client.request("POST", "/api/v1/staff", headers: [("Content-Type", "application/json"), ("Cookie", cookie)],
                                             body: Array("{\"id\":\"x1\",\"displayName\":\"X\",\"role\":\"boss\"}".utf8))
            #expect(invalid.status == 400)
            #expect(errorCode(invalid) == "request.invalid-field")
            #expect(try json(invalid)["error"]?["details"]?[0]?["field"]?.stringValue == "role")
            let broken = try await client.request("POST", "/api/v1/staff", headers: [("Content-Type", "application/json"), ("Cookie", cookie)],
                                            body: Array("{\"id\":\"x1\",}".utf8))
            #expect(errorCode(broken) == "request.invalid-json")
            let disabledSector = try await client.request("POST", "/api/v1/tickets", headers: [("Content-Type", "application/json"), ("Cookie", cookie)],
                                                    body: Array("{\"sector\":\"off\"}".utf8))
            #expect(disabledSector.status == 400)
            #expect(try json(disabledSector)["error"]?["details"]?[0]?["field"]?.stringValue == "sector")
        }
    }

    @Test func signInSessionCookieAndSignOut() async throws {
        try await TestHost().serve { host in
            let client = try host.client()
            let response = try await client.request("POST", "/api/v1/session", headers: [("Content-Type", "application/json")],
                                               body: Array("{\"login\":\"clerk\",\"password\":\"\(TestHost.password)\"}".utf8))
            #expect(response.status == 200)
            let setCookie = try #require(response.headers["Set-Cookie"])
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Strict"))
            #expect(setCookie.contains("Max-Age="))
            let cookie = String(setCookie.split(separator: ";")[0])
            let me = try await client.request("GET", "/api/v1/session", headers: [("Cookie", cookie)])
            #expect(try json(me)["account"]?["id"]?.stringValue == "clerk")
            #expect(try json(me)["account"]?["role"]?.stringValue == "clerk")
            let out = try await client.request("DELETE", "/api/v1/session", headers: [("Cookie", cookie)])
            #expect(out.status == 204)
            let after = try await client.request("GET", "/api/v1/session", headers: [("Cookie", cookie)])
            #expect(try json(after)["kind"]?.stringValue == "citizen")
            let wrong = try await client.request("POST", "/api/v1/session", headers: [("Content-Type", "application/json")],
                                           body: Array("{\"login\":\"clerk\",\"password\":\"nope-nope-nope\"}".utf8))
            #expect(wrong.status == 401)
            #expect(errorCode(wrong) == "identity.bad-credentials")
        }
    }

    @Test func failedSignInsAreThrottledPerAccount() async throws {
        try await TestHost(throttle: 3).serve { host in
            let client = try host.client()
            for _ in 0..<3 {
                let wrong = try await client.request("POST", "/api/v1/session", headers: [("Content-Type", "application/json")],
                                               body: Array("{\"login\":\"admin\",\"password\":\"wrong-password\"}".utf8))
                #expect(wrong.status == 401)
            }
            let locked = try await client.request("POST", "/api/v1/session", headers: [("Content-Type", "application/json")],
                                            body: Array("{\"login\":\"admin\",\"password\":\"\(TestHost.password)\"}".utf8))
            #expect(locked.status == 429)
            #expect(errorCode(locked) == "identity.throttled")
            // Another account from the same address still signs in.
            _ = try await host.signIn("clerk")
        }
    }

    @Test func everyRouteRefusesTheWrongCaller() async throws {
        try await TestHost().serve { host in
            let clerk = try await host.signIn("clerk")
            let supervisor = try await host.signIn("sup")
            let board = "Bearer " + (try await host.pair("board-1", kind: .board))
            let kiosk = "Bearer " + (try await host.pair("kiosk-1", kind: .kiosk))
            var checked = 0
            for route in host.application.routes where route.access != .anyone {
                var path = route.path
                for (name, value) in route.exampleParameters { path = path.replacingOccurrences(of: ":\(name)", with: value) }
                let send = { (headers: [(String, String)]) async throws -> LoopbackHTTPClient.Response in
                    try await host.client().request(route.method.rawValue, path, headers: headers + [("Content-Type", "application/json")], body: Array("{}".utf8))
                }
                let anonymous = try await send([])
                // Pages send a citizen to sign in; the API answers 401.
                #expect(anonymous.status == (route.isPage ? 303 : 401), "\(route.method) \(route.path) as a citizen")
                if route.isPage { #expect(anonymous.headers["Location"]?.hasPrefix("/signin?next=") == true) }
                switch route.access {
                case .staff(let role):
                    #expect(try await send([("Authorization", board)]).status == 403, "\(route.method) \(route.path) as a board")
                    if role > .clerk { #expect(try await send([("Cookie", clerk)]).status == 403, "\(route.method) \(route.path) as a clerk") }
                    if role > .supervisor { #expect(try await send([("Cookie", supervisor)]).status == 403, "\(route.method) \(route.path) as a supervisor") }
                case .device(let kinds), .staffOrDevice(_, let kinds):
                    if !kinds.contains(.kiosk) { #expect(try await send([("Authorization", kiosk)]).status == 403, "\(route.method) \(route.path) as a kiosk") }
                    if !kinds.contains(.board) { #expect(try await send([("Authorization", board)]).status == 403, "\(route.method) \(route.path) as a board") }
                case .anyone:
                    break
                }
                checked += 1
            }
            #expect(checked >= 10)
        }
    }

    @Test func devicesPairOnceAndCanBeRevoked() async throws {
        try await TestHost().serve { host in
            let token = try await host.pair("board-2", kind: .board)
            let client = try host.client()
            let queue = try await client.request("GET", "/api/v1/queue", headers: [("Authorization", "Bearer \(token)")])
            #expect(queue.status == 200)
            let notKiosk = try await client.request("POST", "/api/v1/tickets", headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")],
                                              body: Array("{\"sector\":\"s\"}".utf8))
            #expect(notKiosk.status == 403)
            let supervisor = try await host.signIn("sup")
            let revoked = try await client.request("POST", "/api/v1/devices/board-2/revoke", headers: [("Cookie", supervisor)])
            #expect(revoked.status == 200)
            let after = try await client.request("GET", "/api/v1/queue", headers: [("Authorization", "Bearer \(token)")])
            #expect(after.status == 401)
            let reused = try await client.request("POST", "/api/v1/devices/pair", headers: [("Content-Type", "application/json")], body: Array("{\"code\":\"00000000\"}".utf8))
            #expect(errorCode(reused) == "identity.bad-pairing-code")
        }
    }

    @Test func writesRecordTheirActorInTheJournal() async throws {
        try await TestHost().serve { host in
            let admin = try await host.signIn("admin")
            let created = try await host.client().request("POST", "/api/v1/staff", headers: [("Content-Type", "application/json"), ("Cookie", admin)],
                                                    body: Array("{\"id\":\"new.clerk\",\"displayName\":\"New\",\"role\":\"clerk\",\"counter\":\"1\"}".utf8))
            #expect(created.status == 201)
            #expect(try json(created)["oneTimePassword"]?.stringValue?.count == 12)
            let kiosk = try await host.pair("kiosk-9", kind: .kiosk)
            let ticket = try await host.client().request("POST", "/api/v1/tickets", headers: [("Authorization", "Bearer \(kiosk)"), ("Content-Type", "application/json")],
                                                   body: Array("{\"sector\":\"s\"}".utf8))
            #expect(ticket.status == 201)
            let entries = try host.store.journalEntries(after: 0, limit: 1000)
            #expect(entries.contains { $0.kind == "staff.added" && $0.actor == "staff:admin" && $0.subject == "staff:new.clerk" })
            #expect(entries.contains { $0.kind == "device.paired" && $0.actor == "device:kiosk-9" })
            #expect(entries.contains { $0.kind == "ticket.issued" && $0.actor == "device:kiosk-9" })
            #expect(try host.store.verifyJournal().firstBadSequence == nil)
        }
    }

    @Test func liveEventsReachABoardOverServerSentEvents() async throws {
        try await TestHost().serve { host in
            let board = try await host.pair("board-3", kind: .board)
            let kiosk = try await host.pair("kiosk-3", kind: .kiosk)
            let stream = try host.client()
            try await stream.sendRequest("GET", "/api/v1/events?topics=queue", headers: [("Authorization", "Bearer \(board)")])
            let head = try await stream.readResponse()
            #expect(head.status == 200)
            #expect(head.headers["Content-Type"] == "text/event-stream")
            #expect(try await stream.readNextEvent().event == "ready")
            _ = try await host.client().request("POST", "/api/v1/tickets", headers: [("Authorization", "Bearer \(kiosk)"), ("Content-Type", "application/json")],
                                          body: Array("{\"sector\":\"s\"}".utf8))
            let event = try await stream.readNextEvent()
            #expect(event.event == "ticket.issued")
            #expect(event.data == "{\"number\":\"S-007\"}")
        }
    }

    @Test func theOpenAPIDocumentListsExactlyTheRoutes() async throws {
        try await TestHost().serve { host in
            let document = try json(try await host.client().request("GET", "/api/openapi.json"))
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
