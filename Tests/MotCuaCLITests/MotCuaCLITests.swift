import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import MotCuaBuiltins
import MotCuaCLI
import MotCuaCore
import MotCuaHost
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

    @Test func buildGeneratesAPackageLinkingExactlyTheNamedPlugins() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try manifest(named: "commune.json", in: folder, plugins: ["test.quiet"], id: "test.commune")
        let products: [PluginID: String] = ["test.quiet": "QuietReports", "test.broken": "BrokenReports", "queue.standard": "QueueStandard"]
        let work = folder.appendingPathComponent("work")
        let status = try await main(["build", file, "--package-only", "--work", work.path, "--source", packageRoot.path], products: products)
        #expect(status == 0)

        let package = work.appendingPathComponent("test.commune")
        let packageSwift = try String(contentsOf: package.appendingPathComponent("Package.swift"), encoding: .utf8)
        let linked = packageSwift.split(separator: "\n").filter { $0.contains(".product(name:") }
            .map { $0.split(separator: "\"")[1] }
        #expect(linked == ["MotCuaCLI", "MotCuaHost", "MotCuaCore", "QuietReports"])
        #expect(packageSwift.contains(".package(path: \"\(packageRoot.standardizedFileURL.path)\")"))
        #expect(!packageSwift.contains("MotCuaBuiltins"))

        let main = try String(contentsOf: package.appendingPathComponent("Sources/MotCuaDeployment/main.swift"), encoding: .utf8)
        #expect(main.contains("import QuietReports"))
        #expect(!main.contains("import BrokenReports"))
        #expect(main.contains("PluginCatalogue([describe(QuietReports.self)], otherKnownIDs: [\"queue.standard\", \"test.broken\"]"))
        let embedded = try Data(contentsOf: package.appendingPathComponent("Sources/MotCuaDeployment/manifest.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: embedded) as? [String: Any])
        #expect((object["centre"] as? [String: Any])?["id"] as? String == "test.commune")
        #expect(object["extends"] == nil, "the embedded manifest is resolved")
    }

    @Test func buildRefusesBadInputBeforeWritingAnything() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let work = folder.appendingPathComponent("work")
        let products: [PluginID: String] = ["test.quiet": "QuietReports"]
        let unknown = try manifest(named: "unknown.json", in: folder, plugins: ["test.nope"])
        let invalid = folder.appendingPathComponent("invalid.json")
        try Data(#"{"centre": {"id": 7}"#.utf8).write(to: invalid)
        let noProduct = try manifest(named: "no-product.json", in: folder, plugins: ["test.broken"])
        for file in [unknown, invalid.path, folder.appendingPathComponent("missing.json").path, noProduct] {
            let status = try await main(["build", file, "--work", work.path, "--source", packageRoot.path], products: products)
            #expect(status == 1, "\(file)")
        }
        #expect(!FileManager.default.fileExists(atPath: work.path))
        // A binary built for one deployment carries no product table and cannot build another.
        let good = try manifest(named: "good.json", in: folder, plugins: ["test.quiet"])
        #expect(try await main(["build", good, "--work", work.path]) == 1)
    }

    @Test func buildAllWritesOnePackagePerDeploymentAndSkipsLayers() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let products: [PluginID: String] = ["test.quiet": "QuietReports", "test.broken": "BrokenReports"]
        _ = try manifest(named: "a.json", in: folder, plugins: ["test.quiet"], id: "test.a")
        _ = try manifest(named: "b.json", in: folder, plugins: ["test.broken"], id: "test.b")
        try Data(#"{"abstract": true}"#.utf8).write(to: folder.appendingPathComponent("layer.json"))
        let work = folder.appendingPathComponent("work")
        let status = try await main(["build", "--all", folder.path, "--package-only", "--work", work.path, "--source", packageRoot.path],
                                    products: products)
        #expect(status == 0)
        let written = try FileManager.default.contentsOfDirectory(atPath: work.path).sorted()
        #expect(written == ["test.a", "test.b"])
        let b = try String(contentsOf: work.appendingPathComponent("test.b/Package.swift"), encoding: .utf8)
        #expect(b.contains("\"BrokenReports\"") && !b.contains("\"QuietReports\""))

        // One bad manifest in the folder stops the whole run before anything is written.
        _ = try manifest(named: "c.json", in: folder, plugins: ["test.nope"], id: "test.c")
        let again = folder.appendingPathComponent("again")
        #expect(try await main(["build", "--all", folder.path, "--package-only", "--work", again.path, "--source", packageRoot.path],
                               products: products) == 1)
        #expect(!FileManager.default.fileExists(atPath: again.path))
        #expect(try await main(["build", "--all"], products: products) == 2)
    }

    @Test func aFailedSwiftBuildExits3AndPlacesNothing() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A source tree whose Package.swift does not parse: swift build fails within a second.
        let source = folder.appendingPathComponent("source")
        try FileManager.default.createDirectory(at: source.appendingPathComponent("Sources/MotCuaCLI"), withIntermediateDirectories: true)
        try Data("this is not a package manifest\n".utf8).write(to: source.appendingPathComponent("Package.swift"))
        let file = try manifest(named: "commune.json", in: folder, plugins: ["test.quiet"], id: "test.fails")
        let work = folder.appendingPathComponent("work")
        let dist = folder.appendingPathComponent("dist")
        let status = try await main(["build", file, "--source", source.path, "--work", work.path, "--output", dist.path],
                                    products: ["test.quiet": "QuietReports"])
        #expect(status == 3)
        let log = try String(contentsOf: work.appendingPathComponent("test.fails/build.log"), encoding: .utf8)
        #expect(log.contains("error"), "the log holds swift build's error: \(log)")
        #expect(!FileManager.default.fileExists(atPath: dist.appendingPathComponent("motcua-test.fails").path))
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
        #expect(BuiltinPlugins.catalogue.products.count == 10)
    }
}
