/// Whole đồng written out in Vietnamese words, as receipts print the total
/// ("Một trăm năm mươi nghìn đồng").
///
/// The usual reading rules: 1 after a tens digit of 2 or more is *mốt*, 5 after any tens
/// digit is *lăm*, a zero tens digit before a unit is *linh* (or *lẻ*), a group of three
/// after a larger group always says its hundreds (*không trăm*), and 10⁹ is *tỷ*, repeated
/// for larger amounts (*một nghìn tỷ*). Which word stands for a thousand and for the zero
/// tens is a ``Style`` choice, since regions and accounting software differ.
public struct VietnameseAmountWords: Sendable, Hashable {
    /// The regional choices.
    public struct Style: Sendable, Hashable, Codable {
        /// The word for a thousand.
        public enum Thousand: String, Sendable, Hashable, Codable, CaseIterable {
            /// *nghìn*, the northern and official usage.
            case nghin = "nghìn"
            /// *ngàn*, the southern usage.
            case ngan = "ngàn"
        }

        /// The word for a zero tens digit before a unit (105 = một trăm *linh* năm).
        public enum ZeroTens: String, Sendable, Hashable, Codable, CaseIterable {
            /// *linh*, the northern usage.
            case linh
            /// *lẻ*, the southern usage.
            case le = "lẻ"
        }

        /// The word for a thousand; *nghìn* by default.
        public var thousand: Thousand
        /// The word for a zero tens digit; *linh* by default.
        public var zeroTens: ZeroTens

        /// Creates a style.
        public init(thousand: Thousand = .nghin, zeroTens: ZeroTens = .linh) {
            self.thousand = thousand
            self.zeroTens = zeroTens
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            thousand = try container.decodeIfPresent(Thousand.self, forKey: .thousand) ?? .nghin
            zeroTens = try container.decodeIfPresent(ZeroTens.self, forKey: .zeroTens) ?? .linh
        }

        private enum CodingKeys: String, CodingKey { case thousand, zeroTens }
    }

    /// The regional choices used.
    public var style: Style

    /// Creates a writer with a style.
    public init(style: Style = Style()) {
        self.style = style
    }

    private static let digits = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]

    /// The amount in words with a capital first letter and the currency, e.g.
    /// `Một trăm năm mươi nghìn đồng`; a negative amount starts with *Âm*.
    public func text(_ amount: Int64) -> String {
        let words = (amount < 0 ? ["âm"] : []) + number(amount.magnitude) + ["đồng"]
        let sentence = words.joined(separator: " ")
        return sentence.prefix(1).uppercased() + sentence.dropFirst()
    }

    /// The number in lower-case words without the currency, e.g. `hai mươi mốt`.
    public func number(_ value: UInt64) -> [String] {
        guard value > 0 else { return ["không"] }
        return words(value, afterLargerGroup: false)
    }

    /// Reads `value` (> 0); `afterLargerGroup` when a larger group was read before it, so a
    /// leading zero hundreds is said.
    private func words(_ value: UInt64, afterLargerGroup: Bool) -> [String] {
        let billion: UInt64 = 1_000_000_000
        if value >= billion {
            let rest = value % billion
            return words(value / billion, afterLargerGroup: afterLargerGroup) + ["tỷ"]
                + (rest > 0 ? words(rest, afterLargerGroup: true) : [])
        }
        let groups = [(value / 1_000_000, "triệu"), ((value / 1_000) % 1_000, style.thousand.rawValue), (value % 1_000, "")]
        var result: [String] = []
        var spoken = afterLargerGroup
        for (group, scale) in groups where group > 0 {
            result += self.group(Int(group), full: spoken)
            if !scale.isEmpty { result.append(scale) }
            spoken = true
        }
        return result
    }

    /// One group of three digits (1…999); `full` says its hundreds even when zero.
    private func group(_ value: Int, full: Bool) -> [String] {
        let hundreds = value / 100, tens = (value / 10) % 10, units = value % 10
        var result: [String] = []
        let saysHundreds = hundreds > 0 || full
        if saysHundreds { result += [Self.digits[hundreds], "trăm"] }
        switch tens {
        case 0:
            if units > 0 {
                if saysHundreds { result.append(style.zeroTens.rawValue) }
                result.append(Self.digits[units])
            }
        case 1:
            result.append("mười")
            if units == 5 { result.append("lăm") } else if units > 0 { result.append(Self.digits[units]) }
        default:
            result += [Self.digits[tens], "mươi"]
            switch units {
            case 0: break
            case 1: result.append("mốt")
            case 5: result.append("lăm")
            default: result.append(Self.digits[units])
            }
        }
        return result
    }
}
