#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Dispatch
import MotCuaCore
import MotCuaHTTP
import MotCuaStore

/// How the province server composes one centre: where its store and key come from, and what
/// every centre shares (the catalogue, the clock, the log, the way out to other systems).
///
/// `motcua serve --province` opens each centre's PostgreSQL schema and its key under
/// `<data>/<unit code>/`; tests give a fresh schema and a key in memory.
public struct TenantFactory: Sendable {
    /// The plugins centres may compose.
    public var catalogue: PluginCatalogue
    /// The clock every centre reads.
    public var clock: any WallClock
    /// Where plugin and HTTP failures are logged.
    public var logHandler: any LogHandler
    /// The folder under which each centre gets `<unit code>/` for its key and scans.
    public var dataFolder: URL
    /// Opens the centre's store (its own schema); called once per composition.
    public var openStore: @Sendable (Deployment) throws -> any Store
    /// The centre's key-encryption key, given its store; nil for a key in memory.
    public var loadKey: @Sendable (Deployment, _ folder: URL, any Store) throws -> KeyEncryptionKey?
    /// How plugins reach other systems.
    public var outbound: (any OutboundHTTP)?
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    public var trustedProxies: [String] = []
    /// The identity policy; the centre's words are added to the forbidden passwords.
    public var policy: IdentityService.Policy = .init()
    /// Where the daily erasure of personal data (Docs/Privacy.md) reports.
    public var retentionLog: (@Sendable (String) -> Void)?
    /// The province's own staff, who act in every centre with their role; nil for none.
    public var provinceIdentity: IdentityService?

    /// A factory.
    public init(catalogue: PluginCatalogue, clock: any WallClock, logHandler: any LogHandler, dataFolder: URL,
                openStore: @escaping @Sendable (Deployment) throws -> any Store,
                loadKey: @escaping @Sendable (Deployment, URL, any Store) throws -> KeyEncryptionKey? = { _, _, _ in nil },
                outbound: (any OutboundHTTP)? = nil) {
        self.catalogue = catalogue
        self.clock = clock
        self.logHandler = logHandler
        self.dataFolder = dataFolder
        self.openStore = openStore
        self.loadKey = loadKey
        self.outbound = outbound
    }

    /// How many centres ``makeAll(_:inFlight:)`` composes at once by default: each one mostly
    /// waits for the database, so a few more than the cores keep both busy.
    public static let defaultInFlight = 8

    /// The centres that could not be composed, each named by its manifest file, in file order.
    public struct Failures: Error, Sendable {
        /// Each failed centre's file and why.
        public var failures: [(file: String, error: any Error)]
    }

    /// Composes and starts the centre of every manifest, at most `inFlight` at a time, and
    /// returns them in the manifests' order, each ready to serve.
    ///
    /// All or nothing: after the first failure no more centres are begun, the ones in flight
    /// finish, every centre composed is ended and its store let go (its connection closed),
    /// and ``Failures`` names each centre that failed with its file and reasons.
    public func makeAll(_ manifests: [ProvinceFolder.Manifest], inFlight: Int = TenantFactory.defaultInFlight) async throws(Failures) -> [Tenant] {
        var made: [Int: Tenant] = [:]
        var failed: [(index: Int, error: any Error)] = []
        await withTaskGroup(of: (Int, Result<Tenant, any Error>).self) { group in
            var next = 0
            while next < manifests.count, next < max(1, inFlight) {
                let index = next, manifest = manifests[index]
                group.addTask { (index, await attempt(manifest)) }
                next += 1
            }
            while let (index, result) = await group.next() {
                switch result {
                case .success(let tenant): made[index] = tenant
                case .failure(let error): failed.append((index, error))
                }
                guard failed.isEmpty, next < manifests.count else { continue }
                let begun = next, manifest = manifests[begun]
                group.addTask { (begun, await attempt(manifest)) }
                next += 1
            }
        }
        guard failed.isEmpty else {
            for tenant in made.values { await tenant.end() }
            made = [:]
            throw Failures(failures: failed.sorted { $0.index < $1.index }.map { (manifests[$0.index].file, $0.error) })
        }
        return manifests.indices.compactMap { made[$0] }
    }

    /// Composes and starts the centre of `deployment`, read from `file`; `fingerprint` is the
    /// digest of its effective manifest; `hub` is the live-event hub of the centre it replaces,
    /// so the boards and consoles connected to it carry on. Throws the composition's problems,
    /// or the store's.
    public func make(_ deployment: Deployment, file: String, fingerprint: String, hub: EventHub? = nil) async throws -> Tenant {
        let hub = hub ?? EventHub()
        // Opening the store and migrating wait on the database: a thread of their own keeps
        // the async pool free for the other centres composed meanwhile.
        let (store, identity, composition) = try await Self.blocking { [self] in
            let folder = dataFolder.appendingPathComponent(deployment.centre.unitCode, isDirectory: true)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let store = try openStore(deployment)
            let key = try loadKey(deployment, folder, store)
            var policy = policy
            policy.passwords.forbiddenWords = PasswordRules.centreWords(deployment.centre)
            let identity = try IdentityService(store: store, clock: clock, policy: policy)
            let composition = try Composition.compose(deployment, catalogue: catalogue, store: store, clock: clock,
                                                      events: HubEventSink(hub: hub), logHandler: logHandler,
                                                      dataFolder: folder, key: key, outbound: outbound)
            return (store, identity, composition)
        }
        try await composition.start()
        var provinceStaff: (@Sendable (HTTPRequest) throws -> StaffAccount?)?
        if let provinceIdentity {
            provinceStaff = { request in try ProvinceServer.staff(request, identity: provinceIdentity) }
        }
        let application = Application(deployment: deployment, composition: composition, store: store, identity: identity, clock: clock,
                                      hub: hub, logHandler: logHandler, trustedProxies: trustedProxies, provinceStaff: provinceStaff)
        var work: [@Sendable () async -> Void] = composition.services.map { service in { await service.run() } }
        if let retentionLog {
            let retention = PersonalDataRetention(composition: composition, store: store, clock: clock)
            let centre = deployment.centre.unitCode
            work.append { await retention.daily { retentionLog("\(centre): \($0)") } }
        }
        return Tenant(application: application, file: file, fingerprint: fingerprint, work: work)
    }

    private func attempt(_ manifest: ProvinceFolder.Manifest) async -> Result<Tenant, any Error> {
        do { return .success(try await make(manifest.deployment, file: manifest.file, fingerprint: manifest.fingerprint)) } catch { return .failure(error) }
    }

    /// Runs `body` on a thread outside the async pool and waits for it.
    private static func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }
}
