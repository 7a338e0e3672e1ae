#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// The invariants a simulated day must keep, checked from the journal alone.
///
/// The journal is what the plugins promised to record (`Docs/Events.md`), so these checks
/// hold for any plugin of a kind, and a failure names the journal entry where it broke.
public struct DayInvariants: Sendable {
    /// One journal entry with its payload parsed.
    public struct Event: Sendable {
        /// The entry's sequence number.
        public var sequence: Int64
        /// When it happened.
        public var at: Date
        /// What happened, e.g. `ticket.called`.
        public var kind: String
        /// What it happened to, e.g. `ticket:42`.
        public var subject: String
        /// The parsed payload.
        public var payload: JSONValue

        /// A string member of the payload.
        public func string(_ key: String) -> String? { payload[key]?.stringValue }
        /// An integer member of the payload.
        public func integer(_ key: String) -> Int64? { payload[key]?.int64Value }
        /// An ISO 8601 instant member of the payload.
        public func instant(_ key: String) -> Date? { string(key).flatMap(DayInvariants.parseInstant) }
    }

    /// The kinds that end a ticket's life.
    public static let ticketEndings: Set<String> = [
        "ticket.finished", "ticket.no-show", "ticket.transferred", "ticket.cancelled", "ticket.closed",
    ]

    /// The day's journal, oldest first.
    public let events: [Event]

    /// Parses the payload of every entry; a payload that is not JSON is itself a failure.
    public init(entries: [JournalEntry]) throws {
        events = try entries.map { entry in
            guard let payload = try? JSONParser().parse(entry.payload) else {
                throw HarnessFailure("journal #\(entry.sequence) (\(entry.kind)) has a payload that is not JSON: \(entry.payload.prefix(80))")
            }
            return Event(sequence: entry.sequence, at: entry.at, kind: entry.kind, subject: entry.subject, payload: payload)
        }
    }

    /// The events of one kind.
    public func events(_ kind: String) -> [Event] {
        events.filter { $0.kind == kind }
    }

    // MARK: Tickets

    /// Every issued ticket ends in exactly one terminal state and nothing happens to it after.
    public func ticketsEndOnce() throws {
        var issued: [String] = []
        var ending: [String: Event] = [:]
        for event in events where event.subject.hasPrefix("ticket:") && event.kind.hasPrefix("ticket.") {
            if let end = ending[event.subject] {
                throw HarnessFailure("every ticket ends once: \(event.subject) had \(event.kind) (journal #\(event.sequence)) "
                                     + "after it ended with \(end.kind) (journal #\(end.sequence))")
            }
            if event.kind == "ticket.issued" { issued.append(event.subject) }
            if Self.ticketEndings.contains(event.kind) { ending[event.subject] = event }
        }
        if let open = issued.first(where: { ending[$0] == nil }) {
            throw HarnessFailure("every ticket ends once: \(open) never reached a terminal state")
        }
    }

    /// No ticket is started or finished twice, and no counter serves two tickets at once.
    public func noneServedTwice() throws {
        var started: Set<String> = []
        var serving: [String: String] = [:]
        for event in events {
            switch event.kind {
            case "ticket.started":
                guard started.insert(event.subject).inserted else {
                    throw HarnessFailure("none served twice: \(event.subject) started again at journal #\(event.sequence)")
                }
                let counter = event.string("counter") ?? "?"
                if let other = serving[counter] {
                    throw HarnessFailure("none served twice: counter \(counter) started \(event.subject) while serving \(other) (journal #\(event.sequence))")
                }
                serving[counter] = event.subject
            case "ticket.finished", "ticket.transferred", "ticket.cancelled", "ticket.no-show", "ticket.closed":
                if let counter = serving.first(where: { $0.value == event.subject })?.key { serving[counter] = nil }
            default:
                break
            }
        }
    }

    /// Calls respect priority, then arrival, within the anti-starvation cap.
    ///
    /// Replays the waiting line from the journal. At each first call of a ticket to a counter,
    /// among the waiting tickets of the sectors that counter serves: the called ticket is the
    /// earliest of its class (priority or ordinary); an ordinary ticket is called ahead of a
    /// waiting priority ticket only after `priorityCap` priority calls in a row at that
    /// counter; and never more than `priorityCap` priority calls in a row pass over a waiting
    /// ordinary ticket. Booked tickets (appointments) have their own precedence and are skipped.
    public func callOrder(counters: [Counter], priorityCap: Int) throws {
        struct Waiting {
            var subject: String
            var sector: String
            var priority: Bool
            var order: Int64
        }
        let sectorsOf = Dictionary(counters.map { ($0.id, Set($0.sectors)) }, uniquingKeysWith: { first, _ in first })
        var waiting: [String: Waiting] = [:]
        var called: Set<String> = []
        var keptPlaces: [String: Int64] = [:]
        var priorityRun: [String: Int] = [:]
        for event in events {
            switch event.kind {
            case "ticket.issued":
                guard event.payload["booking"]?.stringValue == nil else { continue }
                let order = keptPlaces[event.subject] ?? event.sequence
                waiting[event.subject] = Waiting(subject: event.subject, sector: event.string("sector") ?? "",
                                                 priority: event.payload["priorityGroup"]?.stringValue != nil, order: order)
            case "ticket.transferred":
                if event.payload["keepPlace"]?.boolValue == true, let new = event.string("newTicket") {
                    keptPlaces["ticket:" + new] = waiting[event.subject]?.order ?? event.sequence
                }
                waiting[event.subject] = nil
            case "ticket.cancelled", "ticket.closed", "ticket.no-show":
                waiting[event.subject] = nil
            case "ticket.called":
                guard called.insert(event.subject).inserted, let ticket = waiting.removeValue(forKey: event.subject) else { continue }
                let counter = event.string("counter") ?? ""
                let served = sectorsOf[counter] ?? []
                let candidates = waiting.values.filter { served.contains($0.sector) }
                let run = priorityRun[counter, default: 0]
                if let earlier = candidates.filter({ $0.priority == ticket.priority && $0.order < ticket.order }).min(by: { $0.order < $1.order }) {
                    throw HarnessFailure("call order: counter \(counter) called \(event.subject) (journal #\(event.sequence)) "
                                         + "while \(earlier.subject) of the same class waited longer")
                }
                if ticket.priority {
                    if candidates.contains(where: { !$0.priority }), run >= priorityCap {
                        throw HarnessFailure("call order: counter \(counter) made \(run + 1) priority calls in a row "
                                             + "past a waiting ordinary ticket (cap \(priorityCap)) at journal #\(event.sequence)")
                    }
                    priorityRun[counter] = run + 1
                } else {
                    if candidates.contains(where: \.priority), run < priorityCap {
                        throw HarnessFailure("call order: counter \(counter) called ordinary \(event.subject) at journal #\(event.sequence) "
                                             + "while a priority ticket waited and only \(run) of \(priorityCap) priority calls had been made")
                    }
                    priorityRun[counter] = 0
                }
            default:
                break
            }
        }
    }

