import Foundation
import MotCuaCore
import MotCuaHost
import MotCuaStore

/// `motcua build <manifest>`: one self-contained binary for one deployment, linking only its plugins.
///
/// Like the OpenTelemetry Collector Builder: validate the manifest, write a thin package that
/// depends on this one by path and on exactly the plugin products it names, build that in
/// release mode with the Swift runtime linked statically, and place `dist/motcua-<id>` with
/// its SHA-256 beside it. Every deployment shares one build folder, so the second build
/// recompiles only the small generated target and the plugins not built before.
struct BuildCommand: Command {
    static let name = "build"
    static let summary = "Build one binary for a deployment, with only its plugins (dist/motcua-<id>)"
    static let usage = """
        motcua build <manifest.json> [--output dist/] [--plugins-only-check] [--package-only] [--source DIR] [--work DIR]
        """

    let manifest: String
    let output: String
    let pluginsOnlyCheck: Bool
    let packageOnly: Bool
    let source: String?
    let work: String?

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments, options: ["output", "source", "work"], switches: ["plugins-only-check", "package-only"])
        try parsed.expectPositionals(1...1, "one deployment manifest, e.g. Deployments/phu-tho/dao-xa.json")
        manifest = parsed.positionals[0]
        output = parsed.option("output") ?? "dist"
        pluginsOnlyCheck = parsed.flag("plugins-only-check")
        packageOnly = parsed.flag("package-only")
        source = parsed.option("source")
        work = parsed.option("work")
    }

    func run() async throws {
        let context = CLIContext.current
        guard !context.products.isEmpty else {
            Output.error("this binary was built for one deployment and cannot build others; use `swift run motcua build` in the MotCua source tree")
            throw ExitCode.failure
        }
        // Everything about the manifest is checked before anything is written or compiled.
        let loaded = try DeploymentLoading.load(manifest)
        guard let deployment = loaded.deployment else {
            Output.error("\(manifest): this is an abstract layer (\"abstract\": true), not a deployment; name a commune or centre manifest")
            throw ExitCode.failure
        }
        do {
            _ = try Composition.plan(deployment, catalogue: context.catalogue)
        } catch {
            for problem in error.problems { Output.error("\(manifest): \(problem.message.text(Output.language))") }
            throw ExitCode.failure
        }
        var products: [String] = []
        for section in deployment.plugins {
            guard let product = context.products[section.id] else {
                Output.error("\(manifest): plugin \(section.id) has no library product to link; known: "
                             + context.products.keys.sorted().map(\.rawValue).joined(separator: ", "))
                throw ExitCode.failure
            }
            products.append(product)
        }
        let chosen = Set(deployment.plugins.map(\.id))
        let others = context.products.keys.filter { !chosen.contains($0) }.sorted()
        let id = deployment.centre.id
        if pluginsOnlyCheck {
            Output.line("ok    \(manifest)  \(id): links " + (products.isEmpty ? "no plugins" : products.joined(separator: ", "))
                        + "; leaves out " + (others.isEmpty ? "nothing" : others.map(\.rawValue).joined(separator: ", ")))
            return
        }

        let root = try Self.sourceRoot(source)
        let package = DeploymentPackage(centreID: id, manifestFile: manifest, resolvedManifest: loaded.effective.serialized(pretty: true) + "\n",
                                        sourceRoot: root.path, pluginProducts: products, otherKnownIDs: others,
                                        requiredKinds: context.catalogue.requiredKinds)
        let workFolder = work.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? root.appendingPathComponent(".build/deployments", isDirectory: true)
        let packageFolder = workFolder.appendingPathComponent(id, isDirectory: true)
        do {
            try package.write(to: packageFolder)
        } catch {
            Output.error("cannot write the generated package to \(packageFolder.path): \(error)")
            throw ExitCode.environment
        }
        Output.line("wrote \(packageFolder.path) (links " + (products.isEmpty ? "no plugins" : products.joined(separator: ", ")) + ")")
        if packageOnly { return }

        let started = ContinuousClock.now
        let scratch = workFolder.appendingPathComponent(".shared-build", isDirectory: true)
        let log = packageFolder.appendingPathComponent("build.log")
        Output.line("building \(id) in release mode (log: \(log.path)) …")
        let status = try Self.swiftBuild(package: packageFolder, scratch: scratch, log: log)
        guard status == 0 else {
            Output.error("swift build failed for \(id) (exit \(status)); see \(log.path)")
            throw ExitCode.environment
        }
        try place(id: id, from: scratch.appendingPathComponent("release/\(DeploymentPackage.targetName)"), started: started)
    }

    /// Copies the built binary to `<output>/motcua-<id>` and writes its `.sha256` beside it.
    private func place(id: String, from built: URL, started: ContinuousClock.Instant) throws {
        let outputFolder = URL(fileURLWithPath: output, isDirectory: true)
        let binary = outputFolder.appendingPathComponent("motcua-\(id)")
        let bytes: [UInt8]
        do {
            try FileManager.default.createDirectory(at: outputFolder, withIntermediateDirectories: true)
            bytes = [UInt8](try Data(contentsOf: built))
            try Data(bytes).write(to: binary, options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: binary.path)
            let sum = SHA256.hex(bytes)
            // The format `sha256sum -c` reads: hash, two spaces, file name.
            try Data("\(sum)  motcua-\(id)\n".utf8).write(to: binary.appendingPathExtension("sha256"), options: .atomic)
        } catch {
            Output.error("cannot place the binary in \(outputFolder.path): \(error)")
            throw ExitCode.environment
        }
        Output.line("built \(binary.path): \(Self.megabytes(bytes.count)) in \(Output.seconds(ContinuousClock.now - started)); "
                    + "sha256 \(SHA256.hex(bytes))")
    }

    static func megabytes(_ count: Int) -> String {
        String(format: "%.1f MB", Double(count) / 1_048_576)
    }

    /// The MotCua package to depend on: `--source`, else the working directory, else the
    /// checkout this binary was compiled from.
    static func sourceRoot(_ explicit: String?) throws(ExitCode) -> URL {
        let compiledFrom = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = explicit.map { [URL(fileURLWithPath: $0)] }
            ?? [URL(fileURLWithPath: FileManager.default.currentDirectoryPath), compiledFrom]
        for candidate in candidates {
            let root = candidate.standardizedFileURL
            if FileManager.default.fileExists(atPath: root.appendingPathComponent("Sources/MotCuaCLI").path),
               FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) {
                return root
            }
        }
        Output.error("cannot find the MotCua source tree (a folder with Package.swift and Sources/MotCuaCLI); "
                     + "run from it or pass --source DIR")
        throw .environment
    }

    /// Runs `swift build -c release --static-swift-stdlib` on the generated package, output to `log`.
    static func swiftBuild(package: URL, scratch: URL, log: URL) throws -> Int32 {
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // No DWARF: it doubles the binary and a commune PC never debugs; the symbol table stays for `nm`.
        process.arguments = ["swift", "build", "-c", "release", "--static-swift-stdlib", "-debug-info-format", "none",
                             "--package-path", package.path, "--scratch-path", scratch.path,
                             // The shared build folder serves many root packages: re-plan each time (llbuild still
                             // skips every unchanged module), or SwiftPM reuses the previous deployment's plan.
                             "--disable-build-manifest-caching"]
        process.standardOutput = handle
        process.standardError = handle
        do {
            try process.run()
        } catch {
            Output.error("cannot run swift: \(error)")
            throw ExitCode.environment
        }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
