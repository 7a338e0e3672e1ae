import MotCuaCore

extension JournalQuery {
    /// The statement that answers the query from the journal's indexes, with `?` placeholders;
    /// nil when it can match nothing (an empty set of kinds). Both stores run it.
    ///
    /// With `unaryPlusHint` (SQLite), a kinds-only query is a catch-up after a sequence: it walks
    /// the journal by sequence (`+kind` keeps SQLite off the kind index, which would read every
    /// entry of those kinds and sort them to return one batch). PostgreSQL has no such hint.
    package func selectStatement(_ selectEntries: String, unaryPlusHint: Bool = false) -> (sql: String, parameters: [SQLValue])? {
        var conditions = ["seq > ?"]
        var parameters: [SQLValue] = [.integer(afterSequence)]
        if let subject {
            conditions.append("subject = ?")
            parameters.append(.text(subject))
        }
        if let kinds {
            guard !kinds.isEmpty else { return nil }
            let byKind = unaryPlusHint && subject == nil && from == nil && to == nil ? "+kind" : "kind"
            conditions.append("\(byKind) IN (\(Array(repeating: "?", count: kinds.count).joined(separator: ", ")))")
            parameters += kinds.sorted().map { .text($0) }
        }
        if let from {
            conditions.append("at_ms >= ?")
            parameters.append(.integer(JournalEntry.milliseconds(from)))
        }
        if let to {
            conditions.append("at_ms < ?")
            parameters.append(.integer(JournalEntry.milliseconds(to)))
        }
        parameters.append(.integer(Int64(max(0, limit))))
        let order = newestFirst ? " DESC" : ""
        return ("\(selectEntries) WHERE \(conditions.joined(separator: " AND ")) ORDER BY seq\(order) LIMIT ?", parameters)
    }
}
