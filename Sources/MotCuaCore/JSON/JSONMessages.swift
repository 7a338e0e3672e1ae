// The catalogue of every user-facing JSON message, English and Vietnamese side by side,
// so translators and reviewers find them in one place.

/// What the parser was looking for when it met something else.
enum JSONExpectation {
    case value
    case arraySeparator
    case memberSeparator
    case colon(key: String)
    case key
    case keyOrClose
    case digitAfterMinus
    case digitAfterPoint
    case exponentDigit
    case hexDigits

    var en: String {
        switch self {
        case .value: "a value (object, array, string, number, true, false or null)"
        case .arraySeparator: "',' or ']' after array element"
        case .memberSeparator: "',' or '}' after object member"
        case .colon(let key): "':' after object key \(quoted(key))"
        case .key: "a double-quoted object key"
        case .keyOrClose: "a double-quoted object key or '}'"
        case .digitAfterMinus: "a digit after '-'"
        case .digitAfterPoint: "a digit after '.'"
        case .exponentDigit: "a digit in the exponent"
        case .hexDigits: "four hexadecimal digits after '\\u'"
        }
    }

    var vi: String {
        switch self {
        case .value: "một giá trị (đối tượng, mảng, chuỗi, số, true, false hoặc null)"
        case .arraySeparator: "',' hoặc ']' sau phần tử mảng"
        case .memberSeparator: "',' hoặc '}' sau thành viên của đối tượng"
        case .colon(let key): "':' sau khoá \(quoted(key))"
        case .key: "một khoá đặt trong dấu nháy kép"
        case .keyOrClose: "một khoá đặt trong dấu nháy kép hoặc '}'"
        case .digitAfterMinus: "một chữ số sau '-'"
        case .digitAfterPoint: "một chữ số sau '.'"
        case .exponentDigit: "một chữ số ở phần mũ"
        case .hexDigits: "bốn chữ số thập lục phân sau '\\u'"
        }
    }
}

/// What the parser met instead.
enum JSONFound {
    case end
    case character(Unicode.Scalar)
    case invalidUTF8

    var en: String {
        switch self {
        case .end: "end of input"
        case .invalidUTF8: "a byte that is not valid UTF-8"
        case .character(let scalar):
            scalar.value < 0x20 || scalar.value == 0x7F
                ? "control character \(scalarName(scalar))" : quotedCharacter(scalar)
        }
    }

    var vi: String {
        switch self {
        case .end: "hết dữ liệu"
        case .invalidUTF8: "một byte không phải UTF-8 hợp lệ"
        case .character(let scalar):
            scalar.value < 0x20 || scalar.value == 0x7F
                ? "ký tự điều khiển \(scalarName(scalar))" : quotedCharacter(scalar)
        }
    }
}

/// `'x'`, or `"'"` for the single quote itself so it stays readable.
func quotedCharacter(_ scalar: Unicode.Scalar) -> String {
    scalar == "'" ? "\"'\"" : "'\(Character(scalar))'"
}

/// `"key"` with JSON escaping, so odd keys stay readable in messages.
func quoted(_ text: String) -> String {
    JSONValue.string(text).serialized()
}

/// `U+000A`.
func scalarName(_ scalar: Unicode.Scalar) -> String {
    "U+" + scalar.value.hexPadded(4)
}

extension JSONSyntaxError {
    static func unexpected(_ expected: JSONExpectation, found: JSONFound, hint: (en: String, vi: String)?, at position: TextPosition) -> Self {
        let hintEn = hint.map { "; \($0.en)" } ?? ""
        let hintVi = hint.map { "; \($0.vi)" } ?? ""
        return Self(
            code: "json.unexpected-character",
            message: "expected \(expected.en), found \(found.en)\(hintEn)",
            messageVi: "cần \(expected.vi), nhưng gặp \(found.vi)\(hintVi)",
            position: position)
    }

    static let singleQuoteHint = (en: "strings and keys need double quotes", vi: "chuỗi và khoá phải dùng dấu nháy kép")
    static let unquotedKeyHint = (en: "object keys need double quotes", vi: "khoá của đối tượng phải đặt trong dấu nháy kép")

