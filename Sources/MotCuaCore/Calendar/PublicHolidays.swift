/// The statutory public holidays of Vietnam (Labour Code 2019 art. 112) and their compensation days.
///
/// Per year: 1 January; Tết, five days (default: the last day of the old lunar year and
/// days 1–4 of the new one); Hùng Kings day, 10th day of the 3rd lunar month; 30 April;
/// 1 May; 2 September and one adjacent day. The Prime Minister fixes the Tết days and the
/// adjacent day each year (`OfficialSwapDays`); without a decision the defaults apply. A
/// holiday on Saturday or Sunday (public offices' weekly rest) is compensated on the next
/// weekday that is not itself a holiday (art. 111(3)).
public enum PublicHolidays {
    /// The holidays and compensation days of a solar year, sorted by date.
    ///
    /// - Parameters:
    ///   - year: the solar year.
    ///   - official: the year's government decision, when known.
    ///   - lunar: the lunar calendar used for Tết and Hùng Kings day.
    public static func days(in year: Int, official: OfficialSwapDays.Year? = nil, lunar: VietnameseLunarCalendar = .init()) -> [CalendarDay] {
        var holidays: [CalendarDay] = []
        func add(_ month: Int, _ day: Int, _ reason: LocalizedText) {
            holidays.append(CalendarDay(date: LocalDate(unchecked: year, month, day), kind: .publicHoliday, reason: reason))
        }
        add(1, 1, CalendarText.newYear)
        for date in official?.tetDays ?? defaultTetDays(in: year, lunar: lunar) {
            holidays.append(CalendarDay(date: date, kind: .publicHoliday, reason: CalendarText.tet,
                                        source: official?.tetDays == nil ? nil : official?.source))
        }
        if let hungKings = lunar.solarDate(of: LunarDate(year: year, month: 3, day: 10)) {
            holidays.append(CalendarDay(date: hungKings, kind: .publicHoliday, reason: CalendarText.hungKings))
        }
        add(4, 30, CalendarText.reunification)
        add(5, 1, CalendarText.labourDay)
        add(9, 2, CalendarText.nationalDay)
        let adjacent = official?.nationalDayAdjacent ?? defaultNationalDayAdjacent(in: year)
        holidays.append(CalendarDay(date: adjacent, kind: .publicHoliday, reason: CalendarText.nationalDayAdjacent,
                                    source: official?.nationalDayAdjacent == nil ? nil : official?.source))

        let official = Set(official?.swaps.map(\.dayOff) ?? [])
        var taken = Set(holidays.map(\.date)).union(official)
        var result = holidays
        for holiday in holidays.sorted() where holiday.date.weekday.isWeeklyRestDay {
            var candidate = holiday.date.adding(days: 1)
            while candidate.weekday.isWeeklyRestDay || taken.contains(candidate) {
                candidate = candidate.adding(days: 1)
            }
            taken.insert(candidate)
            result.append(CalendarDay(date: candidate, kind: .compensation, reason: CalendarText.compensation(for: holiday.reason)))
        }
        return result.sorted()
    }

    /// The default five Tết days: the last day of the old lunar year and days 1–4 of the new one.
    public static func defaultTetDays(in year: Int, lunar: VietnameseLunarCalendar = .init()) -> [LocalDate] {
        let newYear = lunar.newYear(of: year)
        return (-1...3).map { newYear.adding(days: $0) }
    }

    /// The default day next to 2 September: the one that joins the weekend
    /// (Tuesday, Friday, Saturday → 1 Sep; Monday, Thursday, Sunday → 3 Sep; Wednesday → 1 Sep).
    public static func defaultNationalDayAdjacent(in year: Int) -> LocalDate {
        let nationalDay = LocalDate(unchecked: year, 9, 2)
        switch nationalDay.weekday {
        case .mon, .thu, .sun: return nationalDay.adding(days: 1)
        case .tue, .wed, .fri, .sat: return nationalDay.adding(days: -1)
        }
    }
}
