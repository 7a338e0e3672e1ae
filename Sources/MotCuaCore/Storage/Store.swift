/// Durable storage for a centre: per-owner migrations, transactions and the audit journal.
///
/// Plugins receive `any Store` from the host and never know which database is behind it.
/// Calls are synchronous and serialised: one `write` at a time per store. Do not call the
/// store again from inside a `read` or `write` body; that would wait on itself.
public protocol Store: Sendable {
    /// Applies the owner's missing migrations in increasing version order.
    ///
    /// Each version runs in its own transaction together with its bookkeeping row, so a
    /// failure leaves earlier versions applied and throws `store.migration-failed` naming
    /// the owner and version. Throws `store.migration-downgrade` when the database holds a
    /// newer version than `set` knows, and `store.migration-conflict` when a version number
    /// was applied under another name.
    func migrate(_ set: MigrationSet) throws

    /// Runs `body` in one atomic write transaction and returns its result.
    ///
    /// Everything `body` executes and every journal entry it appends commits together when
    /// it returns, and is rolled back entirely when it throws (the error is rethrown).
    /// The result is `sending` so callers may return fresh values of any type, but never
    /// the transaction itself.
    @discardableResult
    func write<T>(_ body: (any StoreTransaction) throws -> sending T) throws -> sending T

    /// Runs `body` against one consistent snapshot of the database; writes are refused.
    @discardableResult
    func read<T>(_ body: (any SQLExecutor) throws -> sending T) throws -> sending T

    /// Walks the whole journal and reports the first entry that breaks the chain, if any.
    func verifyJournal() throws -> JournalVerification

    /// Journal entries with a sequence above `sequence`, oldest first, at most `limit`.
    ///
    /// Use it to rebuild reports or page through the audit trail.
    func journalEntries(after sequence: Int64, limit: Int) throws -> [JournalEntry]

    /// Journal entries that match `query`, oldest first, using the journal's indexes.
    ///
    /// Reporting and ratings read one subject's history, or the entries of some kinds in a
    /// time range, without walking the whole journal. Kinds alone (no subject, no time
    /// range) are read in sequence order from `afterSequence`, so a catch-up in batches
    /// (``JournalProjection``) costs what it reads.
    func journalEntries(matching query: JournalQuery) throws -> [JournalEntry]

    /// Which engine the store runs on.
    var dialect: SQLDialect { get }
}

extension Store {
    /// SQLite, unless the store says otherwise.
    public var dialect: SQLDialect { .sqlite }
}
