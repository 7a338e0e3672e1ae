/// A JSON number: an exact integer when the text allows it, otherwise a double.
///
/// The parser produces `.integer` for a lexeme with no fraction and no exponent that fits in
/// `Int64` (so `30` and `-7` are exact), and `.double` for everything else (`1.5`, `1e3`,
/// `1.0`, and integers beyond `Int64`). The original lexeme is not kept: serialization writes
/// integers as digits and doubles in the shortest form that reads back to the same value.
/// Equality is numeric: `.integer(1) == .double(1.0)`, and both hash alike.
public enum JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// An integer written without fraction or exponent.
    case integer(Int64)
    /// Any other number.
    case double(Double)

    /// The value as a `Double` (integers beyond 2^53 round).
    public var doubleValue: Double {
        switch self {
        case .integer(let value): Double(value)
        case .double(let value): value
        }
    }

    /// The value as an exact `Int64`, or `nil` when it has a fraction or does not fit.
    public var int64Value: Int64? {
        switch self {
        case .integer(let value): value
        case .double(let value):
            if case .signed(let exact) = IntegralDouble(value) { exact } else { nil }
        }
    }

    /// The number as JSON text: digits for integers, shortest round-trip form for doubles.
    ///
    /// A non-finite double has no JSON form; it renders as `null` (the encoder refuses to
    /// produce one, so only hand-built values can hit this).
    public var description: String {
        switch self {
        case .integer(let value): String(value)
        case .double(let value): value.isFinite ? value.description : "null"
        }
    }

    /// Compares numerically, so an integer equals a double of the same value.
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        switch (lhs, rhs) {
        case (.integer(let a), .integer(let b)): a == b
        case (.double(let a), .double(let b)): a == b
        case (.integer(let a), .double(let b)), (.double(let b), .integer(let a)):
            IntegralDouble(b) == .signed(a)
        }
    }

    /// Hashes so that numerically equal numbers hash alike.
    public func hash(into hasher: inout Hasher) {
        if let exact = int64Value {
            hasher.combine(exact)
        } else {
            hasher.combine(doubleValue)
        }
    }
}

/// What a double is as an integer, computed with plain conversions only.
///
/// `Int64(exactly:)` and `rounded()` on `Double` call into libm, which MotCuaCore does not
/// link on Linux; converting and converting back is exact and needs no library.
enum IntegralDouble: Equatable {
    /// Integral and within `Int64`.
    case signed(Int64)
    /// Integral, at least 2^63 and below 2^64.
    case unsigned(UInt64)
    /// Integral but beyond every 64-bit integer.
    case huge
    /// Has a fraction, or is not finite.
    case fractional

    init(_ value: Double) {
        guard value.isFinite else {
            self = .fractional
            return
        }
        if value >= -0x1p63 && value < 0x1p63 {
            let truncated = Int64(value)
            self = Double(truncated) == value ? .signed(truncated) : .fractional
        } else if value >= 0x1p63 && value < 0x1p64 {
            // Every double this large is integral.
            self = .unsigned(UInt64(value))
        } else {
            self = .huge
        }
    }
}
