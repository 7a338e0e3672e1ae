import MotCuaCore

extension MigrationSet {
    /// Compares the versions a database recorded (`applied`, version → name) with the code
    /// and answers the versions still to apply, in order. Both stores decide by it.
    ///
    /// Throws `store.migration-downgrade` when the database is newer than the code,
    /// `store.migration-conflict` when a version was applied under another name, and
    /// `store.migration-history` when applied history and the code disagree otherwise.
    package func pending(applied: [Int: String]) throws -> [Migration] {
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        let latestApplied = applied.keys.max() ?? 0
        if latestApplied > latestVersion {
            throw StoreError.migrationDowngrade(owner: owner, databaseVersion: latestApplied, codeVersion: latestVersion)
        }
        for (version, name) in applied.sorted(by: { $0.key < $1.key }) {
            guard let migration = known[version] else {
                throw StoreError.migrationHistory(
                    owner: owner,
                    detail: "version \(version) (\(name)) was applied but the program no longer has it",
                    detailVi: "phiên bản \(version) (\(name)) đã được áp dụng nhưng chương trình không còn bước này")
            }
            guard migration.name == name else {
                throw StoreError.migrationConflict(owner: owner, version: version, databaseName: name, codeName: migration.name)
            }
        }
        let pending = migrations.filter { applied[$0.version] == nil }.sorted { $0.version < $1.version }
        // A missing version below the latest applied one means history was rewritten;
        // applying it now would run it against a schema it was never written for.
        if let early = pending.first(where: { $0.version < latestApplied }) {
            throw StoreError.migrationHistory(
                owner: owner,
                detail: "version \(early.version) (\(early.name)) is older than the applied version \(latestApplied); "
                    + "add new steps with higher numbers only",
                detailVi: "phiên bản \(early.version) (\(early.name)) cũ hơn phiên bản đã áp dụng \(latestApplied); "
                    + "chỉ thêm bước mới với số lớn hơn")
        }
        return pending
    }
}
