/// One official administrative unit: a province or a commune-level unit (xã, phường, đặc khu).
public struct AdministrativeUnit: Sendable, Hashable {
    /// The official code: 2 digits for a province, 5 for a commune-level unit.
    public var code: String
    /// The official name with its rank, e.g. "Xã Đào Xá", "Tỉnh Phú Thọ".
    public var name: String
    /// The province's code; a province's own code for a province.
    public var provinceCode: String

    /// Whether this is a province (or centrally run city) rather than a commune-level unit.
    public var isProvince: Bool { code.count == 2 }

    /// Creates a unit.
    public init(code: String, name: String, provinceCode: String) {
        self.code = code
        self.name = name
        self.provinceCode = provinceCode
    }
}

/// The official list of provinces and commune-level units, for checking a centre's unit code
/// and for looking one up by name.
///
/// Built from text the caller supplies (MotCuaCore reads no files): one unit a line,
/// `code<TAB>name`, each province line followed by its commune-level units.
public struct AdministrativeUnits: Sendable {
    /// Every unit in list order: each province, then its commune-level units.
    public let all: [AdministrativeUnit]
    private let byCode: [String: Int]
    /// Folded names, parallel to `all`, for accent-insensitive search.
    private let folded: [String]

    /// Parses the list; lines that are empty or do not have a code and a name are skipped.
    public init(parsing list: String) {
        var units: [AdministrativeUnit] = []
        var province = ""
        for line in list.split(separator: "\n") {
            let fields = line.split(separator: "\t", maxSplits: 1)
            guard fields.count == 2, fields[0].allSatisfy(\.isASCII) else { continue }
            let code = String(fields[0])
            if code.count == 2 { province = code }
            units.append(AdministrativeUnit(code: code, name: String(fields[1]), provinceCode: province))
        }
        all = units
        byCode = Dictionary(units.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
        folded = units.map { Self.fold($0.name) }
    }

    /// The unit with this code, if any.
    public func unit(code: String) -> AdministrativeUnit? {
        byCode[code].map { all[$0] }
    }

    /// The provinces, in code order.
    public var provinces: [AdministrativeUnit] { all.filter(\.isProvince) }

    /// The commune-level units of a province.
    public func communes(inProvince code: String) -> [AdministrativeUnit] {
        all.filter { !$0.isProvince && $0.provinceCode == code }
    }

    /// Units whose name contains the query, ignoring accents, case and the rank word, or whose
    /// code starts with it. Exact name matches come first.
    public func search(_ query: String, limit: Int = 50) -> [AdministrativeUnit] {
        let needle = Self.fold(query).split(separator: " ").joined(separator: " ")
        guard !needle.isEmpty else { return [] }
        var exact: [AdministrativeUnit] = []
        var partial: [AdministrativeUnit] = []
        for (index, unit) in all.enumerated() {
            let name = folded[index]
            if unit.code.hasPrefix(needle) || name == needle || Self.withoutRank(name) == needle {
                exact.append(unit)
            } else if name.contains(needle) {
                partial.append(unit)
            }
        }
        return Array((exact + partial).prefix(limit))
    }

    /// The commune-level unit of a province whose name a centre's name gives, e.g.
    /// "Trung tâm Phục vụ hành chính công xã Đào Xá" → Xã Đào Xá; accents are compared
    /// loosely so a misspelt name still finds its unit.
    public func likelyUnit(forCentreName centreName: String, inProvince province: String?) -> AdministrativeUnit? {
        let wanted = Self.fold(Self.placeName(fromCentreName: centreName))
        guard !wanted.isEmpty else { return nil }
        let candidates = all.indices.filter { !all[$0].isProvince && (province == nil || all[$0].provinceCode == province) }
        if let index = candidates.first(where: { folded[$0] == wanted })
            ?? candidates.first(where: { Self.withoutRank(folded[$0]) == Self.withoutRank(wanted) }) {
            return all[index]
        }
        let names = candidates.map { folded[$0] }
        guard let near = Suggestion.closest(to: wanted, among: names), let position = names.firstIndex(of: near) else { return nil }
        return all[candidates[position]]
    }

    /// Whether a centre's Vietnamese name names this unit: the words after "Trung tâm Phục vụ
    /// hành chính công" equal the unit's name, ignoring case and a trailing note in brackets
    /// such as "(demo)".
    public static func centreName(_ centreName: String, names unit: AdministrativeUnit) -> Bool {
        placeName(fromCentreName: centreName).lowercased() == unit.name.lowercased()
    }

    /// The centre's name as it should be for a unit, e.g. "Trung tâm Phục vụ hành chính công xã Đào Xá".
    public static func centreName(for unit: AdministrativeUnit) -> String {
        let name = unit.name
        guard let first = name.first else { return centrePrefix }
        return centrePrefix + " " + first.lowercased() + name.dropFirst()
    }

    /// The words every centre's name starts with.
    public static let centrePrefix = "Trung tâm Phục vụ hành chính công"

    /// The place a centre's name gives: without the centre words, a trailing "(…)" note and
    /// extra spaces.
    static func placeName(fromCentreName centreName: String) -> String {
        var rest = Substring(centreName)
        if rest.lowercased().hasPrefix(centrePrefix.lowercased()) { rest = rest.dropFirst(centrePrefix.count) }
        var words = rest.split(whereSeparator: \.isWhitespace).map(String.init)
        if words.last?.hasSuffix(")") == true, let open = words.lastIndex(where: { $0.hasPrefix("(") }) {
            words.removeSubrange(open...)
        }
        return words.joined(separator: " ")
    }

    /// Lower case without Vietnamese accents, "đ" as "d", runs of spaces as one.
    public static func fold(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        var lastWasSpace = true
        for scalar in text.lowercased().unicodeScalars {
            // Combining marks (text in decomposed form) are dropped with their letter kept.
            if (0x0300...0x036F).contains(scalar.value) { continue }
            let base = Self.baseLetter[scalar] ?? scalar
            if base.properties.isWhitespace || base == "-" {
                if !lastWasSpace { result.unicodeScalars.append(" ") }
                lastWasSpace = true
            } else {
                result.unicodeScalars.append(base)
                lastWasSpace = false
            }
        }
        if result.hasSuffix(" ") { result.removeLast() }
        return result
    }

    /// A unit's name as a file and id slug: folded, without the rank word, words joined by
    /// "-", e.g. "Xã Đào Xá" → `dao-xa`, "Tỉnh Phú Thọ" → `phu-tho`.
    public static func slug(_ name: String) -> String {
        withoutRank(fold(name)).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "-")
    }

