#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A period a report covers, as local dates, both ends included.
public struct ReportPeriod: Sendable, Hashable, Codable {
    /// The first day.
    public var from: LocalDate
    /// The last day.
    public var to: LocalDate

    /// Creates a period; fails when `to` is before `from`.
    public init(from: LocalDate, to: LocalDate) throws(Problem) {
        guard from <= to else {
            throw Problem("report.period-reversed", en: "The period ends (\(to)) before it starts (\(from)); swap the dates.",
                          vi: "Kỳ báo cáo kết thúc (\(to)) trước khi bắt đầu (\(from)); hãy đổi lại hai ngày.")
        }
        self.from = from
        self.to = to
    }
}

/// A produced report: titled tables a page, a CSV or a chart can be drawn from.
public struct Report: Sendable, Hashable, Codable {
    /// One table of a report.
    public struct Table: Sendable, Hashable, Codable {
        /// The table's id, e.g. `tickets-by-hour`.
        public var id: String
        /// The table's title.
        public var title: LocalizedText
        /// Column headings.
        public var columns: [LocalizedText]
        /// Rows of cells, as text.
        public var rows: [[String]]
        /// Each row's first cell in words, in both languages, when it names something (a
        /// channel, a method of payment, a group); the first cell then holds the Vietnamese,
        /// which exports keep, and pages show the reader's language. Nil when the first
        /// cells are values (a month, a level) or names the host resolves (a cut's ids).
        public var labels: [LocalizedText]?
        /// What each row is about (a channel, a sector …), for the portal's codes exports add
        /// (``Report/inPortalWords(_:)``); nil for a table the portal has no codes for.
        public var portalKeys: PortalKeys?

        /// Creates a table.
        public init(id: String, title: LocalizedText, columns: [LocalizedText], rows: [[String]], labels: [LocalizedText]? = nil,
                    portalKeys: PortalKeys? = nil) {
            self.id = id
            self.title = title
            self.columns = columns
            self.rows = rows
            self.labels = labels
            self.portalKeys = portalKeys
        }
    }

    /// The report's id, e.g. `period`.
    public var id: String
    /// The report's title.
    public var title: LocalizedText
    /// The period covered.
    public var period: ReportPeriod
    /// The tables.
    public var tables: [Table]
    /// The headline numbers, exact, for roll-up bundles and for comparing rebuilds.
    public var figures: [Figure]
    /// Chart data the HTML page draws as SVG.
    public var charts: [Chart]
    /// The cut applied, if any.
    public var cut: ReportCut?
    /// A report broken down by a cut (``ReportCut/value`` nil): each value's own exact
    /// figures, as the report restricted to that value has them, so a province can sum them
    /// across centres; nil otherwise.
    public var parts: [Part]?

    /// Creates a report.
    public init(id: String, title: LocalizedText, period: ReportPeriod, tables: [Table],
                figures: [Figure] = [], charts: [Chart] = [], cut: ReportCut? = nil, parts: [Part]? = nil) {
        self.id = id
        self.title = title
        self.period = period
        self.tables = tables
        self.figures = figures
        self.charts = charts
        self.cut = cut
        self.parts = parts
    }

    /// The figure with `id`, if the report has it.
    public func figure(_ id: String) -> Figure? {
        figures.first { $0.id == id }
    }
}

extension Report {
    /// One value of a breakdown with its figures.
    public struct Part: Sendable, Hashable, Codable {
        /// The value: a sector id, a procedure code, a counter id or a clerk's login; `-` for
        /// what has none.
        public var value: String
        /// The figures of the report restricted to this value.
        public var figures: [Figure]

        /// Creates a part.
        public init(value: String, figures: [Figure]) {
            self.value = value
            self.figures = figures
        }
    }

    /// One exact headline number: an integer with a fixed number of decimals, so money stays
    /// whole đồng and 93.95 points is `9395` with two decimals.
    public struct Figure: Sendable, Hashable, Codable {
        /// Stable id, e.g. `tickets.issued`, `fees.cash`, `index766.total`.
        public var id: String
        /// Its words.
        public var title: LocalizedText
        /// The value times 10^decimals.
        public var value: Int64
        /// Decimal places in ``value``.
        public var decimals: Int

        /// Creates a figure.
        public init(id: String, title: LocalizedText, value: Int64, decimals: Int = 0) {
            self.id = id
            self.title = title
            self.value = value
            self.decimals = decimals
        }

        /// The value as text with a dot before the decimals, e.g. `93.95`.
        public var text: String {
            guard decimals > 0 else { return String(value) }
            var scale: Int64 = 1
            for _ in 0..<decimals { scale *= 10 }
            let whole = value.magnitude / UInt64(scale)
            return (value < 0 ? "-" : "") + "\(whole)." + (value.magnitude % UInt64(scale)).zeroPadded(decimals)
        }
    }

    /// Data for one chart: labelled values, drawn as bars or as a line.
    public struct Chart: Sendable, Hashable, Codable {
        /// How to draw it.
        public enum Style: String, Sendable, Hashable, Codable {
            case bars, line
        }

        /// Stable id, e.g. `tickets-by-hour`.
        public var id: String
        /// Its title.
        public var title: LocalizedText
        /// Bars or line.
        public var style: Style
        /// The unit of the values, e.g. `%` or `phiếu`.
        public var unit: String
        /// The label under each value.
        public var labels: [String]
        /// The values; nil draws a gap (no data).
        public var values: [Double?]

