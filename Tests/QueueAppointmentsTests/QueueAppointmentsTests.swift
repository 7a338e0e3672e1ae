import Foundation
import MotCuaCore
import MotCuaHost
import MotCuaStore
import MotCuaTesting
import QueueAppointments
import Synchronization
import Testing
import MotCuaPostgresTesting

/// A primary queue that records the requests it is given, so the add-on can be composed.
struct RecordingQueue: QueueingPlugin {
    struct Settings: Decodable, Sendable {}
    static let id: PluginID = "queue.recording"
    static let version = "1.0.0"
    static let summary = LocalizedText(vi: "Hàng đợi thử", en: "Test queue")
    /// The requests this instance was given, in order.
    let requests = RecordedRequests()
    final class RecordedRequests: Sendable {
        let list = Mutex<[TicketRequest]>([])
        var last: TicketRequest? { list.withLock { $0.last } }
    }
    let context: HostContext
    init(settings: Settings, context: HostContext) throws { self.context = context }
    func issueTicket(_ request: TicketRequest, by principal: Principal) throws -> Ticket {
        requests.list.withLock { $0.append(request) }
        var ticket = Ticket(id: "t-\(request.booking ?? "walk-in")", number: "TP-007", sector: request.sector, issuedAt: context.clock.now)
        ticket.booking = request.booking
        return ticket
    }
    func callNext(counter: String, by principal: Principal) throws -> Ticket? { nil }
    func perform(_ action: TicketAction, onTicket id: String, by principal: Principal) throws -> Ticket {
        throw Problem("test", en: "unsupported", vi: "không hỗ trợ")
    }
    func snapshot() throws -> QueueSnapshot { QueueSnapshot(waiting: [], atCounters: []) }
}

/// The appointments add-on beside a recording primary queue, in a centre open Monday and
/// Tuesday only; the clock at 08:00 on Monday 2 March 2026.
struct AppointmentsFixture {
    let host: TestHost
    var deployment: Deployment { host.deployment }
    var clock: ManualClock { host.clock }
    var store: any Store { host.store }
    var composition: Composition { host.composition }
    var booking: any AppointmentBooking {
        composition.plugins.compactMap { if case .queueing(let plugin) = $0.instance { plugin as? any AppointmentBooking } else { nil } }.first!
    }
    var queue: RecordingQueue { composition.queueing as! RecordingQueue }

    init(settings: String = "{}", accounts: [TestAccount] = []) throws {
        let manifest = TestManifest(id: "t.appointments")
            .set("hours", json: #"{ "mon": ["07:30-11:30", "13:30-17:00"], "tue": ["07:30-11:30", "13:30-17:00"] }"#)
            .sector("ho-tich", vi: "Hộ tịch", en: "Civil status").sector("dat-dai", vi: "Đất đai", en: "Land")
            .counter("1", sectors: ["ho-tich"]).counter("2", sectors: ["ho-tich", "dat-dai"])
            .plugin("queue.recording").plugin("queue.appointments", settings)
        host = try TestHost(manifest, plugins: [.queueing(RecordingQueue.self), .queueing(QueueAppointments.self)], requiredKinds: [.queueing],
                            accounts: accounts)
    }

    func at(_ day: Int, _ hour: Int, _ minute: Int) -> Date {
        deployment.calendar.instant(LocalDate(year: 2026, month: 3, day: day)!, LocalTime(hour: hour, minute: minute)!)
    }
}

func problem(_ body: () throws -> Void) -> Problem? {
    do { try body() } catch let problem as Problem { return problem } catch { return nil }
    return nil
}

@Suite("queue.appointments", .onEachEngine)
struct QueueAppointmentsTests {
    static let citizen = Principal.citizen
    static let tuesday = LocalDate(year: 2026, month: 3, day: 3)!

    @Test func theAddOnIsNotThePrimary() throws {
        let fixture = try AppointmentsFixture()
        #expect(type(of: fixture.booking).role == .addOn)
        #expect(fixture.composition.queueing.map { type(of: $0).id } == "queue.recording")
    }

