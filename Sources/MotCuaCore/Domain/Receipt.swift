import Foundation

/// One line of a fee quote or a receipt. Amounts are whole đồng.
public struct FeeLine: Sendable, Hashable, Codable {
    /// Phí and lệ phí are accounted separately.
    public enum Kind: String, Sendable, Hashable, Codable {
        case phi, lePhi
    }

    /// The fee line id within its procedure.
    public var id: String
    /// Phí or lệ phí.
    public var kind: Kind
    /// What the line is for.
    public var name: LocalizedText
    /// The price of one unit in đồng.
    public var unitAmount: Int64
    /// How many units (copies, pages).
    public var quantity: Int64

    /// The line total in đồng.
    public var amount: Int64 { unitAmount * quantity }

    /// Creates a line.
    public init(id: String, kind: Kind, name: LocalizedText, unitAmount: Int64, quantity: Int64 = 1) {
        self.id = id
        self.kind = kind
        self.name = name
        self.unitAmount = unitAmount
        self.quantity = quantity
    }
}

/// The fees due for a dossier. The total is always the sum of the lines.
public struct FeeQuote: Sendable, Hashable, Codable {
    /// The dossier the quote is for.
    public var dossierCode: String
    /// The lines.
    public var lines: [FeeLine]

    /// The sum of the lines, in đồng.
    public var total: Int64 { lines.reduce(0) { $0 + $1.amount } }

    /// Creates a quote.
    public init(dossierCode: String, lines: [FeeLine]) {
        self.dossierCode = dossierCode
        self.lines = lines
    }
}

/// A receipt for collected fees, numbered without gaps within its series and year.
public struct Receipt: Sendable, Hashable, Codable {
    /// The payment method's plugin id, e.g. `payments.cash`.
    public var method: String
    /// The receipt series (ký hiệu).
    public var series: String
    /// The number within the series and year.
    public var number: Int
    /// The dossier paid for.
    public var dossierCode: String
    /// The lines paid.
    public var lines: [FeeLine]
    /// When it was issued.
    public var issuedAt: Date
    /// Whether it has been voided; voided receipts stay in the sequence.
    public var voided: Bool

    /// The sum of the lines, in đồng.
    public var total: Int64 { lines.reduce(0) { $0 + $1.amount } }

    /// Creates a receipt.
    public init(method: String, series: String, number: Int, dossierCode: String, lines: [FeeLine],
                issuedAt: Date, voided: Bool = false) {
        self.method = method
        self.series = series
        self.number = number
        self.dossierCode = dossierCode
        self.lines = lines
        self.issuedAt = issuedAt
        self.voided = voided
    }
}
