import MotCuaCore
import MotCuaHTTP

/// The province's reports: every centre's period report summed by centre, by sector or by
/// procedure. Counts are summed; a rate is computed again from the summed counts, never by
/// averaging the centres' percentages. Sectors and procedures are matched across centres by
/// the portal's code (`MaLinhVuc`, `MaTTHC`), which is the same in every commune.
extension ProvinceServer {
    /// How the province's report is broken down.
    public enum ReportView: String, Sendable, CaseIterable {
        case centre, sector, procedure

        /// `?by=`, refused with the views named when unknown.
        public init(parsing text: String?) throws(Problem) {
            guard let text, !text.isEmpty else { self = .centre; return }
            guard let view = ReportView(rawValue: text) else {
                throw Problem("province.report-view", en: "Unknown breakdown \"\(text)\"; use by=centre, by=sector or by=procedure.",
                              vi: "Không có cách chia \"\(text)\"; hãy dùng by=centre, by=sector hoặc by=procedure.",
                              details: [.init(field: "by", code: "unknown", message: LocalizedText(vi: "Cách chia không hợp lệ", en: "Unknown breakdown"))])
            }
            self = view
        }

        /// The portal's field its rows' codes go under in exports.
        var codeField: String {
            switch self {
            case .centre: "MaDonVi"
            case .sector: PortalMapping.Dimension.sector.field
            case .procedure: PortalMapping.Dimension.procedure.field
            }
        }
    }

    /// One row of the province's report: a centre, or a sector or procedure over every centre.
    public struct ReportRow: Sendable {
        /// The centre's unit code, the sector's `MaLinhVuc` or the procedure's `MaTTHC`;
        /// empty for what has no sector or procedure.
        public var code: String
        /// Its name.
        public var name: LocalizedText
        /// How many centres it has figures from.
        public var centres: Int
        /// The summed figures, with the rates computed from the sums.
        public var figures: [Report.Figure]

        /// The figure with `id`, if any.
        public func figure(_ id: String) -> Report.Figure? { figures.first { $0.id == id } }
    }

    /// The province's report for a period.
    public struct ProvinceReport: Sendable {
        /// How it is broken down.
        public var view: ReportView
        /// The period.
        public var period: ReportPeriod
        /// The rows, by name; what has no sector or procedure last.
        public var rows: [ReportRow]
        /// The whole province.
        public var total: ReportRow
    }

    /// A rate the province computes again from summed counts: `numerators` among `denominators`, per mille.
    static let rates: [(id: String, numerators: [String], denominators: [String])] = [
        ("dossiers.on-time-percent", ["dossiers.early", "dossiers.on-time"], ["dossiers.early", "dossiers.on-time", "dossiers.late"]),
        ("ratings.satisfied-percent", ["ratings.satisfied"], ["ratings.total"]),
    ]

    /// Whether a rate's counts are there, so the rate means something ("—" otherwise).
    static func hasRate(_ id: String, in figures: [Report.Figure]) -> Bool {
        guard let rate = rates.first(where: { $0.id == id }) else { return true }
        return rate.denominators.reduce(Int64(0)) { sum, id in sum + (figures.first { $0.id == id }?.value ?? 0) } > 0
    }

    /// Figures of several centres (or parts) added up: the whole counts summed (not medians
    /// or percentiles, whose ids end in `-seconds`), then each rate from the sums.
    static func summed(_ lists: [[Report.Figure]]) -> [Report.Figure] {
        var order: [String] = []
        var sums: [String: Report.Figure] = [:]
        for figures in lists {
            for figure in figures where figure.decimals == 0 && !figure.id.hasSuffix("-seconds") {
                if var sum = sums[figure.id] {
                    sum.value += figure.value
                    sums[figure.id] = sum
                } else {
                    sums[figure.id] = figure
                    order.append(figure.id)
                }
            }
        }
        var result = order.compactMap { sums[$0] }
        for rate in rates {
            guard let title = lists.lazy.compactMap({ $0.first { $0.id == rate.id }?.title }).first else { continue }
            let numerator = rate.numerators.reduce(Int64(0)) { $0 + (sums[$1]?.value ?? 0) }
            let denominator = rate.denominators.reduce(Int64(0)) { $0 + (sums[$1]?.value ?? 0) }
            result.append(Report.Figure(id: rate.id, title: title, value: denominator == 0 ? 0 : numerator * 1000 / denominator, decimals: 1))
        }
        return result
    }

