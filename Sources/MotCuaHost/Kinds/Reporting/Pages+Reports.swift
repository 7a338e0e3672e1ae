#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import MotCuaCore

/// The reporting pages: period reports with server-drawn SVG charts, the 766 self-assessment
/// and the province ranking. No chart library: each chart is a few SVG rectangles or a polyline.
extension Pages {
    /// What the period form shows as chosen.
    public struct ReportQuery: Sendable {
        /// The report id.
        public var report: String
        /// `day`, `week`, `month`, `quarter`, `year` or `range`.
        public var unit: String
        /// The day the unit contains (or the range's start).
        public var date: LocalDate
        /// The range's end.
        public var to: LocalDate
        /// The cut, if any.
        public var cut: ReportCut?
        /// Whether the report supports cuts (its plugin's ``ReportingPlugin/supportsCuts(report:)``),
        /// so the form offers one.
        public var cuts = false
        /// Each report's name for the picker, by report id.
        public var titles: [String: LocalizedText] = [:]

        /// Creates a query.
        public init(report: String, unit: String, date: LocalDate, to: LocalDate, cut: ReportCut?) {
            self.report = report
            self.unit = unit
            self.date = date
            self.to = to
            self.cut = cut
        }

        /// The period it asks for.
        public func period() throws -> ReportPeriod {
            if let unit = ReportPeriod.Unit(rawValue: unit) { return .containing(date, unit: unit) }
            return try ReportPeriod(from: date, to: to)
        }
    }

    // MARK: Charts

    /// A chart as inline SVG: bars or a line over labelled values, with a y axis of round steps.
    public static func chartSVG(_ chart: Report.Chart, context: PageContext) -> Markup {
        let width = 640.0, height = 270.0, left = 48.0, right = 12.0, top = 26.0, bottom = 40.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let values = chart.values.compactMap { $0 }
        let title = context.text(chart.title)
        guard !values.isEmpty, !chart.labels.isEmpty else {
            return "<svg viewBox=\"0 0 \(Int(width)) 80\" role=\"img\" aria-label=\"\(title)\"><text x=\"\(Int(width / 2))\" y=\"44\" text-anchor=\"middle\" fill=\"#6b7280\" font-size=\"16\">\(context.text(WebStrings.reportNoData))</text></svg>"
        }
        let top100 = chart.unit == "%"
        let step = niceStep(top100 ? 100 : max(1, values.max()!))
        let ceiling = top100 ? 100 : step * (max(1, values.max()!) / step).rounded(.up)
        func y(_ value: Double) -> Double { top + plotHeight - plotHeight * value / ceiling }
        var svg: Markup = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(title)\" font-size=\"12\" font-family=\"inherit\">"
        // Grid lines and y labels.
        var tick = 0.0
        while tick <= ceiling + 0.001 {
            let ty = format(y(tick))
            svg += "<line x1=\"\(format(left))\" y1=\"\(ty)\" x2=\"\(format(width - right))\" y2=\"\(ty)\" stroke=\"#e5e7eb\"/>"
            svg += "<text x=\"\(format(left - 6))\" y=\"\(format(y(tick) + 4))\" text-anchor=\"end\" fill=\"#374151\">\(HTML.escape(number(tick)))</text>"
            tick += top100 ? 25 : step
        }
        svg += "<line x1=\"\(format(left))\" y1=\"\(format(top + plotHeight))\" x2=\"\(format(width - right))\" y2=\"\(format(top + plotHeight))\" stroke=\"#374151\"/>"
        let count = Double(chart.labels.count)
        let slot = plotWidth / count
        // Label every n-th slot so the words never overlap.
        let every = max(1, Int((count * 44 / plotWidth).rounded(.up)))
        for (index, label) in chart.labels.enumerated() where index % every == 0 {
            let x = left + slot * (Double(index) + 0.5)
            svg += "<text x=\"\(format(x))\" y=\"\(format(height - bottom + 16))\" text-anchor=\"middle\" fill=\"#374151\">\(HTML.escape(label))</text>"
        }
        switch chart.style {
        case .bars:
            let barWidth = max(2, slot * 0.7)
            for (index, value) in chart.values.enumerated() {
                guard let value else { continue }
                let x = left + slot * Double(index) + (slot - barWidth) / 2
                svg += "<rect x=\"\(format(x))\" y=\"\(format(y(value)))\" width=\"\(format(barWidth))\" height=\"\(format(top + plotHeight - y(value)))\" fill=\"#1d4ed8\"><title>\(HTML.escape(chart.labels[index])): \(HTML.escape(number(value))) \(HTML.escape(chart.unit))</title></rect>"
            }
        case .line:
            // A gap (no data that day) breaks the line into pieces.
            var piece: [String] = []
            func flush() {
                if piece.count > 1 { svg += "<polyline points=\"\(piece.joined(separator: " "))\" fill=\"none\" stroke=\"#9b1c1c\" stroke-width=\"2.5\"/>" }
                piece = []
            }
            for (index, value) in chart.values.enumerated() {
                guard let value else { flush(); continue }
                let x = left + slot * (Double(index) + 0.5)
                piece.append("\(format(x)),\(format(y(value)))")
                svg += "<circle cx=\"\(format(x))\" cy=\"\(format(y(value)))\" r=\"3.5\" fill=\"#9b1c1c\"><title>\(HTML.escape(chart.labels[index])): \(HTML.escape(number(value))) \(HTML.escape(chart.unit))</title></circle>"
            }
            flush()
        }
        svg += "<text x=\"\(format(left))\" y=\"12\" text-anchor=\"end\" fill=\"#6b7280\">\(HTML.escape(chart.unit))</text></svg>"
        return svg
    }

