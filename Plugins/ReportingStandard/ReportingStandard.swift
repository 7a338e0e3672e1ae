#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// Period reports derived from the journal: tickets, dossiers, fees and satisfaction, for a
/// day, week, month, quarter, year or any range, cut by sector, procedure, counter or clerk.
///
/// The plugin keeps fact tables (`reporting_standard_*`), one row per ticket, dossier,
/// receipt and rating, filled from journal entries after a cursor before every report.
/// ``rebuild()`` empties them and replays the whole journal, which gives the same numbers.
public struct ReportingStandard: ReportingPlugin {
    /// The manifest section `"reporting.standard": {}`.
    public struct Settings: Decodable, Sendable {
        /// Upper bounds (minutes) of the wait-time histogram's buckets; the last bucket is open.
        public var waitBuckets: [Int]?
    }

    public static let id: PluginID = "reporting.standard"
    public static let version = "0.1.0"
    public static let summary = LocalizedText(vi: "Báo cáo định kỳ: phiếu, hồ sơ, phí, mức độ hài lòng",
                                              en: "Period reports: tickets, dossiers, fees, satisfaction")
    public static let migrations = [
        Migration(version: 1, name: "create-facts", statements: [
            "CREATE TABLE reporting_standard_cursor (id INTEGER PRIMARY KEY CHECK (id = 1), last_seq INTEGER NOT NULL)",
            "INSERT INTO reporting_standard_cursor (id, last_seq) VALUES (1, 0)",
            """
            CREATE TABLE reporting_standard_tickets (
                subject TEXT PRIMARY KEY, issued_ms INTEGER, day TEXT, hour INTEGER, sector TEXT, counter TEXT, clerk TEXT,
                procedure TEXT, wait_s INTEGER, service_s INTEGER, outcome TEXT
            )
            """,
            "CREATE INDEX reporting_standard_tickets_day ON reporting_standard_tickets (day)",
            """
            CREATE TABLE reporting_standard_dossiers (
                subject TEXT PRIMARY KEY, procedure TEXT, sector TEXT, channel TEXT, counter TEXT, clerk TEXT, ticket TEXT,
                received_ms INTEGER, received_day TEXT, due_ms INTEGER, done_ms INTEGER, done_day TEXT, verdict TEXT,
                returned_ms INTEGER, returned_day TEXT, ended_ms INTEGER
            )
            """,
            "CREATE INDEX reporting_standard_dossiers_received ON reporting_standard_dossiers (received_day)",
            "CREATE INDEX reporting_standard_dossiers_open ON reporting_standard_dossiers (ended_ms, received_ms)",
            "CREATE INDEX reporting_standard_dossiers_done ON reporting_standard_dossiers (done_day)",
            "CREATE INDEX reporting_standard_dossiers_returned ON reporting_standard_dossiers (returned_day)",
            "CREATE INDEX reporting_standard_dossiers_ticket ON reporting_standard_dossiers (ticket)",
            """
            CREATE TABLE reporting_standard_payments (
                receipt TEXT PRIMARY KEY, day TEXT, method TEXT, dossier TEXT, procedure TEXT, sector TEXT, clerk TEXT,
                total INTEGER NOT NULL, voided INTEGER NOT NULL DEFAULT 0
            )
            """,
            "CREATE INDEX reporting_standard_payments_day ON reporting_standard_payments (day)",
            """
            CREATE TABLE reporting_standard_ratings (
                subject TEXT PRIMARY KEY, day TEXT, level INTEGER, scale INTEGER, counter TEXT, clerk TEXT, sector TEXT, channel TEXT
            )
            """,
            "CREATE INDEX reporting_standard_ratings_day ON reporting_standard_ratings (day)",
        ]),
    ]

    /// The journal kinds the fact tables are built from.
    public static let kinds: Set<String> = [
        "ticket.issued", "ticket.called", "ticket.finished", "ticket.no-show", "ticket.cancelled",
        "dossier.received", "dossier.status-changed", "dossier.due-overridden", "dossier.extended",
        "payment.collected", "payment.confirmed", "payment.voided", "rating.submitted",
    ]

    public var reportIDs: [String] { ["period"] }

    public func title(report id: String) -> LocalizedText { LocalizedText(vi: "Báo cáo định kỳ", en: "Period report") }

