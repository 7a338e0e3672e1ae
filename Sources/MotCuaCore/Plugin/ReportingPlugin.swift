/// The reporting contract: reports over a period.
public protocol ReportingPlugin: Plugin {
    /// The report ids this plugin produces.
    var reportIDs: [String] { get }
    /// A report's name as the report picker and exports show it (never its id).
    func title(report id: String) -> LocalizedText
    /// Produces a report for a period.
    func produce(report id: String, period: ReportPeriod) throws -> Report
    /// Produces a report for a period, broken down by or restricted to one dimension.
    ///
    /// Refuses (`report.cut-unsupported`) a cut the report cannot make.
    func produce(report id: String, period: ReportPeriod, cut: ReportCut?) throws -> Report
    /// Throws away what the plugin derived from the journal and derives it again from the
    /// whole journal; answers the number of journal entries read.
    func rebuild() throws -> Int
    /// Brings what the plugin derives from the journal up to date (every report does it
    /// first); answers the number of journal entries applied. With nothing new it costs
    /// two indexed lookups.
    func catchUp() throws -> Int
    /// Indicators a supervisor enters by hand (figures from national systems); none by default.
    var manualIndicators: [ManualIndicator] { get }
    /// Records a hand-entered value of an indicator for a month (`yyyy-MM`), journalled.
    func enterManual(_ entry: ManualEntry, by principal: Principal) throws
    /// Whether the report can be cut by a dimension (``ReportCut``); false by default, and
    /// the host then offers no cut on its page.
    func supportsCuts(report id: String) -> Bool
}

/// A reporting plugin whose report scores the centre against indicators with maxima, such as
/// the Decision 766 self-assessment: the host shows it as a score sheet and the province
/// ranks communes by it, without naming the plugin or its report.
public protocol ScoredReporting: ReportingPlugin {
    /// Which report is the score and how its figures are named.
    static var scoring: ReportScoring { get }
}

/// How a scored report names its figures: `<prefix><indicator>` for an indicator's points,
/// `<prefix><indicator>.max` for its maximum and `<prefix>total` for the score.
public struct ReportScoring: Sendable, Hashable {
    /// The scored report's id.
    public var report: String
    /// The prefix of every figure of the score, e.g. `index766.`.
    public var figurePrefix: String

    /// The figure that holds the total score, in hundredths.
    public var totalFigure: String { figurePrefix + "total" }

    /// Describes a scored report.
    public init(report: String, figurePrefix: String) {
        self.report = report
        self.figurePrefix = figurePrefix
    }
}

extension ReportingPlugin {
    public static var kind: PluginKind { .reporting }

    public func title(report id: String) -> LocalizedText {
        LocalizedText(vi: "Báo cáo \((reportIDs.firstIndex(of: id) ?? 0) + 1)", en: "Report \((reportIDs.firstIndex(of: id) ?? 0) + 1)")
    }

    public func produce(report id: String, period: ReportPeriod, cut: ReportCut?) throws -> Report {
        guard let cut else { return try produce(report: id, period: period) }
        throw Problem("report.cut-unsupported", en: "Report \(id) cannot be cut by \(cut.dimension.rawValue).",
                      vi: "Báo cáo \(id) không chia theo \(cut.dimension.rawValue) được.",
                      details: [.init(field: "cut", code: "unsupported", message: LocalizedText(vi: "Không hỗ trợ", en: "Not supported"))])
    }

    public func rebuild() throws -> Int { 0 }

    public func catchUp() throws -> Int { 0 }

    public var manualIndicators: [ManualIndicator] { [] }

    public func supportsCuts(report id: String) -> Bool { false }

    public func enterManual(_ entry: ManualEntry, by principal: Principal) throws {
        throw Problem("report.no-manual-indicators", en: "This report has no hand-entered indicators.",
                      vi: "Báo cáo này không có chỉ tiêu nhập tay.")
    }
}

/// An indicator a supervisor enters by hand, with its maximum.
public struct ManualIndicator: Sendable, Hashable, Codable {
    /// Stable id, e.g. `1a`.
    public var id: String
    /// Its words.
    public var title: LocalizedText
    /// The most points it can give, in hundredths.
    public var maxHundredths: Int64

    /// Creates an indicator.
    public init(id: String, title: LocalizedText, maxHundredths: Int64) {
        self.id = id
        self.title = title
        self.maxHundredths = maxHundredths
    }
}

/// A hand-entered value of an indicator for one month.
public struct ManualEntry: Sendable, Hashable, Codable {
    /// The indicator's id.
    public var indicator: String
    /// The month, `yyyy-MM`.
    public var month: String
    /// The points, in hundredths (`450` is 4.5 points).
    public var pointsHundredths: Int64
    /// Where the figure comes from.
    public var note: String?

    /// Creates an entry.
    public init(indicator: String, month: String, pointsHundredths: Int64, note: String? = nil) {
        self.indicator = indicator
        self.month = month
        self.pointsHundredths = pointsHundredths
        self.note = note
    }
}
