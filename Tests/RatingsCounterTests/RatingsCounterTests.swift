import Foundation
import MotCuaCore
import MotCuaStore
import RatingsCounter
import Testing
import MotCuaPostgresTesting

/// A small centre with two counters and the ratings plugin on an in-memory store.
struct RatingsWorld {
    let store: any Store
    let clock: ManualClock
    let plugin: RatingsCounter
    let start: Date

    init(settings: String = "{}") throws {
        let manifest = """
        { "centre": { "id": "t.ratings", "name": { "vi": "Xã Thử", "en": "Test" }, "level": "commune", "unitCode": "12345",
                      "province": { "code": "25", "name": { "vi": "P", "en": "P" } }, "agencyCode": "A", "timeZone": "Asia/Ho_Chi_Minh" },
          "hours": { "mon": ["07:30-11:30", "13:30-17:00"], "tue": ["07:30-11:30", "13:30-17:00"], "wed": ["07:30-11:30", "13:30-17:00"], "thu": ["07:30-11:30", "13:30-17:00"], "fri": ["07:30-11:30", "13:30-17:00"] },
          "sectors": [ { "id": "ho-tich", "name": { "vi": "Hộ tịch", "en": "Civil status" } } ],
          "procedures": [],
          "enable": { "sectors": ["ho-tich"] },
          "counters": [ { "id": "1", "name": { "vi": "Quầy 1", "en": "Counter 1" }, "sectors": ["ho-tich"] },
                        { "id": "2", "name": { "vi": "Quầy 2", "en": "Counter 2" }, "sectors": ["ho-tich"] } ],
          "plugins": { "ratings.counter": \(settings) } }
        """
        let loader = ManifestLoader(source: InMemoryManifestSource(texts: ["m.json": manifest]), plugins: [.ratings(RatingsCounter.self)])
        let deployment = try #require(try loader.load("m.json").deployment)
        store = try StoreEngine.makeStore()
        start = deployment.calendar.instant(LocalDate(year: 2026, month: 3, day: 2)!, LocalTime(hour: 8, minute: 0)!)
        clock = ManualClock(start)
        try store.migrate(MigrationSet(owner: RatingsCounter.id.rawValue, migrations: RatingsCounter.migrations))
        let decoded = try JSONValueDecoder().decode(RatingsCounter.Settings.self, from: try JSONParser().parse(settings))
        plugin = try RatingsCounter(settings: decoded, context: HostContext(
            deployment: deployment, store: store, clock: clock, calendar: deployment.calendar, events: DiscardingEventSink(),
            logger: Logger(label: "ratings.counter", handler: SilentLogHandler())))
    }

