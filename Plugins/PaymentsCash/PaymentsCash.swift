#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// Cash at the counter: fee quotes, receipts numbered without gaps in the deployment's
/// receipt book, voids by a supervisor, and the cashier's closing of the day.
public struct PaymentsCash: CashierPlugin {
    /// The manifest section `"payments.cash": { "receipt": {...}, "fees": {...} }`.
    public struct Settings: Decodable, Sendable, ReceiptBookSettings {
        /// The receipt book: template (mẫu số), series (ký hiệu), paper, words.
        public var receipt: ReceiptBook
        /// The postal charge and the exemptions; none when absent.
        public var fees: FeeRules?
        /// The largest total one receipt may carry, in đồng; 50,000,000 when absent.
        public var maximumTotal: Int64?
    }

    public static let id: PluginID = "payments.cash"
    public static let version = "0.1.0"
    public static let stability: PluginStability = .alpha
    public static let summary = LocalizedText(vi: "Thu phí, lệ phí bằng tiền mặt, biên lai có ký hiệu và số, chốt quỹ cuối ngày",
                                              en: "Cash fee collection with numbered receipts and the cashier's daily closing")
    public static let migrations = [
        Migration(version: 1, name: "create-receipts", statements: [
            """
            CREATE TABLE payments_cash_receipts (
                series TEXT NOT NULL,
                year INTEGER NOT NULL,
                number INTEGER NOT NULL,
                template TEXT NOT NULL,
                dossier TEXT NOT NULL,
                procedure_code TEXT NOT NULL,
                sector TEXT NOT NULL,
                payer TEXT NOT NULL,
                lines TEXT NOT NULL,
                total INTEGER NOT NULL,
                collector TEXT NOT NULL,
                day TEXT NOT NULL,
                issued_ms INTEGER NOT NULL,
                voided INTEGER NOT NULL DEFAULT 0,
                void_reason TEXT,
                voided_by TEXT,
                voided_ms INTEGER,
                PRIMARY KEY (series, year, number)
            )
            """,
            "CREATE INDEX payments_cash_receipts_dossier ON payments_cash_receipts (dossier)",
            "CREATE INDEX payments_cash_receipts_day ON payments_cash_receipts (day, collector)",
            """
            CREATE TABLE payments_cash_paid_lines (
                dossier TEXT NOT NULL,
                line TEXT NOT NULL,
                series TEXT NOT NULL,
                year INTEGER NOT NULL,
                number INTEGER NOT NULL,
                active INTEGER NOT NULL
            )
            """,
            // A fee line is paid at most once while its receipt stands.
            "CREATE UNIQUE INDEX payments_cash_paid_lines_once ON payments_cash_paid_lines (dossier, line) WHERE active = 1",
            """
            CREATE TABLE payments_cash_closings (
                collector TEXT NOT NULL,
                day TEXT NOT NULL,
                cash_receipts INTEGER NOT NULL,
                expected INTEGER NOT NULL,
                counted INTEGER NOT NULL,
                voids INTEGER NOT NULL,
                voided_amount INTEGER NOT NULL,
                transfer_confirmed INTEGER NOT NULL,
                transfer_confirmed_count INTEGER NOT NULL,
                transfer_pending INTEGER NOT NULL,
                transfer_pending_count INTEGER NOT NULL,
                note TEXT,
                closed_by TEXT NOT NULL,
                closed_ms INTEGER NOT NULL,
                PRIMARY KEY (collector, day)
            )
            """,
        ], dialectStatements: SQLDialect.refusing(name: "payments_cash_receipts_kept", table: "payments_cash_receipts", operations: [.delete],
                                                  message: "receipts are never deleted; void them")),
    ]

    private let settings: Settings
    private let context: HostContext
    private let rules: FeeRules
    private let maximumTotal: Int64
    private let ledger = ReceiptLedger(method: id.rawValue, table: "payments_cash_receipts",
                                       noun: LocalizedText(vi: "biên lai tiền mặt", en: "cash receipt"))

    public init(settings: Settings, context: HostContext) throws {
        try settings.receipt.check(plugin: Self.id.rawValue)
        try settings.fees?.check(plugin: Self.id.rawValue)
        self.maximumTotal = try FeeRules.maximumTotal(settings.maximumTotal, plugin: Self.id.rawValue)
        self.settings = settings
        self.context = context
        self.rules = settings.fees ?? FeeRules()
    }

    /// The receipt book this method numbers in.
    public var book: ReceiptBook { settings.receipt }
    public var receiptBook: ReceiptBook? { settings.receipt }

    // MARK: Quote and collect

