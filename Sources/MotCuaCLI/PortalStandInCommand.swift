#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHarness
import MotCuaHTTP

/// `motcua portal-standin`: a stand-in for the national portal on loopback, for demos and
/// trials of the sync add-on (Docs/Portal.md). It checks every field against the mapping and
/// answers as the portal does; `POST /dvcqg/control {"mode": "fail"}` makes it fail, hang or
/// answer garbage until told `up` again.
struct PortalStandInCommand: Command {
    static let name = "portal-standin"
    static let summary = "Run a stand-in for the national portal on 127.0.0.1 (demos, trials of intake.portal)"
    static let usage = "motcua portal-standin [--listen 127.0.0.1:18091] [--username U --password P] [--mode up|fail|hang|garbage]"

    let host: String
    let port: Int
    let credentials: (String, String)?
    let mode: PortalStandIn.Mode

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments, options: ["listen", "username", "password", "mode"])
        try parsed.expectPositionals(0...0, "no positional arguments")
        (host, port) = try ServeCommand.listenAddress(parsed.option("listen") ?? "127.0.0.1:18091")
        guard host == "127.0.0.1" || host == "localhost" else {
            throw UsageError("the stand-in listens on loopback only: --listen 127.0.0.1:PORT")
        }
        switch (parsed.option("username"), parsed.option("password")) {
        case (let user?, let password?): credentials = (user, password)
        case (nil, nil): credentials = nil
        default: throw UsageError("give both --username and --password, or neither (then any pair signs in)")
        }
        guard let mode = PortalStandIn.Mode(rawValue: parsed.option("mode") ?? "up") else {
            throw UsageError("--mode takes \(PortalStandIn.Mode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.mode = mode
    }

    func run() async throws {
        let signals = ShutdownSignals()
        let standIn = PortalStandIn(credentials: credentials)
        standIn.set(mode)
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: port)
        configuration.loopThreads = 1
        let server = HTTPServer(configuration: configuration, router: standIn.router())
        do throws(HTTPServerError) {
            try server.start()
        } catch {
            Output.error("motcua portal-standin: cannot listen on 127.0.0.1:\(port): \(Output.language == .vi ? error.messageVi : error.message)")
            throw ExitCode.environment
        }
        let base = "http://127.0.0.1:\(server.port)"
        Output.line("portal stand-in (\(mode.rawValue)) at \(base)\(PortalStandIn.servicePath), sign-in \(base)\(PortalStandIn.authPath); "
                    + "switch with: curl -d '{\"mode\":\"fail\"}' \(base)\(PortalStandIn.controlPath)")
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            _ = await signals.next()
            await server.shutdown(gracePeriod: .seconds(2))
            try await group.waitForAll()
        }
        let held = standIn.dossiers
        Output.line("portal stand-in: stopped; held \(held.count) dossier(s), \(standIn.steps.count) step(s), refused \(standIn.invalid.count) invalid message(s)")
    }
}
