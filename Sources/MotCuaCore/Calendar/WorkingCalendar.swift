#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

/// The working calendar of one centre: opening hours, national holidays with their lunar
/// dates, the government's yearly swaps and the deployment's own overrides.
///
/// Everything is computed, nothing is read from the system: instants are Foundation `Date`s
/// converted to the centre's wall clock with a fixed UTC offset (Vietnam: UTC+7, no
/// daylight saving). Special days are computed once per year and cached, so the calendar
/// is cheap to ask day after day; copies share the cache.
///
/// A day is a working day when its weekday has opening hours and it is not a holiday or
/// day off — or when it is a make-up working day; a make-up day on a weekday with no hours
/// uses Monday's hours.
public struct WorkingCalendar: Sendable {
    /// The weekly opening hours.
    public let openingHours: OpeningHours
    /// The deployment's own changes.
    public let overrides: CalendarOverrides
    /// The centre's offset from UTC in seconds (25,200 for UTC+7).
    public let utcOffsetSeconds: Int
    /// The government's per-year decisions in use.
    public let official: OfficialSwapDays
    /// The lunar calendar for the same offset.
    public let lunar: VietnameseLunarCalendar

    private let cache = YearCache()

    /// Creates a calendar.
    ///
    /// - Parameters:
    ///   - hours: the weekly opening hours; call `OpeningHours.validate()` first.
    ///   - overrides: the deployment's extra holidays and working days.
    ///   - utcOffsetSeconds: the centre's zone; the default is Vietnam's UTC+7.
    ///   - official: the government decisions to apply; the built-in data by default.
    public init(hours: OpeningHours, overrides: CalendarOverrides = .init(), utcOffsetSeconds: Int = 25_200, official: OfficialSwapDays = .builtIn) {
        self.openingHours = hours
        self.overrides = overrides
        self.utcOffsetSeconds = utcOffsetSeconds
        self.official = official
        self.lunar = VietnameseLunarCalendar(utcOffsetSeconds: utcOffsetSeconds)
    }

    // MARK: - Special days

    /// Every day of a year that differs from the ordinary week, sorted by date: holidays,
    /// compensation days, official days off and make-up days, and the deployment's own days.
    /// One entry per date; a deployment day replaces the national one on the same date.
    public func specialDays(in year: Int) -> [CalendarDay] {
        yearTable(year).values.sorted()
    }

    /// The days of a year on which the centre is closed for a reason (holidays, compensation
    /// and official days off, deployment holidays), sorted; ordinary weekends are not listed.
    public func nonWorkingDays(in year: Int) -> [CalendarDay] {
        specialDays(in: year).filter(\.kind.isDayOff)
    }

    /// The special day on a date, or nil for an ordinary day.
    public func specialDay(on date: LocalDate) -> CalendarDay? {
        yearTable(date.year)[date]
    }

    private func yearTable(_ year: Int) -> [LocalDate: CalendarDay] {
        if let table = cache.table(for: year) { return table }
        let table = computeYear(year)
        cache.store(table, for: year)
        return table
    }

    private func computeYear(_ year: Int) -> [LocalDate: CalendarDay] {
        guard (2...9998).contains(year) else { return [:] }
        var table: [LocalDate: CalendarDay] = [:]
        let decision = official[year]
        for day in PublicHolidays.days(in: year, official: decision, lunar: lunar) where table[day.date] == nil {
            table[day.date] = day
        }
        if overrides.applyOfficialSwaps, let decision {
            for swap in decision.swaps {
                if table[swap.dayOff] == nil {
                    table[swap.dayOff] = CalendarDay(date: swap.dayOff, kind: .officialDayOff, reason: CalendarText.swapDayOff(swap.occasion, makeUp: swap.makeUp),
                                                      source: swap.source ?? decision.source)
                }
                table[swap.makeUp] = CalendarDay(date: swap.makeUp, kind: .makeUpWorkingDay, reason: CalendarText.swapMakeUp(swap.occasion, dayOff: swap.dayOff),
                                              source: swap.source ?? decision.source)
            }
        }
        // A deployment's working day wins over its own holiday on the same date: opening is
        // the safer mistake for deadlines (nothing is due on a day the centre is closed).
        for day in overrides.holidays where day.date.year == year {
            table[day.date] = CalendarDay(date: day.date, kind: .deploymentHoliday, reason: day.reason)
        }
        for day in overrides.workingDays where day.date.year == year {
            table[day.date] = CalendarDay(date: day.date, kind: .deploymentWorkingDay, reason: day.reason)
        }
        return table
    }

    // MARK: - Days

    /// Whether a date is a working day for counting deadlines (Civil Code art. 147–148):
    /// Monday to Friday that is not a holiday or day off, or a make-up working day.
    ///
    /// This is the legal working week of public offices, not the centre's opening: a centre
    /// that opens on Saturday morning still counts Saturday as a rest day for deadlines.
    public func isWorkingDay(_ date: LocalDate) -> Bool {
        if let special = specialDay(on: date) { return !special.kind.isDayOff }
        return !date.weekday.isWeeklyRestDay
    }

    /// Whether the centre opens its doors on a date (it has opening hours and is not closed).
    public func isOpen(on date: LocalDate) -> Bool {
        !hours(on: date).isEmpty
    }

