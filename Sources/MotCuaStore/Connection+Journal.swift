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
    ])

    private static let selectEntries =
        "SELECT seq, at_ms, actor, kind, subject, payload, prev_hash, hash FROM journal"

    /// Reads the committed head from the anchor row.
    func loadHead() throws {
        let rows = try self.rows("SELECT last_seq, last_hash FROM journal_head WHERE id = 1", [])
        guard let row = rows.first else {
            throw StoreError.corrupt("\(path): the journal head anchor row is missing")
        }
        head = JournalHead(sequence: try row.int64("last_seq"), hash: try row.string("last_hash"))
        dataVersion = try currentDataVersion()
    }

    private func currentDataVersion() throws -> Int64 {
        try rows("PRAGMA data_version", []).first?.values.first.flatMap {
            if case .integer(let version) = $0 { version } else { nil }
        } ?? -1
    }

    /// Re-reads the head when another connection (another process) committed since we
    /// last looked; our own commits never change `data_version` for us.
    func refreshHeadIfChangedElsewhere() throws {
        if try currentDataVersion() != dataVersion {
            try loadHead()
        }
    }

    /// Appends inside the open write transaction; the new head becomes `head` on commit.
    func appendJournal(_ draft: JournalDraft) throws -> JournalEntry {
        let previous = pendingHead ?? head
        let sequence = previous.sequence + 1
        let milliseconds = JournalEntry.milliseconds(draft.at)
        let hash = JournalHash.hash(
            sequence: sequence, atMilliseconds: milliseconds, actor: draft.actor, kind: draft.kind,
            subject: draft.subject, payload: draft.payload, previousHash: previous.hash)
        try run("""
            INSERT INTO journal (seq, at_ms, actor, kind, subject, payload, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.integer(sequence), .integer(milliseconds), .text(draft.actor), .text(draft.kind),
             .text(draft.subject), .text(draft.payload), .text(previous.hash), .text(hash)])
        try run("UPDATE journal_head SET last_seq = ?, last_hash = ? WHERE id = 1", [.integer(sequence), .text(hash)])
        guard changes() == 1 else {
            throw StoreError.corrupt("\(path): the journal head anchor row is missing")
        }
        pendingHead = JournalHead(sequence: sequence, hash: hash)
        return JournalEntry(
            sequence: sequence, at: JournalEntry.date(milliseconds: milliseconds), actor: draft.actor,
            kind: draft.kind, subject: draft.subject, payload: draft.payload,
            previousHash: previous.hash, hash: hash)
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
