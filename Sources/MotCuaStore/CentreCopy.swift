#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// Copies a centre from one store to another, across engines: every owner's tables and the
/// journal, row for row, so the hash chain on the target is the source's, byte for byte.
///
/// `motcua migrate` moves a commune's SQLite file into a province's PostgreSQL schema, or
/// hands a province's schema back to a commune as a SQLite file, with it. The copy:
///
/// 1. verifies the source's journal, and refuses a broken one;
/// 2. reads which migrations the source has applied and finds each owner's set among the
///    sets this program knows (refusing an owner it does not know, a version newer than it
///    knows, or a version under another name);
/// 3. refuses a target that already holds a centre (any journal entry, or any row beyond what
///    the migrations themselves put there), then applies the same migrations to it;
/// 4. copies every table inside one write transaction on the target, in the order foreign
///    keys need, from one read snapshot of the source: a failure leaves the target empty;
/// 5. counts the rows of every table on both sides and verifies the target's journal, which
///    must end in the source's head hash.
///
/// Stop `serve` on the source first: writes after the snapshot are not copied.
public enum CentreCopy {
    /// What was copied.
    public struct Report: Sendable, Hashable {
        /// Rows per table, equal on both sides.
        public var rows: [String: Int]
        /// Journal entries, verified on the target.
        public var journalEntries: Int
        /// The journal head's hash on both sides.
        public var headHash: String

        /// Rows in every table together.
        public var totalRows: Int { rows.values.reduce(0, +) }
    }

    /// One table as the copy sees it: columns in order, primary-key columns, tables it references.
    struct Table {
        var name: String
        var columns: [String]
        var key: [String]
        /// Whether the key is one `INTEGER` column (an identity column on PostgreSQL).
        var integerKey: Bool
        var parents: Set<String>
        /// Rows a freshly migrated database holds (a cursor row, the journal anchor).
        var seeded: Int
    }

    /// Copies the centre in `source` into `target`; `known` are the migration sets of every
    /// owner this program has (plugins and host).
    ///
    /// Throws `store.copy-source-broken`, `store.copy-unknown-owner`, `store.migration-downgrade`,
    /// `store.migration-conflict`, `store.copy-target-not-empty` or `store.copy-mismatch`, each
    /// naming the table, owner or version, in Vietnamese and English.
    public static func copy(from source: any Store, to target: any Store, known: [MigrationSet]) throws -> Report {
        let verification = try source.verifyJournal()
        guard verification.isValid else {
            throw StoreError(
                code: "store.copy-source-broken",
                message: "The source's journal does not verify (\(verification.message)); nothing was copied. "
                    + "Restore the source from a backup first (Docs/Operations.md).",
                messageVi: "Nhật ký của dữ liệu nguồn không toàn vẹn (\(verification.message)); chưa sao chép gì. "
                    + "Hãy khôi phục dữ liệu nguồn từ bản sao lưu trước.")
        }
        let sets = try migrationSets(applied: try applied(source), known: known)
        let tables = try reference(sets)
        let unknown = try source.read { db in try tableNames(db) }.subtracting(tables.map(\.name))
        if let table = unknown.sorted().first {
            throw StoreError(
                code: "store.copy-unknown-table",
                message: "The source holds a table \(table) that no migration of this program creates; nothing was copied. "
                    + "Run migrate with the MotCua program that serves the centre.",
                messageVi: "Dữ liệu nguồn có bảng \(table) không do bước nâng cấp nào của chương trình này tạo ra; chưa sao chép gì. "
                    + "Hãy chạy migrate bằng chương trình MotCua đang phục vụ trung tâm.")
        }

        guard try target.journalEntries(after: 0, limit: 1).isEmpty else { throw targetNotEmpty("journal") }
        for set in sets { try target.migrate(set) }
        try target.read { db in
            for table in tables where try count(db, table.name) != table.seeded { throw targetNotEmpty(table.name) }
        }

        let copied = try source.read { from -> [String: Int] in
            try target.write { to -> [String: Int] in
                var copied: [String: Int] = [:]
                for table in tables {
                    if table.seeded > 0 { try to.execute("DELETE FROM \(quoted(table.name))", []) }
                    copied[table.name] = try copyRows(table, from: from, to: to)
                }
                if to.dialect == .postgresql { try advanceIdentities(tables, to) }
                return copied
            }
        }

        let sourceRows = try source.read { db in try counts(db, tables) }
        let targetRows = try target.read { db in try counts(db, tables) }
        for table in tables where sourceRows[table.name] != targetRows[table.name] || copied[table.name] != targetRows[table.name] {
            throw StoreError(
                code: "store.copy-mismatch",
                message: "Table \(table.name) has \(sourceRows[table.name] ?? 0) rows in the source but \(targetRows[table.name] ?? 0) "
                    + "in the target. Was the source still in use? Stop serve on it, empty the target and copy again.",
                messageVi: "Bảng \(table.name) có \(sourceRows[table.name] ?? 0) dòng ở nguồn nhưng \(targetRows[table.name] ?? 0) ở đích. "
                    + "Nguồn có đang được dùng không? Hãy dừng serve trên nguồn, làm rỗng đích rồi sao chép lại.")
        }
        let sourceHead = try source.read { try head($0) }
        let targetHead = try target.read { try head($0) }
        let checked = try target.verifyJournal()
        guard checked.isValid, checked.entries == verification.entries, sourceHead == targetHead else {
            throw StoreError(
                code: "store.copy-mismatch",
                message: "The copied journal does not match: \(checked.message) (\(checked.entries) entries on the target, "
                    + "\(verification.entries) in the source; head \(targetHead.hash) against \(sourceHead.hash)).",
                messageVi: "Nhật ký sao chép không khớp: \(checked.message) (\(checked.entries) mục ở đích, \(verification.entries) ở nguồn; "
                    + "mã đầu chuỗi \(targetHead.hash) so với \(sourceHead.hash)).")
        }
        return Report(rows: targetRows, journalEntries: checked.entries, headHash: targetHead.hash)
    }

