import Foundation
import MotCuaCore
import MotCuaHost
import MotCuaTesting
import PaymentsCash
import Testing

@Suite("payments.cash over HTTP")
struct PaymentCashRoutesTests {
    /// `payments.cash` beside the test intake, with a supervisor and two clerks (`lan`, `minh`) at counter 1,
    /// the clock at 09:00 on Monday 2 March 2026; sessions live by the system clock.
    func serve(_ mode: TestClient.Mode = .router, _ body: @Sendable (TestHost, TestClient) async throws -> Void) async throws {
        let settings = #"{ "receipt": { "template": "01BLP0-001", "series": "BL-26T", "paper": "A4" } }"#
        let host = try TestHost(TestManifest().centre("address", "Số 1").pricedProcedures().plugin("intake.test").plugin("payments.cash", settings),
                                plugins: [.intake(TestIntake.self), .payments(PaymentsCash.self)], time: LocalTime(hour: 9, minute: 0)!,
                                accounts: [.supervisor, TestAccount("lan", displayName: "Lan", role: .clerk, counter: "1"), .clerk("minh")],
                                identityClock: SystemClock())
        try await host.test(mode) { client in try await body(host, client) }
    }

    @Test("quote, collect, print, void by a supervisor only")
    func collectPrintVoid() async throws {
        try await serve { host, client in
            try host.file(host.dossier(code: "C-0001", applicant: "Trần Thị <B>"))
            let lan = try host.signIn("lan")
            let quote = try await client.request("GET", "/api/v1/payments/dossiers/C-0001?quantity.phi-1=4", as: lan)
            #expect(quote.status == 200)
            try #expect(quote.json()["due"]?.int64Value == 16_000)
            let anonymous = try await client.request("POST", "/api/v1/payments/dossiers/C-0001/collect", as: .citizen, json: #"{"method":"payments.cash"}"#)
            #expect(anonymous.status == 401)
            let collected = try await client.request("POST", "/api/v1/payments/dossiers/C-0001/collect", as: lan,
                                                json: #"{"method":"payments.cash","quantities":{"phi-1":4}}"#)
            #expect(collected.status == 201)
            try #expect(collected.json()["receipt"]?["number"]?.int64Value == 1)
            try #expect(collected.json()["print"]?.stringValue == "/payments/receipts/BL-26T/2026/0000001")
            // Once paid, the account shows the lines as charged (4 pages), not re-quoted at 1.
            let account = try await client.request("GET", "/api/v1/payments/dossiers/C-0001", as: lan)
            try #expect(account.json()["quote"]?["lines"]?[0]?["quantity"]?.int64Value == 4)
            try #expect(account.json()["paid"]?.int64Value == 16_000 && account.json()["due"]?.int64Value == 0)
            let again = try await client.request("POST", "/api/v1/payments/dossiers/C-0001/collect", as: lan, json: #"{"method":"payments.cash"}"#)
            #expect(again.status == 409 && again.errorCode == "payments.already-paid")

            let print = try await client.request("GET", "/payments/receipts/BL-26T/2026/1", as: lan)
            #expect(print.status == 200)
            // The receipt's paper is a named page in the style sheet (the CSP allows no inline style).
            #expect(print.text.contains("receipt paper-a4") && !print.text.contains("<style>"))
            #expect(print.text.contains("Mười sáu nghìn đồng"))
            #expect(print.text.contains("BL-26T") && print.text.contains("0000001") && print.text.contains("01BLP0-001"))
            #expect(print.text.contains("Trần Thị &lt;B&gt;") && !print.text.contains("Trần Thị <B>"))
            // The collector by name, not by login.
            #expect(print.text.contains("Lan") && !print.text.contains("(lan)"))

            let clerkVoid = try await client.request("POST", "/api/v1/payments/receipts/BL-26T/2026/1/void", as: lan, json: #"{"reason":"nhầm"}"#)
            #expect(clerkVoid.status == 403)
            let sup = try host.signIn("sup")
            let noReason = try await client.request("POST", "/api/v1/payments/receipts/BL-26T/2026/1/void", as: sup, json: #"{"reason":" "}"#)
            #expect(noReason.status == 400 && noReason.errorCode == "payments.void-reason")
            let voided = try await client.request("POST", "/api/v1/payments/receipts/BL-26T/2026/1/void", as: sup, json: #"{"reason":"Sai số trang"}"#)
            try #expect(voided.status == 200 && (voided.json()["voided"]?.boolValue) == true)
            let voidPrint = try await client.request("GET", "/payments/receipts/BL-26T/2026/1", as: lan)
            #expect(voidPrint.text.contains("BIÊN LAI ĐÃ HỦY"))
            let missing = try await client.request("GET", "/payments/receipts/BL-26T/2026/9", as: lan)
            #expect(missing.status == 404)
        }
    }

    @Test("every payments route refuses a citizen, and supervisor routes refuse a clerk")
    func access() async throws {
        try await serve { host, client in
            let lan = try host.signIn("lan")
            let routes = host.application.routes.filter { $0.path.hasPrefix("/api/v1/payments") || $0.path.hasPrefix("/payments") }
            #expect(routes.count >= 18)
            for route in routes where route.access != .anyone {
                var path = route.path
                for (name, value) in route.exampleParameters { path = path.replacingOccurrences(of: ":\(name)", with: value) }
                #expect(!path.contains(":"), "\(route.path) lacks example parameters")
                let anonymous = try await client.request(route.method.rawValue, path, as: .citizen, json: "{}")
                #expect(anonymous.status == (route.isPage ? 303 : 401), "\(route.method) \(route.path) as a citizen")
                if case .staff(let role) = route.access, role > .clerk {
                    let clerk = try await client.request(route.method.rawValue, path, as: lan, json: "{}")
                    #expect(clerk.status == 403, "\(route.method) \(route.path) as a clerk")
                }
            }
        }
    }

    @Test("bad input gets a clear error: refused dossier, unknown dossier, method, negative quantity")
    func badInput() async throws {
        try await serve { host, client in
            try host.file(host.dossier(code: "C-0002", status: .refused, applicant: "Trần Thị <B>"))
            try host.file(host.dossier(code: "C-0003", applicant: "Trần Thị <B>"))
            let lan = try host.signIn("lan")
            let refused = try await client.request("POST", "/api/v1/payments/dossiers/C-0002/collect", as: lan, json: #"{"method":"payments.cash"}"#)
            #expect(refused.status == 409 && refused.errorCode == "payments.dossier-refused")
            let unknown = try await client.request("POST", "/api/v1/payments/dossiers/NOPE/collect", as: lan, json: #"{"method":"payments.cash"}"#)
            #expect(unknown.status == 404 && unknown.errorCode == "payments.no-such-dossier")
            let method = try await client.request("POST", "/api/v1/payments/dossiers/C-0003/collect", as: lan, json: #"{"method":"payments.gold"}"#)
            #expect(method.status == 400 && method.errorCode == "payments.unknown-method")
            let negative = try await client.request("POST", "/api/v1/payments/dossiers/C-0003/collect", as: lan,
                                               json: #"{"method":"payments.cash","quantities":{"phi-1":-3}}"#)
            #expect(negative.status == 400 && negative.errorCode == "payments.quantity")
            try #expect(negative.json()["error"]?["details"]?[0]?["field"]?.stringValue == "quantities.phi-1")
            let absurd = try await client.request("POST", "/api/v1/payments/dossiers/C-0003/collect", as: lan,
                                             json: #"{"method":"payments.cash","quantities":{"phi-1":99999999}}"#)
            #expect(absurd.status == 400)
            let notANumber = try await client.request("GET", "/api/v1/payments/dossiers/C-0003?quantity.phi-1=abc", as: lan)
            #expect(notANumber.status == 400 && notANumber.errorCode == "payments.quantity")
        }
    }

    @Test("the cashier closes the day, which locks it; ledger CSV for the supervisor")
    func cashierDay() async throws {
        try await serve { host, client in
            try host.file(host.dossier(code: "C-0010", applicant: "Trần Thị <B>"))
            try host.file(host.dossier(code: "C-0011", applicant: "Trần Thị <B>"))
            let lan = try host.signIn("lan")
            _ = try await client.request("POST", "/api/v1/payments/dossiers/C-0010/collect", as: lan, json: #"{"method":"payments.cash"}"#)
            let day = try await client.request("GET", "/api/v1/payments/cashier", as: lan)
            try #expect(day.json()["expectedCash"]?.int64Value == 10_000)
            let other = try await client.request("GET", "/api/v1/payments/cashier?collector=minh", as: lan)
            #expect(other.status == 403)
            let short = try await client.request("POST", "/api/v1/payments/cashier/close", as: lan, json: #"{"countedCash":9000}"#)
            #expect(short.status == 400 && short.errorCode == "payments.closing-note")
            let closed = try await client.request("POST", "/api/v1/payments/cashier/close", as: lan, json: #"{"countedCash":9000,"note":"Thiếu 1.000 đ, đã báo"}"#)
            try #expect(closed.status == 200 && (closed.json()["closedBy"]?.stringValue) == "lan")
            let locked = try await client.request("POST", "/api/v1/payments/dossiers/C-0011/collect", as: lan, json: #"{"method":"payments.cash"}"#)
            #expect(locked.status == 409 && locked.errorCode == "payments.day-closed")
            let page = try await client.request("GET", "/payments/cashier", as: lan)
            #expect(page.text.contains("ĐÃ CHỐT QUỸ") && page.text.contains("-1.000 đ"))

            let clerkLedger = try await client.request("GET", "/api/v1/payments/ledger.csv?day=2026-03-02", as: lan)
            #expect(clerkLedger.status == 403)
            let sup = try host.signIn("sup")
            let ledger = try await client.request("GET", "/api/v1/payments/ledger.csv?month=2026-03", as: sup)
            #expect(ledger.status == 200 && ledger.headers["Content-Type"]?.hasPrefix("text/csv") == true)
            let rows = ledger.text.split(separator: "\r\n")
            #expect(rows.count == 2 && rows[1].contains(",BL-26T,0000001,payments.cash,C-0010,"))
            let badMonth = try await client.request("GET", "/api/v1/payments/ledger.csv?month=2026-13", as: sup)
            #expect(badMonth.status == 400 && badMonth.errorCode == "payments.month")
        }
    }

    @Test("the payment panel shows lines, the exemption column and the collect form; citizens see only totals")
    func pages() async throws {
        try await serve { host, client in
            try host.file(host.dossier(code: "C-0020", channel: .postal, applicant: "Trần Thị <B>"))
            let lan = try host.signIn("lan")
            let panel = try await client.request("GET", "/payments?dossier=C-0020&quantity.phi-1=2", as: lan)
            #expect(panel.status == 200)
            #expect(panel.text.contains("data-api=\"/api/v1/payments/dossiers/C-0020/collect\""))
            #expect(panel.text.contains("name=\"quantities.phi-1\" value=\"2\" data-number"))
            #expect(panel.text.contains("12.000 đ"))
            // Cash is taken only after the clerk confirms the amount.
            #expect(panel.text.contains("class=\"collect-form\" data-confirm=\"Xác nhận đã nhận đủ tiền mặt và lập biên lai 12.000 đ?\""))
            let missing = try await client.request("GET", "/payments?dossier=ZZZ", as: lan)
            #expect(missing.status == 200 && missing.text.contains("Không có hồ sơ mã ZZZ"))
            let citizen = try await client.request("GET", "/payments", as: .citizen)
            #expect(citizen.status == 303)
            let summary = try await client.request("GET", "/api/v1/payments/dossiers/C-0020/summary", as: .citizen)
            try #expect(summary.status == 200 && (summary.json()["due"]?.int64Value) == 10_000)
            #expect(!summary.text.contains("Trần"))
        }
    }
}
