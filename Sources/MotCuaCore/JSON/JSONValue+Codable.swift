/// `JSONValue` is `Codable` so a settings type can hold free-form JSON (for example a
/// `metadata: JSONValue` member). `JSONValueDecoder` and `JSONValueEncoder` pass it through
/// unchanged; other coders see its natural JSON shape.
extension JSONValue: Codable {
    /// Decodes whatever JSON value the decoder holds.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let integer = try? container.decode(Int64.self) {
            self = .number(.integer(integer))
        } else if let double = try? container.decode(Double.self) {
            self = .number(.double(double))
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let elements = try? container.decode([JSONValue].self) {
            self = .array(elements)
        } else if let object = try? container.decode(JSONObject.self) {
            self = .object(object)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a JSON value")
        }
    }

    /// Encodes the value in its natural JSON shape.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let flag):
            var container = encoder.singleValueContainer()
            try container.encode(flag)
        case .number(.integer(let integer)):
            var container = encoder.singleValueContainer()
            try container.encode(integer)
        case .number(.double(let double)):
            var container = encoder.singleValueContainer()
            try container.encode(double)
        case .string(let text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        case .array(let elements):
            var container = encoder.unkeyedContainer()
            for element in elements { try container.encode(element) }
        case .object(let object):
            try object.encode(to: encoder)
        }
    }
}

/// `JSONObject` is `Codable` as a JSON object; order is kept where the coder keeps it.
extension JSONObject: Codable {
    /// Decodes an object of any keys.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: PathCodingKey.self)
        self.init()
        for key in container.allKeys {
            append(key.stringValue, try container.decode(JSONValue.self, forKey: key))
        }
    }

    /// Encodes the members in order.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: PathCodingKey.self)
        for (key, value) in self {
            try container.encode(value, forKey: PathCodingKey(stringValue: key))
        }
    }
}