    // MARK: Migrations

    /// The source's applied migrations by owner: version → name.
    private static func applied(_ store: any Store) throws -> [String: [Int: String]] {
        try store.read { db in
            var applied: [String: [Int: String]] = [:]
            for row in try db.query("SELECT owner, version, name FROM schema_migrations", []) {
                applied[try row.string("owner"), default: [:]][try row.int("version")] = try row.string("name")
            }
            return applied
        }
    }

    /// Each owner's set cut to the versions the source has, checked against what this program knows.
    static func migrationSets(applied: [String: [Int: String]], known: [MigrationSet]) throws -> [MigrationSet] {
        let byOwner = Dictionary(known.map { ($0.owner, $0) }, uniquingKeysWith: { first, _ in first })
        var sets: [MigrationSet] = []
        for (owner, versions) in applied.sorted(by: { $0.key < $1.key }) where owner != SQLiteStore.storeMigrations.owner {
            guard let set = byOwner[owner] else {
                throw StoreError(
                    code: "store.copy-unknown-owner",
                    message: "The source holds tables of \(owner), which this program does not have. "
                        + "Run migrate with the MotCua program that serves the centre.",
                    messageVi: "Dữ liệu nguồn có bảng của \(owner) mà chương trình này không có. "
                        + "Hãy chạy migrate bằng chương trình MotCua đang phục vụ trung tâm.")
            }
            let newest = versions.keys.max() ?? 0
            guard newest <= set.latestVersion else {
                throw StoreError.migrationDowngrade(owner: owner, databaseVersion: newest, codeVersion: set.latestVersion)
            }
            for (version, name) in versions {
                let code = set.migrations.first { $0.version == version }?.name ?? "(none)"
                guard code == name else {
                    throw StoreError.migrationConflict(owner: owner, version: version, databaseName: name, codeName: code)
                }
            }
            sets.append(MigrationSet(owner: owner, migrations: set.migrations.filter { $0.version <= newest }))
        }
        return sets
    }

