/// The manifest format as a JSON Schema (draft 2020-12), generated from ``ManifestSchema``
/// so editors can validate and complete manifests. `Docs/manifest.schema.json` is this
/// document; a test keeps the file in step with the code.
public enum ManifestJSONSchema {
    /// The schema document.
    public static func document() -> JSONValue {
        var root = schema(for: ManifestSchema.root, requireFields: false)
        root["$schema"] = .string("https://json-schema.org/draft/2020-12/schema")
        root["$id"] = .string("https://motcua.invalid/manifest.schema.json")
        root["title"] = .string("MotCua deployment manifest")
        root["description"] = .string("A deployment (a complete centre) or, with \"abstract\": true, a layer to extend. "
            + "Required keys apply to the effective manifest after layering, so they are not enforced per file here.")
        return .object(root)
    }

    /// The schema as pretty JSON text with a trailing newline.
    public static func text() -> String {
        document().serialized(pretty: true) + "\n"
    }

    private static func schema(for shape: Shape, requireFields: Bool) -> JSONObject {
        var object = JSONObject()
        switch shape {
        case .string(let rule):
            object["type"] = .string("string")
            switch rule {
            case .any: break
            case .nonEmpty: object["minLength"] = .number(.integer(1))
            case .slug: object["pattern"] = .string("^[a-z0-9]+(-[a-z0-9]+)*$")
            case .dotted: object["pattern"] = .string("^[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*$")
            case .pluginID: object["pattern"] = .string("^[a-z0-9-]+(\\.[a-z0-9-]+)+$")
            case .date: object["pattern"] = .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
            case .time: object["pattern"] = .string("^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$")
            case .timeRange: object["pattern"] = .string("^[0-2][0-9]:[0-5][0-9]-[0-2][0-9]:[0-5][0-9]$")
            case .digits(let counts): object["pattern"] = .string("^[0-9]{\(counts.lowerBound),\(counts.upperBound)}$")
            case .oneOf(let values): object["enum"] = .array(values.map { .string($0) })
            }
        case .integer(let min, let max):
            object["type"] = .string("integer")
            if let min { object["minimum"] = .number(.integer(min)) }
            if let max { object["maximum"] = .number(.integer(max)) }
        case .boolean:
            object["type"] = .string("boolean")
        case .object(let fields):
            object["type"] = .string("object")
            var properties = JSONObject()
            for field in fields {
                var property = schema(for: field.shape, requireFields: true)
                property["description"] = .string(field.doc)
                properties[field.name] = .object(property)
            }
            object["properties"] = .object(properties)
            object["additionalProperties"] = .bool(false)
            let required = fields.filter(\.required).map { JSONValue.string($0.name) }
            if requireFields, !required.isEmpty { object["required"] = .array(required) }
        case .map(_, let value):
            object["type"] = .string("object")
            object["additionalProperties"] = .object(schema(for: value, requireFields: true))
        case .array(let item, let identity):
            object["type"] = .string("array")
            var items = schema(for: item, requireFields: identity == nil)
            if identity != nil, case .object = item {
                // Layers may name an item by its id alone to change or remove it.
                var properties = items["properties"]?.objectValue ?? JSONObject()
                properties[ManifestNode.removeKey] = .object(["type": .string("boolean"),
                                                              "description": .string("Removes the inherited item with this id.")])
                items["properties"] = .object(properties)
            }
            object["items"] = .object(items)
        case .either(let shapes):
            object["anyOf"] = .array(shapes.map { .object(schema(for: $0, requireFields: requireFields)) })
        case .opaqueObject:
            object["type"] = .string("object")
        }
        return object
    }
}
