#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// A ticket row with the fields only the queue itself needs.
struct StoredTicket {
    var ticket: Ticket
    var placeMs: Int64
    var lastCalledMs: Int64?

    init(_ row: SQLRow) throws {
        ticket = try QueueStandardSchema.ticket(from: row)
        placeMs = try row.int64("place_ms")
        lastCalledMs = try row.optionalInt64("last_called_ms")
    }
}

/// What one write did, to publish once it committed.
struct Announcement {
    var kind: String
    var subject: String
    var payload: JSONObject
}

extension QueueStandard {
    var calendar: WorkingCalendar { context.calendar }
    var deployment: Deployment { context.deployment }

    /// The centre-local day of an instant, `yyyy-MM-dd`.
    func day(of instant: Date) -> String {
        calendar.local(instant).date.description
    }

    static let open = "('issued', 'called', 'serving')"

    // MARK: Reading helpers (any executor)

    func load(_ id: String, _ db: any SQLExecutor) throws -> StoredTicket? {
        try db.queryFirst("SELECT \(QueueStandardSchema.columns) FROM queue_standard_tickets WHERE id = ?", [.text(id)]).map(StoredTicket.init)
    }

    func current(atCounter counter: String, _ db: any SQLExecutor) throws -> StoredTicket? {
        try db.queryFirst("SELECT \(QueueStandardSchema.columns) FROM queue_standard_tickets WHERE counter = ? AND state IN ('called', 'serving') ORDER BY called_ms DESC LIMIT 1",
                          [.text(counter)]).map(StoredTicket.init)
    }

