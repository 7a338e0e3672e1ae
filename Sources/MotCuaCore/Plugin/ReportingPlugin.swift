/// The reporting contract: reports over a period.
public protocol ReportingPlugin: Plugin {
    /// The report ids this plugin produces.
    var reportIDs: [String] { get }
    /// Produces a report for a period.
    func produce(report id: String, period: ReportPeriod) throws -> Report
}

extension ReportingPlugin {
    public static var kind: PluginKind { .reporting }
}
