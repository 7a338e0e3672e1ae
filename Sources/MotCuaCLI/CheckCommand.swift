import MotCuaCore
import MotCuaHost

/// `motcua check <manifest… | folder…>`: validates manifests and their composition, reporting every
/// error, including a centre unit code that is not the official unit its name and province give,
/// and two deployments that claim the same centre id or unit code.
struct CheckCommand: Command {
    static let name = "check"
    static let summary = "Validate manifests; exit 1 with every error found"
    static let usage = "motcua check <manifest.json | folder>…"

    let paths: [String]

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments)
        try parsed.expectPositionals(1...10_000, "one or more manifest files or folders")
        paths = parsed.positionals.flatMap(HarnessCommand.manifests(under:))
    }

    func run() async throws {
        var failed: Set<String> = []
        var deployments: [(file: String, deployment: Deployment)] = []
        // A warning of a shared layer is printed once, not once per commune that extends it.
        var warned: Set<String> = []
        for path in paths {
            let loaded: ManifestLoader.Loaded
            do {
                loaded = try DeploymentLoading.load(path, checkingUnits: true)
            } catch {
                failed.insert(path)
                continue
            }
            for warning in loaded.warnings where warned.insert(warning.rendered(Output.language)).inserted {
                Output.line("warn  \(warning.rendered(Output.language))")
            }
            guard let deployment = loaded.deployment else {
                Output.line("ok    \(path)  (layer)")
                continue
            }
            deployments.append((path, deployment))
            let products = CLIContext.catalogue.productDiagnostics(deployment, file: path)
            for problem in products { Output.error(problem.rendered(Output.language)) }
            do {
                let plan = try Composition.plan(deployment, catalogue: CLIContext.catalogue)
                guard products.isEmpty else {
                    failed.insert(path)
                    continue
                }
                let plugins = plan.descriptors.map(\.id.rawValue).joined(separator: ", ")
                Output.line("ok    \(path)  \(deployment.centre.id): \(deployment.enabledSectorIDs.count) sectors, "
                            + "\(deployment.enabledProcedures.count) procedures, \(deployment.counters.count) counters"
                            + (plugins.isEmpty ? "" : ", plugins: \(plugins)"))
            } catch {
                failed.insert(path)
                for problem in error.problems { Output.error("\(path): \(problem.message.text(Output.language))") }
            }
        }
        let duplicates = DuplicateCentre.find(deployments)
        for duplicate in duplicates { Output.error(duplicate.rendered(Output.language)) }
        failed.formUnion(duplicates.map(\.file))
        if !failed.isEmpty {
            Output.error("\(failed.count) of \(paths.count) manifest(s) failed")
            throw ExitCode.failure
        }
    }
}