    public func quote(dossier: Dossier, quantities: [String: Int64]) throws -> FeeQuote {
        try rules.quote(dossier: dossier, in: context.deployment, quantities: quantities)
    }

    public func collect(dossier: Dossier, request: PaymentRequest, by principal: Principal) throws -> PaymentOutcome {
        try dossier.refuseFeesIfEnded()
        let quote = try self.quote(dossier: dossier, quantities: request.quantities ?? [:])
        let now = context.clock.now
        let local = context.calendar.local(now)
        let collector = principal.id.isEmpty ? principal.description : principal.id
        let receipt = try context.write(publishingOn: "payments") { transaction -> Receipt in
            try CashierDayLock.refuseIfClosed(transaction, collector: collector, day: local.date, what: CashierDayLock.noCollection)
            let paid = Set(try transaction.query("SELECT line FROM payments_cash_paid_lines WHERE dossier = ? AND active = 1",
                                                 [.text(dossier.code)]).map { try $0.string("line") })
            let lines = try quote.lines(for: request, paid: paid)
            let total = lines.reduce(0) { $0 + $1.amount }
            try FeeRules.refuse(total: total, above: maximumTotal)
            let year = local.date.year
            let receipt = Receipt(method: Self.id.rawValue, template: book.template, series: book.series, year: year,
                                  number: try ledger.nextNumber(transaction, book: book, year: year),
                                  dossierCode: dossier.code, procedure: quote.procedure, sector: quote.sector,
                                  payer: request.payerName(default: quote.payer), lines: lines, issuedAt: now, collector: collector)
            try transaction.execute("""
                INSERT INTO payments_cash_receipts (series, year, number, template, dossier, procedure_code, sector, payer, lines, total,
                                                    collector, day, issued_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(receipt.series), .integer(Int64(year)), .integer(Int64(receipt.number)), .text(receipt.template),
                      .text(receipt.dossierCode), .text(receipt.procedure), .text(receipt.sector), .text(receipt.payer),
                      .text(try PaymentRecords.linesJSON(lines)), .integer(total), .text(collector), .text(local.date.description),
                      .integer(PaymentRecords.milliseconds(now))])
            for line in lines {
                try transaction.execute("INSERT INTO payments_cash_paid_lines (dossier, line, series, year, number, active) VALUES (?, ?, ?, ?, ?, 1)",
                                        [.text(dossier.code), .text(line.id), .text(receipt.series), .integer(Int64(year)), .integer(Int64(receipt.number))])
            }
            try transaction.appendJournal(JournalDraft(at: now, actor: principal.description, kind: "payment.collected",
                                                       subject: PaymentRecords.subject(receipt.id), payload: PaymentRecords.collected(receipt)))
            return receipt
        }
        context.logger.info("receipt \(receipt.id) for \(dossier.code): \(receipt.total) đồng")
        return .receipt(receipt)
    }

    public func void(_ id: ReceiptID, reason: String, by principal: Principal) throws -> Receipt {
        let reason = try ReceiptLedger.voidReason(reason, by: principal)
        let now = context.clock.now
        return try context.write(publishingOn: "payments") { transaction -> Receipt in
            let receipt = try ledger.void(transaction, id, reason: reason, by: principal, at: now, calendar: context.calendar)
            try transaction.execute("UPDATE payments_cash_paid_lines SET active = 0 WHERE series = ? AND year = ? AND number = ?",
                                    [.text(id.series), .integer(Int64(id.year)), .integer(Int64(id.number))])
            return receipt
        }
    }

    // MARK: Reading

    public func receipts(dossier code: String) throws -> [Receipt] {
        try context.store.read { db in try ledger.receipts(db, dossier: code) }
    }

    public func receipt(_ id: ReceiptID) throws -> Receipt? {
        try context.store.read { db in try ledger.receipt(db, id) }
    }

    public func receipts(from first: LocalDate, through last: LocalDate) throws -> [Receipt] {
        try context.store.read { db in try ledger.receipts(db, from: first, through: last) }
    }

    // MARK: The cashier's day

    public func cashierDay(collector: String, day: LocalDate, transfers: TransferDay) throws -> CashierDay {
        try context.store.read { db in try Self.day(db, collector: collector, day: day, transfers: transfers) }
    }

    public func isClosed(collector: String, day: LocalDate) throws -> Bool {
        try context.store.read { db in try CashierDayLock.isClosed(db, collector: collector, day: day) }
    }

    public func closeDay(collector: String, day: LocalDate, countedCash: Int64, transfers: TransferDay, note: String?,
                         by principal: Principal) throws -> CashierDay {
        guard (0...10_000_000_000).contains(countedCash) else {
            throw Problem("payments.counted-cash", en: "Counted cash \(countedCash) đồng must be 0 to 10,000,000,000.",
                          vi: "Tiền mặt kiểm đếm \(countedCash) đồng phải từ 0 đến 10.000.000.000.",
                          details: [.init(field: "countedCash", code: "range", message: LocalizedText(vi: "Số tiền không hợp lệ", en: "Invalid amount"))])
        }
        let note = note?.trimmed().nilIfEmpty
        let now = context.clock.now
        return try context.write(publishingOn: "payments") { transaction -> CashierDay in
            guard !(try CashierDayLock.isClosed(transaction, collector: collector, day: day)) else {
                throw Problem("payments.day-already-closed", status: 409, en: "\(collector)'s day \(day) is already closed.",
                              vi: "Ngày \(day) của \(collector) đã chốt quỹ.")
            }
            var closing = try Self.day(transaction, collector: collector, day: day, transfers: transfers)
            if countedCash != closing.expectedCash, note == nil {
                throw Problem("payments.closing-note", en: "Counted cash differs from expected by \(countedCash - closing.expectedCash) đồng; write a note saying why.",
                              vi: "Tiền mặt kiểm đếm lệch \(countedCash - closing.expectedCash) đồng so với sổ; hãy ghi chú lý do.",
                              details: [.init(field: "note", code: "required", message: LocalizedText(vi: "Cần ghi chú", en: "Note required"))])
            }
            closing.countedCash = countedCash
            closing.closedAt = now
            closing.closedBy = principal.id
            closing.note = note
            try transaction.execute("""
                INSERT INTO payments_cash_closings (collector, day, cash_receipts, expected, counted, voids, voided_amount, transfer_confirmed,
                    transfer_confirmed_count, transfer_pending, transfer_pending_count, note, closed_by, closed_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(collector), .text(day.description), .integer(Int64(closing.cashReceipts)), .integer(closing.expectedCash),
                      .integer(countedCash), .integer(Int64(closing.voids)), .integer(closing.voidedAmount), .integer(transfers.confirmed),
                      .integer(Int64(transfers.confirmedCount)), .integer(transfers.pending), .integer(Int64(transfers.pendingCount)),
                      SQLValue(note), .text(principal.id), .integer(PaymentRecords.milliseconds(now))])
            try transaction.appendJournal(JournalDraft(at: now, actor: principal.description, kind: CashierDayLock.closedKind,
                                                       subject: CashierDayLock.subject(collector: collector, day: day),
                                                       payload: PaymentRecords.dayClosed(closing)))
            return closing
        }
    }

