/// The location of a value inside a JSON document, as a list of object keys and array indices.
///
/// `description` renders keys joined by dots and indices in brackets, for example
/// `plugins.payments.vietqr` or `counters[2].sectors[0]`. Keys are written raw, even when a
/// key itself contains dots, because that is how manifests name plugin ids
/// (`plugins.payments.cash` is the key `payments.cash` inside `plugins`). The root (no
/// components) renders as `$`.
public struct JSONPath: Hashable, Sendable, CustomStringConvertible, ExpressibleByArrayLiteral {
    /// One step of a path: an object key or an array index.
    ///
    /// String and integer literals build components, so `["counters", 2, "sectors"]` is a path.
    public enum Component: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral,
        ExpressibleByIntegerLiteral
    {
        /// A member of an object, by its key.
        case key(String)
        /// An element of an array, by its zero-based position.
        case index(Int)

        /// A key from a string literal.
        public init(stringLiteral value: String) { self = .key(value) }

        /// An index from an integer literal.
        public init(integerLiteral value: Int) { self = .index(value) }

        /// The component alone: the raw key, or the index in brackets.
        public var description: String {
            switch self {
            case .key(let key): key
            case .index(let index): "[\(index)]"
            }
        }
    }

    /// The steps from the root to the value, outermost first.
    public var components: [Component]

    /// The path of the document's root value.
    public static let root = JSONPath()

    /// Creates a path from its steps, outermost first.
    public init(_ components: [Component] = []) {
        self.components = components
    }

    /// Creates a path from an array literal of steps.
    public init(arrayLiteral elements: Component...) {
        self.components = elements
    }

    /// Whether this is the root path.
    public var isRoot: Bool { components.isEmpty }

    /// The path one step further down.
    public func appending(_ component: Component) -> JSONPath {
        var copy = self
        copy.components.append(component)
        return copy
    }

    /// The path to the member `key` of the object at this path.
    public func appending(key: String) -> JSONPath { appending(.key(key)) }

    /// The path to element `index` of the array at this path.
    public func appending(index: Int) -> JSONPath { appending(.index(index)) }

    /// The enclosing path, or `nil` at the root.
    public var parent: JSONPath? {
        guard !components.isEmpty else { return nil }
        return JSONPath(Array(components.dropLast()))
    }

    /// The path rendered as in error messages; `$` for the root.
    public var description: String {
        guard !components.isEmpty else { return "$" }
        var text = ""
        for component in components {
            switch component {
            case .key(let key):
                if !text.isEmpty { text += "." }
                text += key
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }
}

extension JSONPath {
    /// The path as Codable coding keys, for `Decoder.codingPath`.
    var codingKeys: [any CodingKey] {
        components.map { component in
            switch component {
            case .key(let key): PathCodingKey(stringValue: key)
            case .index(let index): PathCodingKey(intValue: index)
            }
        }
    }

    /// The path a Codable coding path describes.
    init(codingPath: [any CodingKey]) {
        self.init(codingPath.map { key in
            if let index = key.intValue { .index(index) } else { .key(key.stringValue) }
        })
    }
}

/// A coding key for any object key or array index, used where Codable asks for keys.
struct PathCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.stringValue = "Index \(intValue)"
        self.intValue = intValue
    }
}
