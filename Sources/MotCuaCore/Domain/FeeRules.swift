/// How a payment method turns a procedure's fee lines into a quote for one dossier: the
/// postal charge and the exemptions and reductions for beneficiary groups.
///
/// The manifest section of a payments plugin carries it under `fees`:
///
/// ```json
/// "fees": {
///   "postal": { "amount": 30000, "note": "Bảng giá bưu điện tỉnh" },
///   "exemptions": [
///     { "group": "ho-ngheo", "percent": 100, "kinds": ["lePhi"], "sectors": ["ho-tich"],
///       "reason": { "vi": "Miễn lệ phí theo điểm a khoản 1 Điều 11 Luật Hộ tịch 2014", "en": "…" } }
///   ]
/// }
/// ```
public struct FeeRules: Sendable, Hashable, Codable {
    /// The charge for returning the result by public post (Decision 45/2016/QĐ-TTg).
    public struct PostalFee: Sendable, Hashable, Codable {
        /// The charge in whole đồng.
        public var amount: Int64
        /// The printed name; "Cước dịch vụ bưu chính công ích" when absent.
        public var name: LocalizedText?
        /// Where the amount comes from.
        public var note: String?

        /// Creates a postal fee.
        public init(amount: Int64, name: LocalizedText? = nil, note: String? = nil) {
            self.amount = amount
            self.name = name
            self.note = note
        }
    }

    /// An exemption (100 %) or reduction for a beneficiary group, with its legal reason.
    public struct Exemption: Sendable, Hashable, Codable {
        /// The value of the exemption form field (`fee.exemptionGroup`) it applies to.
        public var group: String
        /// How much is taken off, 1–100 %; the reduction is rounded down to the đồng.
        public var percent: Int
        /// The kinds of line it applies to; every kind but postage when absent.
        public var kinds: [FeeLine.Kind]?
        /// The sectors it applies to; all when absent.
        public var sectors: [String]?
        /// The procedures it applies to; all when absent.
        public var procedures: [String]?
        /// The legal reason printed on the quote and the receipt.
        public var reason: LocalizedText

        /// Creates an exemption.
        public init(group: String, percent: Int, kinds: [FeeLine.Kind]? = nil, sectors: [String]? = nil,
                    procedures: [String]? = nil, reason: LocalizedText) {
            self.group = group
            self.percent = percent
            self.kinds = kinds
            self.sectors = sectors
            self.procedures = procedures
            self.reason = reason
        }

        /// Whether it applies to a line of a procedure.
        func applies(to line: FeeLine, procedure: Procedure) -> Bool {
            (kinds.map { $0.contains(line.kind) } ?? (line.kind != .postage))
                && (sectors.map { $0.contains(procedure.sector) } ?? true)
                && (procedures.map { $0.contains(procedure.code) } ?? true)
        }
    }

    /// The postal charge; no postal line when absent.
    public var postal: PostalFee?
    /// Exemptions and reductions, first match per line wins.
    public var exemptions: [Exemption]?
    /// The form field holding the beneficiary group; `fee.exemptionGroup` when absent.
    public var groupField: String?

    /// The most units of one line a quote accepts.
    public static let maximumQuantity: Int64 = 1_000
    /// The largest unit price or postal charge accepted, in đồng.
    public static let maximumUnitAmount: Int64 = 100_000_000

    /// Creates rules.
    public init(postal: PostalFee? = nil, exemptions: [Exemption]? = nil, groupField: String? = nil) {
        self.postal = postal
        self.exemptions = exemptions
        self.groupField = groupField
    }

    /// Problems with the rules themselves (a percent out of range, a negative charge), for
    /// a plugin's `init`; `plugin` names the manifest section.
    public func check(plugin: String) throws {
        if let postal, !(0...Self.maximumUnitAmount).contains(postal.amount) {
            throw Problem("payments.settings", status: 500,
                          en: "\(plugin): fees.postal.amount \(postal.amount) must be 0 to \(Self.maximumUnitAmount) đồng; correct it in the manifest.",
                          vi: "\(plugin): fees.postal.amount \(postal.amount) phải từ 0 đến \(Self.maximumUnitAmount) đồng; hãy sửa tệp cấu hình.")
        }
        for (index, exemption) in (exemptions ?? []).enumerated() where !(1...100).contains(exemption.percent) || exemption.reason.vi.isEmpty {
            throw Problem("payments.settings", status: 500,
                          en: "\(plugin): fees.exemptions[\(index)] needs a percent from 1 to 100 and a legal reason; correct it in the manifest.",
                          vi: "\(plugin): fees.exemptions[\(index)] cần tỷ lệ từ 1 đến 100 và căn cứ pháp lý; hãy sửa tệp cấu hình.")
        }
    }

