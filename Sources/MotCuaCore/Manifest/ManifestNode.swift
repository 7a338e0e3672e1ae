/// Where a manifest value was written: file, path in that file, line and column.
struct SourceLocation: Sendable, Hashable {
    var file: String
    var path: JSONPath
    var line: Int?
    var column: Int?
}

/// A manifest value that remembers where it was written, so errors found after layering
/// still point at the file and line that set the offending value.
struct ManifestNode: Sendable {
    enum Content: Sendable {
        case scalar(JSONValue)
        case array([ManifestNode])
        case object([Member])
    }

    struct Member: Sendable {
        var key: String
        var node: ManifestNode
    }

    var content: Content
    var location: SourceLocation

    /// The JSON type name, for "expected X, found Y".
    var typeName: String {
        switch content {
        case .scalar(let value): value.typeName
        case .array: "array"
        case .object: "object"
        }
    }

    var isNull: Bool {
        if case .scalar(.null) = content { return true }
        return false
    }

    var string: String? {
        if case .scalar(.string(let text)) = content { return text }
        return nil
    }

    var integer: Int64? {
        if case .scalar(.number(.integer(let value))) = content { return value }
        return nil
    }

    var bool: Bool? {
        if case .scalar(.bool(let value)) = content { return value }
        return nil
    }

    var items: [ManifestNode]? {
        if case .array(let items) = content { return items }
        return nil
    }

    var members: [Member]? {
        if case .object(let members) = content { return members }
        return nil
    }

    subscript(key: String) -> ManifestNode? {
        members?.first { $0.key == key }?.node
    }

    /// The strings of an array of strings, with their nodes; other items are skipped.
    var stringItems: [(String, ManifestNode)] {
        (items ?? []).compactMap { node in node.string.map { ($0, node) } }
    }

    /// Plain JSON, dropping locations.
    var json: JSONValue {
        switch content {
        case .scalar(let value):
            return value
        case .array(let items):
            return .array(items.map(\.json))
        case .object(let members):
            var object = JSONObject()
            for member in members { object[member.key] = member.node.json }
            return .object(object)
        }
    }

    /// Builds the tree of a parsed file, locating every value through the parser's source map.
    init(_ value: JSONValue, file: String, path: JSONPath = JSONPath(), positions: JSONSourceMap) {
        let position = positions[path]
        location = SourceLocation(file: file, path: path, line: position?.line, column: position?.column)
        switch value {
        case .array(let values):
            content = .array(values.enumerated().map { index, item in
                ManifestNode(item, file: file, path: path.appending(.index(index)), positions: positions)
            })
        case .object(let object):
            content = .object(object.map { key, item in
                Member(key: key, node: ManifestNode(item, file: file, path: path.appending(.key(key)), positions: positions))
            })
        default:
            content = .scalar(value)
        }
    }

    init(content: Content, location: SourceLocation) {
        self.content = content
        self.location = location
    }
}
