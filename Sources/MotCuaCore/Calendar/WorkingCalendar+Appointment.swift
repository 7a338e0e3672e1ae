#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension WorkingCalendar {
    /// The appointment for a dossier received at an instant under a deadline.
    ///
    /// A receipt outside opening hours counts from the next opening (after a lunch break, the
    /// afternoon; after closing or on a day off, the start of the next opening); a receipt
    /// after the deadline's cut-off counts from the start of the next working day. Working
    /// days are the legal ones (``isWorkingDay(_:)``), whatever the centre's opening. Then:
    /// `immediate` is due that day; `workingDays` n on the n-th working day after it;
    /// `days` n and `months` n on the day n days or months later, moved to the next working day
    /// when closed; `hours` n at the instant n working hours later. The result is due at
    /// closing time except for hours, which are due at the exact instant.
    public func appointment(for deadline: Deadline, receivedAt: Date) -> Appointment {
        let (receiptDay, receiptTime) = local(receivedAt)
        var steps = [CalendarText.received(receiptDay, receiptTime)]

        var effective = nextWorkingInstant(atOrAfter: receivedAt)
        var movedByCutoff = false
        if let cutoff = deadline.cutoff {
            let (day, time) = local(effective)
            if time > cutoff {
                let next = nextWorkingDay(after: day)
                effective = instant(next, serviceHours(on: next).first?.start ?? .startOfDay)
                movedByCutoff = true
            }
        }
        let (effectiveDay, effectiveTime) = local(effective)
        if movedByCutoff, let cutoff = deadline.cutoff {
            steps.append(CalendarText.afterCutoff(cutoff, next: effectiveDay))
        } else if effective != receivedAt {
            steps.append(CalendarText.outsideHours(from: effectiveDay, effectiveTime))
        }

        let n = max(0, deadline.value ?? 0)
        let dueDate: LocalDate
        var dueAt: Date?
        var skipFrom = effectiveDay
        switch deadline.unit {
        case .immediate:
            dueDate = effectiveDay
            steps.append(CalendarText.sameDay(dueDate))
        case .workingDays:
            dueDate = addingWorkingDays(n, to: effectiveDay)
            steps.append(CalendarText.plusWorkingDays(n, dueDate))
        case .days, .months:
            let target = deadline.unit == .days ? effectiveDay.adding(days: n) : effectiveDay.adding(months: n)
            steps.append(deadline.unit == .days ? CalendarText.plusDays(n, target) : CalendarText.plusMonths(n, target))
            if isWorkingDay(target) {
                dueDate = target
            } else {
                dueDate = nextWorkingDay(after: target)
                steps.append(CalendarText.notWorkingDay(target, because: specialDay(on: target).flatMap { $0.kind.isDayOff ? $0.reason : nil }, next: dueDate))
            }
            skipFrom = target
        case .hours:
            let end = addingWorkingHours(n, to: effective)
            let (day, time) = local(end)
            dueDate = day
            dueAt = end
            steps.append(CalendarText.plusHours(n, day, time))
        }

        let skipped = daysOff(between: receiptDay, and: effectiveDay) + daysOff(between: skipFrom, and: dueDate)
        if !skipped.isEmpty { steps.append(CalendarText.skipped(skipped)) }

        let closing = serviceHours(on: dueDate).last?.end ?? .endOfDay
        let due = dueAt ?? instant(dueDate, closing)
        let (_, dueTime) = local(due)
        steps.append(CalendarText.due(dueDate, due == instant(dueDate, .endOfDay) ? .endOfDay : dueTime))
        return Appointment(dueDate: dueDate, dueAt: due, effectiveReceipt: effective, steps: steps)
    }

    /// Special days off strictly between two dates.
    private func daysOff(between start: LocalDate, and end: LocalDate) -> [CalendarDay] {
        guard start.days(to: end) > 1 else { return [] }
        return (1..<start.days(to: end)).compactMap { offset in
            specialDay(on: start.adding(days: offset)).flatMap { $0.kind.isDayOff ? $0 : nil }
        }
    }
}
