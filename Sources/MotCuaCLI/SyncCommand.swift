#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHost
import MotCuaHTTPClient

/// `motcua sync status` shows the national portal sender's state; `motcua sync resend CODE`
/// queues one dossier to be sent again; `motcua sync send` sends what is waiting once.
struct SyncCommand: Command {
    static let name = "sync"
    static let summary = "The national portal sender: status, resend one dossier, send what is waiting"
    static let usage = "motcua sync status|send|resend CODE --supervisor LOGIN [--deployment manifest.json] [--data ./data] [--database URL] [--json]"
    static let subcommands = ["status", "send", "resend"]

    enum Action: Equatable { case status, send, resend(code: String, supervisor: String) }

    let action: Action
    let manifest: String?
    let dataFolder: String
    let database: DatabaseOption
    let json: Bool

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments, options: ["deployment", "data", "database", "supervisor"], switches: ["json"])
        manifest = parsed.option("deployment")
        dataFolder = parsed.option("data") ?? "data"
        database = try DatabaseOption(parsed)
        json = parsed.flag("json")
        switch parsed.positionals.first {
        case "status":
            try parsed.expectPositionals(1...1, "no argument after status")
            action = .status
        case "send":
            try parsed.expectPositionals(1...1, "no argument after send")
            action = .send
        case "resend":
            try parsed.expectPositionals(2...2, "the dossier code after resend, e.g. motcua sync resend H46-260302-0001")
            guard let supervisor = parsed.option("supervisor") else {
                throw UsageError("--supervisor LOGIN is required: the supervisor who asks for the resend; it is journalled")
            }
            action = .resend(code: parsed.positionals[1], supervisor: supervisor)
        default:
            throw UsageError("expected status, send or resend")
        }
    }

    func run() async throws {
        let (deployment, store, composition) = try ReportCommand.compose(manifest: manifest, dataFolder: dataFolder, database: database,
                                                                        outbound: CurlClient())
        guard let sync = composition.portalSync else {
            Output.error("motcua sync: \(deployment.centre.id) does not synchronise with the national portal; enable intake.portal in its manifest (Docs/Portal.md)")
            throw ExitCode.failure
        }
        switch action {
        case .status:
            let status = try sync.syncStatus()
            if json {
                Output.line(try JSONValueEncoder().encode(status).serialized())
                return
            }
            let vi = Output.language == .vi
            func when(_ date: Date?) -> String {
                guard let date else { return vi ? "chưa có" : "none" }
                let local = deployment.calendar.local(date)
                return "\(local.time) \(local.date.day.zeroPadded(2))/\(local.date.month.zeroPadded(2))/\(local.date.year)"
            }
            Output.line(vi ? "Đồng bộ Cổng Dịch vụ công quốc gia — \(deployment.centre.name.vi)" : "National portal sync — \(deployment.centre.name.en)")
            Output.line((vi ? "  Đang chờ gửi:       " : "  Entries waiting:    ") + "\(status.waiting)")
            Output.line((vi ? "  Cũ nhất chưa gửi:   " : "  Oldest unsent:      ") + when(status.oldestUnsent))
            Output.line((vi ? "  Đã được nhận:       " : "  Accepted messages:  ") + "\(status.accepted)")
            Output.line((vi ? "  Bị từ chối:         " : "  Refused, set aside: ") + "\(status.refused)")
            Output.line((vi ? "  Gửi được lần cuối:  " : "  Last success:       ") + when(status.lastSuccessAt))
            Output.line((vi ? "  Lỗi gần nhất:       " : "  Last error:         ")
                        + (status.lastError.map { "\(when(status.lastErrorAt)) — \($0.text(Output.language))" } ?? (vi ? "không có" : "none")))
        case .send:
            let pass = await sync.sendPending()
            Output.line("sync: \(pass.accepted) accepted, \(pass.refused) refused" + (pass.stoppedBy.map { "; stopped: \($0.text(Output.language))" } ?? ""))
            if pass.stoppedBy != nil { throw ExitCode.environment }
        case .resend(let code, let login):
            let identity = try IdentityService(store: store, clock: SystemClock())
            guard let account = try identity.accounts().first(where: { $0.id == login }), !account.disabled,
                  account.role == .supervisor || account.role == .admin else {
                Output.error("motcua sync: \(login) is not an active supervisor or admin account; see `motcua users list`")
                throw ExitCode.failure
            }
            try sync.resend(dossier: code, by: .staff(account.id))
            Output.line("sync: dossier \(code) will be sent again by the running server (or now with `motcua sync send`)")
        }
    }
}
