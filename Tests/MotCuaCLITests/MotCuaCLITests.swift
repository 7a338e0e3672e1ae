import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import MotCuaBuiltins
@testable import MotCuaCLI
import MotCuaCore
import MotCuaHost
import MotCuaStore
import Testing

/// The package root, from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A reporting plugin that refuses to start, with markup in its message: an injected harness failure.
struct BrokenReports: ReportingPlugin {
    struct Settings: Decodable, Sendable {}

    static let id: PluginID = "test.broken"
    static let version = "0.0.1"
    static let summary = LocalizedText(vi: "Báo cáo hỏng", en: "Broken reports")

    init(settings: Settings, context: HostContext) throws {}

    func start() async throws {
        throw Problem("test.broken-start", en: "refused to start: <counter> & \"queue\"", vi: "không khởi động được")
    }

    var reportIDs: [String] { [] }

    func produce(report id: String, period: ReportPeriod) throws -> Report {
        throw Problem("test.unsupported", en: "unsupported", vi: "không hỗ trợ")
    }
}

/// A reporting plugin that starts and stops quietly.
struct QuietReports: ReportingPlugin {
    struct Settings: Decodable, Sendable {}

    static let id: PluginID = "test.quiet"
    static let version = "0.0.1"
    static let summary = LocalizedText(vi: "Báo cáo thử", en: "Quiet reports")

    init(settings: Settings, context: HostContext) throws {}

    var reportIDs: [String] { [] }

    func produce(report id: String, period: ReportPeriod) throws -> Report {
        throw Problem("test.unsupported", en: "unsupported", vi: "không hỗ trợ")
    }
}

/// Both test plugins, with `queue.standard` known but not compiled in, like a per-commune binary.
let testCatalogue = PluginCatalogue([.reporting(BrokenReports.self), .reporting(QuietReports.self)],
                                    otherKnownIDs: ["queue.standard"], requiredKinds: [])

/// The embedded demo with its `plugins` replaced, written to `folder/name`.
func manifest(named name: String, in folder: URL, plugins: [String], id: String? = nil) throws -> String {
    let demo = try Data(contentsOf: packageRoot.appendingPathComponent("Sources/motcua/Embedded/demo-deployment.json"))
    var object = try #require(try JSONSerialization.jsonObject(with: demo) as? [String: Any])
    object["plugins"] = Dictionary(uniqueKeysWithValues: plugins.map { ($0, [String: Any]()) })
    if let id, var centre = object["centre"] as? [String: Any] {
        centre["id"] = id
        object["centre"] = centre
    }
    let url = folder.appendingPathComponent(name)
    try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]).write(to: url)
    return url.path
}

func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-cli-lib-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The parts of a JUnit report a CI server reads.
final class JUnitReader: NSObject, XMLParserDelegate {
    var suites: [String] = []
    var cases: [(suite: String, name: String)] = []
    var failures: [(name: String, message: String, text: String)] = []
    var properties: [String: String] = [:]
    private var inFailure = false
    private var text = ""

    func parserDidStartDocument(_ parser: XMLParser) {}

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch element {
        case "testsuite": suites.append(attributes["name"] ?? "")
        case "testcase": cases.append((attributes["classname"] ?? "", attributes["name"] ?? ""))
        case "property": properties["\(suites.last ?? "").\(attributes["name"] ?? "")"] = attributes["value"]
        case "failure":
            inFailure = true
            text = ""
            failures.append((cases.last?.name ?? "", attributes["message"] ?? "", ""))
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inFailure { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        if element == "failure" {
            inFailure = false
            failures[failures.count - 1].text = text
        }
    }

    /// Parses `url`, failing the test if the XML is not well-formed.
    static func read(_ url: URL) throws -> JUnitReader {
        let parser = try #require(XMLParser(contentsOf: url))
        let reader = JUnitReader()
        parser.delegate = reader
        #expect(parser.parse(), "JUnit report is not well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
        return reader
    }
}

@Suite("motcua harness and motcua build, run in process")
struct MotCuaCLITests {
    func main(_ arguments: [String], catalogue: PluginCatalogue = testCatalogue, products: [PluginID: String] = [:]) async throws -> Int32 {
        let demo = try [UInt8](Data(contentsOf: packageRoot.appendingPathComponent("Sources/motcua/Embedded/demo-deployment.json")))
        return await MotCuaCLI.main(catalogue: catalogue, embeddedManifest: demo, arguments: arguments, products: products)
    }

