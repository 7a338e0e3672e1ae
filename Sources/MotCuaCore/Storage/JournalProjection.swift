/// Tables a plugin keeps up to date from the journal (report facts, indexes): the cursor,
/// the catch-up in batches and the rebuild, the same for every plugin.
///
/// The plugin owns a cursor table `<cursorTable> (id INTEGER PRIMARY KEY CHECK (id = 1),
/// last_seq INTEGER NOT NULL)` holding one row, and applies one entry at a time. Reads
/// go by journal sequence, so a catch-up costs what it reads, and a catch-up with nothing
/// new after the cursor costs two indexed lookups.
public struct JournalProjection: Sendable {
    /// The store holding the journal and the projection's tables.
    public let store: any Store
    /// The table holding the cursor row.
    public let cursorTable: String
    /// The journal kinds the projection reads.
    public let kinds: Set<String>
    /// Entries read and applied per write transaction.
    public let batchSize: Int

    /// Creates a projection over `store`.
    public init(store: any Store, cursorTable: String, kinds: Set<String>, batchSize: Int = 20_000) {
        self.store = store
        self.cursorTable = cursorTable
        self.kinds = kinds
        self.batchSize = max(1, batchSize)
    }

    /// The last journal sequence applied.
    public func cursor() throws -> Int64 {
        try store.read { db in try Self.cursor(db, cursorTable) }
    }

    /// Applies the entries of ``kinds`` after the cursor with `apply`, in journal order and
    /// in batches of ``batchSize`` (each batch and its cursor move commit together), and
    /// answers how many were applied.
    ///
    /// Two callers may catch up at once: a batch another caller applied meanwhile is
    /// applied once. Entries of other kinds move the cursor too, so they are read once.
    @discardableResult
    public func catchUp(_ apply: (JournalEntry, any StoreTransaction) throws -> Void) throws -> Int {
        try catchUp(batch: { entries, transaction in for entry in entries { try apply(entry, transaction) } })
    }

    /// ``catchUp(_:)`` handing each batch whole to `apply` (in journal order, inside the
    /// batch's write transaction), so a plugin can fold a subject's entries in memory and
    /// write its row once.
    @discardableResult
    public func catchUp(batch apply: ([JournalEntry], any StoreTransaction) throws -> Void) throws -> Int {
        var applied = 0
        while true {
            let cursor = try self.cursor()
            // The newest entry after the cursor: none means nothing to do, at the cost of one lookup.
            guard let head = try store.journalEntries(matching: JournalQuery(afterSequence: cursor, limit: 1, newestFirst: true)).first?.sequence else {
                return applied
            }
            let entries = try store.journalEntries(matching: JournalQuery(kinds: kinds, afterSequence: cursor, limit: batchSize))
            let complete = entries.count < batchSize
            // A short batch saw every entry up to the head, so the cursor may move past entries of other kinds.
            let next = complete ? max(head, entries.last?.sequence ?? head) : entries.last!.sequence
            let moved = try store.write { transaction -> Bool in
                guard try Self.cursor(transaction, cursorTable) == cursor else { return false }
                try apply(entries, transaction)
                try transaction.execute("UPDATE \(cursorTable) SET last_seq = ? WHERE id = 1", [.integer(next)])
                return true
            }
            if moved { applied += entries.count }
            if moved && complete { return applied }
        }
    }

    /// Empties `tables`, puts the cursor back to the start and replays the whole journal;
    /// answers how many entries were applied.
    @discardableResult
    public func rebuild(emptying tables: [String], _ apply: (JournalEntry, any StoreTransaction) throws -> Void) throws -> Int {
        try rebuild(emptying: tables, batch: { entries, transaction in for entry in entries { try apply(entry, transaction) } })
    }

    /// ``rebuild(emptying:_:)`` handing each batch whole to `apply`, as ``catchUp(batch:)``.
    @discardableResult
    public func rebuild(emptying tables: [String], batch apply: ([JournalEntry], any StoreTransaction) throws -> Void) throws -> Int {
        try store.write { transaction in
            for table in tables { try transaction.execute("DELETE FROM \(table)", []) }
            try transaction.execute("UPDATE \(cursorTable) SET last_seq = 0 WHERE id = 1", [])
        }
        return try catchUp(batch: apply)
    }

    private static func cursor(_ db: any SQLExecutor, _ table: String) throws -> Int64 {
        try db.queryFirst("SELECT last_seq FROM \(table) WHERE id = 1")?.int64("last_seq") ?? 0
    }
}
