#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHost

/// `motcua intake import FILE`: dossiers filed on the national portal, in the portal's field
/// names (a file the province hands over), become dossiers on the online channel.
struct IntakeCommand: Command {
    static let name = "intake"
    static let summary = "Import dossiers filed on the national portal from a JSON file (intake import)"
    static let usage = "motcua intake import FILE --supervisor LOGIN [--deployment manifest.json] [--data ./data] [--database URL]"
    static let subcommands = ["import"]

    let file: String
    let supervisor: String
    let manifest: String?
    let dataFolder: String
    let database: DatabaseOption

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments, options: ["deployment", "data", "database", "supervisor"])
        guard parsed.positionals.first == "import" else { throw UsageError("expected import") }
        try parsed.expectPositionals(2...2, "the file after import, e.g. motcua intake import ho-so-truc-tuyen.json")
        guard let supervisor = parsed.option("supervisor") else {
            throw UsageError("--supervisor LOGIN is required: the supervisor who imports the dossiers; it is journalled")
        }
        file = parsed.positionals[1]
        self.supervisor = supervisor
        manifest = parsed.option("deployment")
        dataFolder = parsed.option("data") ?? "data"
        database = try DatabaseOption(parsed)
    }

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            Output.error("motcua intake: cannot read \(file)")
            throw ExitCode.environment
        }
        let body: JSONValue
        do {
            body = try JSONParser().parse(String(decoding: data, as: UTF8.self))
        } catch {
            Output.error("motcua intake: \(file) is not JSON: \(error)")
            throw ExitCode.failure
        }
        let (_, store, composition) = try ReportCommand.compose(manifest: manifest, dataFolder: dataFolder, database: database)
        let identity = try IdentityService(store: store, clock: SystemClock())
        guard let account = try identity.accounts().first(where: { $0.id == supervisor }), !account.disabled, account.role >= .supervisor else {
            Output.error("motcua intake: \(supervisor) is not an active supervisor or admin account; see `motcua users list`")
            throw ExitCode.failure
        }
        let outcomes = try PortalImporter.make(composition).run(body, by: .staff(account.id))
        for outcome in outcomes {
            let name = outcome.portalCode ?? "?"
            switch outcome.state {
            case .imported: Output.line("imported  \(name) → \(outcome.dossier ?? "")")
            case .duplicate: Output.line("unchanged \(name): \(outcome.problem?.message.text(Output.language) ?? "")")
            case .refused:
                Output.line("refused   \(name): \(outcome.problem?.message.text(Output.language) ?? "")")
                for detail in outcome.problem?.details ?? [] { Output.line("          \(detail.field): \(detail.message.text(Output.language))") }
            }
        }
        let refused = outcomes.count { $0.state == .refused }
        Output.line("intake import: \(outcomes.count { $0.state == .imported }) imported, \(outcomes.count { $0.state == .duplicate }) already there, \(refused) refused")
        if refused > 0 { throw ExitCode.failure }
    }
}
