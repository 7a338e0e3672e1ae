import Foundation
import Testing
@testable import MotCuaCore

@Suite("Working time arithmetic")
struct CalendarArithmeticTests {
    @Test("wall clock ⇄ instant at UTC+7 without a time-zone database")
    func localAndInstant() {
        let instant = Date(timeIntervalSince1970: 1_771_288_200) // 2026-02-17T00:30:00Z
        let (date, clock) = standardCalendar.local(instant)
        #expect(date == day("2026-02-17") && clock == time("07:30"))
        #expect(standardCalendar.instant(day("2026-02-17"), time("07:30")) == instant)
        // 23:30 UTC is already the next day in Vietnam.
        #expect(standardCalendar.local(Date(timeIntervalSince1970: 1_771_284_600 - 3_600)).date == day("2026-02-17"))
        #expect(standardCalendar.local(Date(timeIntervalSince1970: 1_771_284_600 - 7 * 3_600 - 60)).date == day("2026-02-16"))
        let utc = WorkingCalendar(hours: .standard, utcOffsetSeconds: 0)
        #expect(utc.local(instant).time == time("00:30"))
    }

    @Test("working time: open ranges include the start and exclude the end", arguments: [
        ("2026-03-02", "07:29", false), ("2026-03-02", "07:30", true), ("2026-03-02", "11:29", true),
        ("2026-03-02", "11:30", false), ("2026-03-02", "12:15", false), ("2026-03-02", "13:30", true),
        ("2026-03-02", "16:59", true), ("2026-03-02", "17:00", false), ("2026-03-07", "09:00", false),
        ("2026-02-18", "09:00", false), ("2026-01-10", "09:00", true),
    ])
    func workingTime(date: String, clock: String, open: Bool) {
        #expect(standardCalendar.isWorkingTime(vietnam(date, clock)) == open)
    }

    @Test("adding working days skips weekends, Tết, compensation days and swaps", arguments: [
        ("2026-03-02", 4, "2026-03-06"),   // within a week
        ("2026-03-06", 1, "2026-03-09"),   // over a weekend
        ("2026-02-12", 2, "2026-02-23"),   // over the nine-day Tết break
        ("2026-04-24", 1, "2026-04-28"),   // over Hùng Kings compensation Monday 27 April
        ("2026-01-09", 1, "2026-01-10"),   // the make-up Saturday counts
        ("2026-01-01", 1, "2026-01-05"),   // 2 January swapped off
        ("2026-03-09", 0, "2026-03-09"),
        ("2026-02-23", -1, "2026-02-13"),  // backwards over Tết
    ])
    func workingDays(from: String, n: Int, expected: String) {
        #expect(standardCalendar.addingWorkingDays(n, to: day(from)) == day(expected))
    }

    @Test("next working day after a Friday before Tết is the Monday after it")
    func nextWorkingDay() {
        #expect(standardCalendar.nextWorkingDay(after: day("2026-02-13")) == day("2026-02-23"))
        #expect(standardCalendar.previousWorkingDay(before: day("2026-04-28")) == day("2026-04-24"))
    }

    @Test("adding working hours counts only opening hours", arguments: [
        ("2026-03-02", "10:30", 2, "2026-03-02", "14:30"),  // across the lunch break
        ("2026-03-02", "07:30", 4, "2026-03-02", "11:30"),  // ends exactly at the morning's close
        ("2026-03-06", "16:00", 2, "2026-03-09", "08:30"),  // across a weekend
        ("2026-02-13", "16:00", 3, "2026-02-23", "09:30"),  // across Tết
        ("2026-03-02", "12:00", 1, "2026-03-02", "14:30"),  // starting in the lunch break
        ("2026-03-02", "18:00", 1, "2026-03-03", "08:30"),  // starting after closing
        ("2026-03-02", "10:30", 8, "2026-03-03", "11:00"),  // more than a day's 7.5 hours
    ])
    func workingHours(date: String, clock: String, n: Int, expectedDate: String, expectedTime: String) {
        let end = standardCalendar.addingWorkingHours(n, to: vietnam(date, clock))
        #expect(end == vietnam(expectedDate, expectedTime))
    }

    @Test("a year's special days are computed fast enough to ask day by day")
    func speed() {
        let start = ContinuousClock.now
        let calendar = WorkingCalendar(hours: .standard)
        var date = day("2026-01-01")
        for _ in 0..<200 { date = calendar.nextWorkingDay(after: date) }
        #expect(date.year == 2026)
        #expect(ContinuousClock.now - start < .seconds(1))
    }
}