    /// The province's report for `period`, broken down by `view`, from each centre's own
    /// period report (the first report that can be cut).
    public func report(by view: ReportView, period: ReportPeriod) throws -> ProvinceReport {
        var rows: [String: (name: LocalizedText, centres: Int, lists: [[Report.Figure]])] = [:]
        // By centre, a row is one centre: its own medians and percentiles stay beside the sums.
        var own: [String: [Report.Figure]] = [:]
        var everything: [[Report.Figure]] = []
        for tenant in tenants {
            let composition = tenant.application.composition
            guard let source = composition.cutReport else { continue }
            let deployment = tenant.deployment
            switch view {
            case .centre:
                let figures = try source.plugin.produce(report: source.id, period: period).figures
                everything.append(figures)
                rows[deployment.centre.unitCode] = (deployment.centre.name, 1, [figures])
                own[deployment.centre.unitCode] = figures.filter { $0.id.hasSuffix("-seconds") }
            case .sector, .procedure:
                let dimension: ReportCut.Dimension = view == .sector ? .sector : .procedure
                let report = try source.plugin.produce(report: source.id, period: period, cut: ReportCut(dimension: dimension))
                let codes = try composition.portalSync?.portalCodes(dossiers: []) ?? PortalCodes()
                for part in report.parts ?? [] {
                    let code = codes.code(view == .sector ? .sector : .procedure, part.value)
                    let name = code.isEmpty ? (view == .sector ? WebStrings.provinceNoSector : WebStrings.provinceNoProcedure)
                        : (view == .sector ? deployment.sector(part.value)?.name : deployment.procedure(part.value)?.name) ?? LocalizedText(vi: code, en: code)
                    everything.append(part.figures)
                    var row = rows[code] ?? (name, 0, [])
                    row.centres += 1
                    row.lists.append(part.figures)
                    rows[code] = row
                }
            }
        }
        let sorted = rows.map { code, row in ReportRow(code: code, name: row.name, centres: row.centres, figures: Self.summed(row.lists) + (own[code] ?? [])) }
            .sorted { ($0.code.isEmpty ? 1 : 0, $0.name.vi, $0.code) < ($1.code.isEmpty ? 1 : 0, $1.name.vi, $1.code) }
        let total = ReportRow(code: "", name: WebStrings.provinceWhole, centres: tenants.count { $0.application.composition.cutReport != nil },
                              figures: Self.summed(everything))
        return ProvinceReport(view: view, period: period, rows: sorted, total: total)
    }

    /// The report's period: `?period=` (any period `motcua report` takes), or `?unit=month|quarter|year`
    /// with `?date=` inside it; this month by default.
    func reportPeriod(_ request: HTTPRequest) throws -> ReportPeriod {
        if let unit = request.query("unit").flatMap(ReportPeriod.Unit.init(rawValue:)), let text = request.query("date"), !text.isEmpty {
            guard let date = LocalDate(iso: text) else { return try ReportPeriod(parsing: text) }
            return .containing(date, unit: unit)
        }
        return try rankingPeriod(request)
    }

    /// `GET /api/v1/province/reports?by=centre|sector|procedure&period=…&format=json|csv`, for
    /// province supervisors and administrators.
    func reportRoutes(_ router: inout Router) {
        router.get("/api/v1/province/reports", async: { [self] request in
            do {
                guard let account = provinceAccount(request) else {
                    throw Problem("province.sign-in", status: 401, en: "Sign in with a province account to read the province's reports.",
                                  vi: "Hãy đăng nhập bằng tài khoản cấp tỉnh để xem báo cáo của tỉnh.")
                }
                guard !account.mustChangePassword, Self.provinceRoles.contains(account.role) else {
                    throw Problem("province.password-change", status: 403, en: "Change the one-time password first (/account).",
                                  vi: "Hãy đổi mật khẩu dùng một lần trước (/account).")
                }
                let view = try ReportView(parsing: request.query("by"))
                let report = try report(by: view, period: try reportPeriod(request))
                var response: HTTPResponse
                switch request.query("format") ?? "json" {
                case "json":
                    response = .json(try Self.json(report))
                case "csv":
                    response = HTTPResponse(status: .ok, body: Array(ReportCSV.text(Self.table(report)).utf8))
                    response.headers.add("Content-Type", "text/csv; charset=utf-8")
                    response.headers.add("Content-Disposition",
                                         "attachment; filename=\"province-\(province.code)-\(view.rawValue)-\(report.period.from)-\(report.period.to).csv\"")
                case let other:
                    throw Problem("report.format", en: "Unknown format \"\(other)\"; use json or csv.", vi: "Không có định dạng \"\(other)\"; dùng json hoặc csv.",
                                  details: [.init(field: "format", code: "unknown", message: LocalizedText(vi: "Định dạng không hợp lệ", en: "Unknown format"))])
                }
                response.headers.add("Cache-Control", "no-store")
                return BrowserSafety.secure(response)
            } catch {
                return BrowserSafety.secure(Application.response(for: error))
            }
        })
    }

