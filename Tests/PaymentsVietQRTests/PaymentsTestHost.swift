import Foundation
import MotCuaCore
import MotCuaHost
import MotCuaHTTP
import MotCuaStore
import Synchronization
import Testing
import MotCuaPostgresTesting

/// A test-only intake: dossiers put in by the test, looked up by code, nothing else.
struct FakeIntake: IntakePlugin {
    struct Settings: Decodable, Sendable {}
    static let id: PluginID = "intake.fake"
    static let version = "0.0.1"
    static let summary = LocalizedText(vi: "Tiếp nhận giả lập", en: "Fake intake")
    /// The dossiers every fake intake answers with.
    static let dossiers = Mutex<[String: Dossier]>([:])

    init(settings: Settings, context: HostContext) throws {}

    func receive(_ request: IntakeRequest, by principal: Principal) throws -> Dossier { throw Problem("fake", en: "fake", vi: "fake") }
    func transition(dossier code: String, to status: Dossier.Status, note: String?, by principal: Principal) throws -> Dossier {
        throw Problem("fake", en: "fake", vi: "fake")
    }
    func dossier(code: String) throws -> Dossier? { Self.dossiers.withLock { $0[code] } }
}

/// A running host on 127.0.0.1 with the payments plugin(s) under test, the fake intake and
/// a clerk, a second clerk and a supervisor.
final class PaymentsTestHost: Sendable {
    let application: Application
    let server: HTTPServer
    let store: any Store
    let clock: ManualClock
    static let password = "correct-horse-1"

    init(plugins: String, descriptors: [PluginDescriptor]) throws {
        let manifest = """
        { "centre": { "id": "t.pay", "name": { "vi": "Xã Thử", "en": "Test" }, "level": "commune", "unitCode": "12345",
                      "province": { "code": "25", "name": { "vi": "P", "en": "P" } }, "agencyCode": "A", "timeZone": "Asia/Ho_Chi_Minh",
                      "address": "Số 1" },
          "hours": { "mon": ["07:30-17:00"] },
          "sectors": [ { "id": "chung-thuc", "name": { "vi": "Chứng thực", "en": "Certification" } } ],
          "procedures": [
            { "code": "2.000815", "name": { "vi": "Chứng thực bản sao", "en": "Certified copy" }, "sector": "chung-thuc",
              "deadline": { "unit": "immediate" },
              "fees": [ { "id": "phi-1", "kind": "phi", "name": { "vi": "Phí chứng thực", "en": "Certification charge" }, "amount": 2000, "per": "page" },
                        { "id": "le-phi-1", "kind": "lePhi", "name": { "vi": "Lệ phí", "en": "Fee" }, "amount": 8000, "per": "dossier" } ] } ],
          "enable": { "sectors": ["chung-thuc"] },
          "counters": [ { "id": "1", "name": { "vi": "Quầy 1", "en": "Counter 1" }, "sectors": ["chung-thuc"] } ],
          "plugins": { "intake.fake": {}, \(plugins) } }
        """
        let catalogue = PluginCatalogue([.intake(FakeIntake.self)] + descriptors, requiredKinds: [])
        let deployment = try catalogue.loader(source: InMemoryManifestSource(texts: ["m.json": manifest])).load("m.json").deployment!
        store = try StoreEngine.makeStore()
        clock = ManualClock(deployment.calendar.instant(LocalDate(year: 2026, month: 3, day: 2)!, LocalTime(hour: 9, minute: 0)!))
        var policy = IdentityService.Policy()
        policy.passwordIterations = 1_000
        let identity = try IdentityService(store: store, clock: SystemClock(), policy: policy)
        try identity.addAccount(id: "sup", displayName: "Supervisor", role: .supervisor, password: Self.password, by: .system)
        try identity.addAccount(id: "lan", displayName: "Lan", role: .clerk, counter: "1", password: Self.password, by: .system)
        try identity.addAccount(id: "minh", displayName: "Minh", role: .clerk, counter: "1", password: Self.password, by: .system)
        let hub = EventHub()
        let composition = try Composition.compose(deployment, catalogue: catalogue, store: store, clock: clock,
                                                  events: HubEventSink(hub: hub), logHandler: SilentLogHandler())
        application = Application(deployment: deployment, composition: composition, store: store, identity: identity, clock: clock, hub: hub)
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.loopThreads = 1
        server = HTTPServer(configuration: configuration, router: application.makeRouter(), errorMapper: Application.errorMapper)
        try server.start()
    }

    /// Puts a dossier where the fake intake finds it.
    static func file(_ dossier: Dossier) {
        FakeIntake.dossiers.withLock { $0[dossier.code] = dossier }
    }

    func dossier(_ code: String, status: Dossier.Status = .received, channel: Dossier.Channel = .counter) -> Dossier {
        let dossier = Dossier(code: code, procedure: "2.000815", channel: channel, status: status, applicantName: "Trần Thị <B>",
                              receivedAt: clock.now, dueAt: clock.now)
        Self.file(dossier)
        return dossier
    }

    func serve(_ body: @Sendable (PaymentsTestHost) async throws -> Void) async throws {
        do { try await body(self) } catch {
            await server.shutdown(gracePeriod: .seconds(1))
            throw error
        }
        await server.shutdown(gracePeriod: .seconds(1))
    }

    func client() throws -> PaymentsClient { PaymentsClient(try LoopbackHTTPClient(port: server.port)) }

    func signIn(_ login: String) async throws -> String {
        let response = try await client().request("POST", "/api/v1/session", headers: [("Content-Type", "application/json")],
                                                  body: Array("{\"login\":\"\(login)\",\"password\":\"\(Self.password)\"}".utf8))
        guard response.status == 200, let cookie = response.headers["Set-Cookie"] else { throw PaymentsTestFailure("sign-in failed: \(response.text)") }
        return String(cookie.split(separator: ";")[0])
    }

    /// A JSON request as `cookie`'s account.
    func call(_ method: String, _ path: String, as cookie: String?, json body: String? = nil) async throws -> LoopbackHTTPClient.Response {
        var headers: [(String, String)] = []
        if let cookie { headers.append(("Cookie", cookie)) }
        if body != nil { headers.append(("Content-Type", "application/json")) }
        return try await client().request(method, path, headers: headers, body: Array((body ?? "").utf8))
    }
}

/// A loopback client whose blocking calls run on threads of their own, off the concurrency pool.
final class PaymentsClient: Sendable {
    let client: LoopbackHTTPClient
    init(_ client: LoopbackHTTPClient) { self.client = client }

    func request(_ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8] = []) async throws -> LoopbackHTTPClient.Response {
        let client = self.client
        return try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try client.request(method, target, headers: headers, body: body) }) }.start()
        }
    }
}

struct PaymentsTestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func body(_ response: LoopbackHTTPClient.Response) throws -> JSONValue { try JSONParser().parse(response.body) }
func problemCode(_ response: LoopbackHTTPClient.Response) -> String? { (try? body(response))?["error"]?["code"]?.stringValue }
