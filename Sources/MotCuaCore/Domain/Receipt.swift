#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One line of a fee quote or a receipt. Amounts are whole đồng.
///
/// A line keeps its full price (``grossAmount``) and any exemption or reduction
/// (``reduction`` with its printed legal ``reductionReason``), so a receipt shows both what
/// the fee is and why less was asked.
public struct FeeLine: Sendable, Hashable, Codable {
    /// Phí, lệ phí and the postal charge are accounted separately.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Phí: a charge for a public service.
        case phi
        /// Lệ phí: a state fee for an administrative act.
        case lePhi
        /// The public postal service's charge when the result is sent by post.
        case postage

        /// The printed name of the kind.
        public var title: LocalizedText {
            switch self {
            case .phi: LocalizedText(vi: "Phí", en: "Charge (phí)")
            case .lePhi: LocalizedText(vi: "Lệ phí", en: "Fee (lệ phí)")
            case .postage: LocalizedText(vi: "Cước bưu chính", en: "Postage")
            }
        }
    }

    /// The fee line id within its procedure (`postal` for the postal charge).
    public var id: String
    /// Phí, lệ phí or postage.
    public var kind: Kind
    /// What the line is for.
    public var name: LocalizedText
    /// The price of one unit in đồng.
    public var unitAmount: Int64
    /// How many units (copies, pages).
    public var quantity: Int64
    /// What one unit is (`dossier`, `copy`, `page`, …), when known.
    public var unit: String?
    /// Đồng taken off by an exemption or reduction; 0 when none.
    public var reduction: Int64
    /// The legal reason printed for the reduction, when there is one.
    public var reductionReason: LocalizedText?

    /// The line's full price, before any reduction.
    public var grossAmount: Int64 { unitAmount * quantity }
    /// What the line asks for, in đồng: the full price less the reduction.
    public var amount: Int64 { grossAmount - reduction }

    /// Creates a line.
    public init(id: String, kind: Kind, name: LocalizedText, unitAmount: Int64, quantity: Int64 = 1, unit: String? = nil,
                reduction: Int64 = 0, reductionReason: LocalizedText? = nil) {
        self.id = id
        self.kind = kind
        self.name = name
        self.unitAmount = unitAmount
        self.quantity = quantity
        self.unit = unit
        self.reduction = reduction
        self.reductionReason = reductionReason
    }
}

/// The fees due for a dossier. The total is always the sum of the lines.
public struct FeeQuote: Sendable, Hashable, Codable {
    /// The dossier the quote is for.
    public var dossierCode: String
    /// The procedure code.
    public var procedure: String
    /// The procedure's sector id.
    public var sector: String
    /// Who pays: the applicant by default.
    public var payer: String
    /// The beneficiary group the exemptions were chosen for, if any.
    public var exemptionGroup: String?
    /// The lines.
    public var lines: [FeeLine]

    /// The sum of the lines, in đồng.
    public var total: Int64 { lines.reduce(0) { $0 + $1.amount } }
    /// The sum of the lines of one kind, in đồng.
    public func total(of kind: FeeLine.Kind) -> Int64 { lines.filter { $0.kind == kind }.reduce(0) { $0 + $1.amount } }
    /// The sum of the reductions, in đồng.
    public var reductions: Int64 { lines.reduce(0) { $0 + $1.reduction } }

    /// Creates a quote.
    public init(dossierCode: String, procedure: String = "", sector: String = "", payer: String = "",
                exemptionGroup: String? = nil, lines: [FeeLine]) {
        self.dossierCode = dossierCode
        self.procedure = procedure
        self.sector = sector
        self.payer = payer
        self.exemptionGroup = exemptionGroup
        self.lines = lines
    }
}

/// Where a receipt sits in its book: the series, the calendar year and the number.
///
/// Numbers run 1, 2, 3 … without gaps within a series and a year, at most 7 digits, and
/// start again at 1 on 1 January (centre time).
public struct ReceiptID: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The series (ký hiệu).
    public var series: String
    /// The calendar year the number belongs to.
    public var year: Int
    /// The number within the series and year.
    public var number: Int

    /// The largest number a receipt may carry.
    public static let maximumNumber = 9_999_999

    /// Creates an id.
    public init(series: String, year: Int, number: Int) {
        self.series = series
        self.year = year
        self.number = number
    }

    /// The number as printed: 7 digits with leading zeros.
    public var printedNumber: String { number.zeroPadded(7) }

    /// `series/year/number`, e.g. `BL-26E/2026/0000012`, the form used in paths.
    public var description: String { "\(series)/\(year)/\(printedNumber)" }

    /// Parses ``description``; nil when it is not one.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, !parts[0].isEmpty, let year = Int(parts[1]), let number = Int(parts[2]),
              (1...ReceiptID.maximumNumber).contains(number) else { return nil }
        self.init(series: parts[0], year: year, number: number)
    }

    public static func < (lhs: ReceiptID, rhs: ReceiptID) -> Bool {
        (lhs.series, lhs.year, lhs.number) < (rhs.series, rhs.year, rhs.number)
    }
}

/// A receipt for collected fees, numbered without gaps within its series and year.
public struct Receipt: Sendable, Hashable, Codable {
    /// The payment method's plugin id, e.g. `payments.cash`.
    public var method: String
    /// The receipt template (mẫu số).
    public var template: String
    /// The series (ký hiệu).
    public var series: String
    /// The calendar year of the number.
    public var year: Int
    /// The number within the series and year.
    public var number: Int
    /// The dossier paid for.
    public var dossierCode: String
    /// The procedure code.
    public var procedure: String
    /// The procedure's sector id.
    public var sector: String
    /// Who paid.
    public var payer: String
    /// The lines paid.
    public var lines: [FeeLine]
    /// When it was issued.
    public var issuedAt: Date
    /// The login of the staff member who collected (or confirmed) the payment.
    public var collector: String
    /// The transfer reference, for a payment by transfer.
    public var reference: String?
    /// Whether it has been voided; voided receipts stay in the sequence.
    public var voided: Bool
    /// Why it was voided.
    public var voidReason: String?
    /// The login of the supervisor who voided it.
    public var voidedBy: String?
    /// When it was voided.
    public var voidedAt: Date?

    /// The sum of the lines, in đồng.
    public var total: Int64 { lines.reduce(0) { $0 + $1.amount } }
    /// The sum of the lines of one kind, in đồng.
    public func total(of kind: FeeLine.Kind) -> Int64 { lines.filter { $0.kind == kind }.reduce(0) { $0 + $1.amount } }
    /// Where the receipt sits in its book.
    public var id: ReceiptID { ReceiptID(series: series, year: year, number: number) }

    /// Creates a receipt.
    public init(method: String, template: String = "", series: String, year: Int = 0, number: Int, dossierCode: String,
                procedure: String = "", sector: String = "", payer: String = "", lines: [FeeLine], issuedAt: Date,
                collector: String = "", reference: String? = nil, voided: Bool = false, voidReason: String? = nil,
                voidedBy: String? = nil, voidedAt: Date? = nil) {
        self.method = method
        self.template = template
        self.series = series
        self.year = year
        self.number = number
        self.dossierCode = dossierCode
        self.procedure = procedure
        self.sector = sector
        self.payer = payer
        self.lines = lines
        self.issuedAt = issuedAt
        self.collector = collector
        self.reference = reference
        self.voided = voided
        self.voidReason = voidReason
        self.voidedBy = voidedBy
        self.voidedAt = voidedAt
    }
}
