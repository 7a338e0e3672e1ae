import Foundation
@testable import MotCuaCore

/// A date from a literal the test author wrote; traps on a typo so a bad table cannot pass silently.
func day(_ text: String) -> LocalDate {
    guard let date = LocalDate(iso: text) else { fatalError("bad test date \(text)") }
    return date
}

func time(_ text: String) -> LocalTime {
    guard let value = LocalTime(parsing: text) else { fatalError("bad test time \(text)") }
    return value
}

/// The instant of a wall-clock time in Vietnam (UTC+7), built without the calendar under test.
func vietnam(_ date: String, _ clock: String) -> Date {
    let d = day(date), t = time(clock)
    return Date(timeIntervalSince1970: TimeInterval(d.dayNumber * 86_400 + t.minutes * 60 - 7 * 3_600))
}

let standardCalendar = WorkingCalendar(hours: .standard)
