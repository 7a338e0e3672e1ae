#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHost
import MotCuaStore

/// `motcua retention run` destroys the keys of dossiers whose retention period ended;
/// `motcua retention erase CODE` erases one closed dossier at the citizen's request.
struct RetentionCommand: Command {
    static let name = "retention"
    static let summary = "Erase personal data whose retention ended (retention run), or one dossier on request (retention erase)"
    static let usage = """
        motcua retention run [--deployment manifest.json] [--data ./data]
               motcua retention erase CODE --reason TEXT --supervisor LOGIN [--deployment manifest.json] [--data ./data]
        """

    enum Action { case run, erase(code: String, reason: String, supervisor: String) }

    let action: Action
    let manifest: String?
    let dataFolder: String

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments, options: ["deployment", "data", "reason", "supervisor"])
        manifest = parsed.option("deployment")
        dataFolder = parsed.option("data") ?? "data"
        switch parsed.positionals.first {
        case "run":
            try parsed.expectPositionals(1...1, "no argument after run")
            action = .run
        case "erase":
            try parsed.expectPositionals(2...2, "the dossier code after erase, e.g. motcua retention erase H46-260302-0001")
            guard let reason = parsed.option("reason"), !reason.trimmingSpaces().isEmpty else {
                throw UsageError("--reason is required: why the citizen's data is erased (the request and its legal basis); it is journalled")
            }
            guard let supervisor = parsed.option("supervisor") else {
                throw UsageError("--supervisor LOGIN is required: the supervisor or admin who accepted the request")
            }
            action = .erase(code: parsed.positionals[1], reason: reason, supervisor: supervisor)
        default:
            throw UsageError("expected run or erase")
        }
    }

    func run() async throws {
        guard FileManager.default.fileExists(atPath: PlainText.join(dataFolder, "motcua.sqlite")) else {
            Output.error("motcua retention: no database in \(dataFolder)/; pass --data with the centre's data folder")
            throw ExitCode.environment
        }
        let (_, store, composition) = try ReportCommand.compose(manifest: manifest, dataFolder: dataFolder)
        let retention = PersonalDataRetention(composition: composition, store: store, clock: SystemClock())
        switch action {
        case .run:
            let summary = try retention.run()
            Output.line("retention: erased the personal data of \(summary.erased.count) dossier(s); \(summary.kept) closed dossier(s) kept, \(summary.open) open")
            for subject in summary.erased { Output.line("  \(subject)") }
        case .erase(let code, let reason, let login):
            let identity = try IdentityService(store: store, clock: SystemClock())
            guard let account = try identity.accounts().first(where: { $0.id == login }), !account.disabled,
                  account.role == .supervisor || account.role == .admin else {
                Output.error("motcua retention: \(login) is not an active supervisor or admin account; see `motcua users list`")
                throw ExitCode.failure
            }
            try retention.erase(dossier: code, reason: reason, by: .staff(account.id))
            Output.line("retention: erased the personal data of dossier \(code) (reason journalled)")
        }
    }
}
