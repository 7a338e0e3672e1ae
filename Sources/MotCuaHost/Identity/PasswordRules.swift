#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// What a new staff password must be (OWASP ASVS level 2, V2.1): long enough, not common or
/// breached, and not built from the login or the centre's name.
///
/// The list of common and breached passwords is data embedded in the binary
/// (`Resources/Passwords/`, whose README names its source).
public struct PasswordRules: Sendable {
    /// The shortest password accepted.
    public var minimumLength: Int
    /// Words a password may not contain, already folded (see ``fold(_:)``): the centre's names.
    public var forbiddenWords: [String]

    /// Rules with this minimum length and no centre words.
    public init(minimumLength: Int = 12, forbiddenWords: [String] = []) {
        self.minimumLength = minimumLength
        self.forbiddenWords = forbiddenWords
    }

    /// The words of a centre a password may not contain: its names in both languages and the
    /// commune part of its id (`phu-tho.dao-xa` → `daoxa`), folded.
    public static func centreWords(_ centre: Centre) -> [String] {
        var words = [centre.name.vi, centre.name.en].map(fold)
        if let last = centre.id.split(separator: ".").last.map(String.init) { words.append(fold(last)) }
        return Array(Set(words.filter { $0.count >= 4 })).sorted()
    }

    /// The common and breached passwords, lowercase.
    static let common: Set<String> = {
        let text = String(decoding: PackageResources.common_passwords_txt, as: UTF8.self)
        return Set(text.split(separator: "\n").map(String.init))
    }()

    /// The problem with `password` for the account `login`, or nil when it may be used.
    public func problem(with password: String, login: String) -> Problem? {
        if password.count < minimumLength {
            return Self.weak("too-short", en: "The password needs at least \(minimumLength) characters.",
                             vi: "Mật khẩu cần ít nhất \(minimumLength) ký tự.")
        }
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return Self.weak("control-character", en: "The password contains a control character; type it again.",
                             vi: "Mật khẩu chứa ký tự điều khiển; hãy gõ lại.")
        }
        let folded = Self.fold(password)
        let loginFolded = Self.fold(login)
        if !loginFolded.isEmpty, folded == loginFolded || (loginFolded.count >= 3 && folded.contains(loginFolded)) {
            return Self.weak("contains-login", en: "The password must not contain the login.",
                             vi: "Mật khẩu không được chứa tên đăng nhập.")
        }
        if forbiddenWords.contains(where: { folded.contains($0) }) {
            return Self.weak("contains-centre", en: "The password must not contain the centre's name.",
                             vi: "Mật khẩu không được chứa tên trung tâm.")
        }
        let lower = password.lowercased()
        let core = String(lower.drop(while: Self.isFiller).reversed().drop(while: Self.isFiller).reversed())
        if Self.common.contains(lower) || Self.common.contains(core) || Self.common.contains(folded) {
            return Self.weak("common", en: "This password is in a list of common or breached passwords; choose another, e.g. a few unrelated words.",
                             vi: "Mật khẩu này nằm trong danh sách mật khẩu phổ biến hoặc đã bị lộ; hãy chọn mật khẩu khác, ví dụ vài từ không liên quan ghép lại.")
        }
        if core.isEmpty || Set(lower).count < 5 {
            return Self.weak("predictable", en: "The password is too predictable (only digits and signs, or few different characters).",
                             vi: "Mật khẩu quá dễ đoán (chỉ có chữ số và ký hiệu, hoặc quá ít ký tự khác nhau).")
        }
        return nil
    }

    /// Lowercase, without diacritics (`đ` as `d`), spaces, dots, hyphens or underscores:
    /// "Đào Xá" and "dao-xa" both fold to `daoxa`.
    public static func fold(_ text: String) -> String {
        // The same Vietnamese folding unit names use (no ICU), then without separators.
        AdministrativeUnits.fold(text).filter { !" .-_\t".contains($0) }
    }

    private static func isFiller(_ character: Character) -> Bool {
        character.isNumber || character.isPunctuation || character.isSymbol || character == " "
    }

    private static func weak(_ reason: String, en: String, vi: String) -> Problem {
        Problem("identity.weak-password", en: en, vi: vi,
                details: [.init(field: "password", code: reason, message: LocalizedText(vi: vi, en: en))])
    }
}
