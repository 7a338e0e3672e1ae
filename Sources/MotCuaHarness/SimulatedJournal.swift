#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// Writes the journal a centre's day would leave, entry for entry as `Docs/Events.md` names
/// them, and counts what happened, so reporting can be checked against the truth.
///
/// It stands in for the queueing, intake and payments plugins: reporting and ratings meet
/// those only through the journal. Dossiers received one day finish on a later day; call
/// ``simulate(day:store:)`` day after day and the backlog carries over.
public final class SimulatedJournal {
    /// What happened, counted while writing.
    public struct Totals: Sendable, Hashable {
        public var ticketsIssued = 0
        public var ticketsServed = 0
        public var ticketsNoShow = 0
        public var dossiersReceived = 0
        public var receivedByChannel: [String: Int] = [:]
        public var early = 0
        public var onTime = 0
        public var late = 0
        public var returned = 0
        public var feesByMethod: [String: Int64] = [:]
        public var receipts = 0
        public var ratings = 0
        public var ratingLevels: [Int: Int] = [:]
        /// Journal entries written.
        public var entries = 0

        /// Fees over every method, in đồng.
        public var fees: Int64 { feesByMethod.values.reduce(0, +) }
        public init() {}
    }

    private struct Pending {
        var code: String
        var procedure: String
        var sector: String
        var counter: String
        var clerk: String
        var dueAt: Date
        var finishDay: LocalDate
        var fee: Int64
    }

    /// Counted since the start.
    public private(set) var totals = Totals()
    private let calendar: WorkingCalendar
    private var random: SeededRandom
    private let counters: [(id: String, sectors: [String])]
    private let procedures: [(code: String, sector: String, fee: Int64)]
    private var backlog: [Pending] = []
    private var ticketSerial = 0
    private var dossierSerial = 0
    private var receiptSerial = 0
    /// Tickets per working day.
    public var ticketsPerDay: Int
    /// Dossiers per working day.
    public var dossiersPerDay: Int
    /// Whether to write `rating.submitted` entries for served tickets and returned dossiers.
    public var writesRatings = true

    /// Sets up a simulation for a deployment's counters, sectors and procedures.
    public init(deployment: Deployment, seed: UInt64, ticketsPerDay: Int = 60, dossiersPerDay: Int = 30) {
        calendar = deployment.calendar
        random = SeededRandom(seed: seed)
        self.ticketsPerDay = ticketsPerDay
        self.dossiersPerDay = dossiersPerDay
        let sectors = deployment.enabledSectors.map(\.id)
        var counters = deployment.counters.map { (id: $0.id, sectors: $0.sectors) }.filter { !$0.sectors.isEmpty }
        if counters.isEmpty { counters = [(id: "1", sectors: sectors.isEmpty ? ["s"] : sectors)] }
        self.counters = counters
        let served = Set(counters.flatMap(\.sectors))
        var procedures = deployment.enabledProcedures.filter { served.contains($0.sector) }
            .map { (code: $0.code, sector: $0.sector, fee: $0.fees.filter { $0.per == .dossier }.map(\.amount).reduce(0, +)) }
        if procedures.isEmpty { procedures = counters.flatMap(\.sectors).map { (code: "p-\($0)", sector: $0, fee: 0) } }
        self.procedures = procedures
    }

    private func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
    private func chance(_ percent: Int) -> Bool { Int(random.next() % 100) < percent }
    private func between(_ low: Int, _ high: Int) -> Int { low + Int(random.next() % UInt64(high - low + 1)) }