    private static func niceStep(_ maximum: Double) -> Double {
        let raw = maximum / 4
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        for factor in [1.0, 2.0, 2.5, 5.0, 10.0] where magnitude * factor >= raw { return magnitude * factor }
        return magnitude * 10
    }

    private static func format(_ value: Double) -> String { value.fixed(1) }

    private static func number(_ value: Double) -> String {
        let text = VietnameseNumber.decimal(Int64((value * 10).rounded()), decimals: 1)
        return text.hasSuffix(",0") ? String(text.dropLast(2)) : text
    }

    // MARK: The reports page

    static func periodForm(_ query: ReportQuery, reports: [String], context: PageContext, cuts: Bool) -> Markup {
        let units: [(String, LocalizedText)] = [("day", WebStrings.reportUnitDay), ("week", WebStrings.reportUnitWeek), ("month", WebStrings.reportUnitMonth),
                                                ("quarter", WebStrings.reportUnitQuarter), ("year", WebStrings.reportUnitYear), ("range", WebStrings.reportUnitRange)]
        let unitOptions: Markup = units.map { "<option value=\"\($0.0)\"\($0.0 == query.unit ? " selected" : "")>\(context.text($0.1))</option>" }.joined()
        let reportOptions: Markup = reports.map { id in
            "<option value=\"\(HTML.escape(id))\"\(id == query.report ? " selected" : "")>\(query.titles[id].map(context.text) ?? HTML.escape(id))</option>"
        }.joined()
        let cutNames: [(String, LocalizedText)] = [("", WebStrings.reportCutNone), ("sector", WebStrings.reportCutSector), ("procedure", WebStrings.reportCutProcedure),
                                                   ("counter", WebStrings.reportCutCounter), ("clerk", WebStrings.reportCutClerk)]
        let chosenCut = query.cut.map { $0.dimension.rawValue + ($0.value.map { ":" + $0 } ?? "") } ?? ""
        var cutOptions: [Markup] = cutNames.map { "<option value=\"\($0.0)\"\($0.0 == chosenCut ? " selected" : "")>\(context.text($0.1))</option>" }
        for sector in context.deployment.enabledSectors {
            let value = "sector:\(sector.id)"
            cutOptions.append("<option value=\"\(HTML.escape(value))\"\(value == chosenCut ? " selected" : "")>\(context.text(WebStrings.reportCutSector)): \(context.text(sector.name))</option>")
        }
        for counter in context.deployment.counters {
            let value = "counter:\(counter.id)"
            cutOptions.append("<option value=\"\(HTML.escape(value))\"\(value == chosenCut ? " selected" : "")>\(context.text(counter.name))</option>")
        }
        let cutField = cuts ? field(id: "report-cut", label: WebStrings.reportCut, control: "<select id=\"report-cut\" name=\"cut\">\(cutOptions.joined())</select>", context: context) : ""
        return """
        <form class="report-form panel no-print" method="get" action="\(HTML.escape(context.path))" data-report-form>
        \(reports.count > 1 ? field(id: "report-id", label: WebStrings.reportTables, control: "<select id=\"report-id\" name=\"report\">\(reportOptions)</select>", context: context) : "<input type=\"hidden\" name=\"report\" value=\"\(HTML.escape(query.report))\">")
        \(field(id: "report-unit", label: WebStrings.reportPeriod, control: "<select id=\"report-unit\" name=\"unit\">\(unitOptions)</select>", context: context))
        \(field(id: "report-date", label: WebStrings.reportFrom, control: "<input id=\"report-date\" type=\"date\" name=\"date\" value=\"\(query.date)\" required>", context: context))
        <div data-unit="range">\(field(id: "report-to", label: WebStrings.reportTo, control: "<input id=\"report-to\" type=\"date\" name=\"to\" value=\"\(query.to)\">", context: context))</div>
        \(cutField)
        <div class="field"><button type="submit" class="button primary">\(context.text(WebStrings.reportShow))</button></div>
        </form>
        """
    }

