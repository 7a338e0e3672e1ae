import Foundation
import MotCuaCore
import MotCuaHarness
import Testing

/// A journal written by hand, one entry per line, to check the invariants on known histories.
private struct JournalScript {
    var entries: [JournalEntry] = []
    var clock = Date(timeIntervalSince1970: 1_772_413_200) // 2026-03-02 08:00 +07:00

    mutating func add(_ kind: String, _ subject: String, _ payload: String = "{}", after seconds: TimeInterval = 60) {
        clock += seconds
        let sequence = Int64(entries.count + 1)
        entries.append(JournalEntry(sequence: sequence, at: clock, actor: "system", kind: kind, subject: subject,
                                    payload: payload, previousHash: "", hash: ""))
    }

    func invariants() throws -> DayInvariants { try DayInvariants(entries: entries) }
}

private func failure(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let failure as HarnessFailure {
        return failure.message
    } catch {
        return "\(error)"
    }
}

@Suite("Invariants of the simulated day, on hand-written journals")
struct DayInvariantsTests {
    let counters = [Counter(id: "1", name: LocalizedText(vi: "Quầy 1", en: "Counter 1"), sectors: ["tp"])]

    @Test("a ticket that never ends, or acts after ending, is named")
    func ticketsEndOnce() throws {
        var script = JournalScript()
        script.add("ticket.issued", "ticket:1", #"{"sector":"tp","priorityGroup":null}"#)
        script.add("ticket.issued", "ticket:2", #"{"sector":"tp","priorityGroup":null}"#)
        script.add("ticket.finished", "ticket:1", #"{"counter":"1"}"#)
        #expect(failure { try script.invariants().ticketsEndOnce() }?.contains("ticket:2 never reached a terminal state") == true)
        script.add("ticket.cancelled", "ticket:2", #"{"reason":"left"}"#)
        #expect(failure { try script.invariants().ticketsEndOnce() } == nil)
        script.add("ticket.called", "ticket:1", #"{"counter":"1"}"#)
        #expect(failure { try script.invariants().ticketsEndOnce() }?.contains("ticket:1 had ticket.called (journal #5) after it ended with ticket.finished") == true)
    }

    @Test("starting a ticket twice, or two at one counter, is named")
    func servedTwice() throws {
        var script = JournalScript()
        script.add("ticket.started", "ticket:1", #"{"counter":"1"}"#)
        script.add("ticket.started", "ticket:2", #"{"counter":"1"}"#)
        #expect(failure { try script.invariants().noneServedTwice() }?.contains("counter 1 started ticket:2 while serving ticket:1") == true)
        var again = JournalScript()
        again.add("ticket.started", "ticket:1", #"{"counter":"1"}"#)
        again.add("ticket.finished", "ticket:1", #"{"counter":"1"}"#)
        again.add("ticket.started", "ticket:1", #"{"counter":"2"}"#)
        #expect(failure { try again.invariants().noneServedTwice() }?.contains("ticket:1 started again at journal #3") == true)
    }

    @Test("calls go by priority, then arrival, and the cap lets ordinary citizens through")
    func callOrder() throws {
        func journal(_ calls: [String]) -> JournalScript {
            var script = JournalScript()
            script.add("ticket.issued", "ticket:o1", #"{"sector":"tp","priorityGroup":null}"#)
            script.add("ticket.issued", "ticket:p1", #"{"sector":"tp","priorityGroup":"elderly"}"#)
            script.add("ticket.issued", "ticket:p2", #"{"sector":"tp","priorityGroup":"pregnant"}"#)
            script.add("ticket.issued", "ticket:o2", #"{"sector":"tp","priorityGroup":null}"#)
            for call in calls { script.add("ticket.called", "ticket:" + call, #"{"counter":"1"}"#) }
            return script
        }
        // With a cap of 1: priority, then the longest-waiting ordinary, then priority again.
        #expect(failure { try journal(["p1", "o1", "p2", "o2"]).invariants().callOrder(counters: counters, priorityCap: 1) } == nil)
        #expect(failure { try journal(["p1", "p2", "o1", "o2"]).invariants().callOrder(counters: counters, priorityCap: 1) }?
            .contains("made 2 priority calls in a row") == true)
        #expect(failure { try journal(["o1", "p1", "p2", "o2"]).invariants().callOrder(counters: counters, priorityCap: 1) }?
            .contains("called ordinary ticket:o1") == true)
        #expect(failure { try journal(["p2", "o1", "p1", "o2"]).invariants().callOrder(counters: counters, priorityCap: 1) }?
            .contains("ticket:p1 of the same class waited longer") == true)
        #expect(failure { try journal(["p1", "p2", "o1", "o2"]).invariants().callOrder(counters: counters, priorityCap: 2) } == nil)
    }

    @Test("receipt numbers must run without gaps and totals must equal their lines")
    func receipts() throws {
        var script = JournalScript()
        script.add("payment.collected", "receipt:BL/1", #"{"series":"BL","number":1,"total":30000,"lines":[{"id":"a","amount":30000}]}"#)
        script.add("payment.collected", "receipt:BL/3", #"{"series":"BL","number":3,"total":20000,"lines":[{"id":"a","amount":10000}]}"#)
        #expect(failure { try script.invariants().receiptsGapFree() }?.contains("series BL holds 1, 3; expected 2 next") == true)
        #expect(failure { try script.invariants().receiptsBalance() }?.contains("totals 20000 đ but its lines sum to 10000 đ") == true)
        script.add("payment.voided", "receipt:BL/1", #"{"series":"BL","number":1,"total":30000}"#)
        #expect(try script.invariants().collectedTotal == 20000)
    }

    @Test("a due date on a holiday and a wrong verdict are named")
    func dossiers() throws {
        let calendar = WorkingCalendar(hours: try OpeningHours(parsing: ["mon-fri": ["07:30-11:30", "13:30-17:00"]]))
        var script = JournalScript()
        // 2026-04-30 is Reunification Day.
        script.add("dossier.received", "dossier:A-1", #"{"dueAt":"2026-04-30T09:00:00.000Z"}"#)
        #expect(failure { try script.invariants().appointmentsOnWorkingDays(calendar) }?.contains("due on 2026-04-30, not a working day") == true)
        var verdicts = JournalScript()
        // Done on 2026-03-02 at 08:02 local, due 2026-03-03 at 17:00 local: early, not on time.
        verdicts.add("dossier.status-changed", "dossier:A-2", #"{"to":"done","verdict":"onTime","dueAt":"2026-03-03T10:00:00.000Z"}"#)
        #expect(failure { try verdicts.invariants().verdictsMatch(calendar) }?.contains("should be early") == true)
        verdicts.add("dossier.status-changed", "dossier:A-3", #"{"to":"supplementRequested"}"#)
        verdicts.add("dossier.status-changed", "dossier:A-3", #"{"to":"supplementRequested"}"#)
        verdicts.add("dossier.status-changed", "dossier:A-3", #"{"to":"done","verdict":"early","dueAt":"2026-03-09T10:00:00.000Z"}"#)
        let message = failure { try DayInvariants(entries: Array(verdicts.entries.dropFirst())).verdictsMatch(calendar) }
        #expect(message?.contains("had 2 supplement requests but was judged early") == true)
    }
}
