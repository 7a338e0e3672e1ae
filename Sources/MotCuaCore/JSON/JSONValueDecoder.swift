#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Decodes `Decodable` types from a `JSONValue`, strictly.
///
/// Strict means: no coercion between strings, numbers and booleans; integers must be integral
/// and in range for the target type (`300` into `Int8` fails, `1.5` into `Int` fails, `2.0`
/// into `Int` is 2); and unknown keys are errors. After a type's `init(from:)` returns, every
/// key of every object it read must have been asked for through `decode`, `decodeIfPresent`,
/// `decodeNil` or `contains`; any other key fails with `unknown key "x"`, suggesting the
/// closest asked-for key. A missing required key names a near-miss key present in the object.
/// A type that never opens a container gets an error for any key its object has (so an empty
/// `Settings` struct rejects `{"x": 1}`). Unkeyed containers must be read to the end.
///
/// `superDecoder` is supported only in the simple form (the member's value, or `null`).
public struct JSONValueDecoder: Sendable {
    /// The nesting limit used when decoding straight from bytes.
    public var maximumDepth: Int = 512
    /// Values passed to types through `Decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    /// Creates a decoder.
    public init() {}

    /// Decodes a value of `type` from a parsed JSON value.
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws(JSONDecodingError) -> T {
        let session = DecodingSession(userInfo: userInfo)
        do {
            return try session.unbox(type, from: value, at: .root)
        } catch let error as JSONDecodingError {
            throw error
        } catch {
            throw .invalidValue(String(describing: error), underlying: error, at: .root)
        }
    }

    /// Parses UTF-8 bytes strictly, then decodes a value of `type` from them.
    ///
    /// Throws `JSONSyntaxError` for text that is not strict JSON, and `JSONDecodingError` (with
    /// `position` set to where the offending key or value is written) for JSON that does not
    /// fit `type`.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: some Collection<UInt8>) throws -> T {
        let (value, sourceMap) = try JSONParser(maximumDepth: maximumDepth).parseWithSourceMap(bytes)
        do {
            return try decode(type, from: value)
        } catch {
            var located = error
            located.position = sourceMap.position(of: error.path)
            throw located
        }
    }
}

/// State shared by every decoder of one `decode` call.
struct DecodingSession {
    let userInfo: [CodingUserInfoKey: Any]

    init(userInfo: [CodingUserInfoKey: any Sendable]) {
        self.userInfo = userInfo.mapValues { $0 as Any }
    }

    /// Decodes `type` from `value`, then checks that nothing in `value` went unread.
    func unbox<T: Decodable>(_ type: T.Type, from value: JSONValue, at path: JSONPath) throws -> T {
        if let primitive = try unboxPrimitive(type, from: value, at: path) { return primitive }
        let decoder = ValueDecoder(value: value, path: path, session: self)
        let result: T
        do {
            result = try T(from: decoder)
        } catch let error as JSONDecodingError {
            throw error
        } catch let error as DecodingError {
            throw convert(error, decoding: type, from: value, at: path)
        } catch {
            throw JSONDecodingError.invalidValue(String(describing: error), underlying: error, at: path)
        }
        try decoder.finish()
        return result
    }

    /// Decodes the standard scalar types directly, without a nested decoder.
    private func unboxPrimitive<T>(_ type: T.Type, from value: JSONValue, at path: JSONPath) throws -> T? {
        switch type {
        case is JSONValue.Type: return value as? T
        case is Date.Type:
            // ISO 8601 UTC as `JournalEntry.isoText` writes it; a number is the seconds since
            // 2001 that Foundation's default wrote before every time became ISO text.
            switch value {
            case .string(let text):
                guard let date = JournalEntry.instant(iso: text) else {
                    throw JSONDecodingError(code: "json.invalid-time", path: path,
                                            message: "\"\(text)\" is not a time like 2026-03-02T01:15:00.000Z (ISO 8601, UTC)",
                                            messageVi: "\"\(text)\" không phải thời điểm dạng 2026-03-02T01:15:00.000Z (ISO 8601, giờ UTC)")
                }
                return date as? T
            case .number(let number): return Date(timeIntervalSinceReferenceDate: number.doubleValue) as? T
            default: throw JSONDecodingError.typeMismatch(expected: .string, found: value, at: path)
            }
        case is String.Type:
            guard case .string(let text) = value else { throw JSONDecodingError.typeMismatch(expected: .string, found: value, at: path) }
            return text as? T
        case is Bool.Type:
            guard case .bool(let flag) = value else { throw JSONDecodingError.typeMismatch(expected: .boolean, found: value, at: path) }
            return flag as? T
        case is Double.Type:
            guard case .number(let number) = value else { throw JSONDecodingError.typeMismatch(expected: .number, found: value, at: path) }
            return number.doubleValue as? T
        case is Float.Type:
            guard case .number(let number) = value else { throw JSONDecodingError.typeMismatch(expected: .number, found: value, at: path) }
            let single = Float(number.doubleValue)
            guard single.isFinite else {
                throw JSONDecodingError.integerOutOfRange(number, min: "\(-Float.greatestFiniteMagnitude)", max: "\(Float.greatestFiniteMagnitude)", at: path)
            }
            return single as? T
        case is Int.Type: return try integer(Int.self, from: value, at: path) as? T
        case is Int8.Type: return try integer(Int8.self, from: value, at: path) as? T
        case is Int16.Type: return try integer(Int16.self, from: value, at: path) as? T
        case is Int32.Type: return try integer(Int32.self, from: value, at: path) as? T
        case is Int64.Type: return try integer(Int64.self, from: value, at: path) as? T
        case is UInt.Type: return try integer(UInt.self, from: value, at: path) as? T
        case is UInt8.Type: return try integer(UInt8.self, from: value, at: path) as? T
        case is UInt16.Type: return try integer(UInt16.self, from: value, at: path) as? T
        case is UInt32.Type: return try integer(UInt32.self, from: value, at: path) as? T
        case is UInt64.Type: return try integer(UInt64.self, from: value, at: path) as? T
        default: return nil
        }
    }

