#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// A date in the Vietnamese lunisolar calendar (âm lịch).
public struct LunarDate: Sendable, Hashable, CustomStringConvertible {
    /// The lunar year, numbered like the solar year in which its first month begins.
    public var year: Int
    /// The month, 1–12 (11 is tháng Một, 12 tháng Chạp).
    public var month: Int
    /// The day of the month, 1–30.
    public var day: Int
    /// Whether this is the intercalary (nhuận) repeat of `month`.
    public var isLeapMonth: Bool

    /// Creates a lunar date; whether it exists is checked when it is converted.
    public init(year: Int, month: Int, day: Int, isLeapMonth: Bool = false) {
        self.year = year
        self.month = month
        self.day = day
        self.isLeapMonth = isLeapMonth
    }

    /// "day/month/year", with "+" after a leap month: "10/3/2026", "1/4+/2028".
    public var description: String { "\(day)/\(month)\(isLeapMonth ? "+" : "")/\(year)" }
}

/// The Vietnamese lunisolar calendar, computed astronomically for a given UTC offset.
///
/// Months start on the local day of the new moon; month 11 holds the winter solstice; in a
/// year with 13 months the first month without a major solar term is the leap month. The
/// default offset is UTC+7, which is why some Vietnamese dates differ from the Chinese
/// (UTC+8) calendar: Tết 1985 is 21 January in Vietnam, 20 February in China.
/// Vietnam has reckoned its calendar at UTC+7 since 1967 (UTC+8 before, and in the South
/// until 1975), so dates before 1967 may differ from the calendars printed then.
/// The astronomy (new moons from Meeus, "Astronomical Algorithms", ch. 49; the Sun's
/// longitude from ch. 25; ΔT from a polynomial fit) is good to minutes for 1900–2100.
public struct VietnameseLunarCalendar: Sendable, Hashable {
    /// The UTC offset of the calendar in seconds; 25,200 (UTC+7) for Vietnam.
    public let utcOffsetSeconds: Int

