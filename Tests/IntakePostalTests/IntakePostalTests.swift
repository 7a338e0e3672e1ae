import Foundation
import IntakePostal
import MotCuaCore
import MotCuaHost
import MotCuaHTTP
import MotCuaStore
import Synchronization
import Testing

/// A primary intake that keeps dossiers in memory, so the add-on is tested without another plugin.
struct MemoryIntake: IntakePlugin {
    struct Settings: Decodable, Sendable {}
    static let id: PluginID = "intake.memory"
    static let version = "1.0.0"
    static let summary = LocalizedText(vi: "Tiếp nhận thử", en: "Test intake")
    static let dossiers = Mutex<[String: Dossier]>([:])

    init(settings: Settings, context: HostContext) throws {}

    func receive(_ request: IntakeRequest, by principal: Principal) throws -> Dossier {
        var dossier = Dossier(code: "T-\(request.procedure)", procedure: request.procedure, channel: request.channel, applicantName: "Lê Thị Hoa",
                              formValues: ["applicant.phone": "0987654321"], receivedAt: Date(timeIntervalSince1970: 1_772_409_600),
                              dueAt: Date(timeIntervalSince1970: 1_772_668_800))
        dossier.sector = "s"
        Self.dossiers.withLock { $0[dossier.code] = dossier }
        return dossier
    }

    func transition(dossier code: String, to status: Dossier.Status, note: String?, by principal: Principal) throws -> Dossier {
        try Self.dossiers.withLock { dossiers in
            guard var dossier = dossiers[code] else { throw Problem("intake.no-such-dossier", status: 404, en: "none", vi: "không có") }
            dossier.status = status
            dossiers[code] = dossier
            return dossier
        }
    }

    func dossier(code: String) throws -> Dossier? { Self.dossiers.withLock { $0[code] } }
}

let manifest = """
{ "centre": { "id": "t.postal", "name": { "vi": "Xã Thử", "en": "Test" }, "level": "commune", "unitCode": "12345",
              "province": { "code": "25", "name": { "vi": "Tỉnh Phú Thọ", "en": "Phu Tho" } }, "agencyCode": "A", "timeZone": "Asia/Ho_Chi_Minh" },
  "hours": { "mon": ["07:30-11:30"] },
  "sectors": [ { "id": "s", "name": { "vi": "S", "en": "S" } } ],
  "procedures": [],
  "enable": { "sectors": ["s"] },
  "counters": [ { "id": "1", "name": { "vi": "Quầy 1", "en": "Counter 1" }, "sectors": ["s"] } ],
  "plugins": { "intake.memory": {}, "intake.postal": { "fee": 25000, "communes": ["Xã Đào Xá", "Xã Thanh Thủy"] } } }
"""

func compose() throws -> (Composition, SQLiteStore, Deployment) {
    let catalogue = PluginCatalogue([.intake(MemoryIntake.self), .intake(IntakePostal.self)], requiredKinds: [.intake])
    let deployment = try #require(try catalogue.loader(source: InMemoryManifestSource(texts: ["m.json": manifest])).load("m.json").deployment)
    let store = try SQLiteStore.inMemory()
    let composition = try Composition.compose(deployment, catalogue: catalogue, store: store, clock: ManualClock(Date(timeIntervalSince1970: 1_772_413_200)),
                                              events: DiscardingEventSink(), logHandler: SilentLogHandler())
    return (composition, store, deployment)
}

func postal(_ composition: Composition) throws -> any PostalIntakePlugin {
    let found = composition.plugins.compactMap { plugin -> (any PostalIntakePlugin)? in
        if case .intake(let candidate) = plugin.instance { candidate as? any PostalIntakePlugin } else { nil }
    }
    return try #require(found.first)
}

@Suite("intake.postal", .serialized)
struct IntakePostalTests {
    let clerk = Principal.staff("lan")

    @Test func registersDispatchesAndDeliversOnceEach() throws {
        let (composition, store, _) = try compose()
        let post = try postal(composition)
        let dossier = try #require(composition.intake).receive(IntakeRequest(procedure: "p1", formValues: [:]), by: clerk)
        #expect(post.feeHint == 25_000 && post.communes.count == 2)
        let shipment = try post.register(PostalRequest(service: .returnResult, addressLine: "Số 4, khu 3", commune: "Xã Đào Xá"), for: dossier, by: clerk)
        #expect(shipment.recipient == "Lê Thị Hoa" && shipment.phone == "0987654321" && shipment.province == "Tỉnh Phú Thọ" && shipment.fee == 25_000)
        #expect { try post.register(PostalRequest(service: .returnResult, addressLine: "Số 4, khu 3", commune: "Xã Đào Xá"), for: dossier, by: clerk) }
            throws: { ($0 as? Problem)?.code == "postal.already-registered" }
        #expect { try post.delivered(dossier: dossier.code, recipientID: "001090012345", by: clerk) } throws: { ($0 as? Problem)?.code == "postal.order" }
        #expect(try post.dispatch(dossier: dossier.code, trackingNumber: "EE987654321VN", by: clerk).status == .dispatched)
        let delivered = try post.delivered(dossier: dossier.code, recipientID: "001090012345", by: clerk)
        #expect(delivered.status == .delivered && delivered.recipientID == "001090012345")
        #expect(try post.shipment(dossier: dossier.code) == delivered)
        let kinds = try store.journalEntries(after: 0, limit: 10).map(\.kind)
        #expect(kinds == ["dossier.postal-registered", "dossier.postal-dispatched", "dossier.postal-delivered"])
    }

