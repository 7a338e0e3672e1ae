#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How payments plugins write their values down: fee lines as JSON text in a column, and
/// the journal payloads of `Docs/Events.md`. Pure mapping, no I/O, so every method
/// journals the same fields.
public enum PaymentRecords {
    /// Fee lines as JSON text for a table column.
    public static func linesJSON(_ lines: [FeeLine]) throws -> String {
        try JSONValueEncoder().serialize(lines)
    }

    /// Fee lines read back from ``linesJSON(_:)``.
    public static func lines(fromJSON text: String) throws -> [FeeLine] {
        try JSONValueDecoder().decode([FeeLine].self, from: try JSONParser().parse(text))
    }

    /// Milliseconds since 1970 for a table column.
    public static func milliseconds(_ date: Date) -> Int64 { JournalEntry.milliseconds(date) }

    /// A date from a milliseconds column.
    public static func date(_ milliseconds: Int64) -> Date { JournalEntry.date(milliseconds: milliseconds) }

    /// The journal subject of a receipt: `receipt:<series>/<number>`.
    public static func subject(_ receipt: ReceiptID) -> String { "receipt:\(receipt.series)/\(receipt.number)" }

    /// ISO 8601 UTC with milliseconds, as journal payloads write times.
    public static func isoTime(_ date: Date) -> String {
        JournalEntry.isoText(date)
    }

    private static func lineSummaries(_ lines: [FeeLine]) -> JSONValue {
        .array(lines.map { line in
            .object(JSONObject([("id", .string(line.id)), ("kind", .string(line.kind.rawValue)), ("amount", .number(.integer(line.amount))),
                                ("quantity", .number(.integer(line.quantity))), ("reduction", .number(.integer(line.reduction)))]))
        })
    }

    /// The payload of `payment.collected`.
    public static func collected(_ receipt: Receipt) -> String {
        JSONValue.object(JSONObject([
            ("method", .string(receipt.method)), ("template", .string(receipt.template)), ("series", .string(receipt.series)),
            ("year", .number(.integer(Int64(receipt.year)))), ("number", .number(.integer(Int64(receipt.number)))),
            ("dossier", .string(receipt.dossierCode)), ("procedure", .string(receipt.procedure)), ("sector", .string(receipt.sector)),
            ("total", .number(.integer(receipt.total))), ("lines", lineSummaries(receipt.lines)), ("collector", .string(receipt.collector)),
        ])).serialized()
    }

    /// The payload of `payment.voided`.
    public static func voided(_ receipt: Receipt) -> String {
        JSONValue.object(JSONObject([
            ("method", .string(receipt.method)), ("series", .string(receipt.series)), ("year", .number(.integer(Int64(receipt.year)))),
            ("number", .number(.integer(Int64(receipt.number)))), ("dossier", .string(receipt.dossierCode)),
            ("procedure", .string(receipt.procedure)), ("sector", .string(receipt.sector)), ("total", .number(.integer(receipt.total))),
            ("reason", .string(receipt.voidReason ?? "")), ("collector", .string(receipt.collector)),
        ])).serialized()
    }

    /// The payload of `payment.pending`.
    public static func pending(_ transfer: Transfer, method: String) -> String {
        JSONValue.object(JSONObject([
            ("method", .string(method)), ("dossier", .string(transfer.dossierCode)), ("procedure", .string(transfer.procedure)),
            ("sector", .string(transfer.sector)), ("total", .number(.integer(transfer.total))), ("reference", .string(transfer.reference)),
            ("lines", lineSummaries(transfer.lines)), ("collector", .string(transfer.collector)),
        ])).serialized()
    }

    /// The payload of `payment.confirmed`; `via` is `clerk` or `statement`.
    public static func confirmed(_ receipt: Receipt, via: String) -> String {
        JSONValue.object(JSONObject([
            ("method", .string(receipt.method)), ("dossier", .string(receipt.dossierCode)), ("procedure", .string(receipt.procedure)),
            ("sector", .string(receipt.sector)), ("total", .number(.integer(receipt.total))), ("template", .string(receipt.template)),
            ("series", .string(receipt.series)), ("year", .number(.integer(Int64(receipt.year)))),
            ("number", .number(.integer(Int64(receipt.number)))), ("via", .string(via)), ("reference", .string(receipt.reference ?? "")),
            ("lines", lineSummaries(receipt.lines)), ("collector", .string(receipt.collector)),
        ])).serialized()
    }