    /// The opening ranges used to time a deadline's day: the day's own, or Monday's when the
    /// centre does not open that day.
    func serviceHours(on date: LocalDate) -> [TimeRange] {
        let own = hours(on: date)
        return own.isEmpty ? openingHours.ranges(on: .mon) : own
    }

    /// The opening ranges of a date, sorted; empty when the centre is closed that day.
    public func hours(on date: LocalDate) -> [TimeRange] {
        let weekly = openingHours.ranges(on: date.weekday)
        guard let special = specialDay(on: date) else { return weekly }
        if special.kind.isDayOff { return [] }
        return weekly.isEmpty ? openingHours.ranges(on: .mon) : weekly
    }

    /// The first working day after a date.
    ///
    /// - Precondition: the calendar has a working day within ten years (validated hours do).
    public func nextWorkingDay(after date: LocalDate) -> LocalDate {
        step(from: date, by: 1)
    }

    /// The last working day before a date.
    ///
    /// - Precondition: the calendar has a working day within ten years (validated hours do).
    public func previousWorkingDay(before date: LocalDate) -> LocalDate {
        step(from: date, by: -1)
    }

    /// The n-th working day after a date (before it when n is negative); the date itself when n is 0.
    public func addingWorkingDays(_ n: Int, to date: LocalDate) -> LocalDate {
        var current = date
        for _ in 0..<abs(n) { current = step(from: current, by: n > 0 ? 1 : -1) }
        return current
    }

    private func step(from date: LocalDate, by direction: Int) -> LocalDate {
        var candidate = date
        for _ in 0..<Self.searchLimit {
            candidate = candidate.adding(days: direction)
            if isWorkingDay(candidate) { return candidate }
        }
        preconditionFailure("No working day within ten years of \(date): the opening hours are empty; validate them first.")
    }

    static let searchLimit = 3_660

    // MARK: - Instants

    /// The centre's wall-clock date and time (to the minute) of an instant.
    public func local(_ instant: Date) -> (date: LocalDate, time: LocalTime) {
        let (day, second) = localDaySecond(instant)
        return (LocalDate(dayNumber: day), LocalTime(unchecked: second / 60))
    }

    /// The instant of a wall-clock date and time at the centre (24:00 is the next midnight).
    public func instant(_ date: LocalDate, _ time: LocalTime) -> Date {
        instant(day: date.dayNumber, second: time.minutes * 60)
    }

    /// Whether the centre is open at an instant.
    public func isWorkingTime(_ instant: Date) -> Bool {
        let (date, time) = local(instant)
        return hours(on: date).contains { $0.contains(time) }
    }

    /// The instant itself when the centre is open, otherwise the next opening (after a lunch
    /// break the same day, else the start of the next working day).
    public func nextWorkingInstant(atOrAfter instant: Date) -> Date {
        var (day, second) = localDaySecond(instant)
        for _ in 0..<Self.searchLimit {
            for range in hours(on: LocalDate(dayNumber: day)) where second < range.end.minutes * 60 {
                return second >= range.start.minutes * 60 ? instant : self.instant(day: day, second: range.start.minutes * 60)
            }
            day += 1
            second = 0
        }
        preconditionFailure("No working time within ten years of \(instant): the opening hours are empty; validate them first.")
    }

    /// The instant `n` working hours after `start`, counting only opening hours (a lunch
    /// break, a closed evening, a weekend or a holiday do not count). When the count ends
    /// exactly at a closing time, that closing time is returned. n = 0 returns `start`.
    ///
    /// - Precondition: n ≥ 0.
    public func addingWorkingHours(_ n: Int, to start: Date) -> Date {
        precondition(n >= 0, "addingWorkingHours needs a non-negative count, got \(n)")
        guard n > 0 else { return start }
        var remaining = n * 3_600
        var (day, second) = localDaySecond(start)
        for _ in 0..<Self.searchLimit {
            for range in hours(on: LocalDate(dayNumber: day)) where second < range.end.minutes * 60 {
                let from = max(second, range.start.minutes * 60)
                let available = range.end.minutes * 60 - from
                if remaining <= available { return instant(day: day, second: from + remaining) }
                remaining -= available
                second = range.end.minutes * 60
            }
            day += 1
            second = 0
        }
        preconditionFailure("No working time within ten years of \(start): the opening hours are empty; validate them first.")
    }

    /// The local day number and second of the day of an instant (whole seconds, rounded down).
    func localDaySecond(_ instant: Date) -> (day: Int, second: Int) {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + utcOffsetSeconds
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return (day, seconds - day * 86_400)
    }

    func instant(day: Int, second: Int) -> Date {
        Date(timeIntervalSince1970: TimeInterval(day * 86_400 + second - utcOffsetSeconds))
    }
}

/// The per-year special-day tables, shared by copies of one calendar.
private final class YearCache: Sendable {
    private let tables = Mutex<[Int: [LocalDate: CalendarDay]]>([:])

    func table(for year: Int) -> [LocalDate: CalendarDay]? {
        tables.withLock { $0[year] }
    }

    func store(_ table: [LocalDate: CalendarDay], for year: Int) {
        tables.withLock { $0[year] = table }
    }
}