    static func reportHead(_ report: Report, query: ReportQuery, context: PageContext, generated: String) -> Markup {
        let api = "/api/v1/reports/\(percentEncoded(report.id, keepingSlashes: false))?period=\(percentEncoded(report.period.text, keepingSlashes: false))"
            + (query.cut.map { "&cut=" + percentEncoded($0.dimension.rawValue + ($0.value.map { ":" + $0 } ?? ""), keepingSlashes: false) } ?? "")
        let cutText: Markup = query.cut.map { cut -> Markup in
            let name = cutName(cut.dimension)
            return " · \(context.text(name))\(cut.value.map { ": " + cutValueName(cut.dimension, $0, context) })"
        } ?? ""
        return """
        <div class="report-head">
        <div>
        <p class="eyebrow">\(context.text(context.deployment.centre.name))</p>
        <h1>\(context.text(report.title))</h1>
        <p>\(context.text(WebStrings.reportPeriodLabel)): <strong>\(dateText(report.period.from)) – \(dateText(report.period.to))</strong>\(cutText) · \(context.text(WebStrings.reportGenerated)) \(HTML.escape(generated))</p>
        </div>
        <p class="button-row no-print"><button type="button" class="button" data-print>\(context.text(WebStrings.reportPrint))</button>
        <a class="button" href="\(HTML.escape(api))&amp;format=csv">\(context.text(WebStrings.reportCSV))</a>
        <a class="button" href="\(HTML.escape(api))">\(context.text(WebStrings.reportJSON))</a></p>
        </div>
        """
    }

    /// A cut's dimension in words.
    static func cutName(_ dimension: ReportCut.Dimension) -> LocalizedText {
        switch dimension {
        case .sector: WebStrings.reportCutSector
        case .procedure: WebStrings.reportCutProcedure
        case .counter: WebStrings.reportCutCounter
        case .clerk: WebStrings.reportCutClerk
        }
    }

    /// A cut's value in words: the sector's, procedure's or counter's name, or the clerk's
    /// full name from the page's staff names (the host knows the accounts, the report does not).
    static func cutValueName(_ dimension: ReportCut.Dimension, _ value: String, _ context: PageContext) -> String {
        cutValueName(dimension, value, deployment: context.deployment, language: context.language, staffNames: context.staffNames)
    }

