internal import CSQLite
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import Synchronization

/// The SQLite implementation of ``Store``: one database file per centre.
///
/// Opening sets `journal_mode=WAL` (checked, not assumed), `synchronous=FULL` (a commit
/// survives a power cut once `write` returns), `foreign_keys=ON` and a busy timeout, then
/// applies the store's own migrations (the journal) and loads the journal head.
///
/// All calls share one connection behind a `Mutex`. A second read connection would let
/// reads run during a write's fsync, but a commune centre's load is a few writes a minute,
/// reads would then need their own statement cache and could see a state older than the
/// caller's last write; one connection keeps read-your-writes trivially true. `read` still
/// opens a transaction so a multi-query read sees one snapshot even if another process
/// writes to the file.
public final class SQLiteStore: Store {
    /// How to open a store.
    public struct Options: Sendable, Hashable {
        /// How long a statement waits for another process's write lock before `store.busy`.
        public var busyTimeoutMilliseconds: Int

        /// Creates options; the default busy timeout is 5 seconds.
        public init(busyTimeoutMilliseconds: Int = 5000) {
            self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        }
    }

    /// The file path, or `:memory:` for an in-memory store.
    public let path: String
    private let connection: Mutex<Connection>

    /// Opens (creating if needed) the database file at `path`.
    ///
    /// The folder must already exist; the error names it when it does not. Throws
    /// `store.open-failed`, `store.wal-unavailable` (e.g. on a network share), or a
    /// migration error from the store's own tables.
    public convenience init(path: String, options: Options = Options()) throws {
        try self.init(path: path, options: options, requireWAL: true)
    }

    /// Opens a private in-memory database, for tests and tools; it vanishes when released.
    ///
    /// Everything but durability behaves as with a file (WAL does not apply in memory).
    public static func inMemory(options: Options = Options()) throws -> SQLiteStore {
        try SQLiteStore(path: ":memory:", options: options, requireWAL: false)
    }

    private init(path: String, options: Options, requireWAL: Bool) throws {
        let connection = try Connection(path: path, busyTimeoutMilliseconds: options.busyTimeoutMilliseconds)
        try SQLiteStore.configure(connection, requireWAL: requireWAL)
        try connection.createMigrationTable()
        try connection.migrate(Connection.storeMigrations)
        connection.head = try connection.readAnchor()
        self.path = path
        self.connection = Mutex(connection)
    }

    static func configure(_ connection: Connection, requireWAL: Bool) throws {
        let mode = try connection.pragma("PRAGMA journal_mode = WAL")?.lowercased()
        if requireWAL, mode != "wal" {
            throw StoreError(
                code: "store.wal-unavailable",
                message: "The database at \(connection.path) could not switch to write-ahead logging (it reports "
                    + "\"\(mode ?? "nothing")\"). Put the database on a local disk, not a network share.",
                messageVi: "Cơ sở dữ liệu tại \(connection.path) không chuyển được sang chế độ ghi nhật ký trước (WAL), "
                    + "chế độ hiện tại: \"\(mode ?? "không rõ")\". Hãy đặt tệp dữ liệu trên ổ đĩa cục bộ, không dùng ổ mạng.")
        }
        try connection.script("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")
        // Reading the journal by sequence (a projection's catch-up or rebuild, a report)
        // walks the file: mapped pages are read without a system call and a copy each, and a
        // 64 MiB page cache keeps a write batch's pages (fact rows and their indexes) in
        // memory instead of spilling them to the WAL before the commit. Both are ceilings:
        // a small centre's database uses what it has. Durability is unchanged.
        try connection.script("PRAGMA cache_size = -65536; PRAGMA mmap_size = 2147418112;")
        guard try connection.pragma("PRAGMA foreign_keys") == "1" else {
            throw StoreError.sql("this SQLite library cannot enforce foreign keys; install a standard libsqlite3 build")
        }
    }

    // MARK: Store

    /// Applies the owner's missing migrations; see ``Store/migrate(_:)`` for the refusals.
    public func migrate(_ set: MigrationSet) throws {
        try connection.withLock { connection in
            try connection.migrate(set)
        }
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction, committing with `synchronous=FULL`.
    ///
    /// When it returns, the changes and journal entries are on disk. Any error thrown by
    /// `body`, by a journal append (even one `body` caught), or by the commit rolls
    /// everything back and is rethrown. Throws `store.busy` when another process holds the
    /// write lock longer than the busy timeout.
    @discardableResult
    public func write<T>(_ body: (any StoreTransaction) throws -> sending T) throws -> sending T {
        try connection.withLock { connection in
            // IMMEDIATE takes the write lock now, so a busy database fails here, before
            // the body has done work, rather than at the first write or at commit.
            try connection.begin(immediate: true)
            let transaction = Transaction(connection: connection, writable: true)
            let outcome: Result<T, any Error>
            do { outcome = .success(try body(transaction)) } catch { outcome = .failure(error) }
            return try finishWrite(on: connection, transaction, outcome)
        }
    }

    /// Runs `body` in a read transaction: one snapshot, statements that write are refused.
    @discardableResult
    public func read<T>(_ body: (any SQLExecutor) throws -> sending T) throws -> sending T {
        try connection.withLock { connection in
            try connection.begin(immediate: false)
            let transaction = Transaction(connection: connection, writable: false)
            defer {
                transaction.close()
                connection.rollbackQuietly()
            }
            return try body(transaction)
        }
    }

    /// Walks the journal in one snapshot, holding the connection (writes wait) until done.
    public func verifyJournal() throws -> JournalVerification {
        try connection.withLock { connection in
            try connection.begin(immediate: false)
            defer { connection.rollbackQuietly() }
            return try connection.verifyJournal()
        }
    }

    /// Journal entries after `sequence`, oldest first, at most `limit`.
    public func journalEntries(after sequence: Int64, limit: Int) throws -> [JournalEntry] {
        try connection.withLock { connection in
            try connection.journalEntries(after: sequence, limit: limit)
        }
    }

    /// Journal entries matching `query`, answered from the subject and kind indexes.
    public func journalEntries(matching query: JournalQuery) throws -> [JournalEntry] {
        try connection.withLock { connection in
            try connection.journalEntries(matching: query)
        }
    }

    /// The last committed journal entry's sequence and hash, from memory.
    ///
    /// Print or send the hash somewhere outside the database (a daily report, a receipt)
    /// to anchor the chain externally: someone who rewrites the whole file can rebuild a
    /// consistent chain, but not one that ends in a hash already published.
    public var journalHead: (sequence: Int64, hash: String) {
        connection.withLock { ($0.head.sequence, $0.head.hash) }
    }

    /// Runs `body` with the connection while holding the lock, for features in extensions.
    func withConnection<T>(_ body: (Connection) throws -> sending T) throws -> sending T {
        try connection.withLock { try body($0) }
    }

    /// Answers a PRAGMA's value, e.g. `journal_mode` or `synchronous`, for checks and tests.
    public func pragma(_ name: String) throws -> String? {
        guard name.allSatisfy({ $0.isLetter || $0 == "_" }) else {
            throw StoreError.sql("\"\(name)\" is not a PRAGMA name")
        }
        return try connection.withLock { try $0.pragma("PRAGMA \(name)") }
    }
}