    /// Appends what a queueing plugin records for a ticket served at a counter.
    func serveTicket(_ id: String, counter: String = "1", clerk: String = "lan", finish: Bool = true) throws {
        try store.write { transaction in
            try transaction.appendJournal(JournalDraft(at: clock.now, actor: "device:kiosk-1", kind: "ticket.issued", subject: "ticket:\(id)",
                payload: #"{"number":"A-\#(id)","sector":"ho-tich","priorityGroup":null,"day":"2026-03-02","ahead":0,"booking":null}"#))
            if finish {
                try transaction.appendJournal(JournalDraft(at: clock.now, actor: "user:\(clerk)", kind: "ticket.finished", subject: "ticket:\(id)",
                    payload: #"{"number":"A-\#(id)","sector":"ho-tich","counter":"\#(counter)","clerk":"\#(clerk)","serviceSeconds":300}"#))
            }
        }
    }

    /// Appends what an intake plugin records for a dossier received and later returned.
    func returnDossier(_ code: String, counter: String = "2", clerk: String = "hoa", returned: Bool = true) throws {
        try store.write { transaction in
            try transaction.appendJournal(JournalDraft(at: clock.now, actor: "user:\(clerk)", kind: "dossier.received", subject: "dossier:\(code)",
                payload: #"{"procedure":"1.001193","sector":"ho-tich","channel":"counter","counter":"\#(counter)","clerk":"\#(clerk)","ticket":null,"receivedAt":"2026-03-02T01:00:00.000Z","dueAt":"2026-03-04T10:00:00.000Z","documents":2,"digitised":2}"#))
            if returned {
                try transaction.appendJournal(JournalDraft(at: clock.now, actor: "user:\(clerk)", kind: "dossier.status-changed", subject: "dossier:\(code)",
                    payload: #"{"procedure":"1.001193","sector":"ho-tich","from":"done","to":"returned","note":null,"dueAt":"2026-03-04T10:00:00.000Z","verdict":"onTime","counter":"\#(counter)","clerk":"\#(clerk)"}"#))
            }
        }
    }

    func journal(_ kind: String) throws -> [JournalEntry] {
        try store.journalEntries(matching: JournalQuery(kinds: [kind]))
    }
}

@Suite(.onEachEngine) struct RatingsCounterTests {
    @Test func defaultScaleHasFiveVietnameseLevelsWorstFirst() throws {
        let world = try RatingsWorld()
        #expect(world.plugin.scale.size == 5)
        #expect(world.plugin.scale.levels.first?.label.vi == "Rất không hài lòng")
        #expect(world.plugin.scale.levels.last?.label.vi == "Rất hài lòng")
        #expect(world.plugin.scale.lowAtOrBelow == 3)
        #expect(world.plugin.scale.timeoutSeconds == 30)
    }

    @Test func configuredScaleAndReasons() throws {
        let world = try RatingsWorld(settings: #"{ "levels": [{"vi":"Tốt","en":"Good"},{"vi":"Được","en":"OK"},{"vi":"Kém","en":"Poor"}], "lowAtOrBelow": 1, "timeoutSeconds": 20, "reasons": [{"id":"slow","vi":"Chậm","en":"Slow"}] }"#)
        #expect(world.plugin.scale.levels.map(\.label.en) == ["Poor", "OK", "Good"])
        #expect(world.plugin.scale.reasons.map(\.id) == ["slow"])
        #expect(world.plugin.scale.timeoutSeconds == 20)
    }

    @Test func refusesANonsenseScale() {
        #expect(throws: Problem.self) { try RatingsWorld(settings: #"{ "scale": 2 }"#) }
        #expect(throws: Problem.self) { try RatingsWorld(settings: #"{ "timeoutSeconds": 1 }"#) }
        #expect(throws: Problem.self) { try RatingsWorld(settings: #"{ "lowAtOrBelow": 5 }"#) }
    }

    @Test func aTabletRatingIsLinkedToCounterClerkAndSectorAndJournalled() throws {
        let world = try RatingsWorld()
        try world.serveTicket("7", counter: "1", clerk: "lan")
        let stored = try world.plugin.submit(Rating(subject: .ticket("7"), level: 2, reasons: ["waiting"], comment: " chờ 40 phút ",
                                                    at: world.clock.now, channel: .tablet, counter: "1"), by: .device("tablet-1"))
        #expect(stored.counter == "1")
        #expect(stored.clerk == "lan")
        #expect(stored.sector == "ho-tich")
        #expect(stored.comment == "chờ 40 phút")
        let entries = try world.journal("rating.submitted")
        #expect(entries.count == 1)
        #expect(entries.first?.subject == "ticket:7")
        #expect(entries.first?.actor == "device:tablet-1")
        let payload = try JSONParser().parse(try #require(entries.first?.payload))
        #expect(payload["level"]?.int64Value == 2)
        #expect(payload["scale"]?.int64Value == 5)
        #expect(payload["channel"]?.stringValue == "tablet")
        #expect(payload["clerk"]?.stringValue == "lan")
        #expect(payload["reasons"]?.arrayValue?.first?.stringValue == "waiting")
        #expect(try world.plugin.rating(of: .ticket("7"))?.level == 2)
    }

    @Test func refusesUnknownUnservedRepeatedAndOtherCounterRatings() throws {
        let world = try RatingsWorld()
        let unknown = #expect(throws: Problem.self) {
            try world.plugin.submit(Rating(subject: .ticket("404"), level: 5, at: world.clock.now), by: .device("tablet-1"))
        }
        #expect(unknown?.code == "ratings.unknown-ticket")
        #expect(unknown?.status == 404)

        try world.serveTicket("8", finish: false)
        let unserved = #expect(throws: Problem.self) {
            try world.plugin.submit(Rating(subject: .ticket("8"), level: 5, at: world.clock.now), by: .device("tablet-1"))
        }
        #expect(unserved?.code == "ratings.nothing-served")

        try world.serveTicket("9", counter: "1")
        let elsewhere = #expect(throws: Problem.self) {
            try world.plugin.submit(Rating(subject: .ticket("9"), level: 5, at: world.clock.now, counter: "2"), by: .device("tablet-2"))
        }
        #expect(elsewhere?.code == "ratings.other-counter")

        _ = try world.plugin.submit(Rating(subject: .ticket("9"), level: 5, at: world.clock.now, counter: "1"), by: .device("tablet-1"))
        let again = #expect(throws: Problem.self) {
            try world.plugin.submit(Rating(subject: .ticket("9"), level: 1, at: world.clock.now, counter: "1"), by: .device("tablet-1"))
        }
        #expect(again?.code == "ratings.already-rated")
        #expect(again?.status == 409)
        #expect(try world.journal("rating.submitted").count == 1)
    }

    @Test func refusesBadLevelsAndReasons() throws {
        let world = try RatingsWorld()
        try world.serveTicket("1")
        for (rating, code) in [(Rating(subject: .ticket("1"), level: 6, at: world.clock.now), "ratings.level"),
                               (Rating(subject: .ticket("1"), level: 0, at: world.clock.now), "ratings.level"),
                               (Rating(subject: .ticket("1"), level: 1, reasons: ["bribe"], at: world.clock.now), "ratings.unknown-reason"),
                               (Rating(subject: .ticket("1"), level: 5, reasons: ["waiting"], at: world.clock.now), "ratings.reasons-not-low")] {
            let problem = #expect(throws: Problem.self) { try world.plugin.submit(rating, by: .device("tablet-1")) }
            #expect(problem?.code == code)
        }
        #expect(try world.journal("rating.submitted").isEmpty)
    }

    @Test func aDossierIsRatedOnceFromTheLookupPageAfterItIsReturned() throws {
        let world = try RatingsWorld()
        try world.returnDossier("H-1", returned: false)
        let early = #expect(throws: Problem.self) {
            try world.plugin.submit(Rating(subject: .dossier("H-1"), level: 4, at: world.clock.now, channel: .lookup), by: .citizen)
        }
        #expect(early?.code == "ratings.nothing-served")
        let unknown = #expect(throws: Problem.self) {
            try world.plugin.submit(Rating(subject: .dossier("NOPE"), level: 4, at: world.clock.now, channel: .lookup), by: .citizen)
        }
        #expect(unknown?.code == "ratings.unknown-dossier")

        try world.returnDossier("H-2", counter: "2", clerk: "hoa")
        let rated = try world.plugin.submit(Rating(subject: .dossier("H-2"), level: 4, at: world.clock.now, channel: .lookup), by: .citizen)
        #expect(rated.counter == "2")
        #expect(rated.clerk == "hoa")
        let twice = #expect(throws: Problem.self) {
            try world.plugin.submit(Rating(subject: .dossier("H-2"), level: 5, at: world.clock.now, channel: .lookup), by: .citizen)
        }
        #expect(twice?.code == "ratings.already-rated")
        let ticketOnLookup = #expect(throws: Problem.self) {
            try world.plugin.submit(Rating(subject: .ticket("1"), level: 5, at: world.clock.now, channel: .lookup), by: .citizen)
        }
        #expect(ticketOnLookup?.code == "ratings.lookup-dossier")
    }

    @Test func theTabletAsksAboutTheLastServiceAtItsCounterUntilTheTimeout() throws {
        let world = try RatingsWorld()
        #expect(try world.plugin.pending(counter: "1") == nil)
        try world.serveTicket("1", counter: "1")
        world.clock.advance(by: 5)
        try world.serveTicket("2", counter: "2")
        #expect(try world.plugin.pending(counter: "1")?.subject == .ticket("1"))
        #expect(try world.plugin.pending(counter: "1")?.label == "A-1")
        #expect(try world.plugin.pending(counter: "2")?.subject == .ticket("2"))
        try world.returnDossier("H-9", counter: "1")
        #expect(try world.plugin.pending(counter: "1")?.subject == .dossier("H-9"))
        _ = try world.plugin.submit(Rating(subject: .dossier("H-9"), level: 5, at: world.clock.now, counter: "1"), by: .device("tablet-1"))
        #expect(try world.plugin.pending(counter: "1") == nil)
        world.clock.advance(by: 31)
        #expect(try world.plugin.pending(counter: "2") == nil)
    }

    @Test func summariesByClerkCounterSectorAndPeriod() throws {
        let world = try RatingsWorld()
        for (index, (clerk, counter, level)) in [("lan", "1", 5), ("lan", "1", 4), ("hoa", "2", 1), ("hoa", "2", 5)].enumerated() {
            try world.serveTicket("\(index)", counter: counter, clerk: clerk)
            _ = try world.plugin.submit(Rating(subject: .ticket("\(index)"), level: level, reasons: level == 1 ? ["attitude"] : [],
                                               at: world.clock.now), by: .device("t"))
        }
        let period = try ReportPeriod(from: LocalDate(year: 2026, month: 3, day: 1)!, to: LocalDate(year: 2026, month: 3, day: 31)!)
        let byClerk = try world.plugin.summary(period: period, by: .clerk)
        #expect(byClerk.rows.map(\.key) == ["hoa", "lan"])
        #expect(byClerk.rows.first?.counts == [1, 0, 0, 0, 1])
        #expect(byClerk.rows.first?.satisfiedPerMille == 500)
        #expect(byClerk.rows.last?.satisfiedPerMille == 1000)
        #expect(try world.plugin.summary(period: period, by: .counter).rows.map(\.total) == [2, 2])
        #expect(try world.plugin.summary(period: period, by: .sector).rows.map(\.total) == [4])
        #expect(try world.plugin.summary(period: period, by: .month).rows.map(\.key) == ["2026-03"])
        let april = try ReportPeriod(from: LocalDate(year: 2026, month: 4, day: 1)!, to: LocalDate(year: 2026, month: 4, day: 30)!)
        #expect(try world.plugin.summary(period: april, by: .day).rows.isEmpty)
    }
}
