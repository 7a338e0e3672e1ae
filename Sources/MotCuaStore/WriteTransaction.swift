import MotCuaCore

/// A store's connection as a write transaction needs it: the journal head it keeps in memory,
/// the head inside the open transaction, and how its engine commits and rolls back.
///
/// ``SQLiteStore`` and the PostgreSQL store end every `write` with ``finishWrite(on:_:_:)``, so
/// the rules of a write (what aborts it, when the head moves) are written once for both engines.
package protocol WriteConnection: AnyObject {
    /// The last committed journal head.
    var head: JournalHead { get set }
    /// The head after the appends of the open transaction; nil outside one.
    var pendingHead: JournalHead? { get set }
    /// Commits the open transaction durably, or throws (the caller then rolls back).
    func commitWrite() throws
    /// Rolls back whatever is open, never throwing.
    func rollbackQuietly()
}

/// The executor a write body gets: it remembers a failure the body may have swallowed.
package protocol WriteTransaction: StoreTransaction {
    /// The first failure that must abort the transaction even if the body caught it.
    var failure: (any Error)? { get }
    /// Makes the executor refuse every later call.
    func close()
}

/// Ends a write whose body has run in `transaction` on `connection`, and answers its result.
///
/// The body's error, a failure it swallowed (``WriteTransaction/failure``) or the commit's
/// error rolls everything back and is rethrown; otherwise the transaction commits and the
/// in-memory head moves to the one the body's appends left. `transaction` is closed either way.
/// (The store calls the body itself, with `do`/`catch`, so the body never crosses into here.)
package func finishWrite<T>(
    on connection: any WriteConnection, _ transaction: any WriteTransaction, _ outcome: sending Result<T, any Error>
) throws -> sending T {
    defer {
        transaction.close()
        connection.pendingHead = nil
    }
    do {
        let result = try outcome.get()
        if let failure = transaction.failure { throw failure }
        try connection.commitWrite()
        if let pending = connection.pendingHead { connection.head = pending }
        return result
    } catch {
        connection.rollbackQuietly()
        throw error
    }
}