    // MARK: Dossiers

    /// Every appointment (due) date falls on a working day of the calendar.
    public func appointmentsOnWorkingDays(_ calendar: WorkingCalendar) throws {
        for event in events("dossier.received") + events("dossier.extended") {
            guard let due = event.instant("dueAt") else {
                throw HarnessFailure("appointments: journal #\(event.sequence) (\(event.kind)) has no dueAt instant")
            }
            let day = calendar.local(due).date
            if !calendar.isWorkingDay(day) {
                throw HarnessFailure("appointments skip non-working time: \(event.subject) is due on \(day), not a working day (journal #\(event.sequence))")
            }
        }
    }

    /// Each verdict given when a dossier is done agrees with the calendar: late when finished
    /// after the appointment, or after more than one supplement request; otherwise early or on
    /// time by the local day. Dossiers whose clock stopped for a supplement are judged on the
    /// request count only, since their shifted due date is the plugin's to compute.
    public func verdictsMatch(_ calendar: WorkingCalendar) throws {
        var supplements: [String: Int] = [:]
        for event in events("dossier.status-changed") {
            let to = event.string("to")
            if to == "supplementRequested" { supplements[event.subject, default: 0] += 1 }
            guard to == "done", let verdict = event.string("verdict") else { continue }
            let requests = supplements[event.subject, default: 0]
            if requests > 1 {
                if verdict != "late" {
                    throw HarnessFailure("on-time verdicts: \(event.subject) had \(requests) supplement requests but was judged \(verdict) (journal #\(event.sequence))")
                }
                continue
            }
            guard requests == 0 else { continue }
            guard let due = event.instant("dueAt") else {
                throw HarnessFailure("on-time verdicts: journal #\(event.sequence) gives a verdict without dueAt")
            }
            let expected: String
            if event.at > due {
                expected = "late"
            } else if calendar.local(event.at).date < calendar.local(due).date {
                expected = "early"
            } else {
                expected = "onTime"
            }
            if verdict != expected {
                throw HarnessFailure("on-time verdicts: \(event.subject) done at \(event.at) due \(due) should be \(expected), journal #\(event.sequence) says \(verdict)")
            }
        }
    }

    // MARK: Money

    /// Receipt numbers of each series and year run 1, 2, 3… without a gap or a repeat.
    public func receiptsGapFree() throws {
        var numbers: [String: [Int64]] = [:]
        for event in events where event.kind == "payment.collected" || event.kind == "payment.confirmed" {
            guard let series = event.string("series"), let number = event.integer("number") else {
                throw HarnessFailure("receipts: journal #\(event.sequence) (\(event.kind)) lacks its series or number")
            }
            let year = event.integer("year").map { "/\($0)" } ?? ""
            numbers[series + year, default: []].append(number)
        }
        for (series, list) in numbers {
            let sorted = list.sorted()
            for (index, number) in sorted.enumerated() where number != Int64(index + 1) {
                throw HarnessFailure("receipts are gap-free: series \(series) holds \(sorted.prefix(index + 1).map(String.init).joined(separator: ", ")); expected \(index + 1) next")
            }
        }
    }

    /// The đồng kept: collected and confirmed totals, less voided ones.
    public var collectedTotal: Int64 {
        events.reduce(0) { sum, event in
            switch event.kind {
            case "payment.collected", "payment.confirmed": sum + (event.integer("total") ?? 0)
            case "payment.voided": sum - (event.integer("total") ?? 0)
            default: sum
            }
        }
    }

    /// Every receipt's total is the sum of its lines.
    public func receiptsBalance() throws {
        for event in events("payment.collected") {
            guard let lines = event.payload["lines"]?.arrayValue else { continue }
            let sum = lines.reduce(Int64(0)) { $0 + ($1["amount"]?.int64Value ?? 0) }
            if sum != event.integer("total") {
                throw HarnessFailure("receipts balance: \(event.subject) totals \(event.integer("total") ?? 0) đ but its lines sum to \(sum) đ (journal #\(event.sequence))")
            }
        }
    }

    // MARK: Parsing

    /// Parses `2026-03-02T01:15:00.000Z`, with or without fractional seconds.
    public static func parseInstant(_ text: String) -> Date? {
        let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        if let date = try? withFraction.parse(text) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }
}
