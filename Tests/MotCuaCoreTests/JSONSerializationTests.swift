import Foundation
import Testing
@testable import MotCuaCore

/// The manifest-like fixture, as bytes and text.
func manifestFixture() throws -> [UInt8] {
    let url = try #require(Bundle.module.url(forResource: "manifest", withExtension: "json", subdirectory: "Fixtures/json"))
    return Array(try Data(contentsOf: url))
}

@Suite("JSON serialization")
struct JSONSerializationTests {
    @Test func compactKeepsOrderAndPrintsIntegersPlainly() {
        let value: JSONValue = ["zeta": 30, "alpha": [true, nil, 1.5, "x"], "empty": [:], "none": []]
        #expect(value.serialized() == #"{"zeta":30,"alpha":[true,null,1.5,"x"],"empty":{},"none":[]}"#)
    }

    @Test func prettyLooksHandWritten() {
        let value: JSONValue = ["name": ["vi": "Quầy 1", "en": "Counter 1"], "sectors": ["dat-dai"], "extra": [:], "list": []]
        #expect(value.serialized(pretty: true) == """
            {
              "name": {
                "vi": "Quầy 1",
                "en": "Counter 1"
              },
              "sectors": [
                "dat-dai"
              ],
              "extra": {},
              "list": []
            }
            """)
    }

    @Test func escapesOnlyWhatIsNeeded() throws {
        let value = JSONValue.string("a\"b\\c\n\r\t\u{8}\u{C}\u{1}\u{7F}\u{85}/Đào Xá 😀")
        #expect(value.serialized() == #""a\"b\\c\n\r\t\b\f\u0001\u007f\u0085/Đào Xá 😀""#)
        #expect(try JSONParser().parse(value.serialized()) == value)
    }

    @Test func numbersRoundTrip() throws {
        #expect(JSONValue.number(.integer(-42)).serialized() == "-42")
        #expect(JSONValue.number(.double(0.1)).serialized() == "0.1")
        #expect(JSONValue.number(.double(1)).serialized() == "1.0")
        #expect(JSONValue.number(.double(.nan)).serialized() == "null")
        var generator = SplitMix64(seed: 7)
        for _ in 0..<500 {
            let double = Double(bitPattern: generator.next())
            guard double.isFinite else { continue }
            let text = JSONValue.number(.double(double)).serialized()
            let back = try JSONParser().parse(text)
            #expect(back.doubleValue?.bitPattern == double.bitPattern || (double == 0 && back.doubleValue == 0), "\(text)")
        }
    }

    @Test func fixtureRoundTripsExactly() throws {
        let bytes = try manifestFixture()
        let value = try JSONParser().parse(bytes)
        // The fixture is written in the pretty style, so re-serializing gives the same text back.
        #expect(value.serialized(pretty: true) + "\n" == String(decoding: bytes, as: UTF8.self))
        #expect(try JSONParser().parse(value.serializedBytes()) == value)
        #expect(value["centre"]?["name"]?["vi"] == "Trung tâm Phục vụ hành chính công xã Đào Xá")
        #expect(value["plugins"]?.objectValue?.keys == ["queue.standard", "payments.cash", "ratings.counter", "reporting.index766"])
        #expect(value[["plugins", "payments.cash", "maxAmount"]]?.numberValue == .integer(9_007_199_254_740_993))
    }
}

/// A small deterministic random generator, so fuzz failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("JSON fuzz")
struct JSONFuzzTests {
    /// Parses `bytes`; on success the value must survive a round trip, on failure the error
    /// must point inside the input.
    static func check(_ bytes: [UInt8], failures: inout [String]) {
        do {
            let value = try JSONParser(maximumDepth: 64).parse(bytes)
            let again = try JSONParser(maximumDepth: 64).parse(value.serializedBytes())
            if again != value { failures.append("round trip changed \(bytes)") }
            _ = value.serialized(pretty: true)
        } catch {
            if error.line < 1 || error.column < 1 || error.offset < 0 || error.offset > bytes.count || error.message.isEmpty {
                failures.append("bad error \(error) for \(bytes)")
            }
        }
    }

    @Test func randomBytesNeverTrap() {
        var generator = SplitMix64(seed: 2025)
        let alphabet = Array(#"{}[]:,"\ -+.eE0123456789tfnulrsaNI/u'"#.utf8) + [0x0A, 0x09, 0x00, 0xC3, 0xA0, 0xFF, 0xED, 0xF0, 0x9F]
        var failures: [String] = []
        for _ in 0..<3000 {
            let length = Int.random(in: 0..<40, using: &generator)
            let bytes = (0..<length).map { _ in
                Bool.random(using: &generator) ? alphabet.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            }
            Self.check(bytes, failures: &failures)
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
    }

    @Test func mutatedDocumentsNeverTrap() throws {
        let seed = try manifestFixture()
        var generator = SplitMix64(seed: 766)
        var failures: [String] = []
        var parsed = 0
        for _ in 0..<3000 {
            var bytes = seed
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<5, using: &generator) {
                case 0: bytes[position] = UInt8.random(in: 0...255, using: &generator)
                case 1: bytes.insert(Array(#",]}"\{[:0"#.utf8).randomElement(using: &generator)!, at: position)
                case 2: bytes.remove(at: position)
                case 3: bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...20, using: &generator)))
                default:
                    let end = min(bytes.count, position + Int.random(in: 1...30, using: &generator))
                    bytes.insert(contentsOf: bytes[position..<end], at: position)
                }
                if bytes.isEmpty { bytes = [0x20] }
            }
            if (try? JSONParser().parse(bytes)) != nil { parsed += 1 }
            Self.check(bytes, failures: &failures)
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
        // Some mutations (inside strings, digits) stay valid: the checker did see successes.
        #expect(parsed > 0)
    }
}
