import Foundation
import MotCuaBuiltins
import MotCuaCore
import MotCuaHarness
import MotCuaHost
import MotCuaPostgresTesting
import Testing

/// The package's root folder, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Every manifest under `Deployments/`, relative to the package root. New files are picked up
/// without code changes.
let manifestFiles: [String] = {
    let folder = packageRoot.appendingPathComponent("Deployments")
    let enumerator = FileManager.default.enumerator(atPath: folder.path)
    var files: [String] = []
    while let path = enumerator?.nextObject() as? String {
        if path.hasSuffix(".json") { files.append("Deployments/" + path) }
    }
    return files.sorted()
}()

/// The manifests that are deployments rather than abstract layers, as the loader sees them,
/// with their deployments.
let loadedDeployments: [(file: String, deployment: Deployment)] = manifestFiles.compactMap { file in
    guard let deployment = try? BuiltinPlugins.catalogue.loader(source: PackageManifestSource()).load(file).deployment else { return nil }
    return (file, deployment)
}

/// The manifests that are deployments rather than abstract layers.
let deploymentFiles: [String] = loadedDeployments.map(\.file)

/// The deployments the slow per-deployment tests run: all of a folder with a few, and of a
/// whole province's folder (Phú Thọ's 149) a fixed sample of two per distinct plugin set, so
/// every plugin set is covered and `swift test` stays within its budget. `motcua harness
/// Deployments/phu-tho` runs the whole province.
let sampledDeploymentFiles: [String] = {
    let wholeFolderUpTo = 12
    var byFolder: [String: [(file: String, deployment: Deployment)]] = [:]
    for entry in loadedDeployments {
        byFolder[(entry.file as NSString).deletingLastPathComponent, default: []].append(entry)
    }
    var chosen: [String] = []
    for (_, entries) in byFolder.sorted(by: { $0.key < $1.key }) {
        guard entries.count > wholeFolderUpTo else {
            chosen += entries.map(\.file)
            continue
        }
        var perSet: [[String]: Int] = [:]
        for entry in entries {
            let set = entry.deployment.plugins.map(\.id.rawValue).sorted()
            if perSet[set, default: 0] < 2 {
                perSet[set, default: 0] += 1
                chosen.append(entry.file)
            }
        }
    }
    return chosen
}()

/// Reads manifests relative to the package root, reporting paths as the repository names them.
struct PackageManifestSource: ManifestSource {
    func read(_ path: String) throws(ManifestSourceError) -> [UInt8] {
        try FileManifestSource().read(packageRoot.appendingPathComponent(path).path)
    }
}

@Suite("Every manifest under Deployments/")
struct DeploymentTests {
    @Test func theDeploymentsAreThere() {
        #expect(deploymentFiles.count >= 6)
        #expect(deploymentFiles.contains("Deployments/demo/demo.json"))
    }

    @Test("loads and validates", arguments: manifestFiles)
    func validates(_ file: String) throws {
        do {
            _ = try BuiltinPlugins.catalogue.loader(source: PackageManifestSource()).load(file)
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("passes the shared harness", arguments: StoreEngine.all, sampledDeploymentFiles)
    func harness(_ engine: StoreEngine, _ file: String) async {
        let report = await DeploymentHarness(catalogue: BuiltinPlugins.catalogue, source: PackageManifestSource(),
                                             makeStore: { try engine.makeStore() }).run(file)
        #expect(report.deploymentID != nil)
        #expect(report.failures == [], "\(file) on \(engine)")
        #expect(report.outcomes.count >= 3)
    }

    @Test func theSampleCoversEveryPluginSetOfEveryFolder() {
        let sets = { (files: [String]) in
            Set(loadedDeployments.filter { files.contains($0.file) }.map { $0.deployment.plugins.map(\.id.rawValue).sorted() })
        }
        #expect(sets(sampledDeploymentFiles) == sets(deploymentFiles))
        #expect(sampledDeploymentFiles.count < 40, "\(sampledDeploymentFiles.count) deployments would make swift test too slow")
        #expect(sampledDeploymentFiles.contains("Deployments/demo/demo.json"))
    }

    @Test func deploymentIDsAreUnique() throws {
        let loader = BuiltinPlugins.catalogue.loader(source: PackageManifestSource())
        let ids = try deploymentFiles.map { try #require(try loader.load($0).deployment).centre.id }
        #expect(Set(ids).count == ids.count)
    }

    @Test("the embedded demo is the resolved Deployments/demo/demo.json")
    func embeddedDemoIsCurrent() throws {
        let loaded = try BuiltinPlugins.catalogue.loader(source: PackageManifestSource()).load("Deployments/demo/demo.json")
        let embedded = try String(contentsOf: packageRoot.appendingPathComponent("Sources/motcua/Embedded/demo-deployment.json"), encoding: .utf8)
        #expect(embedded == loaded.effective.serialized(pretty: true) + "\n",
                "run: swift run motcua resolve Deployments/demo/demo.json > Sources/motcua/Embedded/demo-deployment.json")
    }

    @Test("Docs/manifest.schema.json is generated from the code")
    func schemaIsCurrent() throws {
        let file = try String(contentsOf: packageRoot.appendingPathComponent("Docs/manifest.schema.json"), encoding: .utf8)
        #expect(file == ManifestJSONSchema.text(), "run: swift run motcua schema > Docs/manifest.schema.json")
    }

    @Test("a broken copy of each deployment fails with precise errors, never a crash", arguments: sampledDeploymentFiles)
    func brokenCopyFails(_ file: String) throws {
        let text = try String(contentsOf: packageRoot.appendingPathComponent(file), encoding: .utf8)
        var files: [String: String] = [:]
        for other in manifestFiles { files[other] = try String(contentsOf: packageRoot.appendingPathComponent(other), encoding: .utf8) }
        let breakages: [(String, String)] = [
            (text.replacingOccurrences(of: "\"centre\"", with: "\"center\""), "manifest.unknown-key"),
            (String(text.dropLast(3)), "manifest.invalid-json"),
            (text.replacingOccurrences(of: "\"counters\": [", with: "\"counters\": [{ \"id\": \"x\", \"name\": { \"vi\": \"X\", \"en\": \"X\" }, \"sectors\": [\"no-such-sector\"] }, "),
             "manifest.unknown-reference"),
        ]
        for (broken, code) in breakages {
            files[file] = broken
            let loader = BuiltinPlugins.catalogue.loader(source: InMemoryManifestSource(texts: files))
            let error = try #require(throws: ManifestError.self) { try loader.load(file) }
            #expect(error.diagnostics.contains { $0.code == code && $0.file == file }, "\(file): \(error)")
        }
    }
}
