import Foundation
import MotCuaCore

/// Cash at the counter: fee quotes, receipts numbered without gaps in the deployment's
/// receipt book, voids by a supervisor, and the cashier's closing of the day.
public struct PaymentsCash: CashierPlugin {
    /// The manifest section `"payments.cash": { "receipt": {...}, "fees": {...} }`.
    public struct Settings: Decodable, Sendable {
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

    public init(settings: Settings, context: HostContext) throws {
        try settings.receipt.check(plugin: Self.id.rawValue)
        try settings.fees?.check(plugin: Self.id.rawValue)
        let maximumTotal = settings.maximumTotal ?? 50_000_000
        guard (1...1_000_000_000).contains(maximumTotal) else {
            throw Problem("payments.settings", status: 500,
                          en: "payments.cash: maximumTotal \(maximumTotal) must be 1 to 1,000,000,000 đồng; correct it in the manifest.",
                          vi: "payments.cash: maximumTotal \(maximumTotal) phải từ 1 đến 1.000.000.000 đồng; hãy sửa tệp cấu hình.")
        }
        self.settings = settings
        self.context = context
        self.rules = settings.fees ?? FeeRules()
        self.maximumTotal = maximumTotal
    }

    /// The receipt book this method numbers in.
    public var book: ReceiptBook { settings.receipt }
    public var receiptBook: ReceiptBook? { settings.receipt }

    // MARK: Quote and collect

    public func quote(dossier: Dossier, quantities: [String: Int64]) throws -> FeeQuote {
        try rules.quote(dossier: dossier, procedure: try procedure(of: dossier), quantities: quantities)
    }

