import Foundation
import MotCuaCore
import MotCuaStore
import Testing

/// The documented hash encoding, written independently of the store so a change to
/// either side fails here: length-prefixed big-endian fields, SHA-256, lower-case hex.
func documentedHash(_ entry: JournalEntry) -> String {
    func be(_ value: UInt64) -> [UInt8] { (0..<8).reversed().map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) } }
    var bytes: [UInt8] = []
    for number in [entry.sequence, JournalEntry.milliseconds(entry.at)] {
        bytes += be(8) + be(UInt64(bitPattern: number))
    }
    for text in [entry.actor, entry.kind, entry.subject, entry.payload, entry.previousHash] {
        bytes += be(UInt64(text.utf8.count)) + Array(text.utf8)
    }
    return SHA256.hex(bytes)
}

/// One way of editing the journal behind the store's back, and what verification must say.
struct Tampering: Sendable, CustomTestStringConvertible {
    var name: String
    var statements: [String]
    var problem: JournalVerification.Problem
    var firstBad: Int64
    var verified: Int

    var testDescription: String { name }
}

@Suite struct JournalTests {
    func storeWithTenEntries() throws -> SQLiteStore {
        let store = try SQLiteStore.inMemory()
        try store.migrate(ticketMigrations)
        for index in 1...10 { try issueTicket(store, index) }
        return store
    }

    @Test func entriesChainAndMatchTheDocumentedHash() throws {
        let store = try SQLiteStore.inMemory()
        try store.migrate(ticketMigrations)
        let first = try issueTicket(store, 1)
        let second = try issueTicket(store, 2)
        #expect(first.sequence == 1)
        #expect(first.previousHash == String(repeating: "0", count: 64))
        #expect(second.previousHash == first.hash)
        #expect(first.hash == documentedHash(first))
        #expect(second.hash == documentedHash(second))
        #expect(first.hash.count == 64)
        #expect(first.at == baseDate.addingTimeInterval(1.5))
        #expect(try store.journalEntries(after: 0, limit: 10) == [first, second])
        #expect(store.journalHead.sequence == 2)
        #expect(store.journalHead.hash == second.hash)
    }

    @Test func severalAppendsInOneWriteCommitTogether() throws {
        let store = try SQLiteStore.inMemory()
        let entries = try store.write { transaction in
            try (1...3).map { try transaction.appendJournal(draft($0, kind: "dossier.received")) }
        }
        #expect(entries.map(\.sequence) == [1, 2, 3])
        #expect(entries[2].previousHash == entries[1].hash)
        #expect(try store.verifyJournal().entries == 3)
    }

    @Test func pagingThroughTheJournal() throws {
        let store = try storeWithTenEntries()
        #expect(try store.journalEntries(after: 0, limit: 4).map(\.sequence) == [1, 2, 3, 4])
        #expect(try store.journalEntries(after: 8, limit: 4).map(\.sequence) == [9, 10])
        #expect(try store.journalEntries(after: 10, limit: 4).isEmpty)
    }

    @Test func anIntactJournalVerifies() throws {
        let verification = try storeWithTenEntries().verifyJournal()
        #expect(verification.problem == .none)
        #expect(verification.firstBadSequence == nil)
        #expect(verification.entries == 10)
        let empty = try SQLiteStore.inMemory().verifyJournal()
        #expect(empty.isValid)
        #expect(empty.entries == 0)
    }

    @Test func plainSQLCannotEditTheJournalByMistake() throws {
        let store = try storeWithTenEntries()
        let error = expectStoreError("store.constraint") {
            _ = try store.write { try $0.execute("UPDATE journal SET payload = '{}' WHERE seq = 3") }
        }
        #expect(error?.message.contains("append-only") == true)
        expectStoreError("store.constraint") {
            _ = try store.write { try $0.execute("DELETE FROM journal WHERE seq = 10") }
        }
        #expect(try store.verifyJournal().isValid)
    }

