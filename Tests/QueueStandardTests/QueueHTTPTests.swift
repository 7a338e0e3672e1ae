import Foundation
import MotCuaCore
import MotCuaHost
import MotCuaStore
import MotCuaTesting
import QueueStandard
import Testing

/// queue.standard behind the HTTP application: a supervisor, a clerk at counter 1 (`lan`) and
/// a clerk with no counter (`free`); the clock stands on Monday 2 March 2026, 08:00.
func serveQueue(_ mode: TestClient.Mode = .router, _ body: (TestHost, TestClient) async throws -> Void) async throws {
    let host = try QueueFixture(accounts: [.supervisor, .clerk, .clerk("free", counter: nil)]).host
    try await host.test(mode) { client in try await body(host, client) }
}

@Suite("queue.standard over HTTP")
struct QueueHTTPTests {
    @Test func aKioskIssuesAndEveryoneCanFollowTheTicket() async throws {
        try await serveQueue { host, client in
            let kiosk = try host.pair("kiosk-1", kind: .kiosk)
            let issued = try await client.post("/api/v1/tickets", json: #"{"sector":"ho-tich","priorityGroup":"elderly","idempotencyKey":"a"}"#, as: kiosk)
            #expect(issued.status == 201)
            let ticket = try issued.json()
            #expect(ticket["number"]?.stringValue == "TP-001")
            #expect(ticket["issuedAt"]?.stringValue == "2026-03-02T01:00:00.000Z")
            let follow = try #require(ticket["followPath"]?.stringValue)
            #expect(follow == "/ticket/20260302-TP-001")
            let again = try await client.post("/api/v1/tickets", json: #"{"sector":"ho-tich","priorityGroup":"elderly","idempotencyKey":"a"}"#, as: kiosk)
            #expect(try again.json()["id"] == ticket["id"])
            let public_ = try await client.get("/api/v1/tickets/20260302-TP-001")
            #expect(try public_.status == 200 && (try public_.json()["ahead"]) == 0)
            let page = try await client.get(follow)
            #expect(page.status == 200 && page.text.contains("TP-001") && page.text.contains("data-follow"))
            let missing = try await client.get("/api/v1/tickets/nope")
            #expect(try missing.status == 404 && (try missing.json()["error"]?["code"]?.stringValue) == "queue.no-such-ticket")
            #expect(try await client.get("/ticket/nope").status == 404)
            let board = try host.pair("board-1", kind: .board)
            #expect(try await client.post("/api/v1/tickets", json: #"{"sector":"ho-tich"}"#, as: board).status == 403)
            let disabled = try await client.post("/api/v1/tickets", json: #"{"sector":"off"}"#, as: kiosk)
            #expect(try disabled.status == 400 && (try disabled.json()["error"]?["details"]?[0]?["field"]?.stringValue) == "sector")
        }
    }

    @Test func clerksActOnTheirOwnCounterOnly() async throws {
        try await serveQueue { host, client in
            let kiosk = try host.pair("kiosk-1", kind: .kiosk)
            _ = try await client.post("/api/v1/tickets", json: #"{"sector":"ho-tich"}"#, as: kiosk)
            let lan = try host.signIn("lan")
            let other = try await client.post("/api/v1/counters/2/call-next", json: "{}", as: lan)
            #expect(try other.status == 403 && (try other.json()["error"]?["code"]?.stringValue) == "queue.not-your-counter")
            let called = try await client.post("/api/v1/counters/1/call-next", json: "{}", as: lan)
            #expect(try called.status == 200 && (try called.json()["ticket"]?["counter"]?.stringValue) == "1")
            let id = try #require(try called.json()["ticket"]?["id"]?.stringValue)
            let free = try host.signIn("free")
            let unplaced = try await client.post("/api/v1/tickets/\(id)/actions", json: #"{"action":"start"}"#, as: free)
            #expect(try unplaced.status == 400 && (try unplaced.json()["error"]?["code"]?.stringValue) == "queue.counter-required")
            let elsewhere = try await client.post("/api/v1/tickets/\(id)/actions", json: #"{"action":"start","atCounter":"2"}"#, as: free)
            #expect(try elsewhere.status == 403 && (try elsewhere.json()["error"]?["code"]?.stringValue) == "queue.other-counter")
            let started = try await client.post("/api/v1/tickets/\(id)/actions", json: #"{"action":"start"}"#, as: lan)
            #expect(try started.status == 200 && (try started.json()["state"]?.stringValue) == "serving")
            let noReason = try await client.post("/api/v1/tickets/\(id)/actions", json: #"{"action":"cancel"}"#, as: lan)
            #expect(try noReason.status == 400 && (try noReason.json()["error"]?["details"]?[0]?["field"]?.stringValue) == "reason")
            #expect(try await client.post("/api/v1/tickets/\(id)/actions", json: #"{"action":"finish"}"#, as: lan).status == 200)
            let twice = try await client.post("/api/v1/tickets/\(id)/actions", json: #"{"action":"finish"}"#, as: lan)
            #expect(try twice.status == 409 && (try twice.json()["error"]?["code"]?.stringValue) == "queue.invalid-transition")
            #expect(try await client.post("/api/v1/counters/1/pause", json: #"{"reason":"nghỉ giữa ca"}"#, as: lan).status == 200)
            #expect(try await client.post("/api/v1/queue/close-day", json: "{}", as: lan).status == 403)
            let supervisor = try host.signIn("sup")
            let closed = try await client.post("/api/v1/queue/close-day", json: "{}", as: supervisor)
            #expect(try closed.status == 200 && (try closed.json()["day"]?.stringValue) == "2026-03-02")
            let kioskAfter = try await client.post("/api/v1/tickets", json: #"{"sector":"ho-tich"}"#, as: kiosk)
            #expect(try kioskAfter.status == 409 && (try kioskAfter.json()["error"]?["code"]?.stringValue) == "queue.day-closed")
        }
    }

    /// Over a socket: the board's stream stays open while the kiosk and the clerk act.
    @Test func aBoardHearsTheCallOverServerSentEvents() async throws {
        try await serveQueue(.live) { host, client in
            let board = try host.pair("board-1", kind: .board)
            let stream = try await client.stream("/api/v1/events?topics=queue", as: board)
            #expect(stream.status == 200)
            #expect(try await stream.next().event == "ready")
            let kiosk = try host.pair("kiosk-1", kind: .kiosk)
            _ = try await client.post("/api/v1/tickets", json: #"{"sector":"ho-tich"}"#, as: kiosk)
            #expect(try await stream.next().event == "ticket.issued")
            _ = try await client.post("/api/v1/counters/1/call-next", json: "{}", as: try host.signIn("lan"))
            let called = try await stream.next()
            #expect(called.event == "ticket.called")
            let payload = try JSONParser().parse(Array(called.data.utf8))
            #expect(payload["number"]?.stringValue == "TP-001" && payload["counter"]?.stringValue == "1")
            // The public stream carries the same announcements.
            let open = try await client.stream("/api/v1/queue/live")
            #expect(open.status == 200)
            #expect(try await open.next().event == "ready")
        }
    }

    @Test func thePagesRender() async throws {
        try await serveQueue { host, client in
            let kiosk = try host.pair("kiosk-1", kind: .kiosk)
            let kioskPage = try await client.get("/kiosk", as: kiosk)
            #expect(kioskPage.status == 200)
            #expect(kioskPage.text.contains("data-sector=\"ho-tich\"") && kioskPage.text.contains("Người cao tuổi"))
            #expect(!kioskPage.text.contains("data-sector=\"off\""))
            let issued = try (try await client.post("/api/v1/tickets", json: #"{"sector":"ho-tich"}"#, as: kiosk)).json()
            let id = try #require(issued["id"]?.stringValue)
            let printed = try await client.get("/kiosk/ticket/\(id)", as: kiosk)
            #expect(printed.status == 200)
            #expect(printed.text.contains("TP-001") && printed.text.contains("class=\"ticket-print paper-80mm\"") && !printed.text.contains("<style>") && printed.text.contains("data-autoprint"))
            // The slip's paper is a named page in the style sheet, out of reach of other pages' @page rules.
            #expect(try await client.get("/assets/app.css").text.contains("@page ticket-80mm { size: 80mm 130mm; margin: 3mm; }"))
            // The QR code and the printed address lead to the follow page on the host the kiosk reached.
            #expect(printed.text.contains("http://\(client.host)/ticket/\(id)"))
            let board = try host.pair("board-1", kind: .board)
            let boardPage = try await client.get("/board", as: board)
            #expect(boardPage.status == 200 && boardPage.text.contains("data-board") && boardPage.text.contains("Quầy 1"))
            // A manifest's words never open a tag, in the page or in its data attributes.
            for page in [kioskPage, boardPage] {
                #expect(page.text.contains("Đất đai &lt;&amp;&gt; môi trường"))
                #expect(!page.text.contains("<&>"))
            }
            let lan = try host.signIn("lan")
            _ = try await client.post("/api/v1/counters/1/call-next", json: "{}", as: lan)
            let console = try await client.get("/counter", as: lan)
            #expect(console.status == 200 && console.text.contains("TP-001") && console.text.contains("data-queue-action=\"recall\""))
            let free = try host.signIn("free")
            let chooser = try await client.get("/counter", as: free)
            #expect(chooser.text.contains("name=\"counter\""))
            #expect(try await client.get("/counter?counter=2", as: free).text.contains("data-counter=\"2\""))
            #expect(try await client.get("/queue/supervisor", as: lan).status == 403)
            let supervisor = try await client.get("/queue/supervisor", as: try host.signIn("sup"))
            #expect(supervisor.status == 200 && supervisor.text.contains("/api/v1/queue/close-day"))
            #expect(try await client.get("/board").status == 303)
        }
    }
}
