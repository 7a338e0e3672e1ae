import Foundation
import MotCuaBuiltins
import MotCuaCore
import MotCuaHost
import MotCuaStore
import Synchronization
import Testing

/// Every live event a composition publishes, in order.
final class PublishedEvents: EventSink {
    private let events = Mutex<[DomainEvent]>([])
    func publish(_ event: DomainEvent) { events.withLock { $0.append(event) } }
    var all: [DomainEvent] { events.withLock { $0 } }
}

/// The demo deployment's cash and VietQR methods composed together on an in-memory store,
/// with the clock at 09:00 on Monday 2 March 2026: the rules they share.
struct TwoMethods {
    let deployment: Deployment
    let store: SQLiteStore
    let clock: ManualClock
    let events = PublishedEvents()
    let desk: PaymentsDesk
    let vietqr: any TransferPaymentsPlugin

    init() throws {
        deployment = try #require(try BuiltinPlugins.catalogue.loader(source: PackageManifestSource()).load("Deployments/demo/demo.json").deployment)
        store = try SQLiteStore.inMemory()
        clock = ManualClock(deployment.calendar.instant(LocalDate(year: 2026, month: 3, day: 2)!, LocalTime(hour: 9, minute: 0)!))
        let composition = try Composition.compose(deployment, catalogue: BuiltinPlugins.catalogue, store: store, clock: clock,
                                                  events: events, logHandler: SilentLogHandler())
        desk = PaymentsDesk(methods: composition.payments, calendar: deployment.calendar, clock: clock)
        vietqr = try #require(desk.transferMethods.first)
    }

    /// A procedure of the demo that charges something.
    var procedure: Procedure { deployment.enabledProcedures.first { $0.fees.contains { $0.amount > 0 } }! }

    /// A dossier for ``procedure``; a postal one also owes the postal charge.
    func dossier(_ number: Int, channel: Dossier.Channel = .counter) -> Dossier {
        Dossier(code: "DM-260302-\(number)", procedure: procedure.code, channel: channel, status: .received,
                applicantName: "Nguyễn Văn Thử", formValues: [:], receivedAt: clock.now, dueAt: clock.now)
    }

    /// Asks for a transfer of every line due.
    func ask(_ number: Int, by clerk: String) throws -> Transfer {
        guard case .pending(let transfer) = try desk.collect(method: "payments.vietqr", dossier: dossier(number), request: PaymentRequest(),
                                                             by: .staff(clerk)) else { throw Problem("test.no-transfer", en: "no transfer", vi: "") }
        return transfer
    }

    func closeDay(of clerk: String) throws {
        _ = try desk.closeDay(collector: clerk, day: desk.today, countedCash: 0, note: nil, by: .staff("sup"))
    }

    func statement(_ transfer: Transfer, reference: String) -> [UInt8] {
        Array("date,amount,description,reference\n\(desk.today),\(transfer.total),CK \(transfer.purpose),\(reference)\n".utf8)
    }

    func code(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch let problem as Problem { return problem.code } catch { return "\(error)" }
    }
}

