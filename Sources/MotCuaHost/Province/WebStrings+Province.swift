import MotCuaCore

extension WebStrings {
    // MARK: Province server

    /// The province's home page title.
    public static let provinceHome = LocalizedText(vi: "Các trung tâm phục vụ hành chính công của tỉnh", en: "The province's public service centres")
    /// What the province server is, under the title.
    public static let provinceHomeNote = LocalizedText(
        vi: "Mỗi trung tâm có trang riêng: ki-ốt lấy số, màn hình gọi số, quầy, tra cứu hồ sơ. Chọn một trung tâm để mở.",
        en: "Each centre has its own pages: ticket kiosk, display board, counters, dossier lookup. Choose a centre to open it.")
    /// The column of centre names.
    public static let provinceCentre = LocalizedText(vi: "Trung tâm", en: "Centre")
    /// The column of unit codes.
    public static let provinceUnitCode = LocalizedText(vi: "Mã đơn vị", en: "Unit code")
    /// The column of levels.
    public static let provinceLevel = LocalizedText(vi: "Cấp", en: "Level")
    /// A commune centre.
    public static let provinceLevelCommune = LocalizedText(vi: "Cấp xã", en: "Commune")
    /// The provincial centre.
    public static let provinceLevelProvince = LocalizedText(vi: "Cấp tỉnh", en: "Province")
    /// How many centres the server runs.
    public static let provinceCentreCount = LocalizedText(vi: "Số trung tâm", en: "Centres")
    /// The page for an unknown centre.
    public static let provinceUnknownCentre = LocalizedText(vi: "Không tìm thấy trung tâm", en: "Centre not found")
    /// The link back to the list.
    public static let provinceBackToList = LocalizedText(vi: "Về danh sách trung tâm", en: "Back to the list of centres")

    /// The column of each centre's state now.
    public static let provinceNow = LocalizedText(vi: "Hiện tại", en: "Now")
    /// A centre within its opening hours.
    public static let provinceOpenNow = LocalizedText(vi: "Đang mở cửa", en: "Open")
    /// A centre outside its opening hours.
    public static let provinceClosedNow = LocalizedText(vi: "Ngoài giờ làm việc", en: "Closed")
    /// Tickets waiting now.
    public static let provinceWaiting = LocalizedText(vi: "Đang chờ", en: "Waiting")
    /// Tickets served today.
    public static let provinceServedToday = LocalizedText(vi: "Đã phục vụ hôm nay", en: "Served today")
    /// Dossiers past their deadline.
    public static let provinceLate = LocalizedText(vi: "Hồ sơ quá hạn", en: "Late dossiers")
    /// The month the ranking is for.
    public static let provinceRankingPeriod = LocalizedText(vi: "Xếp hạng 766 của tháng", en: "766 ranking for the month")
    /// Where the ranking comes from.
    public static let provinceRankingNote = LocalizedText(
        vi: "Hạng và điểm tự đánh giá theo Quyết định 766 tính trực tiếp từ số liệu của từng trung tâm, cùng kết quả với các gói số liệu đã ký, kỳ",
        en: "Rank and Decision 766 self-assessment score computed directly from each centre's data, the same as its signed bundles give, for")

    /// The province's sign-in page.
    public static let provinceSignIn = LocalizedText(vi: "Đăng nhập cấp tỉnh", en: "Province sign-in")
    /// A province supervisor.
    public static let provinceSupervisorRole = LocalizedText(vi: "Giám sát cấp tỉnh", en: "Province supervisor")
    /// A province administrator.
    public static let provinceAdminRole = LocalizedText(vi: "Quản trị cấp tỉnh", en: "Province administrator")
    /// The province's reports (the header's link).
    public static let provinceReports = LocalizedText(vi: "Báo cáo của tỉnh", en: "Province reports")
    /// The province's report by centre.
    public static let provinceReportsByCentre = LocalizedText(vi: "Báo cáo theo trung tâm", en: "Report by centre")
    /// The province's report by sector.
    public static let provinceReportsBySector = LocalizedText(vi: "Báo cáo theo lĩnh vực", en: "Report by sector")
    /// The province's report by procedure.
    public static let provinceReportsByProcedure = LocalizedText(vi: "Báo cáo theo thủ tục", en: "Report by procedure")
    /// The views of the province's report.
    public static let provinceByCentre = LocalizedText(vi: "Theo trung tâm", en: "By centre")
    /// The views of the province's report.
    public static let provinceBySector = LocalizedText(vi: "Theo lĩnh vực", en: "By sector")
    /// The views of the province's report.
    public static let provinceByProcedure = LocalizedText(vi: "Theo thủ tục", en: "By procedure")
    /// The ways the province's report is broken down, as a group of links.
    public static let provinceReportViews = LocalizedText(vi: "Cách chia báo cáo", en: "Report breakdown")
    /// The whole province's row.
    public static let provinceWhole = LocalizedText(vi: "Toàn tỉnh", en: "Whole province")
    /// Figures without a sector (tickets and dossiers not tied to one).
    public static let provinceNoSector = LocalizedText(vi: "Không gắn lĩnh vực", en: "No sector")
    /// Figures without a procedure (tickets that led to no dossier).
    public static let provinceNoProcedure = LocalizedText(vi: "Không gắn thủ tục", en: "No procedure")
    /// How the province's report is made.
    public static let provinceReportsNote = LocalizedText(
        vi: "Cộng số liệu báo cáo định kỳ của từng trung tâm; các tỷ lệ tính lại từ tổng số, không lấy trung bình. Lĩnh vực và thủ tục được ghép giữa các trung tâm theo mã trên Cổng dịch vụ công quốc gia.",
        en: "The sum of each centre's period report; rates are computed again from the sums, not averaged. Sectors and procedures are matched across centres by their National Public Service Portal code.")
    /// The link from a centre's pages back to the province's list, before the province's name.
    public static let provinceBackLink = LocalizedText(vi: "Về trang của tỉnh", en: "Back to the province")