    /// A cut's value in words; `staffNames` maps a clerk's login to the name shown.
    static func cutValueName(_ dimension: ReportCut.Dimension, _ value: String, deployment: Deployment, language: Language,
                             staffNames: [String: String]) -> String {
        switch dimension {
        case .sector: return deployment.sector(value)?.name.text(language) ?? value
        case .procedure: return deployment.procedure(value)?.name.text(language) ?? value
        case .counter: return deployment.counters.first { $0.id == value }?.name.text(language) ?? value
        case .clerk: return staffNames[value] ?? value
        }
    }

    /// The report with its breakdown's first column in words (a sector's, procedure's or
    /// counter's name, a clerk's full name, "—" for none) instead of the ids the plugin
    /// writes, as the page, the CSV download and `motcua report --format csv` show it.
    /// `staffNames` maps logins to names.
    public static func namingCut(_ report: Report, deployment: Deployment, language: Language, staffNames: [String: String]) -> Report {
        guard let cut = report.cut else { return report }
        var named = report
        named.tables = report.tables.map { table in
            guard table.id == "by-\(cut.dimension.rawValue)" else { return table }
            var table = table
            table.rows = table.rows.map { row in
                guard let first = row.first else { return row }
                return [first == "-" ? "—" : cutValueName(cut.dimension, first, deployment: deployment, language: language, staffNames: staffNames)]
                    + row.dropFirst()
            }
            return table
        }
        return named
    }

    /// A ratings summary's dimension in words.
    static func ratingDimensionName(_ dimension: RatingSummary.Dimension) -> LocalizedText {
        switch dimension {
        case .clerk: WebStrings.reportCutClerk
        case .counter: WebStrings.reportCutCounter
        case .sector: WebStrings.reportCutSector
        case .day: WebStrings.reportUnitDay
        case .month: WebStrings.reportUnitMonth
        }
    }

    /// A ratings summary's row key in words.
    static func ratingKeyName(_ dimension: RatingSummary.Dimension, _ key: String, _ context: PageContext) -> String {
        if key == "-" { return "—" }
        switch dimension {
        case .clerk: return cutValueName(.clerk, key, context)
        case .counter: return cutValueName(.counter, key, context)
        case .sector: return cutValueName(.sector, key, context)
        case .day: return LocalDate(iso: key).map(dateText) ?? key
        case .month: return key.count == 7 ? String(key.suffix(2)) + "/" + String(key.prefix(4)) : key
        }
    }

    static func figureGrid(_ figures: [Report.Figure], context: PageContext) -> Markup {
        let items = figures.map { figure -> Markup in
            let value = figure.id.hasPrefix("fees.") && figure.id != "fees.receipts" ? money(figure.value)
                : figure.id.hasSuffix("-seconds") ? "\(figure.value / 60):\((figure.value % 60).zeroPadded(2))"
                : VietnameseNumber.decimal(figure.value, decimals: figure.decimals) + (figure.id.hasSuffix("-percent") ? " %" : "")
            // Durations are shown as minutes:seconds, so the unit in the title changes with them.
            let title = figure.id.hasSuffix("-seconds")
                ? LocalizedText(vi: figure.title.vi.replacing("(giây)", with: "(phút:giây)"),
                                en: figure.title.en.replacing("(s)", with: "(min:s)"))
                : figure.title
            return "<li class=\"figure\"><span class=\"figure-value\">\(HTML.escape(value))</span><span class=\"figure-title\">\(context.text(title))</span></li>"
        }
        return "<ul class=\"figure-grid\">\(items.joined())</ul>"
    }

