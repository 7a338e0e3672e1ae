#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHost
import MotCuaPostgres
import MotCuaStore

/// `motcua migrate --from A --to B`: copies a centre between a SQLite data folder and a
/// PostgreSQL database, in either direction, and checks the copy (``CentreCopy``).
struct MigrateCommand: Command {
    static let name = "migrate"
    static let summary = "Copy a centre between a SQLite data folder and PostgreSQL (migrate --from … --to …)"
    static let usage = """
        motcua migrate --from <data folder | postgresql://user@host/db> --to <data folder | postgresql://…> [--deployment m.json]
          Copies every table and the journal of the deployment's centre into an empty target, then checks
          the row counts and the journal chain there. Stop `motcua serve` on the source first.
        """

    /// One side of the copy.
    enum Place: Equatable {
        case folder(String)
        case server(PostgresLocation)
    }

    let from: Place
    let to: Place
    let manifest: String?

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments, options: ["from", "to", "deployment"])
        guard parsed.positionals.isEmpty else { throw UsageError("migrate takes no words, only --from, --to and --deployment") }
        guard let from = parsed.option("from"), let to = parsed.option("to") else {
            throw UsageError("migrate needs --from and --to: a data folder (SQLite) or a postgresql:// URL each")
        }
        self.from = try Self.place(from, option: "from")
        self.to = try Self.place(to, option: "to")
        guard self.from != self.to else { throw UsageError("--from and --to name the same place; copy into another one") }
        manifest = parsed.option("deployment")
    }

    private static func place(_ text: String, option: String) throws(UsageError) -> Place {
        guard PostgresLocation.isPostgresURL(text) else { return .folder(text) }
        do {
            return .server(try PostgresLocation(url: text))
        } catch let error as StoreError {
            throw UsageError("--\(option): \(Output.language == .vi ? error.messageVi : error.message)")
        } catch {
            throw UsageError("--\(option): \(error)")
        }
    }

    func run() async throws {
        let centre = try DeploymentLoading.deployment(manifest).centre.id
        let started = ContinuousClock.now
        do {
            let source = try open(from, centre: centre, creating: false)
            let target = try open(to, centre: centre, creating: true)
            Output.line("migrate: \(centre) from \(describe(from, centre: centre)) to \(describe(to, centre: centre))")
            let report = try CentreCopy.copy(from: source, to: target, known: CLIContext.catalogue.knownMigrationSets)
            let elapsed = ContinuousClock.now - started
            Output.line("migrate: copied \(report.rows.count) tables, \(report.totalRows) rows (\(report.journalEntries) journal entries) "
                        + "in \(Output.seconds(elapsed))")
            Output.line("migrate: row counts equal on both sides; journal verified on the target, head \(report.headHash)")
            if case .folder(let folder) = from, case .server = to {
                Output.line("migrate: keep \(folder)/\(KeyEncryptionKey.fileName) and pass --data \(folder) to serve: it unseals the personal data")
            } else if case .folder(let folder) = to {
                Output.line("migrate: copy the centre's key file (\(KeyEncryptionKey.fileName)) into \(folder)/ before serving from it")
            }
        } catch let error as StoreError {
            Output.error("motcua migrate: \(Output.language == .vi ? error.messageVi : error.message)")
            throw ExitCode.failure
        }
    }

    /// Opens one side: the SQLite file in the folder, or the centre's schema on the server.
    private func open(_ place: Place, centre: String, creating: Bool) throws -> any Store {
        switch place {
        case .folder(let folder):
            let path = PlainText.join(folder, "motcua.sqlite")
            if !creating {
                guard SQLiteStore.isMotCuaDatabase(path: path) else {
                    throw StoreError(code: "store.copy-no-source",
                                     message: "\(path) is not a MotCua database; --from names the centre's data folder",
                                     messageVi: "\(path) không phải cơ sở dữ liệu MotCua; --from là thư mục dữ liệu của trung tâm")
                }
            } else {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            return try SQLiteStore(path: path)
        case .server(let location):
            let schema = PostgresLocation.schemaName(forCentre: centre)
            if !creating, try !PostgresStore.schemaExists(location: location, schema: schema) {
                throw StoreError(code: "store.copy-no-source",
                                 message: "\(location) has no schema \(schema) for centre \(centre); check --from and --deployment",
                                 messageVi: "\(location) không có schema \(schema) của trung tâm \(centre); hãy kiểm tra --from và --deployment")
            }
            return try PostgresStore(location: location, schema: schema)
        }
    }

    private func describe(_ place: Place, centre: String) -> String {
        switch place {
        case .folder(let folder): "\(PlainText.join(folder, "motcua.sqlite"))"
        case .server(let location): "\(location), schema \(PostgresLocation.schemaName(forCentre: centre))"
        }
    }
}
