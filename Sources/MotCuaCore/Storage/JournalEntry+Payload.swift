#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// Reading journal payloads, for ratings and reporting (Docs/Events.md).
extension JournalEntry {
    /// The payload parsed as JSON; an empty object when it is not valid JSON.
    public var payloadValue: JSONValue {
        (try? JSONParser().parse(payload)) ?? .object(JSONObject())
    }

    /// The id after the subject's prefix: `T-1` for `ticket:T-1`.
    public var subjectID: String {
        guard let colon = subject.firstIndex(of: ":") else { return subject }
        return String(subject[subject.index(after: colon)...])
    }

    /// The login of a `user:<login>` (or `staff:<login>`) actor; nil for devices and the system.
    public var actorLogin: String? {
        if actor.hasPrefix("user:") { return String(actor.dropFirst(5)) }
        if actor.hasPrefix("staff:") { return String(actor.dropFirst(6)) }
        return nil
    }

    /// Parses a payload time, `2026-03-02T01:15:00.000Z` (milliseconds optional, UTC only).
    public static func instant(iso text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z"), bytes[4] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              let date = LocalDate(year: year, month: month, day: day), hour < 24, minute < 60, second < 61 else { return nil }
        var milliseconds = 0
        if bytes.count == 24, bytes[19] == UInt8(ascii: "."), let fraction = number(20..<23) { milliseconds = fraction }
        let seconds = Int64(date.dayNumber) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return JournalEntry.date(milliseconds: seconds * 1000 + Int64(milliseconds))
    }

    /// Writes an instant as the journal does: `2026-03-02T01:15:00.000Z` (`ISOTime.string`).
    public static func isoText(_ instant: Date) -> String {
        ISOTime.string(instant)
    }
}
