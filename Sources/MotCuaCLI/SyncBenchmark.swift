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
/// The same intake workload (each dossier received, moved to "in process" and refused: three
/// journal entries, six portal messages) runs on two centres with durable database files:
/// one composed without the add-on ("off") and one with its sender running beside the
/// clerks ("on"). The two take turns in rounds (off-on, then on-off) so that warming up and
/// the machine's other load fall on both; the ratio of their totals is the add-on's cost on
/// intake (goal ≤ 1.1×). A third centre with the add-on composed but idle gathers the same
/// backlog, which is then sent alone: messages per second to the stand-in.
struct SyncBenchmark {
    var dossiers: Int
    var directory: String
    var manifest: String?
    /// Turns each centre takes; the dossiers are split among them.
    var rounds = 6

    func run() async throws {
        let deployment = try DeploymentLoading.deployment(manifest)
        let procedures = Array(deployment.enabledProcedures.prefix(8))
        let folder = PlainText.join(directory, "motcua-bench-sync-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // One stand-in per sending centre: both send the same dossier codes.
        let (busyStandIn, busyServer, busyServing) = try Self.standIn()
        let (backlogStandIn, backlogServer, backlogServing) = try Self.standIn()
        defer {
            busyServer.requestShutdown(gracePeriod: .milliseconds(100)); busyServing.cancel()
            backlogServer.requestShutdown(gracePeriod: .milliseconds(100)); backlogServing.cancel()
        }
        let busy = try setUp(deployment, folder: folder, name: "on", port: busyServer.port)
        guard let sync = busy.composition.portalSync else {
            Output.error("motcua bench sync: \(deployment.centre.id) does not enable the portal add-on; use a manifest that does (the demo does)")
            throw ExitCode.failure
        }
        var without = deployment
        without.plugins.removeAll { $0.id == type(of: sync).id }
        let off = try setUp(without, folder: folder, name: "off", port: busyServer.port)
        let idle = try setUp(deployment, folder: folder, name: "idle", port: backlogServer.port)
        let rounds = max(1, min(self.rounds, dossiers))
        Output.line("bench sync: \(deployment.centre.id), \(dossiers) dossiers × 3 steps per centre in \(rounds) turns each, "
                    + "stand-ins on 127.0.0.1:\(busyServer.port) and :\(backlogServer.port), durable files in \(folder)")

        var offSeconds = 0.0, onSeconds = 0.0, catchUpSeconds = 0.0
        for round in 0..<rounds {
            let share = dossiers / rounds + (round < dossiers % rounds ? 1 : 0)
            let first = round * (dossiers / rounds) + min(round, dossiers % rounds)
            let range = first..<(first + share)
            for turn in (round % 2 == 0 ? ["off", "on"] : ["on", "off"]) {
                if turn == "off" {
                    offSeconds += try workload(off, procedures, deployment, range)
                } else {
                    onSeconds += try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask { await sync.run() }
                        let seconds = try workload(busy, procedures, deployment, range)
                        // The sender catches up before the other centre's turn, so it never runs during it.
                        let started = ContinuousClock.now
                        while try sync.syncStatus().waiting > 0 { try await Task.sleep(for: .milliseconds(10)) }
                        catchUpSeconds += (ContinuousClock.now - started).seconds
                        group.cancelAll()
                        return seconds
                    }
                }
            }
        }
        _ = try workload(idle, procedures, deployment, 0..<dossiers)

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
        Output.line("  intake, add-on off:          \(steps) steps in \(offSeconds.fixed(2)) s = \((Double(steps) / offSeconds).fixed(0)) steps/s")
        Output.line("  intake, add-on on, sending:  \(steps) steps in \(onSeconds.fixed(2)) s = \((Double(steps) / onSeconds).fixed(0)) steps/s "
                    + "(then \(catchUpSeconds.fixed(2)) s until all was sent)")
        Output.line("  added cost on intake:        \((onSeconds / offSeconds).fixed(2))× (goal ≤ 1.10×)")
        Output.line("  sending a backlog:           \(messages) messages in \(sendSeconds.fixed(2)) s = \((Double(messages) / sendSeconds).fixed(0)) messages/s to the stand-in")
        for (name, standIn) in [("on", busyStandIn), ("backlog", backlogStandIn)] {
            Output.line("  stand-in (\(name)): \(standIn.dossiers.count) dossiers held, \(standIn.steps.count) steps, \(standIn.stepsAgain) steps again, "
                        + "\(standIn.invalid.count) refused as invalid")
        }
    }

    /// A stand-in serving on 127.0.0.1 with one loop thread.
    private static func standIn() throws -> (PortalStandIn, HTTPServer, Task<Void, Never>) {
        let standIn = PortalStandIn()
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.loopThreads = 1
        let server = HTTPServer(configuration: configuration, router: standIn.router())
        try server.start()
        return (standIn, server, Task { try? await server.run() })
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

    private func workload(_ centre: Centre, _ procedures: [Procedure], _ deployment: Deployment, _ numbers: Range<Int>) throws -> Double {
        let intake = centre.composition.intake!
        let clerk = Principal.staff("bench")
        let started = ContinuousClock.now
        for number in numbers {
            let request = IntakeSuite.sampleRequest(procedures[number % procedures.count], deployment)
            let dossier = try intake.receive(request, by: clerk)
            _ = try intake.transition(dossier: dossier.code, to: .inProcess, note: nil, by: clerk)
            _ = try intake.transition(dossier: dossier.code, to: .refused, note: "Thiếu giấy tờ", by: clerk)
            centre.clock.advance(by: 20)
        }
        return (ContinuousClock.now - started).seconds
    }
}
