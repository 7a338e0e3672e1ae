/// A strict RFC 8259 JSON parser that reports the line and column of every mistake.
///
/// Strict means: no trailing commas, comments, single quotes, unquoted keys, leading zeros,
/// `NaN`/`Infinity`, raw control characters in strings, invalid escapes, lone surrogates,
/// invalid UTF-8, duplicate keys in one object, or anything after the root value. A leading
/// UTF-8 byte order mark is skipped. Nesting is limited (`maximumDepth`, 512 by default) so
/// hostile input cannot exhaust memory or time; the parser is iterative and never recurses.
/// It never traps: every input either parses or throws `JSONSyntaxError`.
public struct JSONParser: Sendable {
    /// The deepest nesting of arrays and objects accepted; `[[1]]` has depth 2.
    ///
    /// Parsing itself is iterative, but freeing, comparing and serializing a `JSONValue` walk
    /// it recursively, so keep this to a few thousand at most.
    public var maximumDepth: Int

    /// Creates a parser with a nesting limit.
    public init(maximumDepth: Int = 512) {
        self.maximumDepth = maximumDepth
    }

    /// Parses a complete UTF-8 document.
    public func parse(_ bytes: some Collection<UInt8>) throws(JSONSyntaxError) -> JSONValue {
        try run(bytes, recordPositions: false).value
    }

    /// Parses a complete document given as text.
    public func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try parse(text.utf8)
    }

    /// Parses a complete UTF-8 document and records where every value and key starts.
    public func parseWithSourceMap(_ bytes: some Collection<UInt8>) throws(JSONSyntaxError) -> (value: JSONValue, sourceMap: JSONSourceMap) {
        let (value, map) = try run(bytes, recordPositions: true)
        return (value, map)
    }

    private func run(_ bytes: some Collection<UInt8>, recordPositions: Bool) throws(JSONSyntaxError) -> (value: JSONValue, sourceMap: JSONSourceMap) {
        let limit = maximumDepth
        let work = { (buffer: UnsafeBufferPointer<UInt8>) -> Result<(JSONValue, JSONSourceMap), JSONSyntaxError> in
            var core = ParserCore(buffer, maximumDepth: limit, recordPositions: recordPositions)
            return Result { () throws(JSONSyntaxError) in
                let value = try core.parseDocument()
                return (value, core.sourceMap)
            }
        }
        let result = bytes.withContiguousStorageIfAvailable(work) ?? Array(bytes).withUnsafeBufferPointer(work)
        return try result.get()
    }
}

/// Where each value and each object key of a parsed document starts.
///
/// Both maps are keyed by the value's path; for an object member, `keys` holds where its key
/// is written and `values` where its value starts. Error reporters usually want
/// `position(of:)`, which prefers the key (that is what a person looks for) and falls back to
/// the nearest enclosing value that has a position.
public struct JSONSourceMap: Sendable, Hashable {
    /// Where each value starts, by its path; the root is at `JSONPath.root`.
    public var values: [JSONPath: TextPosition] = [:]
    /// Where each object member's key starts, by the member's path.
    public var keys: [JSONPath: TextPosition] = [:]

    /// Creates an empty map.
    public init() {}

    /// Where the value at `path` starts.
    public subscript(path: JSONPath) -> TextPosition? { values[path] }

    /// The best position to show for `path`: its key, else its value, else the closest
    /// enclosing path that is in the map.
    public func position(of path: JSONPath) -> TextPosition? {
        var current: JSONPath? = path
        while let candidate = current {
            if let position = keys[candidate] ?? values[candidate] { return position }
            current = candidate.parent
        }
        return nil
    }
}

private enum Byte {
    static let quote: UInt8 = 0x22
    static let backslash: UInt8 = 0x5C
    static let slash: UInt8 = 0x2F
    static let comma: UInt8 = 0x2C
    static let colon: UInt8 = 0x3A
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D
    static let openBracket: UInt8 = 0x5B
    static let closeBracket: UInt8 = 0x5D
    static let minus: UInt8 = 0x2D
    static let plus: UInt8 = 0x2B
    static let point: UInt8 = 0x2E
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let singleQuote: UInt8 = 0x27
    static let star: UInt8 = 0x2A
}

