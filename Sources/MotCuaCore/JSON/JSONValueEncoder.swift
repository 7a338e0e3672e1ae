#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Encodes `Encodable` types into a `JSONValue`, keeping keys in the order they were encoded.
///
/// API responses and `motcua resolve` output therefore have a stable, readable key order: a
/// synthesized `Encodable` writes properties in declaration order. `encodeIfPresent` with
/// `nil` omits the key; `encodeNil` writes `null`. Encoding the same key twice keeps its first
/// position with the last value. A type that encodes nothing becomes `{}`. Non-finite doubles
/// and integers outside the `Int64` range are refused with `JSONEncodingError`. A `Date` is
/// written by `JournalEntry.isoText`: ISO 8601 UTC, milliseconds rounded to the nearest.
public struct JSONValueEncoder: Sendable {
    /// Values passed to types through `Encoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    /// Creates an encoder.
    public init() {}

    /// Encodes `value` into a JSON value.
    public func encode<T: Encodable>(_ value: T) throws(JSONEncodingError) -> JSONValue {
        let session = EncodingSession(userInfo: userInfo.mapValues { $0 as Any })
        let root = EncodingNode()
        do {
            try session.box(value, into: root, at: .root)
        } catch let error as JSONEncodingError {
            throw error
        } catch {
            throw .failed(String(describing: error), underlying: error, at: .root)
        }
        return root.value
    }

    /// Encodes `value` and serializes it; see `JSONValue.serialized(pretty:)`.
    public func serialize<T: Encodable>(_ value: T, pretty: Bool = false) throws(JSONEncodingError) -> String {
        try encode(value).serialized(pretty: pretty)
    }
}

/// One value under construction; containers write into it by reference, as Codable requires.
final class EncodingNode {
    enum Kind { case unset, scalar, object, array }

    private(set) var kind = Kind.unset
    private var scalar = JSONValue.null
    private var keys: [String] = []
    private var members: [String: EncodingNode] = [:]
    private var elements: [EncodingNode] = []

    func set(_ value: JSONValue) {
        kind = .scalar
        scalar = value
        keys = []
        members = [:]
        elements = []
    }

    func reset() {
        set(.null)
        kind = .unset
    }

    func makeObject() {
        guard kind != .object else { return }
        set(.null)
        kind = .object
    }

    func makeArray() {
        guard kind != .array else { return }
        set(.null)
        kind = .array
    }

    /// The node for `key`; `fresh` empties an existing one (a second `encode` replaces, a
    /// second `nestedContainer` continues).
    func member(_ key: String, fresh: Bool) -> EncodingNode {
        makeObject()
        if let existing = members[key] {
            if fresh { existing.reset() }
            return existing
        }
        let node = EncodingNode()
        keys.append(key)
        members[key] = node
        return node
    }

    func appendElement() -> EncodingNode {
        makeArray()
        let node = EncodingNode()
        elements.append(node)
        return node
    }

    var elementCount: Int { elements.count }

    var value: JSONValue {
        switch kind {
        case .unset: return .object(JSONObject())
        case .scalar: return scalar
        case .array: return .array(elements.map(\.value))
        case .object:
            var object = JSONObject()
            for key in keys { object.append(key, members[key]!.value) }
            return .object(object)
        }
    }
}

/// State shared by every encoder of one `encode` call.
struct EncodingSession {
    let userInfo: [CodingUserInfoKey: Any]

    func box<T: Encodable>(_ value: T, into node: EncodingNode, at path: JSONPath) throws {
        if let primitive = try primitive(value, at: path) {
            node.set(primitive)
            return
        }
        do {
            try value.encode(to: ValueEncoder(node: node, path: path, session: self))
        } catch let error as JSONEncodingError {
            throw error
        } catch {
            throw JSONEncodingError.failed(String(describing: error), underlying: error, at: path)
        }
    }

