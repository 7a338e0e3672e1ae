import MotCuaCore
import MotCuaHost
import MotCuaStore

/// `motcua version`: what this binary is — MotCua version, embedded deployment, plugins, manifest hash.
///
/// Provincial IT compares the hash with the resolved manifest in the checkout to know which
/// configuration a commune's PC runs.
struct VersionCommand: Command {
    static let name = "version"
    static let summary = "Print the MotCua version, the deployment, its plugins (and plugin set), the manifest hash and the signing key"
    static let usage = "motcua version"

    init(arguments: [String]) throws(UsageError) {
        try Arguments(arguments).expectPositionals(0...0, "no arguments")
    }

    func run() async throws {
        let deployment = try DeploymentLoading.deployment(nil)
        let plugins = CLIContext.catalogue.descriptors.map { "\($0.id) \($0.version)" }
        var rows = [
            ["MotCua", MotCuaVersion.current],
            ["deployment", "\(deployment.centre.id) (\(CLIContext.current.stamp == nil ? "embedded" : "stamped, signature checked"))"],
            ["plugins", plugins.isEmpty ? "none" : plugins.joined(separator: ", ")],
            ["manifest", "sha256 " + SHA256.hex(DeploymentLoading.embeddedManifest)],
        ]
        if let stamp = CLIContext.current.stamp {
            rows.insert(["plugin set", stamp.pluginSet.isEmpty ? "none" : stamp.pluginSet], at: 3)
            rows.append(["signed by", "province key \(stamp.keyFingerprint)"])
        }
        Output.line(Output.table(rows))
    }
}
