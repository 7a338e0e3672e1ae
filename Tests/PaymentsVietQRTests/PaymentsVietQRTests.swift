import Foundation
import MotCuaCore
import MotCuaStore
import MotCuaTesting
import PaymentsVietQR
import Testing
import MotCuaPostgresTesting

/// `payments.vietqr` at a centre with priced procedures, the clock at 09:00 on Monday 2 March 2026, and
/// no accounts, so the journal holds only what the plugin writes.
func vietQRFixture(store: (any Store)? = nil) throws -> TestHost {
    let settings = #"""
        { "bank": { "bin": "970403", "name": "Sacombank (demo)", "account": "0011012345678", "accountName": "TRUNG TAM DEMO" },
          "receipt": { "template": "01BLP0-001", "series": "CK-26T", "paper": "A5" },
          "fees": { "postal": { "amount": 30000 },
                    "exemptions": [ { "group": "ho-ngheo", "percent": 100, "kinds": ["lePhi"],
                                      "reason": { "vi": "Miễn lệ phí cho hộ nghèo (thử)", "en": "Exempt for poor households (test)" } } ] } }
        """#
    return try TestHost(TestManifest().pricedProcedures().plugin("payments.vietqr", settings), plugins: [.payments(PaymentsVietQR.self)],
                        time: LocalTime(hour: 9, minute: 0)!, store: store, accounts: [])
}

extension TestHost {
    var vietqr: PaymentsVietQR { composition.payments.first as! PaymentsVietQR }
}

@Suite("payments.vietqr", .onEachEngine)
struct PaymentsVietQRTests {
    func ask(_ fixture: TestHost, _ number: Int, quantities: [String: Int64] = [:], by clerk: String = "lan") throws -> Transfer {
        try #require(try fixture.vietqr.collect(dossier: fixture.dossier(number), request: PaymentRequest(quantities: quantities),
                                                by: .staff(clerk)).transfer)
    }

    @Test("a transfer asks for the exact amount with the dossier code as purpose")
    func pending() throws {
        let fixture = try vietQRFixture()
        let transfer = try ask(fixture, 1, quantities: ["phi-1": 2])
        #expect(transfer.reference == "QR-000001")
        #expect(transfer.total == 12_000 && transfer.status == .pending)
        #expect(transfer.purpose == "A-260302-0001")
        let expected = try VietQRPayload(bankBIN: "970403", account: "0011012345678", amount: 12_000, purpose: "A-260302-0001").text()
        #expect(transfer.qrText == expected)
        #expect(transfer.qrText.contains("540512000") && transfer.qrText.contains("0813A-260302-0001"))
        #expect { try fixture.vietqr.collect(dossier: fixture.dossier(1), request: PaymentRequest(), by: .staff("lan")) } throws: {
            ($0 as? Problem)?.code == "payments.transfer-pending"
        }
        let entry = try #require(try fixture.store.journalEntries(after: 0, limit: 5).first)
        #expect(entry.kind == "payment.pending" && entry.subject == "payment:QR-000001")
        #expect(try fixture.vietqr.receipts(dossier: "A-260302-0001").isEmpty)
    }

    @Test("a clerk confirms: receipt in the transfer book; a different amount goes to the exceptions")
    func clerkConfirms() throws {
        let fixture = try vietQRFixture()
        let one = try ask(fixture, 1)
        let two = try ask(fixture, 2)
        let receipt = try #require(try fixture.vietqr.confirm(reference: one.reference, receivedAmount: nil, by: .staff("lan")).receipt)
        #expect(receipt.id == ReceiptID(series: "CK-26T", year: 2026, number: 1))
        #expect(receipt.reference == one.reference && receipt.total == 10_000)
        #expect { try fixture.vietqr.confirm(reference: one.reference, receivedAmount: nil, by: .staff("lan")) } throws: {
            ($0 as? Problem)?.code == "payments.transfer-not-pending"
        }
        #expect { try fixture.vietqr.confirm(reference: two.reference, receivedAmount: -3, by: .staff("lan")) } throws: {
            ($0 as? Problem)?.code == "payments.amount-absurd"
        }
        _ = try fixture.vietqr.confirm(reference: two.reference, receivedAmount: 9_000, by: .staff("lan"))
        let exception = try #require(try fixture.vietqr.exceptions().first)
        #expect(exception.reason == .underpaid && exception.expected == 10_000 && exception.received == 9_000)
        #expect(try fixture.vietqr.transfer(reference: two.reference)?.status == .exception)
        let kinds = try fixture.store.journalEntries(after: 0, limit: 10).map(\.kind)
        #expect(kinds == ["payment.pending", "payment.pending", "payment.confirmed", "payment.exception"])
    }

    @Test("a statement confirms matches and lists over, under and unmatched credits")
    func statement() throws {
        let fixture = try vietQRFixture()
        for number in 1...4 { _ = try ask(fixture, number) }
        let csv = """
        date,amount,description,reference
        2026-03-02,10000,CK A 260302 0001 NGUYEN VAN A,FT1
        2026-03-02,15000,"A-260302-0002, thua",FT2
        02/03/2026,5000,A2603020003,FT3
        2026-03-02,7000,tien gi do,FT4
        """
        let result = try fixture.vietqr.importStatement(Array(csv.utf8), by: .staff("ketoan"))
        #expect(result.lines == 4)
        #expect(result.confirmed.map(\.dossierCode) == ["A-260302-0001"])
        #expect(result.exceptions.map(\.reason) == [.overpaid, .underpaid, .unmatched])
        #expect(try fixture.vietqr.transfers(status: .pending).map(\.dossierCode) == ["A-260302-0004"])
        // The same statement again changes nothing: every bank reference was taken.
        let again = try fixture.vietqr.importStatement(Array(csv.utf8), by: .staff("ketoan"))
        #expect(again.alreadyImported == 4 && again.confirmed.isEmpty && again.exceptions.isEmpty)
        let day = try fixture.vietqr.transferDay(collector: "lan", day: LocalDate(year: 2026, month: 3, day: 2)!)
        #expect(day == TransferDay(confirmed: 10_000, confirmedCount: 1, pending: 10_000, pendingCount: 1))
    }

    @Test("a malformed statement is refused and changes nothing", arguments: [
        ("date,amount,description\n2026-03-02,10000,A-260302-0001\n", "payments.statement-columns"),
        ("date,amount,description,reference\n2026-03-02,10000,A-260302-0001,FT1\n2026-03-02,10000,A-260302-0001,FT1\n", "payments.statement-duplicate"),
        ("date,amount,description,reference\n2026-03-02,10000,A-260302-0001,FT1\n2026-03-02,abc,x,FT2\n", "payments.statement-amount"),
    ])
    func malformed(csv: String, code: String) throws {
        let fixture = try vietQRFixture()
        _ = try ask(fixture, 1)
        let before = try fixture.store.journalEntries(after: 0, limit: 100).count
        #expect { try fixture.vietqr.importStatement(Array(csv.utf8), by: .staff("ketoan")) } throws: { ($0 as? Problem)?.code == code }
        #expect(try fixture.store.journalEntries(after: 0, limit: 100).count == before)
        #expect(try fixture.vietqr.transfers(status: .pending).count == 1)
        #expect(try fixture.vietqr.exceptions().isEmpty)
    }

    @Test("a statement with bytes that are not UTF-8 is refused")
    func badEncoding() throws {
        let fixture = try vietQRFixture()
        let bytes = Array("date,amount,description,reference\n2026-03-02,1,".utf8) + [0xC3, 0x28] + Array(",FT1\n".utf8)
        #expect { try fixture.vietqr.importStatement(bytes, by: .staff("ketoan")) } throws: { ($0 as? Problem)?.code == "payments.statement-encoding" }
    }

    @Test("cancel frees the lines; a void keeps the receipt and frees them too")
    func cancelAndVoid() throws {
        let fixture = try vietQRFixture()
        let first = try ask(fixture, 1)
        _ = try fixture.vietqr.cancel(reference: first.reference, reason: "Nộp tiền mặt", by: .staff("lan"))
        let second = try ask(fixture, 1)
        let receipt = try #require(try fixture.vietqr.confirm(reference: second.reference, receivedAmount: 10_000, by: .staff("lan")).receipt)
        #expect { try fixture.vietqr.void(receipt.id, reason: "x", by: .staff("sup")) } throws: { ($0 as? Problem)?.code == "payments.void-reason" }
        let voided = try fixture.vietqr.void(receipt.id, reason: "Hoàn tiền cho công dân", by: .staff("sup"))
        #expect(voided.voided)
        #expect(try fixture.vietqr.receipt(receipt.id)?.voided == true)
        #expect(try ask(fixture, 1).reference == "QR-000003")
    }

    @Test("a transfer asked on Monday and confirmed on Tuesday counts on Tuesday")
    func nextDay() throws {
        let fixture = try vietQRFixture()
        let transfer = try ask(fixture, 1)
        let monday = LocalDate(year: 2026, month: 3, day: 2)!, tuesday = LocalDate(year: 2026, month: 3, day: 3)!
        #expect(try fixture.vietqr.transferDay(collector: "lan", day: monday) == TransferDay(pending: 10_000, pendingCount: 1))
        fixture.clock.set(fixture.deployment.calendar.instant(tuesday, LocalTime(hour: 9, minute: 0)!))
        _ = try fixture.vietqr.confirm(reference: transfer.reference, receivedAmount: nil, by: .staff("minh"))
        #expect(try fixture.vietqr.transferDay(collector: "lan", day: monday) == TransferDay())
        #expect(try fixture.vietqr.transferDay(collector: "lan", day: tuesday) == TransferDay(confirmed: 10_000, confirmedCount: 1))
        #expect(try fixture.vietqr.receipts(from: tuesday, through: tuesday).map(\.collector) == ["lan"])
    }

    @Test("exceptions are settled: a transfer confirmed once the difference is paid, a stray credit marked refunded")
    func settleExceptions() throws {
        let fixture = try vietQRFixture()
        let transfer = try ask(fixture, 1)
        let csv = "date,amount,description,reference\n2026-03-02,9000,A-260302-0001,FT1\n2026-03-02,5000,khong ro,FT2\n"
        let result = try fixture.vietqr.importStatement(Array(csv.utf8), by: .staff("sup"))
        let under = try #require(result.exceptions.first { $0.reason == .underpaid })
        let stray = try #require(result.exceptions.first { $0.reason == .unmatched })
        #expect { try fixture.vietqr.resolveException(under.id, note: "đã thu thêm", by: .staff("sup")) } throws: {
            ($0 as? Problem)?.code == "payments.transfer-exception"
        }
        #expect { try fixture.vietqr.confirm(reference: transfer.reference, receivedAmount: 9_500, by: .staff("lan")) } throws: {
            ($0 as? Problem)?.code == "payments.transfer-exception"
        }
        // The citizen paid the missing 1,000 đ at the counter's account: the clerk confirms the full amount.
        let receipt = try #require(try fixture.vietqr.confirm(reference: transfer.reference, receivedAmount: nil, by: .staff("lan")).receipt)
        #expect(receipt.total == 10_000)
        #expect { try fixture.vietqr.resolveException(stray.id, note: "", by: .staff("sup")) } throws: { ($0 as? Problem)?.code == "payments.resolution-note" }
        let settled = try fixture.vietqr.resolveException(stray.id, note: "Đã hoàn trả 5.000 đ ngày 03/03", by: .staff("sup"))
        #expect(!settled.isOpen && settled.resolvedBy == "sup")
        #expect { try fixture.vietqr.resolveException(stray.id, note: "lần nữa", by: .staff("sup")) } throws: {
            ($0 as? Problem)?.code == "payments.exception-resolved"
        }
        #expect(try fixture.vietqr.exceptions().allSatisfy { !$0.isOpen })
        let kinds = try fixture.store.journalEntries(after: 0, limit: 20).map(\.kind)
        #expect(kinds.filter { $0 == "payment.exception-resolved" }.count == 2)
    }

    @Test("a refused dossier gets no QR")
    func refused() throws {
        let fixture = try vietQRFixture()
        #expect { try fixture.vietqr.collect(dossier: fixture.dossier(status: .refused), request: PaymentRequest(), by: .staff("lan")) } throws: {
            ($0 as? Problem)?.code == "payments.dossier-refused"
        }
    }
}