    private func primitive<T>(_ value: T, at path: JSONPath) throws -> JSONValue? {
        switch value {
        case let json as JSONValue: return json
        case let object as JSONObject: return .object(object)
        case let text as String: return .string(text)
        // Every time MotCua writes is ISO 8601 UTC with milliseconds, as the journal writes it
        // (Docs/HTTP-API.md), never Foundation's seconds since 2001.
        case let date as Date: return .string(JournalEntry.isoText(date))
        case let flag as Bool: return .bool(flag)
        case let double as Double:
            guard double.isFinite else { throw JSONEncodingError.nonFinite(double, at: path) }
            return .number(.double(double))
        case let single as Float:
            guard single.isFinite else { throw JSONEncodingError.nonFinite(Double(single), at: path) }
            // Through the shortest text, so 0.1 as Float stays 0.1 rather than 0.10000000149011612.
            return .number(.double(Double(single.description) ?? Double(single)))
        case let integer as Int: return .number(.integer(Int64(integer)))
        case let integer as Int8: return .number(.integer(Int64(integer)))
        case let integer as Int16: return .number(.integer(Int64(integer)))
        case let integer as Int32: return .number(.integer(Int64(integer)))
        case let integer as Int64: return .number(.integer(integer))
        case let integer as UInt8: return .number(.integer(Int64(integer)))
        case let integer as UInt16: return .number(.integer(Int64(integer)))
        case let integer as UInt32: return .number(.integer(Int64(integer)))
        case let integer as UInt:
            guard let exact = Int64(exactly: integer) else { throw JSONEncodingError.integerOutOfRange("\(integer)", at: path) }
            return .number(.integer(exact))
        case let integer as UInt64:
            guard let exact = Int64(exactly: integer) else { throw JSONEncodingError.integerOutOfRange("\(integer)", at: path) }
            return .number(.integer(exact))
        default:
            return nil
        }
    }
}

final class ValueEncoder: Encoder {
    let node: EncodingNode
    let path: JSONPath
    let session: EncodingSession

    init(node: EncodingNode, path: JSONPath, session: EncodingSession) {
        self.node = node
        self.path = path
        self.session = session
    }

    var codingPath: [any CodingKey] { path.codingKeys }
    var userInfo: [CodingUserInfoKey: Any] { session.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.makeObject()
        return KeyedEncodingContainer(KeyedEncoder<Key>(node: node, path: path, session: session))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.makeArray()
        return UnkeyedEncoder(node: node, path: path, session: session)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueEncoder(node: node, path: path, session: session)
    }
}

