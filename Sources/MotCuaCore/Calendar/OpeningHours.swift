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
