/// The pattern dossier codes are made from, e.g. `{agency}-{yyMMdd}-{seq4}` (Circular 01/2018).
///
/// Tokens: `{agency}` the centre's agency code, `{unit}` its administrative unit code,
/// `{yyMMdd}` or `{yyyyMMdd}` the receipt date, `{seq4}`…`{seq6}` the daily sequence padded
/// to that many digits. A template must hold one date token and one sequence token, so
/// codes are unique within the centre, and between tokens only characters that stand in a
/// web address as they are (letters, digits, `-`, `.`, `_`, `~`): a code is a path segment.
public struct DossierCodeTemplate: Sendable, Hashable, CustomStringConvertible {
    /// One piece of a template.
    public enum Token: Sendable, Hashable {
        case literal(String)
        case agency
        case unit
        case shortDate
        case longDate
        case sequence(digits: Int)
    }

    /// The template's pieces in order.
    public let tokens: [Token]
    /// The template as written.
    public let text: String

    /// The default of Circular 01/2018.
    public static let standard = try! DossierCodeTemplate("{agency}-{yyMMdd}-{seq4}")

    /// Parses a template; the error names the bad token and lists the valid ones.
    public init(_ text: String) throws(Problem) {
        var tokens: [Token] = []
        var literal = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            literal += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw Self.problem("unclosed \"{\" in \"\(text)\"", vi: "thiếu \"}\" trong \"\(text)\"")
            }
            let name = String(rest[rest.index(after: open)..<close])
            if !literal.isEmpty {
                tokens.append(.literal(literal))
                literal = ""
            }
            switch name {
            case "agency": tokens.append(.agency)
            case "unit": tokens.append(.unit)
            case "yyMMdd": tokens.append(.shortDate)
            case "yyyyMMdd": tokens.append(.longDate)
            case "seq4", "seq5", "seq6": tokens.append(.sequence(digits: Int(name.dropFirst(3))!))
            default:
                throw Self.problem("unknown token {\(name)}", vi: "mã {\(name)} không hợp lệ")
            }
            rest = rest[rest.index(after: close)...]
        }
        literal += rest
        if !literal.isEmpty { tokens.append(.literal(literal)) }
        let unsafe = Self.unsafeCharacters(in: tokens.compactMap { if case .literal(let text) = $0 { text } else { nil } }.joined())
        guard unsafe.isEmpty else {
            let listed = unsafe.map { "\"\($0)\"" }.joined(separator: " ")
            throw Problem("manifest.dossier-code",
                          en: "Dossier code template \"\(text)\" contains \(listed), which cannot stand in a web address: codes appear in /api/v1/dossiers/<code>. Use letters, digits, \"-\", \".\", \"_\" or \"~\" between the tokens.",
                          vi: "Mẫu mã hồ sơ \"\(text)\" chứa \(listed), không dùng được trong địa chỉ web: mã hồ sơ nằm trong /api/v1/dossiers/<mã>. Chỉ dùng chữ, số, \"-\", \".\", \"_\" hoặc \"~\" giữa các mã.")
        }
        guard tokens.contains(where: { $0 == .shortDate || $0 == .longDate }),
              tokens.contains(where: { if case .sequence = $0 { true } else { false } }) else {
            throw Self.problem("\"\(text)\" needs a date token and a sequence token to give unique codes",
                               vi: "\"\(text)\" cần có mã ngày và mã số thứ tự để mã hồ sơ không trùng")
        }
        self.tokens = tokens
        self.text = text
    }

    /// The code for the `sequence`-th dossier received on `date`.
    public func code(agency: String, unit: String, date: LocalDate, sequence: Int) -> String {
        var code = ""
        for token in tokens {
            switch token {
            case .literal(let text): code += text
            case .agency: code += agency
            case .unit: code += unit
            case .shortDate: code += (date.year % 100).zeroPadded(2) + date.month.zeroPadded(2) + date.day.zeroPadded(2)
            case .longDate: code += date.year.zeroPadded(4) + date.month.zeroPadded(2) + date.day.zeroPadded(2)
            case .sequence(let digits): code += sequence.zeroPadded(digits)
            }
        }
        return code
    }

    /// The largest sequence number the template can print.
    public var maximumSequence: Int {
        for case .sequence(let digits) in tokens {
            var limit = 1
            for _ in 0..<digits { limit *= 10 }
            return limit - 1
        }
        return 0
    }

    public var description: String { text }

    /// The characters of `text` that a dossier code may not hold, each once, in order.
    ///
    /// A code is one path segment of `/api/v1/dossiers/<code>/…` and a query value on pages,
    /// so it keeps to the unreserved characters of RFC 3986: ASCII letters and digits,
    /// `-`, `.`, `_` and `~`. Anything else (`/`, `?`, `#`, `%`, a space, `&`, a Vietnamese
    /// letter) would need escaping in every link, bank transfer and spoken code.
    public static func unsafeCharacters(in text: String) -> [Character] {
        var found: [Character] = []
        for character in text where !isCodeCharacter(character) && !found.contains(character) { found.append(character) }
        return found
    }

    /// Whether `character` may appear in a dossier code as it is.
    public static func isCodeCharacter(_ character: Character) -> Bool {
        guard character.isASCII, let ascii = character.asciiValue else { return false }
        switch ascii {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): return true
        default: return false
        }
    }

    private static func problem(_ en: String, vi: String) -> Problem {
        Problem("manifest.dossier-code", en: "Dossier code template: \(en). Tokens: {agency} {unit} {yyMMdd} {yyyyMMdd} {seq4} {seq5} {seq6}.",
                vi: "Mẫu mã hồ sơ: \(vi). Các mã: {agency} {unit} {yyMMdd} {yyyyMMdd} {seq4} {seq5} {seq6}.")
    }
}
