import Testing
@testable import MotCuaCore

private struct RatingSettings: Decodable, Equatable {
    var scale: Int
    var timeoutSeconds: Int?
}

private struct CashSettings: Decodable, Equatable {
    var receiptSeries: String
    var copies: Int?
}

private enum PriorityGroup: String, Decodable, CaseIterable {
    case elderly, disabled, pregnant
    case childUnder6 = "child-under-6"
}

private struct QueueSettings: Decodable {
    var priorityGroups: [PriorityGroup]
}

private struct Deployment: Decodable {
    var name: LocalizedText
    var ratings: [RatingSettings]
    var payments: [String: CashSettings]
}

private struct Empty: Decodable {}

private struct Limits: Decodable {
    var small: Int8?
    var unsigned: UInt?
    var ratio: Double?
    var flag: Bool?
    var label: String?
}

private struct FreeForm: Decodable {
    var id: String
    var extra: JSONValue
}

/// Reads only the first element, so a longer array must be refused.
private struct First: Decodable {
    var value: Int
    init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        value = try container.decode(Int.self)
    }
}

/// Reads a nested object through `nestedContainer`, which has no `init(from:)` of its own.
private struct Hours: Decodable {
    var opens: String
    enum Keys: String, CodingKey { case week }
    enum DayKeys: String, CodingKey { case opens }
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let week = try container.nestedContainer(keyedBy: DayKeys.self, forKey: .week)
        opens = try week.decode(String.self, forKey: .opens)
    }
}

/// Declares every key via `CaseIterable`, so suggestions see keys the type never read.
private struct Declared: Decodable {
    var mode: String
    enum CodingKeys: String, CodingKey, CaseIterable { case mode, voiceAnnouncements }
    init(from decoder: any Decoder) throws {
        mode = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .mode)
    }
}

@Suite("JSON value decoder")
struct JSONValueDecoderTests {
    private func decodeError<T: Decodable>(_ type: T.Type, _ text: String) throws -> JSONDecodingError {
        let value = try JSONParser().parse(text)
        return try #require(throws: JSONDecodingError.self) { try JSONValueDecoder().decode(type, from: value) }
    }

