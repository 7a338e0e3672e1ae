/// A day that differs from the ordinary week, with the reason a clerk or citizen reads.
public struct CalendarDay: Sendable, Hashable, Codable, Comparable {
    /// Why a day differs from the ordinary week.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A statutory public holiday (Labour Code 2019 art. 112).
        case publicHoliday
        /// A day off replacing a public holiday that fell on Saturday or Sunday.
        case compensation
        /// An extra day off for public servants decided by the government for that year (a swap).
        case officialDayOff
        /// A Saturday or Sunday on which public servants work to make up for an official day off.
        case makeUpWorkingDay
        /// A day this deployment closes in addition to the national calendar.
        case deploymentHoliday
        /// A day this deployment opens although the calendar would close it.
        case deploymentWorkingDay

        /// Whether the centre is closed on a day of this kind.
        public var isDayOff: Bool {
            switch self {
            case .publicHoliday, .compensation, .officialDayOff, .deploymentHoliday: true
            case .makeUpWorkingDay, .deploymentWorkingDay: false
            }
        }
    }

    /// The date.
    public var date: LocalDate
    /// What kind of day it is.
    public var kind: Kind
    /// Why, in Vietnamese and English (e.g. "Tết Nguyên Đán" / "Lunar New Year").
    public var reason: LocalizedText
    /// The government document that decided the day (Tết days, the day next to 2 September
    /// and swaps), or nil for a day that follows from the Labour Code alone or a deployment.
    public var source: String?

    /// Creates a special day.
    public init(date: LocalDate, kind: Kind, reason: LocalizedText, source: String? = nil) {
        self.date = date
        self.kind = kind
        self.reason = reason
        self.source = source
    }

    /// Orders by date, then kind.
    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.date, lhs.kind.rawValue) < (rhs.date, rhs.kind.rawValue)
    }
}
