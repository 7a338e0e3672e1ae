/// A plugin's namespaced id, such as `payments.vietqr`: the kind's short prefix, a dot, a name.
public struct PluginID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The id as written in manifests.
    public let rawValue: String

    /// Creates an id from its text; the text is checked with ``isWellFormed``.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Whether the id has the shape `namespace.name` in lowercase letters, digits and hyphens.
    public var isWellFormed: Bool {
        let parts = rawValue.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty && part.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
        }
    }

    public var description: String { rawValue }

    public static func < (lhs: PluginID, rhs: PluginID) -> Bool { lhs.rawValue < rhs.rawValue }
}