    @Test func decodesNestedTypes() throws {
        let text = #"""
            {"name": {"vi": "Xã Đào Xá", "en": "Dao Xa"},
             "ratings": [{"scale": 5, "timeoutSeconds": 30}, {"scale": 3}],
             "payments": {"payments.cash": {"receiptSeries": "BL-25E"}}}
            """#
        let deployment = try JSONValueDecoder().decode(Deployment.self, from: Array(text.utf8))
        #expect(deployment.name.vi == "Xã Đào Xá")
        #expect(deployment.ratings == [RatingSettings(scale: 5, timeoutSeconds: 30), RatingSettings(scale: 3)])
        #expect(deployment.payments["payments.cash"]?.receiptSeries == "BL-25E")
    }

    @Test func unknownKeySuggestsTheClosestKnownKey() throws {
        let error = try decodeError(CashSettings.self, #"{"receiptSeries": "BL", "copis": 2}"#)
        #expect(error.code == "json.unknown-key")
        #expect(error.path.description == "copis")
        #expect(error.message == #"unknown key "copis" — did you mean "copies"?"#)
        #expect(error.messageVi == #"khoá không hợp lệ "copis" — có phải là "copies"?"#)
    }

    @Test func unknownKeyDeepInsideNamesTheDottedPath() throws {
        let text = #"{"name": {"vi": "a", "en": "b"}, "ratings": [], "payments": {"payments.cash": {"receiptSeries": "BL", "copiez": 1}}}"#
        let error = try decodeError(Deployment.self, text)
        #expect(error.description == #"payments.payments.cash.copiez: unknown key "copiez" — did you mean "copies"?"#)
    }

    @Test func unknownKeyWithoutNearMissListsExpectedKeys() throws {
        let error = try decodeError(RatingSettings.self, #"{"scale": 5, "colour": "red"}"#)
        #expect(error.message == #"unknown key "colour"; expected "timeoutSeconds""#)
        let localized = try decodeError(LocalizedText.self, #"{"vi": "Quầy", "en": "Counter", "fr": "Guichet"}"#)
        #expect(localized.description == #"fr: unknown key "fr"; remove it"#)
    }

    @Test func caseIterableCodingKeysImproveSuggestions() throws {
        let error = try decodeError(Declared.self, #"{"mode": "a", "voiceAnnouncement": true}"#)
        #expect(error.message == #"unknown key "voiceAnnouncement" — did you mean "voiceAnnouncements"?"#)
    }

    @Test func missingRequiredKeyNamesTheLikelyMisspelling() throws {
        let error = try decodeError(CashSettings.self, #"{"receiptSeriez": "BL"}"#)
        #expect(error.code == "json.missing-key")
        #expect(error.path == .root)
        #expect(error.message == #"missing required key "receiptSeries" (is "receiptSeriez" a misspelling of it?)"#)
        let plain = try decodeError(RatingSettings.self, #"{"timeoutSeconds": 3}"#)
        #expect(plain.description == #"$: missing required key "scale""#)
    }

    @Test func wrongTypeNamesThePath() throws {
        let text = #"{"name": {"vi": "a", "en": "b"}, "ratings": [{"scale": "5"}], "payments": {}}"#
        let error = try decodeError(Deployment.self, text)
        #expect(error.code == "json.type-mismatch")
        #expect(error.description == "ratings[0].scale: expected integer, found string")
        #expect(error.messageVi == "cần số nguyên, nhưng gặp chuỗi")
    }

    @Test func optionalAbsentAndNullAreNilButRequiredNullIsAnError() throws {
        let absent = try JSONValueDecoder().decode(RatingSettings.self, from: ["scale": 5])
        let null = try JSONValueDecoder().decode(RatingSettings.self, from: ["scale": 5, "timeoutSeconds": nil])
        #expect(absent.timeoutSeconds == nil)
        #expect(null.timeoutSeconds == nil)
        let wrong = try decodeError(RatingSettings.self, #"{"scale": 5, "timeoutSeconds": "30"}"#)
        #expect(wrong.description == "timeoutSeconds: expected integer, found string")
        let required = try decodeError(RatingSettings.self, #"{"scale": null}"#)
        #expect(required.description == "scale: expected integer, found null")
    }

    @Test func integersMustBeIntegralAndInRange() throws {
        let overflow = try decodeError(Limits.self, #"{"small": 300}"#)
        #expect(overflow.code == "json.integer-out-of-range")
        #expect(overflow.description == "small: integer 300 is out of range; expected -128 to 127")
        let negative = try decodeError(Limits.self, #"{"unsigned": -1}"#)
        #expect(negative.message == "integer -1 is out of range; expected 0 to 18446744073709551615")
        let fraction = try decodeError(Limits.self, #"{"small": 1.5}"#)
        #expect(fraction.message == "expected integer, found number 1.5")
        let huge = try decodeError(Limits.self, #"{"unsigned": 1e30}"#)
        #expect(huge.code == "json.integer-out-of-range")
        let whole = try JSONValueDecoder().decode(Limits.self, from: ["small": 2.0, "unsigned": 18_446_744_073_709_547_520.0, "ratio": 3] as JSONValue)
        #expect(whole.small == 2)
        #expect(whole.unsigned == 18_446_744_073_709_547_520)
        #expect(whole.ratio == 3)
    }

    @Test func noCoercionBetweenScalars() throws {
        #expect(try decodeError(Limits.self, #"{"label": 5}"#).message == "expected string, found number")
        #expect(try decodeError(Limits.self, #"{"flag": 1}"#).message == "expected boolean, found number")
        #expect(try decodeError(Limits.self, #"{"ratio": "1.5"}"#).message == "expected number, found string")
        #expect(try decodeError(Limits.self, #"[]"#).description == "$: expected object, found array")
    }

    @Test func unknownEnumValueSuggestsACase() throws {
        let error = try decodeError(QueueSettings.self, #"{"priorityGroups": ["elderly", "ederly"]}"#)
        #expect(error.code == "json.unknown-value")
        #expect(error.description == #"priorityGroups[1]: unknown value "ederly" — did you mean "elderly"?"#)
        let far = try decodeError(QueueSettings.self, #"{"priorityGroups": ["veteran"]}"#)
        #expect(far.message == #"unknown value "veteran"; expected "elderly", "disabled", "pregnant" or "child-under-6""#)
    }

    @Test func typesThatReadNothingRejectEveryKey() throws {
        #expect(throws: Never.self) { try JSONValueDecoder().decode(Empty.self, from: [:]) }
        let error = try decodeError(Empty.self, #"{"x": 1}"#)
        #expect(error.description == #"x: unknown key "x"; remove it"#)
    }

    @Test func arraysMustBeReadToTheEnd() throws {
        #expect(try JSONValueDecoder().decode(First.self, from: [7] as JSONValue).value == 7)
        let error = try decodeError(First.self, "[7, 8]")
        #expect(error.code == "json.extra-elements")
        #expect(error.path.description == "[1]")
        let short = try decodeError(First.self, "[]")
        #expect(short.code == "json.missing-element")
    }

    @Test func nestedContainersAreCheckedToo() throws {
        #expect(try JSONValueDecoder().decode(Hours.self, from: ["week": ["opens": "07:30"]]).opens == "07:30")
        let error = try decodeError(Hours.self, #"{"week": {"opens": "07:30", "open": "08:00"}}"#)
        #expect(error.description == #"week.open: unknown key "open"; remove it"#)
    }

    @Test func freeFormJSONPassesThrough() throws {
        let decoded = try JSONValueDecoder().decode(FreeForm.self, from: ["id": "x", "extra": ["anything": [1, "two"]]])
        #expect(decoded.extra == ["anything": [1, "two"]])
    }

    @Test func decodingBytesReportsPositions() throws {
        let text = """
            {
              "scale": 5,
              "timeoutSecond": 30
            }
            """
        let error = try #require(throws: JSONDecodingError.self) {
            try JSONValueDecoder().decode(RatingSettings.self, from: Array(text.utf8))
        }
        #expect(error.position == TextPosition(line: 3, column: 3, offset: 18))
        #expect(error.description == #"line 3, column 3: timeoutSecond: unknown key "timeoutSecond" — did you mean "timeoutSeconds"?"#)
        let syntax = try #require(throws: JSONSyntaxError.self) {
            try JSONValueDecoder().decode(RatingSettings.self, from: Array(#"{"scale": 5,}"#.utf8))
        }
        #expect(syntax.code == "json.trailing-comma")
    }
}
