import Foundation
import MotCuaCore
import MotCuaHost
import MotCuaHTTP
import MotCuaStore
import QueueStandard
import Testing

/// A running host with queue.standard on 127.0.0.1: an admin, a supervisor, a clerk at
/// counter 1 and a clerk with no counter; the clock stands on Monday 2 March 2026, 08:00.
final class QueueHost: Sendable {
    let application: Application
    let server: HTTPServer
    let fixture: QueueFixture
    static let password = "correct-horse-1"

    init() async throws {
        fixture = try QueueFixture()
        var policy = IdentityService.Policy()
        policy.passwordIterations = 1_000
        let identity = try IdentityService(store: fixture.store, clock: fixture.clock, policy: policy)
        try identity.addAccount(id: "sup", displayName: "Supervisor", role: .supervisor, password: Self.password, by: .system)
        try identity.addAccount(id: "lan", displayName: "Nguyễn Thị Lan", role: .clerk, counter: "1", password: Self.password, by: .system)
        try identity.addAccount(id: "free", displayName: "Floating clerk", role: .clerk, password: Self.password, by: .system)
        let hub = EventHub()
        // Compose again on the same store, this time publishing to the hub.
        let composition = try Composition.compose(fixture.deployment, catalogue: QueueFixture.catalogue, store: fixture.store, clock: fixture.clock,
                                                  events: HubEventSink(hub: hub), logHandler: SilentLogHandler())
        application = Application(deployment: fixture.deployment, composition: composition, store: fixture.store, identity: identity,
                                  clock: fixture.clock, hub: hub)
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.loopThreads = 1
        server = HTTPServer(configuration: configuration, router: application.makeRouter(), errorMapper: Application.errorMapper)
        try server.start()
    }

    func client() throws -> QueueClient { QueueClient(try LoopbackHTTPClient(port: server.port)) }

    func serve(_ body: @Sendable (QueueHost) async throws -> Void) async throws {
        do { try await body(self) } catch {
            await server.shutdown(gracePeriod: .seconds(1))
            throw error
        }
        await server.shutdown(gracePeriod: .seconds(1))
    }

    func signIn(_ login: String) async throws -> (String, String) {
        let response = try await client().request("POST", "/api/v1/session", headers: [("Content-Type", "application/json")],
                                                  body: Array("{\"login\":\"\(login)\",\"password\":\"\(Self.password)\"}".utf8))
        let cookie = try #require(response.headers["Set-Cookie"])
        return ("Cookie", String(cookie.split(separator: ";")[0]))
    }

    func pair(_ id: String, kind: DeviceKind) throws -> (String, String) {
        let pairing = try application.identity.startPairing(deviceID: id, kind: kind, name: id, counter: nil, by: .system)
        return ("Authorization", "Bearer " + (try application.identity.completePairing(code: pairing.code, remote: "127.0.0.1").token))
    }

    func post(_ path: String, _ json: String, as caller: (String, String)) async throws -> LoopbackHTTPClient.Response {
        try await client().request("POST", path, headers: [caller, ("Content-Type", "application/json")], body: Array(json.utf8))
    }

    func get(_ path: String, as caller: (String, String)? = nil) async throws -> LoopbackHTTPClient.Response {
        try await client().request("GET", path, headers: caller.map { [$0] } ?? [])
    }
}

