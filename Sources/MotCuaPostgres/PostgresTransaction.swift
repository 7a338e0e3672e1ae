import MotCuaCore
import MotCuaStore

/// The executor handed to a PostgreSQL `read` or `write` body; dead once the body returns.
final class PostgresTransaction: WriteTransaction {
    private let connection: PostgresConnection
    private let writable: Bool
    private(set) var isOpen = true
    /// The first failure inside the body, even one the body caught: PostgreSQL aborts the
    /// whole transaction on any failed statement, and a failed append leaves the anchor and
    /// the journal disagreeing, so `write` refuses to commit after either.
    private(set) var failure: (any Error)?

    init(connection: PostgresConnection, writable: Bool) {
        self.connection = connection
        self.writable = writable
    }

    func close() { isOpen = false }

    private func checkOpen() throws {
        guard isOpen else { throw StoreError.transactionClosed }
    }

    private func recording<T>(_ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch {
            if failure == nil { failure = error }
            throw error
        }
    }

    @discardableResult
    func execute(_ sql: String, _ params: [SQLValue]) throws -> Int {
        try checkOpen()
        return try recording { try connection.run(sql, params).changed }
    }

    func query(_ sql: String, _ params: [SQLValue]) throws -> [SQLRow] {
        try checkOpen()
        return try recording { try connection.run(sql, params).rows }
    }

    var dialect: SQLDialect { .postgresql }

    @discardableResult
    func appendJournal(_ draft: JournalDraft) throws -> JournalEntry {
        try checkOpen()
        guard writable else { throw StoreError.journalOutsideWrite }
        return try recording { try connection.appendJournal(draft) }
    }
}
