import Foundation
import IntakeOneStop
import MotCuaCore
import MotCuaHost
import MotCuaStore
import MotCuaTesting
import Testing

/// The intake routes and pages with the clerk `lan` at counter 1 signed in.
func serveIntake(_ mode: TestClient.Mode = .router, _ body: (TestHost, TestClient, Credential) async throws -> Void) async throws {
    let host = try intakeHost(accounts: [.clerk])
    try await host.test(mode) { client in try await body(host, client, try host.signIn("lan")) }
}

@Suite("Intake pages and API")
struct IntakeWebTests {
    @Test func receptionShowsExactlyTheEnabledAndRequiredFields() async throws {
        try await serveIntake { host, client, lan in
            let page = try await client.request("GET", "/reception?procedure=2.000815", as: lan).text
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
            let picker = try await client.request("GET", "/reception?procedure=1.013978", as: lan).text
            #expect(picker.contains("2.000815") && !picker.contains("1.013978"))
        }
    }

    @Test func receptionShowsTheClerksSectorsAndFindsByNameOrCode() async throws {
        // Counter 1 serves civil status only, counter 2 the rest; "binh" is a clerk with no counter.
        let manifest = testManifest().replacingOccurrences(of: #""sectors": ["ho-tich", "chung-thuc", "kinh-doanh"] } ]"#, with: #""sectors": ["ho-tich"] }, { "id": "2", "name": { "vi": "Quầy 2", "en": "Counter 2" }, "sectors": ["chung-thuc", "kinh-doanh"] } ]"#)
        let host = try intakeHost(manifest, accounts: [.clerk, TestAccount("binh", displayName: "Trần Văn Bình", role: .clerk)])
        try await host.test { client in
            let lan = try host.signIn("lan")
            let mine = try await client.request("GET", "/reception", as: lan).text
            #expect(mine.contains("1.001193") && !mine.contains("2.000815") && !mine.contains("1.001612"))
            #expect(mine.contains("Xem tất cả thủ tục") && mine.contains("/reception?all=1"))
            let all = try await client.request("GET", "/reception?all=1", as: lan).text
            #expect(all.contains("1.001193") && all.contains("2.000815") && all.contains("1.001612"))
            // By name without tone marks, by name with them, by code.
            let byName = try await client.request("GET", "/reception?q=khai%20sinh", as: lan).text
            #expect(byName.contains("1.001193") && !byName.contains("1.000894"))
            let byMarks = try await client.request("GET", "/reception?all=1&q=Ch%E1%BB%A9ng%20th%E1%BB%B1c%20di%20ch%C3%BAc", as: lan).text
            #expect(byMarks.contains("2.001019") && !byMarks.contains("2.000815"))
            let byCode = try await client.request("GET", "/reception?all=1&q=2.000815", as: lan).text
            #expect(byCode.contains("Chứng thực bản sao") && !byCode.contains("1.001193"))
            let none = try await client.request("GET", "/reception?q=zzzz", as: lan).text
            #expect(none.contains("Không có thủ tục nào khớp") && !none.contains("1.001193"))
            // Every row carries its search key for the as-you-type filter.
            #expect(mine.contains("data-search=\"1.001193 thu tuc dang ky khai sinh"))

            let binh = try await client.request("GET", "/reception", as: try host.signIn("binh")).text
            #expect(binh.contains("chưa được giao quầy") && binh.contains("2.000815"))
            let english = try await client.request("GET", "/reception?lang=en", as: try host.signIn("binh")).text
            #expect(english.contains("has no counter"))
        }
    }

    @Test func theAPIReceivesAndTheLookupShowsNoPersonalData() async throws {
        try await serveIntake { host, client, lan in
            let body = #"{"procedure":"1.004873","formValues":{"applicant.fullName":"Nguyễn Văn An","applicant.citizenId":"001090012345","applicant.phone":"0912345678"},"documents":[{"index":0}]}"#
            let created = try await client.request("POST", "/api/v1/dossiers", as: lan, json: body)
            #expect(created.status == 201)
            let code = try created.json()["code"]?.stringValue ?? ""
            #expect(code == "25.12345-260302-0001")
            #expect(created.text.contains("\"counter\":\"1\""))

            let bad = try await client.request("POST", "/api/v1/dossiers", as: lan, json: #"{"procedure":"1.004873","formValues":{"applicant.fullName":"An","applicant.citizenId":"12","applicant.phone":"0912345678"}}"#)
            #expect(bad.status == 400)
            #expect(bad.text.contains("formValues.applicant.citizenId"))

            let citizen = try await client.request("GET", "/api/v1/dossiers/\(code)")
            #expect(citizen.status == 200 && !citizen.text.contains("Nguyễn") && !citizen.text.contains("0912345678"))
            let lookup = try await client.request("GET", "/lookup?code=\(code)").text
            #expect(lookup.contains("05/03/2026") && !lookup.contains("Nguyễn") && !lookup.contains("001090012345") && !lookup.contains("user:lan"))
            let missing = try await client.request("GET", "/lookup?code=nope")
            #expect(missing.status == 200 && missing.text.contains("Không tìm thấy"))

            let move = try await client.request("POST", "/api/v1/dossiers/\(code)/transitions", as: lan, json: #"{"status":"done"}"#)
            #expect(move.status == 409)
            #expect(try await client.request("POST", "/api/v1/dossiers/\(code)/transitions", as: lan, json: #"{"status":"inProcess"}"#).status == 200)
            let view = try await client.request("GET", "/dossiers/\(code)", as: lan).text
            #expect(view.contains("Nguyễn Văn An") && view.contains("/forms/04"))
        }
    }

    @Test("after an apology the lookup says the date changed, from which date to which, why and when, in both languages")
    func theLookupExplainsAMovedDate() async throws {
        try await serveIntake { host, client, lan in
            let body = #"{"procedure":"1.004873","formValues":{"applicant.fullName":"Nguyễn Văn An","applicant.citizenId":"001090012345","applicant.phone":"0912345678"},"documents":[{"index":0}]}"#
            let code = try await client.request("POST", "/api/v1/dossiers", as: lan, json: body).json()["code"]?.stringValue ?? ""
            let before = try await client.request("GET", "/lookup?code=\(code)").text
            #expect(before.contains("05/03/2026") && !before.contains("Đã thay đổi") && !before.contains("ngày hẹn cũ"))

            host.clock.advance(by: 86_400)  // Tuesday 3 March: the apology is written a day before the due date
            let extended = try await client.request("POST", "/api/v1/dossiers/\(code)/extension", as: try host.signIn("lan"),
                                                    json: #"{"date":"2026-03-10","reason":"Chờ kết quả xác minh của <Công an> xã"}"#)
            #expect(extended.status == 200)
            let after = try await client.request("GET", "/lookup?code=\(code)").text
            #expect(after.contains("<strong>10/03/2026</strong> <span class=\"badge changed\">Đã thay đổi</span>"))
            #expect(after.contains("Ngày hẹn trả kết quả đã thay đổi: ngày hẹn cũ là 05/03/2026, ngày hẹn mới là 10/03/2026."))
            #expect(after.contains("Lý do: Chờ kết quả xác minh của &lt;Công an&gt; xã"))
            #expect(after.contains("Văn bản xin lỗi và hẹn lại ngày trả kết quả được gửi ngày 03/03/2026."))
            #expect(after.contains("<td>Hẹn lại</td>"), "the step is in the public history")
            #expect(!after.contains("Nguyễn") && !after.contains("user:lan"))
            let english = try await client.request("GET", "/lookup?code=\(code)&lang=en").text
            #expect(english.contains("The date for your result has changed: it was 05/03/2026 and is now 10/03/2026."))
            #expect(english.contains("Reason: Chờ kết quả") && english.contains("dated 03/03/2026"))
        }
    }

    @Test("forms 01–07 carry the case, the documents' form and copies, names not logins, the lookup URL and the register columns")
    func formsAreComplete() async throws {
        let manifest = testManifest().replacingOccurrences(of: #""address": "Số 1, xã Thử" },"#,
                                                           with: #""address": "Số 1, xã Thử", "phone": "0210 3852 123", "publicURL": "https://motcua.xathu.gov.vn/" },"#)
        let host = try intakeHost(manifest, accounts: [.clerk])
        try await host.test(.router) { client in
            let lan = try host.signIn("lan")
            var request = IntakeRequest(procedure: "1.004859", case: "thay-doi-cai-chinh", formValues: applicant)
            var original = DocumentSubmission(index: 0)
            original.form = .original
            var copy = DocumentSubmission(index: 1)
            copy.form = .copy
            copy.copies = 2
            request.documents = [original, copy]
            let dossier = try host.intake.receive(request, by: clerk)
            _ = try host.intake.transition(dossier: dossier.code, to: Dossier.Status.supplementRequested, note: "Bổ sung bản sao giấy khai sinh", by: clerk)

            let slip = try await client.request("GET", "/dossiers/\(dossier.code)/forms/01", as: lan).text
            #expect(slip.contains("Trường hợp: Thay đổi, cải chính hộ tịch"))
            #expect(slip.contains("Bản chính") && slip.contains("Bản sao") && slip.contains("<td class=\"center\">2</td>"))
            #expect(slip.contains("Quyển số 2026, Số thứ tự: 1"))
            #expect(slip.contains("https://motcua.xathu.gov.vn/lookup?code=\(dossier.code)"), "the QR caption is the full lookup URL")
            #expect(slip.contains("class=\"sign-row\"") && slip.contains("Nguyễn Thị Lan"))
            let supplement = try await client.request("GET", "/dossiers/\(dossier.code)/forms/02", as: lan).text
            #expect(supplement.contains("Cán bộ hướng dẫn: <strong>Nguyễn Thị Lan</strong>") && supplement.contains("0210 3852 123"))
            #expect(supplement.contains("Bổ sung bản sao giấy khai sinh"))
            let apology = try await client.request("GET", "/dossiers/\(dossier.code)/forms/04", as: lan).text
            #expect(apology.contains("VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"))
            let control = try await client.request("GET", "/dossiers/\(dossier.code)/forms/06", as: lan).text
            #expect(control.contains("Cơ quan giải quyết") && control.contains("Tiến độ") && control.contains("Ký nhận"))
            #expect(!control.contains("staff:lan") && !control.contains("user:lan"), "names, never logins")
            let register = try await client.request("GET", "/register?from=2026-03-01&to=2026-03-31", as: lan).text
            #expect(register.contains("Cơ quan chủ trì giải quyết") && register.contains("Ngày chuyển hồ sơ") && register.contains("Người nhận kết quả ký"))
            #expect(register.contains("Trường hợp: Thay đổi, cải chính hộ tịch"))
        }
    }

    @Test("a public URL that is not absolute is refused with the file and JSON path")
    func publicURLMustBeAbsolute() throws {
        let manifest = testManifest().replacingOccurrences(of: #""address": "Số 1, xã Thử" },"#, with: #""address": "Số 1, xã Thử", "publicURL": "/lookup" },"#)
        #expect { try intakeHost(manifest) } throws: { error in
            "\(error)".contains("centre.publicURL") && "\(error)".contains("not an absolute http(s) address")
        }
    }

    @Test func formsPrintWithTheMottoAndTheRegisterExportsCSV() async throws {
        try await serveIntake { host, client, lan in
            let dossier = try host.intake.receive(IntakeRequest(procedure: "1.004873", formValues: applicant), by: clerk)
            _ = try host.intake.extend(dossier: dossier.code, to: day(2026, 3, 10), reason: "Chờ xác minh", by: clerk)
            for form in ["01", "02", "03", "04", "05", "06"] {
                let page = try await client.request("GET", "/dossiers/\(dossier.code)/forms/\(form)", as: lan)
                #expect(page.status == 200)
                #expect(page.text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") && page.text.contains("Mẫu số \(form)"))
            }
            let slip = try await client.request("GET", "/dossiers/\(dossier.code)/forms/01", as: lan).text
            #expect(slip.contains("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ") && slip.contains(dossier.code) && slip.contains("001090012345"))
            let apology = try await client.request("GET", "/dossiers/\(dossier.code)/forms/04", as: lan).text
            #expect(apology.contains("10/03/2026") && apology.contains("Chờ xác minh"))
            #expect(try await client.request("GET", "/dossiers/\(dossier.code)/forms/09", as: lan).status == 404)
            let csv = try await client.request("GET", "/register.csv?from=2026-03-01&to=2026-03-31", as: lan)
            #expect(csv.headers["Content-Type"]?.hasPrefix("text/csv") == true)
            let lines = csv.text.split(separator: "\r\n")
            // Masked by default (Docs/Privacy.md).
            #expect(lines.count == 2 && lines[1].contains(dossier.code) && lines[1].contains("\"Nguyễn V. A.\"") && !csv.text.contains("Nguyễn Văn An"))
            #expect(try await client.request("GET", "/register?from=2026-03-31&to=2026-03-01", as: lan).status == 400)
        }
    }

    @Test func aScanIsServedWithItsCheckedType() async throws {
        try await serveIntake { host, client, lan in
            let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]).base64EncodedString()
            let body = #"{"procedure":"1.004873","formValues":{"applicant.fullName":"Nguyễn Văn An","applicant.citizenId":"001090012345","applicant.phone":"0912345678"},"documents":[{"index":1,"file":{"name":"cccd.png","base64":"\#(png)"}}]}"#
            let created = try await client.request("POST", "/api/v1/dossiers", as: lan, json: body)
            #expect(created.status == 201)
            let code = try created.json()["code"]?.stringValue ?? ""
            let scan = try await client.request("GET", "/api/v1/dossiers/\(code)/documents/1", as: lan)
            #expect(scan.status == 200 && scan.headers["Content-Type"] == "image/png" && scan.headers["X-Content-Type-Options"] == "nosniff")
            #expect(scan.body.count == 11)
            #expect(try await client.request("GET", "/api/v1/dossiers/\(code)/documents/0", as: lan).status == 404)
            #expect(try await client.request("GET", "/api/v1/dossiers/\(code)/documents/1").status == 401)
        }
    }

    /// Over a socket, since the code travels in the request line: every character `check`
    /// lets into a template reaches the dossier routes as it was printed.
    @Test func codesOfAnAcceptedTemplateWorkInTheDossierRoutes() async throws {
        let host = try intakeHost(testManifest(dossierCode: "HS_{agency}.{yyyyMMdd}~{seq5}"), accounts: [.clerk])
        try await host.test(.live) { client in
            let lan = try host.signIn("lan")
            let body = #"{"procedure":"1.004873","formValues":{"applicant.fullName":"Nguyễn Văn An","applicant.citizenId":"001090012345","applicant.phone":"0912345678"}}"#
            let created = try await client.post("/api/v1/dossiers", json: body, as: lan)
            let code = try #require(try created.json()["code"]?.stringValue)
            #expect(code == "HS_25.12345.20260302~00001")
            #expect(try await client.get("/api/v1/dossiers/\(code)").status == 200)
            #expect(try await client.post("/api/v1/dossiers/\(code)/transitions", json: #"{"status":"inProcess"}"#, as: lan).status == 200)
            let page = try await client.get("/dossiers/\(code)", as: lan)
            #expect(page.status == 200 && page.text.contains(code))
        }
    }

    @Test func thePublicLookupIsRateLimited() async throws {
        try await serveIntake { host, client, lan in
            var statuses: [Int] = []
            // Walking codes: the 21st distinct code from one address is refused.
            for index in 0..<21 { statuses.append(try await client.request("GET", "/api/v1/dossiers/X-\(index)").status) }
            #expect(statuses.dropLast().allSatisfy { $0 == 404 })
            #expect(statuses.last == 429)
        }
    }
}
