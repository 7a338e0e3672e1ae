import MotCuaCore

/// The province's reports page: by centre, by sector or by procedure, for a month, a quarter
/// or a year.
extension ProvincePages {
    /// The figures each view puts side by side (a median is a centre's own, so only by centre).
    static func reportFigures(_ view: ProvinceServer.ReportView) -> [String] {
        ["tickets.issued", "tickets.served"] + (view == .centre ? ["tickets.wait-median-seconds"] : [])
            + ["dossiers.received", "dossiers.late", "dossiers.open-past", "dossiers.on-time-percent", "fees.total", "ratings.total",
               "ratings.satisfied-percent"]
    }

    /// The province's report page. `unit` is the period picker's `month`, `quarter` or `year`;
    /// `message` says why the period asked for could not be read.
    public static func reports(_ context: Context, report: ProvinceServer.ProvinceReport, unit: ReportPeriod.Unit, message: LocalizedText? = nil) -> Markup {
        let view = report.view
        let ids = reportFigures(view)
        let titles: [Markup] = ids.map { id in (report.rows.lazy.compactMap { $0.figure(id)?.title }.first ?? report.total.figure(id)?.title).map(context.text) ?? "—" }
        func cell(_ row: ProvinceServer.ReportRow, _ id: String) -> Markup {
            guard let figure = row.figure(id), ProvinceServer.hasRate(id, in: row.figures) else { return "—" }
            return HTML.escape(figure.decimals == 0 ? VietnameseNumber.grouped(figure.value)
                : VietnameseNumber.decimal(figure.value, decimals: figure.decimals) + (id.hasSuffix("-percent") ? " %" : ""))
        }
        let counts = view != .centre
        func line(_ row: ProvinceServer.ReportRow) -> Markup {
            let centres: Markup = counts ? "<td data-label=\"\(context.text(WebStrings.provinceCentreCount))\">\(VietnameseNumber.grouped(Int64(row.centres)))</td>" : ""
            return "<tr><th scope=\"row\" class=\"text\">\(context.text(row.name))</th>\(centres)\(zip(ids, titles).map { "<td data-label=\"\($1)\">\(cell(row, $0))</td>" }.joined())</tr>"
        }
        let query = "period=" + Pages.percentEncoded(report.period.text, keepingSlashes: false)
        let tabs: [Markup] = [(ProvinceServer.ReportView.centre, WebStrings.provinceByCentre), (.sector, WebStrings.provinceBySector),
                              (.procedure, WebStrings.provinceByProcedure)].map { option, name in
            let current: Markup = option == view ? " primary\" aria-current=\"page" : ""
            return "<a class=\"button small\(current)\" href=\"/reports?by=\(option.rawValue)&amp;\(query)\">\(context.text(name))</a>"
        }
        let units: [Markup] = [(ReportPeriod.Unit.month, WebStrings.reportUnitMonth), (.quarter, WebStrings.reportUnitQuarter), (.year, WebStrings.reportUnitYear)]
            .map { option, name in "<option value=\"\(option.rawValue)\"\(option == unit ? " selected" : "")>\(context.text(name))</option>" }
        let refused: Markup = message.map { "<p class=\"form-error\" role=\"alert\">\(context.text($0))</p>" } ?? ""
        let dimension: LocalizedText = switch view {
        case .centre: WebStrings.provinceCentre
        case .sector: WebStrings.reportCutSector
        case .procedure: WebStrings.reportCutProcedure
        }
        let head: Markup = "<th scope=\"col\" class=\"text\">\(context.text(dimension))</th>"
            + (counts ? "<th scope=\"col\">\(context.text(WebStrings.provinceCentreCount))</th>" : "")
            + titles.map { "<th scope=\"col\">\($0)</th>" }.joined()
        let body: Markup = """
        <section class="panel">
        <h1>\(context.text(ProvinceServer.viewTitle(view)))</h1>
        <p class="button-row" role="group" aria-label="\(context.text(WebStrings.provinceReportViews))">\(tabs.joined(separator: " "))</p>
        \(refused)
        <form class="inline-form" method="get" action="/reports">
        <input type="hidden" name="by" value="\(view.rawValue)">
        \(Pages.field(id: "report-unit", label: WebStrings.reportPeriod, control: "<select id=\"report-unit\" name=\"unit\">\(units.joined())</select>", language: context.language))
        \(Pages.field(id: "report-date", label: WebStrings.reportFrom, control: "<input id=\"report-date\" type=\"date\" name=\"date\" value=\"\(report.period.from)\" required>", language: context.language))
        <button type="submit" class="button small">\(context.text(WebStrings.reportShow))</button>
        </form>
        <p class="note">\(context.text(WebStrings.reportPeriodLabel)): <strong>\(Pages.dateText(report.period.from)) – \(Pages.dateText(report.period.to))</strong> · <a href="/api/v1/province/reports?by=\(view.rawValue)&amp;\(query)&amp;format=csv" download>\(context.text(WebStrings.reportCSV))</a></p>
        <p class="note">\(context.text(WebStrings.provinceReportsNote))</p>
        <div class="table-scroll"><table class="data numbers reflow">
        <thead><tr>\(head)</tr></thead>
        <tbody>
        \(report.rows.map { line($0) }.joined(separator: "\n"))
        </tbody>
        <tfoot>\(line(report.total))</tfoot>
        </table></div>
        </section>
        """
        return layout(title: ProvinceServer.viewTitle(view), context: context, body: body)
    }
}
