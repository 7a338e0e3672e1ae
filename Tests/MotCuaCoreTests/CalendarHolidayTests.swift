import Testing
@testable import MotCuaCore

@Suite("Public holidays, official swaps and deployment overrides")
struct CalendarHolidayTests {
    typealias Kind = CalendarDay.Kind

    @Test("2024: Tết off Thursday 8 to Wednesday 14 February, and Monday 29 April swapped with Saturday 4 May")
    func nonWorking2024() throws {
        let days = standardCalendar.nonWorkingDays(in: 2024)
        let expected: [(String, Kind)] = [
            ("2024-01-01", .publicHoliday),
            ("2024-02-08", .publicHoliday), ("2024-02-09", .publicHoliday), ("2024-02-10", .publicHoliday),
            ("2024-02-11", .publicHoliday), ("2024-02-12", .publicHoliday),
            ("2024-02-13", .compensation), ("2024-02-14", .compensation),
            ("2024-04-18", .publicHoliday),
            ("2024-04-29", .officialDayOff),
            ("2024-04-30", .publicHoliday), ("2024-05-01", .publicHoliday),
            ("2024-09-02", .publicHoliday), ("2024-09-03", .publicHoliday),
        ]
        #expect(days.map(\.date) == expected.map { day($0.0) })
        #expect(days.map(\.kind) == expected.map(\.1))
        #expect(standardCalendar.isWorkingDay(day("2024-02-15")))
        let makeUp = try #require(standardCalendar.specialDay(on: day("2024-05-04")))
        #expect(makeUp.kind == .makeUpWorkingDay)
        #expect(makeUp.source == "2450/VPCP-KGVX (12/4/2024)")
        #expect(standardCalendar.specialDay(on: day("2024-04-29"))?.source == "2450/VPCP-KGVX (12/4/2024)")
        #expect(standardCalendar.specialDay(on: day("2024-02-08"))?.source?.isEmpty == false, "the Tết days name their decision")
        #expect(standardCalendar.specialDay(on: day("2024-04-30"))?.source == nil, "a Labour Code holiday needs no decision")
    }

    @Test("Every official swap of every built-in year names its source")
    func swapSources() {
        for (year, decision) in OfficialSwapDays.builtIn.years {
            for swap in decision.swaps {
                #expect(standardCalendar.specialDay(on: swap.dayOff)?.source?.isEmpty == false, "\(year) \(swap.dayOff)")
                #expect(swap.source?.isEmpty == false, "\(year) \(swap.dayOff) has its own source")
            }
        }
    }

    @Test("2025: the exact non-working days of a Monday–Friday centre")
    func nonWorking2025() {
        let days = standardCalendar.nonWorkingDays(in: 2025)
        let expected: [(String, Kind)] = [
            ("2025-01-01", .publicHoliday),
            // Tết days chosen by the 2025 decision: 28 tháng Chạp – mùng 3.
            ("2025-01-27", .publicHoliday), ("2025-01-28", .publicHoliday), ("2025-01-29", .publicHoliday),
            ("2025-01-30", .publicHoliday), ("2025-01-31", .publicHoliday),
            ("2025-04-07", .publicHoliday),
            ("2025-04-30", .publicHoliday), ("2025-05-01", .publicHoliday),
            ("2025-05-02", .officialDayOff),
            ("2025-09-01", .publicHoliday), ("2025-09-02", .publicHoliday),
        ]
        #expect(days.map(\.date) == expected.map { day($0.0) })
        #expect(days.map(\.kind) == expected.map(\.1))
        #expect(days[1].reason == LocalizedText(vi: "Tết Nguyên Đán", en: "Lunar New Year"))
        #expect(standardCalendar.isWorkingDay(day("2025-02-03")))
        #expect(!standardCalendar.isWorkingDay(day("2025-02-08")), "no make-up Saturday after Tết 2025 in the approved plan")
    }

    @Test("2025: Saturday 26 April is worked back for Friday 2 May")
    func makeUp2025() throws {
        let special = try #require(standardCalendar.specialDay(on: day("2025-04-26")))
        #expect(special.kind == .makeUpWorkingDay)
        #expect(special.reason.vi.contains("2025-05-02"))
        #expect(standardCalendar.isWorkingDay(day("2025-04-26")))
        #expect(standardCalendar.hours(on: day("2025-04-26")) == OpeningHours.standard.ranges(on: .mon))
    }

    @Test("2026: the exact non-working days of a Monday–Friday centre")
    func nonWorking2026() {
        let days = standardCalendar.nonWorkingDays(in: 2026)
        let expected: [(String, Kind)] = [
            ("2026-01-01", .publicHoliday), ("2026-01-02", .officialDayOff),
            ("2026-02-16", .publicHoliday), ("2026-02-17", .publicHoliday), ("2026-02-18", .publicHoliday),
            ("2026-02-19", .publicHoliday), ("2026-02-20", .publicHoliday),
            ("2026-04-26", .publicHoliday), ("2026-04-27", .compensation),
            ("2026-04-30", .publicHoliday), ("2026-05-01", .publicHoliday),
            ("2026-08-31", .officialDayOff),
            ("2026-09-01", .publicHoliday), ("2026-09-02", .publicHoliday),
        ]
        #expect(days.map(\.date) == expected.map { day($0.0) })
        #expect(days.map(\.kind) == expected.map(\.1))
        let makeUps = standardCalendar.specialDays(in: 2026).filter { $0.kind == .makeUpWorkingDay }.map(\.date)
        #expect(makeUps == [day("2026-01-10"), day("2026-08-22")])
    }