    public func collect(dossier: Dossier, request: PaymentRequest, by principal: Principal) throws -> PaymentOutcome {
        try Self.refuseClosedDossier(dossier)
        let quote = try self.quote(dossier: dossier, quantities: request.quantities ?? [:])
        let now = context.clock.now
        let local = context.calendar.local(now)
        let collector = principal.id.isEmpty ? principal.description : principal.id
        let receipt = try context.store.write { transaction -> Receipt in
            if try Self.closed(transaction, collector: collector, day: local.date) {
                throw Self.dayClosed(collector: collector, day: local.date)
            }
            let paid = Set(try transaction.query("SELECT line FROM payments_cash_paid_lines WHERE dossier = ? AND active = 1",
                                                 [.text(dossier.code)]).map { try $0.string("line") })
            let lines = try Self.choose(quote: quote, request: request, paid: paid)
            let total = lines.reduce(0) { $0 + $1.amount }
            guard total <= maximumTotal else {
                throw Problem("payments.amount-absurd", en: "A receipt of \(total) đồng is above this centre's limit of \(maximumTotal); check the quantities.",
                              vi: "Biên lai \(total) đồng vượt mức tối đa \(maximumTotal) đồng của trung tâm; hãy kiểm tra số lượng.",
                              details: [.init(field: "quantities", code: "absurd", message: LocalizedText(vi: "Số tiền bất thường", en: "Absurd amount"))])
            }
            let year = local.date.year
            let last = try transaction.queryFirst("SELECT MAX(number) AS last FROM payments_cash_receipts WHERE series = ? AND year = ?",
                                                  [.text(book.series), .integer(Int64(year))])?.optionalInt64("last") ?? 0
            guard last < Int64(ReceiptID.maximumNumber) else {
                throw Problem("payments.book-full", status: 409,
                              en: "Receipt series \(book.series) has used every number of \(year); register a new series and set it in the manifest.",
                              vi: "Ký hiệu biên lai \(book.series) đã dùng hết số của năm \(year); hãy đăng ký ký hiệu mới và khai báo trong tệp cấu hình.")
            }
            let receipt = Receipt(method: Self.id.rawValue, template: book.template, series: book.series, year: year, number: Int(last) + 1,
                                  dossierCode: dossier.code, procedure: quote.procedure, sector: quote.sector,
                                  payer: Self.payer(request.payer, default: quote.payer), lines: lines, issuedAt: now, collector: collector)
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
        context.events.publish(DomainEvent(topic: "payments", kind: "payment.collected", subject: PaymentRecords.subject(receipt.id),
                                           at: now, payload: PaymentRecords.collected(receipt)))
        context.logger.info("receipt \(receipt.id) for \(dossier.code): \(receipt.total) đồng")
        return .receipt(receipt)
    }

    public func void(_ id: ReceiptID, reason: String, by principal: Principal) throws -> Receipt {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (3...500).contains(reason.count) else {
            throw Problem("payments.void-reason", en: "Give the reason for voiding (3 to 500 characters).",
                          vi: "Hãy ghi lý do hủy biên lai (từ 3 đến 500 ký tự).",
                          details: [.init(field: "reason", code: "required", message: LocalizedText(vi: "Cần lý do", en: "Reason required"))])
        }
        guard principal.kind == .staff else {
            throw Problem("payments.void-rights", status: 403, en: "Only a supervisor may void a receipt.", vi: "Chỉ lãnh đạo mới được hủy biên lai.")
        }
        let now = context.clock.now
        let receipt = try context.store.write { transaction -> Receipt in
            guard var receipt = try Self.receipt(transaction, id) else { throw Self.noSuchReceipt(id) }
            guard !receipt.voided else {
                throw Problem("payments.already-void", status: 409, en: "Receipt \(id) is already void.", vi: "Biên lai \(id) đã bị hủy.")
            }
            let issuedDay = context.calendar.local(receipt.issuedAt).date
            if try Self.closed(transaction, collector: receipt.collector, day: issuedDay) {
                throw Problem("payments.day-closed", status: 409,
                              en: "Receipt \(id) belongs to \(receipt.collector)'s closed day \(issuedDay); it can no longer be voided.",
                              vi: "Biên lai \(id) thuộc ngày \(issuedDay) đã chốt quỹ của \(receipt.collector); không thể hủy nữa.")
            }
            receipt.voided = true
            receipt.voidReason = reason
            receipt.voidedBy = principal.id
            receipt.voidedAt = now
            try transaction.execute("""
                UPDATE payments_cash_receipts SET voided = 1, void_reason = ?, voided_by = ?, voided_ms = ?
                WHERE series = ? AND year = ? AND number = ?
                """, [.text(reason), .text(principal.id), .integer(PaymentRecords.milliseconds(now)), .text(id.series),
                      .integer(Int64(id.year)), .integer(Int64(id.number))])
            try transaction.execute("UPDATE payments_cash_paid_lines SET active = 0 WHERE series = ? AND year = ? AND number = ?",
                                    [.text(id.series), .integer(Int64(id.year)), .integer(Int64(id.number))])
            try transaction.appendJournal(JournalDraft(at: now, actor: principal.description, kind: "payment.voided",
                                                       subject: PaymentRecords.subject(id), payload: PaymentRecords.voided(receipt)))
            return receipt
        }
        context.events.publish(DomainEvent(topic: "payments", kind: "payment.voided", subject: PaymentRecords.subject(id), at: now,
                                           payload: PaymentRecords.voided(receipt)))
        return receipt
    }

    // MARK: Reading

    public func receipts(dossier code: String) throws -> [Receipt] {
        try context.store.read { db in
            try db.query("SELECT * FROM payments_cash_receipts WHERE dossier = ? ORDER BY issued_ms, series, year, number", [.text(code)])
                .map(Self.receipt(from:))
        }
    }

    public func receipt(_ id: ReceiptID) throws -> Receipt? {
        try context.store.read { db in try Self.receipt(db, id) }
    }

    public func receipts(from first: LocalDate, through last: LocalDate) throws -> [Receipt] {
        try context.store.read { db in
            try db.query("SELECT * FROM payments_cash_receipts WHERE day >= ? AND day <= ? ORDER BY series, year, number",
                         [.text(first.description), .text(last.description)]).map(Self.receipt(from:))
        }
    }

    // MARK: The cashier's day

    public func cashierDay(collector: String, day: LocalDate, transfers: TransferDay) throws -> CashierDay {
        try context.store.read { db in try Self.day(db, collector: collector, day: day, transfers: transfers) }
    }

    public func isClosed(collector: String, day: LocalDate) throws -> Bool {
        try context.store.read { db in try Self.closed(db, collector: collector, day: day) }
    }

    public func closeDay(collector: String, day: LocalDate, countedCash: Int64, transfers: TransferDay, note: String?,
                         by principal: Principal) throws -> CashierDay {
        guard (0...10_000_000_000).contains(countedCash) else {
            throw Problem("payments.counted-cash", en: "Counted cash \(countedCash) đồng must be 0 to 10,000,000,000.",
                          vi: "Tiền mặt kiểm đếm \(countedCash) đồng phải từ 0 đến 10.000.000.000.",
                          details: [.init(field: "countedCash", code: "range", message: LocalizedText(vi: "Số tiền không hợp lệ", en: "Invalid amount"))])
        }
        let note = note?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        let now = context.clock.now
        let closed = try context.store.write { transaction -> CashierDay in
            guard !(try Self.closed(transaction, collector: collector, day: day)) else {
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
            try transaction.appendJournal(JournalDraft(at: now, actor: principal.description, kind: "cashier.day-closed",
                                                       subject: "cashier:\(collector)/\(day)", payload: PaymentRecords.dayClosed(closing)))
            return closing
        }
        context.events.publish(DomainEvent(topic: "payments", kind: "cashier.day-closed", subject: "cashier:\(collector)/\(day)", at: now,
                                           payload: PaymentRecords.dayClosed(closed)))
        return closed
    }

    public func closings(from first: LocalDate, through last: LocalDate) throws -> [CashierDay] {
        try context.store.read { db in
            try db.query("SELECT * FROM payments_cash_closings WHERE day >= ? AND day <= ? ORDER BY day, collector",
                         [.text(first.description), .text(last.description)]).map(Self.closing(from:))
        }
    }

    // MARK: Helpers

    private func procedure(of dossier: Dossier) throws -> Procedure {
        guard let procedure = context.deployment.procedure(dossier.procedure) else {
            throw Problem("payments.unknown-procedure", status: 422,
                          en: "Dossier \(dossier.code) is for procedure \(dossier.procedure), which this deployment does not define.",
                          vi: "Hồ sơ \(dossier.code) thuộc thủ tục \(dossier.procedure) không có trong cấu hình.")
        }
        return procedure
    }

    static func refuseClosedDossier(_ dossier: Dossier) throws {
        guard dossier.status != .refused, dossier.status != .stopped else {
            throw Problem("payments.dossier-refused", status: 409,
                          en: "Dossier \(dossier.code) is \(dossier.status.rawValue); no fee is collected for it.",
                          vi: "Hồ sơ \(dossier.code) đã bị \(dossier.status == .refused ? "từ chối" : "dừng giải quyết"); không thu phí.")
        }
    }

    /// The lines to collect: those asked for (each must be quoted and unpaid), else every
    /// unpaid line; refuses nothing to collect.
    static func choose(quote: FeeQuote, request: PaymentRequest, paid: Set<String>) throws -> [FeeLine] {
        let lines: [FeeLine]
        if let wanted = request.lines {
            guard !wanted.isEmpty, Set(wanted).count == wanted.count else {
                throw Problem("payments.lines", en: "List each fee line to collect once.", vi: "Hãy liệt kê mỗi dòng phí cần thu một lần.",
                              details: [.init(field: "lines", code: "invalid", message: LocalizedText(vi: "Danh sách dòng phí", en: "Fee lines"))])
            }
            lines = try wanted.map { id in
                guard let line = quote.lines.first(where: { $0.id == id }) else {
                    throw Problem("payments.unknown-line", en: "Dossier \(quote.dossierCode) has no fee line \"\(id)\".",
                                  vi: "Hồ sơ \(quote.dossierCode) không có dòng phí \"\(id)\".",
                                  details: [.init(field: "lines", code: "unknown", message: LocalizedText(vi: "Không có dòng phí", en: "No such line"))])
                }
                guard !paid.contains(id) else {
                    throw Problem("payments.already-paid", status: 409, en: "Fee line \"\(id)\" of dossier \(quote.dossierCode) is already paid.",
                                  vi: "Dòng phí \"\(id)\" của hồ sơ \(quote.dossierCode) đã được thu.",
                                  details: [.init(field: "lines", code: "paid", message: LocalizedText(vi: "Đã thu", en: "Already paid"))])
                }
                return line
            }
        } else {
            lines = quote.lines.filter { !paid.contains($0.id) && $0.amount > 0 }
        }
        let payable = lines.filter { $0.amount > 0 }
        guard !payable.isEmpty else {
            let already = !paid.isEmpty
            throw Problem(already ? "payments.already-paid" : "payments.nothing-due", status: 409,
                          en: already ? "Every fee of dossier \(quote.dossierCode) is already paid." : "Dossier \(quote.dossierCode) has nothing to pay.",
                          vi: already ? "Hồ sơ \(quote.dossierCode) đã thu đủ phí." : "Hồ sơ \(quote.dossierCode) không phải nộp phí.")
        }
        return payable
    }

    static func payer(_ given: String?, default fallback: String) -> String {
        let trimmed = given?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return trimmed.isEmpty ? fallback : String(trimmed.prefix(200))
    }

    private static func closed(_ db: any SQLExecutor, collector: String, day: LocalDate) throws -> Bool {
        try db.queryFirst("SELECT 1 AS closed FROM payments_cash_closings WHERE collector = ? AND day = ?",
                          [.text(collector), .text(day.description)]) != nil
    }

    private static func dayClosed(collector: String, day: LocalDate) -> Problem {
        Problem("payments.day-closed", status: 409, en: "\(collector)'s cash day \(day) is closed; no more collections today.",
                vi: "Ngày \(day) của \(collector) đã chốt quỹ; không thu thêm trong ngày.")
    }

    private static func noSuchReceipt(_ id: ReceiptID) -> Problem {
        Problem("payments.no-such-receipt", status: 404, en: "No cash receipt \(id).", vi: "Không có biên lai tiền mặt \(id).")
    }

    private static func receipt(_ db: any SQLExecutor, _ id: ReceiptID) throws -> Receipt? {
        try db.queryFirst("SELECT * FROM payments_cash_receipts WHERE series = ? AND year = ? AND number = ?",
                          [.text(id.series), .integer(Int64(id.year)), .integer(Int64(id.number))]).map(receipt(from:))
    }

    private static func receipt(from row: SQLRow) throws -> Receipt {
        Receipt(method: id.rawValue, template: try row.string("template"), series: try row.string("series"), year: try row.int("year"),
                number: try row.int("number"), dossierCode: try row.string("dossier"), procedure: try row.string("procedure_code"),
                sector: try row.string("sector"), payer: try row.string("payer"), lines: try PaymentRecords.lines(fromJSON: try row.string("lines")),
                issuedAt: PaymentRecords.date(try row.int64("issued_ms")), collector: try row.string("collector"),
                voided: try row.bool("voided"), voidReason: try row.optionalString("void_reason"), voidedBy: try row.optionalString("voided_by"),
                voidedAt: try row.optionalInt64("voided_ms").map(PaymentRecords.date))
    }

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
