import Foundation
import MotCuaBuiltins
import MotCuaCore
import MotCuaHarness
import MotCuaHost
import MotCuaPostgres
import MotCuaPostgresTesting
import MotCuaStore
import Testing

/// A small centre in a SQLite file: three simulated days of the demo's journal, the plugins'
/// tables with the reports' projections rebuilt from it, and two staff accounts.
private func smallCentre(in folder: String) throws -> SQLiteStore {
    let deployment = try #require(try BuiltinPlugins.catalogue.loader(source: PackageManifestSource()).load("Deployments/demo/demo.json").deployment)
    let store = try SQLiteStore(path: (folder as NSString).appendingPathComponent("motcua.sqlite"))
    let first = LocalDate(year: 2026, month: 3, day: 2)!
    let simulation = SimulatedJournal(deployment: deployment, seed: 15, ticketsPerDay: 12, dossiersPerDay: 6)
    for offset in 0..<3 { _ = try simulation.simulate(day: first.adding(days: offset), store: store) }
    let clock = ManualClock(deployment.calendar.instant(first.adding(days: 3), LocalTime(hour: 9, minute: 0)!))
    let identity = try IdentityService(store: store, clock: clock)
    _ = try identity.addAccount(id: "lan", displayName: "Nguyễn Thị Lan", role: .clerk, by: Principal(kind: .system, id: "test"))
    _ = try identity.addAccount(id: "minh", displayName: "Trần Văn Minh", role: .supervisor, by: Principal(kind: .system, id: "test"))
    let composition = try Composition.compose(deployment, catalogue: BuiltinPlugins.catalogue, store: store, clock: clock,
                                              events: DiscardingEventSink(), logHandler: SilentLogHandler())
    for reporting in composition.reporting { _ = try reporting.rebuild() }
    return store
}

/// Every table's rows, sorted, as text: two stores with equal dumps hold the same centre.
private func dump(_ store: any Store) throws -> [String: [String]] {
    try store.read { db in
        let names = try db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", []).map { try $0.string("name") }
        var tables: [String: [String]] = [:]
        for name in names {
            tables[name] = try db.query("SELECT * FROM \"\(name)\"", []).map { "\($0.values)" }.sorted()
        }
        return tables
    }
}

private func temporaryFolder() throws -> String {
    let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("motcua-copy-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
}

@Suite struct CentreCopyOwnerTests {
    /// A host table added without listing it for `motcua migrate` would be lost in a move.
    @Test func everyOwnerAComposedCentreHoldsIsKnown() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try smallCentre(in: folder)
        let owners = try store.read { db in Set(try db.query("SELECT owner FROM schema_migrations", []).map { try $0.string("owner") }) }
        let known = Set(BuiltinPlugins.catalogue.knownMigrationSets.map(\.owner) + ["store"])
        #expect(owners.subtracting(known).isEmpty, "owners migrate does not know: \(owners.subtracting(known).sorted())")
        #expect(owners.count > 6)
    }

    @Test func aSourceOwnerThisProgramDoesNotKnowIsRefused() throws {
        #expect(throws: StoreError.self) {
            try CentreCopy.copy(from: try { () throws -> SQLiteStore in
                let store = try SQLiteStore.inMemory()
                try store.migrate(MigrationSet(owner: "plugin.from-elsewhere", migrations: [
                    Migration(version: 1, name: "create", statements: ["CREATE TABLE elsewhere (id INTEGER PRIMARY KEY)"]),
                ]))
                return store
            }(), to: try SQLiteStore.inMemory(), known: BuiltinPlugins.catalogue.knownMigrationSets)
        }
    }
}

@Suite(.enabled(if: StoreEngine.all.contains(.postgresql)))
struct CentreCopyTests {
    @Test func aCentreGoesToPostgreSQLAndBackUnchanged() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let source = try smallCentre(in: folder)
        let known = BuiltinPlugins.catalogue.knownMigrationSets
        let server = try TestCluster.shared().makeStore(label: "copy")

        let there = try CentreCopy.copy(from: source, to: server, known: known)
        #expect(there.journalEntries > 150)
        #expect(there.rows["journal"] == there.journalEntries)
        #expect(there.rows["staff_accounts"] == 2)

        let back = try SQLiteStore(path: (try temporaryFolder() as NSString).appendingPathComponent("motcua.sqlite"))
        let home = try CentreCopy.copy(from: server, to: back, known: known)
        #expect(home == there)
        #expect(try dump(back) == dump(source))
        #expect(try back.journalEntries(after: 0, limit: 1_000_000) == source.journalEntries(after: 0, limit: 1_000_000))

        // The copy keeps serving: a new entry chains from the copied head, on both engines.
        for store in [server, back] as [any Store] {
            try store.write { transaction in
                try transaction.appendJournal(JournalDraft(at: Date(), actor: "test", kind: "test.after-copy", subject: "test:1", payload: "{}"))
            }
            #expect(try store.verifyJournal().entries == there.journalEntries + 1)
        }
    }

    @Test func aTargetThatHoldsACentreIsRefusedAndKeptAsItWas() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let source = try smallCentre(in: folder)
        let known = BuiltinPlugins.catalogue.knownMigrationSets
        let server = try TestCluster.shared().makeStore(label: "copy")
        let first = try CentreCopy.copy(from: source, to: server, known: known)
        let error = #expect(throws: StoreError.self) { try CentreCopy.copy(from: source, to: server, known: known) }
        #expect(error?.code == "store.copy-target-not-empty")
        #expect(error?.messageVi.contains("không rỗng") == true)
        #expect(try server.verifyJournal().entries == first.journalEntries)

        // A target where one account was made already holds a centre.
        let other = try TestCluster.shared().makeStore(label: "copy")
        _ = try IdentityService(store: other, clock: ManualClock(Date())).addAccount(
            id: "an", displayName: "Lê An", role: .admin, by: Principal(kind: .system, id: "test"))
        let refused = #expect(throws: StoreError.self) { try CentreCopy.copy(from: source, to: other, known: known) }
        #expect(refused?.code == "store.copy-target-not-empty")
    }
}
