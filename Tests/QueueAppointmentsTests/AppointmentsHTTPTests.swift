import Foundation
import MotCuaCore
import MotCuaHost
import MotCuaHTTP
import MotCuaStore
import Testing

/// Blocking socket calls on a thread of their own, off the concurrency pool.
func request(_ port: Int, _ method: String, _ target: String, headers: [(String, String)] = [], body: String = "") async throws -> LoopbackHTTPClient.Response {
    try await withCheckedThrowingContinuation { continuation in
        Thread {
            continuation.resume(with: Result {
                let client = try LoopbackHTTPClient(port: port)
                return try client.request(method, target, headers: headers + (body.isEmpty ? [] : [("Content-Type", "application/json")]), body: Array(body.utf8))
            })
        }.start()
    }
}

@Suite("queue.appointments over HTTP", .serialized)
struct AppointmentsHTTPTests {
    @Test func aCitizenBooksAndTheKioskChecksIn() async throws {
        let fixture = try AppointmentsFixture()
        var policy = IdentityService.Policy()
        policy.passwordIterations = 1_000
        let identity = try IdentityService(store: fixture.store, clock: fixture.clock, policy: policy)
        let application = Application(deployment: fixture.deployment, composition: fixture.composition, store: fixture.store,
                                       identity: identity, clock: fixture.clock, hub: EventHub())
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.loopThreads = 1
        let server = HTTPServer(configuration: configuration, router: application.makeRouter(), errorMapper: Application.errorMapper)
        try server.start()
        do {
            try await exercise(server.port, fixture: fixture, identity: identity)
        } catch {
            await server.shutdown(gracePeriod: .seconds(1))
            throw error
        }
        await server.shutdown(gracePeriod: .seconds(1))
    }

    private func exercise(_ port: Int, fixture: AppointmentsFixture, identity: IdentityService) async throws {
        let slots = try await request(port, "GET", "/api/v1/appointments/slots?sector=ho-tich&day=2026-03-03")
        #expect(slots.status == 200)
        #expect(try JSONParser().parse(slots.body)["slots"]?[0]?["start"]?.stringValue == "07:30")
        let badDay = try await request(port, "GET", "/api/v1/appointments/slots?sector=ho-tich&day=tomorrow")
        #expect(badDay.status == 400)
        let booked = try await request(port, "POST", "/api/v1/appointments", body: #"{"sector":"ho-tich","day":"2026-03-03","start":"09:00"}"#)
        #expect(booked.status == 201)
        let code = try #require(try JSONParser().parse(booked.body)["code"]?.stringValue)
        #expect(try await request(port, "GET", "/api/v1/appointments/\(code)").status == 200)
        let page = try await request(port, "GET", "/appointments?sector=ho-tich&day=2026-03-03")
        #expect(page.status == 200 && page.text.contains("data-api=\"/api/v1/appointments\"") && page.text.contains("09:30–10:00"))

        // Only a kiosk (or staff) checks in.
        #expect(try await request(port, "POST", "/api/v1/appointments/\(code)/check-in").status == 401)
        let pairing = try identity.startPairing(deviceID: "kiosk-1", kind: .kiosk, name: "Kiosk", counter: nil, by: .system)
        let token = try identity.completePairing(code: pairing.code, remote: "127.0.0.1").token
        fixture.clock.set(fixture.at(3, 9, 5))
        let checkedIn = try await request(port, "POST", "/api/v1/appointments/\(code)/check-in", headers: [("Authorization", "Bearer \(token)")])
        #expect(checkedIn.status == 201)
        let ticket = try JSONParser().parse(checkedIn.body)
        #expect(ticket["booking"]?.stringValue == code && ticket["appointment"]?["state"]?.stringValue == "checkedIn")
        let recorded = try #require(RecordingQueue.requests.withLock { $0.last })
        #expect(recorded.placeAt == fixture.at(3, 9, 0) && recorded.booking == code)
        let again = try await request(port, "POST", "/api/v1/appointments/\(code)/check-in", headers: [("Authorization", "Bearer \(token)")])
        #expect(again.status == 409)
        // The kiosk page offers the check-in.
        #expect(try await request(port, "GET", "/kiosk", headers: [("Authorization", "Bearer \(token)")]).text.contains("data-checkin"))
    }
}