    static func tableHTML(_ table: Report.Table, context: PageContext) -> Markup {
        let head: Markup = table.columns.map { "<th scope=\"col\">\(context.text($0))</th>" }.joined()
        let rows: Markup = table.rows.isEmpty
            ? "<tr><td colspan=\"\(max(1, table.columns.count))\" class=\"empty\">\(context.text(WebStrings.reportNoData))</td></tr>"
            : table.rows.enumerated().map { number, row in
                let label = table.labels.flatMap { number < $0.count ? $0[number].text(context.language) : nil }
                return "<tr>" + row.enumerated().map { "<td>\(HTML.escape($0.offset == 0 ? label ?? $0.element : VietnameseNumber.display($0.element)))</td>" }.joined() + "</tr>"
            }.joined()
        return "<div class=\"table-scroll report-table\"><table class=\"numbers\" id=\"table-\(HTML.escape(table.id))\"><caption>\(context.text(table.title))</caption><thead><tr>\(head)</tr></thead><tbody>\(rows)</tbody></table></div>"
    }

    static func chartGrid(_ charts: [Report.Chart], context: PageContext) -> Markup {
        guard !charts.isEmpty else { return "" }
        return "<div class=\"chart-grid\">" + charts.map { chart in
            "<figure class=\"chart\" id=\"chart-\(HTML.escape(chart.id))\"><figcaption>\(context.text(chart.title))</figcaption>\(chartSVG(chart, context: context))</figure>"
        }.joined() + "</div>"
    }

    /// The reports page when the request cannot be answered (a range ending before it starts,
    /// an unknown cut): the form again, with what to correct.
    public static func reportRefused(context: PageContext, query: ReportQuery, reports: [String], message: LocalizedText) -> Markup {
        let body: Markup = """
        \(periodForm(query, reports: reports, context: context, cuts: query.cuts))
        <p class="form-error" role="alert">\(context.text(message))</p>
        """
        return layout(title: WebStrings.reportsPage, context: context, body: body, bodyClass: "reports")
    }

    /// The reports page: the period form, then the report with its figures, charts and tables.
    public static func reports(context: PageContext, report: Report, query: ReportQuery, reports: [String], generated: String,
                               ratings: RatingSummary? = nil) -> Markup {
        let chartIDs = Set(report.charts.map(\.id))
        let main = report.figures.filter { !$0.id.hasSuffix(".max") && !$0.id.hasPrefix("ratings.level-") && !$0.id.hasPrefix("dossiers.received.") }
        // A breakdown's first column holds ids (a sector, a counter, a login): the page names them.
        let tables = namingCut(report, deployment: context.deployment, language: context.language, staffNames: context.staffNames).tables
            .filter { $0.id != "summary" && !chartIDs.contains($0.id) }
        var ratingsHTML = Markup()
        if let ratings, !ratings.rows.isEmpty {
            let table = Report.Table(id: "ratings-by-\(ratings.dimension.rawValue)", title: WebStrings.ratingsSummaryTitle,
                                     columns: [ratingDimensionName(ratings.dimension)]
                                        + (1...ratings.scale).reversed().map { LocalizedText(vi: "Mức \($0)", en: "Level \($0)") }
                                        + [WebStrings.ratingsTotal, WebStrings.ratingsSatisfied],
                                     rows: ratings.rows.map { row in
                                         [ratingKeyName(ratings.dimension, row.key, context)] + row.counts.reversed().map(String.init)
                                             + [String(row.total), VietnameseNumber.decimal(Int64(row.satisfiedPerMille), decimals: 1) + " %"]
                                     })
            ratingsHTML = tableHTML(table, context: context)
        }
        let body: Markup = """
        \(periodForm(query, reports: reports, context: context, cuts: query.cuts))
        <article class="report">
        \(reportHead(report, query: query, context: context, generated: generated))
        \(figureGrid(main, context: context))
        <h2>\(context.text(WebStrings.reportCharts))</h2>
        \(chartGrid(report.charts, context: context))
        <h2>\(context.text(WebStrings.reportTables))</h2>
        \(tables.map { tableHTML($0, context: context) }.joined(separator: "\n"))
        \(ratingsHTML)
        </article>
        """
        return layout(title: WebStrings.reportsPage, context: context, body: body, bodyClass: "reports")
    }

