/// The reporting contract: reports over a period.
public protocol ReportingPlugin: Plugin {
    /// The report ids this plugin produces.
    var reportIDs: [String] { get }
    /// Produces a report for a period.
    func produce(report id: String, period: ReportPeriod) throws -> Report
    /// Produces a report for a period, broken down by or restricted to one dimension.
    ///
    /// Refuses (`report.cut-unsupported`) a cut the report cannot make.
    func produce(report id: String, period: ReportPeriod, cut: ReportCut?) throws -> Report
    /// Throws away what the plugin derived from the journal and derives it again from the
    /// whole journal; answers the number of journal entries read.
    func rebuild() throws -> Int
}

extension ReportingPlugin {
    public static var kind: PluginKind { .reporting }

    public func produce(report id: String, period: ReportPeriod, cut: ReportCut?) throws -> Report {
        guard let cut else { return try produce(report: id, period: period) }
        throw Problem("report.cut-unsupported", en: "Report \(id) cannot be cut by \(cut.dimension.rawValue).",
                      vi: "Báo cáo \(id) không chia theo \(cut.dimension.rawValue) được.",
                      details: [.init(field: "cut", code: "unsupported", message: LocalizedText(vi: "Không hỗ trợ", en: "Not supported"))])
    }

    public func rebuild() throws -> Int { 0 }
}
