/// Rendering a QR code as SVG for pages and printed receipts.
extension QRCode {
    /// The light border a reader needs around the symbol, in modules (ISO/IEC 18004 §6.3.8).
    public static let quietZone = 4

    /// An SVG image of the symbol: a white square with the 4-module quiet zone and every
    /// dark module in one `<path>`, drawn with crisp edges.
    ///
    /// - Parameters:
    ///   - moduleSize: pixels per module in the `width`/`height`; the `viewBox` is in modules,
    ///     so the image also scales cleanly with CSS.
    ///   - title: the accessible name, in a `<title>`; escaped here.
    public func svg(moduleSize: Int = 4, title: String) -> String {
        let side = size + 2 * Self.quietZone
        let pixels = side * max(1, moduleSize)
        var path = ""
        for row in 0..<size {
            var column = 0
            while column < size {
                guard self[row, column] else { column += 1; continue }
                let start = column
                while column < size, self[row, column] { column += 1 }
                // One rectangle per horizontal run: move, across, down one, back, close.
                path += "M\(start + Self.quietZone) \(row + Self.quietZone)h\(column - start)v1h-\(column - start)z"
            }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" class="qr" role="img" width="\(pixels)" height="\(pixels)" \
            viewBox="0 0 \(side) \(side)" shape-rendering="crispEdges"><title>\(Self.escapeXML(title))</title>\
            <rect width="\(side)" height="\(side)" fill="#fff"/><path fill="#000" d="\(path)"/></svg>
            """
    }

    /// Text safe inside XML character data and attribute values.
    private static func escapeXML(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
