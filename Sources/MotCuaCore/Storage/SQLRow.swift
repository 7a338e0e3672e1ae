/// One row of a query result: column names and their values, in select-list order.
///
/// The typed accessors throw a ``StoreError`` naming the column when it is missing from
/// the select list or holds a value of another type, so a schema mistake surfaces as a
/// clear message rather than a silent default.
public struct SQLRow: Sendable, Hashable {
    /// Column names as the statement reported them (aliases included).
    public let columns: [String]
    /// Values, one per column.
    public let values: [SQLValue]

    /// Creates a row; `columns` and `values` must have the same length.
    public init(columns: [String], values: [SQLValue]) {
        precondition(columns.count == values.count, "a row needs one value per column")
        self.columns = columns
        self.values = values
    }

    /// The value of a column, or `nil` when the select list has no such column.
    public subscript(column: String) -> SQLValue? {
        columns.firstIndex(of: column).map { values[$0] }
    }

    /// The value of a column; throws `store.column-missing` when there is no such column.
    public func value(_ column: String) throws -> SQLValue {
        guard let index = columns.firstIndex(of: column) else {
            throw StoreError.columnMissing(column, available: columns)
        }
        return values[index]
    }

    /// Whether the column holds SQL `NULL`; throws when the column is missing.
    public func isNull(_ column: String) throws -> Bool {
        try value(column).isNull
    }

    /// The column as a 64-bit integer; throws when missing, `NULL` or not an integer.
    public func int64(_ column: String) throws -> Int64 {
        let value = try value(column)
        guard case .integer(let number) = value else {
            throw StoreError.columnType(column, expected: "integer", found: value.typeName)
        }
        return number
    }

    /// The column as an `Int`; throws when missing, `NULL` or not an integer.
    public func int(_ column: String) throws -> Int {
        Int(try int64(column))
    }

    /// The column as a Boolean stored as 0 or 1; throws on any other value.
    public func bool(_ column: String) throws -> Bool {
        switch try int64(column) {
        case 0: return false
        case 1: return true
        default: throw StoreError.columnType(column, expected: "boolean 0 or 1", found: "integer")
        }
    }

    /// The column as a `Double`; integers are widened, anything else throws.
    public func double(_ column: String) throws -> Double {
        let value = try value(column)
        switch value {
        case .real(let number): return number
        case .integer(let number): return Double(number)
        default: throw StoreError.columnType(column, expected: "real", found: value.typeName)
        }
    }

    /// The column as text; throws when missing, `NULL` or not text.
    public func string(_ column: String) throws -> String {
        let value = try value(column)
        guard case .text(let text) = value else {
            throw StoreError.columnType(column, expected: "text", found: value.typeName)
        }
        return text
    }

    /// The column as text, `nil` for SQL `NULL`; throws when missing or of another type.
    public func optionalString(_ column: String) throws -> String? {
        try isNull(column) ? nil : string(column)
    }

    /// The column as an integer, `nil` for SQL `NULL`; throws when missing or of another type.
    public func optionalInt64(_ column: String) throws -> Int64? {
        try isNull(column) ? nil : int64(column)
    }

    /// The column as bytes; throws when missing, `NULL` or not a blob.
    public func blob(_ column: String) throws -> [UInt8] {
        let value = try value(column)
        guard case .blob(let bytes) = value else {
            throw StoreError.columnType(column, expected: "blob", found: value.typeName)
        }
        return bytes
    }

    /// The column as bytes, `nil` for SQL `NULL`; throws when missing or of another type.
    public func optionalBlob(_ column: String) throws -> [UInt8]? {
        try isNull(column) ? nil : blob(column)
    }
}
