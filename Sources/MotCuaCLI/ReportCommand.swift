#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHost
import MotCuaStore

/// `motcua report`: a report for a period from the centre's database, or a rebuild of every
/// report's tables from the journal.
struct ReportCommand: Command {
    static let name = "report"
    static let summary = "Print a report for a period (json, csv), or rebuild the reports from the journal"
    static let usage = """
        motcua report <id> --period 2026-03 [--cut sector[:id]] [--format json|csv] [--deployment m.json] [--data ./data] [--database URL]
          motcua report rebuild [--deployment m.json] [--data ./data] [--database URL]
        """

    let report: String
    let period: ReportPeriod?
    let cut: ReportCut?
    let format: String
    let manifest: String?
    let dataFolder: String
    let database: DatabaseOption

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments, options: ["period", "cut", "format", "deployment", "data", "database"])
        try parsed.expectPositionals(1...1, "a report id (e.g. period, index766) or rebuild")
        report = parsed.positionals[0]
        manifest = parsed.option("deployment")
        dataFolder = parsed.option("data") ?? "data"
        database = try DatabaseOption(parsed)
        format = parsed.option("format") ?? "json"
        guard ["json", "csv"].contains(format) else { throw UsageError("--format takes json or csv, got \"\(format)\"") }
        do {
            cut = try parsed.option("cut").map { try ReportCut(parsing: $0) }
            period = try parsed.option("period").map { try ReportPeriod(parsing: $0) }
        } catch let problem as Problem {
            throw UsageError(problem.message.text(Output.language))
        } catch {
            throw UsageError("\(error)")
        }
        if report != "rebuild", period == nil { throw UsageError("--period is required, e.g. --period 2026-03 or --period 2026-03-01..2026-03-31") }
    }

    /// The deployment composed on the data folder's database, for the reporting commands.
    static func compose(manifest: String?, dataFolder: String, database: DatabaseOption = .sqlite, outbound: (any OutboundHTTP)? = nil) throws
        -> (Deployment, any Store, Composition) {
        let deployment = try DeploymentLoading.deployment(manifest)
        try ServeCommand.checkKeyFile(dataFolder)
        let store = try database.open(centre: deployment.centre.id, dataFolder: dataFolder, command: "report")
        let key = try ServeCommand.loadKey(dataFolder, store: store)
        do {
            let composition = try Composition.compose(deployment, catalogue: CLIContext.catalogue, store: store, clock: SystemClock(),
                                                      events: DiscardingEventSink(), logHandler: StandardErrorLogHandler(),
                                                      dataFolder: URL(fileURLWithPath: dataFolder, isDirectory: true), key: key, outbound: outbound)
            return (deployment, store, composition)
        } catch {
            for problem in error.problems { Output.error("motcua: \(problem.message.text(Output.language))") }
            throw ExitCode.failure
        }
    }

    func run() async throws {
        let (deployment, store, composition) = try Self.compose(manifest: manifest, dataFolder: dataFolder, database: database)
        let plugins = composition.reporting
        guard !plugins.isEmpty else {
            Output.error("motcua report: \(deployment.centre.id) composes no reporting plugin; add reporting.standard to its manifest")
            throw ExitCode.failure
        }
        if report == "rebuild" { return try rebuild(plugins, deployment: deployment) }
        guard let plugin = plugins.first(where: { $0.reportIDs.contains(report) }) else {
            Output.error("motcua report: no report \"\(report)\"; this deployment has \(plugins.flatMap(\.reportIDs).joined(separator: ", "))")
            throw ExitCode.failure
        }
        let codes = try composition.portalSync?.portalCodes(dossiers: []) ?? PortalCodes()
        let produced = try plugin.produce(report: report, period: period!, cut: cut).inPortalWords(codes)
        if format == "csv" {
            // Named as the page and the download name them: a clerk's full name, not a login.
            let names = try IdentityService(store: store, clock: SystemClock()).displayNamesByLogin()
            let named = Pages.namingCut(produced, deployment: deployment, language: .vi, staffNames: names)
            Output.line(ReportCSV.text(named).replacing("\r\n", with: "\n").replacing("\u{FEFF}", with: ""))
        } else {
            Output.line(try JSONValueEncoder().encode(produced).serialized(pretty: true))
        }
    }

    /// Rebuilds, then checks that this month's and this year's reports did not change.
    private func rebuild(_ plugins: [any ReportingPlugin], deployment: Deployment) throws {
        let today = deployment.calendar.local(Date()).date
        let periods = [ReportPeriod.containing(today, unit: .month), .containing(today, unit: .year)]
        for plugin in plugins {
            let before = try periods.flatMap { period in try plugin.reportIDs.map { try plugin.produce(report: $0, period: period) } }
            let started = ContinuousClock.now
            let replayed = try plugin.rebuild()
            let elapsed = ContinuousClock.now - started
            let after = try periods.flatMap { period in try plugin.reportIDs.map { try plugin.produce(report: $0, period: period) } }
            guard before == after else {
                let figure = zip(before.flatMap(\.figures), after.flatMap(\.figures)).first { $0 != $1 }
                Output.error("motcua report rebuild: \(type(of: plugin).id) gives different numbers after the rebuild"
                             + (figure.map { ": \($0.0.id) was \($0.0.text), is \($0.1.text)" } ?? ""))
                throw ExitCode.failure
            }
            Output.line("\(type(of: plugin).id): replayed \(replayed) journal entries in \(Output.seconds(elapsed)); "
                        + "this month's and this year's reports are identical")
        }
    }
}