        /// Creates a chart.
        public init(id: String, title: LocalizedText, style: Style, unit: String, labels: [String], values: [Double?]) {
            self.id = id
            self.title = title
            self.style = style
            self.unit = unit
            self.labels = labels
            self.values = values
        }
    }
}

/// How a report is cut: broken down by one dimension, or restricted to one value of it.
public struct ReportCut: Sendable, Hashable, Codable {
    /// The dimensions a report can be cut by.
    public enum Dimension: String, Sendable, Hashable, Codable, CaseIterable {
        case sector, procedure, counter, clerk
    }

    /// The dimension.
    public var dimension: Dimension
    /// Only this value (a sector id, procedure code, counter id or clerk login); nil breaks
    /// the report down by every value instead.
    public var value: String?

    /// Creates a cut.
    public init(dimension: Dimension, value: String? = nil) {
        self.dimension = dimension
        self.value = value
    }

    /// Parses `sector` or `sector:tu-phap-ho-tich`; refuses an unknown dimension naming the known ones.
    public init(parsing text: String) throws(Problem) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard let name = parts.first, let dimension = Dimension(rawValue: name) else {
            let known = Dimension.allCases.map(\.rawValue).joined(separator: ", ")
            throw Problem("report.unknown-dimension", en: "Unknown cut \"\(text)\"; cut by \(known).",
                          vi: "Không có chiều báo cáo \"\(text)\"; hãy chọn \(known).",
                          details: [.init(field: "cut", code: "unknown", message: LocalizedText(vi: "Chiều không hợp lệ", en: "Unknown dimension"))])
        }
        self.dimension = dimension
        self.value = parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil
    }
}

extension ReportPeriod {
    /// Named periods: `day`, `week` (Monday to Sunday), `month`, `quarter`, `year`, each
    /// containing `date`.
    public enum Unit: String, Sendable, Hashable, Codable, CaseIterable {
        case day, week, month, quarter, year
    }

    /// The period of `unit` that contains `date`.
    public static func containing(_ date: LocalDate, unit: Unit) -> ReportPeriod {
        let from: LocalDate
        let to: LocalDate
        switch unit {
        case .day:
            from = date; to = date
        case .week:
            from = date.adding(days: -(date.weekday.isoNumber - 1)); to = from.adding(days: 6)
        case .month:
            from = LocalDate(year: date.year, month: date.month, day: 1)!
            to = from.adding(months: 1).adding(days: -1)
        case .quarter:
            from = LocalDate(year: date.year, month: (date.month - 1) / 3 * 3 + 1, day: 1)!
            to = from.adding(months: 3).adding(days: -1)
        case .year:
            from = LocalDate(year: date.year, month: 1, day: 1)!
            to = LocalDate(year: date.year, month: 12, day: 31)!
        }
        // from <= to by construction.
        return try! ReportPeriod(from: from, to: to)
    }

    /// Parses `2026-03-02` (a day), `week:2026-03-04`, `2026-03` (a month), `2026-Q1`,
    /// `2026` (a year) or `2026-03-02..2026-03-31` (any range); refuses the end before the start.
    public init(parsing text: String) throws(Problem) {
        func refuse() -> Problem {
            Problem("report.period", en: "Unknown period \"\(text)\"; write 2026-03-02, 2026-03, 2026-Q1, 2026, week:2026-03-02 or 2026-03-01..2026-03-31.",
                    vi: "Kỳ báo cáo \"\(text)\" không hợp lệ; hãy viết 2026-03-02, 2026-03, 2026-Q1, 2026, week:2026-03-02 hoặc 2026-03-01..2026-03-31.",
                    details: [.init(field: "period", code: "invalid", message: LocalizedText(vi: "Kỳ không hợp lệ", en: "Invalid period"))])
        }
        if let range = text.firstRange(of: "..") {
            guard let from = LocalDate(iso: String(text[..<range.lowerBound])),
                  let to = LocalDate(iso: String(text[range.upperBound...])) else { throw refuse() }
            self = try ReportPeriod(from: from, to: to)
            return
        }
        if text.hasPrefix("week:") {
            guard let date = LocalDate(iso: String(text.dropFirst(5))) else { throw refuse() }
            self = .containing(date, unit: .week)
            return
        }
        if let date = LocalDate(iso: text) {
            self = .containing(date, unit: .day)
            return
        }
        let parts = text.split(separator: "-").map(String.init)
        guard let year = parts.first.flatMap({ Int($0) }), parts[0].count == 4, (1900...9999).contains(year) else { throw refuse() }
        if parts.count == 1 {
            self = .containing(LocalDate(year: year, month: 1, day: 1)!, unit: .year)
        } else if parts.count == 2, parts[1].hasPrefix("Q"), let quarter = Int(parts[1].dropFirst()), (1...4).contains(quarter) {
            self = .containing(LocalDate(year: year, month: quarter * 3 - 2, day: 1)!, unit: .quarter)
        } else if parts.count == 2, parts[1].count == 2, let month = Int(parts[1]), let first = LocalDate(year: year, month: month, day: 1) {
            self = .containing(first, unit: .month)
        } else {
            throw refuse()
        }
    }

    /// `2026-03-01..2026-03-31`, the form ``init(parsing:)`` reads back.
    public var text: String { "\(from)..\(to)" }

    /// Every day of the period, in order.
    public var days: [LocalDate] {
        (0...from.days(to: to)).map { from.adding(days: $0) }
    }
}
