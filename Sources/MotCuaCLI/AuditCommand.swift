import Foundation
import MotCuaCore
import MotCuaStore

/// `motcua audit verify`: checks the journal's hash chain and names the first bad entry.
struct AuditCommand: Command {
    static let name = "audit"
    static let summary = "Verify the journal's hash chain (audit verify)"
    static let usage = "motcua audit verify [--db data/motcua.sqlite]"

    let database: String

    static let subcommands = ["verify"]

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments, options: ["db"])
        guard parsed.positionals == ["verify"] else { throw UsageError("expected: motcua audit verify [--db PATH]") }
        database = parsed.option("db") ?? "data/motcua.sqlite"
    }

    func run() async throws {
        guard FileManager.default.fileExists(atPath: database) else {
            Output.error("\(database): no database here; pass --db with the centre's database file")
            throw ExitCode.environment
        }
        guard SQLiteStore.isMotCuaDatabase(path: database) else {
            Output.error("\(database): not a MotCua database (no journal); pass --db with the centre's data/motcua.sqlite")
            throw ExitCode.failure
        }
        let store = try SQLiteStore(path: database)
        let result = try store.verifyJournal()
        if let bad = result.firstBadSequence {
            Output.error("\(database): journal BROKEN at sequence \(bad): \(result.message)")
            throw ExitCode.failure
        }
        Output.line("\(database): journal verified, \(result.entries) entries, chain intact")
    }
}
