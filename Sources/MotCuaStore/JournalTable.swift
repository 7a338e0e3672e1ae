import MotCuaCore

/// The journal's two tables as one engine's connection reaches them, so both stores append
/// by the same steps (``append(_:after:place:)``) and read the same rows.
package protocol JournalTable {
    /// Runs one statement with `?` placeholders and answers how many rows it changed.
    func changeRows(_ sql: String, _ params: [SQLValue]) throws -> Int
    /// Runs one query with `?` placeholders.
    func selectRows(_ sql: String, _ params: [SQLValue]) throws -> [SQLRow]
}

extension JournalTable {
    /// The journal's columns, in the order ``entry(_:)`` reads them.
    package static var selectEntries: String {
        "SELECT seq, at_ms, actor, kind, subject, payload, prev_hash, hash FROM journal"
    }

    /// A journal row read back.
    package static func entry(_ row: SQLRow) throws -> JournalEntry {
        JournalEntry(
            sequence: try row.int64("seq"), at: JournalEntry.date(milliseconds: try row.int64("at_ms")),
            actor: try row.string("actor"), kind: try row.string("kind"), subject: try row.string("subject"),
            payload: try row.string("payload"), previousHash: try row.string("prev_hash"), hash: try row.string("hash"))
    }

    /// Reads the head from the anchor row (as the open transaction, if any, sees it);
    /// `place` names the database in the error when the row is missing.
    package func readAnchor(place: String) throws -> JournalHead {
        guard let row = try selectRows("SELECT last_seq, last_hash FROM journal_head WHERE id = 1", []).first else {
            throw StoreError.corrupt("\(place): the journal head anchor row is missing")
        }
        return JournalHead(sequence: try row.int64("last_seq"), hash: try row.string("last_hash"))
    }

    /// Appends inside the open write transaction, chaining from `previous`.
    ///
    /// The anchor moves only if it still holds the head we chained from. When another
    /// connection (another process) appended since we last looked, the update matches no
    /// row; we then re-read the anchor and chain from there. This costs nothing in the
    /// usual case, unlike re-reading the head before every append.
    package func append(_ draft: JournalDraft, after head: JournalHead, place: String) throws -> JournalEntry {
        var previous = head
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
            let moved = try changeRows(
                "UPDATE journal_head SET last_seq = ?, last_hash = ? WHERE id = 1 AND last_seq = ? AND last_hash = ?",
                [.integer(sequence), .text(hash), .integer(previous.sequence), .text(previous.hash)])
            if moved == 1 { break }
            attempt += 1
            guard attempt == 1 else {
                throw StoreError.corrupt("\(place): the journal head anchor changed while appending")
            }
            previous = try readAnchor(place: place)
        }
        _ = try changeRows("""
            INSERT INTO journal (seq, at_ms, actor, kind, subject, payload, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.integer(entry.sequence), .integer(milliseconds), .text(entry.actor), .text(entry.kind),
             .text(entry.subject), .text(entry.payload), .text(entry.previousHash), .text(entry.hash)])
        return entry
    }
}
