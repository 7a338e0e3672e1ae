internal import CLibPQ
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import MotCuaCore
import MotCuaStore

/// Owns one libpq connection and its prepared statements; never shared between threads.
///
/// ``PostgresStore`` keeps it inside a `Mutex`, as ``SQLiteStore`` does its sqlite3 handle.
/// After the server or the network drops it, the next call reconnects (``ensureOpen()``)
/// and forgets the prepared statements, which died with the old session.
final class PostgresConnection: WriteConnection {
    private(set) var handle: OpaquePointer?
    let location: PostgresLocation
    let schema: String
    let options: PostgresStore.Options
    /// Prepared statement names by SQL text and parameter types.
    private var statements: [String: String] = [:]
    private var statementCounter = 0
    /// Whether the session is unusable (the server closed it); the next call reconnects.
    private(set) var isBroken = false
    /// The committed journal head as last seen, and the head inside the open write transaction.
    var head = JournalHead.genesis
    var pendingHead: JournalHead?
    /// Failed connection attempts in a row, and when the next one may be made.
    private var failedAttempts = 0
    private var nextAttempt: ContinuousClock.Instant?

    /// Connects and prepares the session: UTF-8, UTC, durable commits, the lock timeout.
    init(location: PostgresLocation, schema: String, options: PostgresStore.Options) throws {
        self.location = location
        self.schema = schema
        self.options = options
        try connect()
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    private func connect() throws {
        if let handle { PQfinish(handle) }
        handle = nil
        statements = [:]
        // Defaults first, then the URL (expanded in place), then what MotCua insists on.
        let pairs: [(String, String)] = [
            ("connect_timeout", String(options.connectTimeoutSeconds)),
            ("application_name", "motcua"),
            // Over TCP, notice within about half a minute a server that vanished without closing.
            ("keepalives_idle", "10"),
            ("keepalives_interval", "5"),
            ("keepalives_count", "3"),
            ("dbname", location.connectionString),
            ("client_encoding", "UTF8"),
        ]
        let connection = withCStrings(pairs.map(\.0)) { keywords in
            withCStrings(pairs.map(\.1)) { values in
                PQconnectdbParams(keywords, values, 1)
            }
        }
        guard let connection else { throw PostgresFailure.unreachable(location, reason: "libpq could not allocate a connection") }
        guard PQstatus(connection) == CONNECTION_OK else {
            let reason = Self.message(PQerrorMessage(connection))
            PQfinish(connection)
            throw PostgresFailure.connectFailed(location, reason: reason)
        }
        handle = connection
        isBroken = false
        let version = Int(PQserverVersion(connection))
        guard version >= options.minimumServerVersion else {
            throw PostgresFailure.serverTooOld(location, version: version, minimum: options.minimumServerVersion)
        }
        try simple("""
            SET synchronous_commit TO on; SET TIME ZONE 'UTC'; SET client_min_messages TO warning; \
            SET default_transaction_isolation TO 'read committed'; \
            SET lock_timeout TO \(options.busyTimeoutMilliseconds); \
            SET search_path TO \(PostgresConnection.quoted(schema))
            """)
    }

    /// Reconnects when the last call found the session dead.
    ///
    /// While the server stays unreachable the attempts back off (0.1 s, doubling, at most
    /// ``PostgresStore/Options/reconnectBackoffMilliseconds``): a call in the pause fails at
    /// once with `store.unreachable` rather than waiting out another connect timeout.
    func ensureOpen() throws {
        guard isBroken || handle == nil || PQstatus(handle) != CONNECTION_OK else { return }
        pendingHead = nil
        if let nextAttempt, ContinuousClock.now < nextAttempt {
            throw PostgresFailure.unreachable(location, reason: "the last attempt failed; MotCua tries again shortly")
        }
        try reconnect()
    }

    /// Connects now, and counts a failure towards the backoff.
    private func reconnect() throws {
        do {
            try connect()
            try checkContinuity()
            failedAttempts = 0
            nextAttempt = nil
        } catch {
            isBroken = true
            failedAttempts += 1
            let pause = min(options.reconnectBackoffMilliseconds, 100 << min(failedAttempts - 1, 16))
            nextAttempt = ContinuousClock.now + .milliseconds(pause)
            throw error
        }
    }

    /// Refuses a server that lacks the last journal entry this process saw committed.
    ///
    /// After a failover the multi-host URL takes the first server that accepts writes. If
    /// the old primary was started again as it was (not rebuilt as a standby), or a standby
    /// that was behind was promoted, that server is missing writes MotCua acknowledged, and
    /// writing to it would fork the centre's history. The journal head is the proof: its
    /// sequence and hash must be on the server. Throws `store.diverged` and drops the session.
    private func checkContinuity() throws {
        guard head.sequence > 0 else { return }
        let found = try run("SELECT hash FROM journal WHERE seq = ?", [.integer(head.sequence)]).rows.first
        guard try found?.string("hash") != head.hash else { return }
        let server = handle.map { connection in
            let host = PQhost(connection).map { String(cString: $0) } ?? ""
            let port = PQport(connection).map { String(cString: $0) } ?? ""
            return "\(host):\(port)"
        } ?? location.description
        PQfinish(handle)
        handle = nil
        throw PostgresFailure.diverged(location, server: server, schema: schema, sequence: head.sequence)
    }

    /// The server's version number, e.g. 150018 for 15.18.
    var serverVersion: Int { handle.map { Int(PQserverVersion($0)) } ?? 0 }

    /// Whether a transaction is open (or failed and awaiting rollback) on this session.
    var isInTransaction: Bool {
        guard let handle else { return false }
        let status = PQtransactionStatus(handle)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR
    }

    // MARK: Running SQL

    /// Runs SQL that may hold several statements and no parameters (session setup, DDL).
    func simple(_ sql: String) throws {
        guard let handle else { throw PostgresFailure.connectionLost(location, during: sql, reason: "not connected") }
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        try check(result, sql: sql)
    }

    /// Runs one statement with `?` placeholders and answers its rows and the rows it changed.
    func run(_ sql: String, _ params: [SQLValue]) throws -> (rows: [SQLRow], changed: Int) {
        guard let handle else { throw PostgresFailure.connectionLost(location, during: sql, reason: "not connected") }
        let types = params.map(PostgresConnection.typeOID)
        let key = sql + "\u{1}" + types.map(String.init).joined(separator: ",")
        let name: String
        if let cached = statements[key] {
            name = cached
        } else {
            let translated = try PostgresSQL.translated(sql, count: params.count)
            if statements.count >= 512 {
                // Statements built from varying text (IN lists) would otherwise pile up on the server.
                try simple("DEALLOCATE ALL")
                statements.removeAll()
            }
            statementCounter += 1
            let fresh = "motcua_\(statementCounter)"
            let prepared = types.withUnsafeBufferPointer { typeBuffer in
                PQprepare(handle, fresh, translated, Int32(params.count), typeBuffer.baseAddress)
            }
            defer { PQclear(prepared) }
            try check(prepared, sql: sql)
            statements[key] = fresh
            name = fresh
        }
        var buffers: [[UInt8]?] = params.map(PostgresConnection.wireValue)
        let lengths = buffers.map { Int32($0?.count ?? 0) }
        let formats = params.map { value -> Int32 in if case .blob = value { 1 } else { 0 } }
        let result: OpaquePointer? = withPointers(&buffers) { pointers in
            PQexecPrepared(handle, name, Int32(params.count), pointers, lengths, formats, 0)
        }
        defer { PQclear(result) }
        try check(result, sql: sql)
        guard let result else { return ([], 0) }
        let changed = Int(String(cString: PQcmdTuples(result))) ?? 0
        return (PostgresConnection.rows(result), changed)
    }

    /// The command tag of a plain statement such as `COMMIT`, which answers `ROLLBACK` when
    /// the transaction had already failed.
    func commandTag(_ sql: String) throws -> String {
        guard let handle else { throw PostgresFailure.connectionLost(location, during: sql, reason: "not connected") }
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        try check(result, sql: sql)
        return result.map { String(cString: PQcmdStatus($0)) } ?? ""
    }

    /// Commits a `write` with `synchronous_commit` on; a transaction the server had already
    /// aborted answers `ROLLBACK` and throws. A connection lost during the commit is settled
    /// by ``settleLostCommit(reason:)``.
    func commitWrite() throws {
        let tag: String
        do {
            tag = try commandTag("COMMIT")
        } catch let error as StoreError where error.code == "store.connection-lost" {
            try settleLostCommit(reason: error.message)
            return
        }
        guard tag == "COMMIT" else {
            throw StoreError.sql("the server rolled the transaction back instead of committing it (a statement in it had failed)")
        }
    }

    /// Learns whether a write whose `COMMIT` went unanswered committed; returns when it did.
    ///
    /// The write's last journal entry is the proof: its hash chains over every entry before
    /// it and its own content, so no other write can have left the same hash at that
    /// sequence. The lookup runs under the centre's advisory lock, which the lost write held
    /// until it ended, so the answer is final: a write still finishing on a living server
    /// (waiting for its synchronous standby) makes the lookup wait, not guess. After a
    /// failover the promoted standby has exactly the commits it acknowledged to the primary.
    /// Throws `store.connection-lost` (not saved, safe to repeat) when the entry is absent, and
    /// `store.commit-unknown` when the write appended nothing to look for or no server
    /// answered within ``PostgresStore/Options/commitCheckSeconds``.
    func settleLostCommit(reason: String) throws {
        guard let proof = pendingHead else { throw PostgresFailure.commitUnknown(location, reason: reason) }
        let deadline = ContinuousClock.now + .seconds(options.commitCheckSeconds)
        var pause = 100
        while true {
            let committed: Bool
            do {
                committed = try lookUpCommit(proof)
            } catch {
                // No server answers yet (or only a standby not promoted): ask again shortly.
                rollbackQuietly()
                guard ContinuousClock.now + .milliseconds(pause) < deadline else {
                    throw PostgresFailure.commitUnknown(location, reason: reason)
                }
                usleep(useconds_t(pause * 1000))
                pause = min(pause * 2, 1000)
                continue
            }
            guard committed else {
                throw PostgresFailure.connectionLost(location, during: "COMMIT", reason: reason + "; the server has no trace of the write")
            }
            return
        }
    }

    /// Whether the journal holds `proof` at its sequence, read on a fresh session under the lock.
    private func lookUpCommit(_ proof: JournalHead) throws -> Bool {
        isBroken = true
        try reconnect()
        try simple("BEGIN READ ONLY; SELECT pg_advisory_xact_lock(\(PostgresSQL.lockKey(schema: schema)))")
        let found = try run("SELECT hash FROM journal WHERE seq = ?", [.integer(proof.sequence)]).rows.first
        rollbackQuietly()
        return try found?.string("hash") == proof.hash
    }

    /// Rolls back whatever is open; on a dead session there is nothing left to undo.
    func rollbackQuietly() {
        guard let handle, PQstatus(handle) == CONNECTION_OK, isInTransaction else { return }
        PQclear(PQexec(handle, "ROLLBACK"))
    }

    // MARK: Values

    /// The parameter type the statement is prepared with: 64-bit integers and doubles are
    /// typed so arithmetic on them never narrows; text and NULL let the server infer.
    private static func typeOID(_ value: SQLValue) -> Oid {
        switch value {
        case .integer: 20
        case .real: 701
        case .blob: 17
        case .text, .null: 0
        }
    }

    private static func wireValue(_ value: SQLValue) -> [UInt8]? {
        switch value {
        case .null: nil
        case .integer(let number): Array(String(number).utf8) + [0]
        case .real(let number): Array(PostgresConnection.realText(number).utf8) + [0]
        case .text(let text): Array(text.utf8) + [0]
        case .blob(let bytes): bytes
        }
    }

    private static func realText(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number > 0 ? "Infinity" : "-Infinity" }
        return "\(number)"
    }

