import Foundation
import MotCuaCore
import MotCuaHost
import MotCuaTesting
import PaymentsVietQR
import Testing

@Suite("payments.vietqr over HTTP")
struct PaymentVietQRRoutesTests {
    /// `payments.vietqr` beside the test intake, with a supervisor and two clerks (`lan`, `minh`) at counter 1,
    /// the clock at 09:00 on Monday 2 March 2026; sessions live by the system clock.
    func serve(_ mode: TestClient.Mode = .router, _ body: @Sendable (TestHost, TestClient) async throws -> Void) async throws {
        let settings = #"{ "bank": { "bin": "970403", "name": "Ngân hàng Demo", "account": "0011012345678", "accountName": "TRUNG TAM DEMO" }, "receipt": { "template": "01BLP0-001", "series": "CK-26T" } }"#
        let host = try TestHost(TestManifest().centre("address", "Số 1").pricedProcedures().plugin("intake.test").plugin("payments.vietqr", settings),
                                plugins: [.intake(TestIntake.self), .payments(PaymentsVietQR.self)], time: LocalTime(hour: 9, minute: 0)!,
                                accounts: [.supervisor, TestAccount("lan", displayName: "Lan", role: .clerk, counter: "1"), .clerk("minh")],
                                identityClock: SystemClock())
        try await host.test(mode) { client in try await body(host, client) }
    }

    @Test("the panel shows the VietQR text, account, amount and purpose beside the code")
    func panel() async throws {
        try await serve { host, client in
            try host.file(host.dossier(code: "Q-0001", applicant: "Trần Thị <B>"))
            let lan = try host.signIn("lan")
            let asked = try await client.request("POST", "/api/v1/payments/dossiers/Q-0001/collect", as: lan, json: #"{"method":"payments.vietqr"}"#)
            #expect(asked.status == 201)
            let qr = try #require(try asked.json()["transfer"]?["qrText"]?.stringValue)
            #expect(qr == (try VietQRPayload(bankBIN: "970403", account: "0011012345678", amount: 10_000, purpose: "Q-0001").text()))
            let panel = try await client.request("GET", "/payments?dossier=Q-0001", as: lan)
            #expect(panel.text.contains(qr))
            #expect(panel.text.contains("0011012345678") && panel.text.contains("TRUNG TAM DEMO") && panel.text.contains("10.000 đ"))
            #expect(panel.text.contains("Chờ chuyển khoản"))
            // Waiting is not paid: the clerk sees the transfer's amount waiting, no "Không đồng".
            #expect(panel.text.contains("Đang chờ chuyển khoản") && panel.text.contains("Chưa thu xong: đang chờ khoản chuyển khoản"))
            #expect(!panel.text.contains("Không đồng") && !panel.text.contains("không còn khoản nào phải nộp"))
            // A citizen sees the fees and the QR to pay with its details typed out, never the
            // applicant's name nor the raw VietQR string.
            let status = try await client.request("GET", "/payments/status?dossier=Q-0001", as: .citizen)
            #expect(status.status == 200 && !status.text.contains(qr) && status.text.contains("10.000 đ"))
            #expect(status.text.contains("<svg") && status.text.contains("0011012345678") && status.text.contains("Đang chờ chuyển khoản"))
            #expect(!status.text.contains("Trần"))
            let unknown = try await client.request("GET", "/payments/status?dossier=NOPE", as: .citizen)
            // An unknown code gets the one answer every public route gives (Docs/Privacy.md).
            #expect(unknown.status == 200 && unknown.text.contains("Không có hồ sơ khớp với mã này"))
        }
    }

    @Test("statement import over HTTP: supervisor only, malformed refused whole, exceptions listed")
    func statement() async throws {
        try await serve { host, client in
            try host.file(host.dossier(code: "Q-0010", applicant: "Trần Thị <B>"))
            try host.file(host.dossier(code: "Q-0011", applicant: "Trần Thị <B>"))
            let lan = try host.signIn("lan")
            _ = try await client.request("POST", "/api/v1/payments/dossiers/Q-0010/collect", as: lan, json: #"{"method":"payments.vietqr"}"#)
            _ = try await client.request("POST", "/api/v1/payments/dossiers/Q-0011/collect", as: lan, json: #"{"method":"payments.vietqr"}"#)
            let csv = "date,amount,description,reference\n2026-03-02,10000,CK Q-0010,FT1\n2026-03-02,12000,CK Q-0011,FT2\n"
            let byClerk = try await client.execute("POST", "/api/v1/payments/statements", as: lan, body: Array(csv.utf8), contentType: "text/csv")
            #expect(byClerk.status == 403)
            let sup = try host.signIn("sup")
            let broken = try await client.execute("POST", "/api/v1/payments/statements", as: sup, body: Array((csv + "2026-03-02,5,dup,FT1\n").utf8), contentType: "text/csv")
            #expect(broken.status == 422 && broken.errorCode == "payments.statement-duplicate")
            let pending = try await client.request("GET", "/api/v1/payments/transfers?status=pending", as: lan)
            #expect(try pending.json().arrayValue?.count == 2)
            let imported = try await client.execute("POST", "/api/v1/payments/statements", as: sup, body: Array(csv.utf8), contentType: "text/csv")
            #expect(imported.status == 200)
            #expect(try imported.json()["confirmed"]?.arrayValue?.count == 1)
            #expect(try imported.json()["exceptions"]?[0]?["reason"]?.stringValue == "overpaid")
            let page = try await client.request("GET", "/payments/exceptions", as: sup)
            #expect(page.text.contains("NGOẠI LỆ") && page.text.contains("Thừa tiền") && page.text.contains("FT2"))
            #expect(page.text.contains("data-upload=\"/api/v1/payments/statements\""))
            let day = try await client.request("GET", "/api/v1/payments/cashier", as: lan)
            #expect(try day.json()["transfers"]?["confirmed"]?.int64Value == 10_000)
        }
    }
}
