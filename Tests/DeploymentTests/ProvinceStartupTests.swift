import Foundation
import MotCuaBuiltins
import MotCuaCore
import MotCuaHost
import MotCuaPostgres
import MotCuaPostgresTesting
import MotCuaStore
import MotCuaTesting
import Synchronization
import Testing

/// How `motcua serve --province` composes its centres (several at once, all or nothing) and
/// ends one whose manifest left the folder.
@Suite(.enabled(if: StoreEngine.all.contains(.postgresql)))
struct ProvinceStartupTests {
    /// One centre whose key file is not a key, among four composed concurrently: nothing
    /// starts, the failure names that centre's manifest and the key file, no centre is begun
    /// after the failure, and every store opened is let go (its connection closed).
    @Test func oneBrokenCentreAmongSeveralStartsNothingNamesItsFileAndClosesEveryStore() async throws {
        let scratch = try Scratch(communes: ["an-binh.json", "an-nghia.json", "au-co.json", "ban-nguyen.json"])
        defer { scratch.remove() }
        let found = ProvinceFolder.load(scratch.folder, catalogue: BuiltinPlugins.catalogue, language: .en)
        #expect(found.failures.isEmpty)
        try #require(found.manifests.count == 4)

        // The last centre breaks after the first three are composed: all three are ended.
        let last = found.manifests[3]
        try scratch.breakKey(of: last.deployment)
        let late = try scratch.factory(found.manifests[0].deployment)
        do {
            let tenants = try await late.factory.makeAll(found.manifests, inFlight: 2)
            Issue.record("a province with a broken centre started \(tenants.count) centres")
        } catch {
            #expect(error.failures.map(\.file) == [last.file])
            let reasons = ProvinceServer.reasons(error.failures[0].error, language: .en).joined(separator: " ")
            #expect(reasons.contains(KeyEncryptionKey.fileName), "the reason names the key file: \(reasons)")
        }
        #expect(late.opened.count == 4)
        #expect(late.opened.stillOpen == 0, "every store opened is let go")

        // The first centre breaks with one in flight: no other centre is begun.
        let first = found.manifests[0]
        try scratch.breakKey(of: first.deployment)
        let early = try scratch.factory(first.deployment)
        do {
            _ = try await early.factory.makeAll(found.manifests, inFlight: 1)
            Issue.record("a province whose first centre is broken started")
        } catch {
            #expect(error.failures.map(\.file) == [first.file])
        }
        #expect(early.opened.count == 1)
        #expect(early.opened.stillOpen == 0)
    }

    /// A reload after An Bình's manifest was deleted ends An Bình: out of service (404), its
    /// board's live stream closed, its store let go; Âu Cơ's board stays connected.
    @Test func aReloadEndsTheCentreWhoseFileWasRemoved() async throws {
        let province = try await TestProvince(catalogue: BuiltinPlugins.catalogue, communes: ["an-binh.json", "au-co.json"])
        let running = Task { await province.server.run() }
        defer { province.server.finish(); running.cancel() }
        let anBinh = "05425", auCo = "07948"
        weak var store = try #require(province.server.tenant(anBinh)?.application.store as? PostgresStore)
        try await province.test(.live) { client in
            let clerk = try await client.signIn("lan", at: anBinh)
            let board = try await client.stream("/\(anBinh)/api/v1/events?topics=queue", as: clerk)
            #expect(try await board.next().event == "ready")
            let other = try await client.signIn("lan", at: auCo)
            let otherBoard = try await client.stream("/\(auCo)/api/v1/events?topics=queue", as: other)
            #expect(try await otherBoard.next().event == "ready")

            try FileManager.default.removeItem(atPath: province.folder + "/an-binh.json")
            let report = await province.server.reload(province.folder, factory: province.factory, language: .en)
            #expect(report.removed.map { ($0 as NSString).lastPathComponent } == ["an-binh.json"])
            #expect(report.unchanged == 1)
            #expect(report.lines(.en).contains { $0.contains("file gone, centre ended") && $0.hasSuffix("an-binh.json") })
            #expect(province.server.tenant(anBinh) == nil)
            #expect(try await client.get("/\(anBinh)/api/v1/deployment").status == 404)
            await #expect(throws: (any Error).self) { _ = try await board.next() }

            #expect(try await client.post("/\(auCo)/api/v1/tickets", json: #"{"sector":"ho-tich"}"#, as: other).status == 201)
            #expect(try await otherBoard.next().event == "ticket.issued")
        }
        #expect(store == nil, "the ended centre's store is let go, its connection closed")
    }

