/// Which SQL engine a store runs on, so a migration or query can pick its form in one place.
///
/// Plugins write SQL both engines accept (`ON CONFLICT … DO NOTHING`, `RETURNING`, `COALESCE`,
/// `?` placeholders, the types `INTEGER`, `TEXT`, `REAL`, `BLOB`). Where the engines must
/// differ (triggers, JSON access, date arithmetic) they ask the executor's ``SQLExecutor/dialect``
/// or give a ``Migration`` per-engine statements, and call one of the helpers below.
public enum SQLDialect: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// SQLite 3, one file per centre.
    case sqlite
    /// PostgreSQL 14 or later, one schema per centre.
    case postgresql

    /// The engine's usual name, for messages.
    public var description: String {
        switch self {
        case .sqlite: "SQLite"
        case .postgresql: "PostgreSQL"
        }
    }

    /// A JSON member of a text column as text (`NULL` when absent), e.g. `payload` and `channel`.
    ///
    /// `key` must be a plain member name (letters, digits, `_`); it is spliced into the SQL.
    public func jsonText(_ column: String, _ key: String) -> String {
        switch self {
        case .sqlite: "json_extract(\(column), '$.\(key)')"
        case .postgresql: "(\(column)::jsonb ->> '\(key)')"
        }
    }

    /// A JSON member of a text column as a number (integer or real), for sums and comparisons.
    public func jsonNumber(_ column: String, _ key: String) -> String {
        switch self {
        case .sqlite: "json_extract(\(column), '$.\(key)')"
        case .postgresql: "(\(column)::jsonb ->> '\(key)')::numeric"
        }
    }

    /// Statements that make `table` refuse the given operations with `message`.
    ///
    /// The journal and receipts use it: an UPDATE or DELETE by mistake fails with the message
    /// instead of rewriting history. `name` names the trigger (with `_no_update`/`_no_delete`
    /// after it on SQLite when there are two) and, on PostgreSQL, its function (`<name>_refuse`).
    public func refusingStatements(name: String, table: String, operations: [RefusedOperation], message: String) -> [String] {
        let quoted = message.replacing("'", with: "''")
        switch self {
        case .sqlite:
            return operations.map { operation in
                """
                CREATE TRIGGER \(operations.count == 1 ? name : "\(name)_no_\(operation.rawValue.lowercased())") BEFORE \(operation.rawValue) ON \(table)
                BEGIN SELECT RAISE(ABORT, '\(quoted)'); END
                """
            }
        case .postgresql:
            let events = operations.map(\.rawValue).joined(separator: " OR ")
            return [
                """
                CREATE FUNCTION \(name)_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION '\(quoted)' USING ERRCODE = 'restrict_violation'; END $$
                """,
                "CREATE TRIGGER \(name) BEFORE \(events) ON \(table) FOR EACH ROW EXECUTE FUNCTION \(name)_refuse()",
            ]
        }
    }

    /// Each engine's statements for ``refusingStatements(name:table:operations:message:)``, for
    /// ``Migration/dialectStatements``.
    public static func refusing(name: String, table: String, operations: [RefusedOperation], message: String) -> [SQLDialect: [String]] {
        Dictionary(uniqueKeysWithValues: allCases.map {
            ($0, $0.refusingStatements(name: name, table: table, operations: operations, message: message))
        })
    }

    /// A change a trigger from ``refusingStatements(name:table:operations:message:)`` refuses.
    public enum RefusedOperation: String, Sendable, Hashable, CaseIterable {
        /// Rewriting a row.
        case update = "UPDATE"
        /// Removing a row.
        case delete = "DELETE"
    }
}
