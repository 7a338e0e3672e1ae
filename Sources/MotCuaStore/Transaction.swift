import MotCuaCore

/// The executor handed to a `read` or `write` body; dead once the body returns.
///
/// It holds the connection only for the duration of the body. Because a body could still
/// smuggle it out through a captured reference, every call checks `isOpen` first, so a
/// stray use fails loudly instead of racing another thread on the handle.
final class Transaction: WriteTransaction {
    private let connection: Connection
    private let writable: Bool
    private(set) var isOpen = true
    /// Set when an append failed part-way; `write` then refuses to commit, because the
    /// anchor and the journal rows might disagree if the body swallowed the error.
    private(set) var failure: (any Error)?

    init(connection: Connection, writable: Bool) {
        self.connection = connection
        self.writable = writable
    }

    func close() { isOpen = false }

    private func checkOpen() throws {
        guard isOpen else { throw StoreError.transactionClosed }
    }

    @discardableResult
    func execute(_ sql: String, _ params: [SQLValue]) throws -> Int {
        try checkOpen()
        try connection.run(sql, params, readOnly: !writable)
        return connection.changes()
    }

    func query(_ sql: String, _ params: [SQLValue]) throws -> [SQLRow] {
        try checkOpen()
        return try connection.rows(sql, params, readOnly: !writable)
    }

    @discardableResult
    func appendJournal(_ draft: JournalDraft) throws -> JournalEntry {
        try checkOpen()
        guard writable else { throw StoreError.journalOutsideWrite }
        do {
            return try connection.appendJournal(draft)
        } catch {
            failure = error
            throw error
        }
    }
}