    /// The tables those migrations make, read from a fresh in-memory database migrated the
    /// same way, parents before children.
    private static func reference(_ sets: [MigrationSet]) throws -> [Table] {
        let fresh = try SQLiteStore.inMemory()
        for set in sets { try fresh.migrate(set) }
        let tables = try fresh.read { db -> [Table] in
            try db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", []).map { row in
                let name = try row.string("name")
                let info = try db.query("SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid", [.text(name)])
                let key = try info.filter { try $0.int("pk") > 0 }.sorted { try $0.int("pk") < $1.int("pk") }.map { try $0.string("name") }
                let parents = try db.query("SELECT \"table\" AS parent FROM pragma_foreign_key_list(?)", [.text(name)])
                    .map { try $0.string("parent") }
                let keyTypes = try info.filter { try $0.int("pk") > 0 }.map { try $0.string("type").uppercased() }
                return Table(name: name, columns: try info.map { try $0.string("name") }, key: key, integerKey: keyTypes == ["INTEGER"],
                             parents: Set(parents).subtracting([name]), seeded: try count(db, name))
            }
        }
        var ordered: [Table] = []
        var placed: Set<String> = []
        var waiting = tables
        while !waiting.isEmpty {
            let ready = waiting.filter { $0.parents.isSubset(of: placed) }
            guard !ready.isEmpty else { throw StoreError.sql("the tables \(waiting.map(\.name)) reference each other in a cycle") }
            ordered += ready
            placed.formUnion(ready.map(\.name))
            waiting.removeAll { placed.contains($0.name) }
        }
        return ordered
    }

    /// The tables of a store, by its engine's catalogue.
    private static func tableNames(_ db: any SQLExecutor) throws -> Set<String> {
        let sql = switch db.dialect {
        case .sqlite: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        case .postgresql:
            "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        }
        return Set(try db.query(sql, []).map { try $0.string("name") })
    }

    private static func targetNotEmpty(_ table: String) -> StoreError {
        StoreError(
            code: "store.copy-target-not-empty",
            message: "The target already holds data (table \(table) is not empty); migrate copies a centre only into an "
                + "empty database. Choose an empty data folder or database, or drop the centre's schema there first.",
            messageVi: "Nơi nhận đã có dữ liệu (bảng \(table) không rỗng); migrate chỉ sao chép trung tâm vào nơi còn trống. "
                + "Hãy chọn thư mục dữ liệu hoặc cơ sở dữ liệu trống, hoặc xóa schema của trung tâm ở đó trước.")
    }

    // MARK: Rows

    /// Copies a table in batches ordered by its primary key (the whole table at once when it has none).
    private static func copyRows(_ table: Table, from: any SQLExecutor, to: any SQLExecutor) throws -> Int {
        let columns = table.columns.map(quoted).joined(separator: ", ")
        let order = table.key.map(quoted).joined(separator: ", ")
        let perStatement = max(1, min(250, 30_000 / max(1, table.columns.count)))
        let batch = table.key.isEmpty ? Int.max : perStatement * 20
        var copied = 0
        var after: [SQLValue]?
        while true {
            var sql = "SELECT \(columns) FROM \(quoted(table.name))"
            var parameters: [SQLValue] = []
            if let after {
                let placeholders = Array(repeating: "?", count: after.count).joined(separator: ", ")
                sql += table.key.count == 1 ? " WHERE \(order) > ?" : " WHERE (\(order)) > (\(placeholders))"
                parameters = after
            }
            if !table.key.isEmpty {
                sql += " ORDER BY \(order) LIMIT ?"
                parameters.append(.integer(Int64(batch)))
            }
            let rows = try from.query(sql, parameters)
            var start = 0
            while start < rows.count {
                let slice = rows[start..<min(rows.count, start + perStatement)]
                let tuple = "(" + Array(repeating: "?", count: table.columns.count).joined(separator: ", ") + ")"
                try to.execute("INSERT INTO \(quoted(table.name)) (\(columns)) VALUES "
                               + Array(repeating: tuple, count: slice.count).joined(separator: ", "),
                               slice.flatMap(\.values))
                start += slice.count
            }
            copied += rows.count
            guard rows.count == batch, let last = rows.last else { return copied }
            after = try table.key.map { try last.value($0) }
        }
    }

    /// Moves each identity column's sequence past the copied ids, so the next insert gets a new one.
    private static func advanceIdentities(_ tables: [Table], _ db: any SQLExecutor) throws {
        for table in tables where table.integerKey {
            let column = table.key[0]
            _ = try db.query("""
                SELECT setval(pg_get_serial_sequence(?, ?), (SELECT COALESCE(MAX(\(quoted(column))), 0) + 1 FROM \(quoted(table.name))), false) AS moved
                """, [.text(table.name), .text(column)])
        }
    }

    private static func count(_ db: any SQLExecutor, _ table: String) throws -> Int {
        try db.queryFirst("SELECT COUNT(*) AS n FROM \(quoted(table))")?.int("n") ?? 0
    }

    private static func counts(_ db: any SQLExecutor, _ tables: [Table]) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in tables { counts[table.name] = try count(db, table.name) }
        return counts
    }

    private static func head(_ db: any SQLExecutor) throws -> JournalHead {
        guard let row = try db.queryFirst("SELECT last_seq, last_hash FROM journal_head WHERE id = 1") else { return .genesis }
        return JournalHead(sequence: try row.int64("last_seq"), hash: try row.string("last_hash"))
    }

    private static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacing("\"", with: "\"\"") + "\""
    }
}
