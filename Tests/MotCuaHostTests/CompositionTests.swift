import Foundation
import MotCuaCore
import MotCuaHost
import MotCuaStore
import Synchronization
import Testing

/// Records lifecycle calls so tests can see the order plugins start and stop in.
final class LifecycleLog: Sendable {
    static let shared = LifecycleLog()
    private let entries = Mutex<[String]>([])

    func record(_ entry: String) { entries.withLock { $0.append(entry) } }
    func take() -> [String] { entries.withLock { log in defer { log = [] }; return log } }
}

struct QueueA: QueueingPlugin {
    struct Settings: Decodable, Sendable {
        var prefix: String
    }

    static let id: PluginID = "queue.a"
    static let version = "1.0.0"
    static let summary = LocalizedText(vi: "Hàng đợi A", en: "Queue A")
    static let migrations = [Migration(version: 1, name: "tickets", statements: ["CREATE TABLE queue_a_tickets (id INTEGER PRIMARY KEY, number TEXT NOT NULL)"])]

    let store: any Store

    init(settings: Settings, context: HostContext) throws {
        store = context.store
        guard !settings.prefix.isEmpty else { throw Problem("queue.a.prefix", en: "prefix is empty", vi: "tiền tố rỗng") }
    }

    func start() async throws { LifecycleLog.shared.record("start \(Self.id)") }
    func stop() async { LifecycleLog.shared.record("stop \(Self.id)") }

    func issueTicket(_ request: TicketRequest, by principal: Principal) throws -> Ticket {
        try store.write { transaction in
            let id = try transaction.queryFirst("INSERT INTO queue_a_tickets (number) VALUES (?) RETURNING id", ["A-001"])?.int64("id") ?? 0
            return Ticket(id: "\(id)", number: "A-001", sector: request.sector, issuedAt: Date(timeIntervalSince1970: 0))
        }
    }

    func callNext(counter: String, by principal: Principal) throws -> Ticket? { nil }

    func perform(_ action: TicketAction, onTicket id: String, by principal: Principal) throws -> Ticket {
        throw Problem("test.unsupported", en: "unsupported", vi: "không hỗ trợ")
    }

    func snapshot() throws -> QueueSnapshot { QueueSnapshot(waiting: [], atCounters: []) }
}

struct QueueB: QueueingPlugin {
    struct Settings: Decodable, Sendable {}
    static let id: PluginID = "queue.b"
    static let version = "1.0.0"
    static let summary = LocalizedText(vi: "Hàng đợi B", en: "Queue B")
    init(settings: Settings, context: HostContext) throws {}
    func issueTicket(_ request: TicketRequest, by principal: Principal) throws -> Ticket { throw Problem("x", en: "x", vi: "x") }
    func callNext(counter: String, by principal: Principal) throws -> Ticket? { nil }
    func perform(_ action: TicketAction, onTicket id: String, by principal: Principal) throws -> Ticket { throw Problem("x", en: "x", vi: "x") }
    func snapshot() throws -> QueueSnapshot { QueueSnapshot(waiting: [], atCounters: []) }
}

struct IntakeA: IntakePlugin {
    struct Settings: Decodable, Sendable {}
    static let id: PluginID = "intake.a"
    static let version = "1.0.0"
    static let summary = LocalizedText(vi: "Tiếp nhận A", en: "Intake A")
    init(settings: Settings, context: HostContext) throws {}
    func start() async throws { LifecycleLog.shared.record("start \(Self.id)") }
    func stop() async { LifecycleLog.shared.record("stop \(Self.id)") }
    func receive(_ request: IntakeRequest, by principal: Principal) throws -> Dossier { throw Problem("x", en: "x", vi: "x") }
    func transition(dossier code: String, to status: Dossier.Status, note: String?, by principal: Principal) throws -> Dossier {
        throw Problem("x", en: "x", vi: "x")
    }
    func dossier(code: String) throws -> Dossier? { nil }
}

struct PostalAddOn: IntakePlugin {
    struct Settings: Decodable, Sendable {
        /// Makes `start()` fail, for the all-or-nothing start test.
        var failStart: Bool?
    }
    static let id: PluginID = "intake.postal-test"
    static let role = PluginRole.addOn
    static let version = "1.0.0"
    static let summary = LocalizedText(vi: "Bưu chính", en: "Postal")
    let failStart: Bool
    init(settings: Settings, context: HostContext) throws { failStart = settings.failStart ?? false }
    func start() async throws {
        if failStart { throw Problem("postal.test.offline", en: "the postal service is unreachable", vi: "không kết nối được bưu chính") }
    }
    func receive(_ request: IntakeRequest, by principal: Principal) throws -> Dossier { throw Problem("x", en: "x", vi: "x") }
    func transition(dossier code: String, to status: Dossier.Status, note: String?, by principal: Principal) throws -> Dossier {
        throw Problem("x", en: "x", vi: "x")
    }
    func dossier(code: String) throws -> Dossier? { nil }
}

@Suite("Composing a deployment from its manifest", .serialized)
struct CompositionTests {
    static let catalogue = PluginCatalogue(
        [.queueing(QueueA.self), .queueing(QueueB.self), .intake(IntakeA.self), .intake(PostalAddOn.self)],
        otherKnownIDs: ["payments.vietqr"], requiredKinds: [.queueing, .intake])

