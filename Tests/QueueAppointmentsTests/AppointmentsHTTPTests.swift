import Foundation
import MotCuaCore
import MotCuaHost
import MotCuaStore
import MotCuaTesting
import Testing

@Suite("queue.appointments over HTTP")
struct AppointmentsHTTPTests {
    @Test func aCitizenBooksAndTheKioskChecksIn() async throws {
        let fixture = try AppointmentsFixture()
        let host = fixture.host
        try await host.test { client in
            let slots = try await client.get("/api/v1/appointments/slots?sector=ho-tich&day=2026-03-03")
            #expect(slots.status == 200)
            #expect(try slots.json()["slots"]?[0]?["start"]?.stringValue == "07:30")
            let badDay = try await client.get("/api/v1/appointments/slots?sector=ho-tich&day=tomorrow")
            #expect(badDay.status == 400)
            let booked = try await client.post("/api/v1/appointments", json: #"{"sector":"ho-tich","day":"2026-03-03","start":"09:00"}"#)
            #expect(booked.status == 201)
            let code = try #require(try booked.json()["code"]?.stringValue)
            #expect(try await client.get("/api/v1/appointments/\(code)").status == 200)
            let page = try await client.get("/appointments?sector=ho-tich&day=2026-03-03")
            #expect(page.status == 200 && page.text.contains("data-api=\"/api/v1/appointments\"") && page.text.contains("09:30–10:00"))

            // Only a kiosk (or staff) checks in.
            #expect(try await client.post("/api/v1/appointments/\(code)/check-in").status == 401)
            let kiosk = try host.pair("kiosk-1", kind: .kiosk)
            fixture.clock.set(fixture.at(3, 9, 5))
            let checkedIn = try await client.post("/api/v1/appointments/\(code)/check-in", as: kiosk)
            #expect(checkedIn.status == 201)
            let ticket = try checkedIn.json()
            #expect(ticket["booking"]?.stringValue == code && ticket["appointment"]?["state"]?.stringValue == "checkedIn")
            let recorded = try #require(fixture.queue.requests.last)
            #expect(recorded.placeAt == fixture.at(3, 9, 0) && recorded.booking == code)
            let again = try await client.post("/api/v1/appointments/\(code)/check-in", as: kiosk)
            #expect(again.status == 409)
            // The kiosk page offers the check-in.
            #expect(try await client.get("/kiosk", as: kiosk).text.contains("data-checkin"))
        }
    }
}
