#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaPostgres
import MotCuaStore

/// Where a command finds a centre's store: PostgreSQL when `--database postgresql://…` is
/// given (the centre's schema, named from its id), SQLite in `<data>/motcua.sqlite` otherwise.
///
/// `serve`, `harness`, `users`, `audit`, `report` and `bench` take the same option through it,
/// so the URL is checked, and its errors worded, in one place. The URL may name several hosts
/// (libpq's multi-host form); a password in it is refused (Docs/PostgreSQL.md).
struct DatabaseOption: Sendable {
    /// The PostgreSQL server, or nil for SQLite under the data folder.
    let postgres: PostgresLocation?

    /// The usage line's words for the option.
    static let usage = "[--database postgresql://user@host/db]"

    /// Reads `--database` from parsed arguments; a bad URL is a usage error naming the fix.
    init(_ parsed: Arguments) throws(UsageError) {
        try self.init(url: parsed.option("database"))
    }

    /// SQLite under the data folder.
    static let sqlite = DatabaseOption(postgres: nil)

    private init(postgres: PostgresLocation?) {
        self.postgres = postgres
    }

    init(url: String?) throws(UsageError) {
        guard let url else {
            postgres = nil
            return
        }
        do {
            postgres = try PostgresLocation(url: url)
        } catch let error as StoreError {
            throw UsageError("--database: \(Output.language == .vi ? error.messageVi : error.message)")
        } catch {
            throw UsageError("--database: \(error)")
        }
    }

    /// Whether the command runs on PostgreSQL.
    var isPostgres: Bool { postgres != nil }

    /// Opens the centre's store: its PostgreSQL schema, or the SQLite file in `dataFolder`
    /// (the folder is created when missing). Exits with the store's message, in the user's
    /// language, when it cannot open.
    func open(centre: String, dataFolder: String, command: String) throws -> any Store {
        guard let postgres else { return try ServeCommand.openStore(dataFolder) }
        do {
            return try PostgresStore(location: postgres, schema: PostgresLocation.schemaName(forCentre: centre))
        } catch let error as StoreError {
            Output.error("motcua \(command): \(Output.language == .vi ? error.messageVi : error.message)")
            throw ExitCode.environment
        }
    }

    /// Where the data lives, for messages.
    func describe(centre: String, dataFolder: String) -> String {
        guard let postgres else { return "\(dataFolder)/" }
        return "\(postgres), schema \(PostgresLocation.schemaName(forCentre: centre))"
    }
}
