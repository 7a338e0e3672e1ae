import MotCuaCore
import MotCuaHost

/// `motcua check <manifest…>`: validates manifests and their composition, reporting every error,
/// including a centre unit code that is not the official unit its name and province give.
struct CheckCommand: Command {
    static let name = "check"
    static let summary = "Validate manifests; exit 1 with every error found"
    static let usage = "motcua check <manifest.json>…"

    let paths: [String]

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments)
        try parsed.expectPositionals(1...10_000, "one or more manifest files")
        paths = parsed.positionals
    }

    func run() async throws {
        var failed = 0
        for path in paths {
            let loaded: ManifestLoader.Loaded
            do {
                loaded = try DeploymentLoading.load(path, checkingUnits: true)
            } catch {
                failed += 1
                continue
            }
            for warning in loaded.warnings { Output.line("warn  \(warning.rendered(Output.language))") }
            guard let deployment = loaded.deployment else {
                Output.line("ok    \(path)  (layer)")
                continue
            }
            let products = CLIContext.catalogue.productDiagnostics(deployment, file: path)
            for problem in products { Output.error(problem.rendered(Output.language)) }
            do {
                let plan = try Composition.plan(deployment, catalogue: CLIContext.catalogue)
                guard products.isEmpty else {
                    failed += 1
                    continue
                }
                let plugins = plan.descriptors.map(\.id.rawValue).joined(separator: ", ")
                Output.line("ok    \(path)  \(deployment.centre.id): \(deployment.enabledSectorIDs.count) sectors, "
                            + "\(deployment.enabledProcedures.count) procedures, \(deployment.counters.count) counters"
                            + (plugins.isEmpty ? "" : ", plugins: \(plugins)"))
            } catch {
                failed += 1
                for problem in error.problems { Output.error("\(path): \(problem.message.text(Output.language))") }
            }
        }
        if failed > 0 {
            Output.error("\(failed) of \(paths.count) manifest(s) failed")
            throw ExitCode.failure
        }
    }
}