    private func integer<I: FixedWidthInteger>(_ type: I.Type, from value: JSONValue, at path: JSONPath) throws -> I {
        guard case .number(let number) = value else {
            throw JSONDecodingError.typeMismatch(expected: .integer, found: value, at: path)
        }
        let exact: I?
        switch number {
        case .integer(let integer):
            exact = I(exactly: integer)
        case .double(let double):
            switch IntegralDouble(double) {
            case .signed(let integer): exact = I(exactly: integer)
            case .unsigned(let integer): exact = I(exactly: integer)
            case .huge: exact = nil
            case .fractional: throw JSONDecodingError.typeMismatch(expected: .integer, found: value, at: path)
            }
        }
        guard let exact else {
            throw JSONDecodingError.integerOutOfRange(number, min: "\(I.min)", max: "\(I.max)", at: path)
        }
        return exact
    }

    /// Turns a `DecodingError` a type threw itself into a `JSONDecodingError`; for a
    /// `CaseIterable` string enum, an invalid raw value becomes "unknown value" with a suggestion.
    private func convert<T>(_ error: DecodingError, decoding type: T.Type, from value: JSONValue, at path: JSONPath) -> JSONDecodingError {
        func where_(_ context: DecodingError.Context) -> JSONPath {
            context.codingPath.isEmpty ? path : JSONPath(codingPath: context.codingPath)
        }
        switch error {
        case .dataCorrupted(let context):
            if case .string(let text) = value, where_(context) == path, let allowed = stringCaseNames(type) {
                return .unknownValue(text, suggestion: Suggestion.closest(to: text, among: allowed), allowed: allowed, at: path)
            }
            return .invalidValue(context.debugDescription, underlying: error, at: where_(context))
        case .keyNotFound(let key, let context):
            return .missingKey(key.stringValue, misspelling: nil, at: where_(context))
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return .invalidValue(context.debugDescription, underlying: error, at: where_(context))
        @unknown default:
            return .invalidValue(String(describing: error), underlying: error, at: path)
        }
    }
}

/// The raw values of a `CaseIterable` enum with `String` raw values, or `nil` for other types.
func stringCaseNames<T>(_ type: T.Type) -> [String]? {
    guard let iterable = type as? any CaseIterable.Type else { return nil }
    let names = rawStringValues(of: iterable)
    return names.isEmpty ? nil : names
}

private func rawStringValues<C: CaseIterable>(of type: C.Type) -> [String] {
    C.allCases.compactMap { ($0 as? any RawRepresentable)?.rawValue as? String }
}

private func codingKeyNames<C: CaseIterable>(of type: C.Type) -> [String] {
    C.allCases.compactMap { ($0 as? any CodingKey)?.stringValue }
}

/// The keys of one object that a type asked for, to find the ones it did not.
final class KeyTracker {
    let object: JSONObject
    let path: JSONPath
    private(set) var asked: [String] = []
    private var askedSet: Set<String> = []
    /// Every key a `CaseIterable` coding-key type declares, for better suggestions.
    var declared: [String] = []

    init(object: JSONObject, path: JSONPath) {
        self.object = object
        self.path = path
    }

    func mark(_ key: String) {
        if askedSet.insert(key).inserted { asked.append(key) }
    }

