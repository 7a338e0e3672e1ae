import MotCuaCore
import MotCuaStore
import Testing

@Suite struct MigrationTests {
    let v1 = Migration(version: 1, name: "create-dossiers", statements: [
        "CREATE TABLE intake_dossiers (code TEXT PRIMARY KEY, status TEXT NOT NULL)",
    ])
    let v2 = Migration(version: 2, name: "add-appointment", statements: [
        "ALTER TABLE intake_dossiers ADD COLUMN appointment_ms INTEGER",
        "CREATE INDEX intake_dossiers_status ON intake_dossiers (status)",
    ])
    let v3 = Migration(version: 3, name: "add-channel", statements: [
        "ALTER TABLE intake_dossiers ADD COLUMN channel TEXT NOT NULL DEFAULT 'counter'",
    ])

    func applied(_ store: SQLiteStore, owner: String) throws -> [String] {
        try store.read { executor in
            try executor.query("SELECT version, name FROM schema_migrations WHERE owner = ? ORDER BY version", [.text(owner)])
                .map { "\(try $0.int("version")):\(try $0.string("name"))" }
        }
    }

    @Test func migrationsApplyOnceAndReRunningChangesNothing() throws {
        let store = try SQLiteStore.inMemory()
        let set = MigrationSet(owner: "intake.test", migrations: [v2, v1])  // order in the list does not matter
        try store.migrate(set)
        try store.write { try $0.execute("INSERT INTO intake_dossiers (code, status, appointment_ms) VALUES ('X-1', 'received', 5)") }
        try store.migrate(set)
        #expect(try applied(store, owner: "intake.test") == ["1:create-dossiers", "2:add-appointment"])
        #expect(try store.read { try $0.query("SELECT code FROM intake_dossiers").count } == 1)
    }

    @Test func aNewVersionIsAppliedOnItsOwn() throws {
        let store = try SQLiteStore.inMemory()
        try store.migrate(MigrationSet(owner: "intake.test", migrations: [v1, v2]))
        try store.migrate(MigrationSet(owner: "intake.test", migrations: [v1, v2, v3]))
        #expect(try applied(store, owner: "intake.test").last == "3:add-channel")
        try store.write { try $0.execute("INSERT INTO intake_dossiers (code, status) VALUES ('X-2', 'received')") }
        #expect(try store.read { try $0.query("SELECT channel FROM intake_dossiers")[0].string("channel") } == "counter")
    }

    @Test func ownersAreIndependent() throws {
        let store = try SQLiteStore.inMemory()
        try store.migrate(MigrationSet(owner: "intake.test", migrations: [v1]))
        try store.migrate(MigrationSet(owner: "payments.test", migrations: [
            Migration(version: 1, name: "create-receipts", statements: ["CREATE TABLE payments_receipts (id INTEGER PRIMARY KEY)"]),
        ]))
        #expect(try applied(store, owner: "intake.test") == ["1:create-dossiers"])
        #expect(try applied(store, owner: "payments.test") == ["1:create-receipts"])
        #expect(try applied(store, owner: "store") == ["1:create-journal", "2:index-journal-subject-kind"])
    }

    @Test func anOlderProgramRefusesANewerDatabase() throws {
        let store = try SQLiteStore.inMemory()
        try store.migrate(MigrationSet(owner: "intake.test", migrations: [v1, v2, v3]))
        let error = expectStoreError("store.migration-downgrade") {
            try store.migrate(MigrationSet(owner: "intake.test", migrations: [v1, v2]))
        }
        #expect(error?.message.contains("intake.test at version 3") == true)
        #expect(error?.message.contains("up to version 2") == true)
    }

    @Test func aRenamedVersionIsRefusedNamingBothNames() throws {
        let store = try SQLiteStore.inMemory()
        try store.migrate(MigrationSet(owner: "intake.test", migrations: [v1, v2]))
        var renamed = v2
        renamed.name = "add-appointment-date"
        let error = expectStoreError("store.migration-conflict") {
            try store.migrate(MigrationSet(owner: "intake.test", migrations: [v1, renamed, v3]))
        }
        #expect(error?.message.contains("\"add-appointment\"") == true)
        #expect(error?.message.contains("\"add-appointment-date\"") == true)
        #expect(error?.message.contains("version 2") == true)
        // Nothing after the conflict ran.
        #expect(try applied(store, owner: "intake.test").count == 2)
    }

    @Test func aFailingVersionRollsBackAloneAndNamesOwnerAndVersion() throws {
        let store = try SQLiteStore.inMemory()
        let broken = Migration(version: 2, name: "add-fees", statements: [
            "CREATE TABLE intake_fees (id INTEGER PRIMARY KEY)",
            "ALTER TABLE intake_nowhere ADD COLUMN amount INTEGER",
        ])
        let error = expectStoreError("store.migration-failed") {
            try store.migrate(MigrationSet(owner: "intake.test", migrations: [v1, broken]))
        }
        #expect(error?.message.contains("intake.test version 2 (add-fees)") == true)
        #expect(error?.message.contains("intake_nowhere") == true)
        #expect(try applied(store, owner: "intake.test") == ["1:create-dossiers"])
        let tables = try store.read { try $0.query("SELECT name FROM sqlite_master WHERE name = 'intake_fees'") }
        #expect(tables.isEmpty)
    }

    @Test func aMissingEarlierVersionIsRefused() throws {
        let store = try SQLiteStore.inMemory()
        try store.migrate(MigrationSet(owner: "intake.test", migrations: [v1, v3]))
        expectStoreError("store.migration-history") {
            try store.migrate(MigrationSet(owner: "intake.test", migrations: [v1, v2, v3]))
        }
        expectStoreError("store.migration-history") {
            try store.migrate(MigrationSet(owner: "intake.test", migrations: [v3]))
        }
    }

    @Test(arguments: [
        (MigrationSet(owner: "", migrations: []), "owner id is empty"),
        (MigrationSet(owner: "x", migrations: [Migration(version: 0, name: "a", statements: [])]), "version 0 is below 1"),
        (MigrationSet(owner: "x", migrations: [Migration(version: 1, name: "a", statements: []),
                                              Migration(version: 1, name: "b", statements: [])]), "version 1 appears twice"),
    ])
    func malformedSetsAreRefused(set: MigrationSet, detail: String) throws {
        let store = try SQLiteStore.inMemory()
        let error = expectStoreError("store.migration-invalid") { try store.migrate(set) }
        #expect(error?.message.contains(detail) == true)
    }
}
