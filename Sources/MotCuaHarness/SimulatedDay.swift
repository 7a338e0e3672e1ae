#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// A busy day at the centre, driven through the plugin contracts with a seeded random
/// source, then checked from the journal with ``DayInvariants``.
///
/// Citizens arrive through the opening hours, sectors drawn from what the counters serve
/// and some in priority groups; clerks call, serve and finish; a served citizen often
/// lodges a dossier, pays its fees and rates the service; a few leave before their call;
/// some dossiers are decided the same day, some need a supplement. At closing every open
/// ticket is ended. Only the kinds the deployment composes take part.
public struct SimulatedDay {
    let environment: HarnessEnvironment

    /// What the day did, counted by the driver, to compare with reports and the journal.
    struct Tally {
        var tickets = 0
        var served = 0
        var dossiers = 0
        var collected: Int64 = 0
        var receipts = 0
        var voids = 0
        var ratings = 0
    }

    private enum Desk {
        case idle
        case serving(ticket: Ticket, until: Date)
    }

    /// Runs the day and checks every invariant; answers the day's figures.
    /// Runs the day on `environment` (used by the harness, and by tests that then read its answers).
    public init(environment: HarnessEnvironment) {
        self.environment = environment
    }

    /// Runs the day and returns the figures it measured.
    public func run() async throws -> [DeploymentHarness.Figure] {
        let deployment = environment.deployment
        let composition = environment.composition
        let calendar = deployment.calendar
        let clock = environment.clock
        var random = environment.random()
        var tally = Tally()
        let day = calendar.local(clock.now).date
        let enabled = Set(deployment.enabledSectorIDs)
        let counters = deployment.counters.filter { !$0.sectors.filter(enabled.contains).isEmpty }
        let sectors = Array(Set(counters.flatMap(\.sectors)).intersection(enabled)).sorted()
        let kiosk = Principal.device("harness-kiosk")
        let supervisor = Principal.staff("harness-supervisor")
        let procedures = Dictionary(grouping: deployment.enabledProcedures, by: \.sector)
        var forms = FormValueGenerator(deployment: deployment)
        var openDossiers: [(code: String, procedure: Procedure)] = []
        var receipts: [Receipt] = []

        if let queue = composition.queueing, !counters.isEmpty {
            let groups = queue.priorityGroups.map(\.id)
            var desks = Dictionary(uniqueKeysWithValues: counters.map { ($0.id, Desk.idle) })
            let ranges = calendar.hours(on: day)
            let closing = ranges.last.map { calendar.instant(day, $0.end) } ?? clock.now
            // About one arrival per counter every quarter of an hour, fewer in small centres.
            let arrivalChance = min(0.9, Double(counters.count) / 15)
            var minute = ranges.first.map { calendar.instant(day, $0.start) } ?? clock.now
            while minute < closing {
                clock.set(minute)
                let open = calendar.isWorkingTime(minute)
                if open, Double.random(in: 0..<1, using: &random) < arrivalChance {
                    let sector = sectors[Int.random(in: 0..<sectors.count, using: &random)]
                    let priority = !groups.isEmpty && Int.random(in: 0..<100, using: &random) < 15
                        ? groups[Int.random(in: 0..<groups.count, using: &random)] : nil
                    let request = TicketRequest(sector: sector, priorityGroup: priority, idempotencyKey: "day-\(tally.tickets)")
                    do {
                        _ = try queue.issueTicket(request, by: kiosk)
                        tally.tickets += 1
                    } catch let problem as Problem where problem.code == "queue.sold-out" {
                        // The sector's daily cap is reached: the kiosk says "hết số" and the citizen goes home.
                    }
                }
                for counter in counters {
                    let clerk = Principal.staff("clerk-\(counter.id)")
                    switch desks[counter.id] ?? .idle {
                    case .serving(let ticket, let until) where until <= minute:
                        _ = try queue.perform(.finish, onTicket: ticket.id, by: clerk)
                        tally.served += 1
                        desks[counter.id] = .idle
                        try afterService(ticket, clerk: clerk, procedures: procedures, forms: &forms, random: &random,
                                         tally: &tally, openDossiers: &openDossiers, receipts: &receipts)
                    case .idle where open:
                        guard let ticket = try queue.callNext(counter: counter.id, by: clerk) else { continue }
                        if Int.random(in: 0..<100, using: &random) < 5 {
                            // The citizen has left: the clerk calls again as the queue asks, then marks a no-show.
                            for _ in 0..<queue.policy.noShowAfterRecalls {
                                _ = try queue.perform(.recall, onTicket: ticket.id, by: clerk)
                            }
                            _ = try queue.perform(.noShow, onTicket: ticket.id, by: clerk)
                            continue
                        }
                        _ = try queue.perform(.start, onTicket: ticket.id, by: clerk)
                        let service = TimeInterval(Int.random(in: 3...12, using: &random) * 60)
                        desks[counter.id] = .serving(ticket: ticket, until: minute.addingTimeInterval(service))
                    default:
                        break
                    }
                }
                minute = minute.addingTimeInterval(60)
            }
            clock.set(closing)
            for counter in counters {
                if case .serving(let ticket, _) = desks[counter.id] ?? .idle {
                    let clerk = Principal.staff("clerk-\(counter.id)")
                    _ = try queue.perform(.finish, onTicket: ticket.id, by: clerk)
                    tally.served += 1
                    try afterService(ticket, clerk: clerk, procedures: procedures, forms: &forms, random: &random,
                                     tally: &tally, openDossiers: &openDossiers, receipts: &receipts)
                }
            }
            _ = try queue.closeDay(by: supervisor)
        }

        // A supervisor voids one receipt in twenty, as a mistaken collection would be.
        if let payments = cashMethod {
            for receipt in receipts where Int.random(in: 0..<20, using: &random) == 0 {
                let voided = try payments.void(receipt.id, reason: "Thu nhầm", by: supervisor)
                tally.collected -= voided.total
                tally.voids += 1
            }
        }

        // Most dossiers go into processing; a few are asked for a supplement.
        if let intake = composition.intake {
            let clerk = Principal.staff("harness-processor")
            for open in openDossiers {
                _ = try intake.transition(dossier: open.code, to: .inProcess, note: nil, by: clerk)
                if Int.random(in: 0..<10, using: &random) == 0 {
                    _ = try intake.transition(dossier: open.code, to: .supplementRequested, note: "Bổ sung bản sao", by: clerk)
                }
            }
        }

        try check(tally)
        try await PublicRoutesCheck(environment: environment).run()
        return [
            .init("tickets", Int64(tally.tickets)), .init("served", Int64(tally.served)),
            .init("dossiers", Int64(tally.dossiers)), .init("receipts", Int64(tally.receipts)),
            .init("đồng", tally.collected), .init("ratings", Int64(tally.ratings)),
        ]
    }

