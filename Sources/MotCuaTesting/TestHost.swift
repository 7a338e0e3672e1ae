import Foundation
import MotCuaCore
import MotCuaHost
import MotCuaHTTP
import MotCuaPostgresTesting
import MotCuaStore

/// One MotCua centre for a test: the real manifest loader, composition, SQLite store (in
/// memory) and HTTP application, on a manual clock, with staff accounts ready to sign in.
///
/// Drive it in process through the router, or over a real socket on 127.0.0.1, with the same
/// test code:
///
/// ```swift
/// let host = try TestHost(TestManifest().plugin("queue.standard"), plugins: [.queueing(QueueStandard.self)])
/// try await host.test(.router) { client in
///     let ticket = try await client.post("/api/v1/tickets", json: #"{"sector":"s"}"#, as: try host.pair("kiosk-1", kind: .kiosk))
///     #expect(ticket.status == 201)
/// }
/// ```
///
/// Each host is its own world: its own store, clock, events and temporary data folder, so
/// tests run in parallel.
public final class TestHost: Sendable {
    /// The deployment the manifest resolved to.
    public let deployment: Deployment
    /// The plugins this host may compose.
    public let catalogue: PluginCatalogue
    /// The store: a real SQLite database in memory (or the one given).
    public let store: any Store
    /// The clock every plugin and the application read; move it with ``set(_:_:_:)`` or `advance(by:)`.
    public let clock: ManualClock
    /// Every event the plugins published, in order (they also reach ``hub``'s live streams).
    public let events: RecordingEventSink
    /// The live-event hub behind `/api/v1/events`.
    public let hub: EventHub
    /// Staff accounts, sessions and paired devices.
    public let identity: IdentityService
    /// The composed plugins.
    public let composition: Composition
    /// The HTTP application (routes, pages, access checks).
    public let application: Application
    /// A temporary folder for scans and other files, removed with the host.
    public let dataFolder: URL

    /// The password of every preset account.
    public static let password = "correct-horse-1"

    /// Builds a centre from `manifest` and `plugins`.
    /// - Parameters:
    ///   - files: other manifest files by name (layers the manifest `extends`), e.g. from ``packageFile(_:)``.
    ///   - day, time: where the manual clock starts, in the centre's time zone (Monday 2 March 2026, 08:00).
    ///   - store: a store to use instead of a fresh in-memory one (a file store, to test restarts).
    ///   - clock: a clock to share with an earlier host (`day` and `time` are then ignored).
    ///   - key: the centre's key-encryption key, to share with an earlier host on the same store (a fresh one otherwise).
    ///   - accounts: the staff accounts to create (password ``password``).
    ///   - identityClock: the clock sessions live by; the manual clock unless a test moves it by days.
    ///   - policy: changes to the identity policy (passwords hash with 1,000 PBKDF2 rounds here).
    ///   - trustedProxies: reverse proxies whose `X-Forwarded-For` the application believes.
    ///   - outbound: how plugins reach other systems (the libcurl client, pointed at a loopback stand-in); none by default.
    public init(_ manifest: TestManifest, plugins: [PluginDescriptor], requiredKinds: Set<PluginKind> = [], files: [String: String] = [:],
                day: LocalDate = LocalDate(year: 2026, month: 3, day: 2)!, time: LocalTime = LocalTime(hour: 8, minute: 0)!,
                store: (any Store)? = nil, clock: ManualClock? = nil, key: KeyEncryptionKey? = nil, accounts: [TestAccount] = TestAccount.standard, identityClock: (any WallClock)? = nil,
                trustedProxies: [String] = [], outbound: (any OutboundHTTP)? = nil, policy configure: (inout IdentityService.Policy) -> Void = { _ in }) throws {
        catalogue = PluginCatalogue(plugins, requiredKinds: requiredKinds)
        deployment = try Self.load(manifest.json, files: files, catalogue: catalogue)
        self.store = try store ?? StoreEngine.makeStore()
        self.clock = clock ?? ManualClock(deployment.calendar.instant(day, time))
        events = RecordingEventSink()
        hub = EventHub()
        dataFolder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-test-\(UUID().uuidString)")
        var policy = IdentityService.Policy()
        policy.passwordIterations = 1_000
        configure(&policy)
        identity = try IdentityService(store: self.store, clock: identityClock ?? self.clock, policy: policy)
        for account in accounts {
            try identity.addAccount(id: account.id, displayName: account.displayName, role: account.role, counter: account.counter,
                                    password: Self.password, by: .system)
        }
        composition = try Composition.compose(deployment, catalogue: catalogue, store: self.store, clock: self.clock,
                                              events: FanOutEventSink([events, HubEventSink(hub: hub)]), logHandler: SilentLogHandler(),
                                              dataFolder: dataFolder, key: key, outbound: outbound)
        application = Application(deployment: deployment, composition: composition, store: self.store, identity: identity, clock: self.clock, hub: hub,
                                  trustedProxies: trustedProxies)
    }

