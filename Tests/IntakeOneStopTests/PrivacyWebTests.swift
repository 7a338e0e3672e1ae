import Foundation
import IntakeOneStop
import MotCuaCore
import MotCuaHost
import MotCuaTesting
import Testing

@Suite("Personal data on the intake routes")
struct PrivacyWebTests {
    @Test func withPhoneDigitsAskedAnUnknownCodeAndWrongDigitsAnswerAlike() async throws {
        let host = try intakeHost(testManifest(plugin: #"{ "lookupNeedsPhoneDigits": true }"#), accounts: [.clerk])
        let code = try host.intake.receive(IntakeRequest(procedure: "1.004873", formValues: applicant), by: clerk).code
        try await host.test { client in
            let noDigits = try await client.get("/api/v1/dossiers/\(code)")
            #expect(noDigits.status == 400)
            #expect(noDigits.errorCode == "public.phone-required")
            let wrong = try await client.get("/api/v1/dossiers/\(code)?phone=1111")
            let unknown = try await client.get("/api/v1/dossiers/25.12345-260302-0999?phone=1111")
            #expect(wrong.status == 404 && unknown.status == 404)
            #expect(wrong.body == unknown.body)
            #expect(wrong.errorCode == "public.no-match")
            let right = try await client.get("/api/v1/dossiers/\(code)?phone=5678")
            #expect(right.status == 200 && !right.text.contains("Nguyễn") && !right.text.contains("5678"))
            // The page answers alike too, and asks for the digits.
            let wrongPage = try await client.get("/lookup?code=\(code)&phone=1111").text
            let unknownPage = try await client.get("/lookup?code=25.12345-260302-0999&phone=1111").text
            #expect(wrongPage.replacingOccurrences(of: code, with: "X") == unknownPage.replacingOccurrences(of: "25.12345-260302-0999", with: "X"))
            #expect(wrongPage.contains("name=\"phone\""))
        }
    }

    @Test func aSensitiveProcedureIsNotNamedPublicly() async throws {
        let manifest = testManifest().replacingOccurrences(of: "[\"ho-tich\", \"chung-thuc\", \"kinh-doanh\"]",
                                                           with: "[\"ho-tich\", \"chung-thuc\", \"kinh-doanh\", \"bao-tro-xa-hoi\"]")
        let host = try intakeHost(manifest, accounts: [.clerk])
        var values = applicant
        values["beneficiary.fullName"] = "Trần Thị Bình"
        let dossier = try host.intake.receive(IntakeRequest(procedure: "1.001776", formValues: values), by: clerk)
        let procedure = try #require(host.deployment.procedure("1.001776"))
        #expect(host.deployment.personal(ofField: "beneficiary.fullName", on: procedure) == .sensitive)
        try await host.test { client in
            let json = try await client.get("/api/v1/dossiers/\(dossier.code)")
            #expect(json.status == 200 && !json.text.contains("1.001776") && !json.text.contains("bao-tro-xa-hoi"))
            let page = try await client.get("/lookup?code=\(dossier.code)").text
            let result = page.components(separatedBy: "lookup-result").dropFirst().first?.components(separatedBy: "</section>").first ?? ""
            #expect(!result.isEmpty && !result.contains(procedure.name.vi))
            #expect(result.contains(WebStrings.publicProcedureHidden.vi))
            #expect(!page.contains("Trần Thị Bình"))
        }
    }

    @Test func theCounterIsTheClerksNeverTheBodys() async throws {
        let host = try intakeHost(accounts: [.clerk])
        try await host.test { client in
            let lan = try host.signIn("lan")
            let values = #""formValues":{"applicant.fullName":"Nguyễn Văn An","applicant.citizenId":"001090012345","applicant.phone":"0912345678"}"#
            let other = try await client.post("/api/v1/dossiers", json: #"{"procedure":"1.004873","counter":"3",\#(values)}"#, as: lan)
            #expect(other.status == 403)
            #expect(other.errorCode == "intake.not-your-counter")
            #expect(other.text.contains("Quầy 1"))
            let own = try await client.post("/api/v1/dossiers", json: #"{"procedure":"1.004873","counter":"1",\#(values)}"#, as: lan)
            #expect(own.status == 201 && own.text.contains("\"counter\":\"1\""))
        }
    }

    @Test func everyStaffReadIsJournalledAndASupervisorSeesIt() async throws {
        let host = try intakeHost(accounts: [.clerk, .supervisor])
        let code = try host.intake.receive(IntakeRequest(procedure: "1.004873", formValues: applicant), by: clerk).code
        try await host.test { client in
            let lan = try host.signIn("lan")
            let supervisor = try host.signIn("sup")
            #expect(try await client.get("/dossiers/\(code)", as: lan).status == 200)
            #expect(try await client.get("/api/v1/dossiers/\(code)", as: lan).status == 200)
            #expect(try await client.get("/dossiers/\(code)/forms/01", as: lan).status == 200)
            // A citizen's lookup reads no personal data and leaves no entry.
            #expect(try await client.get("/api/v1/dossiers/\(code)").status == 200)
            let entries = try host.application.accessHistory(dossier: code)
            #expect(entries.map(\.kind) == [.page, .api, .form])
            #expect(entries.allSatisfy { $0.who == "staff:lan" })
            #expect(entries.map(\.route) == ["GET /dossiers/\(code)", "GET /api/v1/dossiers/\(code)", "GET /dossiers/\(code)/forms/01"])

            let clerkView = try await client.get("/dossiers/\(code)", as: lan).text
            #expect(!clerkView.contains(WebStrings.accessHistory.vi))
            let supervisorView = try await client.get("/dossiers/\(code)", as: supervisor).text
            #expect(supervisorView.contains(WebStrings.accessHistory.vi) && supervisorView.contains("Nguyễn Thị Lan")
                    && supervisorView.contains(WebStrings.accessForm.vi))
            #expect(try host.store.verifyJournal().firstBadSequence == nil)
        }
    }

    @Test func exportsAreMaskedAndAFullExportNeedsASupervisorAndAReason() async throws {
        let host = try intakeHost(accounts: [.clerk, .supervisor])
        let code = try host.intake.receive(IntakeRequest(procedure: "1.004873", formValues: applicant), by: clerk).code
        let range = "from=2026-03-01&to=2026-03-31"
        try await host.test { client in
            let lan = try host.signIn("lan")
            let supervisor = try host.signIn("sup")
            let masked = try await client.get("/register.csv?\(range)", as: lan).text
            #expect(masked.contains("\"Nguyễn V. A.\"") && masked.contains("******5678") && !masked.contains("0912 345 678"))
            let api = try await client.get("/api/v1/register?\(range)", as: lan).text
            #expect(api.contains("\"masked\":true") && api.contains("********2345") && !api.contains("001090012345") && !api.contains("Nguyễn Văn An"))

            let clerkFull = try await client.get("/register.csv?\(range)&full=1&reason=Thanh%20tra%20yeu%20cau", as: lan)
            #expect(clerkFull.status == 403)
            #expect(clerkFull.errorCode == "privacy.full-export-forbidden")
            let noReason = try await client.get("/register.csv?\(range)&full=1", as: supervisor)
            #expect(noReason.status == 400)
            #expect(noReason.errorCode == "privacy.full-export-reason")
            let full = try await client.get("/register.csv?\(range)&full=1&reason=Thanh%20tra%20y%C3%AAu%20c%E1%BA%A7u", as: supervisor).text
            #expect(full.contains("\"Nguyễn Văn An\""))
            let access = try host.application.accessHistory(dossier: code)
            #expect(access.count == 1 && access.first?.kind == .export && access.first?.reason == "Thanh tra yêu cầu" && access.first?.who == "staff:sup")
            // The register page offers the full export to the supervisor only.
            #expect(try await client.get("/register?\(range)", as: supervisor).text.contains("name=\"reason\""))
            #expect(!(try await client.get("/register?\(range)", as: lan).text.contains("name=\"reason\"")))
        }
    }

    @Test func theReceiptCarriesTheRatingCodeOnlyWhenRatingsAreComposed() async throws {
        let host = try intakeHost(accounts: [.clerk])
        let code = try host.intake.receive(IntakeRequest(procedure: "1.004873", formValues: applicant), by: clerk).code
        try await host.test { client in
            // This centre composes no ratings plugin: no code is issued or printed.
            let slip = try await client.get("/dossiers/\(code)/forms/01", as: try host.signIn("lan")).text
            #expect(slip.contains(code) && !slip.contains("rating-code-slip"))
        }
    }

    @Test func walkingTwoHundredCodesFromOneAddressIsThrottled() async throws {
        let host = try intakeHost(accounts: [.clerk])
        try await host.test(.live) { client in
            var statuses: [Int] = []
            for index in 0..<200 {
                statuses.append(try await client.get("/api/v1/dossiers/25.12345-260302-\(String(format: "%04d", index))").status)
            }
            #expect(statuses.prefix(20).allSatisfy { $0 == 404 })
            #expect(statuses.dropFirst(20).allSatisfy { $0 == 429 })
            let refused = try await client.get("/api/v1/dossiers/25.12345-260302-0500")
            #expect(refused.errorCode == "public.rate-limited")
            #expect(refused.text.contains("Tra cứu quá nhiều lần"))
            // The same limit covers the pages, which answer a page.
            let page = try await client.get("/lookup?code=25.12345-260302-0300")
            #expect(page.status == 429 && page.headers["Retry-After"] != nil && page.text.contains("<html"))
            // Asking again about a code already admitted costs nothing (a follow page re-reads its own).
            #expect(try await client.get("/api/v1/dossiers/25.12345-260302-0001").status == 404)
            // Staff are not counted.
            #expect(try await client.get("/api/v1/dossiers/25.12345-260302-0001", as: try host.signIn("lan")).status == 404)
        }
    }
}
