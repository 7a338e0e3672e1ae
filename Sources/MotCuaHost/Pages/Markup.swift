/// HTML that is safe to send: text put into it is escaped unless it is already markup.
///
/// Pages are written as string literals typed `Markup`. In such a literal every interpolated
/// `String` (a name from the manifest, a citizen's answer, a query parameter) and every
/// other value is escaped; only `Markup` values pass through as they are:
///
/// ```swift
/// let row: Markup = "<tr><td>\(citizen.name)</td><td>\(badge)</td></tr>"
/// ```
///
/// HTML that comes from elsewhere (an SVG drawn by code) enters only through
/// ``init(rawHTML:)``, the one greppable exception. Putting `Markup` into a plain `String`
/// literal is deprecated: the `String` would be escaped again when it reaches a page.
public struct Markup: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The HTML text, ready to send.
    public private(set) var html: String

    /// Trusts `html` as it is, unescaped. Use it only for HTML this program generated
    /// (an SVG drawing, a QR code), never for text that came from a person or a file.
    public init(rawHTML html: String) {
        self.html = html
    }

    /// Empty markup.
    public init() {
        html = ""
    }

    /// A literal written in the code is markup as it stands.
    public init(stringLiteral value: String) {
        html = value
    }

    /// A literal with interpolations: strings and values escaped, markup kept.
    public init(stringInterpolation: StringInterpolation) {
        html = stringInterpolation.html
    }

    /// The HTML text.
    public var description: String { html }

    /// Whether there is no HTML at all.
    public var isEmpty: Bool { html.isEmpty }

    /// Builds the HTML of a `Markup` literal.
    public struct StringInterpolation: StringInterpolationProtocol {
        var html = ""

        /// Makes room for the literal's text.
        public init(literalCapacity: Int, interpolationCount: Int) {
            html.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        /// The literal's own text, written by a programmer: kept as it is.
        public mutating func appendLiteral(_ literal: String) {
            html += literal
        }

        // Text and other values are disfavoured, so that a literal nested in an interpolation
        // (`\(done ? "<b>…</b>" : "")`) is read as markup written in the code, not as text.

        /// Text: escaped.
        @_disfavoredOverload
        public mutating func appendInterpolation(_ text: String) {
            html += HTML.escapedText(text)
        }

        /// Text, or nothing for nil: escaped.
        @_disfavoredOverload
        public mutating func appendInterpolation(_ text: String?) {
            if let text { html += HTML.escapedText(text) }
        }

        /// Markup: kept as it is.
        public mutating func appendInterpolation(_ markup: Markup) {
            html += markup.html
        }

        /// Markup, or nothing for nil: kept as it is.
        public mutating func appendInterpolation(_ markup: Markup?) {
            if let markup { html += markup.html }
        }

        /// Any other value (a number, a date, an identifier): its description, escaped.
        @_disfavoredOverload
        public mutating func appendInterpolation<Value: CustomStringConvertible>(_ value: Value) {
            html += HTML.escapedText(value.description)
        }
    }

    /// Appends markup.
    public static func += (lhs: inout Markup, rhs: Markup) {
        lhs.html += rhs.html
    }

    /// Joins two pieces of markup.
    public static func + (lhs: Markup, rhs: Markup) -> Markup {
        Markup(rawHTML: lhs.html + rhs.html)
    }
}

extension Sequence where Element == Markup {
    /// The pieces one after another, with `separator` between them.
    public func joined(separator: Markup = Markup()) -> Markup {
        Markup(rawHTML: map(\.html).joined(separator: separator.html))
    }
}

extension DefaultStringInterpolation {
    /// Markup in a plain `String` literal: the result is escaped again when it reaches a page.
    @available(*, deprecated, message: "type this literal as Markup: a String holding markup is escaped again on the page")
    public mutating func appendInterpolation(_ markup: Markup) {
        appendLiteral(markup.html)
    }
}
