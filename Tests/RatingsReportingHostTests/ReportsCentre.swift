import Foundation
import MotCuaCore
import MotCuaHost
import MotCuaStore
import MotCuaTesting
import RatingsCounter
import ReportingIndex766
import ReportingStandard

/// The ratings and both reporting plugins at a centre with two counters (civil status at 1,
/// land at 2), an admin and a supervisor, the clock at 16:00 on Tuesday 31 March 2026.
enum ReportsCentre {
    static func manifest(level: String = "commune") -> TestManifest {
        TestManifest(id: "t.reports", name: LocalizedText(vi: "Xã Thử", en: "Test commune"), level: level)
            .sector("ho-tich", vi: "Hộ tịch", en: "Civil status").sector("dat-dai", vi: "Đất đai", en: "Land")
            .counter("1", sectors: ["ho-tich"]).counter("2", sectors: ["dat-dai"])
            .plugin("ratings.counter", #"{ "timeoutSeconds": 30 }"#).plugin("reporting.standard").plugin("reporting.index766")
    }

    static let plugins: [PluginDescriptor] = [.ratings(RatingsCounter.self), .reporting(ReportingStandard.self), .reporting(ReportingIndex766.self)]
    static let catalogue = PluginCatalogue(plugins, requiredKinds: [])

    static func host(level: String = "commune") throws -> TestHost {
        try TestHost(manifest(level: level), plugins: plugins, day: LocalDate(year: 2026, month: 3, day: 31)!, time: LocalTime(hour: 16, minute: 0)!,
                     accounts: [.admin, .supervisor])
    }
}

/// Runs `body` against the reports centre, in process unless told otherwise.
func serveReports(level: String = "commune", _ mode: TestClient.Mode = .router, _ body: (TestHost, TestClient) async throws -> Void) async throws {
    let host = try ReportsCentre.host(level: level)
    try await host.test(mode) { client in try await body(host, client) }
}

extension TestHost {
    /// Appends what the queueing plugin records for a ticket finished at a counter now.
    func finishTicket(_ id: String, counter: String, sector: String = "ho-tich") throws {
        try store.write { journal in
            try journal.appendJournal(JournalDraft(at: clock.now, actor: "device:kiosk", kind: "ticket.issued", subject: "ticket:\(id)",
                payload: #"{"number":"\#(id)","sector":"\#(sector)","priorityGroup":null,"day":"2026-03-31","ahead":0,"booking":null}"#))
            try journal.appendJournal(JournalDraft(at: clock.now, actor: "user:lan", kind: "ticket.finished", subject: "ticket:\(id)",
                payload: #"{"number":"\#(id)","sector":"\#(sector)","counter":"\#(counter)","clerk":"lan","serviceSeconds":240}"#))
        }
    }
}
