import Foundation
import Testing
@testable import MotCuaCore

/// One malformed document and what its error must say.
struct Rejection: CustomTestStringConvertible, Sendable {
    let input: String
    let code: String
    let line: Int
    let column: Int
    let message: String

    var testDescription: String { input.debugDescription }
}

@Suite("JSON parser")
struct JSONParserTests {
    static let rejections: [Rejection] = [
        Rejection(input: "[1,]", code: "json.trailing-comma", line: 1, column: 3, message: "trailing comma before ']'; remove the comma"),
        Rejection(input: #"{"a":1,}"#, code: "json.trailing-comma", line: 1, column: 7, message: "trailing comma before '}'"),
        Rejection(input: "{\n  \"a\": 1,\n}", code: "json.trailing-comma", line: 2, column: 9, message: "trailing comma before '}'"),
        Rejection(input: "// note\n{}", code: "json.comment", line: 1, column: 1, message: "comments are not allowed in JSON"),
        Rejection(input: #"{"a": 1 /* why */}"#, code: "json.comment", line: 1, column: 9, message: "comments are not allowed"),
        Rejection(input: "{} // done", code: "json.comment", line: 1, column: 4, message: "comments are not allowed"),
        Rejection(input: "['a']", code: "json.unexpected-character", line: 1, column: 2,
                  message: "expected a value (object, array, string, number, true, false or null), found \"'\"; strings and keys need double quotes"),
        Rejection(input: "{a: 1}", code: "json.unexpected-character", line: 1, column: 2,
                  message: "expected a double-quoted object key or '}', found 'a'; object keys need double quotes"),
        Rejection(input: #"{"a": 1, b: 2}"#, code: "json.unexpected-character", line: 1, column: 10,
                  message: "expected a double-quoted object key, found 'b'; object keys need double quotes"),
        Rejection(input: "01", code: "json.leading-zero", line: 1, column: 1, message: "leading zeros are not allowed in numbers ('01')"),
        Rejection(input: "[-007]", code: "json.leading-zero", line: 1, column: 2, message: "('-007')"),
        Rejection(input: "NaN", code: "json.invalid-number", line: 1, column: 1, message: "'NaN' is not a JSON number"),
        Rejection(input: "[1, Infinity]", code: "json.invalid-number", line: 1, column: 5, message: "'Infinity' is not a JSON number"),
        Rejection(input: "-Infinity", code: "json.invalid-number", line: 1, column: 1, message: "'-Infinity' is not a JSON number"),
        Rejection(input: "\"a\tb\"", code: "json.control-character", line: 1, column: 3, message: "control character U+0009 in string; write it as \\t"),
        Rejection(input: "[\"line\nbreak\"]", code: "json.control-character", line: 1, column: 7, message: "write it as \\n"),
        Rejection(input: #""bad \x escape""#, code: "json.invalid-escape", line: 1, column: 6, message: "invalid escape '\\' followed by 'x'"),
        Rejection(input: #""\u12G4""#, code: "json.invalid-escape", line: 1, column: 6, message: "expected four hexadecimal digits after '\\u', found 'G'"),
        Rejection(input: #"["\uD800"]"#, code: "json.lone-surrogate", line: 1, column: 3, message: "lone surrogate '\\uD800'"),
        Rejection(input: #""\uD83D\u0041""#, code: "json.lone-surrogate", line: 1, column: 2, message: "must be followed by a low surrogate"),
        Rejection(input: #""x\uDC00""#, code: "json.lone-surrogate", line: 1, column: 3, message: "a low surrogate must follow a high surrogate"),
        Rejection(input: #"{"a": 1, "b": 2, "a": 3}"#, code: "json.duplicate-key", line: 1, column: 18,
                  message: #"duplicate key "a" at line 1, column 18; first defined at line 1, column 2"#),
        Rejection(input: "{} x", code: "json.trailing-content", line: 1, column: 4, message: "unexpected 'x' after the end of the document"),
        Rejection(input: "[1]\n[2]", code: "json.trailing-content", line: 2, column: 1, message: "unexpected '['"),
        Rejection(input: "", code: "json.empty-document", line: 1, column: 1, message: "empty document"),
        Rejection(input: "  \n\t ", code: "json.empty-document", line: 2, column: 3, message: "empty document"),
        Rejection(input: #"{"a" 1}"#, code: "json.unexpected-character", line: 1, column: 6, message: #"expected ':' after object key "a", found '1'"#),
        Rejection(input: #"{"a": 1 ]"#, code: "json.unexpected-character", line: 1, column: 9,
                  message: "expected ',' or '}' after object member, found ']'"),
        Rejection(input: "[1 2]", code: "json.unexpected-character", line: 1, column: 4, message: "expected ',' or ']' after array element, found '2'"),
        Rejection(input: "[1", code: "json.unexpected-character", line: 1, column: 3, message: "expected ',' or ']' after array element, found end of input"),
        Rejection(input: #"{"a":}"#, code: "json.unexpected-character", line: 1, column: 6, message: "expected a value"),
        Rejection(input: "tru", code: "json.invalid-literal", line: 1, column: 1, message: "expected 'true'"),
        Rejection(input: "[True]", code: "json.unexpected-character", line: 1, column: 2, message: "found 'T'"),
        Rejection(input: #"{"name": "Đào"#, code: "json.unterminated-string", line: 1, column: 10, message: "unterminated string"),
        Rejection(input: "1.", code: "json.unexpected-character", line: 1, column: 3, message: "expected a digit after '.', found end of input"),
        Rejection(input: "-x", code: "json.unexpected-character", line: 1, column: 2, message: "expected a digit after '-', found 'x'"),
        Rejection(input: "1e+", code: "json.unexpected-character", line: 1, column: 4, message: "expected a digit in the exponent"),
        Rejection(input: "[1e400]", code: "json.number-out-of-range", line: 1, column: 2, message: "number 1e400 is too large"),
        // Columns count Unicode scalars, not bytes: "Đào Xá" is 6 columns.
        Rejection(input: #"{"tên": "Đào Xá", "x": ]"#, code: "json.unexpected-character", line: 1, column: 24, message: "found ']'"),
        Rejection(input: "\u{FEFF}{\"a\": x}", code: "json.unexpected-character", line: 1, column: 7, message: "found 'x'"),
    ]

    @Test("rejects non-strict JSON with position and message", arguments: rejections)
    func rejects(_ case_: Rejection) throws {
        let error = try #require(throws: JSONSyntaxError.self) { try JSONParser().parse(case_.input) }
        #expect(error.code == case_.code)
        #expect(error.line == case_.line)
        #expect(error.column == case_.column)
        #expect(error.message.contains(case_.message), "\(error.message)")
        #expect(!error.messageVi.isEmpty)
        #expect(error.description == "line \(case_.line), column \(case_.column): \(error.message)")
    }

    @Test func reportsDescriptionLikeAnEditor() throws {
        let text = "{\n  \"counters\": [\n    {\"id\": \"1\"},\n  ]\n}"
        let error = try #require(throws: JSONSyntaxError.self) { try JSONParser().parse(text) }
        #expect(error.description == "line 3, column 16: trailing comma before ']'; remove the comma")
        #expect(error.descriptionVi == "dòng 3, cột 16: dấu phẩy thừa trước ']'; hãy xoá dấu phẩy này")
        #expect(error.offset == 33)
    }

    @Test func rejectsInvalidUTF8WithItsPosition() throws {
        // "{\n  \"k\": \"ab<0xFF>\"}": the bad byte is on line 2.
        var bytes = Array("{\n  \"k\": \"ab".utf8)
        bytes.append(0xFF)
        bytes += Array("\"}".utf8)
        let error = try #require(throws: JSONSyntaxError.self) { try JSONParser().parse(bytes) }
        #expect(error.code == "json.invalid-utf8")
        #expect(error.line == 2)
        #expect(error.column == 11)
        #expect(error.offset == 12)
        #expect(error.message.contains("not valid UTF-8"))
        #expect(error.message.contains("0xFF"))
    }

    @Test(arguments: [
        [0x22, 0xC3, 0x28, 0x22],  // truncated two-byte sequence
        [0x22, 0xC0, 0xAF, 0x22],  // overlong '/'
        [0x22, 0xED, 0xA0, 0x80, 0x22],  // encoded surrogate
        [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // past U+10FFFF
        [0x5B, 0x80, 0x5D],  // stray continuation byte outside a string
    ] as [[UInt8]])
    func rejectsEveryInvalidUTF8Form(_ bytes: [UInt8]) throws {
        let error = try #require(throws: JSONSyntaxError.self) { try JSONParser().parse(bytes) }
        #expect(error.code == "json.invalid-utf8")
        #expect(error.column == 2)
    }

    @Test func skipsByteOrderMark() throws {
        #expect(try JSONParser().parse("\u{FEFF}[1]") == [1])
    }

    @Test func enforcesNestingLimit() throws {
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(throws: Never.self) { try JSONParser().parse(ok) }
        let deep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        let error = try #require(throws: JSONSyntaxError.self) { try JSONParser().parse(deep) }
        #expect(error.code == "json.too-deep")
        #expect(error.column == 513)
        #expect(error.message == "nesting deeper than 512 levels; flatten the document")
        let shallow = JSONParser(maximumDepth: 2)
        #expect(throws: JSONSyntaxError.self) { try shallow.parse(#"{"a": {"b": []}}"#) }
        #expect(try shallow.parse(#"{"a": {"b": 1}}"#)["a"]?["b"] == 1)
    }

    @Test func deepButLegalNestingDoesNotOverflowTheStack() throws {
        let depth = 2_000
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let value = try JSONParser(maximumDepth: depth).parse(text)
        #expect(value.arrayValue?.count == 1)
    }

    @Test func parsesScalarsExactly() throws {
        let value = try JSONParser().parse(#"[0, -0, 42, -9223372036854775808, 9223372036854775807, 9223372036854775808, 1.5, 1e3, -2.5E-3, true, false, null, "", "\u0041\u00e9\uD83D\uDE00\n\/"]"#)
        #expect(value == [
            .number(.integer(0)), .number(.integer(0)), 42, .number(.integer(.min)), .number(.integer(.max)),
            .number(.double(9223372036854775808)), 1.5, 1000.0, -0.0025, true, false, nil, "", "Aé😀\n/",
        ])
        #expect(value[2]?.numberValue == .integer(42))
        #expect(value[7]?.numberValue == .double(1000))
        #expect(value[5]?.numberValue == .double(9223372036854775808))
    }

    @Test func keepsKeyOrder() throws {
        let value = try JSONParser().parse(#"{"zeta": 1, "alpha": 2, "mu": {"b": 1, "a": 2}}"#)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["zeta", "alpha", "mu"])
        #expect(value["mu"]?.objectValue?.keys == ["b", "a"])
        #expect(object.map(\.key) == ["zeta", "alpha", "mu"])
    }

    @Test func sourceMapLocatesNestedValuesAndKeys() throws {
        let text = """
            {
              "centre": {"id": "đào-xá"},
              "counters": [
                {"id": "1", "sectors": ["a", "b"]},
                {"id": "2", "sectors": []}
              ],
              "plugins": {"payments.vietqr": {"bank": 970436}}
            }
            """
        let (value, map) = try JSONParser().parseWithSourceMap(text.utf8)
        #expect(value["counters"]?[1]?["id"] == "2")
        #expect(map[.root] == TextPosition(line: 1, column: 1, offset: 0))
        #expect(map.keys[["centre"]]?.description == "line 2, column 3")
        #expect(map[["centre"]]?.description == "line 2, column 13")
        #expect(map[["centre", .key("id")]]?.description == "line 2, column 20")
        #expect(map[["counters"]]?.description == "line 3, column 15")
        #expect(map[["counters", .index(0)]]?.description == "line 4, column 5")
        #expect(map.keys[["counters", .index(0), .key("sectors")]]?.description == "line 4, column 17")
        #expect(map[["counters", .index(0), .key("sectors"), .index(1)]]?.description == "line 4, column 34")
        #expect(map[["counters", .index(1), .key("sectors")]]?.description == "line 5, column 28")
        let bank: JSONPath = ["plugins", .key("payments.vietqr"), .key("bank")]
        #expect(bank.description == "plugins.payments.vietqr.bank")
        #expect(map[bank]?.description == "line 7, column 43")
        #expect(map.position(of: bank.appending(key: "missing"))?.description == "line 7, column 35")
    }

    @Test func sourceMapColumnsCountScalarsAfterMultibyteText() throws {
        let (_, map) = try JSONParser().parseWithSourceMap(#"{"tên": "Đào Xá", "số": 5}"#.utf8)
        #expect(map.keys[["số"]] == TextPosition(line: 1, column: 19, offset: 22))
        #expect(map[["số"]] == TextPosition(line: 1, column: 25, offset: 30))
    }
}

@Suite("JSON path and values")
struct JSONPathTests {
    @Test func rendersPaths() {
        #expect(JSONPath.root.description == "$")
        let path = JSONPath.root.appending(key: "counters").appending(index: 2).appending(key: "sectors").appending(index: 0)
        #expect(path.description == "counters[2].sectors[0]")
        #expect(JSONPath([.index(0), .key("name")]).description == "[0].name")
        #expect(path.parent?.description == "counters[2].sectors")
    }

    @Test func objectSetRemoveKeepOrder() {
        var object: JSONObject = ["c": 1, "a": 2, "b": 3]
        object["a"] = "changed"
        object["d"] = 4
        #expect(object.keys == ["c", "a", "b", "d"])
        #expect(object.removeValue(forKey: "a") == "changed")
        #expect(object.removeValue(forKey: "zz") == nil)
        object["b"] = nil
        #expect(object.keys == ["c", "d"])
        #expect(object["a"] == nil)
    }

    @Test func largeObjectsStayConsistentAcrossIndexing() {
        var object = JSONObject()
        for index in 0..<40 { object["k\(index)"] = .number(.integer(Int64(index))) }
        object.removeValue(forKey: "k3")
        object["k5"] = "five"
        #expect(object.count == 39)
        #expect(object["k39"] == 39)
        #expect(object["k5"] == "five")
        #expect(object["k3"] == nil)
        #expect(object.keys[3] == "k4")
    }

    @Test func equalityIgnoresOrderButNumbersCompareByValue() {
        let a: JSONValue = ["x": 1, "y": [true]]
        let b: JSONValue = ["y": [true], "x": 1.0]
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(JSONValue.number(.integer(1)) != JSONValue.number(.double(1.5)))
        #expect(a != ["x": 1])
    }

    @Test func accessorsAndTypeNames() {
        let value: JSONValue = ["s": "text", "n": 3, "o": [:], "a": [], "b": false, "z": nil]
        #expect(value["s"]?.stringValue == "text")
        #expect(value["n"]?.int64Value == 3)
        #expect(value["n"]?.stringValue == nil)
        #expect(["string", "number", "object", "array", "boolean", "null"] == ["s", "n", "o", "a", "b", "z"].map { value[$0]!.typeName })
        #expect(value[["o"]]?.objectValue?.isEmpty == true)
        #expect(value[["nope", .index(0)]] == nil)
    }
}

@Suite("Suggestions")
struct SuggestionTests {
    @Test func findsNearMisses() {
        #expect(Suggestion.editDistance("receiptSeriez", "receiptSeries") == 1)
        #expect(Suggestion.editDistance("scael", "scale") == 1)
        #expect(Suggestion.editDistance("", "abc") == 3)
        #expect(Suggestion.closest(to: "payments.vietqrr", among: ["payments.cash", "payments.vietqr"]) == "payments.vietqr")
        #expect(Suggestion.closest(to: "Scale", among: ["timeoutSeconds", "scale"]) == "scale")
        #expect(Suggestion.closest(to: "colour", among: ["scale", "timeoutSeconds"]) == nil)
        #expect(Suggestion.closest(to: "id", among: ["id"]) == nil)
    }
}
