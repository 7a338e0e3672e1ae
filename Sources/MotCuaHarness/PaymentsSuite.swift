#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHost

/// The payments conformance scenarios, run for every deployment that composes a payment
/// method: quotes (exemptions, postal charge), gap-free receipt numbers under concurrency
/// and across a restart, voids, and a simulated day that must balance to the đồng.
///
/// Dossiers are made here as plain values: payments read a `Dossier`, not the intake plugin.
public enum PaymentsSuite: HarnessSuite {
    public static let kind: PluginKind = .payments

    public static func scenarios(for deployment: Deployment) -> [Scenario] {
        [
            Scenario("payments: quotes, exemptions and the postal charge") { try quotes($0) },
            Scenario("payments: gap-free numbers under concurrency and across a restart") { try await numbering($0) },
            Scenario("payments: voids keep the sequence") { try voids($0) },
            Scenario("payments: a day with cash, VietQR, voids and exceptions balances to the đồng") { try day($0) },
        ]
    }

    // MARK: Fixtures

    /// Enabled procedures with at least one fee line above zero.
    static func paying(_ deployment: Deployment) -> [Procedure] {
        deployment.enabledProcedures.filter { $0.fees.contains { $0.amount > 0 } }
    }

    static func dossier(_ number: Int, procedure: Procedure, at now: Date, channel: Dossier.Channel = .counter,
                        status: Dossier.Status = .received, group: String? = nil) -> Dossier {
        let code = "HS-260302-" + number.zeroPadded(4)
        return Dossier(code: code, procedure: procedure.code, channel: channel, status: status, applicantName: "Nguyễn Văn Thử \(number)",
                       formValues: group.map { ["fee.exemptionGroup": $0] } ?? [:], receivedAt: now, dueAt: now)
    }

    static func desk(_ environment: HarnessEnvironment) -> PaymentsDesk {
        PaymentsDesk(methods: environment.composition.payments, calendar: environment.deployment.calendar, clock: environment.clock)
    }

    static func id(_ method: any PaymentsPlugin) -> String { type(of: method).id.rawValue }

    /// Collects (and for a transfer method, confirms at once) and returns the receipt.
    static func pay(_ desk: PaymentsDesk, method: any PaymentsPlugin, dossier: Dossier, by clerk: String,
                    request: PaymentRequest = PaymentRequest()) throws -> Receipt {
        switch try desk.collect(method: id(method), dossier: dossier, request: request, by: .staff(clerk)) {
        case .receipt(let receipt): return receipt
        case .pending(let transfer):
            guard case .receipt(let receipt) = try desk.confirm(reference: transfer.reference, receivedAmount: nil, by: .staff(clerk)) else {
                throw HarnessFailure("transfer \(transfer.reference) confirmed with its own amount gave no receipt")
            }
            return receipt
        }
    }

    // MARK: Scenarios

