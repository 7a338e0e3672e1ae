#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// Reporting's conformance: after a simulated week written to the journal as the other kinds
/// would write it, every period report's totals equal what happened, and a rebuild from the
/// journal gives the same report.
public enum ReportingSuite: HarnessSuite {
    public static let kind = PluginKind.reporting

    public static func scenarios(for deployment: Deployment) -> [Scenario] {
        [
            Scenario("reporting: a simulated week's totals and a rebuild") { environment in
                let calendar = environment.deployment.calendar
                let first = calendar.local(environment.clock.now).date
                let simulation = SimulatedJournal(deployment: environment.deployment, seed: environment.seed, ticketsPerDay: 40, dossiersPerDay: 20)
                var last = first
                for offset in 0..<7 {
                    last = first.adding(days: offset)
                    try simulation.simulate(day: last, store: environment.store)
                }
                environment.clock.set(calendar.instant(last.adding(days: 1), LocalTime(hour: 0, minute: 0)!))
                let period = try ReportPeriod(from: first, to: last)
                let totals = simulation.totals
                for plugin in environment.composition.reporting {
                    for id in plugin.reportIDs {
                        let report = try plugin.produce(report: id, period: period)
                        // The period report (the one with cuts) counts what was written.
                        if plugin.supportsCuts(report: id) {
                            let expected: [(String, Int64)] = [
                                ("tickets.issued", Int64(totals.ticketsIssued)), ("tickets.served", Int64(totals.ticketsServed)),
                                ("tickets.no-show", Int64(totals.ticketsNoShow)), ("dossiers.received", Int64(totals.dossiersReceived)),
                                ("dossiers.early", Int64(totals.early)), ("dossiers.on-time", Int64(totals.onTime)), ("dossiers.late", Int64(totals.late)),
                                ("dossiers.returned", Int64(totals.returned)), ("fees.total", totals.fees), ("fees.receipts", Int64(totals.receipts)),
                                ("ratings.total", Int64(totals.ratings)),
                            ]
                            for (figure, value) in expected {
                                let reported = report.figure(figure)?.value
                                try expect(reported == value, "\(id): \(figure) is \(reported.map(String.init) ?? "missing"), but \(value) happened")
                            }
                        }
                        _ = try plugin.rebuild()
                        let rebuilt = try plugin.produce(report: id, period: period)
                        let differing = zip(report.figures, rebuilt.figures).first { $0 != $1 }
                        try expect(rebuilt == report, "\(id): a rebuild from the journal changed the report"
                                   + (differing.map { ": \($0.0.id) \($0.0.text) became \($0.1.text)" } ?? ""))
                    }
                }
                let verification = try environment.store.verifyJournal()
                try expect(verification.firstBadSequence == nil, "journal does not verify: \(verification.message)")
            },
        ]
    }
}