    /// Creates the calendar for a zone; the default is Vietnam's UTC+7.
    public init(utcOffsetSeconds: Int = 25_200) {
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// The solar date of Tết (1st day of the 1st lunar month) in a solar year.
    public func newYear(of solarYear: Int) -> LocalDate {
        solarDate(of: LunarDate(year: solarYear, month: 1, day: 1))!
    }

    /// The lunar date of a solar date.
    public func lunarDate(of date: LocalDate) -> LunarDate {
        let day = date.dayNumber
        var k = Int(((Double(day) + Self.unixEpochJD - 0.5 - Self.newMoonEpochJDE) / Self.synodicMonth).rounded(.down))
        while newMoonDay(k + 1) <= day { k += 1 }
        while newMoonDay(k) > day { k -= 1 }
        let monthStart = newMoonDay(k)

        var a11 = month11(year: date.year)
        var yearOfA11 = date.year
        if a11 > monthStart {
            a11 = month11(year: date.year - 1)
            yearOfA11 = date.year - 1
        }
        let b11 = month11(year: yearOfA11 + 1)
        let offset = lunationIndex(from: a11, to: monthStart)
        var month = offset + 11
        var isLeap = false
        if b11 - a11 > 365 {
            let leap = leapMonthOffset(after: a11)
            if offset >= leap {
                month -= 1
                isLeap = offset == leap
            }
        }
        if month > 12 { month -= 12 }
        let lunarYear = (month >= 11 && offset < 4) ? yearOfA11 : yearOfA11 + 1
        return LunarDate(year: lunarYear, month: month, day: day - monthStart + 1, isLeapMonth: isLeap)
    }

    /// The solar date of a lunar date, or nil when that date does not exist (a leap flag on a
    /// month that is not leap that year, or day 30 of a 29-day month).
    public func solarDate(of lunar: LunarDate) -> LocalDate? {
        guard (1...12).contains(lunar.month), (1...30).contains(lunar.day), (2...9998).contains(lunar.year) else { return nil }
        let a11: Int
        let b11: Int
        if lunar.month < 11 {
            a11 = month11(year: lunar.year - 1)
            b11 = month11(year: lunar.year)
        } else {
            a11 = month11(year: lunar.year)
            b11 = month11(year: lunar.year + 1)
        }
        var offset = (lunar.month - 11 + 12) % 12
        if b11 - a11 > 365 {
            let leap = leapMonthOffset(after: a11)
            let leapMonth = (leap - 1 + 10) % 12 + 1
            if lunar.isLeapMonth && lunar.month != leapMonth { return nil }
            if lunar.isLeapMonth || offset >= leap { offset += 1 }
        } else if lunar.isLeapMonth {
            return nil
        }
        let k = kIndex(ofNewMoonDay: a11) + offset
        let start = newMoonDay(k)
        guard lunar.day <= newMoonDay(k + 1) - start else { return nil }
        return LocalDate(dayNumber: start + lunar.day - 1)
    }

    // MARK: - Astronomy

    static let unixEpochJD = 2_440_587.5
    static let newMoonEpochJDE = 2_451_550.097_66
    static let synodicMonth = 29.530_588_861

    /// The local day (days since 1970-01-01) holding the k-th new moon after 6 January 2000.
    func newMoonDay(_ k: Int) -> Int {
        let jdUT = Self.newMoonJDE(k) - Self.deltaTSeconds(k: k) / 86_400
        let local = jdUT - Self.unixEpochJD + Double(utcOffsetSeconds) / 86_400
        return Int(local.rounded(.down))
    }

    /// Which 30° sector (0–11) of ecliptic longitude the Sun is in at the local midnight starting a day.
    func sunSector(atStartOf day: Int) -> Int {
        let jd = Double(day) + Self.unixEpochJD - Double(utcOffsetSeconds) / 86_400
        return Int(Self.apparentSolarLongitude(jd) / 30)
    }

    /// The local day starting lunar month 11, the month holding the winter solstice of `year`.
    func month11(year: Int) -> Int {
        let december31 = LocalDate(unchecked: year, 12, 31).dayNumber
        var k = Int(((Double(december31) + Self.unixEpochJD + 0.5 - Self.newMoonEpochJDE) / Self.synodicMonth).rounded(.down))
        while newMoonDay(k + 1) <= december31 { k += 1 }
        while newMoonDay(k) > december31 { k -= 1 }
        let start = newMoonDay(k)
        // Sector 9 begins at 270°, the solstice: if it has already passed when this month
        // starts, the solstice fell in the month before.
        return sunSector(atStartOf: start) >= 9 ? newMoonDay(k - 1) : start
    }

    /// In a 13-month year starting at month 11 on `a11`, the offset (from month 11) of the leap month.
    func leapMonthOffset(after a11: Int) -> Int {
        let k = kIndex(ofNewMoonDay: a11)
        var offset = 1
        var sector = sunSector(atStartOf: newMoonDay(k + 1))
        while offset < 14 {
            let next = sunSector(atStartOf: newMoonDay(k + offset + 1))
            if next == sector { return offset }
            sector = next
            offset += 1
        }
        return offset
    }

    private func kIndex(ofNewMoonDay day: Int) -> Int {
        var k = Int(((Double(day) + Self.unixEpochJD + 0.5 - Self.newMoonEpochJDE) / Self.synodicMonth).rounded())
        while newMoonDay(k) > day { k -= 1 }
        while newMoonDay(k + 1) <= day { k += 1 }
        return k
    }

    private func lunationIndex(from start: Int, to later: Int) -> Int {
        kIndex(ofNewMoonDay: later) - kIndex(ofNewMoonDay: start)
    }

    /// The Julian Ephemeris Day of the k-th mean-corrected new moon (Meeus 49.1 and table 49.A).
    static func newMoonJDE(_ k: Int) -> Double {
        let k = Double(k)
        let t = k / 1236.85
        let t2 = t * t, t3 = t2 * t, t4 = t3 * t
        var jde = 2_451_550.097_66 + 29.530_588_861 * k + 0.000_154_37 * t2 - 0.000_000_150 * t3 + 0.000_000_000_73 * t4
        let e = 1 - 0.002_516 * t - 0.000_007_4 * t2
        let m = radians(2.5534 + 29.105_356_70 * k - 0.000_001_4 * t2 - 0.000_000_11 * t3)
        let mp = radians(201.5643 + 385.816_935_28 * k + 0.010_758_2 * t2 + 0.000_012_38 * t3 - 0.000_000_058 * t4)
        let f = radians(160.7108 + 390.670_502_84 * k - 0.001_611_8 * t2 - 0.000_002_27 * t3 + 0.000_000_011 * t4)
        let omega = radians(124.7746 - 1.563_755_88 * k + 0.002_067_2 * t2 + 0.000_002_15 * t3)
        var c = -0.40720 * sin(mp)
        c += 0.17241 * e * sin(m)
        c += 0.01608 * sin(2 * mp)
        c += 0.01039 * sin(2 * f)
        c += 0.00739 * e * sin(mp - m)
        c -= 0.00514 * e * sin(mp + m)
        c += 0.00208 * e * e * sin(2 * m)
        c -= 0.00111 * sin(mp - 2 * f)
        c -= 0.00057 * sin(mp + 2 * f)
        c += 0.00056 * e * sin(2 * mp + m)
        c -= 0.00042 * sin(3 * mp)
        c += 0.00042 * e * sin(m + 2 * f)
        c += 0.00038 * e * sin(m - 2 * f)
        c -= 0.00024 * e * sin(2 * mp - m)
        c -= 0.00017 * sin(omega)
        c -= 0.00007 * sin(mp + 2 * m)
        c += 0.00004 * sin(2 * mp - 2 * f)
        c += 0.00004 * sin(3 * m)
        c += 0.00003 * sin(mp + m - 2 * f)
        c += 0.00003 * sin(2 * mp + 2 * f)
        c -= 0.00003 * sin(mp + m + 2 * f)
        c += 0.00003 * sin(mp - m + 2 * f)
        c -= 0.00002 * sin(mp - m - 2 * f)
        c -= 0.00002 * sin(3 * mp + m)
        c += 0.00002 * sin(4 * mp)
        // Planetary perturbations (Meeus 49, "additional corrections"), each well under a minute.
        let planetary: [(Double, Double, Double)] = [
            (299.77, 0.107_408, 0.000_325), (251.88, 0.016_321, 0.000_165), (251.83, 26.651_886, 0.000_164),
            (349.42, 36.412_478, 0.000_126), (84.66, 18.206_239, 0.000_110), (141.74, 53.303_771, 0.000_062),
            (207.14, 2.453_732, 0.000_060), (154.84, 7.306_860, 0.000_056), (34.52, 27.261_239, 0.000_047),
            (207.19, 0.121_824, 0.000_042), (291.34, 1.844_379, 0.000_040), (161.72, 24.198_154, 0.000_037),
            (239.56, 25.513_099, 0.000_035), (331.55, 3.592_518, 0.000_023),
        ]
        for (index, (base, rate, amplitude)) in planetary.enumerated() {
            let angle = base + rate * k - (index == 0 ? 0.009_173 * t2 : 0)
            c += amplitude * sin(radians(angle))
        }
        jde += c
        return jde
    }

    /// The Sun's apparent ecliptic longitude in degrees [0, 360) at a Julian Day (Meeus ch. 25, low accuracy).
    static func apparentSolarLongitude(_ jd: Double) -> Double {
        let t = (jd - 2_451_545.0) / 36_525
        let l0 = 280.466_46 + 36_000.769_83 * t + 0.000_303_2 * t * t
        let m = radians(357.529_11 + 35_999.050_29 * t - 0.000_153_7 * t * t)
        let center = (1.914_602 - 0.004_817 * t - 0.000_014 * t * t) * sin(m)
            + (0.019_993 - 0.000_101 * t) * sin(2 * m)
            + 0.000_289 * sin(3 * m)
        let omega = radians(125.04 - 1_934.136 * t)
        let longitude = l0 + center - 0.005_69 - 0.004_78 * sin(omega)
        let reduced = longitude.truncatingRemainder(dividingBy: 360)
        return reduced < 0 ? reduced + 360 : reduced
    }

    /// TT − UT in seconds around the time of new moon k (polynomial fits by Espenak and Meeus).
    static func deltaTSeconds(k: Int) -> Double {
        let year = 2000 + Double(k) / 12.368_5
        switch year {
        case ..<1900:
            let u = (year - 1820) / 100
            return -20 + 32 * u * u
        case ..<1920:
            let t = year - 1900
            return -2.79 + 1.494_119 * t - 0.059_893_9 * t * t + 0.006_196_6 * t * t * t - 0.000_197 * t * t * t * t
        case ..<1941:
            let t = year - 1920
            return 21.20 + 0.844_93 * t - 0.076_100 * t * t + 0.002_093_6 * t * t * t
        case ..<1961:
            let t = year - 1950
            return 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547
        case ..<1986:
            let t = year - 1975
            return 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718
        case ..<2005:
            let t = year - 2000
            return 63.86 + 0.3345 * t - 0.060_374 * t * t + 0.001_727_5 * t * t * t
                + 0.000_651_814 * t * t * t * t + 0.000_023_735_99 * t * t * t * t * t
        case ..<2050:
            let t = year - 2000
            return 62.92 + 0.322_17 * t + 0.005_589 * t * t
        default:
            let u = (year - 1820) / 100
            return -20 + 32 * u * u - 0.5628 * (2150 - year)
        }
    }

    private static func radians(_ degrees: Double) -> Double { degrees * .pi / 180 }
}
