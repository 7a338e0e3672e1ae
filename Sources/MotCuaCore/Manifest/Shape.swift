/// The declared shape of a manifest value: the one source of truth for validation,
/// layering (which arrays merge by which key) and the generated JSON Schema.
indirect enum Shape: Sendable {
    case string(StringRule)
    case integer(min: Int64?, max: Int64?)
    case boolean
    case object([Field])
    /// An object whose keys are free (plugin ids), each value of one shape.
    case map(key: StringRule, value: Shape)
    /// An array; `identity` names the key that identifies items for merging and duplicate checks.
    case array(Shape, identity: String?)
    /// A value of any of the shapes, tried in order (e.g. `extends`: a path or a list of paths).
    case either([Shape])
    /// A JSON object whose content is checked by someone else (a plugin's settings).
    case opaqueObject

    /// One key of an object shape.
    struct Field: Sendable {
        var name: String
        var shape: Shape
        /// Required in a deployment; layers may omit anything.
        var required: Bool
        /// One line for the reference and the JSON Schema.
        var doc: String
        /// An example value shown in fixes, as JSON text.
        var example: String?

        init(_ name: String, _ shape: Shape, required: Bool = false, doc: String, example: String? = nil) {
            self.name = name
            self.shape = shape
            self.required = required
            self.doc = doc
            self.example = example
        }
    }

    /// What a string must look like.
    enum StringRule: Sendable {
        case any
        case nonEmpty
        /// Lowercase letters, digits and hyphens: `ho-tich`.
        case slug
        /// Slugs joined by dots: `phu-tho.dao-xa`, `applicant.citizenId` (camelCase allowed).
        case dotted
        /// A plugin id: lowercase slugs joined by dots, at least two, e.g. `payments.vietqr`.
        case pluginID
        /// `YYYY-MM-DD`, a real date.
        case date
        /// `HH:MM`.
        case time
        /// `HH:MM-HH:MM` with the end after the start.
        case timeRange
        /// Exactly these digits count, e.g. an administrative unit code.
        case digits(ClosedRange<Int>)
        /// One of a fixed list.
        case oneOf([String])

        /// Words for the expected form, used in messages.
        var expectation: String {
            switch self {
            case .any: "a string"
            case .nonEmpty: "a non-empty string"
            case .slug: "a slug of lowercase letters, digits and hyphens, e.g. \"ho-tich\""
            case .dotted: "an id of letters, digits and hyphens joined by dots, e.g. \"phu-tho.dao-xa\""
            case .pluginID: "a plugin id in lowercase, namespace.name, e.g. \"payments.vietqr\""
            case .date: "a date \"YYYY-MM-DD\""
            case .time: "a time \"HH:MM\""
            case .timeRange: "a time range \"HH:MM-HH:MM\", e.g. \"07:30-11:30\""
            case .digits(let counts):
                counts.lowerBound == counts.upperBound
                    ? "a string of \(counts.lowerBound) digits" : "a string of \(counts.lowerBound) to \(counts.upperBound) digits"
            case .oneOf(let values): "one of " + values.map { "\"\($0)\"" }.joined(separator: ", ")
            }
        }
    }

    /// The JSON type name the shape expects, for "expected X, found Y" messages.
    var typeName: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .boolean: "boolean"
        case .object, .map, .opaqueObject: "object"
        case .array: "array"
        case .either(let shapes): shapes.map(\.typeName).joined(separator: " or ")
        }
    }

    /// The fields of an object shape; empty for other shapes.
    var fields: [Field] {
        if case .object(let fields) = self { return fields }
        return []
    }

    /// The shape of an object's key, if declared.
    func field(_ name: String) -> Field? {
        fields.first { $0.name == name }
    }

    /// The identity key of an array shape.
    var identity: String? {
        if case .array(_, let identity) = self { return identity }
        return nil
    }
}
