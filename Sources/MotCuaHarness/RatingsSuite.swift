#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// Ratings' conformance: a served ticket is rated once, linked to its counter and clerk; an
/// unknown or unserved ticket and a second rating are refused; the tablet is asked about the
/// last service at its counter.
public enum RatingsSuite: HarnessSuite {
    public static let kind = PluginKind.ratings

    public static func scenarios(for deployment: Deployment) -> [Scenario] {
        [
            Scenario("ratings: rate once, refuse unknown, unserved and repeated") { environment in
                guard let ratings = environment.composition.ratings else { throw HarnessFailure("no ratings plugin composed") }
                let counter = environment.deployment.counters.first?.id ?? "1"
                let sector = environment.deployment.counters.first?.sectors.first ?? "s"
                let now = environment.clock.now
                try environment.store.write { journal in
                    for (id, finished) in [("H-1", true), ("H-2", false)] {
                        try journal.appendJournal(JournalDraft(at: now, actor: "device:kiosk", kind: "ticket.issued", subject: "ticket:\(id)",
                            payload: #"{"number":"\#(id)","sector":"\#(sector)","priorityGroup":null,"day":"x","ahead":0,"booking":null}"#))
                        if finished {
                            try journal.appendJournal(JournalDraft(at: now, actor: "user:harness", kind: "ticket.finished", subject: "ticket:\(id)",
                                payload: #"{"number":"\#(id)","sector":"\#(sector)","counter":"\#(counter)","clerk":"harness","serviceSeconds":60}"#))
                        }
                    }
                }
                let pending = try ratings.pending(counter: counter)
                try expect(pending?.subject == .ticket("H-1"), "the tablet at counter \(counter) is not asked about ticket H-1 (got \(String(describing: pending?.subject)))")
                let best = ratings.scale.size
                let stored = try ratings.submit(Rating(subject: .ticket("H-1"), level: best, at: now, counter: counter), by: .device("harness-tablet"))
                try expect(stored.counter == counter && stored.clerk == "harness" && stored.sector == sector,
                           "the rating is not linked to counter \(counter), clerk harness, sector \(sector): \(stored)")
                for (subject, code) in [(Rating.Subject.ticket("H-1"), "ratings.already-rated"), (.ticket("H-2"), "ratings.nothing-served"),
                                        (.ticket("none"), "ratings.unknown-ticket")] {
                    do {
                        _ = try ratings.submit(Rating(subject: subject, level: best, at: now), by: .device("harness-tablet"))
                        throw HarnessFailure("a rating of \(subject) was accepted; expected \(code)")
                    } catch let problem as Problem {
                        try expect(problem.code == code, "a rating of \(subject) was refused with \(problem.code), expected \(code)")
                    }
                }
                let entries = try environment.store.journalEntries(matching: JournalQuery(kinds: ["rating.submitted"]))
                try expect(entries.count == 1, "\(entries.count) rating.submitted entries, expected 1")
                let day = environment.deployment.calendar.local(now).date
                let summary = try ratings.summary(period: try ReportPeriod(from: day, to: day), by: .counter)
                try expect(summary.rows.map(\.total) == [1], "the summary by counter counts \(summary.rows.map(\.total)), expected [1]")
            },
        ]
    }
}
