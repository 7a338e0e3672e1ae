internal import CSQLite
import MotCuaCore

extension SQLiteStore {
    /// Copies the whole database, journal included, to a consistent file at `path`.
    ///
    /// Uses SQLite's online backup, so the copy is a valid database even while the centre
    /// works; writes wait until the copy is done (seconds for a commune's database). An
    /// existing file at `path` is replaced. The folder must exist.
    public func backup(to path: String) throws {
        try withConnection { source in try Self.copy(source, to: path) }
    }

    /// SQLite's online backup of `source` into the file at `path`, created or replaced.
    static func copy(_ source: Connection, to path: String) throws {
        let destination = try Connection(path: path, busyTimeoutMilliseconds: source.busyTimeoutMilliseconds)
        guard let backup = sqlite3_backup_init(destination.handle, "main", source.handle, "main") else {
            throw destination.error(sqlite3_errcode(destination.handle))
        }
        let step = sqlite3_backup_step(backup, -1)
        let finish = sqlite3_backup_finish(backup)
        guard step == SQLITE_DONE else { throw destination.error(step) }
        guard finish == SQLITE_OK else { throw destination.error(finish) }
    }
}
