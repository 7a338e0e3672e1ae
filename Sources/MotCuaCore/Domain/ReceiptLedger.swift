#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A payment method's receipt book as stored: reading receipts and voiding one, the same
/// way for every method.
///
/// The method's table holds one row per receipt with the columns `series`, `year`,
/// `number`, `template`, `dossier`, `procedure_code`, `sector`, `payer`, `lines` (JSON),
/// `total`, `collector`, `day`, `issued_ms`, `voided`, `void_reason`, `voided_by`,
/// `voided_ms`, and optionally `reference` (the transfer a receipt settles).
public struct ReceiptLedger: Sendable {
    /// The method's plugin id, written into every ``Receipt``.
    public let method: String
    /// The receipts table, e.g. `payments_cash_receipts`.
    public let table: String
    /// How the method calls its receipts in "no such receipt", e.g. "cash receipt".
    public let noun: LocalizedText

    /// Creates a ledger over `table`.
    public init(method: String, table: String, noun: LocalizedText) {
        self.method = method
        self.table = table
        self.noun = noun
    }

    // MARK: Reading

    /// The receipts of a dossier, voided ones included, oldest first.
    public func receipts(_ db: any SQLExecutor, dossier code: String) throws -> [Receipt] {
        try db.query("SELECT * FROM \(table) WHERE dossier = ? ORDER BY issued_ms, series, year, number", [.text(code)]).map(receipt(from:))
    }

    /// One receipt, if this book holds it.
    public func receipt(_ db: any SQLExecutor, _ id: ReceiptID) throws -> Receipt? {
        try db.queryFirst("SELECT * FROM \(table) WHERE series = ? AND year = ? AND number = ?",
                          [.text(id.series), .integer(Int64(id.year)), .integer(Int64(id.number))]).map(receipt(from:))
    }

    /// The receipts issued on local days `first` through `last`, voided ones included, in book order.
    public func receipts(_ db: any SQLExecutor, from first: LocalDate, through last: LocalDate) throws -> [Receipt] {
        try db.query("SELECT * FROM \(table) WHERE day >= ? AND day <= ? ORDER BY series, year, number",
                     [.text(first.description), .text(last.description)]).map(receipt(from:))
    }

    /// The next number of `book` in `year`; refuses (409 `payments.book-full`) a book that
    /// has used every number of the year.
    public func nextNumber(_ db: any SQLExecutor, book: ReceiptBook, year: Int) throws -> Int {
        let last = try db.queryFirst("SELECT MAX(number) AS last FROM \(table) WHERE series = ? AND year = ?",
                                     [.text(book.series), .integer(Int64(year))])?.optionalInt64("last") ?? 0
        guard last < Int64(ReceiptID.maximumNumber) else {
            throw Problem("payments.book-full", status: 409,
                          en: "Receipt series \(book.series) has used every number of \(year); register a new series and set it in the manifest.",
                          vi: "Ký hiệu biên lai \(book.series) đã dùng hết số của năm \(year); hãy đăng ký ký hiệu mới và khai báo trong tệp cấu hình.")
        }
        return Int(last) + 1
    }

    // MARK: Voiding

    /// The reason and rights a void needs, checked before any transaction: 3 to 500
    /// characters of reason (trimmed), and a staff member (the host lets only supervisors in).
    public static func voidReason(_ reason: String, by principal: Principal) throws -> String {
        let reason = reason.trimmed()
        guard (3...500).contains(reason.count) else {
            throw Problem("payments.void-reason", en: "Give the reason for voiding (3 to 500 characters).",
                          vi: "Hãy ghi lý do hủy biên lai (từ 3 đến 500 ký tự).",
                          details: [.init(field: "reason", code: "required", message: LocalizedText(vi: "Cần lý do", en: "Reason required"))])
        }
        guard principal.kind == .staff else {
            throw Problem("payments.void-rights", status: 403, en: "Only a supervisor may void a receipt.", vi: "Chỉ lãnh đạo mới được hủy biên lai.")
        }
        return reason
    }

    /// Voids receipt `id` inside `transaction`: refuses an unknown receipt, a receipt already
    /// void and one of a closed cashier's day; marks it void and journals `payment.voided`.
    /// `reason` comes from ``voidReason(_:by:)``. The method then frees its paid lines.
    public func void(_ transaction: any StoreTransaction, _ id: ReceiptID, reason: String, by principal: Principal, at now: Date,
                     calendar: WorkingCalendar) throws -> Receipt {
        guard var receipt = try receipt(transaction, id) else {
            throw Problem("payments.no-such-receipt", status: 404, en: "No \(noun.en) \(id).", vi: "Không có \(noun.vi) \(id).")
        }
        guard !receipt.voided else {
            throw Problem("payments.already-void", status: 409, en: "Receipt \(id) is already void.", vi: "Biên lai \(id) đã bị hủy.")
        }
        let issuedDay = calendar.local(receipt.issuedAt).date
        try CashierDayLock.refuseIfClosed(transaction, collector: receipt.collector, day: issuedDay, what: CashierDayLock.noVoid)
        receipt.voided = true
        receipt.voidReason = reason
        receipt.voidedBy = principal.id
        receipt.voidedAt = now
        try transaction.execute("""
            UPDATE \(table) SET voided = 1, void_reason = ?, voided_by = ?, voided_ms = ? WHERE series = ? AND year = ? AND number = ?
            """, [.text(reason), .text(principal.id), .integer(PaymentRecords.milliseconds(now)), .text(id.series),
                  .integer(Int64(id.year)), .integer(Int64(id.number))])
        try transaction.appendJournal(JournalDraft(at: now, actor: principal.description, kind: "payment.voided",
                                                   subject: PaymentRecords.subject(id), payload: PaymentRecords.voided(receipt)))
        return receipt
    }

    // MARK: Rows

    /// A receipt from one row of the table.
    public func receipt(from row: SQLRow) throws -> Receipt {
        Receipt(method: method, template: try row.string("template"), series: try row.string("series"), year: try row.int("year"),
                number: try row.int("number"), dossierCode: try row.string("dossier"), procedure: try row.string("procedure_code"),
                sector: try row.string("sector"), payer: try row.string("payer"), lines: try PaymentRecords.lines(fromJSON: try row.string("lines")),
                issuedAt: PaymentRecords.date(try row.int64("issued_ms")), collector: try row.string("collector"),
                reference: row.columns.contains("reference") ? try row.optionalString("reference") : nil,
                voided: try row.bool("voided"), voidReason: try row.optionalString("void_reason"), voidedBy: try row.optionalString("voided_by"),
                voidedAt: try row.optionalInt64("voided_ms").map(PaymentRecords.date))
    }
}
