/// The closed cashier's day: once a collector's day is closed, nothing booked to that
/// collector on that day may change — no collection, no confirmed transfer, no void.
///
/// One rule for every payment method. The closing is the journal entry
/// `cashier.day-closed` about `cashier:<collector>/<day>` (written by the method that keeps
/// the cash drawer, in the same transaction as its own closing row), so any method can
/// check it inside its own write transaction without knowing the others.
public enum CashierDayLock {
    /// The journal kind of a closing.
    public static let closedKind = "cashier.day-closed"

    /// The journal subject of a collector's day: `cashier:<collector>/<day>`.
    public static func subject(collector: String, day: LocalDate) -> String { "cashier:\(collector)/\(day)" }

    /// Whether the collector's day is closed, as `db` (a read or the caller's write
    /// transaction) sees the journal.
    public static func isClosed(_ db: any SQLExecutor, collector: String, day: LocalDate) throws -> Bool {
        try db.queryFirst("SELECT 1 AS closed FROM journal WHERE subject = ? AND kind = ?",
                          [.text(subject(collector: collector, day: day)), .text(closedKind)]) != nil
    }

    /// Refuses (409 `payments.day-closed`) when the collector's day is closed; `what` says
    /// what was refused, e.g. "no more collections today".
    public static func refuseIfClosed(_ db: any SQLExecutor, collector: String, day: LocalDate, what: LocalizedText) throws {
        guard try isClosed(db, collector: collector, day: day) else { return }
        throw Problem("payments.day-closed", status: 409, en: "\(collector)'s cash day \(day) is closed; \(what.en).",
                      vi: "Ngày \(day) của \(collector) đã chốt quỹ; \(what.vi).")
    }

    /// What a collection on a closed day is refused with.
    public static let noCollection = LocalizedText(vi: "không thu thêm trong ngày", en: "no more collections today")
    /// What a confirmation booked to a closed day is refused with.
    public static let noConfirmation = LocalizedText(vi: "không xác nhận thêm khoản chuyển nào vào ngày này; hãy xác nhận vào ngày làm việc sau",
                                                     en: "no transfer can be confirmed into it; confirm it on the next working day")
    /// What a void of a receipt of a closed day is refused with.
    public static let noVoid = LocalizedText(vi: "biên lai của ngày này không thể hủy nữa", en: "its receipts can no longer be voided")
}