struct KeyedEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodingNode
    let path: JSONPath
    let session: EncodingSession

    var codingPath: [any CodingKey] { path.codingKeys }

    mutating func encodeNil(forKey key: Key) throws {
        node.member(key.stringValue, fresh: true).set(.null)
    }

    private func encodeMember<T: Encodable>(_ value: T, _ key: Key) throws {
        try session.box(value, into: node.member(key.stringValue, fresh: true), at: path.appending(key: key.stringValue))
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try encodeMember(value, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try encodeMember(value, key) }
    mutating func encode(_ value: String, forKey key: Key) throws { try encodeMember(value, key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try encodeMember(value, key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try encodeMember(value, key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try encodeMember(value, key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try encodeMember(value, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try encodeMember(value, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try encodeMember(value, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try encodeMember(value, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try encodeMember(value, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try encodeMember(value, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try encodeMember(value, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try encodeMember(value, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try encodeMember(value, key) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = node.member(key.stringValue, fresh: false)
        child.makeObject()
        return KeyedEncodingContainer(KeyedEncoder<NestedKey>(node: child, path: path.appending(key: key.stringValue), session: session))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = node.member(key.stringValue, fresh: false)
        child.makeArray()
        return UnkeyedEncoder(node: child, path: path.appending(key: key.stringValue), session: session)
    }

    mutating func superEncoder() -> any Encoder {
        ValueEncoder(node: node.member("super", fresh: true), path: path.appending(key: "super"), session: session)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        ValueEncoder(node: node.member(key.stringValue, fresh: true), path: path.appending(key: key.stringValue), session: session)
    }
}

struct UnkeyedEncoder: UnkeyedEncodingContainer {
    let node: EncodingNode
    let path: JSONPath
    let session: EncodingSession

    var codingPath: [any CodingKey] { path.codingKeys }
    var count: Int { node.elementCount }

    mutating func encodeNil() throws {
        node.appendElement().set(.null)
    }

    private func encodeNext<T: Encodable>(_ value: T) throws {
        let index = node.elementCount
        try session.box(value, into: node.appendElement(), at: path.appending(index: index))
    }

    mutating func encode<T: Encodable>(_ value: T) throws { try encodeNext(value) }
    mutating func encode(_ value: Bool) throws { try encodeNext(value) }
    mutating func encode(_ value: String) throws { try encodeNext(value) }
    mutating func encode(_ value: Double) throws { try encodeNext(value) }
    mutating func encode(_ value: Float) throws { try encodeNext(value) }
    mutating func encode(_ value: Int) throws { try encodeNext(value) }
    mutating func encode(_ value: Int8) throws { try encodeNext(value) }
    mutating func encode(_ value: Int16) throws { try encodeNext(value) }
    mutating func encode(_ value: Int32) throws { try encodeNext(value) }
    mutating func encode(_ value: Int64) throws { try encodeNext(value) }
    mutating func encode(_ value: UInt) throws { try encodeNext(value) }
    mutating func encode(_ value: UInt8) throws { try encodeNext(value) }
    mutating func encode(_ value: UInt16) throws { try encodeNext(value) }
    mutating func encode(_ value: UInt32) throws { try encodeNext(value) }
    mutating func encode(_ value: UInt64) throws { try encodeNext(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let index = node.elementCount
        let child = node.appendElement()
        child.makeObject()
        return KeyedEncodingContainer(KeyedEncoder<NestedKey>(node: child, path: path.appending(index: index), session: session))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let index = node.elementCount
        let child = node.appendElement()
        child.makeArray()
        return UnkeyedEncoder(node: child, path: path.appending(index: index), session: session)
    }

    mutating func superEncoder() -> any Encoder {
        let index = node.elementCount
        return ValueEncoder(node: node.appendElement(), path: path.appending(index: index), session: session)
    }
}

struct SingleValueEncoder: SingleValueEncodingContainer {
    let node: EncodingNode
    let path: JSONPath
    let session: EncodingSession

    var codingPath: [any CodingKey] { path.codingKeys }

    mutating func encodeNil() throws { node.set(.null) }

    private func encodeValue<T: Encodable>(_ value: T) throws {
        try session.box(value, into: node, at: path)
    }

    mutating func encode<T: Encodable>(_ value: T) throws { try encodeValue(value) }
    mutating func encode(_ value: Bool) throws { try encodeValue(value) }
    mutating func encode(_ value: String) throws { try encodeValue(value) }
    mutating func encode(_ value: Double) throws { try encodeValue(value) }
    mutating func encode(_ value: Float) throws { try encodeValue(value) }
    mutating func encode(_ value: Int) throws { try encodeValue(value) }
    mutating func encode(_ value: Int8) throws { try encodeValue(value) }
    mutating func encode(_ value: Int16) throws { try encodeValue(value) }
    mutating func encode(_ value: Int32) throws { try encodeValue(value) }
    mutating func encode(_ value: Int64) throws { try encodeValue(value) }
    mutating func encode(_ value: UInt) throws { try encodeValue(value) }
    mutating func encode(_ value: UInt8) throws { try encodeValue(value) }
    mutating func encode(_ value: UInt16) throws { try encodeValue(value) }
    mutating func encode(_ value: UInt32) throws { try encodeValue(value) }
    mutating func encode(_ value: UInt64) throws { try encodeValue(value) }
}
