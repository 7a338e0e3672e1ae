/// A JSON object that keeps its members in the order they were written.
///
/// Manifests are read and written by people, so `motcua resolve` and API responses must show
/// keys in file order. Lookup by key is a linear scan for small objects and a hash lookup once
/// an object grows past a few members. Setting an existing key replaces its value in place;
/// setting a new key appends it. Equality ignores order (as JSON does); compare `keys` to
/// check order.
public struct JSONObject: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// One member of an object.
    public typealias Element = (key: String, value: JSONValue)

    /// The keys, in order.
    public private(set) var keys: [String]
    /// The values, in the same order as `keys`.
    public private(set) var values: [JSONValue]
    /// Position of each key, built only once the object is large enough to need it.
    private var index: [String: Int]?

    /// Objects up to this size are searched linearly; most manifest objects are this small.
    private static let indexThreshold = 12

    /// Creates an empty object.
    public init() {
        keys = []
        values = []
        index = nil
    }

    /// Creates an empty object with room for `capacity` members, so that parsing a small
    /// object (a journal payload) grows no array.
    init(reservingCapacity capacity: Int) {
        self.init()
        keys.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    /// Creates an object from members in order; a repeated key keeps its first position and
    /// its last value.
    public init(_ members: some Sequence<(String, JSONValue)>) {
        self.init()
        for (key, value) in members { self[key] = value }
    }

    /// Creates an object from a literal, keeping the literal's order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }

    /// The number of members.
    public var count: Int { keys.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { keys.isEmpty }

    /// The position of `key` among the members, or `nil` when absent.
    public func position(of key: String) -> Int? {
        if let index { return index[key] }
        return keys.firstIndex(of: key)
    }

    /// The value for `key`; setting `nil` removes the member, setting a value replaces it in
    /// place or appends it.
    public subscript(key: String) -> JSONValue? {
        get {
            guard let position = position(of: key) else { return nil }
            return values[position]
        }
        set {
            if let newValue {
                if let position = position(of: key) {
                    values[position] = newValue
                } else {
                    append(key, newValue)
                }
            } else {
                removeValue(forKey: key)
            }
        }
    }

    /// Appends a member known not to be present yet (the parser checks first).
    mutating func append(_ key: String, _ value: JSONValue) {
        keys.append(key)
        values.append(value)
        if index != nil {
            index![key] = keys.count - 1
        } else if keys.count > Self.indexThreshold {
            rebuildIndex()
        }
    }

    /// Removes the member for `key`, keeping the others in order, and returns its value.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let position = position(of: key) else { return nil }
        keys.remove(at: position)
        let removed = values.remove(at: position)
        if index != nil { rebuildIndex() }
        return removed
    }

    private mutating func rebuildIndex() {
        var built = [String: Int](minimumCapacity: keys.count)
        for (position, key) in keys.enumerated() { built[key] = position }
        index = built
    }

    /// Iterates the members in order.
    public func makeIterator() -> some IteratorProtocol<Element> {
        zip(keys, values).lazy.map { (key: $0, value: $1) }.makeIterator()
    }

    /// Equal when both have the same keys with equal values, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (key, value) in zip(lhs.keys, lhs.values) {
            guard rhs[key] == value else { return false }
        }
        return true
    }

    /// Hashes independently of member order, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for (key, value) in zip(keys, values) {
            var member = Hasher()
            member.combine(key)
            member.combine(value)
            combined ^= member.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}
