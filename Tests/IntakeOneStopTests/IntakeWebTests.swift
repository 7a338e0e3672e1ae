import Foundation
import IntakeOneStop
import MotCuaCore
import MotCuaHost
import MotCuaHTTP
import MotCuaStore
import Testing

/// The intake routes and pages over real sockets on 127.0.0.1.
final class WebHost: Sendable {
    let bench: Bench
    let server: HTTPServer
    let cookie: String

    init(_ manifest: String = testManifest()) async throws {
        bench = try Bench(manifest)
        var policy = IdentityService.Policy()
        policy.passwordIterations = 1_000
        let identity = try IdentityService(store: bench.store, clock: bench.clock, policy: policy)
        try identity.addAccount(id: "lan", displayName: "Lan", role: .clerk, counter: "1", password: "correct-horse-1", by: .system)
        let application = Application(deployment: bench.deployment, composition: bench.composition, store: bench.store, identity: identity,
                                      clock: bench.clock, hub: EventHub())
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.loopThreads = 1
        server = HTTPServer(configuration: configuration, router: application.makeRouter(), errorMapper: Application.errorMapper)
        try server.start()
        cookie = "motcua_session=" + (try identity.signIn(id: "lan", password: "correct-horse-1", remote: "127.0.0.1").token)
    }

    /// One request on a thread of its own, so the blocking socket never holds a pool thread.
    func request(_ method: String, _ target: String, signedIn: Bool = true, body: String? = nil) async throws -> LoopbackHTTPClient.Response {
        let port = server.port
        var headers: [(String, String)] = signedIn ? [("Cookie", cookie)] : []
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let bytes = Array((body ?? "").utf8)
        let sent = headers
        return try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try LoopbackHTTPClient(port: port).request(method, target, headers: sent, body: bytes) }) }.start()
        }
    }

    func stop() async { await server.shutdown(gracePeriod: .seconds(1)) }
}

@Suite("Intake pages and API", .serialized)
struct IntakeWebTests {
    @Test func receptionShowsExactlyTheEnabledAndRequiredFields() async throws {
        let host = try await WebHost()
        defer { Task { await host.stop() } }
        let page = try await host.request("GET", "/reception?procedure=2.000815").text
        // The deployment's six fields plus the procedure's two, and nothing else.
        for id in ["applicant.fullName", "applicant.citizenId", "applicant.dateOfBirth", "applicant.gender", "applicant.phone", "applicant.email",
                   "document.pageCount", "document.copyCount"] {
            #expect(page.contains("data-value=\"\(id)\""), "\(id)")
        }
        #expect(!page.contains("data-value=\"applicant.address\""))
        #expect(!page.contains("data-value=\"postal.returnAddress\""))
        #expect(page.contains("data-doc-provided=\"0\""))
        #expect(page.contains("02/03/2026"))  // same-day procedure received Monday 08:00
        // A disabled sector's procedure falls back to the picker, which lists only enabled sectors.
        let picker = try await host.request("GET", "/reception?procedure=1.013978").text
        #expect(picker.contains("2.000815") && !picker.contains("1.013978"))
    }

