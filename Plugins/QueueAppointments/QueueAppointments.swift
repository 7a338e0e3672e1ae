#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// Appointments for the queue: citizens book a slot (sector, day, time) and get a code; at
/// the kiosk the code becomes a ticket that goes ahead of walk-ins who came after the slot
/// started. Late arrivals join the normal queue.
///
/// Slot capacity comes from the counters serving the sector and the opening hours of the day
/// on the working calendar. The add-on never sees the primary queueing plugin: the host asks
/// it for the ticket request at check-in and issues the ticket with the primary.
public struct QueueAppointments: AppointmentBooking {
    public static let id: PluginID = "queue.appointments"
    public static let version = "0.1.0"
    public static let summary = LocalizedText(vi: "Đặt lịch hẹn trước, lấy số ưu tiên theo giờ hẹn",
                                              en: "Booked appointments that check in as tickets with slot precedence")
    public static let migrations = [
        Migration(version: 1, name: "create-bookings", statements: [
            """
            CREATE TABLE queue_appointments_bookings (
                code TEXT PRIMARY KEY,
                sector TEXT NOT NULL,
                day TEXT NOT NULL,
                start TEXT NOT NULL,
                end_time TEXT NOT NULL,
                state TEXT NOT NULL,
                ticket TEXT,
                late INTEGER NOT NULL DEFAULT 0,
                booked_ms INTEGER NOT NULL,
                booker TEXT NOT NULL
            )
            """,
            "CREATE INDEX queue_appointments_bookings_slot ON queue_appointments_bookings (sector, day, start, state)",
        ]),
    ]

    /// The manifest section `"queue.appointments": { … }`; every key is optional.
    ///
    /// ```json
    /// "queue.appointments": { "slotMinutes": 30, "perCounterPerSlot": 1, "daysAhead": 14,
    ///                         "checkInMinutesBefore": 30, "sectors": ["ho-tich", "dat-dai"] }
    /// ```
    public struct Settings: Decodable, Sendable {
        /// The length of a slot (10–120 minutes, 30 by default).
        var slotMinutes: Int?
        /// Bookings per counter serving the sector per slot (1 by default; the rest of the
        /// counter's time stays for walk-ins).
        var perCounterPerSlot: Int?
        /// How many days ahead a slot can be booked (14 by default).
        var daysAhead: Int?
        /// How early before the slot a citizen may check in (30 minutes by default).
        var checkInMinutesBefore: Int?
        /// The sectors that take bookings; every enabled sector by default.
        var sectors: [String]?
    }

    let context: HostContext
    let slotMinutes: Int
    let perCounter: Int
    let daysAhead: Int
    let earlyMinutes: Int
    let sectors: [String]

    public init(settings: Settings, context: HostContext) throws {
        func bad(_ key: String, _ en: String, _ vi: String) -> Problem {
            Problem("queue.appointments-settings", status: 500, en: "queue.appointments: \(key) \(en); correct it in the manifest.",
                    vi: "queue.appointments: \(key) \(vi); hãy sửa trong tệp cấu hình.")
        }
        slotMinutes = settings.slotMinutes ?? 30
        perCounter = settings.perCounterPerSlot ?? 1
        daysAhead = settings.daysAhead ?? 14
        earlyMinutes = settings.checkInMinutesBefore ?? 30
        guard (10...120).contains(slotMinutes) else { throw bad("slotMinutes", "must be 10 to 120", "phải từ 10 đến 120") }
        guard (1...20).contains(perCounter) else { throw bad("perCounterPerSlot", "must be 1 to 20", "phải từ 1 đến 20") }
        guard (0...90).contains(daysAhead) else { throw bad("daysAhead", "must be 0 to 90", "phải từ 0 đến 90") }
        guard (0...240).contains(earlyMinutes) else { throw bad("checkInMinutesBefore", "must be 0 to 240", "phải từ 0 đến 240") }
        let deployment = context.deployment
        for sector in settings.sectors ?? [] where !deployment.isEnabled(sector: sector) {
            throw bad("sectors", "names \"\(sector)\", which is not an enabled sector", "có \"\(sector)\" không phải lĩnh vực đang bật")
        }
        sectors = settings.sectors ?? deployment.enabledSectorIDs
        self.context = context
    }