    static func emptyDocument(at position: TextPosition) -> Self {
        Self(code: "json.empty-document",
             message: "empty document; expected a JSON value",
             messageVi: "tài liệu trống; cần một giá trị JSON",
             position: position)
    }

    static func trailingComma(before close: Character, at position: TextPosition) -> Self {
        Self(code: "json.trailing-comma",
             message: "trailing comma before '\(close)'; remove the comma",
             messageVi: "dấu phẩy thừa trước '\(close)'; hãy xoá dấu phẩy này",
             position: position)
    }

    static func comment(at position: TextPosition) -> Self {
        Self(code: "json.comment",
             message: "comments are not allowed in JSON; remove the comment",
             messageVi: "JSON không cho phép chú thích; hãy xoá chú thích",
             position: position)
    }

    static func nonFiniteNumber(_ word: String, at position: TextPosition) -> Self {
        Self(code: "json.invalid-number",
             message: "'\(word)' is not a JSON number; write a finite number or null",
             messageVi: "'\(word)' không phải là số JSON; hãy viết một số hữu hạn hoặc null",
             position: position)
    }

    static func invalidLiteral(expected word: String, at position: TextPosition) -> Self {
        Self(code: "json.invalid-literal",
             message: "invalid literal; expected '\(word)' (literals are lowercase and complete)",
             messageVi: "từ khoá không hợp lệ; cần '\(word)' (viết thường, đầy đủ)",
             position: position)
    }

    static func leadingZero(_ lexeme: String, at position: TextPosition) -> Self {
        Self(code: "json.leading-zero",
             message: "leading zeros are not allowed in numbers ('\(lexeme)'); remove them or quote the value as a string",
             messageVi: "số không được bắt đầu bằng chữ số 0 thừa ('\(lexeme)'); hãy bỏ số 0 hoặc viết giá trị thành chuỗi",
             position: position)
    }

    static func numberOutOfRange(_ lexeme: String, at position: TextPosition) -> Self {
        Self(code: "json.number-out-of-range",
             message: "number \(lexeme) is too large to represent",
             messageVi: "số \(lexeme) quá lớn, không biểu diễn được",
             position: position)
    }

    static func unterminatedString(at position: TextPosition) -> Self {
        Self(code: "json.unterminated-string",
             message: "unterminated string; expected a closing '\"' before end of input",
             messageVi: "chuỗi chưa đóng; cần dấu '\"' trước khi hết dữ liệu",
             position: position)
    }

    static func controlCharacter(_ scalar: Unicode.Scalar, at position: TextPosition) -> Self {
        let escape = switch scalar {
        case "\n": "\\n"
        case "\r": "\\r"
        case "\t": "\\t"
        default: "\\u00" + String(scalarName(scalar).suffix(2))
        }
        return Self(code: "json.control-character",
                    message: "control character \(scalarName(scalar)) in string; write it as \(escape)",
                    messageVi: "ký tự điều khiển \(scalarName(scalar)) trong chuỗi; hãy viết thành \(escape)",
                    position: position)
    }

    static func invalidEscape(_ found: JSONFound, at position: TextPosition) -> Self {
        let valid = "\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX"
        return Self(code: "json.invalid-escape",
                    message: "invalid escape '\\' followed by \(found.en) in string; valid escapes are \(valid)",
                    messageVi: "chuỗi thoát không hợp lệ: '\\' theo sau bởi \(found.vi); chỉ dùng \(valid)",
                    position: position)
    }

    static func invalidUnicodeEscape(_ found: JSONFound, at position: TextPosition) -> Self {
        Self(code: "json.invalid-escape",
             message: "expected \(JSONExpectation.hexDigits.en), found \(found.en)",
             messageVi: "cần \(JSONExpectation.hexDigits.vi), nhưng gặp \(found.vi)",
             position: position)
    }