    /// A scored report's page (the 766 self-assessment): the score, each indicator with its
    /// source and inputs, the trend, and the form a supervisor enters national figures with.
    public static func scoreSheet(context: PageContext, report: Report, scoring: ReportScoring, query: ReportQuery, reports: [String],
                                  manual: [ManualIndicator], generated: String) -> Markup {
        let total = report.figure(scoring.totalFigure).map { VietnameseNumber.decimal($0.value, decimals: $0.decimals) } ?? "—"
        let rows = report.tables.first { $0.id == "indicators" }?.rows ?? []
        let indicatorRows: Markup = rows.map { row -> Markup in
            let source: Markup = switch row[4] {
            case "computed": "<span class=\"source-computed\">\(context.text(WebStrings.index766Computed))</span>"
            case "manual": "<span class=\"source-manual\">\(context.text(WebStrings.index766Manual))</span>"
            default: "<span class=\"source-none\">\(context.text(WebStrings.index766NotMeasured))</span>"
            }
            return "<tr><td>\(HTML.escape(row[0]))</td><td class=\"text\">\(HTML.escape(row[1]))</td><td>\(HTML.escape(VietnameseNumber.display(row[2])))</td><td>\(HTML.escape(VietnameseNumber.display(row[3])))</td><td class=\"text\">\(source)</td><td class=\"text\">\(HTML.escape(row[5]))</td></tr>"
        }.joined()
        let month = String(report.period.to.description.prefix(7))
        let options: Markup = manual.map { "<option value=\"\(HTML.escape($0.id))\">\(HTML.escape($0.id)) — \(context.text($0.title))</option>" }.joined()
        let form: Markup = manual.isEmpty ? "" : """
        <section class="panel no-print">
        <h2>\(context.text(WebStrings.index766Enter))</h2>
        <form method="post" data-api="/api/v1/reports/\(percentEncoded(report.id, keepingSlashes: false))/manual" class="form-grid">
        <p class="form-error" role="alert" hidden></p>
        \(field(id: "manual-indicator", label: WebStrings.index766Indicator, control: "<select id=\"manual-indicator\" name=\"indicator\">\(options)</select>", context: context))
        \(field(id: "manual-month", label: WebStrings.reportUnitMonth, control: "<input id=\"manual-month\" name=\"month\" value=\"\(month)\" pattern=\"[0-9]{4}-[0-9]{2}\" required>", context: context))
        \(field(id: "manual-points", label: WebStrings.index766Points, control: "<input id=\"manual-points\" name=\"points\" inputmode=\"decimal\" required>", context: context))
        \(field(id: "manual-note", label: WebStrings.index766Note, control: "<input id=\"manual-note\" name=\"note\">", context: context))
        <div class="field"><button type="submit" class="button primary">\(context.text(WebStrings.index766Save))</button></div>
        </form>
        </section>
        """
        let groups = report.tables.first { $0.id == "groups" }.map { tableHTML($0, context: context) } ?? ""
        let trend = report.tables.first { $0.id == "trend" }.map { tableHTML($0, context: context) } ?? ""
        let body: Markup = """
        \(periodForm(query, reports: reports, context: context, cuts: false))
        <article class="report">
        \(reportHead(report, query: query, context: context, generated: generated))
        <p class="note">\(context.text(WebStrings.index766Intro))</p>
        <p><span class="score-big">\(HTML.escape(total))</span> / 100 · \(context.text(WebStrings.index766Total))</p>
        \(groups)
        <div class="table-scroll report-table"><table class="numbers"><caption>\(context.text(WebStrings.index766Indicator))</caption>
        <thead><tr><th scope="col">\(context.text(WebStrings.index766Indicator))</th><th scope="col" class="text"></th><th scope="col">\(context.text(WebStrings.index766Points))</th><th scope="col">\(context.text(WebStrings.index766Max))</th><th scope="col" class="text">\(context.text(WebStrings.index766Source))</th><th scope="col" class="text">\(context.text(WebStrings.index766Inputs))</th></tr></thead>
        <tbody>\(indicatorRows)</tbody></table></div>
        <h2>\(context.text(WebStrings.index766Trend))</h2>
        \(chartGrid(report.charts, context: context))
        \(trend)
        </article>
        \(form)
        """
        return layout(title: WebStrings.index766Page, context: context, body: body, bodyClass: "reports")
    }
}