    /// The reports page for a signed-in province account: a period or view it cannot read is
    /// shown on the page (400) with this month's report by centre.
    func reportsPage(_ request: HTTPRequest) -> HTTPResponse {
        let context = provincePage(request)
        let unit = request.query("unit").flatMap(ReportPeriod.Unit.init(rawValue:)).flatMap { [.month, .quarter, .year].contains($0) ? $0 : nil } ?? .month
        do {
            let view = try ReportView(parsing: request.query("by"))
            return page(ProvincePages.reports(context, report: try report(by: view, period: try reportPeriod(request)), unit: unit), request: request)
        } catch let problem as Problem {
            do {
                let view = (try? ReportView(parsing: request.query("by"))) ?? .centre
                let fallback = try report(by: view, period: try rankingPeriod(HTTPRequest(method: .get, path: "/reports")))
                var response = page(ProvincePages.reports(context, report: fallback, unit: .month, message: problem.message), request: request)
                response.status = problem.status == 404 ? .notFound : .badRequest
                return response
            } catch {
                return Application.response(for: error)
            }
        } catch {
            return Application.response(for: error)
        }
    }

    /// The report as JSON: each row's code, name, centres and figures, and the province's total.
    static func json(_ report: ProvinceReport) throws -> JSONValue {
        let encoder = JSONValueEncoder()
        func row(_ row: ReportRow, code: Bool) throws -> JSONValue {
            var object = JSONObject()
            if code { object[report.view.codeField] = .string(row.code) }
            object["name"] = .object(JSONObject([("vi", .string(row.name.vi)), ("en", .string(row.name.en))]))
            object["centres"] = .number(.integer(Int64(row.centres)))
            object["figures"] = try encoder.encode(row.figures)
            return .object(object)
        }
        return .object(JSONObject([("period", .string(report.period.text)), ("by", .string(report.view.rawValue)),
                                   ("rows", .array(try report.rows.map { try row($0, code: true) })), ("total", try row(report.total, code: false))]))
    }

    /// The report as one table for the CSV: the name, the portal's code beside it, the number
    /// of centres and every figure; the province's total as the figures before it.
    static func table(_ report: ProvinceReport) -> Report {
        let ids = report.total.figures.map(\.id)
        let name: LocalizedText = switch report.view {
        case .centre: WebStrings.provinceCentre
        case .sector: WebStrings.reportCutSector
        case .procedure: WebStrings.reportCutProcedure
        }
        let columns = [name, LocalizedText(vi: report.view.codeField, en: report.view.codeField), WebStrings.provinceCentreCount]
            + report.total.figures.map(\.title)
        let rows = report.rows.map { row in
            [row.name.vi, row.code, String(row.centres)] + ids.map { id in row.figure(id)?.text ?? "0" }
        }
        let title = viewTitle(report.view)
        return Report(id: "province-by-\(report.view.rawValue)", title: title, period: report.period,
                      tables: [Report.Table(id: "by-\(report.view.rawValue)", title: title, columns: columns, rows: rows)],
                      figures: report.total.figures)
    }

    /// A view's title.
    static func viewTitle(_ view: ReportView) -> LocalizedText {
        switch view {
        case .centre: WebStrings.provinceReportsByCentre
        case .sector: WebStrings.provinceReportsBySector
        case .procedure: WebStrings.provinceReportsByProcedure
        }
    }
}
