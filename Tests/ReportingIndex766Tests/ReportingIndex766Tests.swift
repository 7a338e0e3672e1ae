import Foundation
import MotCuaCore
import MotCuaStore
import ReportingIndex766
import Testing
import MotCuaPostgresTesting

/// The worked example of Docs/Reports.md: seven dossiers around March 2026, scored by hand there.
struct WorkedExample {
    let store: any Store
    let clock: ManualClock
    let plugin: ReportingIndex766
    let calendar: WorkingCalendar

    init(settings: String = "{}") throws {
        let manifest = """
        { "centre": { "id": "t.index", "name": { "vi": "Xã Thử", "en": "Test" }, "level": "commune", "unitCode": "12345",
                      "province": { "code": "25", "name": { "vi": "P", "en": "P" } }, "agencyCode": "A", "timeZone": "Asia/Ho_Chi_Minh" },
          "hours": { "mon": ["07:30-17:00"], "tue": ["07:30-17:00"], "wed": ["07:30-17:00"], "thu": ["07:30-17:00"], "fri": ["07:30-17:00"] },
          "sectors": [ { "id": "ho-tich", "name": { "vi": "Hộ tịch", "en": "Civil status" } } ],
          "procedures": [], "enable": { "sectors": ["ho-tich"] },
          "counters": [ { "id": "1", "name": { "vi": "Quầy 1", "en": "Counter 1" }, "sectors": ["ho-tich"] } ],
          "plugins": { "reporting.index766": \(settings) } }
        """
        let loader = ManifestLoader(source: InMemoryManifestSource(texts: ["m.json": manifest]), plugins: [.reporting(ReportingIndex766.self)])
        let deployment = try #require(try loader.load("m.json").deployment)
        calendar = deployment.calendar
        store = try StoreEngine.makeStore()
        clock = ManualClock(calendar.instant(LocalDate(year: 2026, month: 4, day: 10)!, LocalTime(hour: 9, minute: 0)!))
        try store.migrate(MigrationSet(owner: ReportingIndex766.id.rawValue, migrations: ReportingIndex766.migrations))
        plugin = try ReportingIndex766(settings: try JSONValueDecoder().decode(ReportingIndex766.Settings.self, from: try JSONParser().parse(settings)),
                                       context: HostContext(deployment: deployment, store: store, clock: clock, calendar: calendar,
                                                            events: DiscardingEventSink(), logger: Logger(label: "i", handler: SilentLogHandler())))
    }

    func at(_ day: String, _ time: String) -> Date {
        let parts = time.split(separator: ":").map { Int($0)! }
        return calendar.instant(LocalDate(iso: day)!, LocalTime(hour: parts[0], minute: parts[1])!)
    }

