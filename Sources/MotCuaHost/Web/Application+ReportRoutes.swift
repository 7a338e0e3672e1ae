import Foundation
import MotCuaCore
import MotCuaHTTP

/// The reporting contract's routes and pages.
extension Application {
    func reportRoutes(_ plugins: [any ReportingPlugin]) -> [(route: APIRoute, implementation: RouteImplementation)] {
        [
            route(.get, "/api/v1/reports/:id", .staff(.supervisor), tag: "reporting", "A report for a period: ?from=YYYY-MM-DD&to=YYYY-MM-DD",
                  example: ["id": "period"]) { context in
                let id = context.parameter("id")
                guard let plugin = plugins.first(where: { $0.reportIDs.contains(id) }) else {
                    throw Problem("reporting.unknown-report", status: 404, en: "No report \"\(id)\".", vi: "Không có báo cáo \"\(id)\".")
                }
                guard let from = context.request.query("from").flatMap(LocalDate.init(iso:)),
                      let to = context.request.query("to").flatMap(LocalDate.init(iso:)) else {
                    throw Problem("reporting.period", en: "Give the period as ?from=YYYY-MM-DD&to=YYYY-MM-DD.",
                                  vi: "Hãy nhập kỳ báo cáo dạng ?from=YYYY-MM-DD&to=YYYY-MM-DD.")
                }
                return try .encoded(try plugin.produce(report: id, period: try ReportPeriod(from: from, to: to)))
            },
        ]
    }

    /// The reporting pages.
    func reportPages(_ plugins: [any ReportingPlugin]) -> [(route: APIRoute, implementation: RouteImplementation)] {
        []
    }
}
