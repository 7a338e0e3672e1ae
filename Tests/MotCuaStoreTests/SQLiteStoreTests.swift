import Dispatch
import Foundation
import MotCuaCore
import MotCuaStore
import Synchronization
import Testing

@Suite struct SQLiteStoreTests {
    @Test func fileDatabaseRunsInWALWithFullSync() throws {
        try withTemporaryDirectory { directory in
            let store = try SQLiteStore(path: directory.file("centre.sqlite"))
            #expect(try store.pragma("journal_mode") == "wal")
            #expect(try store.pragma("synchronous") == "2")  // 2 = FULL
            #expect(try store.pragma("foreign_keys") == "1")
            #expect(try store.pragma("busy_timeout") == "5000")
            try store.migrate(ticketMigrations)
            try issueTicket(store, 1)
            #expect(FileManager.default.fileExists(atPath: directory.file("centre.sqlite-wal")))
        }
    }

    @Test func busyTimeoutIsConfigurable() throws {
        let store = try SQLiteStore.inMemory(options: .init(busyTimeoutMilliseconds: 250))
        #expect(try store.pragma("busy_timeout") == "250")
        expectStoreError("store.sql") { _ = try store.pragma("journal_mode; DROP TABLE journal") }
    }

    @Test func openingInAMissingFolderNamesTheFolder() throws {
        try withTemporaryDirectory { directory in
            let missing = directory.file("no-such-folder")
            let error = expectStoreError("store.open-failed") {
                _ = try SQLiteStore(path: (missing as NSString).appendingPathComponent("centre.sqlite"))
            }
            #expect(error?.message.contains("\(missing) does not exist") == true)
            #expect(!FileManager.default.fileExists(atPath: missing))
        }
    }