    deinit { try? FileManager.default.removeItem(at: dataFolder) }

    /// Loads `manifest` (named `m.json`) with `files` beside it; a manifest error fails with its diagnostics.
    public static func load(_ manifest: String, files: [String: String] = [:], catalogue: PluginCatalogue) throws -> Deployment {
        var texts = files
        texts["m.json"] = manifest
        guard let deployment = try catalogue.loader(source: InMemoryManifestSource(texts: texts)).load("m.json").deployment else {
            throw TestFailure("m.json is an abstract layer, not a deployment")
        }
        return deployment
    }

    /// The text of a file in this package (for example `Deployments/catalogue/sectors.json`).
    public static func packageFile(_ path: String, filePath: StaticString = #filePath) throws -> String {
        try String(contentsOf: packageRoot(filePath).appendingPathComponent(path), encoding: .utf8)
    }

    /// The folder of this package's `Package.swift`.
    static func packageRoot(_ filePath: StaticString = #filePath) -> URL {
        var root = URL(fileURLWithPath: "\(filePath)")
        while root.path != "/" {
            root.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) { break }
        }
        return root
    }

    /// The calendar of the deployment.
    public var calendar: WorkingCalendar { deployment.calendar }

    /// Sets the clock to `hour:minute` on `date`, in the centre's time zone.
    public func set(_ date: LocalDate, _ hour: Int, _ minute: Int = 0) {
        clock.set(calendar.instant(date, LocalTime(hour: hour, minute: minute)!))
    }

    /// Every journal entry so far.
    public func journal() throws -> [JournalEntry] { try store.journalEntries(after: 0, limit: 1_000_000) }

    /// The plugin of type `P` in the composition (for calling it directly).
    public func plugin<P>(_ type: P.Type = P.self) throws -> P {
        for (_, instance) in composition.plugins {
            if let found = instance.plugin as? P { return found }
        }
        throw TestFailure("no plugin of type \(P.self) in this composition")
    }

    /// Runs `body` with a client: in process through the router (`.router`) or over a real
    /// socket on 127.0.0.1 (`.live`), the server stopped afterwards even when `body` throws.
    public func test<T: Sendable>(_ mode: TestClient.Mode = .router, _ body: (TestClient) async throws -> T) async throws -> T {
        try await Self.serve(application.makeRouter(), mode, body)
    }

    /// Runs `body` with a client of `router`, in process or over a socket served for it.
    static func serve<T: Sendable>(_ router: Router, _ mode: TestClient.Mode, _ body: (TestClient) async throws -> T) async throws -> T {
        switch mode {
        case .router:
            return try await body(TestClient(router: router))
        case .live:
            var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
            configuration.loopThreads = 1
            let server = HTTPServer(configuration: configuration, router: router, errorMapper: Application.errorMapper)
            try server.start()
            let result: T
            do {
                result = try await body(TestClient(port: server.port))
            } catch {
                await server.shutdown(gracePeriod: .seconds(1))
                throw error
            }
            await server.shutdown(gracePeriod: .seconds(1))
            return result
        }
    }
}

/// A test's own failure, with what went wrong.
public struct TestFailure: Error, CustomStringConvertible {
    /// What went wrong.
    public var description: String
    /// A failure saying `description`.
    public init(_ description: String) { self.description = description }
}