    static func quotes(_ environment: HarnessEnvironment) throws {
        let deployment = environment.deployment
        let methods = environment.composition.payments
        let books = methods.compactMap { method in method.receiptBook.map { (id(method), $0.series) } }
        try expect(Set(books.map(\.1)).count == books.count, "two payment methods share a receipt series: \(books)")
        let groups = (deployment.formFields.first { $0.id == "fee.exemptionGroup" }?.options ?? []).map(\.value)
        let now = environment.clock.now
        for (index, procedure) in deployment.enabledProcedures.enumerated() {
            let counter = dossier(index, procedure: procedure, at: now)
            let postal = dossier(index, procedure: procedure, at: now, channel: .postal)
            var totals: Set<Int64> = []
            for method in methods {
                let quote = try method.quote(dossier: counter, quantities: [:])
                let context = "\(id(method)) \(procedure.code)"
                try expect(quote.total == quote.lines.reduce(0) { $0 + $1.amount }, "\(context): total is not the sum of the lines")
                try expect(quote.total(of: .phi) + quote.total(of: .lePhi) + quote.total(of: .postage) == quote.total, "\(context): kinds do not add up")
                for fee in procedure.fees {
                    let line = quote.lines.first { $0.id == fee.id }
                    try expect(line?.kind == fee.kind && line?.unitAmount == fee.amount, "\(context): line \(fee.id) differs from the catalogue")
                }
                try expect(!quote.lines.contains { $0.kind == .postage }, "\(context): postal charge on a counter dossier")
                let byPost = try method.quote(dossier: postal, quantities: [:])
                let postage = byPost.lines.filter { $0.kind == .postage }
                try expect(postage.count <= 1 && byPost.total == quote.total + postage.reduce(0) { $0 + $1.amount },
                           "\(context): the postal dossier's quote is not the counter quote plus one postal line")
                if let paged = procedure.fees.first(where: { $0.per != .dossier && $0.amount > 0 }) {
                    let three = try method.quote(dossier: counter, quantities: [paged.id: 3])
                    try expect(three.total == quote.total + 2 * paged.amount, "\(context): 3 units of \(paged.id) are not priced 3 times")
                }
                for group in groups {
                    let exempt = try method.quote(dossier: dossier(index, procedure: procedure, at: now, group: group), quantities: [:])
                    for line in exempt.lines {
                        try expect(line.reduction >= 0 && line.reduction <= line.grossAmount && line.amount >= 0,
                                   "\(context) group \(group): line \(line.id) reduced by \(line.reduction) of \(line.grossAmount)")
                        try expect(line.reduction == 0 || line.reductionReason?.vi.isEmpty == false,
                                   "\(context) group \(group): line \(line.id) reduced without a printed legal reason")
                    }
                    try expect(exempt.total <= quote.total, "\(context) group \(group): an exemption raised the total")
                }
                totals.insert(quote.total)
            }
            try expect(totals.count <= 1, "\(procedure.code): the payment methods quote different totals \(totals.sorted())")
        }
        // A refused dossier is never charged.
        if let procedure = paying(deployment).first, let method = methods.first {
            do {
                _ = try method.collect(dossier: dossier(9_000, procedure: procedure, at: now, status: .refused), request: PaymentRequest(), by: .staff("harness"))
                throw HarnessFailure("\(id(method)) collected fees for a refused dossier")
            } catch let problem as Problem {
                try expect(problem.code == "payments.dossier-refused", "refused dossier: expected payments.dossier-refused, got \(problem.code)")
            }
        }
    }