    @Test func badAddressesAreNamedFieldByField() throws {
        let (composition, _, _) = try compose()
        let post = try postal(composition)
        let counterDossier = try #require(composition.intake).receive(IntakeRequest(procedure: "p2", formValues: [:]), by: clerk)
        #expect {
            try post.register(PostalRequest(service: .both, addressLine: "Số 4, khu 3", commune: "Xã Thanh Thủy", inboundReceipt: "EB1"), for: counterDossier, by: clerk)
        } throws: { error in
            (error as? Problem)?.code == "postal.not-postal-channel" && (error as? Problem)?.details.first?.field == "service"
        }
        let dossier = try #require(composition.intake).receive(IntakeRequest(procedure: "p2", channel: .postal, formValues: [:]), by: clerk)
        #expect {
            try post.register(PostalRequest(service: .sendDossier, phone: "12345", addressLine: "x", commune: "Xã Khác"), for: dossier, by: clerk)
        } throws: { error in
            Set((error as? Problem)?.details.map(\.field) ?? []) == ["phone", "addressLine", "commune", "inboundReceipt"]
        }
        #expect(try post.shipment(dossier: dossier.code) == nil)
        // A dossier that came by post but is collected at the centre is never dispatched.
        _ = try post.register(PostalRequest(service: .sendDossier, addressLine: "Số 4, khu 3", commune: "Xã Thanh Thủy", inboundReceipt: "EB1"), for: dossier, by: clerk)
        #expect { try post.dispatch(dossier: dossier.code, trackingNumber: "EE987654321VN", by: clerk) } throws: { ($0 as? Problem)?.code == "postal.no-return" }
    }

    @Test func theAddOnReceivesNothingItself() throws {
        let (composition, _, _) = try compose()
        #expect { try postal(composition).receive(IntakeRequest(procedure: "p", formValues: [:]), by: clerk) } throws: { ($0 as? Problem)?.code == "intake.not-primary" }
    }

    @Test func deliveryThroughTheAPIReturnsTheDossier() async throws {
        let (composition, store, deployment) = try compose()
        var policy = IdentityService.Policy()
        policy.passwordIterations = 1_000
        let clock = ManualClock(Date(timeIntervalSince1970: 1_772_413_200))
        let identity = try IdentityService(store: store, clock: clock, policy: policy)
        try identity.addAccount(id: "lan", displayName: "Lan", role: .clerk, password: "correct-horse-1", by: .system)
        let application = Application(deployment: deployment, composition: composition, store: store, identity: identity, clock: clock, hub: EventHub())
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.loopThreads = 1
        let server = HTTPServer(configuration: configuration, router: application.makeRouter(), errorMapper: Application.errorMapper)
        try server.start()
        let cookie = "motcua_session=" + (try identity.signIn(id: "lan", password: "correct-horse-1", remote: "127.0.0.1").token)
        let port = server.port
        func send(_ method: String, _ path: String, _ body: String) async throws -> LoopbackHTTPClient.Response {
            try await withCheckedThrowingContinuation { continuation in
                Thread {
                    continuation.resume(with: Result {
                        try LoopbackHTTPClient(port: port).request(method, path, headers: [("Cookie", cookie), ("Content-Type", "application/json")], body: Array(body.utf8))
                    })
                }.start()
            }
        }
        let dossier = try #require(composition.intake).receive(IntakeRequest(procedure: "p3", formValues: [:]), by: clerk)
        #expect(try await send("POST", "/api/v1/dossiers/\(dossier.code)/postal", #"{"service":"returnResult","addressLine":"Số 4, khu 3","commune":"Xã Đào Xá"}"#).status == 201)
        // No result yet: nothing to send.
        #expect(try await send("POST", "/api/v1/dossiers/\(dossier.code)/postal/dispatch", #"{"trackingNumber":"EE987654321VN"}"#).status == 409)
        _ = try composition.intake!.transition(dossier: dossier.code, to: .done, note: nil, by: clerk)
        #expect(try await send("POST", "/api/v1/dossiers/\(dossier.code)/postal/dispatch", #"{"trackingNumber":"EE987654321VN"}"#).status == 200)
        #expect(try await send("POST", "/api/v1/dossiers/\(dossier.code)/postal/delivered", #"{"recipientID":"001090012345"}"#).status == 200)
        #expect(try composition.intake!.dossier(code: dossier.code)?.status == .returned)
        await server.shutdown(gracePeriod: .seconds(1))
    }
}
