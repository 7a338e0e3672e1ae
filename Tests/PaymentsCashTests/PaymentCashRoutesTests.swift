import Foundation
import MotCuaCore
import MotCuaHost
import MotCuaHTTP
import PaymentsCash
import Testing

@Suite("payments.cash over HTTP", .serialized)
struct PaymentCashRoutesTests {
    static let plugins = """
    "payments.cash": { "receipt": { "template": "01BLP0-001", "series": "BL-26T", "paper": "A4" } }
    """

    func host() throws -> PaymentsTestHost {
        try PaymentsTestHost(plugins: Self.plugins, descriptors: [.payments(PaymentsCash.self)])
    }

    @Test("quote, collect, print, void by a supervisor only")
    func collectPrintVoid() async throws {
        try await host().serve { host in
            _ = host.dossier("C-0001")
            let lan = try await host.signIn("lan")
            let quote = try await host.call("GET", "/api/v1/payments/dossiers/C-0001?quantity.phi-1=4", as: lan)
            #expect(quote.status == 200)
            try #expect(body(quote)["due"]?.int64Value == 16_000)
            let anonymous = try await host.call("POST", "/api/v1/payments/dossiers/C-0001/collect", as: nil, json: #"{"method":"payments.cash"}"#)
            #expect(anonymous.status == 401)
            let collected = try await host.call("POST", "/api/v1/payments/dossiers/C-0001/collect", as: lan,
                                                json: #"{"method":"payments.cash","quantities":{"phi-1":4}}"#)
            #expect(collected.status == 201)
            try #expect(body(collected)["receipt"]?["number"]?.int64Value == 1)
            try #expect(body(collected)["print"]?.stringValue == "/payments/receipts/BL-26T/2026/0000001")
            // Once paid, the account shows the lines as charged (4 pages), not re-quoted at 1.
            let account = try await host.call("GET", "/api/v1/payments/dossiers/C-0001", as: lan)
            try #expect(body(account)["quote"]?["lines"]?[0]?["quantity"]?.int64Value == 4)
            try #expect(body(account)["paid"]?.int64Value == 16_000 && body(account)["due"]?.int64Value == 0)
            let again = try await host.call("POST", "/api/v1/payments/dossiers/C-0001/collect", as: lan, json: #"{"method":"payments.cash"}"#)
            #expect(again.status == 409 && problemCode(again) == "payments.already-paid")

            let print = try await host.call("GET", "/payments/receipts/BL-26T/2026/1", as: lan)
            #expect(print.status == 200)
            #expect(print.text.contains("@page { size: A4"))
            #expect(print.text.contains("Mười sáu nghìn đồng"))
            #expect(print.text.contains("BL-26T") && print.text.contains("0000001") && print.text.contains("01BLP0-001"))
            #expect(print.text.contains("Trần Thị &lt;B&gt;") && !print.text.contains("Trần Thị <B>"))
            #expect(print.text.contains("Lan (lan)"))

            let clerkVoid = try await host.call("POST", "/api/v1/payments/receipts/BL-26T/2026/1/void", as: lan, json: #"{"reason":"nhầm"}"#)
            #expect(clerkVoid.status == 403)
            let sup = try await host.signIn("sup")
            let noReason = try await host.call("POST", "/api/v1/payments/receipts/BL-26T/2026/1/void", as: sup, json: #"{"reason":" "}"#)
            #expect(noReason.status == 400 && problemCode(noReason) == "payments.void-reason")
            let voided = try await host.call("POST", "/api/v1/payments/receipts/BL-26T/2026/1/void", as: sup, json: #"{"reason":"Sai số trang"}"#)
            try #expect(voided.status == 200 && (body(voided)["voided"]?.boolValue) == true)
            let voidPrint = try await host.call("GET", "/payments/receipts/BL-26T/2026/1", as: lan)
            #expect(voidPrint.text.contains("BIÊN LAI ĐÃ HỦY"))
            let missing = try await host.call("GET", "/payments/receipts/BL-26T/2026/9", as: lan)
            #expect(missing.status == 404)
        }
    }

    @Test("every payments route refuses a citizen, and supervisor routes refuse a clerk")
    func access() async throws {
        try await host().serve { host in
            let lan = try await host.signIn("lan")
            let routes = host.application.routes.filter { $0.path.hasPrefix("/api/v1/payments") || $0.path.hasPrefix("/payments") }
            #expect(routes.count >= 18)
            for route in routes where route.access != .anyone {
                var path = route.path
                for (name, value) in route.exampleParameters { path = path.replacingOccurrences(of: ":\(name)", with: value) }
                #expect(!path.contains(":"), "\(route.path) lacks example parameters")
                let anonymous = try await host.call(route.method.rawValue, path, as: nil, json: "{}")
                #expect(anonymous.status == (route.isPage ? 303 : 401), "\(route.method) \(route.path) as a citizen")
                if case .staff(let role) = route.access, role > .clerk {
                    let clerk = try await host.call(route.method.rawValue, path, as: lan, json: "{}")
                    #expect(clerk.status == 403, "\(route.method) \(route.path) as a clerk")
                }
            }
        }
    }

    @Test("bad input gets a clear error: refused dossier, unknown dossier, method, negative quantity")
    func badInput() async throws {
        try await host().serve { host in
            _ = host.dossier("C-0002", status: .refused)
            _ = host.dossier("C-0003")
            let lan = try await host.signIn("lan")
            let refused = try await host.call("POST", "/api/v1/payments/dossiers/C-0002/collect", as: lan, json: #"{"method":"payments.cash"}"#)
            #expect(refused.status == 409 && problemCode(refused) == "payments.dossier-refused")
            let unknown = try await host.call("POST", "/api/v1/payments/dossiers/NOPE/collect", as: lan, json: #"{"method":"payments.cash"}"#)
            #expect(unknown.status == 404 && problemCode(unknown) == "payments.no-such-dossier")
            let method = try await host.call("POST", "/api/v1/payments/dossiers/C-0003/collect", as: lan, json: #"{"method":"payments.gold"}"#)
            #expect(method.status == 400 && problemCode(method) == "payments.unknown-method")
            let negative = try await host.call("POST", "/api/v1/payments/dossiers/C-0003/collect", as: lan,
                                               json: #"{"method":"payments.cash","quantities":{"phi-1":-3}}"#)
            #expect(negative.status == 400 && problemCode(negative) == "payments.quantity")
            try #expect(body(negative)["error"]?["details"]?[0]?["field"]?.stringValue == "quantities.phi-1")
            let absurd = try await host.call("POST", "/api/v1/payments/dossiers/C-0003/collect", as: lan,
                                             json: #"{"method":"payments.cash","quantities":{"phi-1":99999999}}"#)
            #expect(absurd.status == 400)
            let notANumber = try await host.call("GET", "/api/v1/payments/dossiers/C-0003?quantity.phi-1=abc", as: lan)
            #expect(notANumber.status == 400 && problemCode(notANumber) == "payments.quantity")
        }
    }

    @Test("the cashier closes the day, which locks it; ledger CSV for the supervisor")
    func cashierDay() async throws {
        try await host().serve { host in
            _ = host.dossier("C-0010")
            _ = host.dossier("C-0011")
            let lan = try await host.signIn("lan")
            _ = try await host.call("POST", "/api/v1/payments/dossiers/C-0010/collect", as: lan, json: #"{"method":"payments.cash"}"#)
            let day = try await host.call("GET", "/api/v1/payments/cashier", as: lan)
            try #expect(body(day)["expectedCash"]?.int64Value == 10_000)
            let other = try await host.call("GET", "/api/v1/payments/cashier?collector=minh", as: lan)
            #expect(other.status == 403)
            let short = try await host.call("POST", "/api/v1/payments/cashier/close", as: lan, json: #"{"countedCash":9000}"#)
            #expect(short.status == 400 && problemCode(short) == "payments.closing-note")
            let closed = try await host.call("POST", "/api/v1/payments/cashier/close", as: lan, json: #"{"countedCash":9000,"note":"Thiếu 1.000 đ, đã báo"}"#)
            try #expect(closed.status == 200 && (body(closed)["closedBy"]?.stringValue) == "lan")
            let locked = try await host.call("POST", "/api/v1/payments/dossiers/C-0011/collect", as: lan, json: #"{"method":"payments.cash"}"#)
            #expect(locked.status == 409 && problemCode(locked) == "payments.day-closed")
            let page = try await host.call("GET", "/payments/cashier", as: lan)
            #expect(page.text.contains("ĐÃ CHỐT QUỸ") && page.text.contains("-1.000 đ"))

            let clerkLedger = try await host.call("GET", "/api/v1/payments/ledger.csv?day=2026-03-02", as: lan)
            #expect(clerkLedger.status == 403)
            let sup = try await host.signIn("sup")
            let ledger = try await host.call("GET", "/api/v1/payments/ledger.csv?month=2026-03", as: sup)
            #expect(ledger.status == 200 && ledger.headers["Content-Type"]?.hasPrefix("text/csv") == true)
            let rows = ledger.text.split(separator: "\r\n")
            #expect(rows.count == 2 && rows[1].contains(",BL-26T,0000001,payments.cash,C-0010,"))
            let badMonth = try await host.call("GET", "/api/v1/payments/ledger.csv?month=2026-13", as: sup)
            #expect(badMonth.status == 400 && problemCode(badMonth) == "payments.month")
        }
    }

    @Test("the payment panel shows lines, the exemption column and the collect form; citizens see only totals")
    func pages() async throws {
        try await host().serve { host in
            _ = host.dossier("C-0020", channel: .postal)
            let lan = try await host.signIn("lan")
            let panel = try await host.call("GET", "/payments?dossier=C-0020&quantity.phi-1=2", as: lan)
            #expect(panel.status == 200)
            #expect(panel.text.contains("data-api=\"/api/v1/payments/dossiers/C-0020/collect\""))
            #expect(panel.text.contains("name=\"quantities.phi-1\" value=\"2\" data-number"))
            #expect(panel.text.contains("12.000 đ"))
            let missing = try await host.call("GET", "/payments?dossier=ZZZ", as: lan)
            #expect(missing.status == 200 && missing.text.contains("Không có hồ sơ mã ZZZ"))
            let citizen = try await host.call("GET", "/payments", as: nil)
            #expect(citizen.status == 303)
            let summary = try await host.call("GET", "/api/v1/payments/dossiers/C-0020/summary", as: nil)
            try #expect(summary.status == 200 && (body(summary)["due"]?.int64Value) == 10_000)
            #expect(!summary.text.contains("Trần"))
        }
    }
}
