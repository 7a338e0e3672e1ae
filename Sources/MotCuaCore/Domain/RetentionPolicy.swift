#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How long a centre keeps a dossier's personal values after the dossier closes (returned,
/// refused or stopped), per procedure, per sector, or by default (Docs/Privacy.md).
///
/// The manifest's `retention` section sets it; a procedure's rule wins over its sector's,
/// which wins over the default. When the period ends, the retention job destroys the
/// dossier's key: its personal values and scans become unreadable, its statistics remain.
public struct RetentionPolicy: Sendable, Hashable {
    /// How long personal values are kept once the dossier closed.
    public enum Period: Sendable, Hashable, CustomStringConvertible {
        /// This many years after the dossier closed.
        case years(Int)
        /// Never erased by the retention job (an erasure request still can).
        case permanent

        public var description: String {
            switch self {
            case .years(let years): "\(years) years after closing"
            case .permanent: "permanent"
            }
        }
    }

    /// The default when a manifest sets none: five years after the dossier closes.
    public static let defaultPeriod = Period.years(5)
    /// The policy of a manifest without a `retention` section.
    public static let standard = RetentionPolicy()

    /// The period of dossiers no rule below names.
    public var defaultPeriod: Period
    /// Periods by sector id.
    public var sectors: [String: Period]
    /// Periods by procedure code.
    public var procedures: [String: Period]

    /// Creates a policy.
    public init(default period: Period = RetentionPolicy.defaultPeriod, sectors: [String: Period] = [:], procedures: [String: Period] = [:]) {
        defaultPeriod = period
        self.sectors = sectors
        self.procedures = procedures
    }

    /// The period for a dossier of `procedure` in `sector`.
    public func period(procedure: String, sector: String) -> Period {
        procedures[procedure] ?? sectors[sector] ?? defaultPeriod
    }

    /// When a dossier closed at `closedAt` expires: the start of the same calendar day
    /// (in the centre's time zone) N years later, 28 February for a 29 February; nil when
    /// the period is permanent.
    public func expiry(closedAt: Date, procedure: String, sector: String, calendar: WorkingCalendar) -> Date? {
        guard case .years(let years) = period(procedure: procedure, sector: sector) else { return nil }
        let closed = calendar.local(closedAt).date
        let day = LocalDate(year: closed.year + years, month: closed.month, day: closed.day)
            ?? LocalDate(year: closed.year + years, month: closed.month, day: 28)!
        return calendar.instant(day, LocalTime(hour: 0, minute: 0)!)
    }
}