    /// Writes the example's journal, as intake, payments and ratings would.
    func write() throws {
        // code, received, due, finished (day, verdict) or nil, documents, digitised, fee (method, amount) or nil
        let dossiers: [(String, String, String, (String, String)?, Int, Int, (String, Int64)?)] = [
            ("D1", "2026-03-02", "2026-03-05", ("2026-03-04", "early"), 3, 3, ("payments.cash", 50_000)),
            ("D2", "2026-03-03", "2026-03-06", ("2026-03-06", "onTime"), 2, 1, ("payments.vietqr", 30_000)),
            ("D3", "2026-03-09", "2026-03-11", ("2026-03-13", "late"), 4, 4, ("payments.cash", 50_000)),
            ("D4", "2026-03-16", "2026-03-19", ("2026-03-18", "early"), 1, 0, nil),
            ("D5", "2026-03-25", "2026-04-02", nil, 2, 2, ("payments.vietqr", 20_000)),
            ("D6", "2026-03-20", "2026-03-27", nil, 2, 1, nil),
            ("D7", "2026-02-25", "2026-03-03", ("2026-03-02", "early"), 1, 1, nil),
        ]
        var receipt = 0
        try store.write { journal in
            for (code, received, due, finished, documents, digitised, fee) in dossiers {
                let receivedAt = at(received, "08:00"), dueAt = at(due, "17:00")
                try journal.appendJournal(JournalDraft(at: receivedAt, actor: "user:lan", kind: "dossier.received", subject: "dossier:\(code)", payload: """
                    {"procedure":"1.001193","sector":"ho-tich","channel":"counter","counter":"1","clerk":"lan","ticket":null,\
                    "receivedAt":"\(JournalEntry.isoText(receivedAt))","dueAt":"\(JournalEntry.isoText(dueAt))","documents":\(documents),"digitised":\(digitised)}
                    """))
                if let (method, amount) = fee {
                    receipt += 1
                    let paidAt = receivedAt.addingTimeInterval(600)
                    if method == "payments.cash" {
                        try journal.appendJournal(JournalDraft(at: paidAt, actor: "user:lan", kind: "payment.collected", subject: "receipt:BL/\(receipt)", payload: """
                            {"method":"payments.cash","series":"BL","number":\(receipt),"dossier":"\(code)","procedure":"1.001193","sector":"ho-tich","total":\(amount),"lines":[],"collector":"lan"}
                            """))
                    } else {
                        try journal.appendJournal(JournalDraft(at: paidAt, actor: "system", kind: "payment.pending", subject: "payment:Q\(receipt)", payload: """
                            {"method":"payments.vietqr","dossier":"\(code)","procedure":"1.001193","sector":"ho-tich","total":\(amount),"reference":"Q\(receipt)"}
                            """))
                        try journal.appendJournal(JournalDraft(at: paidAt.addingTimeInterval(60), actor: "system", kind: "payment.confirmed", subject: "payment:Q\(receipt)", payload: """
                            {"method":"payments.vietqr","dossier":"\(code)","procedure":"1.001193","sector":"ho-tich","total":\(amount),"series":"BL","number":\(receipt),"via":"statement"}
                            """))
                    }
                }
                if let (day, verdict) = finished {
                    for (from, to, time) in [("inProcess", "done", "10:00"), ("done", "returned", "10:30")] {
                        try journal.appendJournal(JournalDraft(at: at(day, time), actor: "user:lan", kind: "dossier.status-changed", subject: "dossier:\(code)", payload: """
                            {"procedure":"1.001193","sector":"ho-tich","from":"\(from)","to":"\(to)","note":null,"dueAt":"\(JournalEntry.isoText(dueAt))","verdict":"\(verdict)","counter":"1","clerk":"lan"}
                            """))
                    }
                }
            }
            for (code, level, day) in [("D1", 5, "2026-03-04"), ("D2", 2, "2026-03-06")] {
                try journal.appendJournal(JournalDraft(at: at(day, "10:35"), actor: "device:tablet-1", kind: "rating.submitted", subject: "dossier:\(code)", payload: """
                    {"level":\(level),"scale":5,"reasons":[],"comment":null,"counter":"1","clerk":"lan","sector":"ho-tich","channel":"tablet"}
                    """))
            }
        }
    }

    static let march = try! ReportPeriod(parsing: "2026-03")
}

@Suite(.onEachEngine) struct ReportingIndex766Tests {
    @Test("indicator 2: a dossier waiting for the citizen's supplement is not late while it waits")
    func supplementTimeIsPaused() throws {
        let example = try WorkedExample()
        try example.write()
        // D6 (due Fri 27/03) was asked for a supplement on Tue 24/03, three days before its
        // due date, and the citizen has not come back by the end of March.
        try example.store.write { journal in
            try journal.appendJournal(JournalDraft(at: example.at("2026-03-24", "09:00"), actor: "user:lan", kind: "dossier.status-changed",
                                                   subject: "dossier:D6", payload: """
                {"procedure":"1.001193","sector":"ho-tich","from":"received","to":"supplementRequested","note":"Thiếu bản sao giấy khai sinh",\
                "dueAt":"\(JournalEntry.isoText(example.at("2026-03-27", "17:00")))","supplementRequests":1,"counter":"1","clerk":"lan"}
                """))
        }
        let report = try example.plugin.produce(report: "index766", period: WorkedExample.march)
        #expect(report.figure("index766.2")?.text == "17.14")    // 20 × (4 + 2) ÷ (5 + 2): D6 counts as within
        // Once the citizen is back (supplemented) the clock runs again, from the moved due date.
        try example.store.write { journal in
            try journal.appendJournal(JournalDraft(at: example.at("2026-04-06", "09:00"), actor: "user:lan", kind: "dossier.status-changed",
                                                   subject: "dossier:D6", payload: """
                {"procedure":"1.001193","sector":"ho-tich","from":"supplementRequested","to":"supplemented","note":null,\
                "dueAt":"\(JournalEntry.isoText(example.at("2026-04-09", "17:00")))","supplementRequests":1,"counter":"1","clerk":"lan"}
                """))
        }
        #expect(try example.plugin.produce(report: "index766", period: WorkedExample.march).figure("index766.2")?.text == "17.14")
        #expect(try example.plugin.rebuild() > 0)
        #expect(try example.plugin.produce(report: "index766", period: WorkedExample.march).figure("index766.2")?.text == "17.14")
    }

