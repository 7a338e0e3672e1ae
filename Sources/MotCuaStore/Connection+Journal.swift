internal import CSQLite
import MotCuaCore

extension Connection {
    /// The store's own tables: the journal and its one-row head anchor.
    ///
    /// The anchor is updated in the same transaction as every append, so cutting rows off
    /// the end of the journal leaves the anchor pointing past the last row. The triggers
    /// stop plugin code from editing history by mistake; they are not a defence against
    /// someone with the file, which is what the hash chain is for.
    static let storeMigrations = MigrationSet(owner: "store", migrations: [
        Migration(version: 1, name: "create-journal", statements: [
            """
            CREATE TABLE journal (
                seq INTEGER PRIMARY KEY,
                at_ms INTEGER NOT NULL,
                actor TEXT NOT NULL,
                kind TEXT NOT NULL,
                subject TEXT NOT NULL,
                payload TEXT NOT NULL,
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE journal_head (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                last_seq INTEGER NOT NULL,
                last_hash TEXT NOT NULL
            )
            """,
            "INSERT INTO journal_head (id, last_seq, last_hash) VALUES (1, 0, '\(JournalEntry.genesisHash)')",
            """
            CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
            BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END
            """,
            """
            CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
            BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END
            """,
        ]),
        // Reporting and ratings read one subject's history, or one kind over a period.
        Migration(version: 2, name: "index-journal-subject-kind", statements: [
            "CREATE INDEX journal_by_subject ON journal (subject, seq)",
            "CREATE INDEX journal_by_kind_at ON journal (kind, at_ms, seq)",
        ]),
    ])

    private static let selectEntries =
        "SELECT seq, at_ms, actor, kind, subject, payload, prev_hash, hash FROM journal"

    /// Reads the head from the anchor row (as the open transaction, if any, sees it).
    func readAnchor() throws -> JournalHead {
        let rows = try self.rows("SELECT last_seq, last_hash FROM journal_head WHERE id = 1", [])
        guard let row = rows.first else {
            throw StoreError.corrupt("\(path): the journal head anchor row is missing")
        }
        return JournalHead(sequence: try row.int64("last_seq"), hash: try row.string("last_hash"))
    }