    @Test("Hùng Kings day 2026 falls on Sunday and is compensated on Monday 27 April")
    func compensation2026() throws {
        let monday = try #require(standardCalendar.specialDay(on: day("2026-04-27")))
        #expect(monday.kind == .compensation)
        #expect(monday.reason == LocalizedText(vi: "Nghỉ bù Giỗ Tổ Hùng Vương", en: "Compensation day for Hung Kings Commemoration"))
        #expect(!standardCalendar.isWorkingDay(day("2026-04-27")))
        #expect(standardCalendar.isWorkingDay(day("2026-04-28")))
    }

    @Test("a year without a decision uses the default rules, compensating Tết days on the weekend")
    func defaultRules2027() {
        // Tết 2027 is Saturday 6 Feb: default days 5–9 Feb; Sat 6 and Sun 7 are compensated on Wed 10 and Thu 11.
        let days = standardCalendar.nonWorkingDays(in: 2027)
        let tet = days.filter { $0.date.month == 2 }
        #expect(tet.map(\.date) == ["2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11"].map(day))
        #expect(tet.suffix(2).allSatisfy { $0.kind == .compensation && $0.reason.vi == "Nghỉ bù Tết Nguyên Đán" })
        // 2 September 2027 is a Thursday: the default adjacent day is Friday 3 September.
        #expect(days.filter { $0.date.month == 9 }.map(\.date) == [day("2027-09-02"), day("2027-09-03")])
        #expect(!days.contains { $0.kind == .officialDayOff })
    }

    @Test("deployment overrides: an extra holiday closes, a make-up Saturday opens with Monday's hours")
    func deploymentOverrides() throws {
        let festival = LocalizedText(vi: "Lễ hội truyền thống xã", en: "Commune festival")
        let makeUp = LocalizedText(vi: "Làm bù ngày lễ hội", en: "Make-up for the festival")
        let calendar = WorkingCalendar(hours: .standard, overrides: CalendarOverrides(
            holidays: [.init(date: day("2026-03-10"), reason: festival)],
            workingDays: [.init(date: day("2026-03-14"), reason: makeUp)]
        ))
        #expect(!calendar.isWorkingDay(day("2026-03-10")))
        #expect(calendar.isWorkingDay(day("2026-03-14")))
        #expect(calendar.hours(on: day("2026-03-14")) == OpeningHours.standard.ranges(on: .mon))
        #expect(calendar.addingWorkingDays(1, to: day("2026-03-09")) == day("2026-03-11"))
        #expect(calendar.addingWorkingDays(4, to: day("2026-03-11")) == day("2026-03-16"), "Thu, Fri, Sat (make-up), Mon")
        let extra = try #require(calendar.nonWorkingDays(in: 2026).first { $0.date == day("2026-03-10") })
        #expect(extra.kind == .deploymentHoliday && extra.reason == festival)
        #expect(calendar.specialDays(in: 2026).contains(CalendarDay(date: day("2026-03-14"), kind: .deploymentWorkingDay, reason: makeUp)))
        // The national calendar is untouched: a centre without overrides works on the 10th.
        #expect(standardCalendar.isWorkingDay(day("2026-03-10")))
    }

    @Test("a deployment may open on a public holiday")
    func openOnHoliday() {
        let calendar = WorkingCalendar(hours: .standard, overrides: CalendarOverrides(
            workingDays: [.init(date: day("2026-09-01"), reason: LocalizedText(vi: "Trực lễ", en: "Holiday duty"))]
        ))
        #expect(calendar.isWorkingDay(day("2026-09-01")))
        #expect(!calendar.nonWorkingDays(in: 2026).contains { $0.date == day("2026-09-01") })
    }

    @Test("switching official swaps off keeps the holidays but drops the swap days")
    func withoutOfficialSwaps() {
        let calendar = WorkingCalendar(hours: .standard, overrides: CalendarOverrides(applyOfficialSwaps: false))
        #expect(calendar.isWorkingDay(day("2026-01-02")))
        #expect(!calendar.isWorkingDay(day("2026-01-10")))
        #expect(!calendar.isWorkingDay(day("2026-02-17")))
        #expect(!calendar.isWorkingDay(day("2026-04-27")), "compensation is law, not a swap")
        #expect(calendar.nonWorkingDays(in: 2026).count == 12)
    }

    @Test("a centre open on Saturday morning opens Saturdays, but Saturday is no working day for deadlines")
    func saturdayMorning() throws {
        var week = OpeningHours.standard.days
        week[.sat] = [try TimeRange(parsing: "07:30-11:30")]
        let calendar = WorkingCalendar(hours: OpeningHours(week))
        #expect(calendar.isOpen(on: day("2026-03-07")))
        #expect(!calendar.isWorkingDay(day("2026-03-07")), "deadlines count the legal Monday–Friday week")
        #expect(calendar.hours(on: day("2026-03-07")).map(\.description) == ["07:30-11:30"])
        #expect(calendar.isOpen(on: day("2026-02-21")), "the Saturday after Tết 2026 is an ordinary open Saturday")
        #expect(!calendar.isOpen(on: day("2027-02-06")), "Tết on a Saturday closes a Saturday-open centre too")
        // Three working days from a Friday end on Wednesday, open Saturday or not.
        let friday = calendar.instant(day("2026-03-06"), LocalTime(parsing: "09:00")!)
        #expect(calendar.appointment(for: .workingDays(3), receivedAt: friday).dueDate == day("2026-03-11"))
        // A same-day procedure received on an open Saturday is due that Saturday.
        let saturday = calendar.instant(day("2026-03-07"), LocalTime(parsing: "09:00")!)
        #expect(calendar.appointment(for: .immediate(cutoff: LocalTime(parsing: "15:00")), receivedAt: saturday).dueDate == day("2026-03-07"))
        // A make-up working Saturday is a working day.
        #expect(calendar.isWorkingDay(day("2026-01-10")))
    }
}
