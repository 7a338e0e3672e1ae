import Foundation
import MotCuaCore
import MotCuaStore
import Testing

@Suite struct JournalQueryTests {
    /// Three tickets, each issued then finished, and a dossier, spread over three minutes.
    private func seeded() throws -> SQLiteStore {
        let store = try SQLiteStore.inMemory()
        try store.write { transaction in
            for index in 0..<3 {
                try transaction.appendJournal(JournalDraft(at: baseDate.addingTimeInterval(Double(index) * 60), actor: "device:kiosk-1",
                                                           kind: "ticket.issued", subject: "ticket:T-\(index)"))
                try transaction.appendJournal(JournalDraft(at: baseDate.addingTimeInterval(Double(index) * 60 + 30), actor: "user:lan",
                                                           kind: "ticket.finished", subject: "ticket:T-\(index)",
                                                           payload: #"{"counter":"\#(index)"}"#))
            }
            try transaction.appendJournal(JournalDraft(at: baseDate.addingTimeInterval(200), actor: "user:lan",
                                                       kind: "dossier.received", subject: "dossier:D-1"))
        }
        return store
    }

    @Test func readsOneSubjectsHistoryInOrder() throws {
        let store = try seeded()
        let entries = try store.journalEntries(matching: JournalQuery(subject: "ticket:T-1"))
        #expect(entries.map(\.kind) == ["ticket.issued", "ticket.finished"])
        #expect(entries.allSatisfy { $0.subject == "ticket:T-1" })
        #expect(try store.journalEntries(matching: JournalQuery(subject: "ticket:nobody")).isEmpty)
    }

    @Test func readsKindsInATimeRangeWithTheEndExcluded() throws {
        let store = try seeded()
        let finished = try store.journalEntries(matching: JournalQuery(
            kinds: ["ticket.finished"], from: baseDate, to: baseDate.addingTimeInterval(91)))
        #expect(finished.map(\.subject) == ["ticket:T-0", "ticket:T-1"])
        let both = try store.journalEntries(matching: JournalQuery(kinds: ["ticket.finished", "dossier.received"],
                                                                   from: baseDate.addingTimeInterval(150)))
        #expect(both.map(\.subject) == ["ticket:T-2", "dossier:D-1"])
        #expect(try store.journalEntries(matching: JournalQuery(kinds: [])).isEmpty)
    }

    @Test func newestFirstLimitAndAfterSequence() throws {
        let store = try seeded()
        let last = try store.journalEntries(matching: JournalQuery(kinds: ["ticket.finished"], limit: 1, newestFirst: true))
        #expect(last.map(\.subject) == ["ticket:T-2"])
        let after = try store.journalEntries(matching: JournalQuery(afterSequence: 5))
        #expect(after.map(\.sequence) == [6, 7])
    }

    @Test func queriesUseTheIndexesNotAScan() throws {
        let store = try seeded()
        let plans = try store.read { executor in
            (try executor.query("EXPLAIN QUERY PLAN SELECT seq FROM journal WHERE seq > 0 AND subject = ? ORDER BY seq", [.text("x")]),
             try executor.query("EXPLAIN QUERY PLAN SELECT seq FROM journal WHERE seq > 0 AND kind IN (?) AND at_ms >= ? ORDER BY seq",
                                [.text("x"), .integer(0)]))
        }
        let subjectPlan = try plans.0.map { try $0.string("detail") }.joined(separator: " ")
        let kindPlan = try plans.1.map { try $0.string("detail") }.joined(separator: " ")
        #expect(subjectPlan.contains("journal_by_subject"))
        #expect(kindPlan.contains("journal_by_kind_at"))
    }
}
