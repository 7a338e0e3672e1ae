import Foundation
import IntakeOneStop
import MotCuaCore
import MotCuaHost
import MotCuaHTTP
import MotCuaStore
import Testing

/// A request with a chosen cookie, on a thread of its own.
private func send(_ host: WebHost, _ method: String, _ target: String, cookie: String?, body: String? = nil) async throws -> LoopbackHTTPClient.Response {
    let port = host.server.port
    var headers: [(String, String)] = cookie.map { [("Cookie", $0)] } ?? []
    if body != nil { headers.append(("Content-Type", "application/json")) }
    let bytes = Array((body ?? "").utf8)
    let sent = headers
    return try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try LoopbackHTTPClient(port: port).request(method, target, headers: sent, body: bytes) }) }.start()
    }
}

private func errorCode(_ response: LoopbackHTTPClient.Response) -> String? {
    (try? JSONParser().parse(response.body))?["error"]?["code"]?.stringValue
}

@Suite("Personal data on the intake routes", .serialized)
struct PrivacyWebTests {
    @Test func withPhoneDigitsAskedAnUnknownCodeAndWrongDigitsAnswerAlike() async throws {
        let host = try await WebHost(testManifest(plugin: #"{ "lookupNeedsPhoneDigits": true }"#))
        defer { Task { await host.stop() } }
        let code = try host.bench.intake.receive(IntakeRequest(procedure: "1.004873", formValues: applicant), by: clerk).code
        let noDigits = try await host.request("GET", "/api/v1/dossiers/\(code)", signedIn: false)
        #expect(noDigits.status == 400)
        #expect(errorCode(noDigits) == "public.phone-required")
        let wrong = try await host.request("GET", "/api/v1/dossiers/\(code)?phone=1111", signedIn: false)
        let unknown = try await host.request("GET", "/api/v1/dossiers/25.12345-260302-0999?phone=1111", signedIn: false)
        #expect(wrong.status == 404 && unknown.status == 404)
        #expect(wrong.body == unknown.body)
        #expect(errorCode(wrong) == "public.no-match")
        let right = try await host.request("GET", "/api/v1/dossiers/\(code)?phone=5678", signedIn: false)
        #expect(right.status == 200 && !right.text.contains("Nguyễn") && !right.text.contains("5678"))
        // The page answers alike too, and asks for the digits.
        let wrongPage = try await host.request("GET", "/lookup?code=\(code)&phone=1111", signedIn: false).text
        let unknownPage = try await host.request("GET", "/lookup?code=25.12345-260302-0999&phone=1111", signedIn: false).text
        #expect(wrongPage.replacingOccurrences(of: code, with: "X") == unknownPage.replacingOccurrences(of: "25.12345-260302-0999", with: "X"))
        #expect(wrongPage.contains("name=\"phone\""))
    }

    @Test func aSensitiveProcedureIsNotNamedPublicly() async throws {
        let manifest = testManifest().replacingOccurrences(of: "\"sectors\": [\"ho-tich\", \"chung-thuc\", \"kinh-doanh\"]",
                                                           with: "\"sectors\": [\"ho-tich\", \"chung-thuc\", \"kinh-doanh\", \"bao-tro-xa-hoi\"]")
            .replacingOccurrences(of: "\"sectors\": [\"ho-tich\", \"chung-thuc\", \"kinh-doanh\"] } ]", with: "\"sectors\": [\"ho-tich\", \"chung-thuc\", \"kinh-doanh\", \"bao-tro-xa-hoi\"] } ]")
        let host = try await WebHost(manifest)
        defer { Task { await host.stop() } }
        var values = applicant
        values["beneficiary.fullName"] = "Trần Thị Bình"
        let dossier = try host.bench.intake.receive(IntakeRequest(procedure: "1.001776", formValues: values), by: clerk)
        let procedure = try #require(host.bench.deployment.procedure("1.001776"))
        let json = try await host.request("GET", "/api/v1/dossiers/\(dossier.code)", signedIn: false)
        #expect(json.status == 200 && !json.text.contains("1.001776") && !json.text.contains("bao-tro-xa-hoi"))
        let page = try await host.request("GET", "/lookup?code=\(dossier.code)", signedIn: false).text
        #expect(!page.contains(procedure.name.vi) || page.components(separatedBy: procedure.name.vi).count == 2) // only in the catalogue below
        #expect(page.contains(WebStrings.publicProcedureHidden.vi))
        #expect(!page.contains("Trần Thị Bình") && !page.contains("Bình"))
    }

    @Test func theCounterIsTheClerksNeverTheBodys() async throws {
        let host = try await WebHost()
        defer { Task { await host.stop() } }
        let other = try await host.request("POST", "/api/v1/dossiers",
                                           body: #"{"procedure":"1.004873","counter":"3","formValues":{"applicant.fullName":"Nguyễn Văn An","applicant.citizenId":"001090012345","applicant.phone":"0912345678"}}"#)
        #expect(other.status == 403)
        #expect(errorCode(other) == "intake.not-your-counter")
        #expect(other.text.contains("Quầy 1"))
        let own = try await host.request("POST", "/api/v1/dossiers",
                                         body: #"{"procedure":"1.004873","counter":"1","formValues":{"applicant.fullName":"Nguyễn Văn An","applicant.citizenId":"001090012345","applicant.phone":"0912345678"}}"#)
        #expect(own.status == 201 && own.text.contains("\"counter\":\"1\""))
    }

    @Test func everyStaffReadIsJournalledAndASupervisorSeesIt() async throws {
        let host = try await WebHost()
        defer { Task { await host.stop() } }
        let identity = try IdentityService(store: host.bench.store, clock: host.bench.clock, policy: { var p = IdentityService.Policy(); p.passwordIterations = 1_000; return p }())
        try identity.addAccount(id: "thu", displayName: "Chị Thu", role: .supervisor, password: "correct-horse-1", by: .system)
        let supervisor = "motcua_session=" + (try identity.signIn(id: "thu", password: "correct-horse-1", remote: "127.0.0.1").token)
        let code = try host.bench.intake.receive(IntakeRequest(procedure: "1.004873", formValues: applicant), by: clerk).code

        #expect(try await host.request("GET", "/dossiers/\(code)").status == 200)
        #expect(try await host.request("GET", "/api/v1/dossiers/\(code)").status == 200)
        #expect(try await host.request("GET", "/dossiers/\(code)/forms/01").status == 200)
        // A citizen's lookup reads no personal data and leaves no entry.
        #expect(try await host.request("GET", "/api/v1/dossiers/\(code)", signedIn: false).status == 200)
        let entries = try host.bench.store.journalEntries(matching: JournalQuery(subject: "dossier:\(code)", kinds: [DossierAccess.journalKind]))
            .compactMap(DossierAccess.init(entry:))
        #expect(entries.map(\.kind) == [.page, .api, .form])
        #expect(entries.allSatisfy { $0.who == "staff:lan" })
        #expect(entries.map(\.route) == ["GET /dossiers/\(code)", "GET /api/v1/dossiers/\(code)", "GET /dossiers/\(code)/forms/01"])

        let clerkView = try await host.request("GET", "/dossiers/\(code)").text
        #expect(!clerkView.contains(WebStrings.accessHistory.vi))
        let supervisorView = try await send(host, "GET", "/dossiers/\(code)", cookie: supervisor).text
        #expect(supervisorView.contains(WebStrings.accessHistory.vi) && supervisorView.contains("Lan") && supervisorView.contains(WebStrings.accessForm.vi))
        #expect(try host.bench.store.verifyJournal().firstBadSequence == nil)
    }

    @Test func exportsAreMaskedAndAFullExportNeedsASupervisorAndAReason() async throws {
        let host = try await WebHost()
        defer { Task { await host.stop() } }
        let identity = try IdentityService(store: host.bench.store, clock: host.bench.clock, policy: { var p = IdentityService.Policy(); p.passwordIterations = 1_000; return p }())
        try identity.addAccount(id: "thu", displayName: "Chị Thu", role: .supervisor, password: "correct-horse-1", by: .system)
        let supervisor = "motcua_session=" + (try identity.signIn(id: "thu", password: "correct-horse-1", remote: "127.0.0.1").token)
        let code = try host.bench.intake.receive(IntakeRequest(procedure: "1.004873", formValues: applicant), by: clerk).code
        let range = "from=2026-03-01&to=2026-03-31"

        let masked = try await host.request("GET", "/register.csv?\(range)").text
        #expect(masked.contains("\"Nguyễn V. A.\"") && masked.contains("******5678") && !masked.contains("0912 345 678"))
        let api = try await host.request("GET", "/api/v1/register?\(range)").text
        #expect(api.contains("\"masked\":true") && api.contains("********2345") && !api.contains("001090012345") && !api.contains("Nguyễn Văn An"))

        let clerkFull = try await host.request("GET", "/register.csv?\(range)&full=1&reason=Thanh%20tra%20yeu%20cau")
        #expect(clerkFull.status == 403)
        #expect(errorCode(clerkFull) == "privacy.full-export-forbidden")
        let noReason = try await send(host, "GET", "/register.csv?\(range)&full=1", cookie: supervisor)
        #expect(noReason.status == 400)
        #expect(errorCode(noReason) == "privacy.full-export-reason")
        let full = try await send(host, "GET", "/register.csv?\(range)&full=1&reason=Thanh%20tra%20y%C3%AAu%20c%E1%BA%A7u", cookie: supervisor).text
        #expect(full.contains("\"Nguyễn Văn An\""))
        let access = try host.bench.store.journalEntries(matching: JournalQuery(subject: "dossier:\(code)", kinds: [DossierAccess.journalKind]))
            .compactMap(DossierAccess.init(entry:))
        #expect(access.count == 1 && access.first?.kind == .export && access.first?.reason == "Thanh tra yêu cầu" && access.first?.who == "staff:thu")
        // The register page offers the full export to the supervisor only.
        #expect(try await send(host, "GET", "/register?\(range)", cookie: supervisor).text.contains("name=\"reason\""))
        #expect(!(try await host.request("GET", "/register?\(range)").text.contains("name=\"reason\"")))
    }

    @Test func walkingTwoHundredCodesFromOneAddressIsThrottled() async throws {
        let host = try await WebHost()
        defer { Task { await host.stop() } }
        var statuses: [Int] = []
        for index in 0..<200 {
            statuses.append(try await host.request("GET", "/api/v1/dossiers/25.12345-260302-\(String(format: "%04d", index))", signedIn: false).status)
        }
        #expect(statuses.prefix(20).allSatisfy { $0 == 404 })
        #expect(statuses.dropFirst(20).allSatisfy { $0 == 429 })
        let refused = try await host.request("GET", "/api/v1/dossiers/25.12345-260302-0500", signedIn: false)
        #expect(errorCode(refused) == "public.rate-limited")
        #expect(refused.text.contains("Tra cứu quá nhiều lần"))
        // The same limit covers the pages, which answer a page.
        let page = try await host.request("GET", "/lookup?code=25.12345-260302-0300", signedIn: false)
        #expect(page.status == 429 && page.headers["Retry-After"] != nil && page.text.contains("<html"))
        // Asking again about a code already admitted costs nothing (a follow page re-reads its own).
        #expect(try await host.request("GET", "/api/v1/dossiers/25.12345-260302-0001", signedIn: false).status == 404)
        // Staff are not counted.
        #expect(try await host.request("GET", "/api/v1/dossiers/25.12345-260302-0001").status == 404)
    }
}
