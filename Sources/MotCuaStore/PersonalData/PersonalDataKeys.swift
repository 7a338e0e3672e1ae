#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// The host's ``PersonalDataVault``: one random AES-256 key per subject (dossier), wrapped
/// under the centre's ``KeyEncryptionKey`` in the table `personal_data_keys` of the same
/// database, so a key and the data sealed with it always commit together.
///
/// A sealed value is `0x01 ‖ AES-256-GCM box`; its associated data names the subject and
/// the purpose, so a value copied onto another dossier or field does not open. Erasing a
/// subject sets its wrapped key to NULL: what was sealed with it, in the tables, the journal
/// and the scans, can no longer be read, and every other column stays as it was.
public final class PersonalDataKeys: PersonalDataVault {
    /// The owner of the key table's migrations.
    public static let owner = "host.personal-data"
    /// The key table's migrations.
    public static let migrations = MigrationSet(owner: owner, migrations: [
        Migration(version: 1, name: "create-keys", statements: [
            """
            CREATE TABLE personal_data_keys (
                subject TEXT PRIMARY KEY,
                wrapped BLOB,
                kek_id TEXT NOT NULL,
                procedure TEXT NOT NULL,
                sector TEXT NOT NULL,
                created_ms INTEGER NOT NULL,
                closed_ms INTEGER,
                erased_ms INTEGER,
                erased_reason TEXT
            )
            """,
            "CREATE INDEX personal_data_keys_closed ON personal_data_keys (closed_ms)",
        ]),
    ])
    static let version: UInt8 = 1

    let key: KeyEncryptionKey
    let clock: any WallClock

    /// A vault sealing under `key`; run ``install(on:)`` once before use.
    public init(key: KeyEncryptionKey, clock: any WallClock) {
        self.key = key
        self.clock = clock
    }

    /// The fingerprint of the key-encryption key in use.
    public var keyID: String { key.id }

    /// Creates or updates the key table.
    public func install(on store: any Store) throws {
        try store.migrate(Self.migrations)
    }

    /// The fingerprints of the key-encryption keys that wrap live keys in `store` (empty on
    /// a new database or one written before encryption existed).
    public static func keyIDs(in store: any Store) throws -> Set<String> {
        try store.read { database in
            do {
                return Set(try database.query("SELECT DISTINCT kek_id FROM personal_data_keys WHERE wrapped IS NOT NULL").map { try $0.string("kek_id") })
            } catch let error as StoreError where error.message.contains("no such table") || error.message.contains("does not exist") {
                return []
            }
        }
    }

    // MARK: PersonalDataVault

    public func seal(_ plaintext: [UInt8], for subject: PersonalDataSubject, purpose: String,
                     in transaction: any StoreTransaction) throws -> [UInt8] {
        let dataKey: [UInt8]
        if let row = try transaction.queryFirst("SELECT wrapped FROM personal_data_keys WHERE subject = ?", [.text(subject.id)]) {
            guard let wrapped = try row.optionalBlob("wrapped") else { throw Self.erased(subject.id) }
            dataKey = try unwrap(wrapped, subject: subject.id)
        } else {
            dataKey = try SecureRandom.bytes(AESGCM.keyCount)
            let wrapped = try AESGCM.seal(dataKey, key: key.bytes, aad: Self.wrapAAD(subject.id))
            try transaction.execute("""
                INSERT INTO personal_data_keys (subject, wrapped, kek_id, procedure, sector, created_ms) VALUES (?, ?, ?, ?, ?, ?)
                """, [.text(subject.id), .blob(wrapped), .text(key.id), .text(subject.procedure), .text(subject.sector),
                      .integer(JournalEntry.milliseconds(clock.now))])
        }
        return [Self.version] + (try AESGCM.seal(plaintext, key: dataKey, aad: Self.aad(subject.id, purpose)))
    }

    public func open(_ sealed: [UInt8], subject: String, purpose: String, in database: any SQLExecutor) throws -> [UInt8]? {
        guard let row = try database.queryFirst("SELECT wrapped FROM personal_data_keys WHERE subject = ?", [.text(subject)]) else {
            throw Self.tampered(subject)
        }
        guard let wrapped = try row.optionalBlob("wrapped") else { return nil }
        guard sealed.first == Self.version else { throw Self.tampered(subject) }
        do {
            return try AESGCM.open(Array(sealed.dropFirst()), key: try unwrap(wrapped, subject: subject), aad: Self.aad(subject, purpose))
        } catch let error as CryptoError where error.code == "crypto.tampered" {
            throw Self.tampered(subject)
        }
    }

