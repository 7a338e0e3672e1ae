import MotCuaCore

extension SQLiteStore {
    /// Whether the file at `path` is a MotCua database (it has the journal and its anchor),
    /// checked read-only so a foreign file is neither changed nor mistaken for an empty journal.
    public static func isMotCuaDatabase(path: String) -> Bool {
        guard let connection = try? Connection(path: path, busyTimeoutMilliseconds: 1_000, readOnly: true),
              let rows = try? connection.rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('journal', 'journal_head')", [])
        else { return false }
        return rows.count == 2
    }
}

extension SQLiteStore {
    /// The store's own migrations (the journal and its anchor), for the other engine's store.
    package static var storeMigrations: MigrationSet { Connection.storeMigrations }
}