    private static func rows(_ result: OpaquePointer) -> [SQLRow] {
        let count = Int(PQntuples(result))
        let fields = Int(PQnfields(result))
        guard count > 0 else { return [] }
        let columns = (0..<fields).map { String(cString: PQfname(result, Int32($0))) }
        let types = (0..<fields).map { PQftype(result, Int32($0)) }
        var rows: [SQLRow] = []
        rows.reserveCapacity(count)
        for row in 0..<Int32(count) {
            var values: [SQLValue] = []
            values.reserveCapacity(fields)
            for field in 0..<Int32(fields) {
                values.append(value(result, row, field, type: types[Int(field)]))
            }
            rows.append(SQLRow(columns: columns, values: values))
        }
        return rows
    }

    /// Reads one result cell (text format) as the storage class SQLite would have answered.
    static func value(_ result: OpaquePointer, _ row: Int32, _ field: Int32, type: Oid) -> SQLValue {
        if PQgetisnull(result, row, field) == 1 { return .null }
        let length = Int(PQgetlength(result, row, field))
        let bytes = UnsafeRawBufferPointer(start: PQgetvalue(result, row, field), count: length)
        let text = String(decoding: bytes, as: UTF8.self)
        switch type {
        case 20, 21, 23, 26:
            return Int64(text).map(SQLValue.integer) ?? .text(text)
        case 16:
            return .integer(text == "t" ? 1 : 0)
        case 700, 701:
            return Double(text).map(SQLValue.real) ?? .text(text)
        case 1700:
            // SUM over integers answers numeric: whole numbers read back as integers.
            if let whole = Int64(text) { return .integer(whole) }
            return Double(text).map(SQLValue.real) ?? .text(text)
        case 17:
            return .blob(PostgresSQL.byteaHex(text))
        default:
            return .text(text)
        }
    }

