internal import CSQLite
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// The last committed journal position, kept in memory so appends need not re-read it.
package struct JournalHead: Sendable, Equatable {
    package var sequence: Int64
    package var hash: String

    package init(sequence: Int64, hash: String) {
        self.sequence = sequence
        self.hash = hash
    }

    package static let genesis = JournalHead(sequence: 0, hash: JournalEntry.genesisHash)
}

/// Owns one sqlite3 handle and everything tied to it; never shared between threads.
///
/// It is deliberately not `Sendable`: ``SQLiteStore`` keeps it inside a `Mutex`, so the
/// compiler guarantees that only the lock holder touches the handle. The handle is opened
/// with `SQLITE_OPEN_NOMUTEX` because that lock already serialises every call.
final class Connection: WriteConnection {
    let handle: OpaquePointer
    let path: String
    let busyTimeoutMilliseconds: Int
    /// Prepared statements by SQL text; re-preparing costs more than executing small
    /// statements, and plugins repeat the same few statements all day.
    private var statements: [String: OpaquePointer] = [:]
    private static let statementCacheLimit = 256

    /// The committed journal head, and the head as seen inside the open write transaction.
    var head = JournalHead.genesis
    var pendingHead: JournalHead?

    init(path: String, busyTimeoutMilliseconds: Int, readOnly: Bool = false) throws {
        _ = Connection.memoryStatisticsOff
        var db: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let reason = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_close_v2(db)
            throw StoreError.openFailed(path: path, reason: Connection.explainOpenFailure(path: path, reason: reason))
        }
        handle = db
        self.path = path
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, Int32(clamping: busyTimeoutMilliseconds))
    }

    /// SQLite's memory statistics, off before the first connection opens (see the shim in
    /// CSQLite): the process's connections then allocate without sharing one mutex, so
    /// stores used on different threads (the harness's parallel deployments, a province's
    /// tenants) do not wait for each other. No MotCua code reads the statistics.
    private static let memoryStatisticsOff: Bool = motcua_sqlite3_disable_memory_statistics() == SQLITE_OK

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(handle)
    }

    private static func explainOpenFailure(path: String, reason: String) -> String {
        let folder = PlainText.folder(of: path)
        var isDirectory = false
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            return "\(reason); the folder \(folder) does not exist, create it first"
        }
        if !folder.isEmpty, !isDirectory {
            return "\(reason); \(folder) is not a folder"
        }
        return "\(reason); check the path and its permissions"
    }

    // MARK: Errors

    /// Turns a result code into a ``StoreError`` carrying SQLite's own explanation.
    func error(_ rc: Int32, sql: String? = nil) -> StoreError {
        let detail = String(cString: sqlite3_errmsg(handle))
        let primary = rc & 0xff
        switch primary {
        case SQLITE_BUSY, SQLITE_LOCKED:
            return .busy(milliseconds: busyTimeoutMilliseconds, detail: detail)
        case SQLITE_CONSTRAINT:
            return .constraint(detail)
        case SQLITE_CORRUPT, SQLITE_NOTADB:
            return .corrupt("\(path): \(detail)")
        default:
            let statement = sql.map { " in `\(Connection.abbreviate($0))`" } ?? ""
            return .sql("\(detail)\(statement) (SQLite code \(rc))")
        }
    }

    private static func abbreviate(_ sql: String) -> String {
        let flat = sql.split(whereSeparator: \.isNewline).map { $0.trimmingSpaces() }.joined(separator: " ")
        return flat.count > 120 ? String(flat.prefix(117)) + "..." : flat
    }

    // MARK: Statements

    /// A cached prepared statement for exactly one SQL statement.
    func prepared(_ sql: String) throws -> OpaquePointer {
        if let cached = statements[sql] { return cached }
        var statement: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        var trailing = ""
        let rc = sql.withCString { text in
            let rc = sqlite3_prepare_v3(handle, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, &tail)
            if let tail { trailing = String(cString: tail) }
            return rc
        }
        guard rc == SQLITE_OK else { throw error(rc, sql: sql) }
        guard let statement else { throw StoreError.sql("the SQL text \"\(Connection.abbreviate(sql))\" holds no statement") }
        guard trailing.allSatisfy({ $0.isWhitespace || $0 == ";" }) else {
            sqlite3_finalize(statement)
            throw StoreError.sql("`\(Connection.abbreviate(sql))` holds more than one statement; run one statement per call")
        }
        if statements.count >= Connection.statementCacheLimit, let victim = statements.first {
            sqlite3_finalize(victim.value)
            statements.removeValue(forKey: victim.key)
        }
        statements[sql] = statement
        return statement
    }

    func bind(_ params: [SQLValue], to statement: OpaquePointer, sql: String) throws {
        let expected = Int(sqlite3_bind_parameter_count(statement))
        guard expected == params.count else {
            throw StoreError.sql("`\(sql)` has \(expected) placeholders but \(params.count) values were given")
        }
        for (offset, value) in params.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .null:
                rc = sqlite3_bind_null(statement, index)
            case .integer(let number):
                rc = sqlite3_bind_int64(statement, index, number)
            case .real(let number):
                rc = sqlite3_bind_double(statement, index, number)
            case .text(let text):
                rc = sqlite3_bind_text(statement, index, text, -1, Connection.transient)
            case .blob(let bytes):
                if bytes.isEmpty {
                    // An empty buffer may have no base address, which SQLite would bind as NULL.
                    rc = sqlite3_bind_zeroblob(statement, index, 0)
                } else {
                    rc = bytes.withUnsafeBytes {
                        sqlite3_bind_blob(statement, index, $0.baseAddress, Int32($0.count), Connection.transient)
                    }
                }
            }
            guard rc == SQLITE_OK else { throw error(rc, sql: sql) }
        }
    }

    /// SQLite's `SQLITE_TRANSIENT`: copy bound text and blobs before the call returns.
    private static var transient: sqlite3_destructor_type {
        unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    }

    /// Runs a statement, handing each row to `onRow` until it answers `false` or rows run out.
    func run(_ sql: String, _ params: [SQLValue], readOnly: Bool = false,
             onRow: ((OpaquePointer) throws -> Bool)? = nil) throws {
        let statement = try prepared(sql)
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        if readOnly, sqlite3_stmt_readonly(statement) == 0 {
            throw StoreError.transactionMisuse(
                "`\(sql)` changes data but was run inside read; use write instead",
                "`\(sql)` thay đổi dữ liệu nhưng được chạy trong read; hãy dùng write")
        }
        try bind(params, to: statement, sql: sql)
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else { throw error(rc, sql: sql) }
            if let onRow, try !onRow(statement) { return }
        }
    }

    func changes() -> Int { Int(sqlite3_changes64(handle)) }

    func rows(_ sql: String, _ params: [SQLValue], readOnly: Bool = false) throws -> [SQLRow] {
        var result: [SQLRow] = []
        var columns: [String]?
        try run(sql, params, readOnly: readOnly) { statement in
            let names = columns ?? Connection.columnNames(statement)
            columns = names
            result.append(SQLRow(columns: names, values: Connection.values(statement, count: names.count)))
            return true
        }
        return result
    }

    static func columnNames(_ statement: OpaquePointer) -> [String] {
        (0..<sqlite3_column_count(statement)).map { String(cString: sqlite3_column_name(statement, $0)) }
    }

    static func values(_ statement: OpaquePointer, count: Int) -> [SQLValue] {
        (0..<Int32(count)).map { column(statement, $0) }
    }

    static func column(_ statement: OpaquePointer, _ index: Int32) -> SQLValue {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(statement, index))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(statement, index))
        case SQLITE_TEXT:
            return .text(text(statement, index))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement, index))
            guard count > 0, let base = sqlite3_column_blob(statement, index) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: base, count: count)))
        default:
            return .null
        }
    }

    static func text(_ statement: OpaquePointer, _ index: Int32) -> String {
        guard let base = sqlite3_column_text(statement, index) else { return "" }
        let count = Int(sqlite3_column_bytes(statement, index))
        return String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
    }

    /// Runs SQL that may hold several statements, uncached (migrations, PRAGMAs).
    func script(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if let message { sqlite3_free(message) }
        guard rc == SQLITE_OK else { throw error(rc, sql: sql) }
    }

    /// The single text or integer a PRAGMA answers, as text.
    func pragma(_ sql: String) throws -> String? {
        var answer: String?
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else { throw error(rc, sql: sql) }
        defer { sqlite3_finalize(statement) }
        let step = sqlite3_step(statement)
        if step == SQLITE_ROW {
            answer = Connection.text(statement, 0)
        } else if step != SQLITE_DONE {
            throw error(step, sql: sql)
        }
        return answer
    }

    // MARK: Transactions

    func begin(immediate: Bool) throws {
        try run(immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED", [])
    }

    func commit() throws {
        try run("COMMIT", [])
    }

    /// Commits a `write`: with `synchronous=FULL` the change is on disk when this returns.
    func commitWrite() throws {
        try commit()
    }

    /// Rolls back if a transaction is open; a failure here has nothing left to undo.
    func rollbackQuietly() {
        if sqlite3_get_autocommit(handle) == 0 {
            _ = try? run("ROLLBACK", [])
        }
    }

    var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }
}
