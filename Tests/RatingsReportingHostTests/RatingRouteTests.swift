import Foundation
import MotCuaCore
import MotCuaHarness
import MotCuaHost
import MotCuaTesting
import Testing

@Suite("Ratings and reports through the router")
struct RatingRouteTests {
    @Test func aTabletRatesWhatItsCounterJustServedOnce() async throws {
        try await serveReports { host, client in
            let tablet = try host.pair("tablet-1", kind: .rating, counter: "1")
            let idle = try await client.request("GET", "/api/v1/ratings/pending", as: tablet)
            #expect(idle.status == 200)
            #expect(try idle.json()["pending"] == .null)

            try host.finishTicket("A-7", counter: "1")
            try host.finishTicket("B-2", counter: "2", sector: "dat-dai")
            let pending = try (try await client.request("GET", "/api/v1/ratings/pending", as: tablet)).json()["pending"]
            #expect(pending?["subject"]?["ticket"]?.stringValue == "A-7")
            #expect(pending?["label"]?.stringValue == "A-7")

            let rated = try await client.request("POST", "/api/v1/ratings", as: tablet, json: #"{"ticket":"A-7","level":2,"reasons":["waiting"],"comment":"lâu"}"#)
            #expect(rated.status == 201)
            #expect(try rated.json()["clerk"]?.stringValue == "lan")
            #expect(try rated.json()["channel"]?.stringValue == "tablet")
            let again = try await client.request("POST", "/api/v1/ratings", as: tablet, json: #"{"ticket":"A-7","level":5}"#)
            #expect(again.status == 409)
            #expect(again.errorCode == "ratings.already-rated")
            let otherCounter = try await client.request("POST", "/api/v1/ratings", as: tablet, json: #"{"ticket":"B-2","level":5}"#)
            #expect(otherCounter.errorCode == "ratings.other-counter")
            let unknown = try await client.request("POST", "/api/v1/ratings", as: tablet, json: #"{"ticket":"Z-9","level":5}"#)
            #expect(unknown.status == 404)
            #expect(unknown.errorCode == "ratings.unknown-ticket")
            let both = try await client.request("POST", "/api/v1/ratings", as: tablet, json: #"{"ticket":"A-7","dossier":"D","level":5}"#)
            #expect(both.errorCode == "ratings.subject")
            #expect(try (try await client.request("GET", "/api/v1/ratings/pending", as: tablet)).json()["pending"] == .null)

            let lonely = try host.pair("tablet-x", kind: .rating, counter: nil)
            #expect((try await client.request("GET", "/api/v1/ratings/pending", as: lonely)).errorCode == "ratings.tablet-counter")
            // A citizen cannot use the tablet's routes.
            #expect(try await client.request("GET", "/api/v1/ratings/pending").status == 401)
        }
    }

    @Test func theTabletPageShowsTheScaleWithFacesAndWakesOnLiveEvents() async throws {
        try await serveReports { host, client in
            let tablet = try host.pair("tablet-1", kind: .rating, counter: "1")
            let page = try await client.request("GET", "/rating", as: tablet)
            #expect(page.status == 200)
            let html = page.text
            #expect(html.contains("data-rating-tablet data-counter=\"1\" data-timeout=\"30\""))
            #expect(html.components(separatedBy: "class=\"rating-level ").count - 1 == 5)
            #expect(html.contains("Rất hài lòng"))
            #expect(html.contains("Rất không hài lòng"))
            #expect(html.components(separatedBy: "<svg class=\"face\"").count - 1 == 5)
            #expect(html.contains("data-low=\"true\""))
            #expect(html.contains("name=\"reasons\" value=\"waiting\""))
            let script = try await client.request("GET", "/assets/app.js")
            #expect(script.text.contains("/api/v1/events?topics=queue,intake"))
            #expect(script.text.contains("\"ticket.finished\""))
            let lonely = try host.pair("tablet-x", kind: .rating, counter: nil)
            #expect(try await client.request("GET", "/rating", as: lonely).text.contains(WebStrings.ratingNoCounter.vi))
        }
    }

    @Test func aCitizenRatesAReturnedDossierOnceWithTheCodeOnTheirReceipt() async throws {
        try await serveReports { host, client in
            try host.store.write { journal in
                try journal.appendJournal(JournalDraft(at: host.clock.now, actor: "user:hoa", kind: "dossier.received", subject: "dossier:H-1",
                    payload: #"{"procedure":"p","sector":"dat-dai","channel":"counter","counter":"2","clerk":"hoa","ticket":null,"receivedAt":"2026-03-30T01:00:00.000Z","dueAt":"2026-04-02T10:00:00.000Z","documents":1,"digitised":1}"#))
            }
            let code = try host.application.ratingCodes.code(for: .dossier("H-1"))
            #expect(code.hasPrefix("12345-") && code.count == "12345-XXXX-XXXX-XXXX".count)
            #expect(try host.application.ratingCodes.code(for: .dossier("H-1")) == code)
            #expect(try host.application.ratingCodes.code(for: .dossier("H-2")) != code)
            let page = try await client.request("GET", "/rate")
            #expect(page.status == 200)
            #expect(page.text.contains("name=\"code\""))

            // Before the result is returned the code rates nothing, and stays valid.
            let early = try await client.request("POST", "/api/v1/ratings/by-code", json: #"{"code":"\#(code)","level":4}"#)
            #expect(early.errorCode == "ratings.nothing-served")
            try host.store.write { journal in
                try journal.appendJournal(JournalDraft(at: host.clock.now, actor: "user:hoa", kind: "dossier.status-changed", subject: "dossier:H-1",
                    payload: #"{"procedure":"p","sector":"dat-dai","from":"done","to":"returned","note":null,"dueAt":"2026-04-02T10:00:00.000Z","verdict":"early","counter":"2","clerk":"hoa"}"#))
            }
            // The dossier code, which runs in sequence, rates nothing.
            let byDossierCode = try await client.request("POST", "/api/v1/ratings/by-code", json: #"{"code":"H-1","level":5}"#)
            #expect(byDossierCode.status == 400)
            #expect(byDossierCode.errorCode == "ratings.code-format")
            let oldBody = try await client.request("POST", "/api/v1/ratings/by-code", json: #"{"dossier":"H-1","level":5}"#)
            #expect(oldBody.errorCode == "ratings.code-required")
            // A staff member signed in cannot rate, even with the code.
            let supervisor = try host.signIn("sup")
            let staff = try await client.request("POST", "/api/v1/ratings/by-code", as: supervisor, json: #"{"code":"\#(code)","level":5}"#)
            #expect(staff.status == 403)
            #expect(staff.errorCode == "ratings.staff-cannot-rate")

            let rated = try await client.request("POST", "/api/v1/ratings/by-code", json: #"{"code":"\#(code.lowercased())","level":"4"}"#)
            #expect(rated.status == 201)
            #expect(try rated.json()["clerk"] == nil)
            let replayed = try await client.request("POST", "/api/v1/ratings/by-code", json: #"{"code":"\#(code)","level":5}"#)
            #expect(replayed.status == 409)
            #expect(replayed.errorCode == "ratings.code-used")
            let forged = try await client.request("POST", "/api/v1/ratings/by-code", json: #"{"code":"12345-AAAA-BBBB-CCCC","level":5}"#)
            #expect(forged.status == 404)
            #expect(forged.errorCode == "ratings.code-unknown")
            let otherCentre = try await client.request("POST", "/api/v1/ratings/by-code", json: #"{"code":"08662-AAAA-BBBB-CCCC","level":5}"#)
            #expect(otherCentre.errorCode == "ratings.code-other-centre")
            #expect(try otherCentre.json()["error"]?["messageVi"]?.stringValue?.contains("trung tâm khác") == true)
            let noLevel = try await client.request("POST", "/api/v1/ratings/by-code", json: #"{"code":"\#(code)"}"#)
            #expect(noLevel.status == 400)
        }
    }

    @Test func staffCannotRateTheirOwnService() async throws {
        try await serveReports { host, client in
            try host.finishTicket("A-8", counter: "1")
            let supervisor = try host.signIn("sup")
            let selfRating = try await client.request("POST", "/api/v1/ratings", as: supervisor, json: #"{"ticket":"A-8","level":5}"#)
            #expect(selfRating.status == 403)
            #expect(selfRating.errorCode == "ratings.staff-cannot-rate")
            #expect(try selfRating.json()["error"]?["messageVi"]?.stringValue?.isEmpty == false)
            // The slot stays the citizen's: the counter's tablet still rates the ticket.
            let tablet = try host.pair("tablet-1", kind: .rating, counter: "1")
            #expect(try await client.request("POST", "/api/v1/ratings", as: tablet, json: #"{"ticket":"A-8","level":5}"#).status == 201)
            let lonely = try host.pair("tablet-x", kind: .rating, counter: nil)
            #expect(try await client.request("POST", "/api/v1/ratings", as: lonely, json: #"{"ticket":"A-8","level":5}"#).errorCode == "ratings.tablet-counter")
        }
    }

    @Test func aReportCutByClerkNamesTheClerkInTheCSVAsOnThePage() async throws {
        let host = try TestHost(ReportsCentre.manifest(), plugins: ReportsCentre.plugins, day: LocalDate(year: 2026, month: 3, day: 31)!,
                                time: LocalTime(hour: 16, minute: 0)!, accounts: [.admin, .supervisor, .clerk])
        try await host.test { client in
            try host.finishTicket("A-1", counter: "1")
            let supervisor = try host.signIn("sup")
            let csv = try await client.request("GET", "/api/v1/reports/period?period=2026-03&format=csv&cut=clerk", as: supervisor).text
            #expect(csv.contains("# by-clerk"))
            #expect(csv.contains("\r\nNguyễn Thị Lan,"), "the clerk's row starts with her name")
            #expect(!csv.contains("\r\nlan,"), "no login")
            let bySector = try await client.request("GET", "/api/v1/reports/period?period=2026-03&format=csv&cut=sector", as: supervisor).text
            #expect(bySector.contains("\r\nHộ tịch,") && !bySector.contains("\r\nho-tich,"))
            let page = try await client.request("GET", "/reports?report=period&unit=month&date=2026-03-15&cut=clerk", as: supervisor).text
            #expect(page.contains("<td>Nguyễn Thị Lan</td>"))
        }
    }

    @Test func reportsAsJSONCSVAndAPageWithSVGChartsAndTheirRefusals() async throws {
        try await serveReports { host, client in
            let simulation = SimulatedJournal(deployment: host.deployment, seed: 11, ticketsPerDay: 15, dossiersPerDay: 8)
            for day in try ReportPeriod(parsing: "2026-03-01..2026-03-30").days { try simulation.simulate(day: day, store: host.store) }
            let supervisor = try host.signIn("sup")
            let report = try await client.request("GET", "/api/v1/reports/period?period=2026-03", as: supervisor)
            #expect(report.status == 200)
            let figures = try report.json()["figures"]?.arrayValue ?? []
            let issued = figures.first { $0["id"]?.stringValue == "tickets.issued" }?["value"]?.int64Value
            #expect(issued == Int64(simulation.totals.ticketsIssued))
            let csv = try await client.request("GET", "/api/v1/reports/period?period=2026-03&format=csv&cut=sector", as: supervisor)
            #expect(csv.headers["Content-Type"] == "text/csv; charset=utf-8")
            #expect(csv.text.contains("tickets.issued,\(simulation.totals.ticketsIssued),"))
            #expect(csv.text.contains("# by-sector"))
            // Exports carry the portal's codes beside the labels: the channel's KenhThucHien, the sector's MaLinhVuc.
            let csvLines = csv.text.components(separatedBy: "\r\n")
            let bySector = try #require(csvLines.firstIndex { $0.hasPrefix("# by-sector") })
            #expect(csvLines[bySector + 1].hasPrefix("Lĩnh vực,MaLinhVuc,Phiếu cấp"))
            let byChannel = try #require(csvLines.firstIndex { $0.hasPrefix("# dossiers-by-channel") })
            #expect(csvLines[byChannel + 1] == "Kênh,KenhThucHien,Số hồ sơ")
            #expect(csvLines[byChannel + 2].hasPrefix("Trực tiếp tại quầy,1,") && csvLines[byChannel + 3].hasPrefix("Trực tuyến,2,"))
            let json = try await client.request("GET", "/api/v1/reports/period?period=2026-03&cut=procedure", as: supervisor)
            let procedureTable = try #require(try json.json()["tables"]?.arrayValue?.first { $0["id"]?.stringValue == "by-procedure" })
            #expect(procedureTable["columns"]?[1]?["vi"]?.stringValue == "MaTTHC")
            let procedureRow = try #require(procedureTable["rows"]?.arrayValue?.first { $0[0]?.stringValue != "-" })
            #expect(procedureRow[1]?.stringValue == procedureRow[0]?.stringValue)

            let unknownCut = try await client.request("GET", "/api/v1/reports/period?period=2026-03&cut=colour", as: supervisor)
            #expect(unknownCut.status == 400)
            #expect(unknownCut.errorCode == "report.unknown-dimension")
            let reversed = try await client.request("GET", "/api/v1/reports/period?from=2026-03-31&to=2026-03-01", as: supervisor)
            #expect(reversed.errorCode == "report.period-reversed")
            #expect((try await client.request("GET", "/api/v1/reports/period?period=2026-13", as: supervisor)).errorCode == "report.period")
            #expect((try await client.request("GET", "/api/v1/reports/nope?period=2026-03", as: supervisor)).errorCode == "reporting.unknown-report")
            #expect(try await client.request("GET", "/api/v1/reports/period?period=2026-03").status == 401)

            let page = try await client.request("GET", "/reports?report=period&unit=month&date=2026-03-15", as: supervisor)
            #expect(page.status == 200)
            for chart in ["tickets-by-hour", "wait-distribution", "on-time-rate", "satisfaction-over-time"] {
                #expect(page.text.contains("id=\"chart-\(chart)\""), "chart \(chart)")
            }
            #expect(page.text.contains("<rect "))
            #expect(page.text.contains("<polyline "))
            #expect(page.text.contains("01/03/2026 – 31/03/2026"))
            // Words, not ids: the report picker, channels, payment methods; Vietnamese numbers.
            #expect(page.text.contains(">Báo cáo định kỳ</option>") && page.text.contains(">Bộ chỉ số 766 (Quyết định 766/QĐ-TTg năm 2022)</option>"))
            #expect(!page.text.contains(">period<") && !page.text.contains(">index766<") && !page.text.contains("qd766-2022"))
            #expect(!page.text.contains("(counter)") && !page.text.contains("kênh counter") && !page.text.contains("payments."))
            #expect(page.text.contains("Trực tiếp tại quầy") && !page.text.contains("KenhThucHien"))
            // Each language alone: a channel or a method of payment is named in the reader's language.
            #expect(page.text.contains("<td>Trực tiếp tại quầy</td>") && !page.text.contains("At the counter"))
            let english = try await client.request("GET", "/reports?report=period&unit=month&date=2026-03-15&lang=en", as: supervisor)
            #expect(english.text.contains("<td>At the counter</td>") && english.text.contains("<td>By post</td>"))
            #expect(!english.text.contains("Trực tiếp tại quầy"))
            #expect(page.text.firstMatch(of: /<td>\d+\.\d\d?<\/td>/) == nil && page.text.firstMatch(of: /<td>[1-9]\d{4,}<\/td>/) == nil)
            let csvPage = try await client.request("GET", "/api/v1/reports/period?period=2026-03&format=csv", as: supervisor)
            #expect(!csvPage.text.contains("kênh counter") && !csvPage.text.contains("Thu qua payments") && csvPage.text.contains("Tiếp nhận trực tiếp tại quầy"))
            let backwards = try await client.request("GET", "/reports?report=period&unit=range&date=2026-03-31&to=2026-03-01", as: supervisor)
            #expect(backwards.status == 400)
            #expect(backwards.text.contains("<form class=\"report-form"))
            #expect(backwards.text.contains("31/03/2026") || backwards.text.contains("2026-03-01"))
            let badCut = try await client.request("GET", "/reports?report=period&unit=month&date=2026-03-15&cut=colour", as: supervisor)
            #expect(badCut.status == 400)
            #expect(badCut.text.contains("colour"))
            let index = try await client.request("GET", "/reports?report=index766&unit=month&date=2026-03-15", as: supervisor)
            #expect(index.text.contains("score-big"))
            #expect(index.text.contains(WebStrings.index766NotMeasured.vi))
            let entered = try await client.request("POST", "/api/v1/reports/index766/manual", as: supervisor,
                                                 json: #"{"indicator":"1a","month":"2026-03","points":"4,5","note":"Cổng DVC"}"#)
            #expect(entered.status == 201)
            let badPoints = try await client.request("POST", "/api/v1/reports/index766/manual", as: supervisor,
                                                   json: #"{"indicator":"1a","month":"2026-03","points":"nhiều"}"#)
            #expect(badPoints.errorCode == "reporting.manual-points")

            let admin = try host.signIn("admin")
            let rebuilt = try await client.request("POST", "/api/v1/reports/rebuild", as: admin)
            #expect(rebuilt.status == 200)
            let after = try await client.request("GET", "/api/v1/reports/period?period=2026-03", as: supervisor)
            #expect(try after.json()["figures"] == report.json()["figures"])
        }
    }
}
