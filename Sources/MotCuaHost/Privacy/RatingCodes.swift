#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaStore
import Synchronization

/// Rating codes: what lets a citizen, and only the citizen, rate a returned dossier online.
///
/// A code is printed on the receipt the citizen takes home (form 01). It is 60 random bits
/// from the host's CSPRNG (libcrypto), prefixed by the centre's unit code so a code of
/// another centre is told apart; it works once. The dossier code, which runs in sequence,
/// never rates anything.
public final class RatingCodes: Sendable {
    /// The store migrations of the rating-code table.
    public static let migrations = MigrationSet(owner: "host.rating-codes", migrations: [
        Migration(version: 1, name: "rating-codes", statements: [
            """
            CREATE TABLE host_rating_codes (
                code TEXT PRIMARY KEY, subject TEXT NOT NULL UNIQUE,
                issued_at_ms INTEGER NOT NULL, used_at_ms INTEGER)
            """,
        ]),
    ])

    /// Crockford's base 32: no I, L, O or U to misread.
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    private let store: any Store
    private let clock: any WallClock
    /// The centre's unit code, the first part of every code.
    public let centre: String
    private let migrated = Mutex(false)

    /// The codes over a store; the table is migrated on first use.
    public init(store: any Store, clock: any WallClock, centre: String) {
        self.store = store
        self.clock = clock
        self.centre = centre
    }

    private func prepare() throws {
        try migrated.withLock { done in
            guard !done else { return }
            try store.migrate(Self.migrations)
            done = true
        }
    }

    /// The code of a subject, issued on first use: `08662-K7QX-M3PA-9TZC`.
    public func code(for subject: Rating.Subject) throws -> String {
        try prepare()
        let key = subject.journalSubject
        if let existing = try store.read({ try $0.query("SELECT code FROM host_rating_codes WHERE subject = ?", [.text(key)]) }).first {
            return try existing.string("code")
        }
        let random = try SecureRandom.bytes(12).map { Self.alphabet[Int($0) % 32] }
        let code = "\(centre)-" + stride(from: 0, to: 12, by: 4).map { String(random[$0..<$0 + 4]) }.joined(separator: "-")
        let now = JournalEntry.milliseconds(clock.now)
        return try store.write { transaction in
            // Two prints at once: the first code issued wins, the other print shows it too.
            if let raced = try transaction.query("SELECT code FROM host_rating_codes WHERE subject = ?", [.text(key)]).first {
                return try raced.string("code")
            }
            try transaction.execute("INSERT INTO host_rating_codes (code, subject, issued_at_ms) VALUES (?, ?, ?)",
                                    [.text(code), .text(key), .integer(now)])
            return code
        }
    }

    /// The subject a code rates, refusing a malformed code, another centre's, an unknown one
    /// and one already used, each with its own words.
    public func subject(of text: String) throws -> Rating.Subject {
        try prepare()
        let code = Self.normalised(text)
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0].allSatisfy(\.isNumber), parts.dropFirst().allSatisfy({ $0.count == 4 && $0.allSatisfy(Self.alphabet.contains) }) else {
            throw Problem("ratings.code-format", en: "A rating code looks like \(centre)-K7QX-M3PA-9TZC; copy it from your receipt.",
                          vi: "Mã đánh giá có dạng \(centre)-K7QX-M3PA-9TZC; hãy chép đúng từ giấy tiếp nhận.",
                          details: [.init(field: "code", code: "format", message: LocalizedText(vi: "Sai dạng mã", en: "Wrong form"))])
        }
        guard parts[0] == centre else {
            throw Problem("ratings.code-other-centre", status: 404,
                          en: "This rating code was issued by another centre; rate on that centre's page.",
                          vi: "Mã đánh giá này do trung tâm khác cấp; hãy đánh giá trên trang của trung tâm đó.",
                          details: [.init(field: "code", code: "other-centre", message: LocalizedText(vi: "Mã của trung tâm khác", en: "Another centre's code"))])
        }
        let rows = try store.read { try $0.query("SELECT subject, used_at_ms FROM host_rating_codes WHERE code = ?", [.text(code)]) }
        guard let row = rows.first, let subject = Self.subject(try row.string("subject")) else {
            throw Problem("ratings.code-unknown", status: 404, en: "No rating code matches; check the code on your receipt.",
                          vi: "Không có mã đánh giá này; hãy kiểm tra mã trên giấy tiếp nhận.",
                          details: [.init(field: "code", code: "unknown", message: LocalizedText(vi: "Mã không đúng", en: "Unknown code"))])
        }
        guard try row.optionalInt64("used_at_ms") == nil else { throw Self.used }
        return subject
    }

    /// Marks a code used; refuses one used meanwhile.
    public func markUsed(_ text: String) throws {
        let code = Self.normalised(text)
        let now = JournalEntry.milliseconds(clock.now)
        let changed = try store.write { transaction in
            let before = try transaction.query("SELECT 1 FROM host_rating_codes WHERE code = ? AND used_at_ms IS NULL", [.text(code)]).count
            try transaction.execute("UPDATE host_rating_codes SET used_at_ms = ? WHERE code = ? AND used_at_ms IS NULL", [.integer(now), .text(code)])
            return before
        }
        guard changed == 1 else { throw Self.used }
    }

    static let used = Problem("ratings.code-used", status: 409, en: "This rating code has already been used; each code rates once.",
                              vi: "Mã đánh giá này đã được sử dụng; mỗi mã chỉ đánh giá một lần.",
                              details: [.init(field: "code", code: "used", message: LocalizedText(vi: "Mã đã dùng", en: "Already used"))])

    static func normalised(_ text: String) -> String {
        text.trimmed().uppercased()
    }

    static func subject(_ key: String) -> Rating.Subject? {
        if key.hasPrefix("dossier:") { return .dossier(String(key.dropFirst(8))) }
        if key.hasPrefix("ticket:") { return .ticket(String(key.dropFirst(7))) }
        return nil
    }
}
