#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import MotCuaCore
import MotCuaHost
import MotCuaStore

/// `motcua build`: one runner per plugin set, stamped per commune, each binary signed.
///
/// Like the OpenTelemetry Collector Builder: check every manifest first, write one thin
/// package that depends on this one by path with one executable target per distinct plugin
/// set, build it once in release mode with the Swift runtime linked statically, then write
/// each `dist/motcua-<id>` as its runner plus the commune's resolved manifest, signed with the
/// province's Ed25519 key ([`StampedManifest`]), and its SHA-256 beside it. Nothing is compiled
/// per commune, and nothing reaches `dist/` until every binary is ready.
struct BuildCommand: Command {
    static let name = "build"
    static let summary = "Build signed commune binaries: one runner per plugin set, stamped per commune (dist/motcua-<id>)"
    static let usage = """
        motcua build <manifest.json…> [--key FILE] [--output dist/] [--strip] [--jobs N] [--plugins-only-check] [--package-only] [--source DIR] [--work DIR]
          motcua build --all <folder…> [same options]
        --key defaults to ~/.motcua/keys/<province>.ed25519 (motcua keys new --province <province>),
        the province being the first part of the centre ids (phu-tho.dao-xa → phu-tho).
        """

    let manifests: [String]
    let all: Bool
    let output: String
    let pluginsOnlyCheck: Bool
    let packageOnly: Bool
    let strip: Bool
    let source: String?
    let work: String?
    let key: String?
    /// Parallel compile jobs for `swift build` (`-j`); its default when nil.
    let jobs: Int?

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments, options: ["output", "source", "work", "jobs", "key"],
                                   switches: ["plugins-only-check", "package-only", "all", "strip"])
        all = parsed.flag("all")
        if all {
            try parsed.expectPositionals(1...10_000, "one or more folders (or manifests) to build every deployment in, e.g. Deployments/phu-tho")
        } else {
            try parsed.expectPositionals(1...10_000, "one or more deployment manifests, e.g. Deployments/phu-tho/dao-xa.json (or --all Deployments/phu-tho)")
        }
        manifests = parsed.positionals
        output = parsed.option("output") ?? "dist"
        pluginsOnlyCheck = parsed.flag("plugins-only-check")
        packageOnly = parsed.flag("package-only")
        strip = parsed.flag("strip")
        source = parsed.option("source")
        work = parsed.option("work")
        key = parsed.option("key")
        jobs = try parsed.integer("jobs", in: 1...64)
    }

    /// One deployment, checked and ready to stamp.
    struct Planned {
        var file: String
        var id: String
        var unitCode: String
        /// The resolved manifest, byte for byte what is stamped.
        var manifest: [UInt8]
        var runner: RunnerPackage.Runner
        /// The library products left out, whose symbols must not appear in the runner.
        var leftOutProducts: [String]
    }

    func run() async throws {
        let context = CLIContext.current
        guard !context.products.isEmpty else {
            Output.error("this binary was built for one deployment and cannot build others; use `swift run motcua build` in the MotCua source tree")
            throw ExitCode.failure
        }
        // Every manifest is checked before anything is written or compiled, and every error is listed.
        let files = all ? manifests.flatMap(HarnessCommand.manifests(under:)) : manifests
        var planned: [Planned] = []
        var failed = 0
        for file in files {
            do {
                if let plan = try plan(file, context: context) { planned.append(plan) }
            } catch {
                failed += 1
            }
        }
        failed += Self.duplicates(planned)
        if failed > 0 {
            Output.error("motcua build: \(failed) manifest(s) refused; nothing was built")
            throw ExitCode.failure
        }
        guard !planned.isEmpty else {
            Output.error("no deployment manifests found in " + manifests.joined(separator: ", "))
            throw ExitCode.failure
        }
        if pluginsOnlyCheck {
            for plan in planned {
                Output.line("ok    \(plan.file)  \(plan.id): links " + (plan.runner.products.isEmpty ? "no plugins" : plan.runner.products.joined(separator: ", "))
                            + "; leaves out " + (plan.runner.otherKnownIDs.isEmpty ? "nothing" : plan.runner.otherKnownIDs.map(\.rawValue).joined(separator: ", ")))
            }
            return
        }
        let signingKey = try loadKey(planned)
        let root = try Self.sourceRoot(source)
        let workFolder = work.map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? root.appendingPathComponent(".build/runners", isDirectory: true)
        try Self.prepare(workFolder, isDefault: work == nil)

        var runners: [RunnerPackage.Runner] = []
        for plan in planned where !runners.contains(where: { $0.key == plan.runner.key }) { runners.append(plan.runner) }
        let package = RunnerPackage(runners: runners, sourceRoot: root.path, publicKey: signingKey.publicKey,
                                    requiredKinds: context.catalogue.requiredKinds)
        let packageFolder = workFolder.appendingPathComponent("package", isDirectory: true)
        do {
            try package.write(to: packageFolder)
        } catch {
            Output.error("cannot write the generated package to \(packageFolder.path): \(error)")
            throw ExitCode.environment
        }
        Output.line("wrote \(packageFolder.path): \(runners.count) runner(s) for \(planned.count) deployment(s), signed with key \(signingKey.fingerprint)")
        for runner in runners {
            let count = planned.filter { $0.runner.key == runner.key }.count
            Output.line("  \(runner.targetName): \(runner.pluginSet.isEmpty ? "no plugins" : runner.pluginSet) (\(count) deployment(s))")
        }
        if packageOnly { return }

        // One swift build for every runner: the MotCua modules and plugins compile once.
        let started = ContinuousClock.now
        let scratch = workFolder.appendingPathComponent(".build", isDirectory: true)
        let log = workFolder.appendingPathComponent("build.log")
        Output.line("compiling \(runners.count) runner(s) in release mode (log: \(log.path)) …")
        let status = try Self.swiftBuild(package: packageFolder, scratch: scratch, log: log, jobs: jobs)
        guard status == 0 else {
            Output.error("swift build failed (exit \(status)); see \(log.path)")
            throw ExitCode.environment
        }
        let compiled = ContinuousClock.now - started

        // Each runner: the symbol check on the unstripped binary (stripping cannot hide a left-out plugin), then its bytes.
        var runnerBytes: [String: [UInt8]] = [:]
        let ready = workFolder.appendingPathComponent("ready", isDirectory: true)
        for runner in runners {
            let built = scratch.appendingPathComponent("release/\(runner.targetName)")
            let leftOut = planned.first { $0.runner.key == runner.key }?.leftOutProducts ?? []
            try Self.checkSymbols(built, leftOut: leftOut)
            runnerBytes[runner.key] = try Self.finish(built, into: ready, strip: strip)
        }

        // Stamp every commune into a staging folder beside dist/, then move them in together.
        let stampStarted = ContinuousClock.now
        let outputFolder = URL(fileURLWithPath: output, isDirectory: true)
        let staging = outputFolder.appendingPathComponent(".staging-\(getpid())", isDirectory: true)
        var sizes: [String: Int] = [:]
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            for plan in planned {
                let stamped = try StampedManifest.stamp(runner: runnerBytes[plan.runner.key] ?? [], manifest: plan.manifest,
                                                        pluginSet: plan.runner.pluginSet, privateKey: signingKey.privateKey)
                let name = "motcua-\(plan.id)"
                let binary = staging.appendingPathComponent(name)
                try Data(stamped).write(to: binary)
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: binary.path)
                // The format `sha256sum -c` reads: hash, two spaces, file name.
                try Data("\(SHA256.hex(stamped))  \(name)\n".utf8).write(to: binary.appendingPathExtension("sha256"))
                sizes[plan.id] = stamped.count
            }
            for plan in planned {
                for name in ["motcua-\(plan.id)", "motcua-\(plan.id).sha256"] {
                    let target = outputFolder.appendingPathComponent(name)
                    guard rename(staging.appendingPathComponent(name).path, target.path) == 0 else {
                        throw StagingError(text: "cannot move \(name) into \(outputFolder.path): \(String(cString: strerror(errno)))")
                    }
                }
            }
            try? FileManager.default.removeItem(at: staging)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            Output.error("cannot write the binaries to \(outputFolder.path): \(error)")
            throw ExitCode.environment
        }
        let stamped = ContinuousClock.now - stampStarted

        var rows = [["RUNNER", "PLUGIN SET", "DEPLOYMENTS", "BINARY SIZE"]]
        for runner in runners {
            let users = planned.filter { $0.runner.key == runner.key }
            rows.append([runner.targetName, runner.pluginSet.isEmpty ? "-" : runner.pluginSet, "\(users.count)",
                         Self.megabytes(sizes[users[0].id] ?? 0)])
        }
        if planned.count == 1, let only = planned.first {
            Output.line("built \(outputFolder.appendingPathComponent("motcua-\(only.id)").path): \(Self.megabytes(sizes[only.id] ?? 0))")
        }
        Output.line(Output.table(rows))
        Output.line("\(planned.count) binaries in \(outputFolder.path) (\(Self.megabytes(sizes.values.reduce(0, +))) in all): compiled \(runners.count) runner(s) in \(Output.seconds(compiled)), "
                    + "stamped and signed in \(Output.seconds(stamped)), \(Output.seconds(ContinuousClock.now - started)) in all")
    }

    struct StagingError: Error, CustomStringConvertible {
        var text: String
        var description: String { text }
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
        let runner = RunnerPackage.Runner(pluginIDs: deployment.plugins.map(\.id), products: products, otherKnownIDs: others)
        return Planned(file: file, id: deployment.centre.id, unitCode: deployment.centre.unitCode,
                       manifest: Array((loaded.effective.serialized(pretty: true) + "\n").utf8), runner: runner,
                       leftOutProducts: others.compactMap { context.products[$0] })
    }

    /// Two manifests with one centre id would write one `dist/` file; with one unit code, two
    /// binaries would claim one commune. Prints each clash; returns how many manifests clash.
    static func duplicates(_ planned: [Planned]) -> Int {
        var clashing = Set<String>()
        for (field, value) in [("centre id", \Planned.id), ("unit code", \Planned.unitCode)] {
            let groups = Dictionary(grouping: planned.filter { !$0[keyPath: value].isEmpty }, by: { $0[keyPath: value] })
            for (shared, group) in groups.sorted(by: { $0.key < $1.key }) where group.count > 1 {
                Output.error("\(group.map(\.file).joined(separator: ", ")): the same \(field) \(shared) in \(group.count) manifests; "
                             + "each commune needs its own (centre.\(field == "centre id" ? "id" : "unitCode")), so give each one a different value or remove the copy")
                clashing.formUnion(group.map(\.file))
            }
        }
        return clashing.count
    }

    /// The signing key: `--key`, else the province's key in ~/.motcua/keys.
    private func loadKey(_ planned: [Planned]) throws(ExitCode) -> ProvinceKey {
        let path: String
        if let key {
            path = key
        } else {
            let provinces = Set(planned.map { String($0.id.split(separator: ".").first ?? "") })
            guard provinces.count == 1, let province = provinces.first, ProvinceKey.isValidProvince(province) else {
                Output.error("these deployments belong to \(provinces.count) provinces (" + provinces.sorted().joined(separator: ", ")
                             + "); build one province at a time, or name the signing key with --key FILE")
                throw .failure
            }
            path = ProvinceKey.privatePath(province: province, folder: ProvinceKey.defaultFolder)
        }
        do {
            return try ProvinceKey.load(privatePath: path)
        } catch {
            Output.error("motcua build: \(error.text)")
            throw .failure
        }
    }

    /// The build folder's stamp: which MotCua and runner format made it.
    static let workMarker = "motcua-build-folder"
    static var workMarkerText: String { "MotCua \(MotCuaVersion.current), runner format 1\n" }

    /// Creates the build folder, or cleans one another MotCua version made (with a message);
    /// refuses a non-empty folder that is not a MotCua build folder, rather than delete it.
    static func prepare(_ folder: URL, isDefault: Bool) throws(ExitCode) {
        let manager = FileManager.default
        let marker = folder.appendingPathComponent(workMarker)
        let contents = (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
        if !contents.isEmpty {
            if let found = manager.contents(atPath: marker.path).map({ String(decoding: $0, as: UTF8.self) }) {
                if found != workMarkerText {
                    Output.line("the build folder \(folder.path) was made by \(found.trimmed()); this is \(workMarkerText.trimmed()): "
                                + "cleaning it, so everything compiles again")
                    try? manager.removeItem(at: folder)
                }
            } else if isDefault {
                Output.line("the build folder \(folder.path) was made by an older MotCua: cleaning it, so everything compiles again")
                try? manager.removeItem(at: folder)
            } else {
                Output.error("\(folder.path) is not a MotCua build folder (it has files but no \(workMarker)); "
                             + "name a new or empty folder with --work, or remove this one")
                throw .failure
            }
        }
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(workMarkerText.utf8).write(to: marker, options: .atomic)
        } catch {
            Output.error("cannot create the build folder \(folder.path): \(error)")
            throw .environment
        }
    }

    /// The runner's bytes, stripped with `strip -o` into `folder` when asked (the build's own output stays untouched).
    static func finish(_ built: URL, into folder: URL, strip: Bool) throws(ExitCode) -> [UInt8] {
        var path = built.path
        if strip {
            path = folder.appendingPathComponent(built.lastPathComponent).path
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                let status = try Subprocess.run("strip", ["-o", path, built.path]).status
                guard status == 0 else {
                    Output.error("strip failed on \(built.path) (exit \(status))")
                    throw ExitCode.environment
                }
            } catch let error as ExitCode {
                throw error
            } catch {
                Output.error("\(error); build without --strip or install binutils")
                throw .environment
            }
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            Output.error("cannot read the built runner \(path)")
            throw .environment
        }
        return [UInt8](data)
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
        Output.line("nm: \(binary.lastPathComponent) has no symbols of the \(leftOut.count) plugin(s) left out")
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
                         "--package-path", package.path, "--scratch-path", scratch.path] + (jobs.map { ["-j", String($0)] } ?? [])
        do {
            return try Subprocess.run("swift", arguments, stdout: .file(log.path), stderr: .file(log.path)).status
        } catch {
            Output.error("\(error)")
            throw ExitCode.environment
        }
    }
}