    var calendar: WorkingCalendar { context.calendar }

    // MARK: Slots

    public func slots(sector: String, day: LocalDate) throws -> [AppointmentSlot] {
        guard sectors.contains(sector) else {
            throw Problem("queue.appointments-sector", en: "Sector \"\(sector)\" takes no appointments here.",
                          vi: "Lĩnh vực \"\(sector)\" không nhận đặt lịch hẹn tại đây.",
                          details: [.init(field: "sector", code: "no-appointments", message: LocalizedText(vi: "Không nhận đặt lịch", en: "No appointments"))])
        }
        let counters = context.deployment.counters.filter { $0.sectors.contains(sector) }.count
        let capacity = counters * perCounter
        guard capacity > 0 else { return [] }
        var starts: [(LocalTime, LocalTime)] = []
        for range in calendar.hours(on: day) {
            var minute = range.start.minutes
            while minute + slotMinutes <= range.end.minutes {
                starts.append((LocalTime(minutes: minute)!, LocalTime(minutes: minute + slotMinutes)!))
                minute += slotMinutes
            }
        }
        let booked = try context.store.read { db in
            var counts: [String: Int] = [:]
            for row in try db.query("SELECT start, COUNT(*) AS n FROM queue_appointments_bookings WHERE sector = ? AND day = ? AND state <> 'cancelled' GROUP BY start",
                                    [.text(sector), .text(day.description)]) {
                counts[try row.string("start")] = try row.int("n")
            }
            return counts
        }
        return starts.map { start, end in
            AppointmentSlot(sector: sector, day: day.description, start: start.description, end: end.description,
                            capacity: capacity, booked: booked[start.description] ?? 0)
        }
    }

    public func book(sector: String, day: LocalDate, start: LocalTime, by principal: Principal) throws -> Booking {
        let now = context.clock.now
        let today = calendar.local(now).date
        guard day >= today, today.days(to: day) <= daysAhead else {
            throw Problem("queue.appointments-day", en: "Book a day from today to \(daysAhead) days ahead.",
                          vi: "Hãy đặt lịch từ hôm nay đến \(daysAhead) ngày tới.",
                          details: [.init(field: "day", code: "out-of-range", message: LocalizedText(vi: "Ngày không hợp lệ", en: "Day out of range"))])
        }
        guard let slot = try slots(sector: sector, day: day).first(where: { $0.start == start.description }) else {
            throw Problem("queue.appointments-slot", en: "There is no \(start) slot on \(day) for this sector; choose one of the listed slots.",
                          vi: "Không có khung giờ \(start) ngày \(day) cho lĩnh vực này; hãy chọn khung giờ trong danh sách.",
                          details: [.init(field: "start", code: "no-slot", message: LocalizedText(vi: "Khung giờ không có", en: "No such slot"))])
        }
        guard calendar.instant(day, start) > now else {
            throw Problem("queue.appointments-past", en: "The \(start) slot has already begun; choose a later one.",
                          vi: "Khung giờ \(start) đã bắt đầu; hãy chọn khung giờ sau.",
                          details: [.init(field: "start", code: "past", message: LocalizedText(vi: "Đã qua", en: "Already begun"))])
        }
        var generator = SystemRandomNumberGenerator()
        let booking: Booking = try context.store.write { tx in
            let taken = try tx.queryFirst("SELECT COUNT(*) AS n FROM queue_appointments_bookings WHERE sector = ? AND day = ? AND start = ? AND state <> 'cancelled'",
                                          [.text(sector), .text(day.description), .text(slot.start)])?.int("n") ?? 0
            guard taken < slot.capacity else {
                throw Problem("queue.appointments-full", status: 409, en: "The \(slot.start) slot on \(day) is fully booked; choose another.",
                              vi: "Khung giờ \(slot.start) ngày \(day) đã kín lịch; hãy chọn khung giờ khác.",
                              details: [.init(field: "start", code: "full", message: LocalizedText(vi: "Đã kín", en: "Full"))])
            }
            var code = ""
            repeat {
                code = String((0..<6).map { _ in Self.alphabet.randomElement(using: &generator)! })
            } while try tx.queryFirst("SELECT 1 AS x FROM queue_appointments_bookings WHERE code = ?", [.text(code)]) != nil
            try tx.execute("""
                INSERT INTO queue_appointments_bookings (code, sector, day, start, end_time, state, booked_ms, booker)
                VALUES (?, ?, ?, ?, ?, 'booked', ?, ?)
                """, [.text(code), .text(sector), .text(day.description), .text(slot.start), .text(slot.end),
                      .integer(JournalEntry.milliseconds(now)), .text(principal.description)])
            try tx.appendJournal(JournalDraft(at: now, actor: principal.description, kind: "booking.created", subject: "booking:\(code)",
                                              payload: JSONValue.object(JSONObject([("sector", .string(sector)), ("day", .string(day.description)),
                                                                                    ("start", .string(slot.start)), ("end", .string(slot.end))])).serialized()))
            return Booking(code: code, sector: sector, day: day.description, start: slot.start, end: slot.end)
        }
        return booking
    }

