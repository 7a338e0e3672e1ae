import MotCuaCore
import MotCuaStore

extension PostgresConnection: JournalTable {
    func changeRows(_ sql: String, _ params: [SQLValue]) throws -> Int {
        try run(sql, params).changed
    }

    func selectRows(_ sql: String, _ params: [SQLValue]) throws -> [SQLRow] {
        try run(sql, params).rows
    }

    /// Reads the head from the anchor row, as the open transaction (if any) sees it.
    func readAnchor() throws -> JournalHead {
        try readAnchor(place: "schema \(schema)")
    }

    /// Appends inside the open write transaction, which holds the centre's advisory lock,
    /// so re-reading the anchor after another process appended sees its latest commit.
    func appendJournal(_ draft: JournalDraft) throws -> JournalEntry {
        let entry = try append(draft, after: pendingHead ?? head, place: "schema \(schema)")
        pendingHead = JournalHead(sequence: entry.sequence, hash: entry.hash)
        return entry
    }

    func journalEntries(after sequence: Int64, limit: Int) throws -> [JournalEntry] {
        try run("\(PostgresConnection.selectEntries) WHERE seq > ? ORDER BY seq LIMIT ?",
                [.integer(sequence), .integer(Int64(max(0, limit)))]).rows.map(PostgresConnection.entry)
    }
}