    @Test("6a: onlinePayment onlineDossiers counts only dossiers received online; a bad value is refused")
    func onlinePaymentDefinition() throws {
        let example = try WorkedExample(settings: #"{ "onlinePayment": "onlineDossiers" }"#)
        try example.write()
        let report = try example.plugin.produce(report: "index766", period: WorkedExample.march)
        #expect(report.figure("index766.6a")?.text == "0.00")    // D2 and D5 paid by VietQR but were received at the counter
        #expect(throws: Problem.self) { try WorkedExample(settings: #"{ "onlinePayment": "portal" }"#) }
    }

    @Test func theWorkedExampleGivesTheNumbersComputedByHandInDocs() throws {
        let example = try WorkedExample()
        try example.write()
        let report = try example.plugin.produce(report: "index766", period: WorkedExample.march)
        // Docs/Reports.md, "A worked 766 example".
        #expect(report.figure("index766.2")?.text == "14.29")    // 20 × (4 + 1) ÷ (5 + 2)
        #expect(report.figure("index766.4b")?.text == "3.93")    // min(4, 4 × (11 ÷ 14) ÷ 0.8)
        #expect(report.figure("index766.5c")?.text == "4.00")    // min(6, 6 × (3 ÷ 5) ÷ 0.9)
        #expect(report.figure("index766.6a")?.text == "3.00")    // 6 × 2 ÷ 4
        #expect(report.figure("index766.total")?.text == "25.22")
        #expect(report.figure("index766.measured-max")?.text == "36.00")  // 20 + 4 + 6 + 6
        #expect(report.figure("index766.1a") == nil)
        let inputs = try #require(report.tables.first { $0.id == "indicators" }?.rows.first { $0[0] == "2" })
        #expect(inputs[5] == "đúng/trước hạn=4, đã giải quyết=5, đang trong hạn=1, đang giải quyết=2")

        for (indicator, points) in [("1a", 600), ("1b", 400), ("1c", 200), ("1d", 600), ("5a", 600), ("5b", 600)] {
            try example.plugin.enterManual(ManualEntry(indicator: indicator, month: "2026-03", pointsHundredths: Int64(points), note: "Cổng DVC quốc gia"),
                                           by: .staff("sup"))
        }
        let withEntries = try example.plugin.produce(report: "index766", period: WorkedExample.march)
        #expect(withEntries.figure("index766.total")?.text == "55.22")
        #expect(try example.store.journalEntries(matching: JournalQuery(kinds: ["index766.entered"])).count == 6)
        let trend = try #require(withEntries.tables.first { $0.id == "trend" })
        #expect(trend.rows.last == ["2026-03", "55.22"])
        #expect(trend.rows.first?.first == "2025-10")
    }

    @Test func rebuildingFromTheJournalGivesTheSameScore() throws {
        let example = try WorkedExample()
        try example.write()
        let before = try example.plugin.produce(report: "index766", period: WorkedExample.march)
        #expect(try example.plugin.rebuild() > 0)
        #expect(try example.plugin.produce(report: "index766", period: WorkedExample.march) == before)
    }

    @Test("a dossier's entries folded in one batch give the rows they give applied one by one")
    func foldingABatchChangesNoRow() throws {
        // D8: a status change before its receipt, refused then done; D9: received twice, a
        // supplement wait, a moved deadline and a dissatisfied rating; D1–D7 as in the example.
        let extra: [(String, String, String, String)] = [
            ("dossier.status-changed", "D8", "2026-03-02 07:00", #"{"from":"received","to":"inProcess","dueAt":null}"#),
            ("dossier.received", "D8", "2026-03-02 08:00", #"{"channel":"online","documents":2,"digitised":2}"#),
            ("dossier.status-changed", "D8", "2026-03-03 08:00", #"{"from":"inProcess","to":"refused"}"#),
            ("dossier.status-changed", "D8", "2026-03-04 08:00", #"{"from":"refused","to":"done","verdict":"late"}"#),
            ("dossier.received", "D9", "2026-03-05 08:00", #"{"channel":"counter","documents":3,"digitised":1,"dueAt":"2026-03-10T10:00:00Z"}"#),
            ("dossier.received", "D9", "2026-03-05 08:01", #"{"channel":"postal","documents":9,"digitised":9}"#),
            ("dossier.status-changed", "D9", "2026-03-06 08:00", #"{"from":"received","to":"supplementRequested","dueAt":"2026-03-11T10:00:00Z"}"#),
            ("dossier.extended", "D9", "2026-03-06 09:00", #"{"dueAt":"2026-03-12T10:00:00Z"}"#),
            ("dossier.status-changed", "D9", "2026-03-09 08:00", #"{"from":"supplementRequested","to":"supplemented"}"#),
            ("dossier.status-changed", "D9", "2026-03-10 08:00", #"{"from":"inProcess","to":"done","verdict":"early"}"#),
            ("dossier.status-changed", "D9", "2026-03-10 09:00", #"{"from":"done","to":"returned","verdict":"onTime"}"#),
            ("rating.submitted", "D9", "2026-03-10 09:05", #"{"level":1,"scale":5}"#),
            ("dossier.due-overridden", "D9", "2026-03-11 08:00", #"{"dueAt":"2026-03-20T10:00:00Z"}"#),
        ]
        func journal(_ example: WorkedExample, after each: (Int) throws -> Void) throws {
            try example.write()
            try each(0)
            for (index, (kind, code, time, payload)) in extra.enumerated() {
                let parts = time.split(separator: " ").map(String.init)
                try example.store.write { journal in
                    try journal.appendJournal(JournalDraft(at: example.at(parts[0], parts[1]), actor: "user:lan", kind: kind, subject: "dossier:\(code)", payload: payload))
                }
                try each(index + 1)
            }
        }
        func rows(_ example: WorkedExample) throws -> [[SQLRow]] {
            try ["reporting_index766_dossiers", "reporting_index766_payments"].map { table in
                try example.store.read { try $0.query("SELECT * FROM \(table) ORDER BY 1", []) }
            }
        }
        let oneByOne = try WorkedExample(), whole = try WorkedExample(), split = try WorkedExample()
        try journal(oneByOne) { _ in try oneByOne.plugin.catchUp() }
        try journal(whole) { _ in }
        try whole.plugin.catchUp()
        try journal(split) { index in if index == 0 || index == 5 || index == 9 { try split.plugin.catchUp() } }
        try split.plugin.catchUp()

        let expected = try rows(oneByOne)
        #expect(expected[0].count == 9)
        #expect(try rows(whole) == expected)
        #expect(try rows(split) == expected)
        #expect(try whole.plugin.rebuild() > 0)
        #expect(try rows(whole) == expected)
        let d9 = try #require(expected[0].first { $0["subject"] == .text("dossier:D9") })
        #expect(d9["documents"] == .integer(3) && d9["channel"] == .text("counter") && d9["dissatisfied"] == .integer(1))
        #expect(d9["verdict"] == .text("early") && d9["paused_ms"] == .null && d9["due_ms"] != d9["received_ms"])
        let d8 = try #require(expected[0].first { $0["subject"] == .text("dossier:D8") })
        #expect(d8["verdict"] == .text("late") && d8["ended_ms"] != d8["done_ms"])
    }

    @Test func handEntriesAreCheckedAndComputedIndicatorsCannotBeOverwritten() throws {
        let example = try WorkedExample()
        let computed = #expect(throws: Problem.self) {
            try example.plugin.enterManual(ManualEntry(indicator: "2", month: "2026-03", pointsHundredths: 2000), by: .staff("sup"))
        }
        #expect(computed?.code == "index766.not-manual")
        let tooMany = #expect(throws: Problem.self) {
            try example.plugin.enterManual(ManualEntry(indicator: "1a", month: "2026-03", pointsHundredths: 601), by: .staff("sup"))
        }
        #expect(tooMany?.code == "index766.points")
        let badMonth = #expect(throws: Problem.self) {
            try example.plugin.enterManual(ManualEntry(indicator: "1a", month: "March", pointsHundredths: 100), by: .staff("sup"))
        }
        #expect(badMonth?.code == "index766.month")
    }

    @Test func maximaAndThresholdsAreConfiguration() throws {
        let example = try WorkedExample(settings: #"{ "edition": "tinh-2026", "indicators": { "5c": { "thresholdPerMille": 600 }, "2": { "max": 10 } } }"#)
        try example.write()
        let report = try example.plugin.produce(report: "index766", period: WorkedExample.march)
        #expect(report.figure("index766.5c")?.text == "6.00")
        #expect(report.figure("index766.2")?.text == "7.14")
        #expect(throws: Problem.self) { try WorkedExample(settings: #"{ "indicators": { "9z": { "max": 1 } } }"#) }
    }

    @Test func theIndexAddsUpToOneHundred() {
        #expect(ReportingIndex766.edition2022.map(\.maxHundredths).reduce(0, +) == 10_000)
    }
}
