/// One numbered step of a schema: SQL statements applied together, exactly once.
///
/// A version, once shipped, never changes its name or statements; fix mistakes with a
/// new version. The store refuses to start when the database holds a version of the same
/// number under another name.
public struct Migration: Sendable, Hashable {
    /// The step number, starting at 1 and increasing within its ``MigrationSet``.
    public var version: Int
    /// A short stable name, e.g. `create-tickets`; recorded beside the version.
    public var name: String
    /// SQL statements run in order inside one transaction with the version row, on every engine.
    public var statements: [String]
    /// Statements for one engine only, run after ``statements`` (triggers, engine-specific indexes).
    public var dialectStatements: [SQLDialect: [String]]

    /// Creates a migration step; `dialectStatements` adds what only one engine runs.
    public init(version: Int, name: String, statements: [String], dialectStatements: [SQLDialect: [String]] = [:]) {
        self.version = version
        self.name = name
        self.statements = statements
        self.dialectStatements = dialectStatements
    }

    /// What runs on `dialect`: the shared statements, then that engine's own.
    public func statements(for dialect: SQLDialect) -> [String] {
        statements + (dialectStatements[dialect] ?? [])
    }
}

/// The migrations of one owner's tables: a plugin (by its id) or the host.
///
/// Owners are independent: a plugin's version 3 says nothing about another plugin's.
/// Keep table names prefixed by the owner (e.g. `queue_tickets`) so owners never collide.
public struct MigrationSet: Sendable, Hashable {
    /// The owner's id, e.g. `queue.standard` or `host`.
    public var owner: String
    /// The steps, in any order; the store applies missing ones by increasing version.
    public var migrations: [Migration]

    /// Creates the migrations of one owner.
    public init(owner: String, migrations: [Migration]) {
        self.owner = owner
        self.migrations = migrations
    }

    /// The highest version this code knows, 0 when there are none.
    public var latestVersion: Int { migrations.map(\.version).max() ?? 0 }

    /// Checks the set itself: a non-empty owner, versions ≥ 1, no version twice.
    ///
    /// Throws `store.migration-invalid` naming the owner and the offending version.
    public func validate() throws {
        guard !owner.isEmpty else {
            throw StoreError.migrationInvalid(owner: owner, detail: "the owner id is empty",
                                              detailVi: "mã chủ sở hữu bị để trống")
        }
        var seen = Set<Int>()
        for migration in migrations {
            guard migration.version >= 1 else {
                throw StoreError.migrationInvalid(
                    owner: owner, detail: "version \(migration.version) is below 1",
                    detailVi: "phiên bản \(migration.version) nhỏ hơn 1")
            }
            guard seen.insert(migration.version).inserted else {
                throw StoreError.migrationInvalid(
                    owner: owner, detail: "version \(migration.version) appears twice",
                    detailVi: "phiên bản \(migration.version) xuất hiện hai lần")
            }
        }
    }
}
