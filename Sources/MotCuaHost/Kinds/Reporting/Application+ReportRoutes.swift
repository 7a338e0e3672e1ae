#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHTTP

/// The reporting contract's routes and pages.
extension Application {
    /// The scored report among the composed reporting plugins, if one scores the centre.
    static func scoring(_ plugins: [any ReportingPlugin]) -> ReportScoring? {
        plugins.lazy.compactMap { (type(of: $0) as? any ScoredReporting.Type)?.scoring }.first
    }

    func reportRoutes(_ plugins: [any ReportingPlugin]) -> [(route: APIRoute, implementation: RouteImplementation)] {
        let scoring = Application.scoring(plugins)
        let example = plugins.first?.reportIDs.first ?? "report"
        let manualExample = plugins.first { !$0.manualIndicators.isEmpty }?.reportIDs.first ?? example
        // A provincial deployment also ranks the communes whose bundles it imported.
        let province: [(route: APIRoute, implementation: RouteImplementation)] = deployment.centre.level != .province ? [] : [
            route(.get, "/api/v1/province/ranking", .staff(.supervisor), tag: "reporting",
                  "The communes ranked by their imported 766 totals: ?period=2026-03") { [store] context in
                let rollup = try ProvinceRollup(store: store, scoring: scoring)
                guard let period = try Application.rollupPeriod(context, rollup) else { return .json(.object(JSONObject([("ranking", .array([]))]))) }
                let ranking = try rollup.ranking(period: period).map { rank in
                    JSONValue.object(JSONObject([
                        ("rank", .number(.integer(Int64(rank.rank)))), ("of", .number(.integer(Int64(rank.of)))), ("commune", .string(rank.commune)),
                        ("name", .string(rank.name.vi)), ("score", .string(Report.Figure(id: "", title: rank.name, value: rank.scoreHundredths, decimals: 2).text)),
                        ("gaps", .array(rank.gaps.map { .object(JSONObject([("indicator", .string($0.indicator)), ("lostHundredths", .number(.integer($0.lost)))])) })),
                    ]))
                }
                return .json(.object(JSONObject([("period", .string(period.text)), ("ranking", .array(ranking))])))
            },
        ]
        return province + [
            route(.get, "/api/v1/reports/:id", .staff(.supervisor), tag: "reporting",
                  "A report: ?period=2026-03 (day, week:DATE, month, 2026-Q1, year, FROM..TO) or ?from=&to=; &cut=sector[:id]; &format=json|csv",
                  example: ["id": example]) { [clock, deployment, composition] context in
                let id = context.parameter("id")
                let plugin = try Application.reportingPlugin(id, in: plugins)
                let period = try Application.reportPeriod(context, today: deployment.calendar.local(clock.now).date)
                let cut = try context.request.query("cut").flatMap { $0.isEmpty ? nil : try ReportCut(parsing: $0) }
                // Exports carry the portal's codes beside the labels; the page shows the labels only.
                let codes = try composition.portalSync?.portalCodes(dossiers: []) ?? PortalCodes()
                let report = try plugin.produce(report: id, period: period, cut: cut).inPortalWords(codes)
                switch context.request.query("format") ?? "json" {
                case "json": return try .encoded(report)
                case "csv":
                    // A spreadsheet reads names, as the page does: a clerk's, not a login.
                    let named = Pages.namingCut(report, deployment: deployment, language: .vi, staffNames: try self.identity.displayNamesByLogin())
                    var response = HTTPResponse(status: .ok, body: Array(ReportCSV.text(named).utf8))
                    response.headers.add("Content-Type", "text/csv; charset=utf-8")
                    response.headers.add("Content-Disposition", "attachment; filename=\"\(id)-\(period.from)-\(period.to).csv\"")
                    return response
                case let other:
                    throw Problem("report.format", en: "Unknown format \"\(other)\"; use json or csv.", vi: "Không có định dạng \"\(other)\"; dùng json hoặc csv.",
                                  details: [.init(field: "format", code: "unknown", message: LocalizedText(vi: "Định dạng không hợp lệ", en: "Unknown format"))])
                }
            },
            route(.post, "/api/v1/reports/rebuild", .staff(.admin), tag: "reporting",
                  "Recompute every report's tables from the whole journal") { _ in
                var object = JSONObject()
                for plugin in plugins { object[type(of: plugin).id.rawValue] = .number(.integer(Int64(try plugin.rebuild()))) }
                return .json(.object(JSONObject([("replayed", .object(object))])))
            },
            route(.post, "/api/v1/reports/:id/manual", .staff(.supervisor), tag: "reporting",
                  "Enter an indicator's points for a month (figures from national systems)",
                  body: OpenAPIDocument.object(["indicator": "string", "month": "string", "points": "number", "note": "string"],
                                               required: ["indicator", "month", "points"]), example: ["id": manualExample]) { context in
                let plugin = try Application.reportingPlugin(context.parameter("id"), in: plugins)
                let body = try context.decode(JSONValue.self)
                guard let indicator = body["indicator"]?.stringValue, let month = body["month"]?.stringValue else {
                    throw Problem("reporting.manual-fields", en: "Give the indicator and the month.", vi: "Hãy nhập chỉ tiêu và tháng.",
                                  details: [.init(field: "indicator", code: "required", message: LocalizedText(vi: "Bắt buộc", en: "Required"))])
                }
                guard let points = Application.hundredths(body["points"]) else {
                    throw Problem("reporting.manual-points", en: "Give the points as a number such as 4.5.", vi: "Hãy nhập số điểm, ví dụ 4,5.",
                                  details: [.init(field: "points", code: "invalid", message: LocalizedText(vi: "Không phải số", en: "Not a number"))])
                }
                let note = body["note"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
                try plugin.enterManual(ManualEntry(indicator: indicator, month: month, pointsHundredths: points, note: note), by: context.caller.principal)
                return .json(.object(JSONObject([("recorded", .bool(true))])), status: .created)
            },
        ]
    }

    /// The reporting pages: `/reports` and the province ranking.
    func reportPages(_ plugins: [any ReportingPlugin]) -> [(route: APIRoute, implementation: RouteImplementation)] {
        let ids = plugins.flatMap(\.reportIDs)
        let scoring = Application.scoring(plugins)
        let province: [(route: APIRoute, implementation: RouteImplementation)] = deployment.centre.level != .province ? [] : [
            route(.get, "/province", .staff(.supervisor), tag: "pages", "Province: communes ranked by their 766 self-assessment", page: true) { [store, clock] context in
                let rollup = try ProvinceRollup(store: store, scoring: scoring)
                let period = try Application.rollupPeriod(context, rollup)
                let ranking = try period.map { try rollup.ranking(period: $0) } ?? []
                let totals = try period.map { try rollup.totals(period: $0) } ?? []
                return Application.page(Pages.province(context: self.reportingPageContext(context), period: period, periods: try rollup.periods(),
                                                       ranking: ranking, totals: totals, generated: Pages.dateTimeText(clock.now, self.reportingPageContext(context))))
            },
        ]
        return province + [
            route(.get, "/reports", .staff(.supervisor), tag: "pages", "Reports: a period's figures, charts and tables; the 766 index", page: true) { [clock, deployment, composition] context in
                let today = deployment.calendar.local(clock.now).date
                let request = context.request
                let reportID = request.query("report").flatMap { ids.contains($0) ? $0 : nil } ?? ids.first ?? ""
                let date = request.query("date").flatMap(LocalDate.init(iso:)) ?? today
                let to = request.query("to").flatMap(LocalDate.init(iso:)) ?? date
                let unit = request.query("unit").flatMap { ["day", "week", "month", "quarter", "year", "range"].contains($0) ? $0 : nil } ?? "month"
                let page = self.reportingPageContext(context)
                var query = Pages.ReportQuery(report: reportID, unit: unit, date: date, to: to, cut: nil)
                query.cuts = plugins.first { $0.reportIDs.contains(reportID) }?.supportsCuts(report: reportID) ?? false
                query.titles = Dictionary(plugins.flatMap { plugin in plugin.reportIDs.map { ($0, plugin.title(report: $0)) } }, uniquingKeysWith: { first, _ in first })
                let report: Report
                do {
                    query.cut = try request.query("cut").flatMap { $0.isEmpty ? nil : try ReportCut(parsing: $0) }
                    let plugin = try Application.reportingPlugin(reportID, in: plugins)
                    report = try plugin.produce(report: reportID, period: try query.period(), cut: query.cuts ? query.cut : nil)
                } catch let problem as Problem {
                    var response = Application.page(Pages.reportRefused(context: page, query: query, reports: ids, message: problem.message))
                    response.status = problem.status == 404 ? .notFound : .badRequest
                    return response
                }
                let period = report.period
                let plugin = try Application.reportingPlugin(reportID, in: plugins)
                let generated = Pages.dateTimeText(clock.now, page)
                if let scoring, scoring.report == reportID {
                    return Application.page(Pages.scoreSheet(context: page, report: report, scoring: scoring, query: query, reports: ids,
                                                           manual: plugin.manualIndicators, generated: generated))
                }
                let ratings = try composition.ratings?.summary(period: period, by: .counter)
                return Application.page(Pages.reports(context: page, report: report, query: query, reports: ids, generated: generated, ratings: ratings))
            },
        ]
    }

    static func reportingPlugin(_ id: String, in plugins: [any ReportingPlugin]) throws -> any ReportingPlugin {
        guard let plugin = plugins.first(where: { $0.reportIDs.contains(id) }) else {
            let known = plugins.flatMap(\.reportIDs).joined(separator: ", ")
            throw Problem("reporting.unknown-report", status: 404, en: "No report \"\(id)\"; this deployment has \(known).",
                          vi: "Không có báo cáo \"\(id)\"; triển khai này có \(known).")
        }
        return plugin
    }

    /// `?period=` or the newest imported period.
    static func rollupPeriod(_ context: RequestContext, _ rollup: ProvinceRollup) throws -> ReportPeriod? {
        if let text = context.request.query("period"), !text.isEmpty { return try ReportPeriod(parsing: text) }
        return try rollup.periods().first.map { try ReportPeriod(parsing: $0) }
    }

    /// Points as hundredths from `4.5`, `"4.5"` or `"4,5"`; nil when not a number.
    static func hundredths(_ value: JSONValue?) -> Int64? {
        if let integer = value?.int64Value { return integer * 100 }
        let text = value?.stringValue?.replacing(",", with: ".") ?? value?.numberValue?.description
        guard let text, let number = Double(text.trimmingSpaces()), number.isFinite else { return nil }
        return Int64((number * 100).rounded())
    }
}

/// A report as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read the
/// Vietnamese): the figures first, then each table after a line with its title.
public enum ReportCSV {
    /// The CSV text.
    public static func text(_ report: Report) -> String {
        var lines = ["\u{FEFF}" + row([report.title.vi, report.period.text])]
        lines.append(row(["figure", "value", "vi", "en"]))
        for figure in report.figures { lines.append(row([figure.id, figure.text, figure.title.vi, figure.title.en])) }
        for table in report.tables {
            lines.append("")
            lines.append(row(["# " + table.id, table.title.vi]))
            lines.append(row(table.columns.map(\.vi)))
            for cells in table.rows { lines.append(row(cells)) }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func row(_ cells: [String]) -> String {
        cells.map { cell in
            guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
            return "\"" + cell.replacing("\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }
}
