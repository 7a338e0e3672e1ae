#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

extension Connection {
    /// Creates the bookkeeping table every owner's versions are recorded in.
    func createMigrationTable() throws {
        try script("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                owner TEXT NOT NULL,
                version INTEGER NOT NULL,
                name TEXT NOT NULL,
                applied_at INTEGER NOT NULL,
                PRIMARY KEY (owner, version)
            )
            """)
    }

    private func appliedMigrations(owner: String) throws -> [Int: String] {
        var applied: [Int: String] = [:]
        for row in try rows("SELECT version, name FROM schema_migrations WHERE owner = ?", [.text(owner)]) {
            applied[try row.int("version")] = try row.string("name")
        }
        return applied
    }

    /// Compares the recorded history with the code and answers the versions still to apply.
    private func pendingMigrations(_ set: MigrationSet) throws -> [Migration] {
        try set.pending(applied: appliedMigrations(owner: set.owner))
    }

    /// Applies the missing versions, each in its own transaction with its version row.
    func migrate(_ set: MigrationSet) throws {
        try set.validate()
        let pending = try pendingMigrations(set)
        for migration in pending {
            try begin(immediate: true)
            do {
                // Another process may have applied it while we waited for the write lock.
                if let name = try appliedMigrations(owner: set.owner)[migration.version] {
                    guard name == migration.name else {
                        throw StoreError.migrationConflict(
                            owner: set.owner, version: migration.version, databaseName: name, codeName: migration.name)
                    }
                    try commit()
                    continue
                }
                for statement in migration.statements(for: .sqlite) {
                    do {
                        try script(statement)
                    } catch let error as StoreError {
                        throw StoreError.migrationFailed(
                            owner: set.owner, version: migration.version, name: migration.name, detail: error.message)
                    }
                }
                try run("INSERT INTO schema_migrations (owner, version, name, applied_at) VALUES (?, ?, ?, ?)",
                        [.text(set.owner), .integer(Int64(migration.version)), .text(migration.name),
                         .integer(JournalEntry.milliseconds(Date()))])
                try commit()
            } catch {
                rollbackQuietly()
                throw error
            }
        }
    }
}
