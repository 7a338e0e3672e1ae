#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How a procedure's processing time is counted.
public enum DeadlineUnit: String, Sendable, Hashable, Codable, CaseIterable {
    /// Handled the same working day (no value); a cut-off moves late receipts to the next working day.
    case immediate
    /// Working hours, counted within opening hours only.
    case hours
    /// Calendar days; a last day that is not a working day moves to the next one (Civil Code art. 148).
    case days
    /// Working days, counted from the day after receipt (Civil Code art. 147).
    case workingDays
    /// Months: the same day number n months later, clamped to the month's end, then art. 148.
    case months
}

/// A procedure's legal processing time: a number, a unit and an optional daily cut-off.
///
/// `immediate` has no value; the other units need a value of 0 or more (checked by
/// `validate()`; `WorkingCalendar.appointment` treats a missing value as 0). A receipt after
/// `cutoff` counts as received at the start of the next working day.
public struct Deadline: Sendable, Hashable, Codable {
    /// The number of units; nil for `immediate`.
    public var value: Int?
    /// The unit.
    public var unit: DeadlineUnit
    /// The latest receipt time that still counts for the same day (e.g. 15:00), if any.
    public var cutoff: LocalTime?

    /// Creates a deadline.
    public init(value: Int?, unit: DeadlineUnit, cutoff: LocalTime? = nil) {
        self.value = value
        self.unit = unit
        self.cutoff = cutoff
    }

    /// Same day, or the next working day when received after `cutoff`.
    public static func immediate(cutoff: LocalTime? = nil) -> Deadline { Deadline(value: nil, unit: .immediate, cutoff: cutoff) }
    /// n working hours.
    public static func hours(_ n: Int, cutoff: LocalTime? = nil) -> Deadline { Deadline(value: n, unit: .hours, cutoff: cutoff) }
    /// n calendar days.
    public static func days(_ n: Int, cutoff: LocalTime? = nil) -> Deadline { Deadline(value: n, unit: .days, cutoff: cutoff) }
    /// n working days.
    public static func workingDays(_ n: Int, cutoff: LocalTime? = nil) -> Deadline { Deadline(value: n, unit: .workingDays, cutoff: cutoff) }
    /// n months.
    public static func months(_ n: Int, cutoff: LocalTime? = nil) -> Deadline { Deadline(value: n, unit: .months, cutoff: cutoff) }

    /// Throws `calendar.invalid-deadline` when `immediate` has a value or another unit lacks one or has a negative one.
    public func validate() throws(CalendarError) {
        switch (unit, value) {
        case (.immediate, nil): return
        case (.immediate, _), (_, nil): throw .invalidDeadline(self)
        case (_, let n?) where n < 0: throw .invalidDeadline(self)
        default: return
        }
    }
}

/// The appointment a citizen is given: when the result is due and how that date came about.
public struct Appointment: Sendable, Hashable, Codable {
    /// The day the result is due (always a working day).
    public var dueDate: LocalDate
    /// The due instant: closing time of `dueDate`, or for hour-based deadlines the exact instant.
    public var dueAt: Date
    /// When the dossier counts as received (after moving an out-of-hours or late receipt).
    public var effectiveReceipt: Date
    /// The reasoning, step by step, for the receipt slip and for the clerk
    /// (e.g. "Nhận sau 15:00, tính từ ngày làm việc tiếp theo 2026-02-23").
    public var steps: [LocalizedText]

    /// Creates an appointment.
    public init(dueDate: LocalDate, dueAt: Date, effectiveReceipt: Date, steps: [LocalizedText]) {
        self.dueDate = dueDate
        self.dueAt = dueAt
        self.effectiveReceipt = effectiveReceipt
        self.steps = steps
    }
}
