#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// How pages write money, dates and times: the way Vietnamese forms print them.
extension Pages {
    /// Whole đồng with dots between thousands, e.g. `150.000 đ`; negative amounts keep their sign.
    public static func money(_ amount: Int64) -> String {
        VietnameseNumber.grouped(amount) + " đ"
    }

    /// A local date as `dd/MM/yyyy`.
    public static func dateText(_ date: LocalDate) -> String {
        date.day.zeroPadded(2) + "/" + date.month.zeroPadded(2) + "/" + String(date.year)
    }

    /// An instant in the centre's time as `HH:mm dd/MM/yyyy`.
    public static func dateTimeText(_ instant: Date, _ context: PageContext) -> String {
        let local = context.deployment.calendar.local(instant)
        return "\(local.time) \(dateText(local.date))"
    }

    /// An instant in the centre's time as `dd/MM/yyyy`.
    public static func dateText(_ instant: Date, _ context: PageContext) -> String {
        dateText(context.deployment.calendar.local(instant).date)
    }

    /// A duration in words, as a notice writes it: `dưới 1 phút` under a minute, `1 phút 20 giây`,
    /// `2 phút`, and from an hour on `1 giờ 5 phút` (seconds no longer matter there).
    public static func durationText(seconds: Int, _ language: Language) -> String {
        guard seconds >= 60 else { return WebStrings.durationUnderMinute.text(language) }
        let hours = seconds / 3_600, minutes = seconds % 3_600 / 60, rest = seconds % 60
        var parts: [String] = []
        if hours > 0 { parts.append(VietnameseNumber.grouped(Int64(hours)) + " " + WebStrings.durationHours.text(language)) }
        if minutes > 0 { parts.append("\(minutes) " + WebStrings.durationMinutes.text(language)) }
        if hours == 0, rest > 0 { parts.append("\(rest) " + WebStrings.durationSeconds.text(language)) }
        return parts.joined(separator: " ")
    }
}