    /// Codes avoid letters and digits read alike (0/O, 1/I/L).
    static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")

    public func booking(code: String) throws -> Booking? {
        let code = code.uppercased().trimmingSpaces()
        return try context.store.read { db in
            try db.queryFirst("SELECT code, sector, day, start, end_time, state, ticket, late FROM queue_appointments_bookings WHERE code = ?", [.text(code)])
                .map(Self.booking(from:))
        }
    }

    static func booking(from row: SQLRow) throws -> Booking {
        Booking(code: try row.string("code"), sector: try row.string("sector"), day: try row.string("day"), start: try row.string("start"),
                end: try row.string("end_time"), state: Booking.State(rawValue: try row.string("state")) ?? .booked,
                ticket: try row.optionalString("ticket"), late: try row.bool("late"))
    }

    // MARK: Check-in

    public func checkInRequest(code: String) throws -> TicketRequest {
        guard let booking = try booking(code: code) else {
            throw Problem("queue.appointments-unknown", status: 404, en: "No booking with the code \(code); check the code.",
                          vi: "Không có lịch hẹn mã \(code); hãy kiểm tra lại mã.",
                          details: [.init(field: "code", code: "unknown", message: LocalizedText(vi: "Mã không đúng", en: "Unknown code"))])
        }
        guard booking.state == .booked else {
            throw Problem("queue.appointments-used", status: 409,
                          en: "Booking \(booking.code) is \(booking.state == .cancelled ? "cancelled" : "already checked in (ticket \(booking.ticket ?? ""))").",
                          vi: booking.state == .cancelled ? "Lịch hẹn \(booking.code) đã bị hủy." : "Lịch hẹn \(booking.code) đã được lấy số.",
                          details: [.init(field: "code", code: "used", message: LocalizedText(vi: "Đã dùng", en: "Already used"))])
        }
        let now = context.clock.now
        let local = calendar.local(now)
        guard booking.day == local.date.description, let day = LocalDate(iso: booking.day),
              let start = LocalTime(parsing: booking.start), let end = LocalTime(parsing: booking.end) else {
            throw Problem("queue.appointments-wrong-day", status: 409, en: "Booking \(booking.code) is for \(booking.day), not today.",
                          vi: "Lịch hẹn \(booking.code) là ngày \(booking.day), không phải hôm nay.",
                          details: [.init(field: "code", code: "wrong-day", message: LocalizedText(vi: "Không phải hôm nay", en: "Not today"))])
        }
        let slotStart = calendar.instant(day, start)
        let slotEnd = calendar.instant(day, end)
        if now < slotStart.addingTimeInterval(-Double(earlyMinutes) * 60) {
            let opens = calendar.local(slotStart.addingTimeInterval(-Double(earlyMinutes) * 60)).time
            throw Problem("queue.appointments-early", status: 409, en: "Booking \(booking.code) is at \(booking.start); check in from \(opens).",
                          vi: "Lịch hẹn \(booking.code) lúc \(booking.start); mời lấy số từ \(opens).",
                          details: [.init(field: "code", code: "early", message: LocalizedText(vi: "Chưa đến giờ", en: "Too early"))])
        }
        // Within the window the ticket is ordered at the slot's start; late, it queues as a walk-in.
        let late = now >= slotEnd
        return TicketRequest(sector: booking.sector, idempotencyKey: "booking:\(booking.code)", booking: booking.code,
                             placeAt: late ? nil : slotStart)
    }

