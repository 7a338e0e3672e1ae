import Foundation
import MotCuaCore
import MotCuaHarness
import MotCuaHost
import Testing

@Suite("Ratings and reports over real sockets", .serialized)
struct RatingRouteTests {
    @Test func aTabletRatesWhatItsCounterJustServedOnce() async throws {
        try await ReportsHost().serve { host in
            let tablet = try host.pairTablet("tablet-1", counter: "1")
            let idle = try await host.request("GET", "/api/v1/ratings/pending", bearer: tablet)
            #expect(idle.status == 200)
            #expect(try json(idle)["pending"] == .null)

            try host.finishTicket("A-7", counter: "1")
            try host.finishTicket("B-2", counter: "2", sector: "dat-dai")
            let pending = try json(try await host.request("GET", "/api/v1/ratings/pending", bearer: tablet))["pending"]
            #expect(pending?["subject"]?["ticket"]?.stringValue == "A-7")
            #expect(pending?["label"]?.stringValue == "A-7")

            let rated = try await host.request("POST", "/api/v1/ratings", bearer: tablet, json: #"{"ticket":"A-7","level":2,"reasons":["waiting"],"comment":"lâu"}"#)
            #expect(rated.status == 201)
            #expect(try json(rated)["clerk"]?.stringValue == "lan")
            #expect(try json(rated)["channel"]?.stringValue == "tablet")
            let again = try await host.request("POST", "/api/v1/ratings", bearer: tablet, json: #"{"ticket":"A-7","level":5}"#)
            #expect(again.status == 409)
            #expect(errorCode(again) == "ratings.already-rated")
            let otherCounter = try await host.request("POST", "/api/v1/ratings", bearer: tablet, json: #"{"ticket":"B-2","level":5}"#)
            #expect(errorCode(otherCounter) == "ratings.other-counter")
            let unknown = try await host.request("POST", "/api/v1/ratings", bearer: tablet, json: #"{"ticket":"Z-9","level":5}"#)
            #expect(unknown.status == 404)
            #expect(errorCode(unknown) == "ratings.unknown-ticket")
            let both = try await host.request("POST", "/api/v1/ratings", bearer: tablet, json: #"{"ticket":"A-7","dossier":"D","level":5}"#)
            #expect(errorCode(both) == "ratings.subject")
            #expect(try json(try await host.request("GET", "/api/v1/ratings/pending", bearer: tablet))["pending"] == .null)

            let lonely = try host.pairTablet("tablet-x", counter: nil)
            #expect(errorCode(try await host.request("GET", "/api/v1/ratings/pending", bearer: lonely)) == "ratings.tablet-counter")
            // A citizen cannot use the tablet's routes.
            #expect(try await host.request("GET", "/api/v1/ratings/pending").status == 401)
        }
    }

    @Test func theTabletPageShowsTheScaleWithFacesAndWakesOnLiveEvents() async throws {
        try await ReportsHost().serve { host in
            let tablet = try host.pairTablet("tablet-1", counter: "1")
            let page = try await host.request("GET", "/rating", bearer: tablet)
            #expect(page.status == 200)
            let html = page.text
            #expect(html.contains("data-rating-tablet data-counter=\"1\" data-timeout=\"30\""))
            #expect(html.components(separatedBy: "class=\"rating-level ").count - 1 == 5)
            #expect(html.contains("Rất hài lòng"))
            #expect(html.contains("Rất không hài lòng"))
            #expect(html.components(separatedBy: "<svg class=\"face\"").count - 1 == 5)
            #expect(html.contains("data-low=\"true\""))
            #expect(html.contains("name=\"reasons\" value=\"waiting\""))
            let script = try await host.request("GET", "/assets/app.js")
            #expect(script.text.contains("/api/v1/events?topics=queue,intake"))
            #expect(script.text.contains("\"ticket.finished\""))
            let lonely = try host.pairTablet("tablet-x", counter: nil)
            #expect(try await host.request("GET", "/rating", bearer: lonely).text.contains(WebStrings.ratingNoCounter.vi))
        }
    }

    @Test func aCitizenRatesAReturnedDossierOnceWithTheCodeOnTheirReceipt() async throws {
        try await ReportsHost().serve { host in
            try host.store.write { journal in
                try journal.appendJournal(JournalDraft(at: host.clock.now, actor: "user:hoa", kind: "dossier.received", subject: "dossier:H-1",
                    payload: #"{"procedure":"p","sector":"dat-dai","channel":"counter","counter":"2","clerk":"hoa","ticket":null,"receivedAt":"2026-03-30T01:00:00.000Z","dueAt":"2026-04-02T10:00:00.000Z","documents":1,"digitised":1}"#))
            }
            let code = try host.application.ratingCodes.code(for: .dossier("H-1"))
            #expect(code.hasPrefix("12345-") && code.count == "12345-XXXX-XXXX-XXXX".count)
            #expect(try host.application.ratingCodes.code(for: .dossier("H-1")) == code)
            #expect(try host.application.ratingCodes.code(for: .dossier("H-2")) != code)
            let page = try await host.request("GET", "/rate")
            #expect(page.status == 200)
            #expect(page.text.contains("name=\"code\""))

            // Before the result is returned the code rates nothing, and stays valid.
            let early = try await host.request("POST", "/api/v1/ratings/by-code", json: #"{"code":"\#(code)","level":4}"#)
            #expect(errorCode(early) == "ratings.nothing-served")
            try host.store.write { journal in
                try journal.appendJournal(JournalDraft(at: host.clock.now, actor: "user:hoa", kind: "dossier.status-changed", subject: "dossier:H-1",
                    payload: #"{"procedure":"p","sector":"dat-dai","from":"done","to":"returned","note":null,"dueAt":"2026-04-02T10:00:00.000Z","verdict":"early","counter":"2","clerk":"hoa"}"#))
            }
            // The dossier code, which runs in sequence, rates nothing.
            let byDossierCode = try await host.request("POST", "/api/v1/ratings/by-code", json: #"{"code":"H-1","level":5}"#)
            #expect(byDossierCode.status == 400)
            #expect(errorCode(byDossierCode) == "ratings.code-format")
            let oldBody = try await host.request("POST", "/api/v1/ratings/by-code", json: #"{"dossier":"H-1","level":5}"#)
            #expect(errorCode(oldBody) == "ratings.code-required")
            // A staff member signed in cannot rate, even with the code.
            let supervisor = try await host.signIn("sup")
            let staff = try await host.request("POST", "/api/v1/ratings/by-code", cookie: supervisor, json: #"{"code":"\#(code)","level":5}"#)
            #expect(staff.status == 403)
            #expect(errorCode(staff) == "ratings.staff-cannot-rate")

            let rated = try await host.request("POST", "/api/v1/ratings/by-code", json: #"{"code":"\#(code.lowercased())","level":"4"}"#)
            #expect(rated.status == 201)
            #expect(try json(rated)["clerk"] == nil)
            let replayed = try await host.request("POST", "/api/v1/ratings/by-code", json: #"{"code":"\#(code)","level":5}"#)
            #expect(replayed.status == 409)
            #expect(errorCode(replayed) == "ratings.code-used")
            let forged = try await host.request("POST", "/api/v1/ratings/by-code", json: #"{"code":"12345-AAAA-BBBB-CCCC","level":5}"#)
            #expect(forged.status == 404)
            #expect(errorCode(forged) == "ratings.code-unknown")
            let otherCentre = try await host.request("POST", "/api/v1/ratings/by-code", json: #"{"code":"08662-AAAA-BBBB-CCCC","level":5}"#)
            #expect(errorCode(otherCentre) == "ratings.code-other-centre")
            #expect(try json(otherCentre)["error"]?["messageVi"]?.stringValue?.contains("trung tâm khác") == true)
            let noLevel = try await host.request("POST", "/api/v1/ratings/by-code", json: #"{"code":"\#(code)"}"#)
            #expect(noLevel.status == 400)
        }
    }

    @Test func staffCannotRateTheirOwnService() async throws {
        try await ReportsHost().serve { host in
            try host.finishTicket("A-8", counter: "1")
            let supervisor = try await host.signIn("sup")
            let selfRating = try await host.request("POST", "/api/v1/ratings", cookie: supervisor, json: #"{"ticket":"A-8","level":5}"#)
            #expect(selfRating.status == 403)
            #expect(errorCode(selfRating) == "ratings.staff-cannot-rate")
            #expect(try json(selfRating)["error"]?["messageVi"]?.stringValue?.isEmpty == false)
            // The slot stays the citizen's: the counter's tablet still rates the ticket.
            let tablet = try host.pairTablet("tablet-1", counter: "1")
            #expect(try await host.request("POST", "/api/v1/ratings", bearer: tablet, json: #"{"ticket":"A-8","level":5}"#).status == 201)
            let lonely = try host.pairTablet("tablet-x", counter: nil)
            #expect(errorCode(try await host.request("POST", "/api/v1/ratings", bearer: lonely, json: #"{"ticket":"A-8","level":5}"#)) == "ratings.tablet-counter")
        }
    }

    @Test func reportsAsJSONCSVAndAPageWithSVGChartsAndTheirRefusals() async throws {
        try await ReportsHost().serve { host in
            let simulation = SimulatedJournal(deployment: host.deployment, seed: 11, ticketsPerDay: 15, dossiersPerDay: 8)
            for day in try ReportPeriod(parsing: "2026-03-01..2026-03-30").days { try simulation.simulate(day: day, store: host.store) }
            let supervisor = try await host.signIn("sup")
            let report = try await host.request("GET", "/api/v1/reports/period?period=2026-03", cookie: supervisor)
            #expect(report.status == 200)
            let figures = try json(report)["figures"]?.arrayValue ?? []
            let issued = figures.first { $0["id"]?.stringValue == "tickets.issued" }?["value"]?.int64Value
            #expect(issued == Int64(simulation.totals.ticketsIssued))
            let csv = try await host.request("GET", "/api/v1/reports/period?period=2026-03&format=csv&cut=sector", cookie: supervisor)
            #expect(csv.headers["Content-Type"] == "text/csv; charset=utf-8")
            #expect(csv.text.contains("tickets.issued,\(simulation.totals.ticketsIssued),"))
            #expect(csv.text.contains("# by-sector"))

            let unknownCut = try await host.request("GET", "/api/v1/reports/period?period=2026-03&cut=colour", cookie: supervisor)
            #expect(unknownCut.status == 400)
            #expect(errorCode(unknownCut) == "report.unknown-dimension")
            let reversed = try await host.request("GET", "/api/v1/reports/period?from=2026-03-31&to=2026-03-01", cookie: supervisor)
            #expect(errorCode(reversed) == "report.period-reversed")
            #expect(errorCode(try await host.request("GET", "/api/v1/reports/period?period=2026-13", cookie: supervisor)) == "report.period")
            #expect(errorCode(try await host.request("GET", "/api/v1/reports/nope?period=2026-03", cookie: supervisor)) == "reporting.unknown-report")
            #expect(try await host.request("GET", "/api/v1/reports/period?period=2026-03").status == 401)

            let page = try await host.request("GET", "/reports?report=period&unit=month&date=2026-03-15", cookie: supervisor)
            #expect(page.status == 200)
            for chart in ["tickets-by-hour", "wait-distribution", "on-time-rate", "satisfaction-over-time"] {
                #expect(page.text.contains("id=\"chart-\(chart)\""), "chart \(chart)")
            }
            #expect(page.text.contains("<rect "))
            #expect(page.text.contains("<polyline "))
            #expect(page.text.contains("01/03/2026 – 31/03/2026"))
            let backwards = try await host.request("GET", "/reports?report=period&unit=range&date=2026-03-31&to=2026-03-01", cookie: supervisor)
            #expect(backwards.status == 400)
            #expect(backwards.text.contains("<form class=\"report-form"))
            #expect(backwards.text.contains("31/03/2026") || backwards.text.contains("2026-03-01"))
            let badCut = try await host.request("GET", "/reports?report=period&unit=month&date=2026-03-15&cut=colour", cookie: supervisor)
            #expect(badCut.status == 400)
            #expect(badCut.text.contains("colour"))
            let index = try await host.request("GET", "/reports?report=index766&unit=month&date=2026-03-15", cookie: supervisor)
            #expect(index.text.contains("score-big"))
            #expect(index.text.contains(WebStrings.index766NotMeasured.vi))
            let entered = try await host.request("POST", "/api/v1/reports/index766/manual", cookie: supervisor,
                                                 json: #"{"indicator":"1a","month":"2026-03","points":"4,5","note":"Cổng DVC"}"#)
            #expect(entered.status == 201)
            let badPoints = try await host.request("POST", "/api/v1/reports/index766/manual", cookie: supervisor,
                                                   json: #"{"indicator":"1a","month":"2026-03","points":"nhiều"}"#)
            #expect(errorCode(badPoints) == "index766.points")

            let admin = try await host.signIn("admin")
            let rebuilt = try await host.request("POST", "/api/v1/reports/rebuild", cookie: admin)
            #expect(rebuilt.status == 200)
            let after = try await host.request("GET", "/api/v1/reports/period?period=2026-03", cookie: supervisor)
            #expect(try json(after)["figures"] == json(report)["figures"])
        }
    }
}
