/// Escaping for text put into HTML, so no value from a manifest, an account or a request
/// can open a tag or leave an attribute.
public enum HTML {
    /// Escapes `&`, `<`, `>`, `"` and `'`; safe in element text and in quoted attributes.
    ///
    /// Pages always quote attributes with `"`, so the result is safe in either place.
    /// A `String` interpolated into a ``Markup`` literal is escaped this way already.
    public static func escape(_ text: String) -> Markup {
        Markup(rawHTML: escapedText(text))
    }

    /// The escaped text itself.
    static func escapedText(_ text: String) -> String {
        // Most values need no escaping; skip the copy for them.
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for character in text.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    /// A local path to go to after a form succeeds, or `/` when `next` could lead off this
    /// server (`//host`, `https://…`, `/\host`) or is not a path at all.
    public static func localPath(_ next: String) -> String {
        guard next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"),
              !next.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return "/" }
        return next
    }
}