    @Test func slotsComeFromCountersAndOpeningHours() throws {
        let fixture = try AppointmentsFixture(settings: #"{ "slotMinutes": 60, "perCounterPerSlot": 2 }"#)
        let slots = try fixture.booking.slots(sector: "ho-tich", day: Self.tuesday)
        // 07:30–11:30 and 13:30–17:00 in hours: 4 + 3 slots; two counters × 2 each.
        #expect(slots.map(\.start) == ["07:30", "08:30", "09:30", "10:30", "13:30", "14:30", "15:30"])
        #expect(slots.allSatisfy { $0.capacity == 4 && $0.booked == 0 })
        #expect(try fixture.booking.slots(sector: "dat-dai", day: Self.tuesday).first?.capacity == 2)
        // Wednesday has no hours in this centre.
        #expect(try fixture.booking.slots(sector: "ho-tich", day: LocalDate(year: 2026, month: 3, day: 4)!).isEmpty)
    }

    @Test func aFullSlotRefusesTheNextBooking() throws {
        let fixture = try AppointmentsFixture(settings: #"{ "sectors": ["dat-dai"] }"#)
        let start = LocalTime(hour: 9, minute: 0)!
        let first = try fixture.booking.book(sector: "dat-dai", day: Self.tuesday, start: start, by: Self.citizen)
        #expect(first.code.count == 6 && first.code.allSatisfy { "ABCDEFGHJKMNPQRSTUVWXYZ23456789".contains($0) })
        let full = try #require(problem { _ = try fixture.booking.book(sector: "dat-dai", day: Self.tuesday, start: start, by: Self.citizen) })
        #expect(full.code == "queue.appointments-full" && full.status == 409)
        #expect(problem { _ = try fixture.booking.book(sector: "ho-tich", day: Self.tuesday, start: start, by: Self.citizen) }?.code == "queue.appointments-sector")
        #expect(problem { _ = try fixture.booking.book(sector: "dat-dai", day: Self.tuesday, start: LocalTime(hour: 9, minute: 10)!, by: Self.citizen) }?.code == "queue.appointments-slot")
        #expect(problem { _ = try fixture.booking.book(sector: "dat-dai", day: LocalDate(year: 2026, month: 3, day: 1)!, start: start, by: Self.citizen) }?.code == "queue.appointments-day")
        // A cancelled booking frees its place.
        _ = try fixture.booking.cancelBooking(code: first.code, by: Self.citizen)
        #expect(try fixture.booking.book(sector: "dat-dai", day: Self.tuesday, start: start, by: Self.citizen).state == .booked)
        let kinds = try fixture.store.journalEntries(after: 0, limit: 100).map(\.kind)
        #expect(kinds == ["booking.created", "booking.cancelled", "booking.created"])
    }

    @Test func checkInInsideTheWindowTakesTheSlotStartAndLateFallsBack() throws {
        let fixture = try AppointmentsFixture()
        let onTime = try fixture.booking.book(sector: "ho-tich", day: Self.tuesday, start: LocalTime(hour: 9, minute: 0)!, by: Self.citizen)
        let late = try fixture.booking.book(sector: "ho-tich", day: Self.tuesday, start: LocalTime(hour: 8, minute: 0)!, by: Self.citizen)
        // Monday: wrong day.
        #expect(problem { _ = try fixture.booking.checkInRequest(code: onTime.code) }?.code == "queue.appointments-wrong-day")
        fixture.clock.set(fixture.at(3, 8, 10))
        // 50 minutes early: too early (30 allowed).
        let early = try #require(problem { _ = try fixture.booking.checkInRequest(code: onTime.code) })
        #expect(early.code == "queue.appointments-early" && early.message.vi.contains("08:30"))
        fixture.clock.set(fixture.at(3, 9, 10))
        let request = try fixture.booking.checkInRequest(code: onTime.code.lowercased())
        #expect(request.placeAt == fixture.at(3, 9, 0) && request.booking == onTime.code && request.sector == "ho-tich")
        let lateRequest = try fixture.booking.checkInRequest(code: late.code)
        #expect(lateRequest.placeAt == nil && lateRequest.booking == late.code)
        var ticket = Ticket(id: "20260303-TP-004", number: "TP-004", sector: "ho-tich", issuedAt: fixture.clock.now)
        ticket.booking = late.code
        let confirmed = try fixture.booking.confirmCheckIn(code: late.code, ticket: ticket, by: .device("kiosk-1"))
        #expect(confirmed.state == .checkedIn && confirmed.late && confirmed.ticket == ticket.id)
        #expect(problem { _ = try fixture.booking.checkInRequest(code: late.code) }?.code == "queue.appointments-used")
        #expect(problem { _ = try fixture.booking.checkInRequest(code: "ZZZZZZ") }?.status == 404)
        let entry = try #require(try fixture.store.journalEntries(after: 0, limit: 100).last)
        #expect(entry.kind == "booking.checked-in" && entry.payload.contains("\"late\":true"))
    }

    @Test(arguments: [#"{ "slotMinutes": 5 }"#, #"{ "perCounterPerSlot": 0 }"#, #"{ "sectors": ["off"] }"#])
    func badSettingsAreRefused(settings: String) throws {
        #expect(throws: CompositionError.self) { _ = try AppointmentsFixture(settings: settings) }
    }
}
