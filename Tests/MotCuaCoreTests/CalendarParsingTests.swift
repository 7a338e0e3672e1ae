import Foundation
import Testing
@testable import MotCuaCore

@Suite("Calendar input parsing")
struct CalendarParsingTests {
    @Test("time ranges reject bad text with an error naming it", arguments: [
        ("7:3-11", "calendar.invalid-range", "7:3-11"),
        ("07:30–11:30", "calendar.invalid-range", "07:30–11:30"),  // en dash
        ("07:30-11:30-12:00", "calendar.invalid-range", "07:30-11:30-12:00"),
        ("11:30-07:30", "calendar.range-order", "11:30-07:30"),
        ("07:30-07:30", "calendar.range-order", "07:30-07:30"),
        ("25:00-26:00", "calendar.invalid-time", "25:00"),
        ("07:30-07:60", "calendar.invalid-time", "07:60"),
    ])
    func badRanges(text: String, code: String, named: String) {
        do {
            _ = try TimeRange(parsing: text)
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.code == code)
            #expect(error.message.contains("\"\(named)\""))
            #expect(error.messageVi.contains("\"\(named)\""))
        }
    }

    @Test("times are strict HH:MM between 00:00 and 24:00")
    func times() throws {
        #expect(LocalTime(parsing: "25:00") == nil)
        #expect(LocalTime(parsing: "24:01") == nil)
        #expect(LocalTime(parsing: "7:30") == nil)
        #expect(LocalTime(parsing: "07:3") == nil)
        #expect(LocalTime(parsing: "-1:00") == nil)
        #expect(LocalTime(parsing: "24:00")?.minutes == 1_440)
        #expect(LocalTime(parsing: "00:00")?.minutes == 0)
        #expect(try TimeRange(parsing: "13:30-24:00").minutes == 630)
    }

    @Test("overlapping ranges are reported per day, naming the day and both ranges")
    func overlaps() throws {
        let hours = OpeningHours([
            .mon: [try TimeRange(parsing: "11:00-12:00"), try TimeRange(parsing: "07:30-11:30")],
            .tue: [try TimeRange(parsing: "07:30-11:30"), try TimeRange(parsing: "11:30-12:00")],
        ])
        #expect(hours.problems.count == 1)
        #expect(hours.problems.first?.code == "calendar.overlap")
        #expect(hours.problems.first?.message.hasPrefix("mon: 07:30-11:30 overlaps 11:00-12:00") == true)
        #expect(throws: CalendarError.self) { try hours.validate() }
        try OpeningHours.standard.validate()
        #expect(OpeningHours([:]).problems.map(\.code) == ["calendar.no-hours"])
    }

    @Test("opening hours parse from the manifest form with day spans")
    func manifestHours() throws {
        let hours = try OpeningHours(parsing: ["mon-fri": ["07:30-11:30", "13:30-17:00"], "sat": ["07:30-11:30"]])
        #expect(hours == OpeningHours(OpeningHours.standard.days.merging([.sat: [try TimeRange(parsing: "07:30-11:30")]]) { a, _ in a }))
        #expect(hours.ranges(on: .sun).isEmpty)
        #expect(try OpeningHours(parsing: hours.manifestForm) == hours)
        #expect(throws: CalendarError.invalidDayKey("fri-mon")) { try OpeningHours(parsing: ["fri-mon": ["07:30-11:30"]]) }
        #expect(throws: CalendarError.invalidDayKey("monday")) { try OpeningHours(parsing: ["monday": ["07:30-11:30"]]) }
        #expect(throws: CalendarError.duplicateDay(.mon, "mon-fri")) { try OpeningHours(parsing: ["mon": ["07:30-11:30"], "mon-fri": ["13:30-17:00"]]) }
        #expect(throws: CalendarError.invalidRange("7:3-11")) { try OpeningHours(parsing: ["mon": ["7:3-11"]]) }
    }

    @Test("dates parse only when they exist", arguments: [
        ("2026-02-30", false), ("2025-02-29", false), ("2024-02-29", true), ("2026-2-03", false),
        ("2026-13-01", false), ("0000-01-01", false), ("2026-02-17", true), ("2026-02-17T00:00", false),
    ])
    func dates(text: String, valid: Bool) {
        #expect((LocalDate(iso: text) != nil) == valid)
        #expect(LocalDate(iso: text)?.description == (valid ? text : nil))
    }

    @Test("an impossible date gets a clear error")
    func dateError() {
        #expect(throws: CalendarError.invalidDate("2026-02-30")) { try LocalDate.parse("2026-02-30") }
    }

    @Test("day numbers and weekdays agree with Foundation's Gregorian calendar (1615–4160)")
    func dayNumbers() throws {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = try #require(TimeZone(secondsFromGMT: 0))
        for dayNumber in stride(from: -130_000, through: 800_000, by: 997) {
            let date = LocalDate(dayNumber: dayNumber)
            let parts = gregorian.dateComponents([.year, .month, .day, .weekday], from: Date(timeIntervalSince1970: TimeInterval(dayNumber) * 86_400))
            #expect([date.year, date.month, date.day] == [parts.year, parts.month, parts.day])
            #expect(date.weekday.isoNumber == (parts.weekday! + 5) % 7 + 1)
            #expect(date.dayNumber == dayNumber)
        }
        #expect(day("2026-02-17").weekday == .tue)
        #expect(day("2026-02-17").days(to: day("2026-03-01")) == 12)
        #expect(day("2024-01-31").adding(months: 1) == day("2024-02-29"))
        #expect(day("2026-12-31").adding(days: 1) == day("2027-01-01"))
    }

    @Test("dates, times and ranges encode as their manifest strings")
    func coding() throws {
        struct Sample: Codable, Equatable { var date: LocalDate; var time: LocalTime; var range: TimeRange }
        let sample = Sample(date: day("2026-02-17"), time: time("07:30"), range: try TimeRange(parsing: "07:30-11:30"))
        let json = String(decoding: try JSONEncoder().encode(sample), as: UTF8.self)
        #expect(json.contains("\"2026-02-17\"") && json.contains("\"07:30\"") && json.contains("\"07:30-11:30\""))
        #expect(try JSONDecoder().decode(Sample.self, from: Data(json.utf8)) == sample)
        let bad = json.replacingOccurrences(of: "2026-02-17", with: "2026-02-30")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Sample.self, from: Data(bad.utf8)) }
        let overrides = try JSONDecoder().decode(CalendarOverrides.self, from: Data(#"{"holidays":[{"date":"2026-03-10","reason":{"vi":"Lễ hội","en":"Festival"}}]}"#.utf8))
        #expect(overrides.holidays.first?.date == day("2026-03-10"))
        #expect(overrides.applyOfficialSwaps)
    }
}
