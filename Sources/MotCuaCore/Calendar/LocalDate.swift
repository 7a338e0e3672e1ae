/// A day of the week, Monday first, as the manifest spells it ("mon" … "sun").
public enum Weekday: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case mon, tue, wed, thu, fri, sat, sun

    /// The key used for this day in manifests: "mon" … "sun".
    public var manifestKey: String { rawValue }

    /// The ISO 8601 day number: Monday 1 … Sunday 7.
    public var isoNumber: Int { Weekday.allCases.firstIndex(of: self)! + 1 }

    /// Whether public offices rest on this day (Saturday and Sunday).
    public var isWeeklyRestDay: Bool { self == .sat || self == .sun }

    /// Orders Monday first.
    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.isoNumber < rhs.isoNumber }
}

/// A date in the proleptic Gregorian calendar with no time and no zone, e.g. 2026-02-17.
///
/// Dates compare and hash by day. Encoded as the string "YYYY-MM-DD"; years 1–9999.
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, 1–9999.
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day of the month, 1–31.
    public let day: Int

    /// Creates a date, or nil when the day does not exist (2026-02-30) or the year is outside 1–9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= LocalDate.daysInMonth(year: year, month: month) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly "YYYY-MM-DD" (four, two and two digits); nil for anything else or a day that does not exist.
    public init?(iso text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = LocalDate.number(bytes[0..<4]),
              let month = LocalDate.number(bytes[5..<7]),
              let day = LocalDate.number(bytes[8..<10]) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Parses "YYYY-MM-DD", throwing an error that names the text when it is not a real date.
    public static func parse(_ text: String) throws(CalendarError) -> LocalDate {
        guard let date = LocalDate(iso: text) else { throw .invalidDate(text) }
        return date
    }

    /// The date `dayNumber` days after 1970-01-01 (negative before it).
    public init(dayNumber: Int) {
        // Civil-from-days over 400-year eras of 146,097 days, with years starting in March so
        // that the leap day falls at the end of the computed year.
        let shifted = dayNumber + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        self.year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 (negative before it); the inverse of `init(dayNumber:)`.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The day of the week.
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday, index 3 counting Monday as 0.
        let index = ((dayNumber + 3) % 7 + 7) % 7
        return Weekday.allCases[index]
    }

    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// The same day number `months` months later, clamped to the end of a shorter month (31 Jan + 1 month = 28/29 Feb).
    public func adding(months: Int) -> LocalDate {
        let index = year * 12 + (month - 1) + months
        let newYear = index / 12
        let newMonth = index % 12 + 1
        let newDay = min(day, LocalDate.daysInMonth(year: newYear, month: newMonth))
        return LocalDate(unchecked: newYear, newMonth, newDay)
    }

    /// The number of days from this date to `other` (positive when `other` is later).
    public func days(to other: LocalDate) -> Int { other.dayNumber - dayNumber }

    /// The ISO form "YYYY-MM-DD".
    public var description: String {
        guard (0...9999).contains(year) else { return year.zeroPadded(4) + "-" + month.zeroPadded(2) + "-" + day.zeroPadded(2) }
        // Ten ASCII bytes fit a small string: no allocation (reports name a day per journal entry).
        return String(unsafeUninitializedCapacity: 10) { buffer in
            func put(_ value: Int, _ width: Int, at end: Int) {
                var rest = value
                for offset in stride(from: end, to: end - width, by: -1) {
                    buffer[offset] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            put(year, 4, at: 3)
            buffer[4] = UInt8(ascii: "-")
            put(month, 2, at: 6)
            buffer[7] = UInt8(ascii: "-")
            put(day, 2, at: 9)
            return 10
        }
    }

    /// Orders by day.
    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// The number of days in a month of a year.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Whether the Gregorian year has 29 February.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}

extension LocalDate: Codable {
    /// Decodes from "YYYY-MM-DD"; any other string is a data-corrupted error naming it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: CalendarError.invalidDate(text).message)
        }
        self = date
    }

    /// Encodes as "YYYY-MM-DD".
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
