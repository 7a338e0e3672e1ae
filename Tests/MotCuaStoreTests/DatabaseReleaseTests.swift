import Foundation
import MotCuaCore
import MotCuaStore
import Testing

/// A new release backs an older database up before migrating it; an older release refuses a
/// newer database, naming both releases.
@Suite struct DatabaseReleaseTests {
    @Test func aNewDatabaseNeedsNoBackupAndThenIsCurrent() throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("motcua.sqlite")
            #expect(try DatabaseRelease.prepare(path: path, current: "0.1.0", backupFolder: directory.file("backups")) == .new)
            _ = try SQLiteStore(path: path)
            try DatabaseRelease.record(path: path, current: "0.1.0")
            #expect(try DatabaseRelease.prepare(path: path, current: "0.1.0", backupFolder: directory.file("backups")) == .current)
            #expect(!FileManager.default.fileExists(atPath: directory.file("backups")))
        }
    }

    @Test func anOlderDatabaseIsBackedUpWithItsDataBeforeTheNewReleaseMigratesIt() throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("motcua.sqlite")
            do {
                let old = try SQLiteStore(path: path)
                try old.migrate(ticketMigrations)
                for index in 1...3 { _ = try issueTicket(old, index) }
            }
            try DatabaseRelease.record(path: path, current: "0.1.0")
            let now = Date(timeIntervalSince1970: 1_796_000_000)  // 2026-11-30 00:53:20 UTC
            let decision = try DatabaseRelease.prepare(path: path, current: "0.2.0", backupFolder: directory.file("backups"), now: now)
            let backup = directory.file("backups/motcua-0.1.0-before-0.2.0-20261130-005320.sqlite")
            #expect(decision == .upgrade(from: "0.1.0", backup: backup))

            // The new release migrates forward; the backup keeps the old schema and every entry.
            let upgraded = try SQLiteStore(path: path)
            try upgraded.migrate(MigrationSet(owner: "queue.test", migrations: ticketMigrations.migrations + [
                Migration(version: 2, name: "add-counter", statements: ["ALTER TABLE queue_tickets ADD COLUMN counter TEXT"]),
            ]))
            try DatabaseRelease.record(path: path, current: "0.2.0")
            let copy = try SQLiteStore(path: backup)
            #expect(try copy.verifyJournal().firstBadSequence == nil)
            let tickets = try copy.read { try $0.query("SELECT number FROM queue_tickets ORDER BY number") }
            #expect(try tickets.map { try $0.string("number") } == ["TP-1", "TP-2", "TP-3"])
            expectStoreError("store.sql") { _ = try copy.read { try $0.query("SELECT counter FROM queue_tickets") } }
            #expect(try DatabaseRelease.prepare(path: path, current: "0.2.0", backupFolder: directory.file("backups"), now: now) == .current)
        }
    }

    @Test func aDatabaseFromBeforeReleasesWereRecordedIsBackedUpToo() throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("motcua.sqlite")
            _ = try SQLiteStore(path: path)
            let decision = try DatabaseRelease.prepare(path: path, current: "0.2.0", backupFolder: directory.file("backups"))
            guard case .upgrade(nil, let backup) = decision else {
                Issue.record("expected an upgrade from an unrecorded release, got \(decision)")
                return
            }
            #expect(backup.contains("motcua-unrecorded-before-0.2.0-"))
            #expect(SQLiteStore.isMotCuaDatabase(path: backup))
        }
    }

    @Test func anOlderReleaseRefusesANewerDatabaseNamingBothAndChangingNothing() throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("motcua.sqlite")
            _ = try SQLiteStore(path: path)
            try DatabaseRelease.record(path: path, current: "0.10.0")
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            let error = expectStoreError("store.newer-release") {
                _ = try DatabaseRelease.prepare(path: path, current: "0.9.2", backupFolder: directory.file("backups"))
            }
            #expect(error?.message.contains("last opened by MotCua 0.10.0; this binary is MotCua 0.9.2") == true)
            #expect(error?.messageVi.contains("MotCua 0.10.0") == true)
            #expect(error?.messageVi.contains("MotCua 0.9.2") == true)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
            #expect(!FileManager.default.fileExists(atPath: directory.file("backups")))
        }
    }

    @Test func releasesCompareByNumberNotByText() {
        #expect(DatabaseRelease.isOlder("0.9.0", than: "0.10.0"))
        #expect(!DatabaseRelease.isOlder("0.10.0", than: "0.9.0"))
        #expect(!DatabaseRelease.isOlder("1.0", than: "1.0.0"))
        #expect(DatabaseRelease.isOlder("1.0.0-rc1", than: "1.0.1"))
    }
}