    public func closings(from first: LocalDate, through last: LocalDate) throws -> [CashierDay] {
        try context.store.read { db in
            try db.query("SELECT * FROM payments_cash_closings WHERE day >= ? AND day <= ? ORDER BY day, collector",
                         [.text(first.description), .text(last.description)]).map(Self.closing(from:))
        }
    }

    // MARK: Rows

    private static func day(_ db: any SQLExecutor, collector: String, day: LocalDate, transfers: TransferDay) throws -> CashierDay {
        if let row = try db.queryFirst("SELECT * FROM payments_cash_closings WHERE collector = ? AND day = ?",
                                       [.text(collector), .text(day.description)]) {
            return try closing(from: row)
        }
        let rows = try db.query("SELECT voided, total FROM payments_cash_receipts WHERE collector = ? AND day = ?",
                                [.text(collector), .text(day.description)])
        var result = CashierDay(collector: collector, day: day, transfers: transfers)
        for row in rows {
            if try row.bool("voided") {
                result.voids += 1
                result.voidedAmount += try row.int64("total")
            } else {
                result.cashReceipts += 1
                result.expectedCash += try row.int64("total")
            }
        }
        return result
    }

    private static func closing(from row: SQLRow) throws -> CashierDay {
        CashierDay(collector: try row.string("collector"), day: try LocalDate.parse(try row.string("day")),
                   cashReceipts: try row.int("cash_receipts"), expectedCash: try row.int64("expected"), voids: try row.int("voids"),
                   voidedAmount: try row.int64("voided_amount"),
                   transfers: TransferDay(confirmed: try row.int64("transfer_confirmed"), confirmedCount: try row.int("transfer_confirmed_count"),
                                          pending: try row.int64("transfer_pending"), pendingCount: try row.int("transfer_pending_count")),
                   countedCash: try row.int64("counted"), closedAt: PaymentRecords.date(try row.int64("closed_ms")),
                   closedBy: try row.string("closed_by"), note: try row.optionalString("note"))
    }
}

private extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
