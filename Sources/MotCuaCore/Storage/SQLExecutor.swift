/// Runs SQL statements with bound parameters inside a ``Store`` transaction.
///
/// Write `?` placeholders and pass values in `params`; never splice values into SQL text.
/// An executor is valid only inside the `read` or `write` body that handed it out: using
/// it afterwards throws `store.transaction-closed`.
public protocol SQLExecutor {
    /// Runs one statement that returns no rows and answers how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ params: [SQLValue]) throws -> Int

    /// Runs one statement and returns every row it produced.
    func query(_ sql: String, _ params: [SQLValue]) throws -> [SQLRow]

    /// Which engine runs the SQL, for the few statements whose form must differ.
    var dialect: SQLDialect { get }
}

extension SQLExecutor {
    /// SQLite, unless the executor says otherwise.
    public var dialect: SQLDialect { .sqlite }

    /// Runs one statement without parameters and answers how many rows it changed.
    @discardableResult
    public func execute(_ sql: String) throws -> Int {
        try execute(sql, [])
    }

    /// Runs one query without parameters.
    public func query(_ sql: String) throws -> [SQLRow] {
        try query(sql, [])
    }

    /// The first row of a query, or `nil` when it produced none.
    public func queryFirst(_ sql: String, _ params: [SQLValue] = []) throws -> SQLRow? {
        try query(sql, params).first
    }
}

/// A write transaction: SQL plus journal appends that commit together or not at all.
///
/// Every state change a plugin makes should append one journal entry describing it, in the
/// same transaction, so the audit chain and the tables never disagree.
public protocol StoreTransaction: SQLExecutor {
    /// Appends an entry to the hash-chained journal and returns it with its sequence and hash.
    ///
    /// The entry becomes durable only if the surrounding `write` commits.
    @discardableResult
    func appendJournal(_ draft: JournalDraft) throws -> JournalEntry
}
