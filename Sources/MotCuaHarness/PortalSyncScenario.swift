#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHTTP
import MotCuaHTTPClient

/// Sends every request to one loopback port, whatever address the manifest names: the
/// harness talks to its stand-in and never to the real portal.
public struct LoopbackRedirect: OutboundHTTP {
    let port: Int
    let client = CurlClient()

    /// Sends everything to `127.0.0.1:port`, keeping the path.
    public init(port: Int) {
        self.port = port
    }

    public func post(_ request: OutboundRequest) async throws(OutboundFailure) -> OutboundAnswer {
        var redirected = request
        let rest = request.url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        redirected.url = "http://127.0.0.1:\(port)/" + (rest.count > 3 ? String(rest[3]) : "")
        redirected.proxy = nil
        return try await client.post(redirected)
    }
}

extension IntakeSuite {
    /// Runs when the deployment enables the national portal add-on: a day of dossiers with
    /// the portal down for part of it, then every dossier and step arrives once, in order,
    /// every field as the mapping says.
    static func portalSync(_ base: HarnessEnvironment) async throws {
        guard base.composition.portalSync != nil else { return }
        let standIn = PortalStandIn()
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.loopThreads = 1
        let server = HTTPServer(configuration: configuration, router: standIn.router())
        try server.start()
        let running = Task { try? await server.run() }
        defer { server.requestShutdown(gracePeriod: .milliseconds(100)); running.cancel() }
        let environment = try HarnessEnvironment(deployment: base.deployment, catalogue: base.catalogue, seed: base.seed,
                                                 outbound: LoopbackRedirect(port: server.port))
        guard let sync = environment.composition.portalSync else { return }
        // The credentials file the manifest names, when it lives in the data folder (the stand-in takes any pair).
        let section = environment.deployment.plugins.first { $0.id == type(of: sync).id }
        if let file = section?.settings["credentialsFile"]?.stringValue, !file.hasPrefix("/") {
            try FileManager.default.createDirectory(at: environment.dataFolder, withIntermediateDirectories: true)
            try Data(#"{"username": "harness", "password": "harness"}"#.utf8).write(to: environment.dataFolder.appendingPathComponent(file))
        }
        let intake = try primary(environment)
        let actor = Principal.staff("harness")
        var codes: [String] = []
        for (index, procedure) in sample(environment.deployment).enumerated() {
            var request = request(procedure, environment.deployment)
            request.channel = index % 3 == 1 ? .online : .counter
            let dossier = try intake.receive(request, by: actor)
            codes.append(dossier.code)
            environment.clock.advance(by: 600)
            if index % 2 == 0 {
                for status in [Dossier.Status.inProcess, .done, .returned] {
                    _ = try intake.transition(dossier: dossier.code, to: status, note: nil, by: actor)
                    environment.clock.advance(by: 60)
                }
            }
            if index == 1 { standIn.set(.fail) }
            _ = await sync.sendPending()
        }
        let down = try sync.syncStatus()
        try expect(down.waiting > 0 && down.lastError != nil, "portal down: \(down.waiting) entries waiting, last error \(down.lastError?.en ?? "none")")
        standIn.set(.up)
        var passes = 0
        while try sync.syncStatus().waiting > 0, passes < 20 {
            passes += 1
            let pass = await sync.sendPending()
            if let reason = pass.stoppedBy { throw HarnessFailure("portal sync stopped with the stand-in up: \(reason.en)") }
        }
        try expect(standIn.invalid.isEmpty, "the stand-in refused fields: \(standIn.invalid.first?.map { "\($0.field) \($0.code)" } ?? [])")
        let held = standIn.dossiers
        for code in codes {
            let portalCode = try sync.syncState(dossier: code)?.portalCode ?? code
            try expect(held[portalCode]?.created == 1 && held[portalCode]?.newAgain == 0, "\(code): created \(held[portalCode]?.created ?? 0) time(s) on the portal")
            let journalled = try environment.store.journalEntries(matching: JournalQuery(subject: "dossier:\(code)", kinds: ["dossier.received", "dossier.status-changed"], limit: 100))
            let steps = standIn.steps.filter { $0.code == portalCode }
            try expect(steps.count == journalled.count, "\(code): \(steps.count) step(s) on the portal, \(journalled.count) in the journal")
            let expected = journalled.map { PortalTime.format($0.at) }
            try expect(steps.map(\.at) == expected, "\(code): steps at \(steps.map(\.at)), journalled at \(expected)")
        }
        try expect(standIn.stepsAgain == 0, "\(standIn.stepsAgain) step(s) sent twice")
    }
}