    static func numbering(_ environment: HarnessEnvironment) async throws {
        guard let procedure = paying(environment.deployment).first else { return try nothingToCharge(environment) }
        let desk = desk(environment)
        let now = environment.clock.now
        var next = 1
        for method in desk.methods where method.receiptBook != nil {
            let count = 24
            let dossiers = (0..<count).map { dossier(next + $0, procedure: procedure, at: now) }
            next += count
            let numbers = try await withThrowingTaskGroup(of: Int.self) { group in
                for (index, dossier) in dossiers.enumerated() {
                    group.addTask { try pay(desk, method: method, dossier: dossier, by: ["lan", "minh", "hoa"][index % 3]).number }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            try expect(numbers.sorted() == Array(1...count), "\(id(method)): concurrent receipts numbered \(numbers.sorted()), not 1…\(count)")
            // A restart: the same database, the plugins built again.
            let again = try Composition.compose(environment.deployment, catalogue: PluginCatalogue(environment.composition.plugins.map { descriptor(of: $0.instance) },
                                                                                              requiredKinds: []),
                                                store: environment.store, clock: environment.clock, events: DiscardingEventSink(),
                                                logHandler: SilentLogHandler(), key: environment.key)
            let rebuilt = PaymentsDesk(methods: again.payments, calendar: environment.deployment.calendar, clock: environment.clock)
            let method2 = try rebuilt.method(id(method))
            let after = try pay(rebuilt, method: method2, dossier: dossier(next, procedure: procedure, at: now), by: "lan")
            next += 1
            try expect(after.number == count + 1, "\(id(method)): after a restart the next receipt is \(after.number), not \(count + 1)")
            let book = try method2.receipts(from: desk.today, through: desk.today).filter { $0.series == after.series }.map(\.number)
            try expect(book == Array(1...(count + 1)), "\(id(method)): the book has gaps or repeats: \(book)")
        }
        // Two collectors with two methods on the same dossier at once: exactly one takes the fees.
        guard desk.methods.count > 1 else { return }
        for round in 0..<8 {
            let shared = dossier(5_000 + round, procedure: procedure, at: now)
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for (index, method) in desk.methods.enumerated() {
                    group.addTask { (try? desk.collect(method: id(method), dossier: shared, request: PaymentRequest(), by: .staff("c\(index)"))) != nil }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            try expect(outcomes.filter { $0 }.count == 1, "\(shared.code): \(outcomes.filter { $0 }.count) methods collected the same fees at once")
        }
    }

    static func voids(_ environment: HarnessEnvironment) throws {
        guard let procedure = paying(environment.deployment).first else { return try nothingToCharge(environment) }
        let desk = desk(environment)
        let now = environment.clock.now
        for (offset, method) in desk.methods.enumerated() where method.receiptBook != nil {
            let first = try pay(desk, method: method, dossier: dossier(100 * offset + 1, procedure: procedure, at: now), by: "lan")
            let second = try pay(desk, method: method, dossier: dossier(100 * offset + 2, procedure: procedure, at: now), by: "lan")
            for (reason, principal, code) in [("", Principal.staff("sup"), "payments.void-reason"), ("Thử hủy", Principal.device("kiosk-1"), "payments.void-rights")] {
                do {
                    _ = try method.void(first.id, reason: reason, by: principal)
                    throw HarnessFailure("\(id(method)): a void with reason \"\(reason)\" by \(principal) was accepted")
                } catch let problem as Problem {
                    try expect(problem.code == code, "\(id(method)): void refused with \(problem.code), expected \(code)")
                }
            }
            let voided = try method.void(first.id, reason: "Ghi sai tên người nộp", by: .staff("sup"))
            try expect(voided.voided && voided.voidReason == "Ghi sai tên người nộp", "\(id(method)): the void was not recorded")
            let stored = try method.receipt(first.id)
            try expect(stored?.voided == true && stored?.total == first.total, "\(id(method)): the voided receipt left the book or changed")
            // The voided dossier's lines are due again and the book goes on without reusing the number.
            let again = try pay(desk, method: method, dossier: dossier(100 * offset + 1, procedure: procedure, at: now), by: "lan")
            try expect(again.number == second.number + 1, "\(id(method)): after a void the next number is \(again.number), not \(second.number + 1)")
            let entries = try environment.store.journalEntries(after: 0, limit: 10_000)
            try expect(entries.contains { $0.kind == "payment.voided" && $0.subject == "receipt:\(first.series)/\(first.number)" },
                       "\(id(method)): no payment.voided entry for \(first.id)")
        }
        let verification = try environment.store.verifyJournal()
        try expect(verification.firstBadSequence == nil, "journal does not verify: \(verification.message)")
    }

    static func day(_ environment: HarnessEnvironment) throws {
        let deployment = environment.deployment
        let procedures = paying(deployment)
        guard !procedures.isEmpty else { return try nothingToCharge(environment) }
        let desk = desk(environment)
        var random = environment.random()
        let clerks = ["lan", "minh"]
        let today = desk.today
        var number = 1
        var expectedExceptions = 0
        var statement = ["date,amount,description,reference"]
        var voidedTotal: Int64 = 0
        func next() -> Dossier {
            defer { number += 1 }
            let procedure = procedures[Int(random.next() % UInt64(procedures.count))]
            let channel: Dossier.Channel = random.next() % 5 == 0 ? .postal : .counter
            environment.clock.advance(by: 60)
            return dossier(number, procedure: procedure, at: environment.clock.now, channel: channel)
        }
        // Cash at the counter, some voided by the supervisor.
        if let cash = desk.cashier {
            for index in 0..<30 {
                let receipt = try pay(desk, method: cash, dossier: next(), by: clerks[index % 2])
                if index % 7 == 3 {
                    _ = try cash.void(receipt.id, reason: "Thu nhầm, hoàn lại tiền", by: .staff("sup"))
                    voidedTotal += receipt.total
                }
            }
        }
        // Transfers: confirmed by a clerk, by the statement, wrong amounts, a stray credit, some left pending.
        for method in desk.transferMethods {
            for index in 0..<20 {
                let clerk = clerks[index % 2]
                guard case .pending(let transfer) = try desk.collect(method: id(method), dossier: next(), request: PaymentRequest(), by: .staff(clerk)) else {
                    throw HarnessFailure("\(id(method)) issued a receipt before the money arrived")
                }
                switch index % 5 {
                case 0: _ = try desk.confirm(reference: transfer.reference, receivedAmount: nil, by: .staff(clerk))
                case 1: statement.append("\(today),\(transfer.total),CK \(transfer.purpose) nop phi,FT\(index)")
                case 2:
                    statement.append("\(today),\(transfer.total + 1_000),\(transfer.purpose),FT\(index)")
                    expectedExceptions += 1
                case 3:
                    statement.append("\(today),\(max(1, transfer.total - 1_000)),\(transfer.purpose),FT\(index)")
                    expectedExceptions += transfer.total > 1 ? 1 : 0
                default: break
                }
            }
            statement.append("\(today),123000,chuyen tien khong ro noi dung,FT-STRAY")
            expectedExceptions += 1
            let result = try method.importStatement(Array(statement.joined(separator: "\n").utf8), by: .staff("sup"))
            try expect(result.exceptions.count == expectedExceptions,
                       "\(id(method)): \(result.exceptions.count) exceptions from the statement, expected \(expectedExceptions)")
            // Importing the same statement again changes nothing.
            let again = try method.importStatement(Array(statement.joined(separator: "\n").utf8), by: .staff("sup"))
            try expect(again.confirmed.isEmpty && again.exceptions.isEmpty && again.alreadyImported == statement.count - 1,
                       "\(id(method)): a repeated statement was booked again")
            // A malformed statement changes nothing.
            let before = try environment.store.journalEntries(after: 0, limit: 100_000).count
            do {
                _ = try method.importStatement(Array("date,amount,description\n\(today),1,x\n".utf8), by: .staff("sup"))
                throw HarnessFailure("\(id(method)): a statement with wrong columns was accepted")
            } catch is Problem {}
            try expect(try environment.store.journalEntries(after: 0, limit: 100_000).count == before, "\(id(method)): a refused statement changed the journal")
        }

        // Balance: journal, books, ledger CSV and the cashier's days agree to the đồng.
        let receipts = try desk.receipts(from: today, through: today)
        let standing = receipts.filter { !$0.voided }.reduce(Int64(0)) { $0 + $1.total }
        try expect(receipts.allSatisfy { $0.total == $0.lines.reduce(0) { $0 + $1.amount } }, "a receipt's total is not the sum of its lines")
        let entries = try environment.store.journalEntries(after: 0, limit: 100_000)
        func total(_ kind: String) throws -> Int64 {
            try entries.filter { $0.kind == kind }.reduce(Int64(0)) { sum, entry in sum + (try JSONParser().parse(entry.payload)["total"]?.int64Value ?? 0) }
        }
        let journalled = try total("payment.collected") + total("payment.confirmed") - total("payment.voided")
        try expect(journalled == standing, "journal says \(journalled) đồng collected, the receipt books \(standing)")
        let voidedInJournal = try total("payment.voided")
        try expect(voidedInJournal == voidedTotal, "journal voids \(voidedInJournal), expected \(voidedTotal)")
        for entry in entries where entry.kind == "payment.collected" || entry.kind == "payment.confirmed" {
            let payload = try JSONParser().parse(entry.payload)
            for field in ["method", "sector", "procedure", "total"] {
                try expect(payload[field] != nil && payload[field] != .null, "\(entry.kind) \(entry.subject) has no \(field)")
            }
        }
        let csv = PaymentsLedger.csv(receipts, calendar: deployment.calendar)
        let rows = csv.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let totalColumn = PaymentsLedger.header.firstIndex(of: "total")!
        let statusColumn = PaymentsLedger.header.firstIndex(of: "status")!
        // Payer names hold no commas here, so a plain split reads the columns.
        let ledgerTotal = rows.filter { $0[statusColumn] == "issued" }.reduce(Int64(0)) { $0 + (Int64($1[totalColumn]) ?? 0) }
        try expect(rows.count == receipts.count && ledgerTotal == standing, "ledger CSV: \(rows.count) rows, \(ledgerTotal) đồng; books \(receipts.count), \(standing)")
        var cashAndTransfers: Int64 = 0
        for clerk in clerks {
            let day = try desk.cashierDay(collector: clerk, day: today)
            let theirs = receipts.filter { $0.collector == clerk && !$0.voided }
            let cash = theirs.filter { $0.reference == nil }.reduce(Int64(0)) { $0 + $1.total }
            let transfers = theirs.filter { $0.reference != nil }.reduce(Int64(0)) { $0 + $1.total }
            try expect(day.expectedCash == cash, "\(clerk): expected cash \(day.expectedCash), receipts say \(cash)")
            try expect(day.transfers.confirmed == transfers, "\(clerk): confirmed transfers \(day.transfers.confirmed), receipts say \(transfers)")
            cashAndTransfers += day.expectedCash + day.transfers.confirmed
            if desk.cashier != nil {
                let closed = try desk.closeDay(collector: clerk, day: today, countedCash: day.expectedCash, note: nil, by: .staff(clerk))
                try expect(closed.difference == 0 && closed.isClosed, "\(clerk): the closing does not balance")
                do {
                    _ = try pay(desk, method: desk.cashier!, dossier: next(), by: clerk)
                    throw HarnessFailure("\(clerk): collected after the day was closed")
                } catch let problem as Problem {
                    try expect(problem.code == "payments.day-closed", "\(clerk): after closing got \(problem.code), expected payments.day-closed")
                }
            }
        }
        try expect(cashAndTransfers == standing, "the cashiers' days hold \(cashAndTransfers) đồng, the books \(standing)")
        let pending = try desk.transferMethods.flatMap { try $0.transfers(status: .pending) }.reduce(Int64(0)) { $0 + $1.total }
        let pendingByClerk = try clerks.reduce(Int64(0)) { $0 + (try desk.transferDay(collector: $1, day: today).pending) }
        try expect(pending == pendingByClerk, "pending transfers \(pending) đồng, the clerks' days \(pendingByClerk)")
        let verification = try environment.store.verifyJournal()
        try expect(verification.firstBadSequence == nil, "journal does not verify: \(verification.message)")
    }

    /// A deployment whose procedures charge nothing: every quote is 0 and collecting is refused.
    static func nothingToCharge(_ environment: HarnessEnvironment) throws {
        let now = environment.clock.now
        for procedure in environment.deployment.enabledProcedures {
            for method in environment.composition.payments {
                let quote = try method.quote(dossier: dossier(1, procedure: procedure, at: now), quantities: [:])
                try expect(quote.total == 0, "\(procedure.code): quoted \(quote.total) đồng with no fee above zero")
            }
        }
    }

    private static func descriptor(of instance: PluginInstance) -> PluginDescriptor {
        func payments<P: PaymentsPlugin>(_ plugin: P) -> PluginDescriptor { .payments(P.self) }
        func queueing<P: QueueingPlugin>(_ plugin: P) -> PluginDescriptor { .queueing(P.self) }
        func intake<P: IntakePlugin>(_ plugin: P) -> PluginDescriptor { .intake(P.self) }
        func ratings<P: RatingsPlugin>(_ plugin: P) -> PluginDescriptor { .ratings(P.self) }
        func reporting<P: ReportingPlugin>(_ plugin: P) -> PluginDescriptor { .reporting(P.self) }
        switch instance {
        case .payments(let plugin): return payments(plugin)
        case .queueing(let plugin): return queueing(plugin)
        case .intake(let plugin): return intake(plugin)
        case .ratings(let plugin): return ratings(plugin)
        case .reporting(let plugin): return reporting(plugin)
        }
    }
}
