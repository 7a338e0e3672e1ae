#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// Appointment dates of every enabled procedure, received at instants spread over two years,
/// checked against the calendar: due on a working day (a same-day procedure: on a day the
/// centre opens), never before receipt, and for working-day deadlines exactly the legal
/// number of working days after the receipt day.
struct CalendarScenario {
    let deployment: Deployment

    /// Receipt instants: every 29 hours and 13 minutes through 2025 and 2026, so every
    /// weekday, hour, cut-off side, Tết and compensation day is met.
    private func receipts(_ calendar: WorkingCalendar) -> [Date] {
        let start = calendar.instant(LocalDate(year: 2025, month: 1, day: 1)!, LocalTime(hour: 6, minute: 0)!)
        return stride(from: 0.0, to: 730 * 86_400, by: 29 * 3_600 + 13 * 60).map { start.addingTimeInterval($0) }
    }

    func run() throws {
        let calendar = deployment.calendar
        let instants = receipts(calendar)
        // Every deadline a dossier can get: each case's and the procedure's own, for every channel.
        let checked = deployment.enabledProcedures.flatMap { procedure in
            Set(([procedure.channelDeadlines] + procedure.cases.map(\.deadlines)).flatMap { deadlines in
                Dossier.Channel.allCases.map { deadlines.deadline(for: $0) }
            }).map { (procedure, $0) }
        }
        for (procedure, deadline) in checked {
            for received in instants {
                let appointment = calendar.appointment(for: deadline, receivedAt: received)
                let context = "\(procedure.code) received \(calendar.local(received).date) \(calendar.local(received).time)"
                // Same-day procedures may be due on a day the centre opens outside the legal week (a Saturday morning).
                let dueOnServiceDay = calendar.isWorkingDay(appointment.dueDate)
                    || (deadline.unit == .immediate && calendar.isOpen(on: appointment.dueDate))
                try expect(dueOnServiceDay, "\(context): due \(appointment.dueDate), not a working day")
                try expect(appointment.dueAt >= received, "\(context): due \(appointment.dueAt) before receipt")
                try expect(appointment.effectiveReceipt >= received, "\(context): effective receipt moved backwards")
                let receiptDay = calendar.local(appointment.effectiveReceipt).date
                switch deadline.unit {
                case .workingDays:
                    let value = deadline.value ?? 0
                    let span = receiptDay.days(to: appointment.dueDate)
                    try expect(span >= 1, "\(context): due \(appointment.dueDate), not after the receipt day \(receiptDay)")
                    let counted = (1...span).filter {
                        calendar.isWorkingDay(receiptDay.adding(days: $0))
                    }.count
                    try expect(counted == value, "\(context): \(counted) working days to \(appointment.dueDate), expected \(value)")
                case .immediate:
                    try expect(appointment.dueDate == receiptDay, "\(context): immediate procedure due \(appointment.dueDate), received \(receiptDay)")
                case .days, .months, .hours:
                    try expect(appointment.dueDate >= receiptDay, "\(context): due before the receipt day")
                }
            }
        }
    }
}