    /// The same four centres, sound, compose concurrently and come back in file order.
    @Test func centresComposedConcurrentlyComeBackInFileOrder() async throws {
        let scratch = try Scratch(communes: ["an-binh.json", "an-nghia.json", "au-co.json", "ban-nguyen.json"])
        defer { scratch.remove() }
        let found = ProvinceFolder.load(scratch.folder, catalogue: BuiltinPlugins.catalogue, language: .en)
        let made = try scratch.factory(found.manifests[0].deployment)
        let tenants = try await made.factory.makeAll(found.manifests, inFlight: 3)
        #expect(tenants.map(\.file) == found.manifests.map(\.file))
        #expect(made.opened.count == 4)
        for tenant in tenants { await tenant.end() }
    }
}

/// A province folder of real manifests in a temporary folder, and factories whose stores are
/// fresh schemas of the test cluster, watched so a test can tell they were let go.
private struct Scratch {
    let root: URL
    let folder: String
    let schemas = Schemas()

    init(communes: [String], filePath: StaticString = #filePath) throws {
        let package = URL(fileURLWithPath: "\(filePath)").deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        root = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-startup-\(UUID().uuidString)")
        let province = root.appendingPathComponent("phu-tho")
        try FileManager.default.createDirectory(at: province, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: package.appendingPathComponent("Deployments/catalogue"), to: root.appendingPathComponent("catalogue"))
        for file in ["province.json"] + communes {
            try FileManager.default.copyItem(at: package.appendingPathComponent("Deployments/phu-tho/\(file)"), to: province.appendingPathComponent(file))
        }
        folder = province.path
    }

    var data: URL { root.appendingPathComponent("data") }

    /// Writes a key file that is not a key into the centre's data folder.
    func breakKey(of deployment: Deployment) throws {
        let folder = data.appendingPathComponent(deployment.centre.unitCode)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(KeyEncryptionKey.fileName).path
        try? FileManager.default.removeItem(atPath: path)
        try "not a key\n".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }

    /// A factory like `serve --province`'s: a schema per centre, the key from the data folder.
    func factory(_ sample: Deployment) throws -> (factory: TenantFactory, opened: OpenedStores) {
        let cluster = try TestCluster.shared()
        let location = try PostgresLocation(url: cluster.url)
        let opened = OpenedStores(), schemas = schemas
        let clock = ManualClock(sample.calendar.instant(LocalDate(year: 2026, month: 3, day: 2)!, LocalTime(hour: 9, minute: 0)!))
        var factory = TenantFactory(catalogue: BuiltinPlugins.catalogue, clock: clock, logHandler: SilentLogHandler(), dataFolder: data,
                                    openStore: { deployment in
                                        let schema = cluster.freshSchema(deployment.centre.unitCode)
                                        schemas.add(schema)
                                        let store = try PostgresStore(location: location, schema: schema)
                                        opened.add(store)
                                        return store
                                    },
                                    loadKey: { _, folder, store in try KeyEncryptionKey.load(folder: folder.path, store: store) })
        factory.policy.passwordIterations = 1_000
        return (factory, opened)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
        if let url = try? TestCluster.shared().url, let location = try? PostgresLocation(url: url) {
            try? PostgresStore.dropSchemas(schemas.all, location: location)
        }
    }
}

/// The stores a factory opened, held weakly: one still alive still holds its connection.
private final class OpenedStores: Sendable {
    private struct Entry: @unchecked Sendable { weak var store: PostgresStore? }
    private let entries = Mutex<[Entry]>([])
    func add(_ store: PostgresStore) { entries.withLock { $0.append(Entry(store: store)) } }
    var count: Int { entries.withLock { $0.count } }
    var stillOpen: Int { entries.withLock { $0.filter { $0.store != nil }.count } }
}

private final class Schemas: Sendable {
    private let names = Mutex<[String]>([])
    func add(_ name: String) { names.withLock { $0.append(name) } }
    var all: [String] { names.withLock { $0 } }
}