    /// A minimal valid deployment naming `plugins` (JSON object text).
    func deployment(plugins: String) throws -> Deployment {
        let manifest = """
        { "centre": { "id": "t.x", "name": { "vi": "X", "en": "X" }, "level": "commune", "unitCode": "12345",
                      "province": { "code": "25", "name": { "vi": "P", "en": "P" } }, "agencyCode": "A", "timeZone": "Asia/Ho_Chi_Minh" },
          "hours": { "mon": ["07:30-11:30"] },
          "sectors": [ { "id": "s", "name": { "vi": "S", "en": "S" } } ],
          "procedures": [],
          "enable": { "sectors": ["s"] },
          "counters": [ { "id": "1", "name": { "vi": "Quầy 1", "en": "Counter 1" }, "sectors": ["s"] } ],
          "plugins": \(plugins) }
        """
        let loader = Self.catalogue.loader(source: InMemoryManifestSource(texts: ["m.json": manifest]))
        return try #require(try loader.load("m.json").deployment)
    }

    func compose(_ deployment: Deployment, store: (any Store)? = nil) throws(CompositionError) -> Composition {
        let store = store ?? (try! SQLiteStore.inMemory())
        return try Composition.compose(deployment, catalogue: Self.catalogue, store: store, clock: ManualClock(Date(timeIntervalSince1970: 0)),
                                       events: DiscardingEventSink(), logHandler: SilentLogHandler())
    }

    func problems(_ plugins: String) throws -> [String] {
        let deployment = try deployment(plugins: plugins)
        do {
            _ = try compose(deployment)
            Issue.record("expected composition to fail")
            return []
        } catch {
            return error.problems.map(\.code)
        }
    }

    @Test func composesMigratesAndRunsPluginsInOrder() async throws {
        let store = try SQLiteStore.inMemory()
        let composition = try compose(deployment(plugins: "{ \"queue.a\": { \"prefix\": \"A\" }, \"intake.a\": {}, \"intake.postal-test\": {} }"), store: store)
        #expect(composition.kinds == [.queueing, .intake])
        let queue = try #require(composition.queueing)
        #expect(type(of: queue).id == "queue.a")
        #expect(composition.intake.map { type(of: $0).id } == "intake.a")
        // The plugin's own migration ran: it can write its table.
        let ticket = try queue.issueTicket(TicketRequest(sector: "s"), by: .device("kiosk"))
        #expect(ticket.id == "1")
        let applied = try store.read { try $0.query("SELECT owner, version FROM schema_migrations WHERE owner = 'queue.a'") }
        #expect(applied.count == 1)
        _ = LifecycleLog.shared.take()
        try await composition.start()
        await composition.stop()
        #expect(LifecycleLog.shared.take() == ["start queue.a", "start intake.a", "stop intake.a", "stop queue.a"])
    }

    @Test func aPluginFailingToStartStopsThoseStartedInReverseOrder() async throws {
        let composition = try compose(deployment(plugins: "{ \"queue.a\": { \"prefix\": \"A\" }, \"intake.a\": {}, \"intake.postal-test\": { \"failStart\": true } }"))
        _ = LifecycleLog.shared.take()
        let error = await #expect(throws: CompositionError.self) { try await composition.start() }
        #expect(LifecycleLog.shared.take() == ["start queue.a", "start intake.a", "stop intake.a", "stop queue.a"])
        #expect(error?.problems.map(\.code) == ["composition.start-failed"])
        #expect(error?.problems.first?.message.en.contains("intake.postal-test failed to start: the postal service is unreachable") == true)
        #expect(error?.problems.first?.message.vi.contains("không kết nối được bưu chính") == true)
    }

    @Test func requiredKindMissing() throws {
        #expect(try problems("{ \"queue.a\": { \"prefix\": \"A\" } }") == ["composition.kind-missing"])
    }

    @Test func twoPluginsOfASingleInstanceKind() throws {
        #expect(try problems("{ \"queue.a\": { \"prefix\": \"A\" }, \"queue.b\": {}, \"intake.a\": {} }") == ["composition.kind-duplicated"])
    }

    @Test func addOnWithoutItsPrimary() throws {
        let found = try problems("{ \"queue.a\": { \"prefix\": \"A\" }, \"intake.postal-test\": {} }")
        #expect(found == ["composition.kind-missing", "composition.add-on-alone"])
    }

    @Test func pluginNotCompiledIntoThisBinary() throws {
        let found = try problems("{ \"queue.a\": { \"prefix\": \"A\" }, \"intake.a\": {}, \"payments.vietqr\": {} }")
        #expect(found == ["composition.not-compiled-in"])
    }

    @Test func unknownPluginAndBadSettingsAreRefusedByTheManifest() throws {
        #expect(throws: ManifestError.self) { try deployment(plugins: "{ \"queue.c\": {} }") }
        let error = try #require(throws: ManifestError.self) { try deployment(plugins: "{ \"queue.a\": { \"prefx\": \"A\" }, \"intake.a\": {} }") }
        #expect(error.diagnostics.map(\.code) == ["manifest.plugin-settings"])
        #expect(error.diagnostics.first?.message.en.contains("prefx") == true)
    }

    @Test func aPluginRefusingItsSettingsFailsComposition() throws {
        let found = try problems("{ \"queue.a\": { \"prefix\": \"\" }, \"intake.a\": {} }")
        #expect(found == ["queue.a.prefix"])
    }

    @Test func catalogueSelfCheck() {
        #expect(Self.catalogue.selfCheck().isEmpty)
        let doubled = PluginCatalogue([.queueing(QueueA.self), .queueing(QueueA.self)], requiredKinds: [])
        #expect(doubled.selfCheck() == ["queue.a: listed twice"])
    }
}