    private static func json(_ members: [(String, JSONValue)]) -> String { JSONValue.object(JSONObject(members)).serialized() }
    private static func text(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
    private static func int(_ value: Int) -> JSONValue { .number(.integer(Int64(value))) }

    /// Writes one working day's entries (none on a closed day) in one transaction per 2,000 entries.
    @discardableResult
    public func simulate(day: LocalDate, store: any Store) throws -> Totals {
        guard calendar.isWorkingDay(day) else { return totals }
        var drafts: [JournalDraft] = []
        let opening = calendar.instant(day, LocalTime(hour: 7, minute: 30)!)
        func at(_ seconds: Int) -> Date { opening.addingTimeInterval(Double(seconds)) }
        let span = 8 * 3600

        // Tickets: issued through the day, called after a wait, served or missed.
        for index in 0..<ticketsPerDay {
            ticketSerial += 1
            let id = "T\(ticketSerial)"
            let counter = pick(counters)
            let sector = pick(counter.sectors)
            let clerk = "clerk-\(counter.id)"
            let number = "\(index + 1)"
            let issued = index * span / max(1, ticketsPerDay)
            drafts.append(JournalDraft(at: at(issued), actor: "device:kiosk-1", kind: "ticket.issued", subject: "ticket:\(id)",
                payload: Self.json([("number", .string(number)), ("sector", .string(sector)), ("priorityGroup", .null),
                                    ("day", .string(day.description)), ("ahead", Self.int(between(0, 8))), ("booking", .null)])))
            totals.ticketsIssued += 1
            let wait = between(30, 45 * 60)
            drafts.append(JournalDraft(at: at(issued + wait), actor: "user:\(clerk)", kind: "ticket.called", subject: "ticket:\(id)",
                payload: Self.json([("number", .string(number)), ("sector", .string(sector)), ("counter", .string(counter.id)),
                                    ("clerk", .string(clerk)), ("waitSeconds", Self.int(wait)), ("priority", .bool(false))])))
            if chance(8) {
                drafts.append(JournalDraft(at: at(issued + wait + 120), actor: "user:\(clerk)", kind: "ticket.no-show", subject: "ticket:\(id)",
                    payload: Self.json([("number", .string(number)), ("sector", .string(sector)), ("counter", .string(counter.id))])))
                totals.ticketsNoShow += 1
                continue
            }
            let service = between(120, 20 * 60)
            drafts.append(JournalDraft(at: at(issued + wait + 10), actor: "user:\(clerk)", kind: "ticket.started", subject: "ticket:\(id)",
                payload: Self.json([("number", .string(number)), ("sector", .string(sector)), ("counter", .string(counter.id)), ("clerk", .string(clerk))])))
            drafts.append(JournalDraft(at: at(issued + wait + 10 + service), actor: "user:\(clerk)", kind: "ticket.finished", subject: "ticket:\(id)",
                payload: Self.json([("number", .string(number)), ("sector", .string(sector)), ("counter", .string(counter.id)),
                                    ("clerk", .string(clerk)), ("serviceSeconds", Self.int(service))])))
            totals.ticketsServed += 1
            if writesRatings, chance(40) {
                rate(subject: "ticket:\(id)", counter: counter.id, clerk: clerk, sector: sector, at: at(issued + wait + service + 20), into: &drafts)
            }
        }

        // Dossiers: received today (mostly at the counter), finished on a later working day.
        for index in 0..<dossiersPerDay {
            dossierSerial += 1
            let procedure = pick(procedures)
            let counter = counters.first { $0.sectors.contains(procedure.sector) } ?? counters[0]
            let clerk = "clerk-\(counter.id)"
            let code = "D-\(dossierSerial)"
            let channel = chance(70) ? "counter" : (chance(80) ? "online" : "postal")
            let received = at(index * span / max(1, dossiersPerDay) + 60)
            let dueDay = calendar.addingWorkingDays(3, to: day)
            let dueAt = calendar.instant(dueDay, LocalTime(hour: 17, minute: 0)!)
            let documents = between(1, 5)
            drafts.append(JournalDraft(at: received, actor: "user:\(clerk)", kind: "dossier.received", subject: "dossier:\(code)",
                payload: Self.json([("procedure", .string(procedure.code)), ("sector", .string(procedure.sector)), ("channel", .string(channel)),
                                    ("counter", channel == "counter" ? .string(counter.id) : .null), ("clerk", .string(clerk)), ("ticket", .null),
                                    ("receivedAt", .string(JournalEntry.isoText(received))), ("dueAt", .string(JournalEntry.isoText(dueAt))),
                                    ("documents", Self.int(documents)), ("digitised", Self.int(between(0, documents)))])))
            totals.dossiersReceived += 1
            totals.receivedByChannel[channel, default: 0] += 1
            if procedure.fee > 0 {
                let method = channel == "online" ? "payments.vietqr" : "payments.cash"
                receiptSerial += 1
                let lines: JSONValue = .array([.object(JSONObject([("id", .string("le-phi")), ("kind", .string("lePhi")), ("amount", .number(.integer(procedure.fee)))]))])
                if method == "payments.cash" {
                    drafts.append(JournalDraft(at: received.addingTimeInterval(30), actor: "user:\(clerk)", kind: "payment.collected",
                        subject: "receipt:BL-26E/\(receiptSerial)",
                        payload: Self.json([("method", .string(method)), ("series", .string("BL-26E")), ("number", Self.int(receiptSerial)),
                                            ("dossier", .string(code)), ("procedure", .string(procedure.code)), ("sector", .string(procedure.sector)),
                                            ("total", .number(.integer(procedure.fee))), ("lines", lines), ("collector", .string(clerk))])))
                } else {
                    drafts.append(JournalDraft(at: received.addingTimeInterval(30), actor: "system", kind: "payment.pending", subject: "payment:R\(receiptSerial)",
                        payload: Self.json([("method", .string(method)), ("dossier", .string(code)), ("procedure", .string(procedure.code)),
                                            ("sector", .string(procedure.sector)), ("total", .number(.integer(procedure.fee))), ("reference", .string("R\(receiptSerial)"))])))
                    drafts.append(JournalDraft(at: received.addingTimeInterval(90), actor: "system", kind: "payment.confirmed", subject: "payment:R\(receiptSerial)",
                        payload: Self.json([("method", .string(method)), ("dossier", .string(code)), ("procedure", .string(procedure.code)),
                                            ("sector", .string(procedure.sector)), ("total", .number(.integer(procedure.fee))),
                                            ("series", .string("BL-26E")), ("number", Self.int(receiptSerial)), ("via", .string("statement"))])))
                }
                totals.feesByMethod[method, default: 0] += procedure.fee
                totals.receipts += 1
            }
            // 60 % finish before the due day, 30 % on it, 10 % after it.
            let roll = between(0, 99)
            let finishDay = roll < 60 ? calendar.addingWorkingDays(between(1, 2), to: day)
                : roll < 90 ? dueDay : calendar.addingWorkingDays(between(1, 3), to: dueDay)
            backlog.append(Pending(code: code, procedure: procedure.code, sector: procedure.sector, counter: counter.id, clerk: clerk,
                                   dueAt: dueAt, finishDay: finishDay, fee: procedure.fee))
        }

        // Dossiers due to finish today: done, then returned to the citizen at the counter.
        var kept: [Pending] = []
        for (index, dossier) in backlog.enumerated() {
            guard dossier.finishDay <= day else { kept.append(dossier); continue }
            let done = at(span - 1800 + index % 900)
            let verdict = done <= dossier.dueAt ? (dossier.finishDay < calendar.local(dossier.dueAt).date ? "early" : "onTime") : "late"
            for (from, to, time) in [("inProcess", "done", done), ("done", "returned", done.addingTimeInterval(600))] {
                drafts.append(JournalDraft(at: time, actor: "user:\(dossier.clerk)", kind: "dossier.status-changed", subject: "dossier:\(dossier.code)",
                    payload: Self.json([("procedure", .string(dossier.procedure)), ("sector", .string(dossier.sector)), ("from", .string(from)),
                                        ("to", .string(to)), ("note", .null), ("dueAt", .string(JournalEntry.isoText(dossier.dueAt))),
                                        ("verdict", .string(verdict)), ("counter", .string(dossier.counter)), ("clerk", .string(dossier.clerk))])))
            }
            switch verdict {
            case "early": totals.early += 1
            case "late": totals.late += 1
            default: totals.onTime += 1
            }
            totals.returned += 1
            if writesRatings, chance(30) {
                rate(subject: "dossier:\(dossier.code)", counter: dossier.counter, clerk: dossier.clerk, sector: dossier.sector,
                     at: done.addingTimeInterval(660), into: &drafts)
            }
        }
        backlog = kept

        drafts.sort { $0.at < $1.at }
        for start in stride(from: 0, to: drafts.count, by: 2_000) {
            let batch = Array(drafts[start..<min(drafts.count, start + 2_000)])
            try store.write { transaction in
                for draft in batch { try transaction.appendJournal(draft) }
            }
        }
        totals.entries += drafts.count
        return totals
    }

    private func rate(subject: String, counter: String, clerk: String, sector: String, at: Date, into drafts: inout [JournalDraft]) {
        let roll = between(0, 99)
        let level = roll < 55 ? 5 : roll < 85 ? 4 : roll < 93 ? 3 : roll < 97 ? 2 : 1
        let reasons: JSONValue = level <= 3 ? .array([.string("waiting")]) : .array([])
        drafts.append(JournalDraft(at: at, actor: "device:tablet-\(counter)", kind: "rating.submitted", subject: subject,
            payload: Self.json([("level", Self.int(level)), ("scale", Self.int(5)), ("reasons", reasons), ("comment", .null),
                                ("counter", .string(counter)), ("clerk", .string(clerk)), ("sector", .string(sector)), ("channel", .string("tablet"))])))
        totals.ratings += 1
        totals.ratingLevels[level, default: 0] += 1
    }
}
