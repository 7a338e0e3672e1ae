import Foundation
import MotCuaCore
import MotCuaHost
import MotCuaHTTP
import MotCuaPostgres
import MotCuaPostgresTesting
import Synchronization

/// A province server for a test: a small folder of real manifests (copied from the package's
/// `Deployments/`), every centre composed on a fresh schema of the process's ``TestCluster``,
/// on a manual clock, each with the standard staff accounts.
///
/// ```swift
/// let province = try await TestProvince(catalogue: BuiltinPlugins.catalogue, communes: ["an-binh.json", "au-co.json"])
/// try await province.test(.router) { client in
///     #expect(try await client.get("/05425/kiosk").status == 200)
/// }
/// ```
public final class TestProvince: Sendable {
    /// The province folder (`<temporary>/phu-tho/`), with `../catalogue/` beside it.
    public let folder: String
    /// How centres are composed (a reload uses it too).
    public let factory: TenantFactory
    /// The running server.
    public let server: ProvinceServer
    /// The clock every centre reads.
    public let clock: ManualClock
    private let root: URL
    private let schemas: SchemaList

    /// Copies `province.json` and `communes` of the package's `Deployments/<province>/` and
    /// composes every one of them.
    public init(catalogue: PluginCatalogue, province: String = "phu-tho", communes: [String],
                day: LocalDate = LocalDate(year: 2026, month: 3, day: 2)!, time: LocalTime = LocalTime(hour: 9, minute: 0)!,
                filePath: StaticString = #filePath) async throws {
        let cluster = try TestCluster.shared()
        let location = try PostgresLocation(url: cluster.url)
        let package = TestHost.packageRoot(filePath)
        root = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-province-\(UUID().uuidString)")
        let provinceFolder = root.appendingPathComponent(province)
        try FileManager.default.createDirectory(at: provinceFolder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: package.appendingPathComponent("Deployments/catalogue"), to: root.appendingPathComponent("catalogue"))
        for file in ["province.json"] + communes {
            try FileManager.default.copyItem(at: package.appendingPathComponent("Deployments/\(province)/\(file)"), to: provinceFolder.appendingPathComponent(file))
        }
        folder = provinceFolder.path
        let schemas = SchemaList()
        self.schemas = schemas
        let found = ProvinceFolder.load(folder, catalogue: catalogue, language: .en)
        guard found.failures.isEmpty, let first = found.manifests.first else {
            throw TestFailure("the test province does not load: \(found.failures.flatMap(\.lines).joined(separator: "\n"))")
        }
        let calendar = first.deployment.calendar
        clock = ManualClock(calendar.instant(day, time))
        var factory = TenantFactory(catalogue: catalogue, clock: clock, logHandler: SilentLogHandler(), dataFolder: root.appendingPathComponent("data"),
                                    openStore: { deployment in
                                        let schema = cluster.freshSchema(deployment.centre.unitCode)
                                        schemas.add(schema)
                                        return try PostgresStore(location: location, schema: schema)
                                    })
        factory.policy.passwordIterations = 1_000
        let provinceSchema = cluster.freshSchema("province")
        schemas.add(provinceSchema)
        var policy = IdentityService.Policy()
        policy.passwordIterations = 1_000
        let identity = try IdentityService(store: try PostgresStore(location: location, schema: provinceSchema), clock: clock, policy: policy)
        for account in [Self.supervisor, Self.admin] {
            try identity.addAccount(id: account.id, displayName: account.displayName, role: account.role, password: TestHost.password, by: .system)
        }
        factory.provinceIdentity = identity
        self.factory = factory
        var tenants: [Tenant] = []
        for manifest in found.manifests {
            let tenant = try await factory.make(manifest.deployment, file: manifest.file, fingerprint: manifest.fingerprint)
            try Self.addAccounts(tenant)
            tenants.append(tenant)
        }
        server = ProvinceServer(province: first.deployment.centre.province, tenants: tenants, clock: clock, identity: identity)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
        if let location = try? PostgresLocation(url: (try? TestCluster.shared())?.url ?? "") {
            try? PostgresStore.dropSchemas(schemas.all, location: location)
        }
    }

    /// `giamsat`, a province supervisor (password ``TestHost/password``).
    public static let supervisor = TestAccount("giamsat", displayName: "Giám sát tỉnh", role: .supervisor)
    /// `quantri`, a province administrator.
    public static let admin = TestAccount("quantri", displayName: "Quản trị tỉnh", role: .admin)

    /// Gives `tenant` the standard accounts (password ``TestHost/password``).
    public static func addAccounts(_ tenant: Tenant) throws {
        for account in TestAccount.standard {
            try tenant.application.identity.addAccount(id: account.id, displayName: account.displayName, role: account.role, counter: account.counter,
                                                       password: TestHost.password, by: .system)
        }
    }

    /// Copies `file` of the package's `Deployments/<province>/` into the folder (as `name`), for a reload.
    public func addManifest(_ file: String, province: String = "phu-tho", as name: String? = nil, filePath: StaticString = #filePath) throws {
        let package = TestHost.packageRoot(filePath)
        try FileManager.default.copyItem(at: package.appendingPathComponent("Deployments/\(province)/\(file)"),
                                         to: URL(fileURLWithPath: folder).appendingPathComponent(name ?? file))
    }

    /// Writes `text` as `name` in the folder (a broken or changed manifest, for a reload).
    public func writeManifest(_ name: String, _ text: String) throws {
        try text.write(toFile: (folder as NSString).appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    /// Runs `body` with a client of the province's router: in process or over a real socket.
    public func test<T: Sendable>(_ mode: TestClient.Mode = .router, _ body: (TestClient) async throws -> T) async throws -> T {
        try await TestHost.serve(server.makeRouter(), mode, body)
    }
}

/// The schemas a test province made, dropped with it.
private final class SchemaList: Sendable {
    private let names = Mutex<[String]>([])
    func add(_ name: String) { names.withLock { $0.append(name) } }
    var all: [String] { names.withLock { $0 } }
}