    /// Tickets waiting today in the given sectors (the ones a change touched), through the waiting index.
    func waitingCounts(day: String, sectors: [String], _ db: any SQLExecutor) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for sector in Set(sectors) {
            counts[sector] = try db.queryFirst("SELECT COUNT(*) AS n FROM queue_standard_tickets WHERE day = ? AND state = 'issued' AND sector = ?",
                                               [.text(day), .text(sector)])?.int("n") ?? 0
        }
        return counts
    }

    /// Tickets waiting today per sector.
    func waitingCounts(day: String, _ db: any SQLExecutor) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try db.query("SELECT sector, COUNT(*) AS n FROM queue_standard_tickets WHERE day = ? AND state = 'issued' GROUP BY sector", [.text(day)]) {
            counts[try row.string("sector")] = try row.int("n")
        }
        return counts
    }

    /// People called before this waiting ticket if nobody else arrived: priority tickets go
    /// first, then arrival order (the anti-starvation cap is left out of an estimate).
    func ahead(of stored: StoredTicket, _ db: any SQLExecutor) throws -> Int {
        let ticket = stored.ticket
        let isPriority = ticket.priorityGroup != nil
        var sql = """
            SELECT COUNT(*) AS n FROM queue_standard_tickets WHERE day = ? AND state = 'issued' AND sector = ? AND id <> ?
              AND (CASE WHEN priority_group IS NOT NULL THEN 1 ELSE 0 END) = ? AND (place_ms < ? OR (place_ms = ? AND id < ?))
            """
        var count = try db.queryFirst(sql, [.text(ticket.day ?? ""), .text(ticket.sector), .text(ticket.id), SQLValue(isPriority),
                                           .integer(stored.placeMs), .integer(stored.placeMs), .text(ticket.id)])?.int("n") ?? 0
        if !isPriority {
            sql = "SELECT COUNT(*) AS n FROM queue_standard_tickets WHERE day = ? AND state = 'issued' AND sector = ? AND priority_group IS NOT NULL"
            count += try db.queryFirst(sql, [.text(ticket.day ?? ""), .text(ticket.sector)])?.int("n") ?? 0
        }
        return count
    }

    /// The mean service seconds of the sector's latest finished tickets, or the default.
    ///
    /// Services under 30 s are left out: they are a start and a finish pressed together, not
    /// a citizen served, and would make every estimate near zero.
    func averageService(sector: String, _ db: any SQLExecutor) throws -> Int {
        let rows = try db.query("""
            SELECT finished_ms - started_ms AS ms FROM queue_standard_tickets
            WHERE sector = ? AND state = 'done' AND started_ms IS NOT NULL AND finished_ms - started_ms >= 30000
            ORDER BY finished_ms DESC LIMIT ?
            """, [.text(sector), .integer(Int64(settings.recentTickets))])
        guard !rows.isEmpty else { return settings.defaultServiceSeconds }
        let total = try rows.reduce(Int64(0)) { $0 + max(0, try $1.int64("ms")) }
        return max(1, Int(total / Int64(rows.count) / 1_000))
    }

    /// Counters serving a sector that are not paused (at least one, for the estimate).
    func openCounters(sector: String, _ db: any SQLExecutor) throws -> Int {
        let paused = Set(try db.query("SELECT counter FROM queue_standard_counters WHERE paused = 1").map { try $0.string("counter") })
        return max(1, deployment.counters.filter { $0.sectors.contains(sector) && !paused.contains($0.id) }.count)
    }

    func estimate(ahead: Int, sector: String, _ db: any SQLExecutor) throws -> Int {
        guard ahead > 0 else { return 0 }
        return Int((Double(ahead) * Double(try averageService(sector: sector, db)) / Double(try openCounters(sector: sector, db))).rounded())
    }

    /// The ticket with its place and estimate filled in while it waits.
    func withPlace(_ stored: StoredTicket, _ db: any SQLExecutor) throws -> Ticket {
        var ticket = stored.ticket
        if ticket.state == .issued {
            let ahead = try ahead(of: stored, db)
            ticket.ahead = ahead
            ticket.estimatedWaitSeconds = try estimate(ahead: ahead, sector: ticket.sector, db)
        }
        return ticket
    }

    // MARK: Availability

    /// Why the kiosk cannot issue for a sector now, with the next opening; nil when it can.
    func unavailability(sector: String, now: Date, _ db: any SQLExecutor) throws -> (reason: String, next: Date)? {
        let (date, time) = calendar.local(now)
        let today = date.description
        let tomorrow = calendar.nextWorkingInstant(atOrAfter: calendar.instant(date.adding(days: 1), .startOfDay))
        if try db.queryFirst("SELECT 1 AS x FROM queue_standard_days WHERE day = ?", [.text(today)]) != nil {
            return ("day-closed", tomorrow)
        }
        let hours = calendar.hours(on: date)
        guard let first = hours.first, let last = hours.last else { return ("closed", tomorrow) }
        if time.minutes < first.start.minutes - settings.minutesBeforeOpening {
            return ("closed", calendar.instant(date, LocalTime(minutes: max(0, first.start.minutes - settings.minutesBeforeOpening)) ?? first.start))
        }
        if time >= last.end { return ("closed", tomorrow) }
        if let cap = settings.caps[sector], try issuedToday(sector: sector, day: today, db) >= cap {
            return ("sold-out", tomorrow)
        }
        if settings.reset == .daily {
            let last = try db.queryFirst("SELECT last FROM queue_standard_series WHERE sector = ? AND period = ?", [.text(sector), .text(today)])?.int("last")
            if let last, last >= settings.end { return ("sold-out", tomorrow) }
        }
        return nil
    }

    func issuedToday(sector: String, day: String, _ db: any SQLExecutor) throws -> Int {
        try db.queryFirst("SELECT issued FROM queue_standard_daily WHERE day = ? AND sector = ?", [.text(day), .text(sector)])?.int("issued") ?? 0
    }

    func unavailableProblem(sector: String, reason: String, next: Date) -> Problem {
        let local = calendar.local(next)
        let when = "\(local.time) \(Self.dayText(local.date))"
        let name = deployment.sector(sector)?.name ?? LocalizedText(vi: sector, en: sector)
        let detail = [Problem.Detail(field: "sector", code: reason, message: LocalizedText(vi: "Mở lại lúc \(when)", en: "Opens again at \(when)"))]
        switch reason {
        case "sold-out":
            return Problem("queue.sold-out", status: 409,
                           en: "No more tickets today for \(name.en) (hết số); come back at \(when).",
                           vi: "Lĩnh vực \(name.vi) đã hết số hôm nay; mời quay lại lúc \(when).", details: detail)
        case "day-closed":
            return Problem("queue.day-closed", status: 409,
                           en: "The queue is closed for today; tickets are issued again at \(when).",
                           vi: "Hôm nay đã kết thúc cấp số; mời quay lại lúc \(when).", details: detail)
        default:
            return Problem("queue.closed", status: 409,
                           en: "The centre is not issuing tickets now; it opens at \(when).",
                           vi: "Hiện chưa đến giờ cấp số; trung tâm mở cửa lúc \(when).", details: detail)
        }
    }

    static func dayText(_ date: LocalDate) -> String {
        "\(date.day.zeroPadded(2))/\(date.month.zeroPadded(2))/\(date.year)"
    }

    // MARK: Events

    /// The live event's payload: the ticket's public fields and the waiting counts of the
    /// sectors the change touched (no clerk login: the stream is public).
    func eventPayload(_ ticket: Ticket, waiting: [String: Int], extra: JSONObject = JSONObject()) -> JSONObject {
        var payload = JSONObject([
            ("id", .string(ticket.id)), ("number", .string(ticket.number)), ("sector", .string(ticket.sector)),
            ("state", .string(ticket.state.rawValue)), ("counter", ticket.counter.map(JSONValue.string) ?? .null),
            ("priorityGroup", ticket.priorityGroup.map(JSONValue.string) ?? .null), ("recalls", .number(.integer(Int64(ticket.recalls)))),
        ])
        for (key, value) in extra { payload[key] = value }
        payload["waiting"] = .object(JSONObject(waiting.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.number(.integer(Int64($0.value)))) }))
        return payload
    }

    func publish(_ announcements: [Announcement]) {
        let now = context.clock.now
        for announcement in announcements {
            context.events.publish(DomainEvent(topic: "queue", kind: announcement.kind, subject: announcement.subject, at: now,
                                               payload: JSONValue.object(announcement.payload).serialized()))
        }
    }

    static func int(_ value: Int) -> JSONValue { .number(.integer(Int64(value))) }
    static func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    func journal(_ tx: any StoreTransaction, _ now: Date, _ principal: Principal, _ kind: String, _ subject: String, _ payload: JSONObject) throws {
        try tx.appendJournal(JournalDraft(at: now, actor: principal.description, kind: kind, subject: subject,
                                          payload: JSONValue.object(payload).serialized()))
    }

    static func clerk(_ principal: Principal) -> JSONValue {
        principal.kind == .staff ? .string(principal.id) : .null
    }

    // MARK: Closing

    /// Gives every open ticket of days up to `through` a terminal state and records the day
    /// closed; returns the closed tickets and the announcements.
    func close(through day: String, markToday: Bool, now: Date, by principal: Principal,
               _ tx: any StoreTransaction) throws -> [Ticket] {
        let rows = try tx.query("""
            SELECT \(QueueStandardSchema.columns) FROM queue_standard_tickets INDEXED BY queue_standard_tickets_open
            WHERE day <= ? AND state IN \(Self.open) ORDER BY day, place_ms, id
            """,
                                [.text(day)])
        var closed: [Ticket] = []
        var perDay: [String: Int] = [:]
        let ms = JournalEntry.milliseconds(now)
        for row in rows {
            var ticket = try StoredTicket(row).ticket
            let state: Ticket.State = switch ticket.state {
            case .serving: .done
            case .called: .noShow
            default: .cancelled
            }
            try tx.execute("UPDATE queue_standard_tickets SET state = ?, finished_ms = ? WHERE id = ?",
                           [.text(state.rawValue), .integer(ms), .text(ticket.id)])
            try journal(tx, now, principal, "ticket.closed", "ticket:\(ticket.id)", JSONObject([
                ("number", .string(ticket.number)), ("sector", .string(ticket.sector)), ("state", .string(state.rawValue)),
                ("from", .string(ticket.state.rawValue)), ("day", .string(ticket.day ?? day)),
            ]))
            ticket.state = state
            ticket.finishedAt = now
            closed.append(ticket)
            perDay[ticket.day ?? day, default: 0] += 1
        }
        var days = Set(perDay.keys)
        if markToday { days.insert(day) }
        for closedDay in days.sorted() {
            let count = perDay[closedDay] ?? 0
            try tx.execute("INSERT INTO queue_standard_days (day, closed_ms, closed_tickets) VALUES (?, ?, ?) ON CONFLICT(day) DO UPDATE SET closed_tickets = queue_standard_days.closed_tickets + excluded.closed_tickets",
                           [.text(closedDay), .integer(ms), .integer(Int64(count))])
            try journal(tx, now, principal, "queue.day-closed", "queue:\(closedDay)", JSONObject([
                ("day", .string(closedDay)), ("closedTickets", Self.int(count)), ("automatic", .bool(!markToday || closedDay != day)),
            ]))
        }
        return closed
    }
}
