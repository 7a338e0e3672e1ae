#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// What the province sees of its centres, read straight from each centre's own plugins: no
/// bundle to send, the same figures the centre's reports show.
extension ProvinceServer {
    /// One centre's state now.
    public struct CentreState: Sendable {
        /// The centre.
        public var deployment: Deployment
        /// Whether the centre is within its opening hours now.
        public var isOpen: Bool
        /// Tickets waiting now; nil without a queue.
        public var waiting: Int?
        /// Tickets served today; nil without a period report.
        public var servedToday: Int64?
        /// Dossiers past their deadline and not yet done; nil without intake.
        public var lateDossiers: Int?
    }

    /// Every centre's state now, in unit-code order. A centre that cannot answer shows no figure.
    public func states() -> [CentreState] {
        let now = clock.now
        return tenants.map { tenant in
            let deployment = tenant.deployment
            let composition = tenant.application.composition
            let calendar = deployment.calendar
            let (date, time) = calendar.local(now)
            let isOpen = calendar.isOpen(on: date) && calendar.hours(on: date).contains { $0.start <= time && time < $0.end }
            let served = (try? Self.figures(tenant, period: ReportPeriod.containing(date, unit: .day), onlyCutReport: true))?["tickets.served"]
            return CentreState(deployment: deployment, isOpen: isOpen, waiting: (try? composition.queueing?.snapshot())?.map(\.waiting.count),
                               servedToday: served, lateDossiers: (try? composition.intake?.overdue(at: now))?.map(\.count))
        }
    }

    /// The scored report the centres are ranked by (Decision 766), from the first centre
    /// whose reporting offers one; nil ranks nobody.
    public var scoring: ReportScoring? {
        tenants.lazy.compactMap { Application.scoring($0.application.composition.reporting) }.first
    }

    /// The centres ranked for `period` from their own reports: the ranking the signed bundles
    /// of the same period give (``ProvinceRollup/ranking(period:)``), without the bundles.
    public func ranking(period: ReportPeriod) throws -> [ProvinceRollup.Rank] {
        guard let scoring else { return [] }
        let cards = try tenants.filter { Application.scoring($0.application.composition.reporting) != nil }.map { tenant in
            let centre = tenant.deployment.centre
            return ProvinceRollup.Scorecard(commune: centre.id, name: centre.name, figures: try Self.figures(tenant, period: period))
        }
        return ProvinceRollup.rank(cards, scoring: scoring)
    }

    /// A centre's figures for a period: every report's (as its bundle holds them), or only the
    /// period report's when that is all a page needs.
    static func figures(_ tenant: Tenant, period: ReportPeriod, onlyCutReport: Bool = false) throws -> [String: Int64] {
        let composition = tenant.application.composition
        if onlyCutReport {
            guard let cut = composition.cutReport else { return [:] }
            return Dictionary(try cut.plugin.produce(report: cut.id, period: period).figures.map { ($0.id, $0.value) }, uniquingKeysWith: { first, _ in first })
        }
        let bundle = try ProvinceRollup.bundle(deployment: tenant.deployment, reporting: composition.reporting, period: period, createdAt: Date(timeIntervalSince1970: 0))
        return ProvinceRollup.Scorecard(bundle).figures
    }
}
