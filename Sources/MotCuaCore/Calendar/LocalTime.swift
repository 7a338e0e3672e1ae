/// A wall-clock time of day at the centre, in whole minutes from 00:00 to 24:00.
///
/// 24:00 exists so a range can end at midnight ("13:00-24:00"). Encoded as "HH:MM".
public struct LocalTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Minutes since midnight, 0…1440.
    public let minutes: Int

    /// Creates a time from minutes since midnight, or nil outside 0…1440.
    public init?(minutes: Int) {
        guard (0...1440).contains(minutes) else { return nil }
        self.minutes = minutes
    }

    /// Creates a time from hour and minute, or nil outside 00:00…24:00.
    public init?(hour: Int, minute: Int) {
        guard (0...59).contains(minute), (0...24).contains(hour), hour < 24 || minute == 0 else { return nil }
        self.minutes = hour * 60 + minute
    }

    /// Parses exactly "HH:MM" with two digits each, 00:00…24:00; nil for "7:30", "25:00", "07:60".
    public init?(parsing text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":"),
              bytes.indices.allSatisfy({ $0 == 2 || (bytes[$0] >= UInt8(ascii: "0") && bytes[$0] <= UInt8(ascii: "9")) })
        else { return nil }
        let digit = { (index: Int) in Int(bytes[index] - UInt8(ascii: "0")) }
        self.init(hour: digit(0) * 10 + digit(1), minute: digit(3) * 10 + digit(4))
    }

    /// Midnight at the start of the day.
    public static let startOfDay = LocalTime(unchecked: 0)
    /// Midnight at the end of the day (24:00).
    public static let endOfDay = LocalTime(unchecked: 1440)

    /// The hour, 0…24.
    public var hour: Int { minutes / 60 }
    /// The minute within the hour, 0…59.
    public var minute: Int { minutes % 60 }

    /// The form "HH:MM".
    public var description: String { hour.zeroPadded(2) + ":" + minute.zeroPadded(2) }

    /// Orders by minute of the day.
    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool { lhs.minutes < rhs.minutes }

    init(unchecked minutes: Int) { self.minutes = minutes }
}

extension LocalTime: Codable {
    /// Decodes from "HH:MM"; any other string is a data-corrupted error naming it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let time = LocalTime(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: CalendarError.invalidTime(text).message)
        }
        self = time
    }

    /// Encodes as "HH:MM".
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A half-open span of opening time within one day, e.g. 07:30-11:30 (11:30 itself is closed).
///
/// The end is always after the start. Encoded as "HH:MM-HH:MM".
public struct TimeRange: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The first open minute.
    public let start: LocalTime
    /// The first closed minute after the range.
    public let end: LocalTime

    /// Creates a range, throwing `calendar.range-order` unless `end` is after `start`.
    public init(start: LocalTime, end: LocalTime) throws(CalendarError) {
        guard end > start else { throw .rangeOrder("\(start)-\(end)") }
        self.start = start
        self.end = end
    }

    /// Parses "HH:MM-HH:MM", throwing `calendar.invalid-range` for a bad shape ("7:3-11"),
    /// `calendar.invalid-time` for an impossible time ("25:00-26:00") and
    /// `calendar.range-order` when the end is not after the start ("11:30-07:30").
    public init(parsing text: String) throws(CalendarError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.utf8.count == 5 && $0.utf8.dropFirst(2).first == UInt8(ascii: ":") }) else {
            throw .invalidRange(text)
        }
        guard let start = LocalTime(parsing: String(parts[0])) else { throw .invalidTime(String(parts[0])) }
        guard let end = LocalTime(parsing: String(parts[1])) else { throw .invalidTime(String(parts[1])) }
        guard end > start else { throw .rangeOrder(text) }
        self.start = start
        self.end = end
    }

    /// The length of the range in minutes.
    public var minutes: Int { end.minutes - start.minutes }

    /// Whether the time falls inside the range (start included, end excluded).
    public func contains(_ time: LocalTime) -> Bool { start <= time && time < end }

    /// Whether the two ranges share at least one minute.
    public func overlaps(_ other: TimeRange) -> Bool { start < other.end && other.start < end }

    /// The form "HH:MM-HH:MM".
    public var description: String { "\(start)-\(end)" }

    /// Orders by start, then end.
    public static func < (lhs: TimeRange, rhs: TimeRange) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }
}

extension TimeRange: Codable {
    /// Decodes from "HH:MM-HH:MM"; a bad string is a data-corrupted error with the parse message.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try TimeRange(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    /// Encodes as "HH:MM-HH:MM".
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
