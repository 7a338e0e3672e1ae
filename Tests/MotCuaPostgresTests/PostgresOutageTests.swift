import Foundation
import MotCuaCore
@testable import MotCuaPostgres
import MotCuaPostgresTesting
import MotCuaStore
import Testing

/// The store while its server is down and after it is back: fast refusals in the pause,
/// recovery by itself, and a commit whose answer was lost settled from the journal, never
/// guessed. The server is a cluster of the suite's own, since it is stopped and started.
@Suite(.enabled(if: StoreEngine.all.contains(.postgresql)), .serialized)
struct PostgresOutageTests {
    static let cluster = Result { try TestCluster.makeOwn() }

    static let options = PostgresStore.Options(connectTimeoutSeconds: 2, reconnectBackoffMilliseconds: 400, commitCheckSeconds: 20)

    static func code(of body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as StoreError {
            return error.code
        } catch {
            return "\(error)"
        }
    }

    /// Opens a session of the store's schema and appends one ticket and its journal entry
    /// in a transaction that is still open.
    static func openWrite(_ store: PostgresStore, index: Int) throws -> PostgresConnection {
        let connection = try PostgresConnection(location: store.location, schema: store.schema, options: options)
        connection.head = try connection.readAnchor()
        try connection.simple("BEGIN; SELECT pg_advisory_xact_lock(\(PostgresSQL.lockKey(schema: store.schema)))")
        _ = try connection.run("INSERT INTO queue_tickets (number, status, issued_ms) VALUES (?, 'issued', 0)", [.text("TP-\(index)")])
        _ = try connection.appendJournal(PostgresStoreTests.draft(index))
        return connection
    }

    @Test func aStoreRefusesWhileTheServerIsDownAndRecoversByItself() throws {
        let cluster = try Self.cluster.get()
        let store = try PostgresStore(location: PostgresLocation(url: cluster.url), schema: cluster.freshSchema("down"), options: Self.options)
        try store.migrate(PostgresStoreTests.tickets)
        _ = try PostgresStoreTests.issue(store, 1)

        try cluster.stopServer()
        // The idle session died with the server: the write reconnects, finds nobody, and says so.
        var refusal: (any Error)?
        do { _ = try PostgresStoreTests.issue(store, 2) } catch { refusal = error }
        #expect((refusal as? StoreError)?.code == "store.unreachable", "\(String(describing: refusal))")
        #expect(Self.code { _ = try store.read { try $0.query("SELECT 1 AS one") } } == "store.unreachable")
        try cluster.startServer()

        var recovered = false
        for attempt in 3...60 where !recovered {
            do {
                _ = try PostgresStoreTests.issue(store, attempt)
                recovered = true
            } catch let error as StoreError where error.code == "store.unreachable" {
                usleep(100_000)
            }
        }
        #expect(recovered)
        let numbers = try store.read { try $0.query("SELECT number FROM queue_tickets ORDER BY id").map { try $0.string("number") } }
        #expect(numbers.count == 2 && numbers.first == "TP-1", "\(numbers)")
        #expect(try store.verifyJournal().isValid)
    }

    @Test func aServerThatLacksAcknowledgedWritesIsRefused() throws {
        let cluster = try Self.cluster.get()
        let schema = cluster.freshSchema("fork")
        let store = try PostgresStore(location: PostgresLocation(url: cluster.url), schema: schema, options: Self.options)
        try store.migrate(PostgresStoreTests.tickets)
        for index in 1...3 { _ = try PostgresStoreTests.issue(store, index) }
        // What an old primary started again, or a standby that was behind, looks like: the
        // last two acknowledged entries are not there. The store's session is then dropped.
        try cluster.psql("""
            SET search_path TO \(schema); ALTER TABLE journal DISABLE TRIGGER USER; DELETE FROM journal WHERE seq > 1;
            UPDATE journal_head SET last_seq = 1, last_hash = (SELECT hash FROM journal WHERE seq = 1);
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'motcua' AND pid <> pg_backend_pid();
            """)
        var refusal: (any Error)?
        do { _ = try PostgresStoreTests.issue(store, 4) } catch { refusal = error }
        let error = try #require(refusal as? StoreError, "\(String(describing: refusal))")
        #expect(error.code == "store.diverged")
        #expect(error.message.contains("journal entry 3") && error.messageVi.contains("mục nhật ký 3"), "\(error.message)")
        #expect(try cluster.psql("SELECT count(*) FROM \(schema).queue_tickets WHERE number = 'TP-4'").trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }

    @Test func aCommitWhoseAnswerWasLostIsSettledFromTheJournal() throws {
        let cluster = try Self.cluster.get()
        let store = try PostgresStore(location: PostgresLocation(url: cluster.url), schema: cluster.freshSchema("settle"), options: Self.options)
        try store.migrate(PostgresStoreTests.tickets)

        // Committed, but the answer "lost": the journal entry is there, so the write counts as saved.
        let saved = try Self.openWrite(store, index: 1)
        #expect(try saved.commandTag("COMMIT") == "COMMIT")
        try saved.settleLostCommit(reason: "test")

        // Rolled back: no entry, so the write is reported as not saved (safe to repeat).
        let undone = try Self.openWrite(store, index: 2)
        undone.rollbackQuietly()
        #expect(Self.code { try undone.settleLostCommit(reason: "test") } == "store.connection-lost")

        // A write with nothing in the journal cannot be settled.
        let silent = try PostgresConnection(location: store.location, schema: store.schema, options: Self.options)
        #expect(Self.code { try silent.settleLostCommit(reason: "test") } == "store.commit-unknown")

        // The server goes down right after the commit and comes back within the check's time.
        let late = try Self.openWrite(store, index: 3)
        #expect(try late.commandTag("COMMIT") == "COMMIT")
        try cluster.stopServer()
        Thread { try? cluster.startServer() }.start()
        try late.settleLostCommit(reason: "test")

        // Down for longer than the check may wait: the outcome stays unknown, and says so.
        let patient = PostgresStore.Options(connectTimeoutSeconds: 2, commitCheckSeconds: 1)
        let unknown = try PostgresConnection(location: store.location, schema: store.schema, options: patient)
        unknown.pendingHead = JournalHead(sequence: 99, hash: "0")
        try cluster.stopServer()
        defer { try? cluster.startServer() }
        #expect(Self.code { try unknown.settleLostCommit(reason: "test") } == "store.commit-unknown")
    }
}
