/// The calendar's user-facing wording, in one place (Vietnamese first, then English).
public enum CalendarText {
    /// 1 January.
    public static let newYear = LocalizedText(vi: "Tết Dương lịch", en: "New Year's Day")
    /// The five days of the lunar new year.
    public static let tet = LocalizedText(vi: "Tết Nguyên Đán", en: "Lunar New Year")
    /// 10th day of the 3rd lunar month.
    public static let hungKings = LocalizedText(vi: "Giỗ Tổ Hùng Vương", en: "Hung Kings Commemoration")
    /// 30 April.
    public static let reunification = LocalizedText(vi: "Ngày Chiến thắng (30/4)", en: "Reunification Day")
    /// 1 May.
    public static let labourDay = LocalizedText(vi: "Ngày Quốc tế Lao động (1/5)", en: "International Labour Day")
    /// 30 April and 1 May together, the occasion of a swap.
    public static let reunificationAndLabour = LocalizedText(vi: "Lễ 30/4 và 1/5", en: "Reunification Day and Labour Day")
    /// 2 September.
    public static let nationalDay = LocalizedText(vi: "Quốc khánh", en: "National Day")
    /// The day next to 2 September.
    public static let nationalDayAdjacent = LocalizedText(vi: "Quốc khánh (ngày liền kề)", en: "National Day (adjacent day)")

    static func compensation(for holiday: LocalizedText) -> LocalizedText {
        LocalizedText(vi: "Nghỉ bù \(holiday.vi)", en: "Compensation day for \(holiday.en)")
    }

    static func swapDayOff(_ occasion: LocalizedText, makeUp: LocalDate) -> LocalizedText {
        LocalizedText(
            vi: "Nghỉ hoán đổi dịp \(occasion.vi), làm bù ngày \(makeUp)",
            en: "Swapped day off for \(occasion.en), worked back on \(makeUp)"
        )
    }

    static func swapMakeUp(_ occasion: LocalizedText, dayOff: LocalDate) -> LocalizedText {
        LocalizedText(
            vi: "Làm bù cho ngày nghỉ \(dayOff) dịp \(occasion.vi)",
            en: "Make-up working day for \(dayOff) (\(occasion.en))"
        )
    }

    static func received(_ date: LocalDate, _ time: LocalTime) -> LocalizedText {
        LocalizedText(vi: "Nhận hồ sơ lúc \(time) ngày \(date)", en: "Received at \(time) on \(date)")
    }

    static func afterCutoff(_ cutoff: LocalTime, next: LocalDate) -> LocalizedText {
        LocalizedText(
            vi: "Nhận sau \(cutoff), tính từ ngày làm việc tiếp theo \(next)",
            en: "Received after \(cutoff), counted from the next working day \(next)"
        )
    }

    static func outsideHours(from date: LocalDate, _ time: LocalTime) -> LocalizedText {
        LocalizedText(
            vi: "Nhận ngoài giờ làm việc, tính từ \(time) ngày \(date)",
            en: "Received outside working hours, counted from \(time) on \(date)"
        )
    }

    static func sameDay(_ date: LocalDate) -> LocalizedText {
        LocalizedText(vi: "Giải quyết trong ngày \(date)", en: "Handled the same day, \(date)")
    }

    static func plusWorkingDays(_ n: Int, _ date: LocalDate) -> LocalizedText {
        LocalizedText(vi: "Cộng \(n) ngày làm việc: \(date)", en: "Plus \(n) working day\(n == 1 ? "" : "s"): \(date)")
    }

    static func plusDays(_ n: Int, _ date: LocalDate) -> LocalizedText {
        LocalizedText(vi: "Cộng \(n) ngày: \(date)", en: "Plus \(n) days: \(date)")
    }

    static func plusMonths(_ n: Int, _ date: LocalDate) -> LocalizedText {
        LocalizedText(vi: "Cộng \(n) tháng: \(date)", en: "Plus \(n) months: \(date)")
    }

    static func plusHours(_ n: Int, _ date: LocalDate, _ time: LocalTime) -> LocalizedText {
        LocalizedText(
            vi: "Cộng \(n) giờ làm việc: \(time) ngày \(date)",
            en: "Plus \(n) working hours: \(time) on \(date)"
        )
    }

    static func notWorkingDay(_ date: LocalDate, because reason: LocalizedText?, next: LocalDate) -> LocalizedText {
        let vi = reason.map { " (\($0.vi))" } ?? ""
        let en = reason.map { " (\($0.en))" } ?? ""
        return LocalizedText(
            vi: "\(date) không phải ngày làm việc\(vi), chuyển sang ngày làm việc tiếp theo \(next)",
            en: "\(date) is not a working day\(en), moved to the next working day \(next)"
        )
    }

    static func skipped(_ days: [CalendarDay]) -> LocalizedText {
        let vi = days.map { "\($0.date) \($0.reason.vi)" }.joined(separator: "; ")
        let en = days.map { "\($0.date) \($0.reason.en)" }.joined(separator: "; ")
        return LocalizedText(vi: "Không tính ngày nghỉ: \(vi)", en: "Days off not counted: \(en)")
    }

    static func due(_ date: LocalDate, _ time: LocalTime) -> LocalizedText {
        LocalizedText(vi: "Hẹn trả kết quả: \(time) ngày \(date)", en: "Result due: \(time) on \(date)")
    }
}