    // MARK: Errors

    private func check(_ result: OpaquePointer?, sql: String) throws {
        let status = result.map(PQresultStatus) ?? PGRES_FATAL_ERROR
        switch status {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return
        default:
            break
        }
        let sqlState = result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "C"))) }.map { String(cString: $0) } ?? ""
        let detail = result.map { Self.message(PQresultErrorMessage($0)) } ?? ""
        // Every error the server sends carries a SQLSTATE; one without came from libpq itself,
        // which after an immediate shutdown may report "server closed the connection" while
        // PQstatus still reads OK.
        if handle.map({ PQstatus($0) != CONNECTION_OK }) ?? true || sqlState.isEmpty || sqlState.hasPrefix("08") || sqlState.hasPrefix("57P") {
            isBroken = true
            let reason = detail.isEmpty ? handle.map { Self.message(PQerrorMessage($0)) } ?? "" : detail
            throw PostgresFailure.connectionLost(location, during: sql, reason: reason)
        }
        throw PostgresFailure.statement(sqlState: sqlState, detail: detail, sql: sql, schema: schema,
                                        busyMilliseconds: options.busyTimeoutMilliseconds)
    }

    static func message(_ text: UnsafePointer<CChar>?) -> String {
        guard let text else { return "" }
        return String(cString: text).trimmed()
            .replacing("\n", with: " ")
    }

    /// An identifier in double quotes, doubling any quote inside it.
    static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacing("\"", with: "\"\"") + "\""
    }
}

/// Calls `body` with a NULL-terminated array of C strings that live for the call.
private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { pointers.forEach { free($0) } }
    pointers.append(nil)
    return pointers.withUnsafeBufferPointer { buffer in
        buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) { body($0) }
    }
}

/// Calls `body` with a pointer per buffer (nil for SQL NULL) that lives for the call.
private func withPointers<R>(_ buffers: inout [[UInt8]?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
    let copies: [UnsafeMutablePointer<CChar>?] = buffers.map { buffer in
        guard let buffer else { return nil }
        let copy = UnsafeMutablePointer<CChar>.allocate(capacity: max(1, buffer.count))
        buffer.withUnsafeBytes { raw in
            if let base = raw.baseAddress { UnsafeMutableRawPointer(copy).copyMemory(from: base, byteCount: raw.count) }
        }
        return copy
    }
    defer { copies.forEach { $0?.deallocate() } }
    if copies.isEmpty { return body(nil) }
    let constants = copies.map { UnsafePointer($0) }
    return constants.withUnsafeBufferPointer { body($0.baseAddress) }
}
