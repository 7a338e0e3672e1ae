import Foundation
import MotCuaCore
import MotCuaHost
import MotCuaHTTP
import MotCuaStore
import RatingsCounter
import ReportingIndex766
import ReportingStandard
import Testing

/// A running host with the ratings and both reporting plugins, a supervisor, an admin and a
/// rating tablet paired with counter 1, on a manual clock in March 2026.
final class ReportsHost: Sendable {
    let application: Application
    let server: HTTPServer
    let store: SQLiteStore
    let clock: ManualClock
    let deployment: Deployment
    let identity: IdentityService
    static let password = "correct-horse-1"

    static func manifest(level: String = "commune") -> String { """
    { "centre": { "id": "t.reports", "name": { "vi": "Xã Thử", "en": "Test commune" }, "level": "\(level)", "unitCode": "\(level == "commune" ? "12345" : "25")",
                  "province": { "code": "25", "name": { "vi": "P", "en": "P" } }, "agencyCode": "A", "timeZone": "Asia/Ho_Chi_Minh" },
      "hours": { "mon": ["07:30-17:00"], "tue": ["07:30-17:00"], "wed": ["07:30-17:00"], "thu": ["07:30-17:00"], "fri": ["07:30-17:00"] },
      "sectors": [ { "id": "ho-tich", "name": { "vi": "Hộ tịch", "en": "Civil status" } }, { "id": "dat-dai", "name": { "vi": "Đất đai", "en": "Land" } } ],
      "procedures": [], "enable": { "sectors": ["ho-tich", "dat-dai"] },
      "counters": [ { "id": "1", "name": { "vi": "Quầy 1", "en": "Counter 1" }, "sectors": ["ho-tich"] },
                    { "id": "2", "name": { "vi": "Quầy 2", "en": "Counter 2" }, "sectors": ["dat-dai"] } ],
      "plugins": { "ratings.counter": { "timeoutSeconds": 30 }, "reporting.standard": {}, "reporting.index766": {} } }
    """ }
    static let manifest = manifest()

    static let catalogue = PluginCatalogue([.ratings(RatingsCounter.self), .reporting(ReportingStandard.self), .reporting(ReportingIndex766.self)],
                                           requiredKinds: [])

    init(now: Date? = nil, level: String = "commune") async throws {
        deployment = try #require(try Self.catalogue.loader(source: InMemoryManifestSource(texts: ["m.json": Self.manifest(level: level)])).load("m.json").deployment)
        store = try SQLiteStore.inMemory()
        clock = ManualClock(now ?? deployment.calendar.instant(LocalDate(year: 2026, month: 3, day: 31)!, LocalTime(hour: 16, minute: 0)!))
        var policy = IdentityService.Policy()
        policy.passwordIterations = 1_000
        identity = try IdentityService(store: store, clock: clock, policy: policy)
        try identity.addAccount(id: "admin", displayName: "Admin", role: .admin, password: Self.password, by: .system)
        try identity.addAccount(id: "sup", displayName: "Giám sát", role: .supervisor, password: Self.password, by: .system)
        let hub = EventHub()
        let composition = try Composition.compose(deployment, catalogue: Self.catalogue, store: store, clock: clock,
                                                  events: HubEventSink(hub: hub), logHandler: SilentLogHandler())
        application = Application(deployment: deployment, composition: composition, store: store, identity: identity, clock: clock, hub: hub)
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.loopThreads = 1
        server = HTTPServer(configuration: configuration, router: application.makeRouter(), errorMapper: Application.errorMapper)
        try server.start()
    }

    func serve(_ body: @Sendable (ReportsHost) async throws -> Void) async throws {
        do {
            try await body(self)
        } catch {
            await server.shutdown(gracePeriod: .seconds(1))
            throw error
        }
        await server.shutdown(gracePeriod: .seconds(1))
    }

    /// One request on a fresh connection; the blocking socket work runs on a thread of its own.
    func request(_ method: String, _ target: String, cookie: String? = nil, bearer: String? = nil, json body: String? = nil) async throws -> LoopbackHTTPClient.Response {
        let port = server.port
        var headers: [(String, String)] = []
        if let cookie { headers.append(("Cookie", cookie)) }
        if let bearer { headers.append(("Authorization", "Bearer \(bearer)")) }
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let bytes = Array((body ?? "").utf8)
        let sent = headers
        return try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try LoopbackHTTPClient(port: port).request(method, target, headers: sent, body: bytes) })
            }.start()
        }
    }

    func signIn(_ login: String) async throws -> String {
        let response = try await request("POST", "/api/v1/session", json: "{\"login\":\"\(login)\",\"password\":\"\(Self.password)\"}")
        guard response.status == 200, let cookie = response.headers["Set-Cookie"] else { throw Failure("sign-in failed: \(response.text)") }
        return String(cookie.split(separator: ";")[0])
    }

    /// Pairs a rating tablet with a counter and answers its token.
    func pairTablet(_ id: String, counter: String?) throws -> String {
        let pairing = try identity.startPairing(deviceID: id, kind: .rating, name: "Tablet \(id)", counter: counter, by: .system)
        return try identity.completePairing(code: pairing.code, remote: "127.0.0.1").token
    }

    /// Appends what the queueing plugin records for a ticket finished at a counter now.
    func finishTicket(_ id: String, counter: String, sector: String = "ho-tich") throws {
        try store.write { journal in
            try journal.appendJournal(JournalDraft(at: clock.now, actor: "device:kiosk", kind: "ticket.issued", subject: "ticket:\(id)",
                payload: #"{"number":"\#(id)","sector":"\#(sector)","priorityGroup":null,"day":"2026-03-31","ahead":0,"booking":null}"#))
            try journal.appendJournal(JournalDraft(at: clock.now, actor: "user:lan", kind: "ticket.finished", subject: "ticket:\(id)",
                payload: #"{"number":"\#(id)","sector":"\#(sector)","counter":"\#(counter)","clerk":"lan","serviceSeconds":240}"#))
        }
    }
}

struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func json(_ response: LoopbackHTTPClient.Response) throws -> JSONValue {
    try JSONParser().parse(response.body)
}

func errorCode(_ response: LoopbackHTTPClient.Response) -> String? {
    (try? json(response))?["error"]?["code"]?.stringValue
}