    static func loneSurrogate(_ unit: UInt16, at position: TextPosition) -> Self {
        let hex = String(unit, radix: 16, uppercase: true)
        let isHigh = unit < 0xDC00
        let en = isHigh
            ? "lone surrogate '\\u\(hex)' in string; a high surrogate must be followed by a low surrogate escape \\uDC00–\\uDFFF"
            : "lone surrogate '\\u\(hex)' in string; a low surrogate must follow a high surrogate escape \\uD800–\\uDBFF"
        let vi = isHigh
            ? "nửa cặp thay thế đơn lẻ '\\u\(hex)' trong chuỗi; sau nó phải là \\uDC00–\\uDFFF"
            : "nửa cặp thay thế đơn lẻ '\\u\(hex)' trong chuỗi; trước nó phải là \\uD800–\\uDBFF"
        return Self(code: "json.lone-surrogate", message: en, messageVi: vi, position: position)
    }

    static func invalidUTF8(byte: UInt8, at position: TextPosition) -> Self {
        let hex = String(byte, radix: 16, uppercase: true)
        let byteText = "0x" + (hex.count < 2 ? "0" : "") + hex
        return Self(code: "json.invalid-utf8",
                    message: "not valid UTF-8 (byte \(byteText) at offset \(position.offset)); save the file as UTF-8",
                    messageVi: "không phải UTF-8 hợp lệ (byte \(byteText) ở vị trí \(position.offset)); hãy lưu tệp ở dạng UTF-8",
                    position: position)
    }

    static func duplicateKey(_ key: String, first: TextPosition, at position: TextPosition) -> Self {
        Self(code: "json.duplicate-key",
             message: "duplicate key \(quoted(key)) at \(position); first defined at \(first); keep only one",
             messageVi: "khoá \(quoted(key)) bị lặp ở \(position.descriptionVi); đã có ở \(first.descriptionVi); chỉ giữ một",
             position: position)
    }

    static func trailingContent(_ found: JSONFound, at position: TextPosition) -> Self {
        Self(code: "json.trailing-content",
             message: "unexpected \(found.en) after the end of the document; expected end of input",
             messageVi: "gặp \(found.vi) sau khi tài liệu đã kết thúc; cần hết dữ liệu",
             position: position)
    }

    static func tooDeep(limit: Int, at position: TextPosition) -> Self {
        Self(code: "json.too-deep",
             message: "nesting deeper than \(limit) levels; flatten the document",
             messageVi: "lồng sâu hơn \(limit) cấp; hãy làm phẳng tài liệu",
             position: position)
    }
}

/// How decoding errors name what a type expects.
enum JSONExpectedType {
    case null, boolean, integer, number, string, array, object

    var en: String {
        switch self {
        case .null: "null"
        case .boolean: "boolean"
        case .integer: "integer"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    var vi: String {
        switch self {
        case .null: "null"
        case .boolean: "giá trị đúng/sai"
        case .integer: "số nguyên"
        case .number: "số"
        case .string: "chuỗi"
        case .array: "mảng"
        case .object: "đối tượng"
        }
    }

    static func vi(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "giá trị đúng/sai"
        case .number: "số"
        case .string: "chuỗi"
        case .array: "mảng"
        case .object: "đối tượng"
        }
    }
}

/// `"a", "b" or "c"`.
private func listing(_ names: [String], or: String) -> String {
    let shown = names.map(quoted)
    guard shown.count > 1 else { return shown.first ?? "" }
    return shown.dropLast().joined(separator: ", ") + " \(or) " + shown.last!
}

extension JSONDecodingError {
    static func typeMismatch(expected: JSONExpectedType, found: JSONValue, at path: JSONPath) -> Self {
        var foundEn = found.typeName
        var foundVi = JSONExpectedType.vi(of: found)
        if expected == .integer, let number = found.numberValue {
            // "found number" alone would puzzle someone who wrote 1.5 where an integer belongs.
            foundEn = "number \(number)"
            foundVi = "số \(number)"
        }
        return Self(code: "json.type-mismatch", path: path,
                    message: "expected \(expected.en), found \(foundEn)",
                    messageVi: "cần \(expected.vi), nhưng gặp \(foundVi)")
    }

    static func integerOutOfRange(_ number: JSONNumber, min: String, max: String, at path: JSONPath) -> Self {
        Self(code: "json.integer-out-of-range", path: path,
             message: "integer \(number) is out of range; expected \(min) to \(max)",
             messageVi: "số nguyên \(number) nằm ngoài phạm vi; cần từ \(min) đến \(max)")
    }