/// The parsing state over one contiguous buffer.
private struct ParserCore {
    let bytes: UnsafeBufferPointer<UInt8>
    let count: Int
    let maximumDepth: Int
    let recordPositions: Bool
    /// Where the document proper starts: 3 after a byte order mark, else 0.
    var contentStart = 0
    var index = 0
    var line = 1
    var lineStart = 0
    // Column cache for the current line, so recording every value's position stays linear.
    var cachedLineStart = -1
    var cachedOffset = 0
    var cachedColumn = 1
    var sourceMap = JSONSourceMap()
    var path: [JSONPath.Component] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int, recordPositions: Bool) {
        self.bytes = bytes
        self.count = bytes.count
        self.maximumDepth = maximumDepth
        self.recordPositions = recordPositions
    }

    // MARK: Positions

    /// The position of `offset` on the current line, computed incrementally.
    mutating func currentLinePosition(_ offset: Int) -> TextPosition {
        if cachedLineStart != lineStart || offset < cachedOffset {
            cachedLineStart = lineStart
            cachedOffset = lineStart
            cachedColumn = 1
        }
        var column = cachedColumn
        var cursor = cachedOffset
        while cursor < offset {
            if bytes[cursor] & 0xC0 != 0x80 { column += 1 }
            cursor += 1
        }
        cachedOffset = offset
        cachedColumn = column
        return TextPosition(line: line, column: column, offset: offset)
    }

    /// The position of any offset, scanning from the start; used only for errors.
    func position(at offset: Int) -> TextPosition {
        let target = min(max(offset, contentStart), count)
        var line = 1
        var column = 1
        var cursor = contentStart
        while cursor < target {
            let byte = bytes[cursor]
            if byte == Byte.lineFeed {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            cursor += 1
        }
        return TextPosition(line: line, column: column, offset: offset)
    }

    /// What is at `offset`, for "found …" in messages.
    func found(at offset: Int) -> JSONFound {
        guard offset < count else { return .end }
        let byte = bytes[offset]
        if byte < 0x80 { return .character(Unicode.Scalar(byte)) }
        guard let length = utf8SequenceLength(at: offset) else { return .invalidUTF8 }
        var decoder = UTF8()
        var iterator = UnsafeBufferPointer(rebasing: bytes[offset..<(offset + length)]).makeIterator()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return .character(scalar) }
        return .invalidUTF8
    }

    /// The error for meeting something other than `expected` at `offset`, recognising the
    /// usual non-JSON habits (comments, single quotes, unquoted keys) to give a better hint.
    func unexpected(_ expected: JSONExpectation, at offset: Int) -> JSONSyntaxError {
        let position = position(at: offset)
        guard offset < count else {
            return .unexpected(expected, found: .end, hint: nil, at: position)
        }
        let byte = bytes[offset]
        if byte == Byte.slash, offset + 1 < count, bytes[offset + 1] == Byte.slash || bytes[offset + 1] == Byte.star {
            return .comment(at: position)
        }
        let found = found(at: offset)
        if case .invalidUTF8 = found { return .invalidUTF8(byte: byte, at: position) }
        var hint: (en: String, vi: String)?
        if byte == Byte.singleQuote {
            hint = JSONSyntaxError.singleQuoteHint
        } else if case .key = expected, isIdentifierStart(byte) {
            hint = JSONSyntaxError.unquotedKeyHint
        } else if case .keyOrClose = expected, isIdentifierStart(byte) {
            hint = JSONSyntaxError.unquotedKeyHint
        }
        return .unexpected(expected, found: found, hint: hint, at: position)
    }

    private func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte == 0x24
    }

    // MARK: Document

    /// Members an object has room for before its arrays grow: most journal payloads and
    /// manifest objects have fewer.
    static let objectCapacity = 12

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            contentStart = 3
            index = 3
            lineStart = 3
        }
        skipWhitespace()
        guard index < count else { throw .emptyDocument(at: position(at: index)) }

        // Containers being built, innermost last. `isObject` says which stack the top uses.
        var isObject: [Bool] = []
        var arrays: [[JSONValue]] = []
        var objects: [JSONObject] = []
        var pendingKeys: [String] = []
        var keyOffsets: [[Int]] = []
        var root: JSONValue

        document: while true {
            // At the start of a value, whitespace already skipped.
            if recordPositions {
                sourceMap.values[JSONPath(path)] = currentLinePosition(index)
            }
            guard index < count else { throw unexpected(.value, at: index) }
            var value: JSONValue
            switch bytes[index] {
            case Byte.openBrace:
                guard isObject.count < maximumDepth else { throw .tooDeep(limit: maximumDepth, at: position(at: index)) }
                index += 1
                skipWhitespace()
                if index < count, bytes[index] == Byte.closeBrace {
                    index += 1
                    value = .object(JSONObject())
                } else {
                    isObject.append(true)
                    objects.append(JSONObject(reservingCapacity: Self.objectCapacity))
                    keyOffsets.append([])
                    keyOffsets[keyOffsets.count - 1].reserveCapacity(Self.objectCapacity)
                    try parseKey(first: true, into: objects[objects.count - 1], offsets: &keyOffsets[keyOffsets.count - 1], pendingKeys: &pendingKeys)
                    continue document
                }
            case Byte.openBracket:
                guard isObject.count < maximumDepth else { throw .tooDeep(limit: maximumDepth, at: position(at: index)) }
                index += 1
                skipWhitespace()
                if index < count, bytes[index] == Byte.closeBracket {
                    index += 1
                    value = .array([])
                } else {
                    isObject.append(false)
                    arrays.append([])
                    if recordPositions { path.append(.index(0)) }
                    continue document
                }
            case Byte.quote:
                value = .string(try parseString())
            case Byte.minus, Byte.zero...Byte.nine:
                value = .number(try parseNumber())
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                value = .null
            case UInt8(ascii: "N"):
                if matches("NaN") { throw .nonFiniteNumber("NaN", at: position(at: index)) }
                throw unexpected(.value, at: index)
            case UInt8(ascii: "I"):
                if matches("Infinity") { throw .nonFiniteNumber("Infinity", at: position(at: index)) }
                throw unexpected(.value, at: index)
            default:
                throw unexpected(.value, at: index)
            }

            // A value is complete: hand it to its container, closing containers as they end.
            while true {
                guard let inObject = isObject.last else {
                    root = value
                    break document
                }
                skipWhitespace()
                if inObject {
                    objects[objects.count - 1].append(pendingKeys.removeLast(), value)
                    if recordPositions { path.removeLast() }
                    guard index < count else { throw unexpected(.memberSeparator, at: index) }
                    if bytes[index] == Byte.comma {
                        let comma = index
                        index += 1
                        skipWhitespace()
                        if index < count, bytes[index] == Byte.closeBrace {
                            throw .trailingComma(before: "}", at: position(at: comma))
                        }
                        try parseKey(first: false, into: objects[objects.count - 1], offsets: &keyOffsets[keyOffsets.count - 1], pendingKeys: &pendingKeys)
                        continue document
                    } else if bytes[index] == Byte.closeBrace {
                        index += 1
                        isObject.removeLast()
                        keyOffsets.removeLast()
                        value = .object(objects.removeLast())
                    } else {
                        throw unexpected(.memberSeparator, at: index)
                    }
                } else {
                    arrays[arrays.count - 1].append(value)
                    guard index < count else { throw unexpected(.arraySeparator, at: index) }
                    if bytes[index] == Byte.comma {
                        let comma = index
                        index += 1
                        skipWhitespace()
                        if index < count, bytes[index] == Byte.closeBracket {
                            throw .trailingComma(before: "]", at: position(at: comma))
                        }
                        if recordPositions { path[path.count - 1] = .index(arrays[arrays.count - 1].count) }
                        continue document
                    } else if bytes[index] == Byte.closeBracket {
                        index += 1
                        isObject.removeLast()
                        if recordPositions { path.removeLast() }
                        value = .array(arrays.removeLast())
                    } else {
                        throw unexpected(.arraySeparator, at: index)
                    }
                }
            }
        }

        skipWhitespace()
        if index < count {
            let byte = bytes[index]
            if byte == Byte.slash, index + 1 < count, bytes[index + 1] == Byte.slash || bytes[index + 1] == Byte.star {
                throw .comment(at: position(at: index))
            }
            let found = found(at: index)
            if case .invalidUTF8 = found { throw .invalidUTF8(byte: byte, at: position(at: index)) }
            throw .trailingContent(found, at: position(at: index))
        }
        return root
    }

    /// Parses `"key"` and `:` and leaves the index at the member's value.
    mutating func parseKey(first: Bool, into object: JSONObject, offsets: inout [Int], pendingKeys: inout [String]) throws(JSONSyntaxError) {
        guard index < count, bytes[index] == Byte.quote else {
            throw unexpected(first ? .keyOrClose : .key, at: index)
        }
        let keyOffset = index
        let keyPosition = recordPositions ? currentLinePosition(keyOffset) : nil
        let key = try parseString()
        if let existing = object.position(of: key) {
            throw .duplicateKey(key, first: position(at: offsets[existing]), at: position(at: keyOffset))
        }
        offsets.append(keyOffset)
        pendingKeys.append(key)
        if recordPositions {
            path.append(.key(key))
            sourceMap.keys[JSONPath(path)] = keyPosition
        }
        skipWhitespace()
        guard index < count, bytes[index] == Byte.colon else {
            throw unexpected(.colon(key: key), at: index)
        }
        index += 1
        skipWhitespace()
    }

    mutating func skipWhitespace() {
        while index < count {
            switch bytes[index] {
            case Byte.space, Byte.tab, Byte.carriageReturn:
                index += 1
            case Byte.lineFeed:
                index += 1
                line += 1
                lineStart = index
            default:
                return
            }
        }
    }

    func matches(_ word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard count - index >= length else { return false }
        let pointer = word.utf8Start
        for offset in 0..<length where bytes[index + offset] != pointer[offset] {
            return false
        }
        return true
    }

    mutating func expectLiteral(_ word: StaticString) throws(JSONSyntaxError) {
        guard matches(word) else {
            throw .invalidLiteral(expected: word.description, at: position(at: index))
        }
        index += word.utf8CodeUnitCount
    }

    // MARK: Numbers

    func isDigit(_ offset: Int) -> Bool {
        offset < count && bytes[offset] >= Byte.zero && bytes[offset] <= Byte.nine
    }

    mutating func parseNumber() throws(JSONSyntaxError) -> JSONNumber {
        let start = index
        let negative = bytes[index] == Byte.minus
        if negative {
            index += 1
            if matches("Infinity") { throw .nonFiniteNumber("-Infinity", at: position(at: start)) }
        }
        guard isDigit(index) else { throw unexpected(.digitAfterMinus, at: index) }
        if bytes[index] == Byte.zero {
            index += 1
            if isDigit(index) {
                while isDigit(index) { index += 1 }
                throw .leadingZero(lexeme(start), at: position(at: start))
            }
        } else {
            while isDigit(index) { index += 1 }
        }
        var isInteger = true
        if index < count, bytes[index] == Byte.point {
            isInteger = false
            index += 1
            guard isDigit(index) else { throw unexpected(.digitAfterPoint, at: index) }
            while isDigit(index) { index += 1 }
        }
        if index < count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            index += 1
            if index < count, bytes[index] == Byte.plus || bytes[index] == Byte.minus { index += 1 }
            guard isDigit(index) else { throw unexpected(.exponentDigit, at: index) }
            while isDigit(index) { index += 1 }
        }
        if isInteger, let exact = integerValue(from: negative ? start + 1 : start, negative: negative) {
            return .integer(exact)
        }
        let text = lexeme(start)
        guard let double = Double(text), double.isFinite else {
            throw .numberOutOfRange(text, at: position(at: start))
        }
        return .double(double)
    }

    /// The digits from `digitsStart` to `index` as an `Int64`, or `nil` on overflow.
    func integerValue(from digitsStart: Int, negative: Bool) -> Int64? {
        var value: Int64 = 0
        for offset in digitsStart..<index {
            let digit = Int64(bytes[offset] &- Byte.zero)
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            // Accumulate negatively so Int64.min fits.
            let (next, overflowB) = negative
                ? shifted.subtractingReportingOverflow(digit)
                : shifted.addingReportingOverflow(digit)
            if overflowA || overflowB { return nil }
            value = next
        }
        return value
    }

    func lexeme(_ start: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    // MARK: Strings

    /// The length of the valid UTF-8 sequence at `offset`, or `nil` when it is not valid
    /// (overlong forms, surrogates and values past U+10FFFF are rejected).
    func utf8SequenceLength(at offset: Int) -> Int? {
        let lead = bytes[offset]
        func continuation(_ distance: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            offset + distance < count && bytes[offset + distance] >= low && bytes[offset + distance] <= high
        }
        switch lead {
        case 0x00..<0x80:
            return 1
        case 0xC2...0xDF:
            return continuation(1) ? 2 : nil
        case 0xE0:
            return continuation(1, 0xA0) && continuation(2) ? 3 : nil
        case 0xED:
            return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : nil
        case 0xE1...0xEF:
            return continuation(1) && continuation(2) ? 3 : nil
        case 0xF0:
            return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : nil
        case 0xF1...0xF3:
            return continuation(1) && continuation(2) && continuation(3) ? 4 : nil
        case 0xF4:
            return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : nil
        default:
            return nil
        }
    }

    /// Parses a string starting at its opening quote and leaves the index after the closing one.
    mutating func parseString() throws(JSONSyntaxError) -> String {
        let open = index
        index += 1
        let start = index
        var segmentStart = index
        var unescaped: [UInt8]? = nil
        while true {
            guard index < count else { throw .unterminatedString(at: position(at: open)) }
            let byte = bytes[index]
            if byte == Byte.quote {
                break
            } else if byte == Byte.backslash {
                if unescaped == nil {
                    unescaped = []
                    unescaped!.reserveCapacity(index - start + 16)
                }
                unescaped!.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segmentStart..<index]))
                try parseEscape(into: &unescaped!)
                segmentStart = index
            } else if byte < 0x20 {
                throw .controlCharacter(Unicode.Scalar(byte), at: position(at: index))
            } else if byte < 0x80 {
                index += 1
            } else {
                guard let length = utf8SequenceLength(at: index) else {
                    throw .invalidUTF8(byte: byte, at: position(at: index))
                }
                index += length
            }
        }
        let end = index
        index += 1
        guard var unescaped else {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segmentStart..<end]))
        return String(decoding: unescaped, as: UTF8.self)
    }

    /// Parses one escape starting at its backslash.
    mutating func parseEscape(into output: inout [UInt8]) throws(JSONSyntaxError) {
        let escapeStart = index
        index += 1
        guard index < count else { throw .unterminatedString(at: position(at: escapeStart)) }
        let simple: UInt8? = switch bytes[index] {
        case Byte.quote: Byte.quote
        case Byte.backslash: Byte.backslash
        case Byte.slash: Byte.slash
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): Byte.lineFeed
        case UInt8(ascii: "r"): Byte.carriageReturn
        case UInt8(ascii: "t"): Byte.tab
        default: nil
        }
        if let simple {
            output.append(simple)
            index += 1
            return
        }
        guard bytes[index] == UInt8(ascii: "u") else {
            throw .invalidEscape(found(at: index), at: position(at: escapeStart))
        }
        index += 1
        let unit = try hexQuad()
        let scalarValue: UInt32
        if unit >= 0xD800 && unit <= 0xDBFF {
            // A high surrogate is only valid as the first half of an escaped pair.
            guard count - index >= 2, bytes[index] == Byte.backslash, bytes[index + 1] == UInt8(ascii: "u") else {
                throw .loneSurrogate(unit, at: position(at: escapeStart))
            }
            index += 2
            let low = try hexQuad()
            guard low >= 0xDC00 && low <= 0xDFFF else {
                throw .loneSurrogate(unit, at: position(at: escapeStart))
            }
            scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
        } else if unit >= 0xDC00 && unit <= 0xDFFF {
            throw .loneSurrogate(unit, at: position(at: escapeStart))
        } else {
            scalarValue = UInt32(unit)
        }
        // Every value reaching here is a valid scalar: surrogates were handled above.
        let scalar = Unicode.Scalar(scalarValue) ?? "\u{FFFD}"
        output.append(contentsOf: scalar.utf8)
    }

    mutating func hexQuad() throws(JSONSyntaxError) -> UInt16 {
        var unit: UInt16 = 0
        for _ in 0..<4 {
            guard index < count else { throw .invalidUnicodeEscape(.end, at: position(at: index)) }
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case Byte.zero...Byte.nine: digit = byte - Byte.zero
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw .invalidUnicodeEscape(found(at: index), at: position(at: index))
            }
            unit = unit << 4 | UInt16(digit)
            index += 1
        }
        return unit
    }
}