    func wasAsked(_ key: String) -> Bool { askedSet.contains(key) }

    func declare<Key: CodingKey>(_ type: Key.Type) {
        guard declared.isEmpty, let iterable = type as? any CaseIterable.Type else { return }
        declared = codingKeyNames(of: iterable)
    }

    /// Keys the type knows that the object does not already use: the candidates for "did you mean".
    var expectedKeys: [String] {
        var seen = Set<String>()
        return (asked + declared).filter { object[$0] == nil && seen.insert($0).inserted }
    }

    func check() throws {
        for key in object.keys where !askedSet.contains(key) {
            let expected = expectedKeys
            throw JSONDecodingError.unknownKey(
                key, suggestion: Suggestion.closest(to: key, among: expected), known: expected,
                at: path.appending(key: key))
        }
    }
}

/// The read position in one array.
final class ArrayCursor {
    let elements: [JSONValue]
    let path: JSONPath
    var index = 0

    init(elements: [JSONValue], path: JSONPath) {
        self.elements = elements
        self.path = path
    }
}

/// The `Decoder` for one value; checks for unread keys and elements in `finish()`.
final class ValueDecoder: Decoder {
    let value: JSONValue
    let path: JSONPath
    let session: DecodingSession
    private var trackers: [KeyTracker] = []
    private var cursors: [ArrayCursor] = []
    private var children: [ValueDecoder] = []
    private var requestedContainer = false
    var consumedWhole = false

    init(value: JSONValue, path: JSONPath, session: DecodingSession) {
        self.value = value
        self.path = path
        self.session = session
    }

    var codingPath: [any CodingKey] { path.codingKeys }
    var userInfo: [CodingUserInfoKey: Any] { session.userInfo }

    func tracker(for object: JSONObject, at path: JSONPath) -> KeyTracker {
        if let existing = trackers.first(where: { $0.path == path }) { return existing }
        let tracker = KeyTracker(object: object, path: path)
        trackers.append(tracker)
        return tracker
    }

    func cursor(for elements: [JSONValue], at path: JSONPath) -> ArrayCursor {
        let cursor = ArrayCursor(elements: elements, path: path)
        cursors.append(cursor)
        return cursor
    }

    func child(_ value: JSONValue, at path: JSONPath) -> ValueDecoder {
        let decoder = ValueDecoder(value: value, path: path, session: session)
        children.append(decoder)
        return decoder
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        requestedContainer = true
        guard case .object(let object) = value else {
            throw JSONDecodingError.typeMismatch(expected: .object, found: value, at: path)
        }
        let tracker = tracker(for: object, at: path)
        tracker.declare(type)
        return KeyedDecodingContainer(KeyedContainer<Key>(decoder: self, object: object, path: path, tracker: tracker))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        requestedContainer = true
        guard case .array(let elements) = value else {
            throw JSONDecodingError.typeMismatch(expected: .array, found: value, at: path)
        }
        return UnkeyedContainer(decoder: self, cursor: cursor(for: elements, at: path))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        requestedContainer = true
        return SingleValueContainer(decoder: self)
    }

    /// Fails on the first object key nobody asked for or array element nobody read.
    func finish() throws {
        if !requestedContainer {
            // The type ignored its input entirely (an empty struct): anything in it is unknown.
            switch value {
            case .object(let object):
                if let first = object.keys.first {
                    throw JSONDecodingError.unknownKey(first, suggestion: nil, known: [], at: path.appending(key: first))
                }
            default:
                throw JSONDecodingError.typeMismatch(expected: .object, found: value, at: path)
            }
        } else if case .object(let object) = value, trackers.isEmpty, !consumedWhole, let first = object.keys.first {
            throw JSONDecodingError.unknownKey(first, suggestion: nil, known: [], at: path.appending(key: first))
        }
        for tracker in trackers { try tracker.check() }
        for cursor in cursors where cursor.index < cursor.elements.count {
            throw JSONDecodingError.extraElements(count: cursor.elements.count, expected: cursor.index, at: cursor.path.appending(index: cursor.index))
        }
        for child in children { try child.finish() }
    }
}

struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: ValueDecoder
    let object: JSONObject
    let path: JSONPath
    let tracker: KeyTracker

    var codingPath: [any CodingKey] { path.codingKeys }
    var allKeys: [Key] { object.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool {
        tracker.mark(key.stringValue)
        return object[key.stringValue] != nil
    }

    private func member(_ key: Key) throws -> JSONValue {
        let name = key.stringValue
        tracker.mark(name)
        guard let value = object[name] else {
            let unasked = object.keys.filter { !tracker.wasAsked($0) }
            throw JSONDecodingError.missingKey(name, misspelling: Suggestion.closest(to: name, among: unasked), at: path)
        }
        return value
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        try member(key) == .null
    }

    private func decodeMember<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        try decoder.session.unbox(type, from: member(key), at: path.appending(key: key.stringValue))
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decodeMember(type, key) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decodeMember(type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decodeMember(type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decodeMember(type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decodeMember(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decodeMember(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decodeMember(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decodeMember(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decodeMember(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decodeMember(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decodeMember(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decodeMember(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decodeMember(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decodeMember(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decodeMember(type, key) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        let value = try member(key)
        let nestedPath = path.appending(key: key.stringValue)
        guard case .object(let nested) = value else {
            throw JSONDecodingError.typeMismatch(expected: .object, found: value, at: nestedPath)
        }
        let tracker = decoder.tracker(for: nested, at: nestedPath)
        tracker.declare(type)
        return KeyedDecodingContainer(KeyedContainer<NestedKey>(decoder: decoder, object: nested, path: nestedPath, tracker: tracker))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        let value = try member(key)
        let nestedPath = path.appending(key: key.stringValue)
        guard case .array(let elements) = value else {
            throw JSONDecodingError.typeMismatch(expected: .array, found: value, at: nestedPath)
        }
        return UnkeyedContainer(decoder: decoder, cursor: decoder.cursor(for: elements, at: nestedPath))
    }

    func superDecoder() throws -> any Decoder {
        tracker.mark("super")
        return decoder.child(object["super"] ?? .null, at: path.appending(key: "super"))
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        tracker.mark(key.stringValue)
        return decoder.child(object[key.stringValue] ?? .null, at: path.appending(key: key.stringValue))
    }
}

struct UnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: ValueDecoder
    let cursor: ArrayCursor

    var codingPath: [any CodingKey] { cursor.path.codingKeys }
    var count: Int? { cursor.elements.count }
    var isAtEnd: Bool { cursor.index >= cursor.elements.count }
    var currentIndex: Int { cursor.index }

    private func next() throws -> (JSONValue, JSONPath) {
        guard !isAtEnd else { throw JSONDecodingError.missingElement(index: cursor.index, at: cursor.path) }
        return (cursor.elements[cursor.index], cursor.path.appending(index: cursor.index))
    }

    mutating func decodeNil() throws -> Bool {
        let (value, _) = try next()
        guard value == .null else { return false }
        cursor.index += 1
        return true
    }

    private mutating func decodeNext<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, path) = try next()
        let result = try decoder.session.unbox(type, from: value, at: path)
        cursor.index += 1
        return result
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeNext(type) }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try decodeNext(type) }
    mutating func decode(_ type: String.Type) throws -> String { try decodeNext(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try decodeNext(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try decodeNext(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try decodeNext(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try decodeNext(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try decodeNext(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try decodeNext(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try decodeNext(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try decodeNext(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeNext(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeNext(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeNext(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeNext(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (value, path) = try next()
        guard case .object(let nested) = value else {
            throw JSONDecodingError.typeMismatch(expected: .object, found: value, at: path)
        }
        cursor.index += 1
        let tracker = decoder.tracker(for: nested, at: path)
        tracker.declare(type)
        return KeyedDecodingContainer(KeyedContainer<NestedKey>(decoder: decoder, object: nested, path: path, tracker: tracker))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (value, path) = try next()
        guard case .array(let elements) = value else {
            throw JSONDecodingError.typeMismatch(expected: .array, found: value, at: path)
        }
        cursor.index += 1
        return UnkeyedContainer(decoder: decoder, cursor: decoder.cursor(for: elements, at: path))
    }

    mutating func superDecoder() throws -> any Decoder {
        let (value, path) = try next()
        cursor.index += 1
        return decoder.child(value, at: path)
    }
}

struct SingleValueContainer: SingleValueDecodingContainer {
    let decoder: ValueDecoder

    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.value == .null }

    private func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        decoder.consumedWhole = true
        return try decoder.session.unbox(type, from: decoder.value, at: decoder.path)
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type) }
    func decode(_ type: Bool.Type) throws -> Bool { try decodeValue(type) }
    func decode(_ type: String.Type) throws -> String { try decodeValue(type) }
    func decode(_ type: Double.Type) throws -> Double { try decodeValue(type) }
    func decode(_ type: Float.Type) throws -> Float { try decodeValue(type) }
    func decode(_ type: Int.Type) throws -> Int { try decodeValue(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decodeValue(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decodeValue(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decodeValue(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decodeValue(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try decodeValue(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeValue(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeValue(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeValue(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeValue(type) }
}