@Suite("Payment methods side by side: one rule for both")
struct PaymentMethodsTogetherTests {
    @Test("VietQR takes the lines asked for in the caller's order, and refuses an empty or repeated list, as cash does")
    func lineSelection() throws {
        let methods = try TwoMethods()
        let postal = methods.dossier(1, channel: .postal)
        let quoted = try methods.vietqr.quote(dossier: postal, quantities: [:]).lines.filter { $0.amount > 0 }.map(\.id)
        #expect(quoted.count >= 2)
        let reversed = Array(quoted.reversed())
        for method in ["payments.cash", "payments.vietqr"] {
            for lines in [[String](), [quoted[0], quoted[0]]] {
                #expect(methods.code { _ = try methods.desk.collect(method: method, dossier: postal, request: PaymentRequest(lines: lines),
                                                                    by: .staff("lan")) } == "payments.lines", "\(method) \(lines)")
            }
        }
        guard case .pending(let transfer) = try methods.desk.collect(method: "payments.vietqr", dossier: postal,
                                                                     request: PaymentRequest(lines: reversed), by: .staff("lan")) else {
            Issue.record("no transfer")
            return
        }
        #expect(transfer.lines.map(\.id) == reversed)
        guard case .receipt(let receipt) = try methods.desk.collect(method: "payments.cash", dossier: methods.dossier(2, channel: .postal),
                                                                    request: PaymentRequest(lines: reversed), by: .staff("lan")) else {
            Issue.record("no receipt")
            return
        }
        #expect(receipt.lines.map(\.id) == reversed)
    }

    @Test("VietQR publishes every change it journals, as cash does: pending, confirmed, cancelled, voided, statement import")
    func publishing() throws {
        let methods = try TwoMethods()
        let one = try methods.ask(1, by: "lan")
        let two = try methods.ask(2, by: "lan")
        let three = try methods.ask(3, by: "lan")
        guard case .receipt(let receipt) = try methods.desk.confirm(reference: one.reference, receivedAmount: nil, by: .staff("lan")) else {
            Issue.record("no receipt")
            return
        }
        _ = try methods.vietqr.cancel(reference: two.reference, reason: "paid in cash", by: .staff("lan"))
        _ = try methods.vietqr.void(receipt.id, reason: "wrong dossier", by: .staff("sup"))
        let imported = try methods.vietqr.importStatement(methods.statement(three, reference: "FT-3"), by: .staff("sup"))
        #expect(imported.confirmed.count == 1)
        _ = try methods.desk.collect(method: "payments.cash", dossier: methods.dossier(4), request: PaymentRequest(), by: .staff("lan"))
        let journalled = try methods.store.journalEntries(after: 0, limit: 100).filter { $0.kind.hasPrefix("payment.") || $0.kind.hasPrefix("cashier.") }
        let published = methods.events.all.filter { $0.topic == "payments" }
        #expect(published.map(\.kind) == journalled.map(\.kind))
        #expect(published.map(\.subject) == journalled.map(\.subject))
        #expect(Set(published.map(\.kind)).isSuperset(of: ["payment.pending", "payment.confirmed", "payment.cancelled", "payment.voided", "payment.collected"]))
    }

    @Test("a transfer counts in the day of the clerk who asked for it: once that day is closed, no one confirms into it")
    func confirmationChecksTheAskingClerksDay() throws {
        let methods = try TwoMethods()
        let transfer = try methods.ask(1, by: "lan")
        try methods.closeDay(of: "lan")
        #expect(methods.code { _ = try methods.desk.confirm(reference: transfer.reference, receivedAmount: nil, by: .staff("mai")) } == "payments.day-closed")
        #expect(try methods.vietqr.transfer(reference: transfer.reference)?.status == .pending)
        #expect(try methods.desk.cashierDay(collector: "lan", day: methods.desk.today).transfers.confirmedCount == 0)
        // The next day it is confirmed into lan's new day.
        methods.clock.advance(by: 86_400)
        #expect(methods.code { _ = try methods.desk.confirm(reference: transfer.reference, receivedAmount: nil, by: .staff("mai")) } == nil)
    }

    @Test("a statement import leaves the transfers of a closed day pending, and a later import confirms them")
    func importChecksTheClosedDay() throws {
        let methods = try TwoMethods()
        let closed = try methods.ask(1, by: "lan")
        let open = try methods.ask(2, by: "mai")
        try methods.closeDay(of: "lan")
        let statement = Array((String(decoding: methods.statement(closed, reference: "FT-1"), as: UTF8.self)
                               + "\(methods.desk.today),\(open.total),CK \(open.purpose),FT-2\n").utf8)
        let first = try methods.vietqr.importStatement(statement, by: .staff("sup"))
        #expect(first.held == [closed.reference])
        #expect(first.confirmed.map(\.reference) == [open.reference])
        #expect(try methods.vietqr.transfer(reference: closed.reference)?.status == .pending)
        methods.clock.advance(by: 86_400)
        let again = try methods.vietqr.importStatement(statement, by: .staff("sup"))
        #expect(again.confirmed.map(\.reference) == [closed.reference] && again.alreadyImported == 1 && again.held.isEmpty)
    }

    @Test("a VietQR receipt of a closed day cannot be voided, as a cash receipt cannot")
    func voidChecksTheClosedDay() throws {
        let methods = try TwoMethods()
        let transfer = try methods.ask(1, by: "lan")
        guard case .receipt(let receipt) = try methods.desk.confirm(reference: transfer.reference, receivedAmount: nil, by: .staff("lan")),
              case .receipt(let cash) = try methods.desk.collect(method: "payments.cash", dossier: methods.dossier(2), request: PaymentRequest(),
                                                                 by: .staff("lan")) else {
            Issue.record("no receipts")
            return
        }
        _ = try methods.desk.closeDay(collector: "lan", day: methods.desk.today, countedCash: cash.total, note: nil, by: .staff("sup"))
        for id in [receipt.id, cash.id] {
            let (_, method) = try methods.desk.receipt(id)
            #expect(methods.code { _ = try method.void(id, reason: "wrong dossier", by: .staff("sup")) } == "payments.day-closed", "\(id)")
        }
        #expect(try methods.vietqr.receipt(receipt.id)?.voided == false)
    }

    @Test("two payment methods on one receipt series: check names the file, the JSON path and the fix; composition refuses")
    func sharedSeries() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-series-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("commune.json").path
        let demo = packageRoot.appendingPathComponent("Deployments/demo/demo.json").path
        try Data("""
        { "extends": "\(demo)",
          "plugins": { "payments.vietqr": { "receipt": { "template": "01BLP0-001", "series": "BL-26DM" } } } }
        """.utf8).write(to: URL(fileURLWithPath: file))
        let loader = BuiltinPlugins.catalogue.loader(source: FileManifestSource())
        #expect { try loader.load(file) } throws: { error in
            guard let diagnostic = (error as? ManifestError)?.diagnostics.first(where: { $0.code == "manifest.receipt-series-shared" }) else { return false }
            return diagnostic.file == file && diagnostic.path.contains("payments.vietqr") && diagnostic.path.hasSuffix("receipt.series")
                && diagnostic.message.en.contains("payments.cash") && diagnostic.fix.en.contains("its own series")
        }
        // A deployment assembled without the loader is refused when composed.
        var deployment = try TwoMethods().deployment
        let cash = try #require(deployment.plugins.firstIndex { $0.id == "payments.cash" })
        let vietqr = try #require(deployment.plugins.firstIndex { $0.id == "payments.vietqr" })
        guard case .object(var settings) = deployment.plugins[vietqr].settings, case .object(let cashSettings) = deployment.plugins[cash].settings else {
            Issue.record("settings are not objects")
            return
        }
        settings["receipt"] = cashSettings["receipt"]
        deployment.plugins[vietqr].settings = .object(settings)
        #expect { _ = try Composition.plan(deployment, catalogue: BuiltinPlugins.catalogue) } throws: { error in
            (error as? CompositionError)?.problems.contains { $0.code == "composition.receipt-series-shared" && $0.message.en.contains("receipt.series") } == true
        }
    }
}
