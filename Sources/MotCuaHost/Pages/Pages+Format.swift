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
}
