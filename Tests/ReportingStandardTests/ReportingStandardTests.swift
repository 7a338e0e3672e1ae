import Foundation
import MotCuaCore
import MotCuaHarness
import MotCuaStore
import ReportingStandard
import Testing
import MotCuaPostgresTesting

/// A small centre with the standard reports on an in-memory store.
struct ReportingWorld {
    let store: any Store
    let clock: ManualClock
    let plugin: ReportingStandard
    let deployment: Deployment

    init() throws {
        let manifest = """
        { "centre": { "id": "t.reports", "name": { "vi": "Xã Thử", "en": "Test" }, "level": "commune", "unitCode": "12345",
                      "province": { "code": "25", "name": { "vi": "P", "en": "P" } }, "agencyCode": "A", "timeZone": "Asia/Ho_Chi_Minh" },
          "hours": { "mon": ["07:30-11:30", "13:30-17:00"], "tue": ["07:30-11:30", "13:30-17:00"], "wed": ["07:30-11:30", "13:30-17:00"], "thu": ["07:30-11:30", "13:30-17:00"], "fri": ["07:30-11:30", "13:30-17:00"] },
          "sectors": [ { "id": "ho-tich", "name": { "vi": "Hộ tịch", "en": "Civil status" } },
                       { "id": "dat-dai", "name": { "vi": "Đất đai", "en": "Land" } } ],
          "procedures": [],
          "enable": { "sectors": ["ho-tich", "dat-dai"] },
          "counters": [ { "id": "1", "name": { "vi": "Quầy 1", "en": "Counter 1" }, "sectors": ["ho-tich"] },
                        { "id": "2", "name": { "vi": "Quầy 2", "en": "Counter 2" }, "sectors": ["dat-dai"] } ],
          "plugins": { "reporting.standard": {} } }
        """
        let loader = ManifestLoader(source: InMemoryManifestSource(texts: ["m.json": manifest]), plugins: [.reporting(ReportingStandard.self)])
        deployment = try #require(try loader.load("m.json").deployment)
        store = try StoreEngine.makeStore()
        clock = ManualClock(deployment.calendar.instant(LocalDate(year: 2026, month: 4, day: 1)!, LocalTime(hour: 8, minute: 0)!))
        try store.migrate(MigrationSet(owner: ReportingStandard.id.rawValue, migrations: ReportingStandard.migrations))
        plugin = try ReportingStandard(settings: try JSONValueDecoder().decode(ReportingStandard.Settings.self, from: .object(JSONObject())), context: HostContext(
            deployment: deployment, store: store, clock: clock, calendar: deployment.calendar, events: DiscardingEventSink(),
            logger: Logger(label: "reporting.standard", handler: SilentLogHandler())))
    }

    static let march = try! ReportPeriod(parsing: "2026-03")
}

@Suite(.onEachEngine) struct ReportingStandardTests {
    @Test func aSimulatedMonthReportsWhatHappenedAndARebuildGivesTheSameNumbers() throws {
        let world = try ReportingWorld()
        let simulation = SimulatedJournal(deployment: world.deployment, seed: 7, ticketsPerDay: 20, dossiersPerDay: 10)
        simulation.writesRatings = true
        for day in ReportingWorld.march.days { try simulation.simulate(day: day, store: world.store) }
        let totals = simulation.totals
        let report = try world.plugin.produce(report: "period", period: ReportingWorld.march)
        #expect(report.figure("tickets.issued")?.value == Int64(totals.ticketsIssued))
        #expect(report.figure("tickets.served")?.value == Int64(totals.ticketsServed))
        #expect(report.figure("tickets.no-show")?.value == Int64(totals.ticketsNoShow))
        #expect(report.figure("dossiers.received")?.value == Int64(totals.dossiersReceived))
        #expect(report.figure("dossiers.received.online")?.value == Int64(totals.receivedByChannel["online"] ?? 0))
        #expect(report.figure("dossiers.early")?.value == Int64(totals.early))
        #expect(report.figure("dossiers.late")?.value == Int64(totals.late))
        #expect(report.figure("dossiers.returned")?.value == Int64(totals.returned))
        #expect(report.figure("fees.total")?.value == totals.fees)
        #expect(report.figure("ratings.total")?.value == Int64(totals.ratings))
        #expect(report.figure("ratings.level-5")?.value == Int64(totals.ratingLevels[5] ?? 0))
        // Dossiers received in the last days of March are still in process at its end.
        #expect((report.figure("dossiers.open-within")?.value ?? 0) + (report.figure("dossiers.open-past")?.value ?? 0) > 0)
        #expect(report.charts.map(\.id) == ["tickets-by-hour", "wait-distribution", "on-time-rate", "satisfaction-over-time"])
        #expect(report.charts[0].values.compactMap { $0 }.reduce(0, +) == Double(totals.ticketsIssued))

        let replayed = try world.plugin.rebuild()
        #expect(replayed > 0)
        #expect(try world.plugin.produce(report: "period", period: ReportingWorld.march) == report)
    }

