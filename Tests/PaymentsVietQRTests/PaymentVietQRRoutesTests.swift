import Foundation
import MotCuaCore
import MotCuaHost
import MotCuaHTTP
import PaymentsVietQR
import Testing

@Suite("payments.vietqr over HTTP", .serialized)
struct PaymentVietQRRoutesTests {
    static let plugins = """
    "payments.vietqr": { "bank": { "bin": "970403", "name": "Ngân hàng Demo", "account": "0011012345678", "accountName": "TRUNG TAM DEMO" },
                         "receipt": { "template": "01BLP0-001", "series": "CK-26T" } }
    """

    func host() throws -> PaymentsTestHost {
        try PaymentsTestHost(plugins: Self.plugins, descriptors: [.payments(PaymentsVietQR.self)])
    }

    @Test("the panel shows the VietQR text, account, amount and purpose beside the code")
    func panel() async throws {
        try await host().serve { host in
            _ = host.dossier("Q-0001")
            let lan = try await host.signIn("lan")
            let asked = try await host.call("POST", "/api/v1/payments/dossiers/Q-0001/collect", as: lan, json: #"{"method":"payments.vietqr"}"#)
            #expect(asked.status == 201)
            let qr = try #require(try body(asked)["transfer"]?["qrText"]?.stringValue)
            #expect(qr == (try VietQRPayload(bankBIN: "970403", account: "0011012345678", amount: 10_000, purpose: "Q-0001").text()))
            let panel = try await host.call("GET", "/payments?dossier=Q-0001", as: lan)
            #expect(panel.text.contains(qr))
            #expect(panel.text.contains("0011012345678") && panel.text.contains("TRUNG TAM DEMO") && panel.text.contains("10.000 đ"))
            #expect(panel.text.contains("Chờ chuyển khoản"))
            // A citizen sees the fees and the QR to pay, never the applicant's name.
            let status = try await host.call("GET", "/payments/status?dossier=Q-0001", as: nil)
            #expect(status.status == 200 && status.text.contains(qr) && status.text.contains("10.000 đ"))
            #expect(!status.text.contains("Trần"))
            let unknown = try await host.call("GET", "/payments/status?dossier=NOPE", as: nil)
            // An unknown code gets the one answer every public route gives (Docs/Privacy.md).
            #expect(unknown.status == 200 && unknown.text.contains("Không có hồ sơ khớp với mã này"))
        }
    }

    @Test("statement import over HTTP: supervisor only, malformed refused whole, exceptions listed")
    func statement() async throws {
        try await host().serve { host in
            _ = host.dossier("Q-0010")
            _ = host.dossier("Q-0011")
            let lan = try await host.signIn("lan")
            _ = try await host.call("POST", "/api/v1/payments/dossiers/Q-0010/collect", as: lan, json: #"{"method":"payments.vietqr"}"#)
            _ = try await host.call("POST", "/api/v1/payments/dossiers/Q-0011/collect", as: lan, json: #"{"method":"payments.vietqr"}"#)
            let csv = "date,amount,description,reference\n2026-03-02,10000,CK Q-0010,FT1\n2026-03-02,12000,CK Q-0011,FT2\n"
            let byClerk = try await host.client().request("POST", "/api/v1/payments/statements",
                                                          headers: [("Cookie", lan), ("Content-Type", "text/csv")], body: Array(csv.utf8))
            #expect(byClerk.status == 403)
            let sup = try await host.signIn("sup")
            let broken = try await host.client().request("POST", "/api/v1/payments/statements",
                                                         headers: [("Cookie", sup), ("Content-Type", "text/csv")],
                                                         body: Array((csv + "2026-03-02,5,dup,FT1\n").utf8))
            #expect(broken.status == 422 && problemCode(broken) == "payments.statement-duplicate")
            let pending = try await host.call("GET", "/api/v1/payments/transfers?status=pending", as: lan)
            #expect(try body(pending).arrayValue?.count == 2)
            let imported = try await host.client().request("POST", "/api/v1/payments/statements",
                                                           headers: [("Cookie", sup), ("Content-Type", "text/csv")], body: Array(csv.utf8))
            #expect(imported.status == 200)
            #expect(try body(imported)["confirmed"]?.arrayValue?.count == 1)
            #expect(try body(imported)["exceptions"]?[0]?["reason"]?.stringValue == "overpaid")
            let page = try await host.call("GET", "/payments/exceptions", as: sup)
            #expect(page.text.contains("NGOẠI LỆ") && page.text.contains("Thừa tiền") && page.text.contains("FT2"))
            #expect(page.text.contains("data-upload=\"/api/v1/payments/statements\""))
            let day = try await host.call("GET", "/api/v1/payments/cashier", as: lan)
            #expect(try body(day)["transfers"]?["confirmed"]?.int64Value == 10_000)
        }
    }
}
