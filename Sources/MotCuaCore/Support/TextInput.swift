/// The rule every text a person or a client sends must follow: no control characters.
///
/// A NUL, an escape or a C1 control in a name or a note breaks printing, terminals, CSV
/// exports and the national portal's XML, and is never typed by a person. Tabs and line
/// breaks stay allowed (multi-line notes and addresses).
public enum TextInput {
    /// The first control character in `text` other than tab, line feed and carriage return.
    public static func controlCharacter(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { scalar in
            scalar.properties.generalCategory == .control && scalar != "\t" && scalar != "\n" && scalar != "\r"
        }
    }

    /// Throws `request.control-character` when `text` holds a control character; `field`
    /// names it in the message (a JSON path or a form field).
    public static func check(_ text: String, field: String) throws {
        guard let scalar = controlCharacter(in: text) else { return }
        throw problem(scalar, field: field)
    }

    /// Checks every string and key of a JSON value; the error names the JSON path.
    public static func check(_ value: JSONValue, at path: JSONPath = JSONPath()) throws {
        switch value {
        case .string(let text):
            try check(text, field: path.description)
        case .array(let elements):
            for (index, element) in elements.enumerated() { try check(element, at: path.appending(index: index)) }
        case .object(let object):
            for (key, member) in object {
                try check(key, field: path.appending(key: key).description)
                try check(member, at: path.appending(key: key))
            }
        case .null, .bool, .number:
            return
        }
    }

    private static func problem(_ scalar: Unicode.Scalar, field: String) -> Problem {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return Problem("request.control-character",
                       en: "\(field) contains the control character \(code); remove it and send again.",
                       vi: "\(field) chứa ký tự điều khiển \(code); hãy xoá ký tự đó rồi gửi lại.",
                       details: [.init(field: field, code: "control-character",
                                       message: LocalizedText(vi: "Có ký tự điều khiển \(code)", en: "Contains the control character \(code)"))])
    }
}