    /// The quote of `procedure`'s fees for `dossier`.
    ///
    /// - Parameter quantities: units per fee line id (copies, pages); 1 when absent, 0 leaves
    ///   a per-unit line out. A per-dossier line is always 1.
    /// - Throws: `payments.quantity` naming the line for a negative, absurd or misplaced quantity.
    public func quote(dossier: Dossier, procedure: Procedure, quantities: [String: Int64] = [:]) throws -> FeeQuote {
        for (id, _) in quantities where !procedure.fees.contains(where: { $0.id == id }) {
            throw Self.quantityProblem(id, en: "Procedure \(procedure.code) has no fee line \"\(id)\".",
                                       vi: "Thủ tục \(procedure.code) không có dòng phí \"\(id)\".")
        }
        let group = dossier.formValues[groupField ?? "fee.exemptionGroup"].flatMap { $0.isEmpty || $0 == "none" ? nil : $0 }
        var lines: [FeeLine] = []
        for fee in procedure.fees {
            let quantity = quantities[fee.id] ?? 1
            guard (0...Self.maximumQuantity).contains(quantity) else {
                throw Self.quantityProblem(fee.id, en: "The quantity \(quantity) of \"\(fee.id)\" must be 0 to \(Self.maximumQuantity).",
                                           vi: "Số lượng \(quantity) của \"\(fee.id)\" phải từ 0 đến \(Self.maximumQuantity).")
            }
            guard fee.per != .dossier || quantity == 1 else {
                throw Self.quantityProblem(fee.id, en: "\"\(fee.id)\" is charged once per dossier; leave its quantity out.",
                                           vi: "\"\(fee.id)\" thu một lần cho mỗi hồ sơ; không nhập số lượng.")
            }
            guard quantity > 0 else { continue }
            lines.append(FeeLine(id: fee.id, kind: fee.kind, name: fee.name, unitAmount: fee.amount, quantity: quantity, unit: fee.per.rawValue))
        }
        if dossier.channel == .postal, let postal {
            lines.append(FeeLine(id: "postal", kind: .postage,
                                 name: postal.name ?? LocalizedText(vi: "Cước dịch vụ bưu chính công ích (trả kết quả)",
                                                                    en: "Public postal service charge (return of the result)"),
                                 unitAmount: postal.amount, quantity: 1, unit: "dossier"))
        }
        if let group {
            for index in lines.indices where lines[index].grossAmount > 0 {
                guard let exemption = (exemptions ?? []).first(where: { $0.group == group && $0.applies(to: lines[index], procedure: procedure) })
                else { continue }
                lines[index].reduction = lines[index].grossAmount * Int64(exemption.percent) / 100
                lines[index].reductionReason = exemption.reason
            }
        }
        return FeeQuote(dossierCode: dossier.code, procedure: procedure.code, sector: procedure.sector, payer: dossier.applicantName,
                        exemptionGroup: group, lines: lines)
    }

    private static func quantityProblem(_ line: String, en: String, vi: String) -> Problem {
        Problem("payments.quantity", en: en, vi: vi,
                details: [.init(field: "quantities.\(line)", code: "invalid", message: LocalizedText(vi: vi, en: en))])
    }
}

/// The receipt book of a payment method: its template, series, paper and how the total is
/// written in words. The manifest section of a payments plugin carries it under `receipt`:
/// `{ "template": "01BLP0-001", "series": "BL-26E", "paper": "A5" }`.
public struct ReceiptBook: Sendable, Hashable, Codable {
    /// The paper a receipt prints on.
    public enum Paper: String, Sendable, Hashable, Codable, CaseIterable {
        case a5 = "A5", a4 = "A4"
    }

    /// The template (mẫu số) printed on every receipt.
    public var template: String
    /// The series (ký hiệu); numbers run without gaps within it, per calendar year.
    public var series: String
    /// A5 or A4; A5 when absent.
    public var paper: Paper?
    /// How the total is written in words; nghìn and linh when absent.
    public var words: VietnameseAmountWords.Style?

    /// Creates a book.
    public init(template: String, series: String, paper: Paper? = nil, words: VietnameseAmountWords.Style? = nil) {
        self.template = template
        self.series = series
        self.paper = paper
        self.words = words
    }

    /// Problems with the template or series, for a plugin's `init`; `plugin` names the section.
    public func check(plugin: String) throws {
        func valid(_ text: String, _ limit: Int) -> Bool {
            (1...limit).contains(text.count) && text.unicodeScalars.allSatisfy { ($0.value >= 0x30 && $0.value <= 0x39)
                || ($0.value >= 0x41 && $0.value <= 0x5A) || ($0.value >= 0x61 && $0.value <= 0x7A) || $0 == "-" || $0 == "." }
        }
        guard valid(template, 20), valid(series, 12) else {
            throw Problem("payments.settings", status: 500,
                          en: "\(plugin): receipt.template \"\(template)\" (≤ 20) and receipt.series \"\(series)\" (≤ 12) take letters, digits, - and . only; correct them in the manifest.",
                          vi: "\(plugin): receipt.template \"\(template)\" (≤ 20) và receipt.series \"\(series)\" (≤ 12) chỉ gồm chữ, số, - và .; hãy sửa tệp cấu hình.")
        }
    }
}