    @Test func harnessExits1OnAnInjectedFailureAndWritesAWellFormedJUnitReport() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = try manifest(named: "good.json", in: folder, plugins: ["test.quiet"], id: "test.good")
        _ = try manifest(named: "broken.json", in: folder, plugins: ["test.broken"], id: "test.broken-centre")
        let layer = folder.appendingPathComponent("layer.json")
        try Data(#"{"abstract": true, "description": "a shared layer"}"#.utf8).write(to: layer)
        let junit = folder.appendingPathComponent("report.xml")

        let status = try await main(["harness", folder.path, "--seed", "4242", "--junit", junit.path])
        #expect(status == 1)

        let report = try JUnitReader.read(junit)
        #expect(report.suites.sorted() == ["test.broken-centre", "test.good"], "the layer is skipped, each deployment is a suite")
        #expect(report.cases.filter { $0.suite == "test.good" }.map(\.name).starts(with: ["manifest", "composition"]))
        let failure = try #require(report.failures.first)
        #expect(report.failures.count == 1)
        #expect(failure.name == "composition")
        #expect(failure.message.contains("refused to start: <counter> & \"queue\""), "escaped and read back intact: \(failure.message)")
        #expect(failure.text.contains("seed 4242"))
        #expect(failure.text.contains("replay: motcua harness \(folder.path)/broken.json --seed 4242"))
        #expect(report.properties["test.good.seed"] == "4242")
        #expect(report.properties["test.good.file"] == good)

        #expect(try await main(["harness", good]) == 0)
    }

    @Test func harnessNamesAPluginThatIsNotCompiledIn() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try manifest(named: "needs-queue.json", in: folder, plugins: ["queue.standard"])
        let junit = folder.appendingPathComponent("report.xml")
        #expect(try await main(["harness", file, "--junit", junit.path]) == 1)
        let report = try JUnitReader.read(junit)
        #expect(report.failures.map(\.message).contains { $0.contains("queue.standard is not compiled into this binary") })
        #expect(try await main(["check", file]) == 1)
    }

    @Test func harnessRefusesAFolderWithNoDeploymentAndBadFlags() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(#"{"abstract": true}"#.utf8).write(to: folder.appendingPathComponent("layer.json"))
        #expect(try await main(["harness", folder.path]) == 1)
        #expect(try await main(["harness", "--seed", "soon"]) == 2)
        #expect(try await main(["harness", "--jobs", "0"]) == 2)
    }