extension Pages {
    /// The province page: communes ranked by their 766 totals with their largest gaps, and
    /// the province-wide sums of the figures they sent.
    public static func province(context: PageContext, period: ReportPeriod?, periods: [String], ranking: [ProvinceRollup.Rank],
                                totals: [Report.Figure], generated: String) -> Markup {
        let options: Markup = periods.map { "<option value=\"\(HTML.escape($0))\"\($0 == period?.text ? " selected" : "")>\(HTML.escape($0))</option>" }.joined()
        let form: Markup = periods.isEmpty ? "" : """
        <form class="report-form panel no-print" method="get" action="/province">
        \(field(id: "province-period", label: WebStrings.reportPeriod, control: "<select id=\"province-period\" name=\"period\">\(options)</select>", context: context))
        <div class="field"><button type="submit" class="button primary">\(context.text(WebStrings.reportShow))</button></div>
        </form>
        """
        func points(_ hundredths: Int64) -> String { VietnameseNumber.decimal(hundredths, decimals: 2) }
        let rows = ranking.map { rank -> Markup in
            let gaps = rank.gaps.map { "\($0.indicator): −\(points($0.lost))" }.joined(separator: " · ")
            let own: Markup = rank.commune == context.deployment.centre.id ? " class=\"rank-own\"" : ""
            return "<tr\(own)><td>\(rank.rank)/\(rank.of)</td><td class=\"text\">\(context.text(rank.name))</td><td>\(HTML.escape(points(rank.scoreHundredths)))</td><td class=\"text\">\(HTML.escape(gaps))</td></tr>"
        }.joined()
        let table: Markup = ranking.isEmpty ? "<p class=\"empty\">\(context.text(WebStrings.provinceNone))</p>" : """
        <div class="table-scroll report-table"><table class="numbers ranking"><caption>\(context.text(WebStrings.provincePage))</caption>
        <thead><tr><th scope="col">\(context.text(WebStrings.provinceRank))</th><th scope="col" class="text">\(context.text(WebStrings.provinceCommune))</th><th scope="col">\(context.text(WebStrings.provinceScore))</th><th scope="col" class="text">\(context.text(WebStrings.provinceGaps))</th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        """
        let scores = ranking.map { Double($0.scoreHundredths) / 100 }
        var buckets = Array(repeating: 0.0, count: 10)
        for score in scores { buckets[min(9, max(0, Int(score / 10)))] += 1 }
        let chart = Report.Chart(id: "score-distribution", title: LocalizedText(vi: "Phân bố điểm 766 của các xã", en: "Distribution of the communes' 766 scores"),
                                 style: .bars, unit: "xã", labels: (0..<10).map { "\($0 * 10)–\($0 * 10 + 10)" }, values: buckets)
        let body: Markup = """
        \(form)
        <article class="report">
        <div class="report-head"><div>
        <p class="eyebrow">\(context.text(context.deployment.centre.name))</p>
        <h1>\(context.text(WebStrings.provincePage))</h1>
        <p>\(period.map { "\(context.text(WebStrings.reportPeriodLabel)): <strong>\(dateText($0.from)) – \(dateText($0.to))</strong> · " } ?? "")\(context.text(WebStrings.reportGenerated)) \(HTML.escape(generated))</p>
        </div><p class="button-row no-print"><button type="button" class="button" data-print>\(context.text(WebStrings.reportPrint))</button></p></div>
        <p class="note">\(context.text(WebStrings.provinceIntro))</p>
        \(ranking.isEmpty ? "" : chartGrid([chart], context: context))
        \(table)
        \(totals.isEmpty ? "" : "<h2>\(context.text(WebStrings.provinceTotals))</h2>" + figureGrid(totals, context: context))
        </article>
        """
        return layout(title: WebStrings.provincePage, context: context, body: body, bodyClass: "reports")
    }
}