    /// What follows a finished ticket: a dossier for one of the sector's procedures (decided on
    /// the spot when the procedure is same-day), its fees collected, and a rating.
    private func afterService(_ ticket: Ticket, clerk: Principal, procedures: [String: [Procedure]],
                              forms: inout FormValueGenerator, random: inout SeededRandom, tally: inout Tally,
                              openDossiers: inout [(code: String, procedure: Procedure)], receipts: inout [Receipt]) throws {
        let composition = environment.composition
        if let intake = composition.intake, let choices = procedures[ticket.sector], !choices.isEmpty,
           Int.random(in: 0..<10, using: &random) < 7 {
            let procedure = choices[Int.random(in: 0..<choices.count, using: &random)]
            let request = IntakeRequest(procedure: procedure.code, case: IntakeSuite.someCase(procedure)?.id, channel: .counter,
                                        formValues: forms.values(for: procedure, random: &random), ticketID: ticket.id)
            let dossier = try intake.receive(request, by: clerk)
            tally.dossiers += 1
            if let payments = cashMethod, try payments.quote(dossier: dossier, quantities: [:]).total > 0,
               case .receipt(let receipt) = try payments.collect(dossier: dossier, request: PaymentRequest(), by: clerk) {
                receipts.append(receipt)
                tally.collected += receipt.total
                tally.receipts += 1
            }
            if IntakeSuite.counterDeadline(procedure).unit == .immediate {
                _ = try intake.transition(dossier: dossier.code, to: .inProcess, note: nil, by: clerk)
                _ = try intake.transition(dossier: dossier.code, to: .done, note: nil, by: clerk)
                _ = try intake.transition(dossier: dossier.code, to: .returned, note: nil, by: clerk)
            } else {
                openDossiers.append((dossier.code, procedure))
            }
        }
        if let ratings = composition.ratings, Int.random(in: 0..<10, using: &random) < 6 {
            let level = [5, 5, 5, 4, 4, 4, 3, 2, 1][Int.random(in: 0..<9, using: &random)]
            _ = try ratings.submit(Rating(subject: .ticket(ticket.id), level: level, reasons: [], comment: nil,
                                          at: environment.clock.now), by: .device("harness-tablet"))
            tally.ratings += 1
        }
    }

