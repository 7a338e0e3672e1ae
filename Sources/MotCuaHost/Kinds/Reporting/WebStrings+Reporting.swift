import MotCuaCore

/// The words of the reporting pages. Each entry is `public static let`; list it in ``reporting``
/// too, which the catalogue test checks.
extension WebStrings {
    /// The period field.
    public static let reportPeriod = LocalizedText(vi: "Kỳ báo cáo", en: "Period")
    /// Period unit.
    public static let reportUnitDay = LocalizedText(vi: "Ngày", en: "Day")
    /// Period unit.
    public static let reportUnitWeek = LocalizedText(vi: "Tuần", en: "Week")
    /// Period unit.
    public static let reportUnitMonth = LocalizedText(vi: "Tháng", en: "Month")
    /// Period unit.
    public static let reportUnitQuarter = LocalizedText(vi: "Quý", en: "Quarter")
    /// Period unit.
    public static let reportUnitYear = LocalizedText(vi: "Năm", en: "Year")
    /// Period unit.
    public static let reportUnitRange = LocalizedText(vi: "Khoảng ngày", en: "Date range")
    /// Start of the period.
    public static let reportFrom = LocalizedText(vi: "Từ ngày", en: "From")
    /// End of the period.
    public static let reportTo = LocalizedText(vi: "Đến ngày", en: "To")
    /// The cut field.
    public static let reportCut = LocalizedText(vi: "Chia theo", en: "Cut by")
    /// No cut.
    public static let reportCutNone = LocalizedText(vi: "Toàn trung tâm", en: "Whole centre")
    /// Cut dimension.
    public static let reportCutSector = LocalizedText(vi: "Lĩnh vực", en: "Sector")
    /// Cut dimension.
    public static let reportCutProcedure = LocalizedText(vi: "Thủ tục", en: "Procedure")
    /// Cut dimension.
    public static let reportCutCounter = LocalizedText(vi: "Quầy", en: "Counter")
    /// Cut dimension.
    public static let reportCutClerk = LocalizedText(vi: "Cán bộ", en: "Clerk")
    /// Submits the period form.
    public static let reportShow = LocalizedText(vi: "Xem báo cáo", en: "Show report")
    /// Prints the report.
    public static let reportPrint = LocalizedText(vi: "In khổ A4", en: "Print on A4")
    /// CSV link.
    public static let reportCSV = LocalizedText(vi: "Tải CSV", en: "Download CSV")
    /// JSON link.
    public static let reportJSON = LocalizedText(vi: "Tải JSON", en: "Download JSON")
    /// Section heading.
    public static let reportTickets = LocalizedText(vi: "Phiếu xếp hàng", en: "Tickets")
    /// Section heading.
    public static let reportDossiers = LocalizedText(vi: "Hồ sơ", en: "Dossiers")
    /// Section heading.
    public static let reportFees = LocalizedText(vi: "Phí, lệ phí", en: "Fees")
    /// Section heading.
    public static let reportSatisfaction = LocalizedText(vi: "Mức độ hài lòng", en: "Satisfaction")
    /// Section heading.
    public static let reportCharts = LocalizedText(vi: "Biểu đồ", en: "Charts")
    /// Section heading.
    public static let reportTables = LocalizedText(vi: "Bảng số liệu", en: "Tables")
    /// A chart or table without data.
    public static let reportNoData = LocalizedText(vi: "Chưa có số liệu", en: "No data")
    /// Before the period's dates in the report heading.
    public static let reportPeriodLabel = LocalizedText(vi: "Kỳ", en: "Period")
    /// Before the time the report was produced.
    public static let reportGenerated = LocalizedText(vi: "Lập lúc", en: "Produced at")
    /// Title of the 766 page.
    public static let index766Page = LocalizedText(vi: "Bộ chỉ số 766", en: "Decision 766 index")
    /// Introduction of the 766 page.
    public static let index766Intro = LocalizedText(vi: "Tự đánh giá theo Quyết định 766/QĐ-TTg: các chỉ tiêu tính được từ dữ liệu của trung tâm, các chỉ tiêu còn lại do cán bộ giám sát nhập hoặc ghi \"không đo tại đây\".", en: "Self-assessment under Decision 766/QĐ-TTg: indicators computed from this centre's data; the others are entered by a supervisor or marked \"not measured here\".")
    /// Column.
    public static let index766Indicator = LocalizedText(vi: "Chỉ tiêu", en: "Indicator")
    /// Column.
    public static let index766Points = LocalizedText(vi: "Điểm", en: "Points")
    /// Column.
    public static let index766Max = LocalizedText(vi: "Tối đa", en: "Maximum")
    /// Column.
    public static let index766Source = LocalizedText(vi: "Nguồn", en: "Source")
    /// Column.
    public static let index766Inputs = LocalizedText(vi: "Số liệu đầu vào", en: "Inputs")
    /// Source of a computed indicator.
    public static let index766Computed = LocalizedText(vi: "Tính từ dữ liệu", en: "Computed")
    /// Source of an entered indicator.
    public static let index766Manual = LocalizedText(vi: "Nhập tay", en: "Entered")
    /// Source of an indicator with no entry.
    public static let index766NotMeasured = LocalizedText(vi: "Không đo tại đây", en: "Not measured here")
    /// The total row.
    public static let index766Total = LocalizedText(vi: "Tổng điểm", en: "Total")
    /// Heading of the trend.
    public static let index766Trend = LocalizedText(vi: "Xu hướng theo tháng", en: "Trend by month")
    /// Heading of the manual entry form.
    public static let index766Enter = LocalizedText(vi: "Nhập điểm chỉ tiêu", en: "Enter an indicator's points")
    /// Saves a manual entry.
    public static let index766Save = LocalizedText(vi: "Lưu", en: "Save")
    /// The manual entry's note.
    public static let index766Note = LocalizedText(vi: "Ghi chú (nguồn số liệu)", en: "Note (where the figure comes from)")
    /// Title of the province page.
    public static let provincePage = LocalizedText(vi: "Xếp hạng các xã", en: "Commune ranking")
    /// Introduction of the province page.
    public static let provinceIntro = LocalizedText(vi: "Điểm tự đánh giá 766 của các xã theo các gói số liệu đã ký mà xã gửi lên.", en: "Communes' 766 self-assessment from the signed bundles they sent.")
    /// Column.
    public static let provinceRank = LocalizedText(vi: "Hạng", en: "Rank")
    /// Column.
    public static let provinceCommune = LocalizedText(vi: "Xã", en: "Commune")
    /// Column.
    public static let provinceScore = LocalizedText(vi: "Điểm 766", en: "766 score")
    /// Column.
    public static let provinceGaps = LocalizedText(vi: "Điểm bị trừ nhiều nhất", en: "Largest gaps")
    /// Empty ranking.
    public static let provinceNone = LocalizedText(vi: "Chưa nhận gói số liệu nào cho kỳ này. Nhập bằng lệnh motcua rollup import.", en: "No bundles imported for this period. Import them with motcua rollup import.")
    /// Heading of the province totals.
    public static let provinceTotals = LocalizedText(vi: "Số liệu toàn tỉnh", en: "Province-wide figures")

    /// Every entry of this file.
    static let reporting: [LocalizedText] = [
        reportPeriod, reportUnitDay, reportUnitWeek, reportUnitMonth, reportUnitQuarter, reportUnitYear,
        reportUnitRange, reportFrom, reportTo, reportCut, reportCutNone, reportCutSector,
        reportCutProcedure, reportCutCounter, reportCutClerk, reportShow, reportPrint, reportCSV,
        reportJSON, reportTickets, reportDossiers, reportFees, reportSatisfaction, reportCharts,
        reportTables, reportNoData, reportPeriodLabel, reportGenerated, index766Page, index766Intro,
        index766Indicator, index766Points, index766Max, index766Source, index766Inputs, index766Computed,
        index766Manual, index766NotMeasured, index766Total, index766Trend, index766Enter, index766Save,
        index766Note, provincePage, provinceIntro, provinceRank, provinceCommune, provinceScore,
        provinceGaps, provinceNone, provinceTotals,
    ]
}