    public func markClosed(_ subject: String, at date: Date?, in transaction: any StoreTransaction) throws {
        try transaction.execute("UPDATE personal_data_keys SET closed_ms = ? WHERE subject = ?",
                                [date.map { .integer(JournalEntry.milliseconds($0)) } ?? .null, .text(subject)])
    }

    // MARK: Erasure

    /// A subject whose key is still alive, with what retention needs.
    public struct Entry: Sendable, Hashable {
        /// The subject, e.g. `dossier:<code>`.
        public var subject: String
        /// The procedure code.
        public var procedure: String
        /// The sector id.
        public var sector: String
        /// When the case closed; nil while it is open.
        public var closedAt: Date?
    }

    /// Every subject whose key is alive.
    public func liveEntries(in database: any SQLExecutor) throws -> [Entry] {
        try database.query("SELECT subject, procedure, sector, closed_ms FROM personal_data_keys WHERE wrapped IS NOT NULL ORDER BY subject").map {
            Entry(subject: try $0.string("subject"), procedure: try $0.string("procedure"), sector: try $0.string("sector"),
                  closedAt: try $0.optionalInt64("closed_ms").map(JournalEntry.date(milliseconds:)))
        }
    }

    /// One subject's entry, alive or erased; nil when nothing was ever sealed for it.
    public func entry(_ subject: String, in database: any SQLExecutor) throws -> (entry: Entry, erasedAt: Date?)? {
        try database.queryFirst("SELECT subject, procedure, sector, closed_ms, erased_ms FROM personal_data_keys WHERE subject = ?", [.text(subject)]).map {
            (Entry(subject: try $0.string("subject"), procedure: try $0.string("procedure"), sector: try $0.string("sector"),
                   closedAt: try $0.optionalInt64("closed_ms").map(JournalEntry.date(milliseconds:))),
             try $0.optionalInt64("erased_ms").map(JournalEntry.date(milliseconds:)))
        }
    }

    /// Destroys the subject's key inside `transaction` and journals it (`personal-data.erased`).
    /// Answers false when the key was already gone.
    @discardableResult
    public func erase(_ entry: Entry, reason: String, note: String?, by actor: String, at now: Date,
                      in transaction: any StoreTransaction) throws -> Bool {
        let changed = try transaction.execute("""
            UPDATE personal_data_keys SET wrapped = NULL, erased_ms = ?, erased_reason = ? WHERE subject = ? AND wrapped IS NOT NULL
            """, [.integer(JournalEntry.milliseconds(now)), .text(reason), .text(entry.subject)])
        guard changed == 1 else { return false }
        var payload: [(String, JSONValue)] = [
            ("reason", .string(reason)), ("procedure", .string(entry.procedure)), ("sector", .string(entry.sector)),
            ("closedAt", entry.closedAt.map { .string(JournalEntry.isoText($0)) } ?? .null),
        ]
        if let note { payload.append(("note", .string(note))) }
        try transaction.appendJournal(JournalDraft(at: now, actor: actor, kind: "personal-data.erased", subject: entry.subject,
                                                   payload: JSONValue.object(JSONObject(payload)).serialized()))
        return true
    }

    // MARK: Helpers

    private func unwrap(_ wrapped: [UInt8], subject: String) throws -> [UInt8] {
        do {
            return try AESGCM.open(wrapped, key: key.bytes, aad: Self.wrapAAD(subject))
        } catch let error as CryptoError where error.code == "crypto.tampered" {
            throw Problem("personal-data.wrong-key", status: 500,
                          en: "The key of \(subject) does not open with the key file in use (\(key.id)): restore the key file taken with this database.",
                          vi: "Khóa của \(subject) không mở được bằng tệp khóa đang dùng (\(key.id)): hãy khôi phục đúng tệp khóa sao lưu cùng cơ sở dữ liệu.")
        }
    }

    static func wrapAAD(_ subject: String) -> [UInt8] { Array("motcua-key-v1|\(subject)".utf8) }
    static func aad(_ subject: String, _ purpose: String) -> [UInt8] { Array("motcua-data-v1|\(subject)|\(purpose)".utf8) }

    static func erased(_ subject: String) -> Problem {
        Problem("personal-data.erased", status: 410,
                en: "The personal data of \(subject) was erased; nothing more can be stored for it.",
                vi: "Dữ liệu cá nhân của \(subject) đã bị xóa; không lưu thêm được.")
    }

    static func tampered(_ subject: String) -> Problem {
        Problem("personal-data.tampered", status: 500,
                en: "The encrypted personal data of \(subject) was altered or does not belong to it; restore it from the backup.",
                vi: "Dữ liệu cá nhân mã hóa của \(subject) đã bị sửa hoặc không thuộc về nó; hãy khôi phục từ bản sao lưu.")
    }
}