    /// The payload of `payment.exception`.
    public static func exception(_ exception: TransferException, method: String) -> String {
        JSONValue.object(JSONObject([
            ("method", .string(method)), ("dossier", exception.dossierCode.map(JSONValue.string) ?? .null),
            ("expected", .number(.integer(exception.expected))), ("received", .number(.integer(exception.received))),
            ("reason", .string(exception.reason.rawValue)), ("reference", exception.transfer.map(JSONValue.string) ?? .null),
            ("bankReference", .string(exception.bankReference)),
        ])).serialized()
    }

    /// The payload of `payment.exception-resolved`.
    public static func exceptionResolved(_ exception: TransferException, method: String) -> String {
        JSONValue.object(JSONObject([
            ("method", .string(method)), ("exception", .string(exception.id)), ("dossier", exception.dossierCode.map(JSONValue.string) ?? .null),
            ("expected", .number(.integer(exception.expected))), ("received", .number(.integer(exception.received))),
            ("resolution", .string(exception.resolution ?? "")),
        ])).serialized()
    }

    /// The payload of `cashier.day-closed`.
    public static func dayClosed(_ day: CashierDay) -> String {
        JSONValue.object(JSONObject([
            ("collector", .string(day.collector)), ("day", .string(day.day.description)),
            ("expectedCash", .number(.integer(day.expectedCash))), ("countedCash", .number(.integer(day.countedCash ?? 0))),
            ("confirmedTransfer", .number(.integer(day.transfers.confirmed))), ("pendingTransfer", .number(.integer(day.transfers.pending))),
            ("voids", .number(.integer(Int64(day.voids)))), ("voidedAmount", .number(.integer(day.voidedAmount))),
            ("cashReceipts", .number(.integer(Int64(day.cashReceipts)))), ("note", day.note.map(JSONValue.string) ?? .null),
        ])).serialized()
    }
}

/// The collection ledger as CSV, one row per receipt, voided receipts included and marked,
/// for a day or a month: what `GET /api/v1/payments/ledger.csv` answers.
public enum PaymentsLedger {
    /// The header row.
    /// The header row: the ledger's own columns, then the national portal's codes of the
    /// dossier, its procedure and its sector.
    public static let header = ["date", "time", "template", "series", "number", "method", "dossier", "procedure", "sector",
                                "payer", "phi", "lePhi", "postage", "reductions", "total", "status", "collector", "voidReason",
                                "MaHoSo", "MaTTHC", "MaLinhVuc"]

    /// The CSV text (RFC 4180, CRLF line ends, UTF-8) of `receipts` in book order; times in
    /// the centre's calendar; the portal's columns in `codes`.
    public static func csv(_ receipts: [Receipt], calendar: WorkingCalendar, codes: PortalCodes = PortalCodes()) -> String {
        var rows = [header]
        for receipt in receipts.sorted(by: { ($0.issuedAt, $0.id) < ($1.issuedAt, $1.id) }) {
            let local = calendar.local(receipt.issuedAt)
            rows.append([local.date.description, local.time.description, receipt.template, receipt.series, receipt.id.printedNumber,
                         receipt.method, receipt.dossierCode, receipt.procedure, receipt.sector, receipt.payer,
                         String(receipt.total(of: .phi)), String(receipt.total(of: .lePhi)), String(receipt.total(of: .postage)),
                         String(receipt.lines.reduce(0) { $0 + $1.reduction }), String(receipt.total),
                         receipt.voided ? "void" : "issued", receipt.collector, receipt.voidReason ?? "",
                         receipt.dossierCode.isEmpty ? "" : codes.dossier(receipt.dossierCode),
                         receipt.procedure.isEmpty ? "" : codes.procedure(receipt.procedure), receipt.sector.isEmpty ? "" : codes.sector(receipt.sector)])
        }
        return rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    private static func field(_ text: String) -> String {
        // A leading =, +, - or @ would run as a formula in a spreadsheet.
        let guarded = text.first.map { "=+-@".contains($0) } == true ? "'" + text : text
        guard guarded.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || guarded != text else { return guarded }
        return "\"" + guarded.replacing("\"", with: "\"\"") + "\""
    }
}
