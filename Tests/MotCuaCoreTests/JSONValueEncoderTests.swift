import Foundation
import Testing
@testable import MotCuaCore

private struct Receipt: Codable, Equatable {
    var series: String
    var number: Int64
    var amount: Int64
    var payer: LocalizedText
    var voidReason: String?
    var lines: [Line]

    struct Line: Codable, Equatable {
        var item: String
        var fee: Int64
    }
}

/// Writes keys by hand, in a deliberate order, with nested containers and explicit nulls.
private struct Snapshot: Encodable {
    var waiting: [Int]
    var note: String?

    enum Keys: String, CodingKey { case counters, waiting, note, meta }
    enum MetaKeys: String, CodingKey { case version, generatedBy }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        var counters = container.nestedUnkeyedContainer(forKey: .counters)
        try counters.encode("1")
        try counters.encodeNil()
        try container.encode(waiting, forKey: .waiting)
        try container.encodeIfPresent(note, forKey: .note)
        var meta = container.nestedContainer(keyedBy: MetaKeys.self, forKey: .meta)
        try meta.encode(2, forKey: .version)
        try meta.encodeNil(forKey: .generatedBy)
    }
}

private struct Ratio: Encodable {
    var values: [Double]
}

@Suite("JSON value encoder")
struct JSONValueEncoderTests {
    @Test func keepsDeclarationOrderAndOmitsNil() throws {
        let receipt = Receipt(series: "BL-25E", number: 12, amount: 50_000, payer: LocalizedText(vi: "Công dân", en: "Citizen"),
                              voidReason: nil, lines: [.init(item: "chứng thực", fee: 2_000)])
        let text = try JSONValueEncoder().serialize(receipt)
        #expect(text == #"{"series":"BL-25E","number":12,"amount":50000,"payer":{"vi":"Công dân","en":"Citizen"},"lines":[{"item":"chứng thực","fee":2000}]}"#)
        let back = try JSONValueDecoder().decode(Receipt.self, from: Array(text.utf8))
        #expect(back == receipt)
    }

    @Test func handWrittenContainersKeepTheirOrder() throws {
        let value = try JSONValueEncoder().encode(Snapshot(waiting: [3, 1], note: nil))
        #expect(value.serialized() == #"{"counters":["1",null],"waiting":[3,1],"meta":{"version":2,"generatedBy":null}}"#)
        let withNote = try JSONValueEncoder().encode(Snapshot(waiting: [], note: "đông"))
        #expect(withNote.objectValue?.keys == ["counters", "waiting", "note", "meta"])
        #expect(try JSONValueEncoder().serialize(Snapshot(waiting: [], note: nil), pretty: true) == """
            {
              "counters": [
                "1",
                null
              ],
              "waiting": [],
              "meta": {
                "version": 2,
                "generatedBy": null
              }
            }
            """)
    }

    @Test func scalarsEncodeExactly() throws {
        #expect(try JSONValueEncoder().encode(Float(0.1)) == 0.1)
        #expect(try JSONValueEncoder().encode(Int8(-5)) == -5)
        #expect(try JSONValueEncoder().encode([1.5, 2]) == [1.5, 2.0])
        #expect(try JSONValueEncoder().encode(Optional<Int>.none) == nil)
        #expect(try JSONValueEncoder().encode(["b": 1]) == ["b": 1])
        let json: JSONValue = ["free": [1, "x"]]
        #expect(try JSONValueEncoder().encode(json) == json)
    }

    @Test func refusesWhatJSONCannotHold() throws {
        let error = try #require(throws: JSONEncodingError.self) { try JSONValueEncoder().encode(Ratio(values: [1, .nan])) }
        #expect(error.code == "json.non-finite-number")
        #expect(error.path.description == "values[1]")
        let big = try #require(throws: JSONEncodingError.self) { try JSONValueEncoder().encode(UInt64.max) }
        #expect(big.code == "json.integer-out-of-range")
    }

    @Test("a Date is ISO 8601 UTC with milliseconds, rounded as the journal rounds; the decoder reads it back")
    func datesAreISOText() throws {
        let instant = Date(timeIntervalSince1970: 1_772_413_212.3456)
        #expect(try JSONValueEncoder().encode(instant) == "2026-03-02T01:00:12.346Z")
        #expect(ISOTime.string(instant) == JournalEntry.isoText(instant))
        #expect(JournalEntry.milliseconds(try JSONValueDecoder().decode(Date.self, from: "2026-03-02T01:00:12.346Z")) == 1_772_413_212_346)
        // What Foundation's default once wrote (seconds since 2001) is still read.
        #expect(try JSONValueDecoder().decode(Date.self, from: .number(.double(instant.timeIntervalSinceReferenceDate))) == instant)
        let bad = try #require(throws: JSONDecodingError.self) { try JSONValueDecoder().decode(Date.self, from: "02/03/2026") }
        #expect(bad.code == "json.invalid-time")

        // The types the API once wrote as seconds since 2001.
        let rating = Rating(subject: .ticket("T-1"), level: 5, at: instant)
        let pending = RatingTarget(subject: .ticket("T-1"), label: "A-001", counter: "1", clerk: nil, sector: nil, servedAt: instant)
        let cashier = CashierDay(collector: "lan", day: LocalDate(year: 2026, month: 3, day: 2)!, closedAt: instant)
        let receipt = MotCuaCore.Receipt(method: "payments.cash", series: "AA/26E", year: 2026, number: 1, dossierCode: "X-1", lines: [], issuedAt: instant)
        for (value, key) in [(try JSONValueEncoder().encode(rating), "at"), (try JSONValueEncoder().encode(pending), "servedAt"),
                             (try JSONValueEncoder().encode(cashier), "closedAt"), (try JSONValueEncoder().encode(receipt), "issuedAt")] {
            #expect(value[key] == "2026-03-02T01:00:12.346Z", "\(key)")
        }
    }
}
