#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// `motcua calendar <year>`: the year's non-working days with their reasons.
struct CalendarCommand: Command {
    static let name = "calendar"
    static let summary = "List a year's non-working days with their reason"
    static let usage = "motcua calendar <year> [--deployment manifest.json] [--json]"

    let year: Int
    let manifest: String?
    let json: Bool

    init(arguments: [String]) throws(UsageError) {
        let parsed = try Arguments(arguments, options: ["deployment"], switches: ["json"])
        try parsed.expectPositionals(1...1, "a year, e.g. motcua calendar 2026")
        guard let year = Int(parsed.positionals[0]), (1900...2199).contains(year) else {
            throw UsageError("the year must be a number from 1900 to 2199, got \"\(parsed.positionals[0])\"")
        }
        self.year = year
        manifest = parsed.option("deployment")
        json = parsed.flag("json")
    }

    func run() async throws {
        let deployment = try DeploymentLoading.deployment(manifest)
        let days = deployment.calendar.specialDays(in: year)
        let language = Output.language
        if json {
            let items: [JSONValue] = days.map { day in
                .object(JSONObject([
                    ("date", .string(day.date.description)),
                    ("weekday", .string(day.date.weekday.manifestKey)),
                    ("kind", .string(day.kind.rawValue)),
                    ("working", .bool(!day.kind.isDayOff)),
                    ("reason", .object(JSONObject([("vi", .string(day.reason.vi)), ("en", .string(day.reason.en))]))),
                    ("source", day.source.map(JSONValue.string) ?? .null),
                ]))
            }
            Output.line(JSONValue.array(items).serialized(pretty: true))
            return
        }
        let vi = language == .vi
        let weekdays = ["mon": "T2", "tue": "T3", "wed": "T4", "thu": "T5", "fri": "T6", "sat": "T7", "sun": "CN"]
        Output.line("\(deployment.centre.name.text(language)) — \(vi ? "năm " : "")\(year)")
        var rows = [vi ? ["NGÀY", "THỨ", "", "LÝ DO", "CĂN CỨ"] : ["DATE", "DAY", "", "REASON", "SOURCE"]]
        for day in days {
            let key = day.date.weekday.manifestKey
            let date = vi ? "\(day.date.day.zeroPadded(2))/\(day.date.month.zeroPadded(2))/\(day.date.year)" : day.date.description
            let kind = vi ? (!day.kind.isDayOff ? "làm bù" : "nghỉ") : (!day.kind.isDayOff ? "work" : "off")
            rows.append([date, vi ? weekdays[key] ?? key : key, kind, day.reason.text(language), day.source ?? ""])
        }
        Output.line(Output.table(rows))
        let off = days.filter { $0.kind.isDayOff }.count
        Output.line(vi ? "\(off) ngày nghỉ ngoài cuối tuần, \(days.count - off) ngày làm bù"
                       : "\(off) day(s) off besides weekends, \(days.count - off) make-up working day(s)")
    }
}
