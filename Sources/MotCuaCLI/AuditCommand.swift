#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaStore

/// `motcua audit verify`: checks the journal's hash chain and names the first bad entry.
/// `motcua audit access --dossier CODE`: who read the dossier's personal data, when and how.
struct AuditCommand: Command {
    static let name = "audit"
    static let summary = "Verify the journal's hash chain (audit verify); who read a dossier (audit access --dossier CODE)"
    static let usage = """
        motcua audit verify [--db data/motcua.sqlite | --database postgresql://user@host/db [--deployment m.json]]
          motcua audit access --dossier CODE [--db data/motcua.sqlite | --database URL [--deployment m.json]]
        """

    let database: String
    let server: DatabaseOption
    let manifest: String?
    /// The dossier of `audit access`; nil for `audit verify`.
    let dossier: String?

    static let subcommands = ["verify"]

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments, options: ["db", "dossier", "database", "deployment"])
        server = try DatabaseOption(parsed)
        manifest = parsed.option("deployment")
        switch parsed.positionals {
        case ["verify"]:
            dossier = nil
        case ["access"]:
            guard let code = parsed.option("dossier"), !code.isEmpty else {
                throw UsageError("expected: motcua audit access --dossier CODE [--db PATH]")
            }
            dossier = code
        default:
            throw UsageError("expected: motcua audit verify [--db PATH] or motcua audit access --dossier CODE [--db PATH]")
        }
        database = parsed.option("db") ?? "data/motcua.sqlite"
    }

    func run() async throws {
        if server.isPostgres {
            let centre = try DeploymentLoading.deployment(manifest).centre.id
            let store = try server.open(centre: centre, dataFolder: "data", command: "audit")
            try report(store: store, place: server.describe(centre: centre, dataFolder: "data"))
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
        try report(store: try SQLiteStore(path: database), place: database)
    }

    /// Verifies the chain, or lists a dossier's reads, of the store found at `place`.
    private func report(store: any Store, place: String) throws {
        if let dossier { return try printAccess(dossier, store: store) }
        let result = try store.verifyJournal()
        if let bad = result.firstBadSequence {
            Output.error("\(place): journal BROKEN at sequence \(bad): \(result.message)")
            throw ExitCode.failure
        }
        Output.line("\(place): journal verified, \(result.entries) entries, chain intact")
    }

    /// One line per staff read of the dossier's personal data, oldest first, in the centre's time.
    private func printAccess(_ code: String, store: any Store) throws {
        let entries = try store.journalEntries(matching: JournalQuery(subject: DossierAccess.subject(code), kinds: [DossierAccess.journalKind]))
            .compactMap(DossierAccess.init(entry:))
        guard !entries.isEmpty else {
            Output.line("\(code): no staff read of this dossier's personal data is recorded")
            return
        }
        Output.line("\(code): \(entries.count) read(s) of personal data")
        for entry in entries {
            let reason = entry.reason.map { "  reason: \($0)" } ?? ""
            Output.line("\(JournalEntry.isoText(entry.at))  \(entry.who)  \(entry.kind.rawValue)  \(entry.route)\(reason)")
        }
    }
}
