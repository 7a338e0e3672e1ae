#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
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

    /// Composes and starts the centre of `deployment`, read from `file`; `fingerprint` is the
    /// digest of its effective manifest; `hub` is the live-event hub of the centre it replaces,
    /// so the boards and consoles connected to it carry on. Throws the composition's problems,
    /// or the store's.
    public func make(_ deployment: Deployment, file: String, fingerprint: String, hub: EventHub? = nil) async throws -> Tenant {
        let folder = dataFolder.appendingPathComponent(deployment.centre.unitCode, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try openStore(deployment)
        let key = try loadKey(deployment, folder, store)
        var policy = policy
        policy.passwords.forbiddenWords = PasswordRules.centreWords(deployment.centre)
        let identity = try IdentityService(store: store, clock: clock, policy: policy)
        let hub = hub ?? EventHub()
        let composition = try Composition.compose(deployment, catalogue: catalogue, store: store, clock: clock,
                                                  events: HubEventSink(hub: hub), logHandler: logHandler,
                                                  dataFolder: folder, key: key, outbound: outbound)
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
}