    static let tamperings: [Tampering] = [
        Tampering(name: "payload edited", statements: [
            #"UPDATE journal SET payload = '{"index":4,"sector":"đất đai"}' WHERE seq = 4"#,
        ], problem: .hashMismatch, firstBad: 4, verified: 3),
        Tampering(name: "actor edited", statements: [
            "UPDATE journal SET actor = 'user:admin' WHERE seq = 9",
        ], problem: .hashMismatch, firstBad: 9, verified: 8),
        Tampering(name: "two entries swapped", statements: [
            "UPDATE journal SET seq = -1 WHERE seq = 3",
            "UPDATE journal SET seq = 3 WHERE seq = 4",
            "UPDATE journal SET seq = 4 WHERE seq = -1",
        ], problem: .brokenLink, firstBad: 3, verified: 2),
        Tampering(name: "entry spliced in with a fresh hash", statements: [
            "UPDATE journal SET prev_hash = hash WHERE seq = 6",
        ], problem: .brokenLink, firstBad: 6, verified: 5),
        Tampering(name: "entry deleted from the middle", statements: [
            "DELETE FROM journal WHERE seq = 6",
        ], problem: .sequenceGap, firstBad: 6, verified: 5),
        Tampering(name: "tail cut off", statements: [
            "DELETE FROM journal WHERE seq > 7",
        ], problem: .truncated, firstBad: 8, verified: 7),
        Tampering(name: "tail cut off and anchor hash kept", statements: [
            "DELETE FROM journal WHERE seq > 7",
            "UPDATE journal_head SET last_seq = 7",
        ], problem: .anchorMismatch, firstBad: 7, verified: 7),
        Tampering(name: "anchor removed", statements: [
            "DELETE FROM journal_head",
        ], problem: .anchorMismatch, firstBad: 11, verified: 10),
    ]

    @Test(arguments: tamperings)
    func tamperingIsFoundAtTheFirstBadSequence(_ tampering: Tampering) throws {
        let store = try storeWithTenEntries()
        try store.write { transaction in
            // Someone with the file can drop the guards; the chain must still catch it.
            try transaction.execute("DROP TRIGGER journal_no_update")
            try transaction.execute("DROP TRIGGER journal_no_delete")
            for statement in tampering.statements { try transaction.execute(statement) }
        }
        let verification = try store.verifyJournal()
        #expect(verification.problem == tampering.problem, "\(verification.message)")
        #expect(verification.firstBadSequence == tampering.firstBad)
        #expect(verification.entries == tampering.verified)
        #expect(verification.message.contains(String(tampering.firstBad)))
    }

    @Test func anEntryRewrittenWithAValidHashBreaksTheNextLink() throws {
        let store = try storeWithTenEntries()
        var forged = try #require(try store.journalEntries(after: 3, limit: 1).first)
        forged.payload = #"{"index":4,"fee":0}"#
        forged.hash = documentedHash(forged)
        try store.write { transaction in
            try transaction.execute("DROP TRIGGER journal_no_update")
            try transaction.execute("UPDATE journal SET payload = ?, hash = ? WHERE seq = 4",
                                    [.text(forged.payload), .text(forged.hash)])
        }
        let verification = try store.verifyJournal()
        #expect(verification.problem == .brokenLink)
        #expect(verification.firstBadSequence == 5)
        #expect(verification.message.contains("entry 4 was rewritten"))
    }
}

@Suite struct JournalFailureTests {
    @Test func aSwallowedJournalFailureStillAbortsTheWrite() throws {
        let store = try SQLiteStore.inMemory()
        try store.migrate(ticketMigrations)
        try issueTicket(store, 1)
        expectStoreError("store.corrupt") {
            try store.write { transaction in
                try transaction.execute("INSERT INTO queue_tickets (number, status) VALUES ('TP-2', 'issued')")
                try transaction.execute("DELETE FROM journal_head")
                // A careless plugin ignores the failed append; the store must not commit.
                _ = try? transaction.appendJournal(draft(2))
            }
        }
        #expect(try ticketCount(store) == 1)
        #expect(try store.verifyJournal().isValid)
        #expect(try issueTicket(store, 3).sequence == 2)
    }
}
