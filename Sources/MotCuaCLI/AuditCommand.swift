import Foundation
import MotCuaCore
import MotCuaStore

/// `motcua audit verify`: checks the journal's hash chain and names the first bad entry.
struct AuditCommand: Command {
    static let name = "audit"
    static let summary = "Verify the journal's hash chain (audit verify)"
    static let usage = "motcua audit verify [--db data/motcua.sqlite | --database postgresql://user@host/db [--deployment m.json]]"

    let database: String
    let server: DatabaseOption
    let manifest: String?

    static let subcommands = ["verify"]

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments, options: ["db", "database", "deployment"])
        guard parsed.positionals == ["verify"] else { throw UsageError("expected: motcua audit verify [--db PATH | --database URL]") }
        database = parsed.option("db") ?? "data/motcua.sqlite"
        server = try DatabaseOption(parsed)
        manifest = parsed.option("deployment")
    }

    func run() async throws {
        if server.isPostgres {
            let centre = try DeploymentLoading.deployment(manifest).centre.id
            let store = try server.open(centre: centre, dataFolder: "data", command: "audit")
            let place = server.describe(centre: centre, dataFolder: "data")
            let result = try store.verifyJournal()
            if let bad = result.firstBadSequence {
                Output.error("\(place): journal BROKEN at sequence \(bad): \(result.message)")
                throw ExitCode.failure
            }
            Output.line("\(place): journal verified, \(result.entries) entries, chain intact")
            return
        }
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
