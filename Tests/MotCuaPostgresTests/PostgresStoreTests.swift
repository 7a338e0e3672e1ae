import Foundation
import MotCuaCore
import MotCuaPostgres
import MotCuaPostgresTesting
import MotCuaStore
import Testing

/// The PostgreSQL store on a real throwaway server: the contract, the chain, and every
/// refusal an operator can meet. Skipped with a printed reason where PostgreSQL is absent.
@Suite(.enabled(if: StoreEngine.all.contains(.postgresql)))
struct PostgresStoreTests {
    let cluster: TestCluster

    init() throws {
        cluster = try TestCluster.shared()
    }

    static let tickets = MigrationSet(owner: "queue.test", migrations: [
        Migration(version: 1, name: "create-tickets", statements: [
            "CREATE TABLE queue_tickets (id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE, status TEXT NOT NULL, issued_ms INTEGER)",
        ]),
    ])

    static func draft(_ index: Int) -> JournalDraft {
        JournalDraft(at: Date(timeIntervalSince1970: 1_751_328_000 + Double(index) * 1.5), actor: "device:kiosk-1",
                     kind: "ticket.issued", subject: "ticket:TP-\(index)", payload: #"{"index":\#(index),"sector":"hộ tịch"}"#)
    }

    static func issue(_ store: any Store, _ index: Int) throws -> JournalEntry {
        try store.write { transaction in
            try transaction.execute("INSERT INTO queue_tickets (number, status, issued_ms) VALUES (?, ?, ?)",
                                    [.text("TP-\(index)"), "issued", .integer(1_751_328_000_000 + Int64(index))])
            return try transaction.appendJournal(draft(index))
        }
    }

    func expectError(_ code: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> StoreError? {
        do {
            try body()
            Issue.record("expected \(code), nothing was thrown", sourceLocation: sourceLocation)
        } catch let error as StoreError {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            #expect(!error.messageVi.isEmpty && error.messageVi != error.message, sourceLocation: sourceLocation)
            return error
        } catch {
            Issue.record("expected \(code), got \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }

    @Test func theSameDraftsHashAlikeOnBothEnginesAndVerifyOnBoth() throws {
        let postgres = try cluster.makeStore()
        let sqlite = try SQLiteStore.inMemory()
        try postgres.migrate(Self.tickets)
        try sqlite.migrate(Self.tickets)
        for index in 1...25 {
            let a = try Self.issue(postgres, index)
            let b = try Self.issue(sqlite, index)
            #expect(a == b)
        }
        #expect(try postgres.journalEntries(after: 0, limit: 100) == sqlite.journalEntries(after: 0, limit: 100))
        #expect(try postgres.verifyJournal().isValid)
        #expect(try postgres.verifyJournal().entries == 25)
        #expect(postgres.journalHead == sqlite.journalHead)
        #expect(try postgres.journalEntries(matching: JournalQuery(subject: "ticket:TP-7")).map(\.sequence) == [7])
        #expect(try postgres.journalEntries(matching: JournalQuery(newestFirst: true)).first?.sequence == 25)
    }

    @Test func valuesComeBackAsTheStorageClassesSQLiteAnswers() throws {
        let store = try cluster.makeStore()
        try store.migrate(MigrationSet(owner: "t", migrations: [Migration(version: 1, name: "v", statements: [
            "CREATE TABLE t_values (i INTEGER, r REAL, s TEXT, b BLOB)",
        ])]))
        let big: Int64 = 1_751_328_000_123
        try store.write { tx in
            try tx.execute("INSERT INTO t_values (i, r, s, b) VALUES (?, ?, ?, ?)", [.integer(big), .real(0.1), "Xã Đào Xá ’?'", .blob([0, 1, 255])])
            try tx.execute("INSERT INTO t_values (i, r, s, b) VALUES (?, ?, ?, ?)", [.integer(-5), nil, nil, .blob([])])
        }
        let rows = try store.read { try $0.query("SELECT i, r, s, b FROM t_values ORDER BY i DESC") }
        #expect(rows[0].values == [.integer(big), .real(0.1), .text("Xã Đào Xá ’?'"), .blob([0, 1, 255])])
        #expect(rows[1].values == [.integer(-5), .null, .null, .blob([])])
        let sums = try store.read { try $0.query("SELECT SUM(i) AS total, COUNT(*) AS n, MAX(i) > ? AS over FROM t_values", [.integer(0)]) }
        #expect(sums[0].values == [.integer(big - 5), .integer(2), .integer(1)])
    }

    @Test func aFailingWriteLeavesNothingAndASwallowedFailureStillAborts() throws {
        let store = try cluster.makeStore()
        try store.migrate(Self.tickets)
        _ = try Self.issue(store, 1)
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try store.write { tx in
                try tx.execute("INSERT INTO queue_tickets (number, status) VALUES ('TP-2', 'issued')")
                try tx.appendJournal(Self.draft(2))
                throw Refused()
            }
        }
        _ = expectError("store.constraint") {
            try store.write { tx in
                try tx.appendJournal(Self.draft(3))
                _ = try? tx.execute("INSERT INTO queue_tickets (number, status) VALUES ('TP-1', 'issued')")
            }
        }
        #expect(try store.read { try $0.query("SELECT COUNT(*) AS n FROM queue_tickets")[0].int("n") } == 1)
        #expect(try store.verifyJournal().entries == 1)
        #expect(try Self.issue(store, 4).sequence == 2)
    }

    @Test func readRefusesWritesAndHistoryRefusesEdits() throws {
        let store = try cluster.makeStore()
        try store.migrate(Self.tickets)
        _ = try Self.issue(store, 1)
        _ = expectError("store.transaction-misuse") {
            _ = try store.read { try $0.execute("DELETE FROM queue_tickets") }
        }
        _ = expectError("store.constraint") {
            _ = try store.write { try $0.execute("UPDATE journal SET payload = '{}' WHERE seq = 1") }
        }
        _ = expectError("store.constraint") {
            _ = try store.write { try $0.execute("DELETE FROM journal") }
        }
        #expect(try store.verifyJournal().isValid)
    }

    @Test func aSchemaWrittenByANewerMotCuaIsRefused() throws {
        let schema = cluster.freshSchema()
        let location = try PostgresLocation(url: cluster.url)
        let newer = try PostgresStore(location: location, schema: schema)
        try newer.migrate(MigrationSet(owner: "queue.test", migrations: Self.tickets.migrations + [
            Migration(version: 2, name: "add-counter", statements: ["ALTER TABLE queue_tickets ADD COLUMN counter TEXT"]),
        ]))
        let older = try PostgresStore(location: location, schema: schema)
        let error = expectError("store.migration-downgrade") { try older.migrate(Self.tickets) }
        #expect(error?.message.contains("version 2") == true && error?.message.contains("up to version 1") == true)
        #expect(error?.messageVi.contains("phiên bản 2") == true && error?.messageVi.contains("phiên bản 1") == true)
    }

    @Test func twoStoresOnOneSchemaShareOneGapFreeChain() async throws {
        let schema = cluster.freshSchema()
        let location = try PostgresLocation(url: cluster.url)
        let stores = try (0..<2).map { _ in try PostgresStore(location: location, schema: schema) }
        try stores[0].migrate(Self.tickets)
        try stores[1].migrate(Self.tickets)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    for index in 0..<15 { _ = try Self.issue(stores[worker % 2], worker * 100 + index) }
                }
            }
            try await group.waitForAll()
        }
        let verification = try stores[1].verifyJournal()
        #expect(verification.isValid, "\(verification.message)")
        #expect(verification.entries == 60)
    }

    @Test func anUnreachableServerIsNamed() throws {
        let error = expectError("store.unreachable") {
            _ = try PostgresStore(url: "postgresql://motcua@127.0.0.1:1/motcua?connect_timeout=2", centre: "x")
        }
        #expect(error?.message.contains("127.0.0.1:1") == true)
    }

    @Test func aWrongPasswordIsNamed() throws {
        let role = "pw_\(cluster.freshSchema())"
        try cluster.psql("CREATE ROLE \(role) LOGIN PASSWORD 'right-password'")
        let passfile = (cluster.folder as NSString).appendingPathComponent("\(role).pgpass")
        try "*:*:*:\(role):wrong-password\n".write(toFile: passfile, atomically: true, encoding: .utf8)
        chmod(passfile, 0o600)
        let error = expectError("store.auth-failed") {
            _ = try PostgresStore(url: "postgresql://\(role)@127.0.0.1:\(cluster.tcpPort)/postgres?passfile=\(passfile)", centre: "x")
        }
        #expect(error?.message.contains("pgpass") == true)
    }

    @Test func aLoginWithoutTheRightToCreateTheSchemaIsTold() throws {
        let role = "limited_\(cluster.freshSchema())"
        try cluster.psql("CREATE ROLE \(role) LOGIN")
        let url = cluster.url.replacingOccurrences(of: "postgresql://postgres@", with: "postgresql://\(role)@")
        let error = expectError("store.schema-denied") { _ = try PostgresStore(url: url, centre: "phu-tho.dao-xa") }
        #expect(error?.message.contains("GRANT CREATE") == true)
    }

    @Test func aServerOlderThanSupportedIsRefused() throws {
        let error = expectError("store.server-too-old") {
            _ = try cluster.makeStore(options: PostgresStore.Options(minimumServerVersion: 990_000))
        }
        #expect(error?.message.contains("99.0") == true)
        // The supported minimum, as Docs/PostgreSQL.md states it.
        #expect(PostgresStore.Options().minimumServerVersion == 140_000)
    }

    @Test func aConnectionLostMidTransactionLeavesNothingAndTheNextWriteReconnects() throws {
        let store = try cluster.makeStore()
        try store.migrate(Self.tickets)
        _ = try Self.issue(store, 1)
        _ = expectError("store.connection-lost") {
            try store.write { tx in
                try tx.execute("INSERT INTO queue_tickets (number, status) VALUES ('TP-2', 'issued')")
                try tx.appendJournal(Self.draft(2))
                let pid = try tx.query("SELECT pg_backend_pid() AS pid")[0].int("pid")
                try cluster.psql("SELECT pg_terminate_backend(\(pid))")
                try tx.execute("INSERT INTO queue_tickets (number, status) VALUES ('TP-3', 'issued')")
            }
        }
        #expect(try Self.issue(store, 4).sequence == 2)
        #expect(try store.read { try $0.query("SELECT number FROM queue_tickets ORDER BY number").map { try $0.string("number") } } == ["TP-1", "TP-4"])
        #expect(try store.verifyJournal().isValid)
    }
}
