import MotCuaCore
import MotCuaHost
import MotCuaStore

/// `motcua version`: what this binary is — MotCua version, embedded deployment, plugins, manifest hash.
///
/// Provincial IT compares the hash with the resolved manifest in the checkout to know which
/// configuration a commune's PC runs.
struct VersionCommand: Command {
    static let name = "version"
    static let summary = "Print the MotCua version, the embedded deployment, its plugins and the manifest hash"
    static let usage = "motcua version"

    init(arguments: [String]) throws(UsageError) {
        try Arguments(arguments).expectPositionals(0...0, "no arguments")
    }

    func run() async throws {
        let deployment = try DeploymentLoading.deployment(nil)
        let plugins = CLIContext.catalogue.descriptors.map { "\($0.id) \($0.version)" }
        Output.line(Output.table([
            ["MotCua", MotCuaVersion.current],
            ["deployment", "\(deployment.centre.id) (embedded)"],
            ["plugins", plugins.isEmpty ? "none" : plugins.joined(separator: ", ")],
            ["manifest", "sha256 " + SHA256.hex(DeploymentLoading.embeddedManifest)],
        ]))
    }
}
