import Foundation
import MotCuaCore
import MotCuaHost
import MotCuaTesting
import Testing

// The example of Docs/Plugins.md, compiled and tested here: the guide shows the code
// between the `guide:` markers, and `theGuideShowsThisCode` keeps the two equal.

// guide: plugin
import MotCuaCore

/// Tickets issued each day of a period, counted from the journal.
public struct TicketsPerDay: ReportingPlugin {
    /// `"reporting.tickets-per-day": { "sectors": ["ho-tich"] }`; every sector without `sectors`.
    public struct Settings: Decodable, Sendable {
        var sectors: [String]?
    }

    public static let id: PluginID = "reporting.tickets-per-day"
    public static let version = "0.1.0"
    public static let summary = LocalizedText(vi: "Số phiếu đã cấp theo ngày", en: "Tickets issued per day")

    private let settings: Settings
    private let context: HostContext

    public init(settings: Settings, context: HostContext) throws {
        // What a type cannot say, init checks: `motcua check` reports it with the plugin's name.
        for sector in settings.sectors ?? [] where context.deployment.sector(sector) == nil {
            throw Problem("tickets-per-day.sector", status: 500,
                          en: "reporting.tickets-per-day: no sector \"\(sector)\" in this deployment; use an id from \"sectors\".",
                          vi: "reporting.tickets-per-day: không có lĩnh vực \"\(sector)\"; hãy dùng mã trong \"sectors\".")
        }
        self.settings = settings
        self.context = context
    }

    public var reportIDs: [String] { ["tickets-per-day"] }

    public func produce(report id: String, period: ReportPeriod) throws -> Report {
        let calendar = context.calendar  // the centre's days, never the system calendar
        let midnight = LocalTime(hour: 0, minute: 0)!
        let query = JournalQuery(kinds: ["ticket.issued"], from: calendar.instant(period.from, midnight),
                                 to: calendar.instant(period.to.adding(days: 1), midnight))
        var perDay: [LocalDate: Int64] = [:]
        for entry in try context.store.journalEntries(matching: query) {
            let sector = try JSONParser().parse(entry.payload)["sector"]?.stringValue ?? ""
            if let sectors = settings.sectors, !sectors.contains(sector) { continue }
            perDay[calendar.local(entry.at).date, default: 0] += 1
        }
        let days = period.days
        let title = LocalizedText(vi: "Số phiếu đã cấp theo ngày", en: "Tickets issued per day")
        return Report(
            id: id, title: title, period: period,
            tables: [Report.Table(id: "by-day", title: title, columns: [LocalizedText(vi: "Ngày", en: "Day"), LocalizedText(vi: "Số phiếu", en: "Tickets")],
                                  rows: days.map { [$0.description, String(perDay[$0] ?? 0)] })],
            figures: [Report.Figure(id: "tickets.issued", title: LocalizedText(vi: "Phiếu đã cấp", en: "Tickets issued"),
                                    value: perDay.values.reduce(0, +))],
            charts: [Report.Chart(id: "tickets-per-day", title: title, style: .bars, unit: "",
                                  labels: days.map(\.description), values: days.map { Double(perDay[$0] ?? 0) })])
    }
}
// guide: end

// guide: test
@Suite("reporting.tickets-per-day")
struct TicketsPerDayTests {
    /// A centre with two sectors and the plugin counting civil-status tickets only.
    func centre(_ settings: String = #"{ "sectors": ["ho-tich"] }"#) throws -> TestHost {
        try TestHost(TestManifest()
                        .sector("ho-tich", vi: "Hộ tịch", en: "Civil status").sector("dat-dai", vi: "Đất đai", en: "Land")
                        .plugin("reporting.tickets-per-day", settings),
                     plugins: [.reporting(TicketsPerDay.self)])
    }

    @Test func countsEachDaysTicketsThroughTheAPI() async throws {
        let host = try centre()
        // What the queueing plugin journals when it issues a ticket.
        try host.store.write { journal in
            for (day, sector) in [(2, "ho-tich"), (2, "ho-tich"), (3, "dat-dai"), (4, "ho-tich")] {
                let at = host.calendar.instant(LocalDate(year: 2026, month: 3, day: day)!, LocalTime(hour: 9, minute: 0)!)
                try journal.appendJournal(JournalDraft(at: at, actor: "device:kiosk-1", kind: "ticket.issued", subject: "ticket:\(day)",
                                                       payload: #"{"sector":"\#(sector)"}"#))
            }
        }
        try await host.test { client in
            let supervisor = try host.signIn("sup")
            let report = try await client.get("/api/v1/reports/tickets-per-day?period=2026-03", as: supervisor)
            #expect(report.status == 200)
            #expect(try report.json()["figures"]?[0]?["value"]?.int64Value == 3)
            #expect(try report.json()["tables"]?[0]?["rows"]?[1] == ["2026-03-02", "2"])
            // Reports are for supervisors: a citizen is refused.
            #expect(try await client.get("/api/v1/reports/tickets-per-day?period=2026-03").status == 401)
        }
    }

    @Test func aMistypedSettingIsNamedWithItsPath() throws {
        let manifest = TestManifest().plugin("reporting.tickets-per-day", #"{ "sector": ["ho-tich"] }"#)
        #expect { try TestHost.load(manifest.json, catalogue: PluginCatalogue([.reporting(TicketsPerDay.self)], requiredKinds: []))
        } throws: { error in
            let diagnostic = (error as? ManifestError)?.diagnostics.first
            return diagnostic?.path == "plugins.reporting.tickets-per-day.sector"
                && diagnostic?.message.en == #"settings of reporting.tickets-per-day: unknown key "sector" — did you mean "sectors"?"#
        }
    }

    @Test func aSectorTheDeploymentLacksIsRefused() throws {
        #expect { try centre(#"{ "sectors": ["nope"] }"#) } throws: { error in
            (error as? CompositionError)?.problems.first?.code == "tickets-per-day.sector"
        }
    }
}
// guide: end

@Suite("Docs/Plugins.md")
struct PluginGuideTests {
    /// Every `swift` block of the guide that follows a `<!-- guide: name -->` comment is the
    /// code between `// guide: name` and `// guide: end` in this file, character for character.
    @Test func theGuideShowsThisCode() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let guide = try String(contentsOf: root.appendingPathComponent("Docs/Plugins.md"), encoding: .utf8)
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        var shown = 0
        for name in ["plugin", "test"] {
            let marker = "<!-- guide: \(name) -->\n```swift\n"
            guard let start = guide.range(of: marker) else {
                Issue.record("Docs/Plugins.md has no \(marker)")
                continue
            }
            let block = guide[start.upperBound...].prefix { _ in true }
            let code = String(block[..<(block.range(of: "```\n")?.lowerBound ?? block.endIndex)])
            guard let begin = source.range(of: "// guide: \(name)\n"),
                  let end = source.range(of: "// guide: end\n", range: begin.upperBound..<source.endIndex) else {
                Issue.record("no // guide: \(name) section here")
                continue
            }
            #expect(code == String(source[begin.upperBound..<end.lowerBound]), "Docs/Plugins.md's \(name) block differs from this file")
            shown += 1
        }
        #expect(shown == 2)
    }
}
