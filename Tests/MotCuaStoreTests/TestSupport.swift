import Foundation
import MotCuaCore
import MotCuaStore
import Testing

/// A fresh folder under the system temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("motcua-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Runs `body` with a temporary folder that is removed afterwards, even on failure.
@discardableResult
func withTemporaryDirectory<T>(_ body: (TemporaryDirectory) throws -> T) throws -> T {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    return try body(directory)
}

/// The tickets table most tests use as "the state change".
let ticketMigrations = MigrationSet(owner: "queue.test", migrations: [
    Migration(version: 1, name: "create-tickets", statements: [
        "CREATE TABLE queue_tickets (id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE, status TEXT NOT NULL)",
    ]),
])

let baseDate = Date(timeIntervalSince1970: 1_751_328_000)  // 2025-07-01 00:00 UTC

func draft(_ index: Int, kind: String = "ticket.issued") -> JournalDraft {
    JournalDraft(at: baseDate.addingTimeInterval(Double(index) * 1.5), actor: "device:kiosk-1", kind: kind,
                 subject: "ticket:TP-\(index)", payload: #"{"index":\#(index),"sector":"hộ tịch"}"#)
}

/// Issues ticket `index`: one state row plus its journal entry, in one write.
@discardableResult
func issueTicket(_ store: some Store, _ index: Int) throws -> JournalEntry {
    try store.write { transaction in
        try transaction.execute("INSERT INTO queue_tickets (number, status) VALUES (?, ?)",
                                [.text("TP-\(index)"), "issued"])
        return try transaction.appendJournal(draft(index))
    }
}

func ticketCount(_ store: some Store) throws -> Int {
    try store.read { try $0.query("SELECT COUNT(*) AS n FROM queue_tickets")[0].int("n") }
}

/// Expects `body` to throw a ``StoreError`` with `code` and returns it for further checks.
@discardableResult
func expectStoreError(_ code: String, sourceLocation: SourceLocation = #_sourceLocation,
                      _ body: () throws -> Void) -> StoreError? {
    do {
        try body()
        Issue.record("expected StoreError \(code) but nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as StoreError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        #expect(!error.messageVi.isEmpty, sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected StoreError \(code) but got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