/// Blocking socket calls on threads of their own, off the concurrency pool.
final class QueueClient: Sendable {
    let client: LoopbackHTTPClient
    init(_ client: LoopbackHTTPClient) { self.client = client }

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

func body(_ response: LoopbackHTTPClient.Response) throws -> JSONValue {
    try JSONParser().parse(response.body)
}

@Suite("queue.standard over HTTP", .serialized)
struct QueueHTTPTests {
    @Test func aKioskIssuesAndEveryoneCanFollowTheTicket() async throws {
        try await QueueHost().serve { host in
            let kiosk = try host.pair("kiosk-1", kind: .kiosk)
            let issued = try await host.post("/api/v1/tickets", #"{"sector":"ho-tich","priorityGroup":"elderly","idempotencyKey":"a"}"#, as: kiosk)
            #expect(issued.status == 201)
            let ticket = try body(issued)
            #expect(ticket["number"]?.stringValue == "TP-001")
            #expect(ticket["issuedAt"]?.stringValue == "2026-03-02T01:00:00.000Z")
            let follow = try #require(ticket["followPath"]?.stringValue)
            #expect(follow == "/ticket/20260302-TP-001")
            let again = try await host.post("/api/v1/tickets", #"{"sector":"ho-tich","priorityGroup":"elderly","idempotencyKey":"a"}"#, as: kiosk)
            #expect(try body(again)["id"] == ticket["id"])
            let public_ = try await host.get("/api/v1/tickets/20260302-TP-001")
            #expect(try public_.status == 200 && (try body(public_)["ahead"]) == 0)
            let page = try await host.get(follow)
            #expect(page.status == 200 && page.text.contains("TP-001") && page.text.contains("data-follow"))
            let missing = try await host.get("/api/v1/tickets/nope")
            #expect(try missing.status == 404 && (try body(missing)["error"]?["code"]?.stringValue) == "queue.no-such-ticket")
            #expect(try await host.get("/ticket/nope").status == 404)
            let board = try host.pair("board-1", kind: .board)
            #expect(try await host.post("/api/v1/tickets", #"{"sector":"ho-tich"}"#, as: board).status == 403)
            let disabled = try await host.post("/api/v1/tickets", #"{"sector":"off"}"#, as: kiosk)
            #expect(try disabled.status == 400 && (try body(disabled)["error"]?["details"]?[0]?["field"]?.stringValue) == "sector")
        }
    }

    @Test func clerksActOnTheirOwnCounterOnly() async throws {
        try await QueueHost().serve { host in
            let kiosk = try host.pair("kiosk-1", kind: .kiosk)
            _ = try await host.post("/api/v1/tickets", #"{"sector":"ho-tich"}"#, as: kiosk)
            let lan = try await host.signIn("lan")
            let other = try await host.post("/api/v1/counters/2/call-next", "{}", as: lan)
            #expect(try other.status == 403 && (try body(other)["error"]?["code"]?.stringValue) == "queue.not-your-counter")
            let called = try await host.post("/api/v1/counters/1/call-next", "{}", as: lan)
            #expect(try called.status == 200 && (try body(called)["ticket"]?["counter"]?.stringValue) == "1")
            let id = try #require(try body(called)["ticket"]?["id"]?.stringValue)
            let free = try await host.signIn("free")
            let unplaced = try await host.post("/api/v1/tickets/\(id)/actions", #"{"action":"start"}"#, as: free)
            #expect(try unplaced.status == 400 && (try body(unplaced)["error"]?["code"]?.stringValue) == "queue.counter-required")
            let elsewhere = try await host.post("/api/v1/tickets/\(id)/actions", #"{"action":"start","atCounter":"2"}"#, as: free)
            #expect(try elsewhere.status == 403 && (try body(elsewhere)["error"]?["code"]?.stringValue) == "queue.other-counter")
            let started = try await host.post("/api/v1/tickets/\(id)/actions", #"{"action":"start"}"#, as: lan)
            #expect(try started.status == 200 && (try body(started)["state"]?.stringValue) == "serving")
            let noReason = try await host.post("/api/v1/tickets/\(id)/actions", #"{"action":"cancel"}"#, as: lan)
            #expect(try noReason.status == 400 && (try body(noReason)["error"]?["details"]?[0]?["field"]?.stringValue) == "reason")
            #expect(try await host.post("/api/v1/tickets/\(id)/actions", #"{"action":"finish"}"#, as: lan).status == 200)
            let twice = try await host.post("/api/v1/tickets/\(id)/actions", #"{"action":"finish"}"#, as: lan)
            #expect(try twice.status == 409 && (try body(twice)["error"]?["code"]?.stringValue) == "queue.invalid-transition")
            #expect(try await host.post("/api/v1/counters/1/pause", #"{"reason":"nghỉ giữa ca"}"#, as: lan).status == 200)
            #expect(try await host.post("/api/v1/queue/close-day", "{}", as: lan).status == 403)
            let supervisor = try await host.signIn("sup")
            let closed = try await host.post("/api/v1/queue/close-day", "{}", as: supervisor)
            #expect(try closed.status == 200 && (try body(closed)["day"]?.stringValue) == "2026-03-02")
            let kioskAfter = try await host.post("/api/v1/tickets", #"{"sector":"ho-tich"}"#, as: kiosk)
            #expect(try kioskAfter.status == 409 && (try body(kioskAfter)["error"]?["code"]?.stringValue) == "queue.day-closed")
        }
    }

    @Test func aBoardHearsTheCallOverServerSentEvents() async throws {
        try await QueueHost().serve { host in
            let board = try host.pair("board-1", kind: .board)
            let stream = try host.client()
            try await stream.sendRequest("GET", "/api/v1/events?topics=queue", headers: [board])
            #expect(try await stream.readResponse().status == 200)
            #expect(try await stream.readNextEvent().event == "ready")
            let kiosk = try host.pair("kiosk-1", kind: .kiosk)
            _ = try await host.post("/api/v1/tickets", #"{"sector":"ho-tich"}"#, as: kiosk)
            #expect(try await stream.readNextEvent().event == "ticket.issued")
            _ = try await host.post("/api/v1/counters/1/call-next", "{}", as: try await host.signIn("lan"))
            let called = try await stream.readNextEvent()
            #expect(called.event == "ticket.called")
            let payload = try JSONParser().parse(Array(called.data.utf8))
            #expect(payload["number"]?.stringValue == "TP-001" && payload["counter"]?.stringValue == "1")
            // The public stream carries the same announcements.
            let open = try host.client()
            try await open.sendRequest("GET", "/api/v1/queue/live")
            #expect(try await open.readResponse().status == 200)
            #expect(try await open.readNextEvent().event == "ready")
        }
    }

    @Test func thePagesRender() async throws {
        try await QueueHost().serve { host in
            let kiosk = try host.pair("kiosk-1", kind: .kiosk)
            let kioskPage = try await host.get("/kiosk", as: kiosk)
            #expect(kioskPage.status == 200)
            #expect(kioskPage.text.contains("data-sector=\"ho-tich\"") && kioskPage.text.contains("Người cao tuổi"))
            #expect(!kioskPage.text.contains("data-sector=\"off\""))
            let issued = try body(try await host.post("/api/v1/tickets", #"{"sector":"ho-tich"}"#, as: kiosk))
            let id = try #require(issued["id"]?.stringValue)
            let printed = try await host.get("/kiosk/ticket/\(id)", as: kiosk)
            #expect(printed.status == 200)
            #expect(printed.text.contains("TP-001") && printed.text.contains("@page { size: 80mm 130mm") && printed.text.contains("data-autoprint"))
            // The QR code and the printed address lead to the follow page on the host the kiosk reached.
            #expect(printed.text.contains("http://127.0.0.1:\(host.server.port)/ticket/\(id)"))
            let board = try host.pair("board-1", kind: .board)
            let boardPage = try await host.get("/board", as: board)
            #expect(boardPage.status == 200 && boardPage.text.contains("data-board") && boardPage.text.contains("Quầy 1"))
            // A manifest's words never open a tag, in the page or in its data attributes.
            for page in [kioskPage, boardPage] {
                #expect(page.text.contains("Đất đai &lt;&amp;&gt; môi trường"))
                #expect(!page.text.contains("<&>"))
            }
            let lan = try await host.signIn("lan")
            _ = try await host.post("/api/v1/counters/1/call-next", "{}", as: lan)
            let console = try await host.get("/counter", as: lan)
            #expect(console.status == 200 && console.text.contains("TP-001") && console.text.contains("data-queue-action=\"recall\""))
            let free = try await host.signIn("free")
            let chooser = try await host.get("/counter", as: free)
            #expect(chooser.text.contains("name=\"counter\""))
            #expect(try await host.get("/counter?counter=2", as: free).text.contains("data-counter=\"2\""))
            #expect(try await host.get("/queue/supervisor", as: lan).status == 403)
            let supervisor = try await host.get("/queue/supervisor", as: try await host.signIn("sup"))
            #expect(supervisor.status == 200 && supervisor.text.contains("/api/v1/queue/close-day"))
            #expect(try await host.get("/board").status == 303)
        }
    }
}
