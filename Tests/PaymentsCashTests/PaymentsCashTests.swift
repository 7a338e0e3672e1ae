import Foundation
import MotCuaCore
import MotCuaStore
import MotCuaTesting
import PaymentsCash
import Testing
import MotCuaPostgresTesting

/// `payments.cash` at a centre with priced procedures, the clock at 09:00 on Monday 2 March 2026, and
/// no accounts, so the journal holds only what the plugin writes.
func cashFixture(store: (any Store)? = nil) throws -> TestHost {
    let settings = #"""
        { "receipt": { "template": "01BLP0-001", "series": "BL-26T", "paper": "A5" },
          "fees": { "postal": { "amount": 30000 },
                    "exemptions": [ { "group": "ho-ngheo", "percent": 100, "kinds": ["lePhi"],
                                      "reason": { "vi": "Miễn lệ phí cho hộ nghèo (thử)", "en": "Exempt for poor households (test)" } } ] } }
        """#
    return try TestHost(TestManifest().pricedProcedures().plugin("payments.cash", settings), plugins: [.payments(PaymentsCash.self)],
                        time: LocalTime(hour: 9, minute: 0)!, store: store, accounts: [])
}

extension TestHost {
    var cash: PaymentsCash { composition.payments.first as! PaymentsCash }
}

@Suite("payments.cash", .onEachEngine)
struct PaymentsCashTests {
    @Test("a collection issues receipt 1 with the book's template and series and journals it")
    func collect() throws {
        let fixture = try cashFixture()
        let outcome = try fixture.cash.collect(dossier: fixture.dossier(), request: PaymentRequest(quantities: ["phi-1": 3]), by: .staff("lan"))
        let receipt = try #require(outcome.receipt)
        #expect(receipt.id == ReceiptID(series: "BL-26T", year: 2026, number: 1))
        #expect(receipt.template == "01BLP0-001")
        #expect(receipt.total == 6_000 + 8_000)
        #expect(receipt.collector == "lan")
        #expect(receipt.payer == "Nguyễn Văn A")
        let entries = try fixture.store.journalEntries(after: 0, limit: 10)
        #expect(entries.map(\.kind) == ["payment.collected"])
        #expect(entries[0].subject == "receipt:BL-26T/1")
        let payload = try JSONParser().parse(entries[0].payload)
        #expect(payload["method"]?.stringValue == "payments.cash")
        #expect(payload["total"]?.int64Value == 14_000)
        #expect(payload["sector"]?.stringValue == "chung-thuc")
        #expect(payload["procedure"]?.stringValue == "2.000815")
        #expect(try fixture.store.verifyJournal().firstBadSequence == nil)
    }

    @Test("numbers run without gaps and start again at 1 in a new year")
    func numbering() throws {
        let fixture = try cashFixture()
        for number in 1...5 {
            _ = try fixture.cash.collect(dossier: fixture.dossier(number), request: PaymentRequest(), by: .staff("lan"))
        }
        let calendar = fixture.deployment.calendar
        fixture.clock.set(calendar.instant(LocalDate(year: 2027, month: 1, day: 4)!, LocalTime(hour: 8, minute: 0)!))
        let next = try #require(try fixture.cash.collect(dossier: fixture.dossier(6), request: PaymentRequest(), by: .staff("lan")).receipt)
        #expect(next.id == ReceiptID(series: "BL-26T", year: 2027, number: 1))
        let numbers = try fixture.cash.receipts(from: LocalDate(year: 2026, month: 1, day: 1)!, through: LocalDate(year: 2026, month: 12, day: 31)!).map(\.number)
        #expect(numbers == [1, 2, 3, 4, 5])
    }

    @Test("concurrent collectors never share a number")
    func concurrent() async throws {
        let fixture = try cashFixture()
        let cash = fixture.cash
        let dossiers = (1...40).map { fixture.dossier($0) }
        let numbers = try await withThrowingTaskGroup(of: Int.self) { group in
            for (index, dossier) in dossiers.enumerated() {
                group.addTask { try cash.collect(dossier: dossier, request: PaymentRequest(), by: .staff(index % 2 == 0 ? "lan" : "minh")).receipt!.number }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(numbers.sorted() == Array(1...40))
    }

    @Test("numbering continues after a restart on the same database file")
    func restart() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("motcua.sqlite").path
        do {
            let fixture = try cashFixture(store: try SQLiteStore(path: path))
            for number in 1...3 { _ = try fixture.cash.collect(dossier: fixture.dossier(number), request: PaymentRequest(), by: .staff("lan")) }
        }
        let again = try cashFixture(store: try SQLiteStore(path: path))
        #expect(try again.cash.collect(dossier: again.dossier(4), request: PaymentRequest(), by: .staff("lan")).receipt?.number == 4)
    }

    @Test("a fee line is collected once; a void makes it due again and keeps the receipt")
    func twiceAndVoid() throws {
        let fixture = try cashFixture()
        let dossier = fixture.dossier()
        let first = try #require(try fixture.cash.collect(dossier: dossier, request: PaymentRequest(lines: ["le-phi-1"]), by: .staff("lan")).receipt)
        #expect { try fixture.cash.collect(dossier: dossier, request: PaymentRequest(lines: ["le-phi-1"]), by: .staff("minh")) } throws: {
            ($0 as? Problem)?.code == "payments.already-paid" && ($0 as? Problem)?.status == 409
        }
        // The rest is still due.
        let second = try #require(try fixture.cash.collect(dossier: dossier, request: PaymentRequest(), by: .staff("lan")).receipt)
        #expect(second.lines.map(\.id) == ["phi-1"])
        #expect { try fixture.cash.collect(dossier: dossier, request: PaymentRequest(), by: .staff("lan")) } throws: {
            ($0 as? Problem)?.code == "payments.already-paid"
        }
        #expect { try fixture.cash.void(first.id, reason: "", by: .staff("sup")) } throws: { ($0 as? Problem)?.code == "payments.void-reason" }
        #expect { try fixture.cash.void(first.id, reason: "Sai tên", by: .device("kiosk")) } throws: { ($0 as? Problem)?.code == "payments.void-rights" }
        let voided = try fixture.cash.void(first.id, reason: "Sai tên người nộp", by: .staff("sup"))
        #expect(voided.voided && voided.voidedBy == "sup")
        #expect { try fixture.cash.void(first.id, reason: "again", by: .staff("sup")) } throws: { ($0 as? Problem)?.code == "payments.already-void" }
        let third = try #require(try fixture.cash.collect(dossier: dossier, request: PaymentRequest(lines: ["le-phi-1"]), by: .staff("lan")).receipt)
        #expect(third.number == 3)
        #expect(try fixture.cash.receipts(dossier: dossier.code).map { "\($0.number)\($0.voided ? "v" : "")" } == ["1v", "2", "3"])
        #expect(throws: (any Error).self) { try fixture.store.write { try $0.execute("DELETE FROM payments_cash_receipts") } }
    }

    @Test("refused dossiers, nothing due, absurd quantities and unknown lines are refused")
    func refusals() throws {
        let fixture = try cashFixture()
        #expect { try fixture.cash.collect(dossier: fixture.dossier(status: .refused), request: PaymentRequest(), by: .staff("lan")) } throws: {
            ($0 as? Problem)?.code == "payments.dossier-refused"
        }
        #expect { try fixture.cash.collect(dossier: fixture.dossier(procedure: "1.000001"), request: PaymentRequest(), by: .staff("lan")) } throws: {
            ($0 as? Problem)?.code == "payments.nothing-due"
        }
        #expect { try fixture.cash.collect(dossier: fixture.dossier(), request: PaymentRequest(quantities: ["phi-1": -2]), by: .staff("lan")) } throws: {
            ($0 as? Problem)?.code == "payments.quantity"
        }
        #expect { try fixture.cash.collect(dossier: fixture.dossier(), request: PaymentRequest(lines: ["nope"]), by: .staff("lan")) } throws: {
            ($0 as? Problem)?.code == "payments.unknown-line"
        }
        #expect(try fixture.store.journalEntries(after: 0, limit: 10).isEmpty)
    }

    @Test("postal charge and exemption reach the receipt with the legal reason")
    func exemptionOnReceipt() throws {
        let fixture = try cashFixture()
        let receipt = try #require(try fixture.cash.collect(dossier: fixture.dossier(channel: .postal, formValues: ["fee.exemptionGroup": "ho-ngheo"]),
                                                            request: PaymentRequest(), by: .staff("lan")).receipt)
        // The exempt lệ phí (0 đồng) is not collected; phí and postage are.
        #expect(receipt.lines.map(\.id) == ["phi-1", "postal"])
        #expect(receipt.total == 2_000 + 30_000)
        let quote = try fixture.cash.quote(dossier: fixture.dossier(channel: .postal, formValues: ["fee.exemptionGroup": "ho-ngheo"]), quantities: [:])
        #expect(quote.lines.first { $0.id == "le-phi-1" }?.reductionReason?.vi == "Miễn lệ phí cho hộ nghèo (thử)")
    }

    @Test("closing the day balances, locks the collector and refuses a second closing")
    func closing() throws {
        let fixture = try cashFixture()
        let a = try #require(try fixture.cash.collect(dossier: fixture.dossier(1), request: PaymentRequest(), by: .staff("lan")).receipt)
        _ = try fixture.cash.collect(dossier: fixture.dossier(2), request: PaymentRequest(quantities: ["phi-1": 2]), by: .staff("lan"))
        _ = try fixture.cash.collect(dossier: fixture.dossier(3), request: PaymentRequest(), by: .staff("minh"))
        _ = try fixture.cash.void(a.id, reason: "Thu nhầm hồ sơ", by: .staff("sup"))
        let today = LocalDate(year: 2026, month: 3, day: 2)!
        let transfers = TransferDay(confirmed: 58_000, confirmedCount: 1, pending: 10_000, pendingCount: 1)
        let open = try fixture.cash.cashierDay(collector: "lan", day: today, transfers: transfers)
        #expect(open.expectedCash == 12_000 && open.cashReceipts == 1 && open.voids == 1 && open.voidedAmount == 10_000 && !open.isClosed)
        #expect { try fixture.cash.closeDay(collector: "lan", day: today, countedCash: -1, transfers: transfers, note: nil, by: .staff("lan")) } throws: {
            ($0 as? Problem)?.code == "payments.counted-cash"
        }
        #expect { try fixture.cash.closeDay(collector: "lan", day: today, countedCash: 11_000, transfers: transfers, note: nil, by: .staff("lan")) } throws: {
            ($0 as? Problem)?.code == "payments.closing-note"
        }
        let closed = try fixture.cash.closeDay(collector: "lan", day: today, countedCash: 12_000, transfers: transfers, note: nil, by: .staff("lan"))
        #expect(closed.difference == 0 && closed.isClosed && closed.transfers == transfers)
        #expect { try fixture.cash.collect(dossier: fixture.dossier(4), request: PaymentRequest(), by: .staff("lan")) } throws: {
            ($0 as? Problem)?.code == "payments.day-closed"
        }
        #expect { try fixture.cash.closeDay(collector: "lan", day: today, countedCash: 12_000, transfers: transfers, note: nil, by: .staff("lan")) } throws: {
            ($0 as? Problem)?.code == "payments.day-already-closed"
        }
        // Another collector still works; a receipt of the closed day can no longer be voided.
        _ = try fixture.cash.collect(dossier: fixture.dossier(5), request: PaymentRequest(), by: .staff("minh"))
        let lanSecond = try fixture.cash.receipts(dossier: fixture.dossier(2).code)[0]
        #expect { try fixture.cash.void(lanSecond.id, reason: "muộn", by: .staff("sup")) } throws: { ($0 as? Problem)?.code == "payments.day-closed" }
        let kinds = try fixture.store.journalEntries(after: 0, limit: 20).map(\.kind)
        #expect(kinds == ["payment.collected", "payment.collected", "payment.collected", "payment.voided", "cashier.day-closed", "payment.collected"])
        #expect(try fixture.cash.closings(from: today, through: today).map(\.collector) == ["lan"])
    }
}
