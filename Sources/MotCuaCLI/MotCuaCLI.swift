#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHost

/// The `motcua` command line as a library, so every binary built from a manifest runs the same commands.
///
/// The stock `motcua` passes every built-in plugin and the embedded demo; a per-commune
/// binary from `motcua build` passes only its manifest's plugins and its own resolved manifest.
public enum MotCuaCLI {
    /// Runs one command line and returns the process exit status.
    ///
    /// `arguments` excludes the program name. Exit statuses: 0 ok, 1 invalid input,
    /// 2 usage error, 3 environment (files, ports, database, a failed build).
    /// `embeddedManifest` is the resolved manifest `serve`, `harness` and `check` use when
    /// given no file; `catalogue` is everything `plugins` lists and a manifest may name.
    /// `products` maps every shipped plugin id to its library product, for `motcua build`;
    /// a binary built for one deployment passes none and cannot build others.
    public static func main(catalogue: PluginCatalogue, embeddedManifest: [UInt8], arguments: [String],
                            products: [PluginID: String] = [:]) async -> Int32 {
        let context = CLIContext(catalogue: catalogue, embeddedManifest: embeddedManifest, products: products)
        return await CLIContext.$current.withValue(context) {
            await run(arguments)
        }
    }

    /// Picks the command, parses its arguments, runs it and maps failures to exit codes.
    static func run(_ arguments: [String]) async -> Int32 {
        guard let name = arguments.first, name != "--help", name != "-h" else {
            Output.line(HelpCommand.text)
            return arguments.isEmpty ? 2 : 0
        }
        guard let commandType = commands.first(where: { $0.name == name }) else {
            Output.error("motcua: unknown command \"\(name)\"\n")
            Output.error(HelpCommand.text)
            return 2
        }
        do {
            let command = try commandType.init(arguments: Array(arguments.dropFirst()))
            try await command.run()
            return 0
        } catch let error as UsageError {
            Output.error("motcua \(name): \(error.message)\nusage: \(commandType.usage)")
            return 2
        } catch let error as ExitCode {
            return error.code
        } catch let problem as Problem {
            Output.error("motcua \(name): \(problem.message.text(Output.language))")
            return problem.exitCode
        } catch {
            Output.error("motcua \(name): \(error)")
            return 3
        }
    }
}

/// What this binary was built with: its plugins and its embedded manifest.
///
/// A task-local rather than a global so the library holds no mutable state; child tasks
/// (the harness runs deployments in a task group) inherit it.
struct CLIContext: Sendable {
    /// The plugins compiled into this binary.
    var catalogue: PluginCatalogue
    /// The resolved manifest used when a command is given no file.
    var embeddedManifest: [UInt8]
    /// The library product of every plugin MotCua ships, by id; empty in a per-deployment binary.
    var products: [PluginID: String] = [:]
    /// The runner's plugin set and signing key, in a commune binary built by `motcua build`.
    var stamp: StampedManifest.Identity?

    /// The context of the running command line.
    @TaskLocal static var current = CLIContext(catalogue: PluginCatalogue([], requiredKinds: []), embeddedManifest: [])

    /// The plugins compiled into this binary (shorthand for `current.catalogue`).
    static var catalogue: PluginCatalogue { current.catalogue }
}
