#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
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
        motcua build <manifest.json> [--output dist/] [--strip] [--plugins-only-check] [--package-only] [--source DIR] [--work DIR] [--jobs N]
          motcua build --all <folder…> [same options]
        """

    let manifests: [String]
    let all: Bool
    let output: String
    let pluginsOnlyCheck: Bool
    let packageOnly: Bool
    let strip: Bool
    let source: String?
    let work: String?
    /// Parallel compile jobs for `swift build` (`-j`); its default when nil.
    let jobs: Int?

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments, options: ["output", "source", "work", "jobs"], switches: ["plugins-only-check", "package-only", "all", "strip"])
        all = parsed.flag("all")
        if all {
            try parsed.expectPositionals(1...10_000, "one or more folders (or manifests) to build every deployment in, e.g. Deployments/")
        } else {
            try parsed.expectPositionals(1...1, "one deployment manifest, e.g. Deployments/phu-tho/dao-xa.json (or --all Deployments/)")
        }
        manifests = parsed.positionals
        output = parsed.option("output") ?? "dist"
        pluginsOnlyCheck = parsed.flag("plugins-only-check")
        packageOnly = parsed.flag("package-only")
        strip = parsed.flag("strip")
        source = parsed.option("source")
        work = parsed.option("work")
        if let text = parsed.option("jobs") {
            guard let count = Int(text), count > 0 else { throw UsageError("--jobs takes a positive number, e.g. --jobs 1") }
            jobs = count
        } else {
            jobs = nil
        }
    }

    /// One deployment, checked and ready to generate.
    struct Planned {
        var file: String
        var loaded: ManifestLoader.Loaded
        var id: String
        /// The plugin products to link, in manifest order.
        var products: [String]
        /// The shipped plugin ids left out.
        var others: [PluginID]
        /// The library products left out, whose symbols must not appear in the binary.
        var leftOutProducts: [String]
    }

    func run() async throws {
        let context = CLIContext.current
        guard !context.products.isEmpty else {
            Output.error("this binary was built for one deployment and cannot build others; use `swift run motcua build` in the MotCua source tree")
            throw ExitCode.failure
        }
        // Every manifest is checked before anything is written or compiled.
        let files = all ? manifests.flatMap(HarnessCommand.manifests(under:)) : manifests
        var planned: [Planned] = []
        var failed = false
        for file in files {
            do {
                if let plan = try plan(file, context: context) { planned.append(plan) }
            } catch {
                failed = true
            }
        }
        if failed { throw ExitCode.failure }
        guard !planned.isEmpty else {
            Output.error("no deployment manifests found in " + manifests.joined(separator: ", "))
            throw ExitCode.failure
        }
        if pluginsOnlyCheck {
            for plan in planned {
                Output.line("ok    \(plan.file)  \(plan.id): links " + (plan.products.isEmpty ? "no plugins" : plan.products.joined(separator: ", "))
                            + "; leaves out " + (plan.others.isEmpty ? "nothing" : plan.others.map(\.rawValue).joined(separator: ", ")))
            }
            return
        }

        let root = try Self.sourceRoot(source)
        let workFolder = work.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? root.appendingPathComponent(".build/deployments", isDirectory: true)
        var rows = [["CENTRE", "PLUGINS", "SIZE", "TIME", "BINARY"]]
        for plan in planned {
            let package = DeploymentPackage(centreID: plan.id, manifestFile: plan.file,
                                            resolvedManifest: plan.loaded.effective.serialized(pretty: true) + "\n",
                                            sourceRoot: root.path, pluginProducts: plan.products, otherKnownIDs: plan.others,
                                            requiredKinds: context.catalogue.requiredKinds)
            let packageFolder = workFolder.appendingPathComponent(plan.id, isDirectory: true)
            do {
                try package.write(to: packageFolder)
            } catch {
                Output.error("cannot write the generated package to \(packageFolder.path): \(error)")
                throw ExitCode.environment
            }
            Output.line("wrote \(packageFolder.path) (links " + (plan.products.isEmpty ? "no plugins" : plan.products.joined(separator: ", ")) + ")")
            if packageOnly { continue }

            let started = ContinuousClock.now
            // One build folder for every deployment: the MotCua modules compile once.
            let scratch = workFolder.appendingPathComponent(".shared-build", isDirectory: true)
            let log = packageFolder.appendingPathComponent("build.log")
            Output.line("building \(plan.id) in release mode (log: \(log.path)) …")
            let status = try Self.swiftBuild(package: packageFolder, scratch: scratch, log: log, jobs: jobs)
            guard status == 0 else {
                Output.error("swift build failed for \(plan.id) (exit \(status)); see \(log.path)")
                throw ExitCode.environment
            }
            let built = scratch.appendingPathComponent("release/\(DeploymentPackage.targetName)")
            // The symbol check runs on the unstripped binary, so stripping cannot hide a left-out plugin.
            try Self.checkSymbols(built, leftOut: plan.leftOutProducts)
            if strip { try Self.stripSymbols(built) }
            let (binary, size) = try place(id: plan.id, from: built)
            let elapsed = ContinuousClock.now - started
            Output.line("built \(binary.path): \(Self.megabytes(size)) in \(Output.seconds(elapsed))")
            rows.append([plan.id, plan.products.isEmpty ? "-" : plan.products.joined(separator: ","), Self.megabytes(size),
                         Output.seconds(elapsed), binary.path])
        }
        if all && !packageOnly { Output.line(Output.table(rows)) }
    }

    /// Loads and checks one manifest; nil for an abstract layer met while walking a folder.
    private func plan(_ file: String, context: CLIContext) throws(ExitCode) -> Planned? {
        let loaded = try DeploymentLoading.load(file)
        guard let deployment = loaded.deployment else {
            if all { return nil }
            Output.error("\(file): this is an abstract layer (\"abstract\": true), not a deployment; name a commune or centre manifest")
            throw .failure
        }
        do {
            _ = try Composition.plan(deployment, catalogue: context.catalogue)
        } catch {
            for problem in error.problems { Output.error("\(file): \(problem.message.text(Output.language))") }
            throw .failure
        }
        let missing = context.catalogue.productDiagnostics(deployment, file: file)
        guard missing.isEmpty else {
            for problem in missing { Output.error(problem.rendered(Output.language)) }
            throw .failure
        }
        var products: [String] = []
        for section in deployment.plugins {
            guard let product = context.products[section.id] else {
                Output.error("\(file): plugin \(section.id) has no library product to link; known: "
                             + context.products.keys.sorted().map(\.rawValue).joined(separator: ", "))
                throw .failure
            }
            products.append(product)
        }
        let chosen = Set(deployment.plugins.map(\.id))
        let others = context.products.keys.filter { !chosen.contains($0) }.sorted()
        return Planned(file: file, loaded: loaded, id: deployment.centre.id, products: products, others: others,
                       leftOutProducts: others.compactMap { context.products[$0] })
    }

    /// Copies the built binary to `<output>/motcua-<id>` and writes its `.sha256` beside it.
    private func place(id: String, from built: URL) throws(ExitCode) -> (URL, Int) {
        let outputFolder = URL(fileURLWithPath: output, isDirectory: true)
        let binary = outputFolder.appendingPathComponent("motcua-\(id)")
        do {
            try FileManager.default.createDirectory(at: outputFolder, withIntermediateDirectories: true)
            let bytes = [UInt8](try Data(contentsOf: built))
            try Data(bytes).write(to: binary, options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: binary.path)
            // The format `sha256sum -c` reads: hash, two spaces, file name.
            try Data("\(SHA256.hex(bytes))  motcua-\(id)\n".utf8).write(to: binary.appendingPathExtension("sha256"), options: .atomic)
            return (binary, bytes.count)
        } catch {
            Output.error("cannot place the binary in \(outputFolder.path): \(error)")
            throw .environment
        }
    }

    /// Fails if `nm` finds a symbol of a plugin module the manifest did not name.
    ///
    /// Swift mangles a module name as its length and name (`13QueueStandard`), so any symbol
    /// from, or specialised over, a left-out plugin carries that mark.
    static func checkSymbols(_ binary: URL, leftOut: [String]) throws(ExitCode) {
        guard !leftOut.isEmpty else { return }
        let symbols: String
        do {
            let result = try Subprocess.run("nm", [binary.path], stderr: .discard, capture: true)
            guard result.status == 0 else {
                Output.line("note: nm could not read \(binary.path); skipped the check that left-out plugins are absent")
                return
            }
            symbols = String(decoding: result.output, as: UTF8.self)
        } catch {
            Output.line("note: nm is not available; skipped the check that left-out plugins are absent")
            return
        }
        let present = leftOut.filter { symbols.contains("\($0.utf8.count)\($0)") }
        guard present.isEmpty else {
            Output.error("\(binary.path) contains symbols of plugins its manifest does not name: \(present.joined(separator: ", "))")
            throw .environment
        }
        Output.line("nm: no symbols of the \(leftOut.count) plugin(s) left out")
    }

    /// Removes the symbol table (about 13 MB) with `strip`; backtraces then show addresses only.
    static func stripSymbols(_ binary: URL) throws(ExitCode) {
        let status: Int32
        do {
            status = try Subprocess.run("strip", [binary.path]).status
        } catch {
            Output.error("\(error); build without --strip or install binutils")
            throw .environment
        }
        guard status == 0 else {
            Output.error("strip failed on \(binary.path) (exit \(status))")
            throw .environment
        }
    }

    static func megabytes(_ count: Int) -> String {
        (Double(count) / 1_048_576).fixed(1) + " MB"
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
    static func swiftBuild(package: URL, scratch: URL, log: URL, jobs: Int?) throws -> Int32 {
        // No DWARF: it doubles the binary and a commune PC never debugs; the symbol table stays for `nm`.
        let arguments = ["build", "-c", "release", "--static-swift-stdlib", "-debug-info-format", "none",
                         "--package-path", package.path, "--scratch-path", scratch.path,
                         // The shared build folder serves many root packages: re-plan each time (llbuild still
                         // skips every unchanged module), or SwiftPM reuses the previous deployment's plan.
                         "--disable-build-manifest-caching"] + (jobs.map { ["-j", String($0)] } ?? [])
        do {
            return try Subprocess.run("swift", arguments, stdout: .file(log.path), stderr: .file(log.path)).status
        } catch {
            Output.error("\(error)")
            throw ExitCode.environment
        }
    }
}