    /// The period report can be cut by sector, procedure, counter or clerk.
    public func supportsCuts(report id: String) -> Bool { id == "period" }

    private let context: HostContext
    private let waitBuckets: [Int]

    public init(settings: Settings, context: HostContext) throws {
        let buckets = settings.waitBuckets ?? [5, 10, 15, 20, 30, 45, 60]
        guard !buckets.isEmpty, zip(buckets, buckets.dropFirst()).allSatisfy({ $0 < $1 }), buckets[0] > 0 else {
            throw Problem("reporting.wait-buckets", status: 500, en: "reporting.standard: waitBuckets must be increasing minutes above 0.",
                          vi: "reporting.standard: waitBuckets phải là số phút tăng dần, lớn hơn 0.")
        }
        waitBuckets = buckets
        self.context = context
    }

    // MARK: Catching up with the journal

    private var projection: JournalProjection {
        JournalProjection(store: context.store, cursorTable: "reporting_standard_cursor", kinds: Self.kinds)
    }

    /// Applies journal entries after the cursor to the fact tables, in batches.
    @discardableResult
    public func catchUp() throws -> Int {
        try projection.catchUp(batch: applyBatch)
    }

    public func rebuild() throws -> Int {
        try projection.rebuild(emptying: ["reporting_standard_tickets", "reporting_standard_dossiers", "reporting_standard_payments", "reporting_standard_ratings"],
                               batch: applyBatch)
    }

    /// A ticket issued in the batch being applied, as its entries leave its row.
    private struct TicketRow {
        var values: [SQLValue]
        /// Its entries after `ticket.issued`, replayed one by one should the row already exist.
        var later: [JournalEntry] = []

        // Positions in `values`, in the order of the INSERT's columns.
        static let sector = 4, counter = 5, clerk = 6, procedure = 7, wait = 8, service = 9, outcome = 10

        /// The statements of ``apply(_:_:_:)`` for one ticket entry, on the row in memory.
        mutating func fold(_ entry: JournalEntry, _ payload: JSONValue) {
            func text(_ key: String) -> SQLValue { payload[key]?.stringValue.map { .text($0) } ?? .null }
            func integer(_ key: String) -> SQLValue { payload[key]?.int64Value.map { .integer($0) } ?? .null }
            func coalesce(_ value: SQLValue, _ column: Int) { if value != .null { values[column] = value } }
            later.append(entry)
            switch entry.kind {
            case "ticket.called":
                if values[Self.wait] == .null { values[Self.wait] = integer("waitSeconds") }
                values[Self.counter] = text("counter")
                coalesce(text("clerk"), Self.clerk)
            case "ticket.finished":
                values[Self.outcome] = .text("served")
                values[Self.service] = integer("serviceSeconds")
                values[Self.counter] = text("counter")
                values[Self.clerk] = payload["clerk"]?.stringValue.map { .text($0) } ?? entry.actorLogin.map { .text($0) } ?? .null
                coalesce(text("sector"), Self.sector)
            case "ticket.no-show":
                values[Self.outcome] = .text("noShow")
                coalesce(text("counter"), Self.counter)
            case "ticket.cancelled":
                values[Self.outcome] = .text("cancelled")
            case "dossier.received":
                values[Self.procedure] = text("procedure")
            default:
                break // a second ticket.issued changes nothing (ON CONFLICT DO NOTHING)
            }
        }
    }

