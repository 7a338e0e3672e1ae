/// A personal identification number (số định danh cá nhân, printed on the CCCD card).
///
/// Twelve digits: 1–3 the province where the birth was registered (the 63-province table of
/// Circular 07/2016/TT-BCA, unchanged by the 2025 merger), 4 the century and sex of birth
/// (1900s 0/1, 2000s 2/3, 2100s 4/5, 2200s 6/7, 2300s 8/9; even male, odd female), 5–6 the last
/// two digits of the birth year, 7–12 a random number. There is no check digit.
public struct CitizenID: Sendable, Hashable, CustomStringConvertible {
    /// The sex the fourth digit encodes.
    public enum Sex: String, Sendable, Hashable {
        case male, female
    }

    /// The twelve digits.
    public let digits: String

    /// The 3-digit province code of birth registration.
    public var provinceCode: String { String(digits.prefix(3)) }
    /// The full birth year the 4th to 6th digits encode.
    public var birthYear: Int {
        let bytes = Array(digits.utf8).map { Int($0) - 48 }
        return 1900 + (bytes[3] / 2) * 100 + bytes[4] * 10 + bytes[5]
    }
    /// The sex the fourth digit encodes.
    public var sex: Sex {
        (Int(Array(digits.utf8)[3]) - 48) % 2 == 0 ? .male : .female
    }

    public var description: String { digits }

    /// The province codes of birth registration, from the 63-province table.
    public static let provinceCodes: Set<String> = [
        "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020", "022", "024", "025",
        "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040", "042", "044", "045", "046", "048",
        "049", "051", "052", "054", "056", "058", "060", "062", "064", "066", "067", "068", "070", "072", "074", "075",
        "077", "079", "080", "082", "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096",
    ]

    /// Why a text is not a citizen ID.
    public enum Invalid: Error, Sendable, Hashable {
        /// Not exactly twelve ASCII digits.
        case format
        /// The first three digits are no province's code.
        case province(String)
    }

    /// Parses twelve digits (spaces and dots removed first); the error says what is wrong.
    public static func parse(_ text: String) -> Result<CitizenID, Invalid> {
        let cleaned = text.filter { $0 != " " && $0 != "." }
        guard cleaned.utf8.count == 12, cleaned.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return .failure(.format) }
        let id = CitizenID(digits: cleaned)
        guard provinceCodes.contains(id.provinceCode) else { return .failure(.province(id.provinceCode)) }
        return .success(id)
    }

    private init(digits: String) {
        self.digits = digits
    }
}
