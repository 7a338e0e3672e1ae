/// Text helpers written on the standard library alone.
///
/// Served code imports `FoundationEssentials`, not `Foundation`: the full `Foundation` links
/// ICU's 34 MB of data into every commune binary (DESIGN.md, "Per-deployment binaries").
/// These replace the `Foundation`-only string methods MotCua used.
extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    public func trimmed() -> String {
        String(trimming { $0.isWhitespace })
    }

    /// The text without leading and trailing spaces and tabs; line breaks are kept.
    public func trimmingSpaces() -> String {
        String(trimming { $0.isWhitespace && !$0.isNewline })
    }

    /// The part between the first and last character that is not `isSpace`; manifest
    /// checking calls this on every string, so it only looks at the two ends.
    private func trimming(_ isSpace: (Character) -> Bool) -> SubSequence {
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }

    /// The text with every byte outside `keep` written as `%XX` (UTF-8, upper-case hex),
    /// for URL paths and query values.
    public func percentEncoded(keeping keep: (UInt8) -> Bool = PlainText.isUnreserved) -> String {
        var result = ""
        for byte in utf8 {
            if keep(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "%" + byte.hexPadded(2)
            }
        }
        return result
    }
}

/// Byte classes and path text used with ``StringProtocol/percentEncoded(keeping:)``.
public enum PlainText {
    /// ASCII letters and digits.
    public static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// RFC 3986 unreserved characters: letters, digits, `-`, `.`, `_`, `~`.
    public static func isUnreserved(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
    }

    /// The folder part of a file path, as `NSString.deletingLastPathComponent` gave it:
    /// `data/motcua.sqlite` → `data`, `motcua.sqlite` → empty, `/motcua.sqlite` → `/`.
    public static func folder(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        if slash == trimmed.startIndex { return "/" }
        var folder = trimmed[..<slash]
        while folder.count > 1, folder.hasSuffix("/") { folder.removeLast() }
        return String(folder)
    }

    /// The last part of a file path: `data/motcua.sqlite` → `motcua.sqlite`.
    public static func lastComponent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/"), trimmed.count > 1 else { return String(trimmed) }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// `folder` and `name` joined with one slash; an empty folder gives `name`.
    public static func join(_ folder: String, _ name: String) -> String {
        guard !folder.isEmpty else { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}

extension BinaryFloatingPoint {
    /// The value with exactly `places` decimals, rounded half away from zero, as `%.Nf`
    /// wrote it: `2.25.fixed(1)` is `2.3`, `1234.0.fixed(0)` is `1234`.
    public func fixed(_ places: Int) -> String {
        let value = Double(self)
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        var scale: Double = 1
        for _ in 0..<max(0, places) { scale *= 10 }
        let scaled = (value.magnitude * scale).rounded()
        guard scaled < 9.0e18 else { return String(value) }
        let units = UInt64(scaled)
        let divisor = UInt64(scale)
        let sign = value < 0 && units != 0 ? "-" : ""
        guard places > 0 else { return sign + String(units) }
        return sign + String(units / divisor) + "." + (units % divisor).zeroPadded(places)
    }
}
