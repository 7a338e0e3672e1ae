import MotCuaCore
import MotCuaHost

/// Loading the deployment a command works on: a manifest path, or the embedded demo.
enum DeploymentLoading {
    /// The name the embedded demo is known by in messages.
    static let embeddedName = "<embedded deployment>"

    /// The embedded manifest: the demo in the stock binary, the commune's own in a built one.
    static var embeddedManifest: [UInt8] { CLIContext.current.embeddedManifest }

    /// Loads and validates a manifest, printing every diagnostic and throwing on failure.
    /// With `checkingUnits`, a deployment's unit code must be an official unit of its province
    /// that the centre's name names (``OfficialUnits``).
    static func load(_ path: String?, checkingUnits: Bool = false) throws(ExitCode) -> ManifestLoader.Loaded {
        let units = checkingUnits ? OfficialUnits.units : nil
        let loader: ManifestLoader
        let file: String
        if let path {
            loader = CLIContext.catalogue.loader(source: FileManifestSource(), units: units)
            file = path
        } else {
            loader = CLIContext.catalogue.loader(source: InMemoryManifestSource([embeddedName: embeddedManifest]), units: units)
            file = embeddedName
        }
        do {
            return try loader.load(file)
        } catch {
            for diagnostic in error.diagnostics { Output.error(diagnostic.rendered(Output.language)) }
            Output.error("\(file): \(error.diagnostics.count) error(s)")
            throw .failure
        }
    }

    /// Loads a manifest that must be a deployment, not an abstract layer.
    static func deployment(_ path: String?) throws(ExitCode) -> Deployment {
        let loaded = try load(path)
        guard let deployment = loaded.deployment else {
            Output.error("\(loaded.file): this is an abstract layer (\"abstract\": true), not a deployment; name a commune or centre manifest")
            throw .failure
        }
        return deployment
    }
}