    /// Checks the day's journal against every invariant and against the driver's own tally.
    private func check(_ tally: Tally) throws {
        let store = environment.store
        let verification = try store.verifyJournal()
        try expect(verification.isValid, "the journal verifies: \(verification.message)")
        let invariants = try DayInvariants(entries: try store.journalEntries(after: 0, limit: Int.max))
        try invariants.ticketsEndOnce()
        try invariants.noneServedTwice()
        try invariants.callOrder(counters: environment.deployment.counters, priorityCap: environment.composition.queueing?.policy.priorityCap ?? 2)
        try invariants.appointmentsOnWorkingDays(environment.deployment.calendar)
        try invariants.verdictsMatch(environment.deployment.calendar)
        try invariants.receiptsGapFree()
        try invariants.receiptsBalance()
        try expect(invariants.events("ticket.issued").count == tally.tickets,
                   "tickets journalled: \(invariants.events("ticket.issued").count), issued by the day: \(tally.tickets)")
        try expect(invariants.events("dossier.received").count == tally.dossiers,
                   "dossiers journalled: \(invariants.events("dossier.received").count), received by the day: \(tally.dossiers)")
        try expect(invariants.collectedTotal == tally.collected,
                   "đồng journalled: \(invariants.collectedTotal), collected by the day: \(tally.collected)")
        try expect(invariants.events("rating.submitted").count == tally.ratings,
                   "ratings journalled: \(invariants.events("rating.submitted").count), given by the day: \(tally.ratings)")
        try reportsMatch(tally)
    }

    /// The standard period report of the day counts what the day did, and rebuilding the
    /// report tables from the journal gives the same figures.
    private func reportsMatch(_ tally: Tally) throws {
        guard let (reporting, reportID) = environment.composition.cutReport else { return }
        let day = environment.deployment.calendar.local(environment.clock.now).date
        let period = try ReportPeriod(from: day, to: day)
        let report = try reporting.produce(report: reportID, period: period, cut: nil)
        func figure(_ id: String) -> Int64? { report.figures.first { $0.id == id }?.value }
        let expected: [(String, Int64)] = [
            ("tickets.issued", Int64(tally.tickets)), ("tickets.served", Int64(tally.served)),
            ("dossiers.received", Int64(tally.dossiers)), ("fees.total", tally.collected), ("ratings.total", Int64(tally.ratings)),
        ]
        for (id, value) in expected where environment.composition.queueing != nil || !id.hasPrefix("tickets") {
            try expect(figure(id) == value, "report totals equal the events: \(id) reports \(figure(id).map(String.init) ?? "nothing"), the day did \(value)")
        }
        _ = try reporting.rebuild()
        let rebuilt = try reporting.produce(report: reportID, period: period, cut: nil)
        try expect(rebuilt.figures == report.figures,
                   "a rebuild from the journal gives the same report: first difference at "
                   + (zip(report.figures, rebuilt.figures).first { $0 != $1 }.map { "\($0.0.id): \($0.0.value) then \($0.1.value)" } ?? "the figure count"))
    }