    @Test func aFileThatIsNotADatabaseIsReportedAsCorrupt() throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("centre.sqlite")
            try Data(String(repeating: "not a database ", count: 200).utf8).write(to: URL(fileURLWithPath: path))
            let error = expectStoreError("store.corrupt") { _ = try SQLiteStore(path: path) }
            #expect(error?.message.contains(path) == true)
            #expect(error?.message.contains("backup") == true)
        }
    }

    @Test func emptySQLIsRefused() throws {
        let store = try SQLiteStore.inMemory()
        let error = expectStoreError("store.sql") { _ = try store.read { try $0.query("  -- nothing") } }
        #expect(error?.message.contains("holds no statement") == true)
    }

    @Test func aFailingWriteLeavesNeitherStateNorJournal() throws {
        struct ClerkCancelled: Error {}
        let store = try SQLiteStore.inMemory()
        try store.migrate(ticketMigrations)
        #expect(throws: ClerkCancelled.self) {
            try store.write { transaction in
                try transaction.execute("INSERT INTO queue_tickets (number, status) VALUES ('TP-1', 'issued')")
                try transaction.appendJournal(draft(1))
                throw ClerkCancelled()
            }
        }
        #expect(try ticketCount(store) == 0)
        #expect(try store.journalEntries(after: 0, limit: 10).isEmpty)
        #expect(store.journalHead.sequence == 0)
        // The next append starts the chain at 1 again: the rolled-back entry left no trace.
        let entry = try issueTicket(store, 2)
        #expect(entry.sequence == 1)
        #expect(entry.previousHash == JournalEntry.genesisHash)
        #expect(try store.verifyJournal().isValid)
    }

    @Test func aConstraintViolationNamesTheConstraintAndRollsBack() throws {
        let store = try SQLiteStore.inMemory()
        try store.migrate(ticketMigrations)
        try issueTicket(store, 7)
        let error = expectStoreError("store.constraint") { try issueTicket(store, 7) }
        #expect(error?.message.contains("queue_tickets.number") == true)
        #expect(try ticketCount(store) == 1)
        let verification = try store.verifyJournal()
        #expect(verification.isValid)
        #expect(verification.entries == 1)
    }

    @Test func valuesRoundTripWithTheirTypes() throws {
        let store = try SQLiteStore.inMemory()
        try store.migrate(MigrationSet(owner: "values", migrations: [
            Migration(version: 1, name: "create", statements: ["CREATE TABLE v (i, r, t, b, n, e)"]),
        ]))
        let row = try store.write { transaction in
            let inserted = try transaction.query("INSERT INTO v VALUES (?, ?, ?, ?, ?, ?) RETURNING rowid AS id",
                                                 [.integer(Int64.max), 2.5, "Đào Xá — lệ phí", .blob([0, 255, 7]), nil, .blob([])])
            #expect(try inserted.first?.int64("id") == 1)
            return try #require(try transaction.queryFirst("SELECT i, r, t, b, n, e FROM v"))
        }
        #expect(try row.int64("i") == Int64.max)
        #expect(try row.double("r") == 2.5)
        #expect(try row.string("t") == "Đào Xá — lệ phí")
        #expect(try row.blob("b") == [0, 255, 7])
        #expect(try row.isNull("n"))
        #expect(try row.optionalString("n") == nil)
        #expect(try row.blob("e") == [])
    }

    @Test func rowAccessorsNameTheColumnThatIsMissingOrMistyped() throws {
        let store = try SQLiteStore.inMemory()
        let row = try store.read { try #require(try $0.queryFirst("SELECT 'TP-1' AS number, 3 AS counter")) }
        let missing = expectStoreError("store.column-missing") { _ = try row.string("status") }
        #expect(missing?.message.contains("\"status\"") == true)
        #expect(missing?.message.contains("number, counter") == true)
        let mistyped = expectStoreError("store.column-type") { _ = try row.int("number") }
        #expect(mistyped?.message.contains("\"number\" holds text where integer") == true)
    }

    @Test func readRefusesWritesAndJournalAppends() throws {
        let store = try SQLiteStore.inMemory()
        try store.migrate(ticketMigrations)
        expectStoreError("store.transaction-misuse") {
            _ = try store.read { try $0.execute("INSERT INTO queue_tickets (number, status) VALUES ('TP-1', 'x')") }
        }
        expectStoreError("store.transaction-misuse") {
            try store.read { executor in
                let transaction = try #require(executor as? any StoreTransaction)
                try transaction.appendJournal(draft(1))
            }
        }
        #expect(try ticketCount(store) == 0)
        #expect(store.journalHead.sequence == 0)
    }

    @Test func aTransactionSmuggledOutOfItsBodyIsDead() throws {
        final class Pocket { var transaction: (any StoreTransaction)? }
        let store = try SQLiteStore.inMemory()
        try store.migrate(ticketMigrations)
        let pocket = Pocket()
        try store.write { pocket.transaction = $0 }
        let transaction = try #require(pocket.transaction)
        expectStoreError("store.transaction-misuse") {
            try transaction.execute("INSERT INTO queue_tickets (number, status) VALUES ('TP-1', 'x')")
        }
        expectStoreError("store.transaction-misuse") { try transaction.appendJournal(draft(1)) }
        #expect(try ticketCount(store) == 0)
    }

    @Test func statementsAreCheckedBeforeTheyRun() throws {
        let store = try SQLiteStore.inMemory()
        try store.migrate(ticketMigrations)
        let twoStatements = expectStoreError("store.sql") {
            _ = try store.write { try $0.execute("DELETE FROM queue_tickets; DROP TABLE queue_tickets") }
        }
        #expect(twoStatements?.message.contains("more than one statement") == true)
        let wrongCount = expectStoreError("store.sql") {
            _ = try store.write { try $0.execute("INSERT INTO queue_tickets (number, status) VALUES (?, ?)", ["TP-1"]) }
        }
        #expect(wrongCount?.message.contains("2 placeholders but 1 values") == true)
        let typo = expectStoreError("store.sql") { _ = try store.read { try $0.query("SELECT * FROM queue_tikets") } }
        #expect(typo?.message.contains("queue_tikets") == true)
    }

    @Test func theChainContinuesAfterReopening() throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("centre.sqlite")
            var third: JournalEntry?
            do {
                let store = try SQLiteStore(path: path)
                try store.migrate(ticketMigrations)
                for index in 1...3 { third = try issueTicket(store, index) }
            }
            let reopened = try SQLiteStore(path: path)
            try reopened.migrate(ticketMigrations)
            #expect(reopened.journalHead.sequence == 3)
            let fourth = try issueTicket(reopened, 4)
            #expect(fourth.sequence == 4)
            #expect(fourth.previousHash == third?.hash)
            let verification = try reopened.verifyJournal()
            #expect(verification.isValid)
            #expect(verification.entries == 4)
            #expect(try ticketCount(reopened) == 4)
        }
    }

    @Test func concurrentWritersProduceOneGapFreeChain() throws {
        try withTemporaryDirectory { directory in
            let store = try SQLiteStore(path: directory.file("centre.sqlite"))
            try store.migrate(ticketMigrations)
            let failures = Mutex<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 6) { worker in
                for step in 0..<20 {
                    do {
                        try issueTicket(store, worker * 100 + step)
                    } catch {
                        failures.withLock { $0.append("\(error)") }
                    }
                }
            }
            #expect(failures.withLock { $0 } == [])
            let verification = try store.verifyJournal()
            #expect(verification.isValid, "\(verification.message)")
            #expect(verification.entries == 120)
            let sequences = try store.journalEntries(after: 0, limit: 1000).map(\.sequence)
            #expect(sequences == Array(1...120))
            #expect(try ticketCount(store) == 120)
        }
    }

    @Test func twoStoresOnOneFileShareOneChainAndReportBusy() throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("centre.sqlite")
            let first = try SQLiteStore(path: path)
            try first.migrate(ticketMigrations)
            let second = try SQLiteStore(path: path, options: .init(busyTimeoutMilliseconds: 100))
            try issueTicket(first, 1)
            try issueTicket(second, 2)  // must see entry 1 although its cached head was 0
            try issueTicket(first, 3)   // and the first store must see entry 2
            let verification = try first.verifyJournal()
            #expect(verification.isValid, "\(verification.message)")
            #expect(verification.entries == 3)

            let holding = DispatchSemaphore(value: 0)
            let release = DispatchSemaphore(value: 0)
            let writer = Thread {
                _ = try? first.write { _ in
                    holding.signal()
                    release.wait()
                }
            }
            writer.start()
            holding.wait()
            let error = expectStoreError("store.busy") { try issueTicket(second, 4) }
            release.signal()
            #expect(error?.message.contains("100 ms") == true)
            try issueTicket(second, 5)
            #expect(try second.verifyJournal().entries == 4)
        }
    }

    @Test func aBackupIsACompleteVerifiableCopy() throws {
        try withTemporaryDirectory { directory in
            let store = try SQLiteStore(path: directory.file("centre.sqlite"))
            try store.migrate(ticketMigrations)
            for index in 1...5 { try issueTicket(store, index) }
            let copyPath = directory.file("backup.sqlite")
            try store.backup(to: copyPath)
            let copy = try SQLiteStore(path: copyPath)
            #expect(try ticketCount(copy) == 5)
            let verification = try copy.verifyJournal()
            #expect(verification.isValid)
            #expect(verification.entries == 5)
            #expect(copy.journalHead.hash == store.journalHead.hash)
        }
    }
}