    @Test func harnessRunsTheEmbeddedDeploymentByDefault() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let junit = folder.appendingPathComponent("report.xml")
        let stock = PluginCatalogue(BuiltinPlugins.descriptors, requiredKinds: BuiltinPlugins.requiredKinds)
        #expect(try await main(["harness", "--junit", junit.path], catalogue: stock) == 0)
        let report = try JUnitReader.read(junit)
        #expect(report.suites == ["demo.xa-mau"])
        #expect(report.failures.isEmpty)
    }

    /// A throwaway province key made with `motcua keys new`, as provincial IT makes theirs.
    func provinceKey(in folder: URL) async throws -> String {
        let keys = folder.appendingPathComponent("keys")
        #expect(try await main(["keys", "new", "--province", "test", "--out", keys.path]) == 0)
        return keys.appendingPathComponent("test.ed25519").path
    }

    @Test func buildGeneratesOneRunnerPerPluginSetAndCompilesNoManifest() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let communes = folder.appendingPathComponent("communes")
        try FileManager.default.createDirectory(at: communes, withIntermediateDirectories: true)
        _ = try manifest(named: "a.json", in: communes, plugins: ["test.quiet"], id: "test.a")
        _ = try manifest(named: "b.json", in: communes, plugins: ["test.quiet"], id: "test.b")
        _ = try manifest(named: "c.json", in: communes, plugins: ["test.broken"], id: "test.c")
        try Data(#"{"abstract": true}"#.utf8).write(to: communes.appendingPathComponent("layer.json"))
        let key = try await provinceKey(in: folder)
        let products: [PluginID: String] = ["test.quiet": "QuietReports", "test.broken": "BrokenReports", "queue.standard": "QueueStandard"]
        let work = folder.appendingPathComponent("work")
        let status = try await main(["build", "--all", communes.path, "--package-only", "--key", key, "--work", work.path, "--source", packageRoot.path],
                                    products: products)
        #expect(status == 0)

        let package = work.appendingPathComponent("package")
        let packageSwift = try String(contentsOf: package.appendingPathComponent("Package.swift"), encoding: .utf8)
        #expect(packageSwift.components(separatedBy: ".executableTarget(").count == 3, "two plugin sets, two runners: \(packageSwift)")
        #expect(packageSwift.contains(".package(path: \"\(packageRoot.standardizedFileURL.path)\")"))
        #expect(!packageSwift.contains("MotCuaBuiltins") && !packageSwift.contains("resources"))
        let runners = try FileManager.default.contentsOfDirectory(atPath: package.appendingPathComponent("Sources").path).sorted()
        #expect(runners.count == 2 && runners.allSatisfy { $0.hasPrefix("Runner_") })

        let mains = try runners.map { try String(contentsOf: package.appendingPathComponent("Sources/\($0)/main.swift"), encoding: .utf8) }
        let quiet = try #require(mains.first { $0.contains("import QuietReports") })
        #expect(!quiet.contains("import BrokenReports"))
        #expect(quiet.contains("PluginCatalogue([describe(QuietReports.self)], otherKnownIDs: [\"queue.standard\", \"test.broken\"]"))
        #expect(quiet.contains("pluginSet: \"test.quiet\""))
        let publicKey = Hex.encode(try ProvinceKey.load(privatePath: key).publicKey)
        #expect(quiet.contains("provinceKey: \"\(publicKey)\""), "the runner carries the province's public key")
        #expect(!quiet.contains("test.a") && !quiet.contains("centre"), "no manifest is compiled into a runner")
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent(BuildCommand.workMarker).path))
    }

    @Test func buildRefusesBadInputBeforeWritingAnything() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let work = folder.appendingPathComponent("work")
        let key = try await provinceKey(in: folder)
        let products: [PluginID: String] = ["test.quiet": "QuietReports"]
        let unknown = try manifest(named: "unknown.json", in: folder, plugins: ["test.nope"])
        let invalid = folder.appendingPathComponent("invalid.json")
        try Data(#"{"centre": {"id": 7}"#.utf8).write(to: invalid)
        let noProduct = try manifest(named: "no-product.json", in: folder, plugins: ["test.broken"])
        for file in [unknown, invalid.path, folder.appendingPathComponent("missing.json").path, noProduct] {
            let status = try await main(["build", file, "--key", key, "--work", work.path, "--source", packageRoot.path], products: products)
            #expect(status == 1, "\(file)")
        }
        // Two manifests for one centre would write one binary: both are named, nothing is built.
        let one = try manifest(named: "one.json", in: folder, plugins: ["test.quiet"], id: "test.same")
        let two = try manifest(named: "two.json", in: folder, plugins: ["test.quiet"], id: "test.same")
        #expect(try await main(["build", one, two, "--key", key, "--work", work.path, "--source", packageRoot.path], products: products) == 1)
        // A missing or world-readable signing key stops the build before anything is written.
        let good = try manifest(named: "good.json", in: folder, plugins: ["test.quiet"], id: "test.good")
        #expect(try await main(["build", good, "--key", folder.appendingPathComponent("absent.ed25519").path, "--work", work.path,
                                "--source", packageRoot.path], products: products) == 1)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: key)
        #expect(try await main(["build", good, "--key", key, "--work", work.path, "--source", packageRoot.path], products: products) == 1)
        #expect(!FileManager.default.fileExists(atPath: work.path))
        // A binary built for one deployment carries no product table and cannot build another.
        #expect(try await main(["build", good, "--work", work.path]) == 1)
        #expect(try await main(["build", "--all"], products: products) == 2)
    }

    @Test func aBuildFolderFromAnotherVersionIsCleanedAndAForeignOneRefused() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = try await provinceKey(in: folder)
        let file = try manifest(named: "commune.json", in: folder, plugins: ["test.quiet"], id: "test.commune")
        let products: [PluginID: String] = ["test.quiet": "QuietReports"]
        let work = folder.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try Data("MotCua 0.0.1, runner format 0\n".utf8).write(to: work.appendingPathComponent(BuildCommand.workMarker))
        try Data("stale".utf8).write(to: work.appendingPathComponent("stale.o"))
        #expect(try await main(["build", file, "--package-only", "--key", key, "--work", work.path, "--source", packageRoot.path], products: products) == 0)
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("stale.o").path))
        #expect(try String(contentsOf: work.appendingPathComponent(BuildCommand.workMarker), encoding: .utf8) == BuildCommand.workMarkerText)

        let foreign = folder.appendingPathComponent("someone-elses")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: foreign.appendingPathComponent("notes.txt"))
        #expect(try await main(["build", file, "--package-only", "--key", key, "--work", foreign.path, "--source", packageRoot.path], products: products) == 1)
        #expect(FileManager.default.fileExists(atPath: foreign.appendingPathComponent("notes.txt").path))
    }

    @Test func aFailedSwiftBuildExits3AndPlacesNothing() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A source tree whose Package.swift does not parse: swift build fails within a second.
        let source = folder.appendingPathComponent("source")
        try FileManager.default.createDirectory(at: source.appendingPathComponent("Sources/MotCuaCLI"), withIntermediateDirectories: true)
        try Data("this is not a package manifest\n".utf8).write(to: source.appendingPathComponent("Package.swift"))
        let file = try manifest(named: "commune.json", in: folder, plugins: ["test.quiet"], id: "test.fails")
        let key = try await provinceKey(in: folder)
        let work = folder.appendingPathComponent("work")
        let dist = folder.appendingPathComponent("dist")
        let status = try await main(["build", file, "--key", key, "--source", source.path, "--work", work.path, "--output", dist.path],
                                    products: ["test.quiet": "QuietReports"])
        #expect(status == 3)
        let log = try String(contentsOf: work.appendingPathComponent("build.log"), encoding: .utf8)
        #expect(log.contains("error"), "the log holds swift build's error: \(log)")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: dist.path)) ?? []).isEmpty, "nothing half-built in dist/")
    }

    @Test func versionNamesTheEmbeddedDeployment() async throws {
        // The embedded demo names the built-in plugins, so it loads with the built-in catalogue.
        #expect(try await main(["version"], catalogue: BuiltinPlugins.catalogue) == 0)
        #expect(try await main(["version", "extra"]) == 2)
    }

    @Test func everyBuiltinPluginHasAProductFolder() throws {
        for (id, product) in BuiltinPlugins.catalogue.products {
            #expect(id.isWellFormed, "\(id)")
            #expect(FileManager.default.fileExists(atPath: packageRoot.appendingPathComponent("Plugins/\(product)").path), "\(id) → \(product)")
        }
        #expect(BuiltinPlugins.catalogue.products.count == 9)
    }
}
