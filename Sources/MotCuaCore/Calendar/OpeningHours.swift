/// The weekly opening hours of a centre: for each weekday, the ranges the counters are open.
///
/// A weekday with no ranges is closed. Ranges are kept sorted by start. Call `validate()`
/// before trusting a set that came from a manifest: it rejects overlapping ranges and a
/// week with no open day.
public struct OpeningHours: Sendable, Hashable {
    /// The open ranges per weekday, each list sorted by start; absent or empty means closed.
    public private(set) var days: [Weekday: [TimeRange]]

    /// Creates opening hours from ranges per weekday (sorted for you).
    public init(_ days: [Weekday: [TimeRange]]) {
        self.days = days.filter { !$0.value.isEmpty }.mapValues { $0.sorted() }
    }

    /// Parses the manifest form: keys are days ("mon") or spans ("mon-fri"), values lists of
    /// "HH:MM-HH:MM". Throws for an unknown day key, a day given twice or a bad range; does
    /// not check overlaps (call `validate()`).
    ///
    /// ```json
    /// { "mon-fri": ["07:30-11:30", "13:30-17:00"], "sat": ["07:30-11:30"] }
    /// ```
    public init(parsing manifest: [String: [String]]) throws(CalendarError) {
        var days: [Weekday: [TimeRange]] = [:]
        for key in manifest.keys.sorted() {
            var ranges: [TimeRange] = []
            for text in manifest[key] ?? [] { ranges.append(try TimeRange(parsing: text)) }
            for weekday in try OpeningHours.weekdays(in: key) {
                guard days[weekday] == nil else { throw .duplicateDay(weekday, key) }
                days[weekday] = ranges
            }
        }
        self.init(days)
    }

    /// The manifest form, one key per weekday with hours: {"mon": ["07:30-11:30", …], …}.
    public var manifestForm: [String: [String]] {
        Dictionary(uniqueKeysWithValues: days.map { ($0.key.manifestKey, $0.value.map(\.description)) })
    }

    private static func weekdays(in key: String) throws(CalendarError) -> [Weekday] {
        let parts = key.split(separator: "-", omittingEmptySubsequences: false).map { Weekday(rawValue: String($0)) }
        switch parts.count {
        case 1:
            if let day = parts[0] { return [day] }
        case 2:
            if let first = parts[0], let last = parts[1], first <= last {
                return Weekday.allCases.filter { $0 >= first && $0 <= last }
            }
        default:
            break
        }
        throw .invalidDayKey(key)
    }

    /// Monday–Friday 07:30–11:30 and 13:30–17:00, the hours most public offices keep.
    public static let standard: OpeningHours = {
        let morning = try! TimeRange(parsing: "07:30-11:30")
        let afternoon = try! TimeRange(parsing: "13:30-17:00")
        return OpeningHours(Dictionary(uniqueKeysWithValues: [Weekday.mon, .tue, .wed, .thu, .fri].map { ($0, [morning, afternoon]) }))
    }()

    /// The sorted ranges of a weekday; empty when closed.
    public func ranges(on weekday: Weekday) -> [TimeRange] { days[weekday] ?? [] }

    /// Every problem with these hours, weekday by weekday: overlapping ranges
    /// ("mon: 07:30-11:30 overlaps 11:00-12:00") and a week with no open day.
    public var problems: [CalendarError] {
        var found: [CalendarError] = []
        for weekday in Weekday.allCases {
            let ranges = ranges(on: weekday)
            for (index, first) in ranges.enumerated() {
                for second in ranges[(index + 1)...] where first.overlaps(second) {
                    found.append(.overlap(weekday, first, second))
                }
            }
        }
        if days.isEmpty { found.append(.noHours) }
        return found
    }

    /// Throws the first of `problems`, if any.
    public func validate() throws(CalendarError) {
        if let first = problems.first { throw first }
    }
}
