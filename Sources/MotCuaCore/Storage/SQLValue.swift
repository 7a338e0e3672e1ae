/// One value bound to or read from a SQL statement.
///
/// The five cases are SQLite's storage classes and map onto portable SQL types, so plugin
/// code written against them moves to another database behind the same ``Store`` contract.
/// Money is bound as `.integer` đồng, never `.real`.
public enum SQLValue: Sendable, Hashable {
    /// SQL `NULL`.
    case null
    /// A 64-bit signed integer.
    case integer(Int64)
    /// A double-precision floating point number.
    case real(Double)
    /// UTF-8 text.
    case text(String)
    /// Raw bytes.
    case blob([UInt8])

    /// Binds a Swift `Int` as an integer.
    public init(_ value: Int) { self = .integer(Int64(value)) }

    /// Binds a Boolean as the integer 1 or 0, the portable SQL spelling.
    public init(_ value: Bool) { self = .integer(value ? 1 : 0) }

    /// Binds an optional text, `nil` becoming SQL `NULL`.
    public init(_ value: String?) { self = value.map(SQLValue.text) ?? .null }

    /// Binds an optional integer, `nil` becoming SQL `NULL`.
    public init(_ value: Int64?) { self = value.map(SQLValue.integer) ?? .null }

    /// Whether this is SQL `NULL`.
    public var isNull: Bool { self == .null }

    /// The name of the storage class, used in error messages ("integer", "text", ...).
    public var typeName: String {
        switch self {
        case .null: "null"
        case .integer: "integer"
        case .real: "real"
        case .text: "text"
        case .blob: "blob"
        }
    }
}

extension SQLValue: ExpressibleByNilLiteral {
    /// `nil` in a parameter list binds SQL `NULL`.
    public init(nilLiteral: ()) { self = .null }
}

extension SQLValue: ExpressibleByIntegerLiteral {
    /// An integer literal binds an `.integer`.
    public init(integerLiteral value: Int64) { self = .integer(value) }
}

extension SQLValue: ExpressibleByFloatLiteral {
    /// A floating point literal binds a `.real`.
    public init(floatLiteral value: Double) { self = .real(value) }
}

extension SQLValue: ExpressibleByStringLiteral {
    /// A string literal binds `.text`.
    public init(stringLiteral value: String) { self = .text(value) }
}

extension SQLValue: ExpressibleByBooleanLiteral {
    /// `true` and `false` bind the integers 1 and 0.
    public init(booleanLiteral value: Bool) { self = .integer(value ? 1 : 0) }
}
