#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaStore
import Synchronization

/// The PostgreSQL implementation of ``Store``: one schema per centre in a shared database.
///
/// It keeps the contract ``SQLiteStore`` keeps, call for call: per-owner migrations, one
/// atomic transaction per `write` with its journal entries, the same hash chain over the same
/// bytes (a journal copied between engines verifies on both), `synchronous_commit` on (an
/// acknowledged write is on the server's disk), and the same error codes.
///
/// Several processes may share a centre's schema (two `serve` processes behind a balancer,
/// or `motcua users` while the centre serves). Each `write` first takes a transaction-level
/// advisory lock keyed on the schema, so one centre's writes run one at a time across every
/// process, exactly as SQLite's `BEGIN IMMEDIATE` makes them; a plugin's read-then-write
/// (the next receipt number, the next ticket to call) is as safe here as there. Reads take
/// no lock and see one snapshot (`REPEATABLE READ`).
public final class PostgresStore: Store {
    /// How to connect.
    public struct Options: Sendable, Hashable {
        /// How long a write waits for another process's lock before `store.busy`.
        public var busyTimeoutMilliseconds: Int
        /// How long connecting may take before the server counts as unreachable.
        public var connectTimeoutSeconds: Int
        /// The oldest server accepted, as `PQserverVersion` numbers it (140000 is 14.0).
        public var minimumServerVersion: Int

        /// The longest pause between reconnection attempts while the server is unreachable;
        /// calls in the pause fail at once with `store.unreachable` instead of each waiting
        /// out a connect timeout.
        public var reconnectBackoffMilliseconds: Int
        /// How long a write whose connection died during `COMMIT` keeps trying to learn from
        /// the server (or the promoted standby) whether it committed, before `store.commit-unknown`.
        public var commitCheckSeconds: Int

        /// Creates options: 5 s busy timeout, 10 s connect timeout, PostgreSQL 14 or later,
        /// reconnection attempts at most 2 s apart, 15 s to settle a commit whose answer was lost.
        public init(busyTimeoutMilliseconds: Int = 5000, connectTimeoutSeconds: Int = 10, minimumServerVersion: Int = 140_000,
                    reconnectBackoffMilliseconds: Int = 2000, commitCheckSeconds: Int = 15) {
            self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
            self.connectTimeoutSeconds = connectTimeoutSeconds
            self.minimumServerVersion = minimumServerVersion
            self.reconnectBackoffMilliseconds = reconnectBackoffMilliseconds
            self.commitCheckSeconds = commitCheckSeconds
        }
    }

    /// The server.
    public let location: PostgresLocation
    /// The centre's schema.
    public let schema: String
    private let lockKey: Int64
    private let connection: Mutex<PostgresConnection>

    /// Connects, creates the schema when missing, and applies the store's own migrations.
    ///
    /// Throws `store.unreachable`, `store.auth-failed`, `store.database-missing`,
    /// `store.server-too-old`, `store.schema-denied` or a migration error, each naming the
    /// server and what to do.
    public init(location: PostgresLocation, schema: String, options: Options = Options()) throws {
        self.location = location
        self.schema = schema
        lockKey = PostgresSQL.lockKey(schema: schema)
        let connection = try PostgresConnection(location: location, schema: schema, options: options)
        try PostgresStore.prepareSchema(connection, lockKey: lockKey)
        try PostgresStore.migrate(PostgresStore.storeMigrations, on: connection, lockKey: lockKey)
        connection.head = try connection.readAnchor()
        self.connection = Mutex(connection)
    }

    /// Opens the store of a centre: the schema named from its id (``PostgresLocation/schemaName(forCentre:)``).
    public convenience init(url: String, centre: String, options: Options = Options()) throws {
        try self.init(location: PostgresLocation(url: url), schema: PostgresLocation.schemaName(forCentre: centre), options: options)
    }

    /// The store's own tables, the same migration set as SQLite's with PostgreSQL's triggers.
    static var storeMigrations: MigrationSet { SQLiteStore.storeMigrations }

    /// The engine.
    public var dialect: SQLDialect { .postgresql }