    /// The name in plain Latin letters with its case kept, for English text, e.g.
    /// "Đào Xá" → "Dao Xa".
    public static func latin(_ text: String) -> String {
        var result = ""
        for character in text {
            guard !character.isWhitespace else {
                result.append(" ")
                continue
            }
            let base = fold(String(character))
            result += character.isUppercase ? base.uppercased() : base
        }
        return result
    }

    private static func withoutRank(_ folded: String) -> String {
        for rank in ["xa ", "phuong ", "dac khu ", "tinh ", "thanh pho "] where folded.hasPrefix(rank) {
            return String(folded.dropFirst(rank.count))
        }
        return folded
    }

    /// Each accented lower-case Vietnamese letter and its base letter.
    private static let baseLetter: [Unicode.Scalar: Unicode.Scalar] = {
        let groups: [(Unicode.Scalar, String)] = [
            ("a", "àáảãạăằắẳẵặâầấẩẫậ"), ("e", "èéẻẽẹêềếểễệ"), ("i", "ìíỉĩị"), ("o", "òóỏõọôồốổỗộơờớởỡợ"),
            ("u", "ùúủũụưừứửữự"), ("y", "ỳýỷỹỵ"), ("d", "đ"),
        ]
        var table: [Unicode.Scalar: Unicode.Scalar] = ["\u{2019}": "'"]
        for (base, letters) in groups {
            for scalar in letters.unicodeScalars { table[scalar] = base }
        }
        return table
    }()
}