    @Test func medianAndP90AreNearestRank() throws {
        let world = try ReportingWorld()
        let day = LocalDate(year: 2026, month: 3, day: 2)!
        let start = world.deployment.calendar.instant(day, LocalTime(hour: 8, minute: 0)!)
        try world.store.write { transaction in
            for (index, wait) in [60, 120, 180, 240, 300, 360, 420, 480, 540, 6000].enumerated() {
                try transaction.appendJournal(JournalDraft(at: start, actor: "device:k", kind: "ticket.issued", subject: "ticket:\(index)",
                    payload: #"{"number":"\#(index)","sector":"ho-tich","priorityGroup":null,"day":"2026-03-02","ahead":0,"booking":null}"#))
                try transaction.appendJournal(JournalDraft(at: start.addingTimeInterval(Double(wait)), actor: "user:a", kind: "ticket.called", subject: "ticket:\(index)",
                    payload: #"{"number":"\#(index)","sector":"ho-tich","counter":"1","clerk":"a","waitSeconds":\#(wait),"priority":false}"#))
            }
        }
        let report = try world.plugin.produce(report: "period", period: try ReportPeriod(parsing: "2026-03-02"))
        #expect(report.figure("tickets.wait-median-seconds")?.value == 300)
        #expect(report.figure("tickets.wait-p90-seconds")?.value == 540)
        #expect(report.figure("tickets.served")?.value == 0)
    }

    @Test func cutsRestrictOrBreakDownAndUnknownDimensionsAreRefused() throws {
        let world = try ReportingWorld()
        let simulation = SimulatedJournal(deployment: world.deployment, seed: 3, ticketsPerDay: 12, dossiersPerDay: 6)
        for day in ReportingWorld.march.days { try simulation.simulate(day: day, store: world.store) }
        let whole = try world.plugin.produce(report: "period", period: ReportingWorld.march)
        let land = try world.plugin.produce(report: "period", period: ReportingWorld.march, cut: ReportCut(dimension: .sector, value: "dat-dai"))
        let civil = try world.plugin.produce(report: "period", period: ReportingWorld.march, cut: ReportCut(dimension: .sector, value: "ho-tich"))
        #expect(land.figure("tickets.issued")!.value + civil.figure("tickets.issued")!.value == whole.figure("tickets.issued")!.value)
        #expect(land.figure("fees.total")!.value + civil.figure("fees.total")!.value == whole.figure("fees.total")!.value)
        #expect(land.figure("tickets.issued")!.value > 0)
        let byCounter = try world.plugin.produce(report: "period", period: ReportingWorld.march, cut: ReportCut(dimension: .counter))
        let table = try #require(byCounter.tables.first { $0.id == "by-counter" })
        // Online and postal dossiers have no counter: they form the "-" row.
        #expect(table.rows.map { $0[0] } == ["-", "1", "2"])
        #expect(table.rows.map { Int($0[1])! }.reduce(0, +) == Int(whole.figure("tickets.issued")!.value))
        let unknown = #expect(throws: Problem.self) { try ReportCut(parsing: "colour") }
        #expect(unknown?.code == "report.unknown-dimension")
        #expect(throws: Problem.self) { try world.plugin.produce(report: "nope", period: ReportingWorld.march) }
    }

    @Test func periodsParseAndAReversedOneIsRefused() throws {
        #expect(try ReportPeriod(parsing: "2026-03").text == "2026-03-01..2026-03-31")
        #expect(try ReportPeriod(parsing: "2026-Q2").text == "2026-04-01..2026-06-30")
        #expect(try ReportPeriod(parsing: "2026").text == "2026-01-01..2026-12-31")
        #expect(try ReportPeriod(parsing: "week:2026-03-04").text == "2026-03-02..2026-03-08")
        #expect(try ReportPeriod(parsing: "2026-03-04").text == "2026-03-04..2026-03-04")
        let reversed = #expect(throws: Problem.self) { try ReportPeriod(parsing: "2026-03-31..2026-03-01") }
        #expect(reversed?.code == "report.period-reversed")
        #expect(throws: Problem.self) { try ReportPeriod(parsing: "March") }
    }

    @Test func voidedReceiptsAreNotCounted() throws {
        let world = try ReportingWorld()
        let at = world.deployment.calendar.instant(LocalDate(year: 2026, month: 3, day: 3)!, LocalTime(hour: 9, minute: 0)!)
        try world.store.write { transaction in
            for number in [1, 2] {
                try transaction.appendJournal(JournalDraft(at: at, actor: "user:a", kind: "payment.collected", subject: "receipt:BL/\(number)",
                    payload: #"{"method":"payments.cash","series":"BL","number":\#(number),"dossier":"D","procedure":"p","sector":"ho-tich","total":50000,"lines":[],"collector":"a"}"#))
            }
            try transaction.appendJournal(JournalDraft(at: at, actor: "user:a", kind: "payment.voided", subject: "receipt:BL/2",
                payload: #"{"method":"payments.cash","series":"BL","number":2,"dossier":"D","total":50000,"reason":"sai"}"#))
        }
        let report = try world.plugin.produce(report: "period", period: ReportingWorld.march)
        #expect(report.figure("fees.total")?.value == 50_000)
        #expect(report.figure("fees.cash")?.value == 50_000)
    }
}