    public func confirmCheckIn(code: String, ticket: Ticket, by principal: Principal) throws -> Booking {
        let code = code.uppercased().trimmingSpaces()
        let now = context.clock.now
        return try context.store.write { tx in
            guard let row = try tx.queryFirst("SELECT code, sector, day, start, end_time, state, ticket, late FROM queue_appointments_bookings WHERE code = ?", [.text(code)]) else {
                throw Problem("queue.appointments-unknown", status: 404, en: "No booking with the code \(code).", vi: "Không có lịch hẹn mã \(code).")
            }
            var booking = try Self.booking(from: row)
            if booking.state == .checkedIn, booking.ticket == ticket.id { return booking }  // the same check-in, repeated
            guard booking.state == .booked else {
                throw Problem("queue.appointments-used", status: 409, en: "Booking \(code) is already used.", vi: "Lịch hẹn \(code) đã được dùng.")
            }
            let end = LocalDate(iso: booking.day).flatMap { day in LocalTime(parsing: booking.end).map { calendar.instant(day, $0) } }
            booking.late = end.map { now >= $0 } ?? false
            booking.state = .checkedIn
            booking.ticket = ticket.id
            try tx.execute("UPDATE queue_appointments_bookings SET state = 'checkedIn', ticket = ?, late = ? WHERE code = ?",
                           [.text(ticket.id), SQLValue(booking.late), .text(code)])
            try tx.appendJournal(JournalDraft(at: now, actor: principal.description, kind: "booking.checked-in", subject: "booking:\(code)",
                                              payload: JSONValue.object(JSONObject([("sector", .string(booking.sector)), ("day", .string(booking.day)),
                                                                                    ("start", .string(booking.start)), ("ticket", .string(ticket.id)),
                                                                                    ("number", .string(ticket.number)), ("late", .bool(booking.late))])).serialized()))
            return booking
        }
    }

    public func cancelBooking(code: String, by principal: Principal) throws -> Booking {
        let code = code.uppercased().trimmingSpaces()
        let now = context.clock.now
        return try context.store.write { tx in
            guard let row = try tx.queryFirst("SELECT code, sector, day, start, end_time, state, ticket, late FROM queue_appointments_bookings WHERE code = ?", [.text(code)]) else {
                throw Problem("queue.appointments-unknown", status: 404, en: "No booking with the code \(code).", vi: "Không có lịch hẹn mã \(code).")
            }
            var booking = try Self.booking(from: row)
            guard booking.state == .booked else {
                throw Problem("queue.appointments-used", status: 409, en: "Booking \(code) cannot be cancelled: it is \(booking.state.rawValue).",
                              vi: "Không thể hủy lịch hẹn \(code).")
            }
            booking.state = .cancelled
            try tx.execute("UPDATE queue_appointments_bookings SET state = 'cancelled' WHERE code = ?", [.text(code)])
            try tx.appendJournal(JournalDraft(at: now, actor: principal.description, kind: "booking.cancelled", subject: "booking:\(code)",
                                              payload: JSONValue.object(JSONObject([("sector", .string(booking.sector)), ("day", .string(booking.day)),
                                                                                    ("start", .string(booking.start))])).serialized()))
            return booking
        }
    }
}
