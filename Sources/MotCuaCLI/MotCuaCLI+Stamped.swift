import MotCuaCore
import MotCuaHost
import MotCuaStore

extension MotCuaCLI {
    /// Runs one command line in a commune binary: the runner's plugins and the manifest
    /// stamped onto it, once the province key's signature over it checks.
    ///
    /// A payload that is missing, damaged, altered or signed by another key stops every
    /// command before it starts, with the reason in Vietnamese and English (exit 3).
    /// `provinceKey` is the raw Ed25519 public key in hex, compiled into the runner.
    public static func runStamped(catalogue: PluginCatalogue, pluginSet: String, provinceKey: String, arguments: [String],
                                  executable: String = "/proc/self/exe") async -> Int32 {
        guard let publicKey = Hex.decode(provinceKey), publicKey.count == Ed25519.keyLength else {
            Output.error("motcua: this runner carries a malformed province key; rebuild it with motcua build")
            return 3
        }
        let manifest: [UInt8]
        do {
            manifest = try StampedManifest.read(executable: executable, publicKey: publicKey, pluginSet: pluginSet)
        } catch {
            Output.error("motcua: không khởi động: " + error.message.vi)
            Output.error("motcua: refusing to start: " + error.message.en)
            return 3
        }
        let identity = StampedManifest.Identity(pluginSet: pluginSet, keyFingerprint: StampedManifest.fingerprint(publicKey))
        let context = CLIContext(catalogue: catalogue, embeddedManifest: manifest, stamp: identity)
        return await CLIContext.$current.withValue(context) {
            await run(arguments)
        }
    }
}