    static func unknownKey(_ key: String, suggestion: String?, known: [String], at path: JSONPath) -> Self {
        let (en, vi): (String, String)
        if let suggestion {
            en = "unknown key \(quoted(key)) — did you mean \(quoted(suggestion))?"
            vi = "khoá không hợp lệ \(quoted(key)) — có phải là \(quoted(suggestion))?"
        } else if !known.isEmpty, known.count <= 12 {
            en = "unknown key \(quoted(key)); expected \(listing(known, or: "or"))"
            vi = "khoá không hợp lệ \(quoted(key)); cần \(listing(known, or: "hoặc"))"
        } else {
            en = "unknown key \(quoted(key)); remove it"
            vi = "khoá không hợp lệ \(quoted(key)); hãy xoá khoá này"
        }
        return Self(code: "json.unknown-key", path: path, message: en, messageVi: vi)
    }

    static func missingKey(_ key: String, misspelling: String?, at path: JSONPath) -> Self {
        let hintEn = misspelling.map { " (is \(quoted($0)) a misspelling of it?)" } ?? ""
        let hintVi = misspelling.map { " (có phải \(quoted($0)) bị viết sai?)" } ?? ""
        return Self(code: "json.missing-key", path: path,
                    message: "missing required key \(quoted(key))\(hintEn)",
                    messageVi: "thiếu khoá bắt buộc \(quoted(key))\(hintVi)")
    }

    static func unknownValue(_ value: String, suggestion: String?, allowed: [String], at path: JSONPath) -> Self {
        let (en, vi): (String, String)
        if let suggestion {
            en = "unknown value \(quoted(value)) — did you mean \(quoted(suggestion))?"
            vi = "giá trị không hợp lệ \(quoted(value)) — có phải là \(quoted(suggestion))?"
        } else {
            en = "unknown value \(quoted(value)); expected \(listing(allowed, or: "or"))"
            vi = "giá trị không hợp lệ \(quoted(value)); cần \(listing(allowed, or: "hoặc"))"
        }
        return Self(code: "json.unknown-value", path: path, message: en, messageVi: vi)
    }

    static func extraElements(count: Int, expected: Int, at path: JSONPath) -> Self {
        Self(code: "json.extra-elements", path: path,
             message: "array has \(count) elements, expected \(expected); remove the rest",
             messageVi: "mảng có \(count) phần tử, chỉ cần \(expected); hãy xoá phần thừa")
    }

    static func missingElement(index: Int, at path: JSONPath) -> Self {
        Self(code: "json.missing-element", path: path,
             message: "expected an element at index \(index), found the end of the array",
             messageVi: "cần phần tử ở vị trí \(index), nhưng mảng đã hết")
    }

    static func invalidValue(_ detail: String, underlying: (any Error)?, at path: JSONPath) -> Self {
        Self(code: "json.invalid-value", path: path,
             message: "invalid value: \(detail)",
             messageVi: "giá trị không hợp lệ: \(detail)",
             underlyingError: underlying)
    }
}

extension JSONEncodingError {
    static func nonFinite(_ value: Double, at path: JSONPath) -> Self {
        Self(code: "json.non-finite-number", path: path,
             message: "cannot encode \(value); JSON has no NaN or infinity",
             messageVi: "không thể mã hoá \(value); JSON không có NaN hay vô cực")
    }

    static func integerOutOfRange(_ value: String, at path: JSONPath) -> Self {
        Self(code: "json.integer-out-of-range", path: path,
             message: "cannot encode integer \(value); JSON integers here must fit in 64-bit signed range",
             messageVi: "không thể mã hoá số nguyên \(value); số nguyên phải nằm trong phạm vi 64-bit có dấu")
    }

    static func failed(_ detail: String, underlying: (any Error)?, at path: JSONPath) -> Self {
        Self(code: "json.encoding-failed", path: path,
             message: "cannot encode value: \(detail)",
             messageVi: "không thể mã hoá giá trị: \(detail)",
             underlyingError: underlying)
    }
}
