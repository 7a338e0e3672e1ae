import Foundation
import Testing
@testable import MotCuaCore

@Suite("Appointment dates")
struct CalendarAppointmentTests {
    static let copyCertification = Deadline.immediate(cutoff: LocalTime(parsing: "15:00"))

    @Test("appointment dates across weekends, Tết, compensation days and cut-offs", arguments: [
        // Copy certification: same day, next working day when received after 15:00.
        (copyCertification, "2026-03-06", "16:10", "2026-03-09", "17:00"),  // Friday 16:10 → Monday
        (copyCertification, "2026-03-06", "15:00", "2026-03-06", "17:00"),  // 15:00 itself is in time
        (copyCertification, "2026-02-13", "16:10", "2026-02-23", "17:00"),  // Friday before Tết → after Tết
        (copyCertification, "2026-04-24", "16:10", "2026-04-28", "17:00"),  // Monday 27 April is compensation
        (copyCertification, "2026-03-07", "09:00", "2026-03-09", "17:00"),  // Saturday → Monday
        (Deadline.workingDays(5), "2026-02-12", "09:00", "2026-02-26", "17:00"),  // 13 Feb, then 23–26 Feb
        (Deadline.workingDays(1), "2026-04-24", "10:00", "2026-04-28", "17:00"),
        (Deadline.workingDays(3), "2026-03-06", "17:30", "2026-03-12", "17:00"),  // after hours: counts from Monday
        (Deadline.days(10), "2026-02-06", "09:00", "2026-02-23", "17:00"),       // lands on Tết → next working day
        (Deadline.days(2), "2026-03-04", "09:00", "2026-03-06", "17:00"),
        (Deadline.months(1), "2026-01-31", "10:00", "2026-03-02", "17:00"),      // 28 Feb is a Saturday
        (Deadline.months(1), "2026-03-31", "10:00", "2026-05-04", "17:00"),      // 30 Apr, 1 May, weekend
        (Deadline.hours(8), "2026-03-02", "10:30", "2026-03-03", "11:00"),
        (Deadline.hours(3), "2026-03-02", "12:00", "2026-03-02", "16:30"),      // lunch receipt counts from 13:30
        (Deadline.hours(4), "2026-03-02", "12:00", "2026-03-03", "08:00"),
    ])
    func appointmentDates(deadline: Deadline, date: String, clock: String, dueDate: String, dueTime: String) {
        let appointment = standardCalendar.appointment(for: deadline, receivedAt: vietnam(date, clock))
        #expect(appointment.dueDate == day(dueDate))
        #expect(appointment.dueAt == vietnam(dueDate, dueTime))
    }

    @Test("a late receipt explains the shift in both languages")
    func cutoffSteps() {
        let appointment = standardCalendar.appointment(for: Self.copyCertification, receivedAt: vietnam("2026-02-13", "16:10"))
        #expect(appointment.effectiveReceipt == vietnam("2026-02-23", "07:30"))
        #expect(appointment.steps.first == LocalizedText(vi: "Nhận hồ sơ lúc 16:10 ngày 2026-02-13", en: "Received at 16:10 on 2026-02-13"))
        #expect(appointment.steps.contains(LocalizedText(
            vi: "Nhận sau 15:00, tính từ ngày làm việc tiếp theo 2026-02-23",
            en: "Received after 15:00, counted from the next working day 2026-02-23"
        )))
        #expect(appointment.steps.contains { $0.vi.contains("2026-02-17 Tết Nguyên Đán") })
        #expect(appointment.steps.last?.vi == "Hẹn trả kết quả: 17:00 ngày 2026-02-23")
    }

    @Test("a receipt in time keeps its instant and says nothing about shifting")
    func inTime() {
        let received = vietnam("2026-03-04", "09:12")
        let appointment = standardCalendar.appointment(for: .workingDays(1), receivedAt: received)
        #expect(appointment.effectiveReceipt == received)
        #expect(appointment.steps.count == 3)
        #expect(appointment.steps[1].en == "Plus 1 working day: 2026-03-05")
    }

    @Test("a calendar-day deadline landing on a holiday names the holiday")
    func movedOffHoliday() {
        let appointment = standardCalendar.appointment(for: .days(10), receivedAt: vietnam("2026-02-06", "09:00"))
        #expect(appointment.steps.contains { $0.vi.contains("2026-02-16 không phải ngày làm việc (Tết Nguyên Đán)") })
    }

    @Test("a receipt during the lunch break counts from the afternoon opening")
    func lunchReceipt() {
        let appointment = standardCalendar.appointment(for: Self.copyCertification, receivedAt: vietnam("2026-03-02", "12:05"))
        #expect(appointment.effectiveReceipt == vietnam("2026-03-02", "13:30"))
        #expect(appointment.dueDate == day("2026-03-02"))
        #expect(appointment.steps[1].en == "Received outside working hours, counted from 13:30 on 2026-03-02")
    }

    @Test("a cut-off before the afternoon moves a lunch-time receipt to the next day")
    func morningCutoff() {
        let deadline = Deadline.immediate(cutoff: LocalTime(parsing: "11:00"))
        let appointment = standardCalendar.appointment(for: deadline, receivedAt: vietnam("2026-03-02", "12:05"))
        #expect(appointment.dueDate == day("2026-03-03"))
    }

    @Test("deadline values are checked and units keep their manifest names")
    func deadlineValidation() throws {
        #expect(throws: CalendarError.self) { try Deadline(value: 3, unit: .immediate).validate() }
        #expect(throws: CalendarError.self) { try Deadline(value: nil, unit: .workingDays).validate() }
        do {
            try Deadline(value: -1, unit: .days).validate()
            Issue.record("a negative deadline was accepted")
        } catch {
            #expect(error.code == "calendar.invalid-deadline")
            #expect(error.message.contains("-1 days"))
        }
        try Deadline.immediate().validate()
        try Deadline.workingDays(0).validate()
        #expect(DeadlineUnit.allCases.map(\.rawValue) == ["immediate", "hours", "days", "workingDays", "months"])
        let json = try JSONEncoder().encode(Deadline.workingDays(5, cutoff: LocalTime(parsing: "15:00")))
        let decoded = try JSONDecoder().decode(Deadline.self, from: json)
        #expect(decoded == .workingDays(5, cutoff: LocalTime(parsing: "15:00")))
        #expect(String(decoding: json, as: UTF8.self).contains("\"15:00\""))
    }
}