    /// The method citizens pay by at the counter: cash when composed, else the first method.
    private var cashMethod: (any PaymentsPlugin)? {
        let methods = environment.composition.payments
        return methods.first { type(of: $0).id == "payments.cash" } ?? methods.first
    }

}

/// Valid form values for any procedure: what a clerk would type for a real citizen, drawn so
/// that every field type's rules hold (a citizen ID consistent with the date of birth and
/// the province, a mobile number, an ISO date).
struct FormValueGenerator {
    let deployment: Deployment
    private var serial = 0

    init(deployment: Deployment) {
        self.deployment = deployment
    }

    /// Values for every field of the procedure's form: the deployment's enabled fields and
    /// the procedure's own.
    mutating func values(for procedure: Procedure, random: inout SeededRandom) -> [String: String] {
        serial += 1
        let year = Int.random(in: 1950...2005, using: &random)
        let male = Bool.random(using: &random)
        var values: [String: String] = [:]
        for (field, _) in deployment.form(for: procedure) {
            values[field.id] = value(field, birthYear: year, male: male, random: &random)
        }
        return values
    }

    private func value(_ field: FormField, birthYear: Int, male: Bool, random: inout SeededRandom) -> String {
        switch field.type {
        case .citizenID:
            // A demo province's code is not a real one; a citizen from Hà Nội (001) then comes in.
            let own = deployment.centre.province.code.leftPadded(to: 3)
            let province = CitizenID.provinceCodes.contains(own) ? own : "001"
            let centuryAndSex = (birthYear >= 2000 ? 2 : 0) + (male ? 0 : 1)
            let serialDigits = String(Int.random(in: 0..<1_000_000, using: &random)).leftPadded(to: 6)
            return province + String(centuryAndSex) + String(birthYear % 100).leftPadded(to: 2) + serialDigits
        case .date:
            return field.id.contains("Birth") && !field.id.hasPrefix("child")
                ? "\(birthYear)-05-12" : "2026-01-15"
        case .phone:
            return "09" + String(Int.random(in: 0..<100_000_000, using: &random)).leftPadded(to: 8)
        case .email:
            return "nguoidan\(serial)@example.vn"
        case .address:
            return "Thôn Đông, \(deployment.centre.name.vi)"
        case .enum:
            let options = field.options ?? []
            if field.id.hasSuffix("gender") { return male ? "nam" : "nu" }
            return options.first(where: { $0.value == "none" })?.value ?? options.first?.value ?? ""
        case .money:
            return String(max(field.validation?.min ?? 0, 50_000_000))
        case .number:
            return String(max(field.validation?.min ?? 1, 1))
        case .text:
            if let pattern = field.validation?.pattern, pattern.hasPrefix("^[0-9]") {
                // Numbers such as a land parcel (`^[0-9]+…`) or a tax code (`^[0-9]{10}…`).
                let digits = pattern.hasPrefix("^[0-9]{") ? Int(pattern.dropFirst(7).prefix { $0.isNumber }) ?? 3 : 3
                return String(String(repeating: "1", count: digits).dropLast(String(serial).count) + String(serial)).suffix(digits).description
            }
            let text = field.id.hasSuffix("Name") || field.id.hasSuffix("fullName") ? "Nguyễn Văn An" : "Hộ kinh doanh An Phát"
            return String(text.prefix(field.validation?.maxLength ?? text.count))
        }
    }
}