    private static func prepareSchema(_ connection: PostgresConnection, lockKey: Int64) throws {
        try connection.simple("BEGIN; SELECT pg_advisory_xact_lock(\(lockKey))")
        do {
            let exists = try connection.run("SELECT 1 AS found FROM pg_namespace WHERE nspname = ?", [.text(connection.schema)]).rows
            if exists.isEmpty {
                do {
                    try connection.simple("CREATE SCHEMA \(PostgresConnection.quoted(connection.schema))")
                } catch let error as StoreError where error.code == "store.permission" {
                    throw PostgresFailure.schemaDenied(connection.location, schema: connection.schema, reason: error.message)
                }
            }
            try connection.simple("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    owner TEXT NOT NULL,
                    version BIGINT NOT NULL,
                    name TEXT NOT NULL,
                    applied_at BIGINT NOT NULL,
                    PRIMARY KEY (owner, version)
                )
                """)
            guard try connection.commandTag("COMMIT") == "COMMIT" else {
                throw StoreError.sql("creating schema \(connection.schema) was rolled back by the server")
            }
        } catch {
            connection.rollbackQuietly()
            throw error
        }
    }

    private static func applied(owner: String, on connection: PostgresConnection) throws -> [Int: String] {
        var applied: [Int: String] = [:]
        for row in try connection.run("SELECT version, name FROM schema_migrations WHERE owner = ?", [.text(owner)]).rows {
            applied[try row.int("version")] = try row.string("name")
        }
        return applied
    }

    private static func migrate(_ set: MigrationSet, on connection: PostgresConnection, lockKey: Int64) throws {
        try set.validate()
        for migration in try set.pending(applied: applied(owner: set.owner, on: connection)) {
            try connection.simple("BEGIN; SELECT pg_advisory_xact_lock(\(lockKey))")
            do {
                // Another process may have applied it while we waited for the lock.
                if let name = try applied(owner: set.owner, on: connection)[migration.version] {
                    guard name == migration.name else {
                        throw StoreError.migrationConflict(
                            owner: set.owner, version: migration.version, databaseName: name, codeName: migration.name)
                    }
                    _ = try connection.commandTag("COMMIT")
                    continue
                }
                for statement in migration.statements(for: .postgresql) {
                    do {
                        try connection.simple(PostgresSQL.migrationStatement(statement))
                    } catch let error as StoreError where error.code != "store.connection-lost" {
                        throw StoreError.migrationFailed(
                            owner: set.owner, version: migration.version, name: migration.name, detail: error.message)
                    }
                }
                _ = try connection.run("INSERT INTO schema_migrations (owner, version, name, applied_at) VALUES (?, ?, ?, ?)",
                                       [.text(set.owner), .integer(Int64(migration.version)), .text(migration.name),
                                        .integer(JournalEntry.milliseconds(Date()))])
                guard try connection.commandTag("COMMIT") == "COMMIT" else {
                    throw StoreError.migrationFailed(owner: set.owner, version: migration.version, name: migration.name,
                                                     detail: "the server rolled the step back")
                }
            } catch {
                connection.rollbackQuietly()
                throw error
            }
        }
    }

    // MARK: Store

    /// Applies the owner's missing migrations; see ``Store/migrate(_:)`` for the refusals.
    public func migrate(_ set: MigrationSet) throws {
        try connection.withLock { connection in
            try connection.ensureOpen()
            try PostgresStore.migrate(set, on: connection, lockKey: lockKey)
        }
    }

    /// Runs `body` in one transaction holding the centre's write lock; commits durably.
    ///
    /// When it returns, the changes and journal entries are committed with
    /// `synchronous_commit` on. Any error thrown by `body`, by a journal append (even one
    /// `body` caught), by a statement the server refused, or by the commit rolls everything
    /// back and is rethrown. A connection lost before the commit leaves nothing behind (the
    /// server rolls back) and throws `store.connection-lost`; `body` is never run twice.
    /// Lost during the commit itself, the store reconnects (to the promoted standby after a
    /// failover) and looks for the write's last journal entry under the centre's lock: found,
    /// the write returns as committed; absent, it throws `store.connection-lost`; when no
    /// server answers within ``Options/commitCheckSeconds`` or the write appended no journal
    /// entry, it throws `store.commit-unknown`.
    @discardableResult
    public func write<T>(_ body: (any StoreTransaction) throws -> sending T) throws -> sending T {
        try connection.withLock { connection in
            try begin(connection, "BEGIN; SELECT pg_advisory_xact_lock(\(lockKey))")
            let transaction = PostgresTransaction(connection: connection, writable: true)
            let outcome: Result<T, any Error>
            do { outcome = .success(try body(transaction)) } catch { outcome = .failure(error) }
            return try finishWrite(on: connection, transaction, outcome)
        }
    }

    /// Runs `body` in a read-only `REPEATABLE READ` transaction: one snapshot, writes refused.
    ///
    /// A read whose connection dies part way is run once more on a fresh connection: it
    /// changed nothing, so running it again is safe.
    @discardableResult
    public func read<T>(_ body: (any SQLExecutor) throws -> sending T) throws -> sending T {
        try connection.withLock { connection in
            var attempt = 1
            while true {
                try begin(connection, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                let transaction = PostgresTransaction(connection: connection, writable: false)
                defer {
                    transaction.close()
                    connection.rollbackQuietly()
                }
                do {
                    return try body(transaction)
                } catch let error as StoreError where error.code == "store.connection-lost" && attempt == 1 {
                    attempt += 1
                }
            }
        }
    }

    /// Opens a transaction, reconnecting once when the idle session had been dropped
    /// (a server restart, a failover): nothing was done yet, so trying again is safe.
    private func begin(_ connection: PostgresConnection, _ sql: String) throws {
        try connection.ensureOpen()
        do {
            try connection.simple(sql)
        } catch let error as StoreError where error.code == "store.connection-lost" {
            try connection.ensureOpen()
            try connection.simple(sql)
        }
    }

    /// Walks the journal in one snapshot, in batches, and reports the first problem.
    public func verifyJournal() throws -> JournalVerification {
        try connection.withLock { connection in
            try begin(connection, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            defer { connection.rollbackQuietly() }
            let anchor = try connection.run("SELECT last_seq, last_hash FROM journal_head WHERE id = 1", []).rows.first
                .map { JournalHead(sequence: try $0.int64("last_seq"), hash: try $0.string("last_hash")) }
            var check = JournalChainCheck()
            var after: Int64 = -1
            batches: while true {
                let entries = try connection.journalEntries(after: after, limit: 10_000)
                for entry in entries {
                    guard check.check(entry) else { break batches }
                }
                guard let last = entries.last, entries.count == 10_000 else { break }
                after = last.sequence
            }
            return check.finish(anchor: anchor)
        }
    }

    /// Journal entries after `sequence`, oldest first, at most `limit`.
    public func journalEntries(after sequence: Int64, limit: Int) throws -> [JournalEntry] {
        try connection.withLock { connection in
            try connection.ensureOpen()
            return try connection.journalEntries(after: sequence, limit: limit)
        }
    }

    /// Journal entries matching `query`, answered from the subject and kind indexes.
    public func journalEntries(matching query: JournalQuery) throws -> [JournalEntry] {
        try connection.withLock { connection in
            try connection.ensureOpen()
            guard let (sql, parameters) = query.selectStatement(PostgresConnection.selectEntries) else { return [] }
            return try connection.run(sql, parameters).rows.map(PostgresConnection.entry)
        }
    }

    /// The last committed journal entry's sequence and hash as this process last saw it.
    public var journalHead: (sequence: Int64, hash: String) {
        connection.withLock { ($0.head.sequence, $0.head.hash) }
    }

    /// The server's version, e.g. `15.18`.
    public var serverVersion: String {
        connection.withLock { PostgresFailure.versionText($0.serverVersion) }
    }

    /// Whether the schema exists on the server, without creating it (``init`` would).
    public static func schemaExists(location: PostgresLocation, schema: String, options: Options = Options()) throws -> Bool {
        let connection = try PostgresConnection(location: location, schema: schema, options: options)
        return try !connection.run("SELECT 1 AS found FROM pg_namespace WHERE nspname = ?", [.text(schema)]).rows.isEmpty
    }
}

extension PostgresStore {
    /// Drops whole schemas with everything in them: for scratch schemas (the harness's, tests').
    /// Never point it at a centre's schema: the journal goes with it.
    public static func dropSchemas(_ schemas: [String], location: PostgresLocation, options: Options = Options()) throws {
        guard let first = schemas.first else { return }
        let connection = try PostgresConnection(location: location, schema: first, options: options)
        for schema in schemas {
            try connection.simple("DROP SCHEMA IF EXISTS \(PostgresConnection.quoted(schema)) CASCADE")
        }
    }
}
