import Foundation
import IntakeOneStop
import IntakePortalSync
import MotCuaCore
import MotCuaHarness
import MotCuaHTTP
import MotCuaHTTPClient
import MotCuaStore
import MotCuaTesting
import Testing

/// A centre with the one-stop intake and the portal add-on, the stand-in on 127.0.0.1, and
/// the libcurl client between them.
final class SyncBench: Sendable {
    let standIn: PortalStandIn
    let server: HTTPServer
    let host: TestHost
    let credentials: URL

    /// Starts the stand-in, writes the credentials file and composes the centre; `store` and
    /// `key` reuse an earlier bench's database (a restart).
    init(settings: String = "", store: (any Store)? = nil, key: KeyEncryptionKey? = nil, clock: ManualClock? = nil, standIn: PortalStandIn? = nil,
         accounts: [TestAccount] = []) throws {
        self.standIn = standIn ?? PortalStandIn(credentials: ("motcua", "mat-khau-thu"))
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.loopThreads = 1
        server = HTTPServer(configuration: configuration, router: self.standIn.router())
        try server.start()
        credentials = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-portal-\(UUID().uuidString).json")
        try Data(#"{"username": "motcua", "password": "mat-khau-thu"}"#.utf8).write(to: credentials)
        let base = "http://127.0.0.1:\(server.port)"
        let plugin = """
            { "endpoint": "\(base)\(PortalStandIn.servicePath)", "authEndpoint": "\(base)\(PortalStandIn.authPath)", "unitCode": "000.00.12.H46",
              "credentialsFile": "\(credentials.path)", "timeoutSeconds": 2, "connectTimeoutSeconds": 1, "maxAttempts": 2\(settings) }
            """
        let manifest = portalManifest(plugin: plugin)
        host = try TestHost(TestManifest(json: manifest), plugins: [.intake(IntakeOneStop.self), .intake(IntakePortalSync.self)], requiredKinds: [.intake],
                            files: catalogueFiles, store: store, clock: clock, key: key, accounts: accounts, outbound: CurlClient())
        Task { [server] in try? await server.run() }
    }

    deinit { try? FileManager.default.removeItem(at: credentials) }

    /// Stops the stand-in's server.
    func stop() async {
        await server.shutdown(gracePeriod: .milliseconds(200))
    }

    var sync: any PortalSyncPlugin { host.composition.portalSync! }
    var intake: any IntakePlugin { host.composition.intake! }

    /// Receives a dossier for a civil-status procedure.
    @discardableResult
    func receive(_ number: Int = 1, channel: Dossier.Channel = .counter) throws -> Dossier {
        try intake.receive(IntakeRequest(procedure: "1.004873", channel: channel, formValues: applicant(number)), by: clerk)
    }

    /// Sends until nothing is waiting (or a pass stops on a failure).
    @discardableResult
    func drain() async -> PortalSendPass {
        var total = PortalSendPass()
        while true {
            let pass = await sync.sendPending()
            total.accepted += pass.accepted
            total.refused += pass.refused
            total.stoppedBy = pass.stoppedBy
            if pass.stoppedBy != nil || pass.accepted + pass.refused == 0 { return total }
        }
    }
}

let clerk = Principal.staff("lan")

func applicant(_ number: Int) -> [String: String] {
    ["applicant.fullName": "Nguyễn Văn An \(number)", "applicant.citizenId": "001090012345", "applicant.phone": "0912 345 678",
     "applicant.email": "an\(number)@example.vn"]
}

/// A commune centre on the shared catalogue with the portal add-on.
func portalManifest(plugin: String) -> String {
    """
    { "extends": ["catalogue/sectors.json", "catalogue/form-fields.json", "catalogue/procedures.json"],
      "centre": { "id": "t.portal", "name": { "vi": "UBND xã Thử", "en": "Test commune" }, "level": "commune",
                  "unitCode": "12345", "province": { "code": "25", "name": { "vi": "Tỉnh Phú Thọ", "en": "Phu Tho" } },
                  "agencyCode": "25.12345", "timeZone": "Asia/Ho_Chi_Minh" },
      "hours": \(TestManifest.weekdayHours),
      "enable": { "sectors": ["ho-tich", "chung-thuc"], "formFields": ["applicant.fullName", "applicant.citizenId", "applicant.phone", "applicant.email"] },
      "require": { "formFields": ["applicant.fullName"] },
      "counters": [ { "id": "1", "name": { "vi": "Quầy 1", "en": "Counter 1" }, "sectors": ["ho-tich", "chung-thuc"] } ],
      "plugins": { "intake.onestop": {}, "intake.portal": \(plugin) } }
    """
}

let catalogueFiles: [String: String] = {
    var files: [String: String] = [:]
    for name in ["sectors", "form-fields", "procedures"] {
        files["catalogue/\(name).json"] = try? TestHost.packageFile("Deployments/catalogue/\(name).json")
    }
    return files
}()
