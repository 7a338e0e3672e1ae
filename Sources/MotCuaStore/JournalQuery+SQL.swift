import MotCuaCore

extension JournalQuery {
    /// The statement that answers the query from the journal's indexes, with `?` placeholders;
    /// nil when it can match nothing (an empty set of kinds). Both stores run it.
    package func selectStatement(_ selectEntries: String) -> (sql: String, parameters: [SQLValue])? {
        var conditions = ["seq > ?"]
        var parameters: [SQLValue] = [.integer(afterSequence)]
        if let subject {
            conditions.append("subject = ?")
            parameters.append(.text(subject))
        }
        if let kinds {
            guard !kinds.isEmpty else { return nil }
            conditions.append("kind IN (\(Array(repeating: "?", count: kinds.count).joined(separator: ", ")))")
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