    /// The province's page of every centre's staff.
    public static let provinceStaff = LocalizedText(vi: "Cán bộ các trung tâm", en: "Centres' staff")
    /// The first choice of the centre list.
    public static let provinceChooseCentre = LocalizedText(vi: "— Chọn trung tâm —", en: "— Choose a centre —")
    /// The button that shows the chosen centre's staff.
    public static let provinceStaffShow = LocalizedText(vi: "Xem cán bộ", en: "Show staff")
    /// What a province administrator can do on the staff page.
    public static let provinceStaffAdminNote = LocalizedText(
        vi: "Quản trị cấp tỉnh thêm tài khoản (kể cả quản trị viên đầu tiên của trung tâm mới), cấp mật khẩu dùng một lần, khoá và mở khoá tài khoản. Nhật ký của trung tâm ghi lại việc này dưới tên tài khoản cấp tỉnh.",
        en: "A province administrator adds accounts (a new centre's first administrator too), gives one-time passwords, and disables and enables accounts. The centre's journal records it under the province account.")
    /// What a province supervisor can do on the staff page.
    public static let provinceStaffSupervisorNote = LocalizedText(
        vi: "Giám sát cấp tỉnh xem được danh sách cán bộ; chỉ quản trị cấp tỉnh hoặc quản trị của trung tâm mới thay đổi được.",
        en: "A province supervisor can read the staff lists; only a province administrator or the centre's administrator can change them.")
    /// A centre with no active administrator.
    public static let provinceFirstAdmin = LocalizedText(
        vi: "Trung tâm chưa có quản trị viên đang hoạt động: hãy tạo quản trị viên đầu tiên. Mật khẩu dùng một lần chỉ hiện một lần; người đó phải đổi mật khẩu khi đăng nhập lần đầu tại trang của trung tâm.",
        en: "The centre has no active administrator: create its first one. The one-time password is shown once; they must change it at their first sign-in at the centre's pages.")

    /// A centre's page opened with another centre's account or device.
    public static let otherCentreNote = LocalizedText(
        vi: "Tài khoản này thuộc trung tâm khác của tỉnh, nên không dùng được ở trung tâm này. Hãy mở trang của trung tâm mình, hoặc đăng nhập bằng tài khoản của trung tâm này.",
        en: "This account belongs to another centre of the province, so it cannot be used at this centre. Open your own centre's pages, or sign in with an account of this centre.")
    /// The link to the account's own centre (followed by its name).
    public static let otherCentreGo = LocalizedText(vi: "Mở trang của", en: "Open the pages of")
    /// Signing in at this centre instead.
    public static let otherCentreSignIn = LocalizedText(vi: "Đăng nhập tại trung tâm này", en: "Sign in at this centre")

    /// The province server's entries.
    static let province: [LocalizedText] = [
        provinceHome, provinceHomeNote, provinceCentre, provinceUnitCode, provinceLevel, provinceLevelCommune, provinceLevelProvince,
        provinceCentreCount, provinceUnknownCentre, provinceBackToList, provinceNow, provinceOpenNow, provinceClosedNow, provinceWaiting,
        provinceServedToday, provinceLate, provinceRankingPeriod, provinceRankingNote, provinceSignIn, provinceSupervisorRole,
        provinceAdminRole, provinceReports, provinceReportsByCentre, provinceReportsBySector, provinceReportsByProcedure, provinceByCentre,
        provinceBySector, provinceByProcedure, provinceReportViews, provinceWhole, provinceNoSector, provinceNoProcedure, provinceReportsNote,
        provinceBackLink, otherCentreNote, otherCentreGo, otherCentreSignIn,
        provinceStaff, provinceChooseCentre, provinceStaffShow, provinceStaffAdminNote, provinceStaffSupervisorNote, provinceFirstAdmin,
    ]
}
