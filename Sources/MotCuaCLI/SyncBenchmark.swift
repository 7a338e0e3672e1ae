#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHarness
import MotCuaHost
import MotCuaHTTP
import MotCuaStore

/// `motcua bench sync`: the national portal add-on against the stand-in on loopback.
///
/// The same intake workload (each dossier received, moved to "in process" and decided: three
/// journal entries, six portal messages) runs twice on durable database files, once with the
/// sender idle and once with it sending beside the clerks; the ratio is the sender's added
/// cost on intake (goal ≤ 1.1×). Then the idle run's backlog is sent, giving messages per
/// second to the stand-in.
struct SyncBenchmark {
    var dossiers: Int
    var directory: String
    var manifest: String?

    func run() async throws {
        let deployment = try DeploymentLoading.deployment(manifest)
        let procedures = Array(deployment.enabledProcedures.prefix(8))
        let folder = PlainText.join(directory, "motcua-bench-sync-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let standIn = PortalStandIn()
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.loopThreads = 1
        let server = HTTPServer(configuration: configuration, router: standIn.router())
        try server.start()
        let serving = Task { try? await server.run() }
        defer { server.requestShutdown(gracePeriod: .milliseconds(100)); serving.cancel() }
        Output.line("bench sync: \(deployment.centre.id), \(dossiers) dossiers × 3 steps, stand-in on 127.0.0.1:\(server.port), durable files in \(folder)")

        let idle = try setUp(deployment, folder: folder, name: "idle", port: server.port)
        guard idle.composition.portalSync != nil else {
            Output.error("motcua bench sync: \(deployment.centre.id) does not enable the portal add-on; use a manifest that does (the demo does)")
            throw ExitCode.failure
        }
        let idleSeconds = try workload(idle, procedures, deployment)

        let busy = try setUp(deployment, folder: folder, name: "busy", port: server.port)
        let sync = busy.composition.portalSync!
        let busySeconds = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await sync.run() }
            let seconds = try workload(busy, procedures, deployment)
            while try sync.syncStatus().waiting > 0 { try await Task.sleep(for: .milliseconds(20)) }
            group.cancelAll()
            return seconds
        }

        let backlog = idle.composition.portalSync!
        let started = ContinuousClock.now
        var messages = 0
        while true {
            let pass = await backlog.sendPending()
            messages += pass.accepted + pass.refused
            if let reason = pass.stoppedBy { throw Problem("bench.sync", status: 500, en: "sending stopped: \(reason.en)", vi: "gửi bị dừng: \(reason.vi)") }
            if pass.accepted + pass.refused == 0 { break }
        }
        let sendSeconds = (ContinuousClock.now - started).seconds
        let steps = dossiers * 3
        Output.line("  intake, sender idle:     \(steps) steps in \(idleSeconds.fixed(2)) s = \((Double(steps) / idleSeconds).fixed(0)) steps/s")
        Output.line("  intake, sender sending:  \(steps) steps in \(busySeconds.fixed(2)) s = \((Double(steps) / busySeconds).fixed(0)) steps/s")
        Output.line("  added cost on intake:    \((busySeconds / idleSeconds).fixed(2))× (goal ≤ 1.10×)")
        Output.line("  sending a backlog:       \(messages) messages in \(sendSeconds.fixed(2)) s = \((Double(messages) / sendSeconds).fixed(0)) messages/s to the stand-in")
        Output.line("  stand-in: \(standIn.dossiers.count) dossiers held, \(standIn.steps.count) steps, \(standIn.invalid.count) refused as invalid")
    }

    struct Centre {
        var composition: Composition
        var clock: ManualClock
    }

    private func setUp(_ deployment: Deployment, folder: String, name: String, port: Int) throws -> Centre {
        let data = URL(fileURLWithPath: PlainText.join(folder, name), isDirectory: true)
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try Data(#"{"username": "bench", "password": "bench"}"#.utf8).write(to: data.appendingPathComponent("portal-credentials.json"))
        let store = try SQLiteStore(path: data.appendingPathComponent("motcua.sqlite").path)
        let clock = ManualClock(deployment.calendar.instant(LocalDate(year: 2026, month: 3, day: 2)!, LocalTime(hour: 8, minute: 0)!))
        do {
            let composition = try Composition.compose(deployment, catalogue: CLIContext.catalogue, store: store, clock: clock, events: DiscardingEventSink(),
                                                      logHandler: SilentLogHandler(), dataFolder: data, outbound: LoopbackRedirect(port: port))
            return Centre(composition: composition, clock: clock)
        } catch {
            throw Problem("bench.compose", status: 500, en: error.description, vi: error.description)
        }
    }

    private func workload(_ centre: Centre, _ procedures: [Procedure], _ deployment: Deployment) throws -> Double {
        let intake = centre.composition.intake!
        let clerk = Principal.staff("bench")
        let started = ContinuousClock.now
        for number in 0..<dossiers {
            let request = IntakeSuite.sampleRequest(procedures[number % procedures.count], deployment)
            let dossier = try intake.receive(request, by: clerk)
            _ = try intake.transition(dossier: dossier.code, to: .inProcess, note: nil, by: clerk)
            _ = try intake.transition(dossier: dossier.code, to: .refused, note: "Thiếu giấy tờ", by: clerk)
            centre.clock.advance(by: 20)
        }
        return (ContinuousClock.now - started).seconds
    }
}
