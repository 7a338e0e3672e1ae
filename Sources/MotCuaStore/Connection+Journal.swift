internal import CSQLite
import MotCuaCore

extension Connection: JournalTable {
    func changeRows(_ sql: String, _ params: [SQLValue]) throws -> Int {
        try run(sql, params)
        return changes()
    }

    func selectRows(_ sql: String, _ params: [SQLValue]) throws -> [SQLRow] {
        try rows(sql, params)
    }

    /// The store's own tables: the journal and its one-row head anchor.
    ///
    /// The anchor is updated in the same transaction as every append, so cutting rows off
    /// the end of the journal leaves the anchor pointing past the last row. The triggers
    /// stop plugin code from editing history by mistake; they are not a defence against
    /// someone with the file, which is what the hash chain is for.
    package static let storeMigrations = MigrationSet(owner: "store", migrations: [
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
        ], dialectStatements: [
            .sqlite: [
                """
                CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
                BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END
                """,
                """
                CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
                BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END
                """,
            ],
            .postgresql: SQLDialect.postgresql.refusingStatements(
                name: "journal", table: "journal", operations: [.update, .delete], message: "the journal is append-only"),
        ]),
        // Reporting and ratings read one subject's history, or one kind over a period.
        Migration(version: 2, name: "index-journal-subject-kind", statements: [
            "CREATE INDEX journal_by_subject ON journal (subject, seq)",
            "CREATE INDEX journal_by_kind_at ON journal (kind, at_ms, seq)",
        ]),
    ])


    /// Reads the head from the anchor row (as the open transaction, if any, sees it).
    func readAnchor() throws -> JournalHead {
        try readAnchor(place: path)
    }

    /// Appends inside the open write transaction; the new head becomes `head` on commit.
    func appendJournal(_ draft: JournalDraft) throws -> JournalEntry {
        let entry = try append(draft, after: pendingHead ?? head, place: path)
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
        guard let (sql, parameters) = query.selectStatement(Connection.selectEntries, unaryPlusHint: true) else { return [] }
        var entries: [JournalEntry] = []
        try run(sql, parameters) { statement in
            entries.append(Connection.entry(statement))
            return true
        }
        return entries
    }

    /// Walks the chain row by row (never holding it all in memory) inside the caller's
    /// read transaction and stops at the first problem.
    func verifyJournal() throws -> JournalVerification {
        let anchorRow = try rows("SELECT last_seq, last_hash FROM journal_head WHERE id = 1", []).first
        var check = JournalChainCheck()
        try run("\(Connection.selectEntries) ORDER BY seq", []) { statement in
            check.check(Connection.entry(statement))
        }
        let anchor = try anchorRow.map { JournalHead(sequence: try $0.int64("last_seq"), hash: try $0.string("last_hash")) }
        return check.finish(anchor: anchor)
    }
}
