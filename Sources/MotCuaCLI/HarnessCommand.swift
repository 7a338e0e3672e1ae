#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHarness
import MotCuaHost

/// `motcua harness [manifest… | dir]`: the shared harness over every configuration, for provincial IT and CI.
///
/// A folder is searched recursively for `*.json`; abstract layers are skipped as the loader
/// reports them, so a deployment provincial IT adds is picked up without code changes.
/// Deployments run in parallel up to the core count; any failure exits 1 and names the
/// scenario, the broken invariant and the seed that replays it.
struct HarnessCommand: Command {
    static let name = "harness"
    static let summary = "Run the shared harness on deployments (default: the embedded one); exit 1 on any failure"
    static let usage = "motcua harness [manifest.json… | folder…] [--seed N|random] [--junit FILE] [--jobs N] [--database postgresql://user@host/db]"

    let paths: [String]
    let seed: UInt64?
    let junit: String?
    let jobs: Int
    let database: DatabaseOption

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments, options: ["seed", "junit", "jobs", "database"])
        database = try DatabaseOption(parsed)
        paths = parsed.positionals
        switch parsed.option("seed") {
        case nil: seed = nil
        case "random": seed = UInt64.random(in: 1...UInt64(UInt32.max))
        case let text?:
            guard let value = UInt64(text) else { throw UsageError("--seed must be a whole number or \"random\", got \"\(text)\"") }
            seed = value
        }
        junit = parsed.option("junit")
        jobs = try parsed.integer("jobs", in: 1...256) ?? ProcessInfo.processInfo.activeProcessorCount
    }

    func run() async throws {
        let catalogue = CLIContext.catalogue
        let harness: DeploymentHarness
        var files: [String]
        // On PostgreSQL each scenario gets a schema of its own, dropped when the run ends.
        let schemas = HarnessSchemas(location: database.postgres)
        defer { schemas.dropAll() }
        let makeStore: DeploymentHarness.StoreFactory = { try schemas.makeStore() }
        if paths.isEmpty {
            let source = InMemoryManifestSource([DeploymentLoading.embeddedName: DeploymentLoading.embeddedManifest])
            harness = DeploymentHarness(catalogue: catalogue, source: source, seed: seed ?? DeploymentHarness.defaultSeed, makeStore: makeStore)
            files = [DeploymentLoading.embeddedName]
        } else {
            harness = DeploymentHarness(catalogue: catalogue, source: FileManifestSource(), seed: seed ?? DeploymentHarness.defaultSeed,
                                        makeStore: makeStore)
            files = paths.flatMap(Self.manifests(under:))
        }
        let layers = files.filter(harness.isAbstractLayer)
        files.removeAll(where: Set(layers).contains)
        guard !files.isEmpty else {
            Output.error("no deployment manifests found in " + paths.joined(separator: ", ")
                         + (layers.isEmpty ? "" : " (only \(layers.count) abstract layer(s))"))
            throw ExitCode.failure
        }

        let started = ContinuousClock.now
        let reports = await harness.run(files, width: jobs)
        let elapsed = ContinuousClock.now - started
        Output.line(Self.table(reports))
        let scenarios = reports.map(\.outcomes.count).reduce(0, +)
        let failed = reports.map(\.failedCount).reduce(0, +)
        Output.line("\(reports.count) deployment(s), \(scenarios) scenario(s): \(scenarios - failed) passed, \(failed) failed, "
                    + "in \(Output.seconds(elapsed)) (\(min(jobs, reports.count)) at a time, seed \(harness.seed))"
                    + (layers.isEmpty ? "" : "; \(layers.count) abstract layer(s) skipped"))
        for report in reports where !report.passed {
            Output.error(Self.failureText(report))
        }
        if let junit {
            do {
                try Data(JUnitReport.xml(reports).utf8).write(to: URL(fileURLWithPath: junit), options: .atomic)
                Output.line("wrote JUnit report \(junit)")
            } catch {
                Output.error("cannot write the JUnit report \(junit): \(error)")
                throw ExitCode.environment
            }
        }
        if failed > 0 { throw ExitCode.failure }
    }

    /// One row per deployment: centre, scenarios passed and failed, the day's figures, time.
    static func table(_ reports: [DeploymentHarness.Report]) -> String {
        var rows = [["CENTRE", "PASSED", "FAILED", "DAY", "TIME", "FILE"]]
        for report in reports {
            let day = report.figures.isEmpty ? "-" : report.figures.map { "\($0.name) \($0.value)" }.joined(separator: ", ")
            rows.append([report.deploymentID ?? "?", "\(report.passedCount)", "\(report.failedCount)", day,
                         Output.seconds(report.duration), report.file])
        }
        return Output.table(rows)
    }

    /// Each failure of one deployment, with the command that replays it.
    static func failureText(_ report: DeploymentHarness.Report) -> String {
        var lines = ["FAIL \(report.deploymentID ?? report.file) (\(report.file)), seed \(report.seed)"]
        for outcome in report.outcomes {
            guard let failure = outcome.failure else { continue }
            lines.append("  \(outcome.scenario): \(failure)")
        }
        let file = report.file == DeploymentLoading.embeddedName ? "" : " \(report.file)"
        lines.append("  replay: motcua harness\(file) --seed \(report.seed)")
        return lines.joined(separator: "\n")
    }

    /// The manifests at `path`: the file itself, or every `*.json` under a folder, sorted.
    static func manifests(under path: String) -> [String] {
        var isFolder = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder else { return [path] }
        let folder = path.hasSuffix("/") ? String(path.dropLast()) : path
        let found = ((try? FileManager.default.subpathsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".json") }
        return found.sorted().map { folder + "/" + $0 }
    }
}