    /// Applies one batch in journal order. A ticket issued in the batch is built in memory
    /// from its entries (issued, called, finished, the procedure of the dossier received
    /// from it) and written with one statement instead of one per entry; it gives the row
    /// the statements would give. Everything else is applied entry by entry.
    private func applyBatch(_ entries: [JournalEntry], _ database: any StoreTransaction) throws {
        var tickets: [String: TicketRow] = [:]
        var issued: [String] = []
        for entry in entries {
            let payload = entry.payloadValue
            if entry.kind.hasPrefix("ticket."), tickets[entry.subject] != nil {
                tickets[entry.subject]!.fold(entry, payload)
            } else if entry.kind == "ticket.issued" {
                let local = context.calendar.local(entry.at)
                tickets[entry.subject] = TicketRow(values: [
                    .text(entry.subject), .integer(JournalEntry.milliseconds(entry.at)), .text(local.date.description),
                    .integer(Int64(local.time.minutes / 60)), payload["sector"]?.stringValue.map { .text($0) } ?? .null,
                    .null, .null, .null, .null, .null, .null,
                ])
                issued.append(entry.subject)
            } else if entry.kind == "dossier.received", let ticket = Self.ticket(of: payload), tickets[ticket] != nil {
                try apply(entry, payload, database, ticketRow: false)
                tickets[ticket]!.fold(entry, payload)
            } else {
                try apply(entry, payload, database)
            }
        }
        for subject in issued {
            let row = tickets[subject]!
            let inserted = try database.execute("""
                INSERT INTO reporting_standard_tickets (subject, issued_ms, day, hour, sector, counter, clerk, procedure, wait_s, service_s, outcome)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, row.values)
            // The ticket was already recorded (issued twice): its later entries update that row.
            if inserted == 0 {
                for entry in row.later {
                    let payload = entry.payloadValue
                    if entry.kind == "dossier.received" {
                        try database.execute("UPDATE reporting_standard_tickets SET procedure = ? WHERE subject = ?",
                                             [payload["procedure"]?.stringValue.map { .text($0) } ?? .null, .text(subject)])
                    } else {
                        try apply(entry, payload, database)
                    }
                }
            }
        }
    }

    /// The ticket a dossier was received from, as a journal subject.
    private static func ticket(of payload: JSONValue) -> String? {
        payload["ticket"]?.stringValue.map { $0.hasPrefix("ticket:") ? $0 : "ticket:\($0)" }
    }

    /// Applies one entry; `ticketRow: false` leaves out a received dossier's update of its ticket.
    private func apply(_ entry: JournalEntry, _ payload: JSONValue, _ database: any StoreTransaction, ticketRow: Bool = true) throws {
        func text(_ key: String) -> SQLValue { payload[key]?.stringValue.map { .text($0) } ?? .null }
        func integer(_ key: String) -> SQLValue { payload[key]?.int64Value.map { .integer($0) } ?? .null }
        let ms = JournalEntry.milliseconds(entry.at)
        let local = context.calendar.local(entry.at)
        // Named only by the entries that record a day (issued, finished, paid, rated).
        var day: SQLValue { .text(local.date.description) }
        let subject = SQLValue.text(entry.subject)
        switch entry.kind {
        case "ticket.issued":
            try database.execute("""
                INSERT INTO reporting_standard_tickets (subject, issued_ms, day, hour, sector) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, [subject, .integer(ms), day, .integer(Int64(local.time.minutes / 60)), text("sector")])
        case "ticket.called":
            try database.execute("""
                UPDATE reporting_standard_tickets SET wait_s = COALESCE(wait_s, ?), counter = ?, clerk = COALESCE(?, clerk) WHERE subject = ?
                """, [integer("waitSeconds"), text("counter"), text("clerk"), subject])
        case "ticket.finished":
            try database.execute("""
                UPDATE reporting_standard_tickets SET outcome = 'served', service_s = ?, counter = ?, clerk = ?, sector = COALESCE(?, sector)
                WHERE subject = ?
                """, [integer("serviceSeconds"), text("counter"), payload["clerk"]?.stringValue.map { .text($0) } ?? entry.actorLogin.map { .text($0) } ?? .null,
                      text("sector"), subject])
        case "ticket.no-show":
            try database.execute("UPDATE reporting_standard_tickets SET outcome = 'noShow', counter = COALESCE(?, counter) WHERE subject = ?",
                                 [text("counter"), subject])
        case "ticket.cancelled":
            try database.execute("UPDATE reporting_standard_tickets SET outcome = 'cancelled' WHERE subject = ?", [subject])
        case "dossier.received":
            let received = payload["receivedAt"]?.stringValue.flatMap(JournalEntry.instant(iso:)).map(JournalEntry.milliseconds) ?? ms
            let receivedDay = context.calendar.local(JournalEntry.date(milliseconds: received)).date.description
            let due = payload["dueAt"]?.stringValue.flatMap(JournalEntry.instant(iso:)).map { SQLValue.integer(JournalEntry.milliseconds($0)) } ?? .null
            let ticket: SQLValue = Self.ticket(of: payload).map { .text($0) } ?? .null
            try database.execute("""
                INSERT INTO reporting_standard_dossiers
                (subject, procedure, sector, channel, counter, clerk, ticket, received_ms, received_day, due_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, [subject, text("procedure"), text("sector"), text("channel"), text("counter"),
                      payload["clerk"]?.stringValue.map { .text($0) } ?? entry.actorLogin.map { .text($0) } ?? .null,
                      ticket, .integer(received), .text(receivedDay), due])
            if ticketRow, case .text = ticket {
                try database.execute("UPDATE reporting_standard_tickets SET procedure = ? WHERE subject = ?", [text("procedure"), ticket])
            }
        case "dossier.status-changed":
            let to = payload["to"]?.stringValue ?? ""
            if let due = payload["dueAt"]?.stringValue.flatMap(JournalEntry.instant(iso:)) {
                try database.execute("UPDATE reporting_standard_dossiers SET due_ms = ? WHERE subject = ?",
                                     [.integer(JournalEntry.milliseconds(due)), subject])
            }
            switch to {
            case "done", "returned":
                // The first of done or returned is when the work finished; its verdict counts.
                try database.execute("""
                    UPDATE reporting_standard_dossiers SET done_ms = ?, done_day = ?, verdict = ?, ended_ms = COALESCE(ended_ms, ?)
                    WHERE subject = ? AND done_ms IS NULL
                    """, [.integer(ms), day, text("verdict"), .integer(ms), subject])
                if to == "returned" {
                    try database.execute("UPDATE reporting_standard_dossiers SET returned_ms = ?, returned_day = ? WHERE subject = ?",
                                         [.integer(ms), day, subject])
                }
            case "refused", "stopped":
                try database.execute("UPDATE reporting_standard_dossiers SET ended_ms = COALESCE(ended_ms, ?) WHERE subject = ?",
                                     [.integer(ms), subject])
            default:
                break
            }
        case "dossier.due-overridden", "dossier.extended":
            if let due = payload["dueAt"]?.stringValue.flatMap(JournalEntry.instant(iso:)) {
                try database.execute("UPDATE reporting_standard_dossiers SET due_ms = ? WHERE subject = ?",
                                     [.integer(JournalEntry.milliseconds(due)), subject])
            }
        case "payment.collected", "payment.confirmed":
            // The report says how the fee was paid (cash taken at the counter, or a transfer
            // confirmed), not which plugin took it.
            guard let series = payload["series"]?.stringValue, let number = payload["number"] else { return }
            let receipt = "receipt:\(series)/\(number.stringValue ?? number.int64Value.map(String.init) ?? "?")"
            let dossier = payload["dossier"]?.stringValue
            let clerk = payload["collector"]?.stringValue ?? entry.actorLogin
            try database.execute("""
                INSERT INTO reporting_standard_payments (receipt, day, method, dossier, procedure, sector, clerk, total)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, [.text(receipt), day, .text(entry.kind == "payment.confirmed" ? "transfer" : "cash"), dossier.map { .text($0) } ?? .null, text("procedure"), text("sector"),
                      clerk.map { .text($0) } ?? .null, integer("total") == .null ? .integer(0) : integer("total")])
        case "payment.voided":
            try database.execute("UPDATE reporting_standard_payments SET voided = 1 WHERE receipt = ?", [subject])
        case "rating.submitted":
            try database.execute("""
                INSERT INTO reporting_standard_ratings (subject, day, level, scale, counter, clerk, sector, channel)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, [subject, day, integer("level"), integer("scale"), text("counter"), text("clerk"), text("sector"), text("channel")])
        default:
            break
        }
    }

    // MARK: Producing

    public func produce(report id: String, period: ReportPeriod) throws -> Report {
        try produce(report: id, period: period, cut: nil)
    }

    public func produce(report id: String, period: ReportPeriod, cut: ReportCut?) throws -> Report {
        guard id == "period" else {
            throw Problem("reporting.unknown-report", status: 404, en: "reporting.standard has no report \"\(id)\"; it has period.",
                          vi: "reporting.standard không có báo cáo \"\(id)\"; chỉ có period.")
        }
        try catchUp()
        let facts = try PeriodFacts.load(period: period, store: context.store, calendar: context.calendar, now: context.clock.now)
        return StandardReport(facts: facts, period: period, cut: cut, waitBuckets: waitBuckets).report()
    }
}
