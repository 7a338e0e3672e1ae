import Foundation

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

        /// Creates a table.
        public init(id: String, title: LocalizedText, columns: [LocalizedText], rows: [[String]]) {
            self.id = id
            self.title = title
            self.columns = columns
            self.rows = rows
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

    /// Creates a report.
    public init(id: String, title: LocalizedText, period: ReportPeriod, tables: [Table]) {
        self.id = id
        self.title = title
        self.period = period
        self.tables = tables
    }
}
