/// What one deployment changes in the national working calendar.
///
/// A deployment may close on extra days (a local festival, a move) and open on days the
/// calendar closes (a make-up Saturday of its own). Deployment days win over the national
/// calendar on the same date. `applyOfficialSwaps` switches the government's per-year swap
/// days (extra days off and make-up Saturdays for public servants) on or off; the
/// holidays themselves always apply.
public struct CalendarOverrides: Sendable, Hashable, Codable {
    /// A date with the reason it is special.
    public struct Day: Sendable, Hashable, Codable {
        /// The date.
        public var date: LocalDate
        /// Why, in Vietnamese and English.
        public var reason: LocalizedText

        /// Creates a dated reason.
        public init(date: LocalDate, reason: LocalizedText) {
            self.date = date
            self.reason = reason
        }
    }

    /// Extra days this deployment is closed.
    public var holidays: [Day]
    /// Days this deployment is open although the calendar would close them.
    public var workingDays: [Day]
    /// Whether the built-in government swap days apply; true by default.
    public var applyOfficialSwaps: Bool

    /// Creates overrides; with no arguments, the national calendar unchanged.
    public init(holidays: [Day] = [], workingDays: [Day] = [], applyOfficialSwaps: Bool = true) {
        self.holidays = holidays
        self.workingDays = workingDays
        self.applyOfficialSwaps = applyOfficialSwaps
    }

    private enum CodingKeys: String, CodingKey {
        case holidays, workingDays, applyOfficialSwaps
    }

    /// Decodes with every key optional: missing lists are empty, a missing flag is true.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        holidays = try container.decodeIfPresent([Day].self, forKey: .holidays) ?? []
        workingDays = try container.decodeIfPresent([Day].self, forKey: .workingDays) ?? []
        applyOfficialSwaps = try container.decodeIfPresent(Bool.self, forKey: .applyOfficialSwaps) ?? true
    }
}