    @Test func theAPIReceivesAndTheLookupShowsNoPersonalData() async throws {
        let host = try await WebHost()
        defer { Task { await host.stop() } }
        let body = #"{"procedure":"1.004873","formValues":{"applicant.fullName":"Nguyễn Văn An","applicant.citizenId":"001090012345","applicant.phone":"0912345678"},"documents":[{"index":0}]}"#
        let created = try await host.request("POST", "/api/v1/dossiers", body: body)
        #expect(created.status == 201)
        let code = try JSONParser().parse(created.body)["code"]?.stringValue ?? ""
        #expect(code == "25.12345-260302-0001")
        #expect(created.text.contains("\"counter\":\"1\""))

        let bad = try await host.request("POST", "/api/v1/dossiers", body: #"{"procedure":"1.004873","formValues":{"applicant.fullName":"An","applicant.citizenId":"12","applicant.phone":"0912345678"}}"#)
        #expect(bad.status == 400)
        #expect(bad.text.contains("formValues.applicant.citizenId"))

        let citizen = try await host.request("GET", "/api/v1/dossiers/\(code)", signedIn: false)
        #expect(citizen.status == 200 && !citizen.text.contains("Nguyễn") && !citizen.text.contains("0912345678"))
        let lookup = try await host.request("GET", "/lookup?code=\(code)", signedIn: false).text
        #expect(lookup.contains("05/03/2026") && !lookup.contains("Nguyễn") && !lookup.contains("001090012345") && !lookup.contains("user:lan"))
        let missing = try await host.request("GET", "/lookup?code=nope", signedIn: false)
        #expect(missing.status == 200 && missing.text.contains("Không tìm thấy"))

        let move = try await host.request("POST", "/api/v1/dossiers/\(code)/transitions", body: #"{"status":"done"}"#)
        #expect(move.status == 409)
        #expect(try await host.request("POST", "/api/v1/dossiers/\(code)/transitions", body: #"{"status":"inProcess"}"#).status == 200)
        let view = try await host.request("GET", "/dossiers/\(code)").text
        #expect(view.contains("Nguyễn Văn An") && view.contains("/forms/04"))
    }

    @Test("forms 01–07 carry the case, the documents' form and copies, names not logins, the lookup URL and the register columns")
    func formsAreComplete() async throws {
        let manifest = testManifest().replacingOccurrences(of: #""address": "Số 1, xã Thử" },"#,
                                                           with: #""address": "Số 1, xã Thử", "phone": "0210 3852 123", "publicURL": "https://motcua.xathu.gov.vn/" },"#)
        let host = try await WebHost(manifest)
        defer { Task { await host.stop() } }
        var request = IntakeRequest(procedure: "1.004859", case: "thay-doi-cai-chinh", formValues: applicant)
        request.documents = [DocumentSubmission(index: 0), DocumentSubmission(index: 1)]
        request.documents?[0].form = .original
        request.documents?[1].form = .copy
        request.documents?[1].copies = 2
        let dossier = try host.bench.intake.receive(request, by: clerk)
        _ = try host.bench.intake.transition(dossier: dossier.code, to: .supplementRequested, note: "Bổ sung bản sao giấy khai sinh", by: clerk)

        let slip = try await host.request("GET", "/dossiers/\(dossier.code)/forms/01").text
        #expect(slip.contains("Trường hợp: Thay đổi, cải chính hộ tịch"))
        #expect(slip.contains("Bản chính") && slip.contains("Bản sao") && slip.contains("<td class=\"center\">2</td>"))
        #expect(slip.contains("Quyển số 2026, Số thứ tự: 1"))
        #expect(slip.contains("https://motcua.xathu.gov.vn/lookup?code=\(dossier.code)"), "the QR caption is the full lookup URL")
        #expect(slip.contains("class=\"sign-row\"") && slip.contains("Lan") && !slip.contains(">lan<"))
        let supplement = try await host.request("GET", "/dossiers/\(dossier.code)/forms/02").text
        #expect(supplement.contains("Cán bộ hướng dẫn: <strong>Lan</strong>") && supplement.contains("0210 3852 123"))
        #expect(supplement.contains("Bổ sung bản sao giấy khai sinh"))
        let apology = try await host.request("GET", "/dossiers/\(dossier.code)/forms/04").text
        #expect(apology.contains("VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"))
        let control = try await host.request("GET", "/dossiers/\(dossier.code)/forms/06").text
        #expect(control.contains("Cơ quan giải quyết") && control.contains("Tiến độ") && control.contains("Ký nhận"))
        #expect(!control.contains("staff:lan") && !control.contains("user:lan"), "names, never logins")
        let register = try await host.request("GET", "/register?from=2026-03-01&to=2026-03-31").text
        #expect(register.contains("Cơ quan chủ trì giải quyết") && register.contains("Ngày chuyển hồ sơ") && register.contains("Người nhận kết quả ký"))
        #expect(register.contains("Trường hợp: Thay đổi, cải chính hộ tịch"))
    }

    @Test("a public URL that is not absolute is refused with the file and JSON path")
    func publicURLMustBeAbsolute() throws {
        let manifest = testManifest().replacingOccurrences(of: #""address": "Số 1, xã Thử" },"#, with: #""address": "Số 1, xã Thử", "publicURL": "/lookup" },"#)
        #expect { try loadDeployment(manifest) } throws: { error in
            guard let error = error as? ManifestError else { return false }
            return error.diagnostics.contains { $0.file == "m.json" && $0.path == "centre.publicURL" && $0.code == "manifest.public-url" }
        }
    }

    @Test func formsPrintWithTheMottoAndTheRegisterExportsCSV() async throws {
        let host = try await WebHost()
        defer { Task { await host.stop() } }
        let dossier = try host.bench.intake.receive(IntakeRequest(procedure: "1.004873", formValues: applicant), by: clerk)
        _ = try host.bench.intake.extend(dossier: dossier.code, to: day(2026, 3, 10), reason: "Chờ xác minh", by: clerk)
        for form in ["01", "02", "03", "04", "05", "06"] {
            let page = try await host.request("GET", "/dossiers/\(dossier.code)/forms/\(form)")
            #expect(page.status == 200)
            #expect(page.text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") && page.text.contains("Mẫu số \(form)"))
        }
        let slip = try await host.request("GET", "/dossiers/\(dossier.code)/forms/01").text
        #expect(slip.contains("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ") && slip.contains(dossier.code) && slip.contains("001090012345"))
        let apology = try await host.request("GET", "/dossiers/\(dossier.code)/forms/04").text
        #expect(apology.contains("10/03/2026") && apology.contains("Chờ xác minh"))
        #expect(try await host.request("GET", "/dossiers/\(dossier.code)/forms/09").status == 404)
        let csv = try await host.request("GET", "/register.csv?from=2026-03-01&to=2026-03-31")
        #expect(csv.headers["Content-Type"]?.hasPrefix("text/csv") == true)
        let lines = csv.text.split(separator: "\r\n")
        #expect(lines.count == 2 && lines[1].contains(dossier.code) && lines[1].contains("\"Nguyễn Văn An\""))
        #expect(try await host.request("GET", "/register?from=2026-03-31&to=2026-03-01").status == 400)
    }

    @Test func aScanIsServedWithItsCheckedType() async throws {
        let host = try await WebHost()
        defer { Task { await host.stop() } }
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]).base64EncodedString()
        let body = #"{"procedure":"1.004873","formValues":{"applicant.fullName":"Nguyễn Văn An","applicant.citizenId":"001090012345","applicant.phone":"0912345678"},"documents":[{"index":1,"file":{"name":"cccd.png","base64":"\#(png)"}}]}"#
        let created = try await host.request("POST", "/api/v1/dossiers", body: body)
        #expect(created.status == 201)
        let code = try JSONParser().parse(created.body)["code"]?.stringValue ?? ""
        let scan = try await host.request("GET", "/api/v1/dossiers/\(code)/documents/1")
        #expect(scan.status == 200 && scan.headers["Content-Type"] == "image/png" && scan.headers["X-Content-Type-Options"] == "nosniff")
        #expect(scan.body.count == 11)
        #expect(try await host.request("GET", "/api/v1/dossiers/\(code)/documents/0").status == 404)
        #expect(try await host.request("GET", "/api/v1/dossiers/\(code)/documents/1", signedIn: false).status == 401)
    }

    @Test func thePublicLookupIsRateLimited() async throws {
        let host = try await WebHost()
        defer { Task { await host.stop() } }
        var statuses: [Int] = []
        for _ in 0..<31 { statuses.append(try await host.request("GET", "/api/v1/dossiers/X-1", signedIn: false).status) }
        #expect(statuses.dropLast().allSatisfy { $0 == 404 })
        #expect(statuses.last == 429)
    }
}