    /// Appends inside the open write transaction; the new head becomes `head` on commit.
    ///
    /// The anchor moves only if it still holds the head we chained from. When another
    /// connection (another process) appended since we last looked, the update matches no
    /// row; we then re-read the anchor and chain from there. This costs nothing in the
    /// usual case, unlike re-reading the head before every append.
    func appendJournal(_ draft: JournalDraft) throws -> JournalEntry {
        var previous = pendingHead ?? head
        let milliseconds = JournalEntry.milliseconds(draft.at)
        var entry: JournalEntry
        var attempt = 0
        while true {
            let sequence = previous.sequence + 1
            let hash = JournalHash.hash(
                sequence: sequence, atMilliseconds: milliseconds, actor: draft.actor, kind: draft.kind,
                subject: draft.subject, payload: draft.payload, previousHash: previous.hash)
            entry = JournalEntry(
                sequence: sequence, at: JournalEntry.date(milliseconds: milliseconds), actor: draft.actor,
                kind: draft.kind, subject: draft.subject, payload: draft.payload,
                previousHash: previous.hash, hash: hash)
            try run("UPDATE journal_head SET last_seq = ?, last_hash = ? WHERE id = 1 AND last_seq = ? AND last_hash = ?",
                    [.integer(sequence), .text(hash), .integer(previous.sequence), .text(previous.hash)])
            if changes() == 1 { break }
            attempt += 1
            guard attempt == 1 else {
                throw StoreError.corrupt("\(path): the journal head anchor changed while appending")
            }
            previous = try readAnchor()
        }
        try run("""
            INSERT INTO journal (seq, at_ms, actor, kind, subject, payload, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.integer(entry.sequence), .integer(milliseconds), .text(entry.actor), .text(entry.kind),
             .text(entry.subject), .text(entry.payload), .text(entry.previousHash), .text(entry.hash)])
        pendingHead = JournalHead(sequence: entry.sequence, hash: entry.hash)
        return entry
    }

    private static func entry(_ statement: OpaquePointer) -> JournalEntry {
        JournalEntry(
            sequence: sqlite3_column_int64(statement, 0),
            at: JournalEntry.date(milliseconds: sqlite3_column_int64(statement, 1)),
            actor: text(statement, 2), kind: text(statement, 3), subject: text(statement, 4),
            payload: text(statement, 5), previousHash: text(statement, 6), hash: text(statement, 7))
    }

    func journalEntries(after sequence: Int64, limit: Int) throws -> [JournalEntry] {
        var entries: [JournalEntry] = []
        try run("\(Connection.selectEntries) WHERE seq > ? ORDER BY seq LIMIT ?",
                [.integer(sequence), .integer(Int64(max(0, limit)))]) { statement in
            entries.append(Connection.entry(statement))
            return true
        }
        return entries
    }

    func journalEntries(matching query: JournalQuery) throws -> [JournalEntry] {
        var conditions = ["seq > ?"]
        var parameters: [SQLValue] = [.integer(query.afterSequence)]
        if let subject = query.subject {
            conditions.append("subject = ?")
            parameters.append(.text(subject))
        }
        if let kinds = query.kinds {
            guard !kinds.isEmpty else { return [] }
            // Without a subject or a time range this is a catch-up after a sequence: walk the
            // journal by sequence (`+kind` keeps SQLite off the kind index, which would read
            // every entry of those kinds and sort them to return one batch).
            let byKind = query.subject == nil && query.from == nil && query.to == nil ? "+kind" : "kind"
            conditions.append("\(byKind) IN (\(Array(repeating: "?", count: kinds.count).joined(separator: ", ")))")
            parameters += kinds.sorted().map { .text($0) }
        }
        if let from = query.from {
            conditions.append("at_ms >= ?")
            parameters.append(.integer(JournalEntry.milliseconds(from)))
        }
        if let to = query.to {
            conditions.append("at_ms < ?")
            parameters.append(.integer(JournalEntry.milliseconds(to)))
        }
        parameters.append(.integer(Int64(max(0, query.limit))))
        var entries: [JournalEntry] = []
        let order = query.newestFirst ? "DESC" : ""
        try run("\(Connection.selectEntries) WHERE \(conditions.joined(separator: " AND ")) ORDER BY seq \(order) LIMIT ?",
                parameters) { statement in
            entries.append(Connection.entry(statement))
            return true
        }
        return entries
    }

    /// Walks the chain row by row (never holding it all in memory) inside the caller's
    /// read transaction and stops at the first problem.
    func verifyJournal() throws -> JournalVerification {
        let anchorRow = try rows("SELECT last_seq, last_hash FROM journal_head WHERE id = 1", []).first
        var previous = JournalHead.genesis
        var verified = 0
        var failure: JournalVerification?

        func fail(_ problem: JournalVerification.Problem, _ sequence: Int64, _ message: String) {
            failure = JournalVerification(entries: verified, firstBadSequence: sequence, problem: problem, message: message)
        }

        try run("\(Connection.selectEntries) ORDER BY seq", []) { statement in
            let entry = Connection.entry(statement)
            let expected = previous.sequence + 1
            if entry.sequence > expected {
                fail(.sequenceGap, expected,
                     "journal entry \(expected) is missing (the entry after \(previous.sequence) is \(entry.sequence)); "
                     + "entries were deleted, restore the database from a backup and investigate")
            } else if entry.sequence < expected {
                fail(.brokenLink, entry.sequence,
                     "journal entry \(entry.sequence) comes before entry 1; it was inserted by hand")
            } else if entry.previousHash != previous.hash {
                fail(.brokenLink, entry.sequence,
                     "journal entry \(entry.sequence) does not follow entry \(previous.sequence): its previous hash differs; "
                     + "entries were reordered, spliced in, or entry \(previous.sequence) was rewritten")
            } else if JournalHash.hash(of: entry) != entry.hash {
                fail(.hashMismatch, entry.sequence,
                     "journal entry \(entry.sequence) (\(entry.kind) \(entry.subject)) does not match its hash; "
                     + "its content was edited after it was written")
            } else {
                previous = JournalHead(sequence: entry.sequence, hash: entry.hash)
                verified += 1
            }
            return failure == nil
        }
        if let failure { return failure }

        guard let anchorRow else {
            return JournalVerification(
                entries: verified, firstBadSequence: previous.sequence + 1, problem: .anchorMismatch,
                message: "the journal head anchor row is missing, so whether entries from \(previous.sequence + 1) on were removed "
                    + "cannot be checked; "
                    + "restore the database from a backup and investigate")
        }
        let anchor = JournalHead(sequence: try anchorRow.int64("last_seq"), hash: try anchorRow.string("last_hash"))
        if anchor.sequence > previous.sequence {
            return JournalVerification(
                entries: verified, firstBadSequence: previous.sequence + 1, problem: .truncated,
                message: "the head anchor records \(anchor.sequence) journal entries but the journal ends at "
                    + "\(previous.sequence); entries \(previous.sequence + 1) to \(anchor.sequence) were removed")
        }
        if anchor.sequence < previous.sequence {
            return JournalVerification(
                entries: verified, firstBadSequence: anchor.sequence + 1, problem: .anchorMismatch,
                message: "journal entries after \(anchor.sequence) were added without updating the head anchor")
        }
        if anchor.hash != previous.hash {
            return JournalVerification(
                entries: verified, firstBadSequence: previous.sequence, problem: .anchorMismatch,
                message: "the head anchor's hash differs from journal entry \(previous.sequence); "
                    + "the last entry or the anchor was rewritten")
        }
        return JournalVerification(
            entries: verified, firstBadSequence: nil, problem: .none,
            message: "journal intact: \(verified) entries, head \(previous.hash)")
    }
}
