import MotCuaCore

/// The words of privacy: public refusals, phone digits, the access history and full exports.
/// Each entry is `public static let`; list it in ``privacy`` too, which the catalogue test checks.
extension WebStrings {
    /// Heading of a refused public page.
    public static let publicProblemTitle = LocalizedText(vi: "Không tra cứu được", en: "Lookup not possible")
    /// The phone digits field on public pages.
    public static let publicPhoneDigits = LocalizedText(vi: "4 số cuối điện thoại đã khai", en: "Last 4 digits of the phone you gave")
    /// Instead of a sensitive procedure's name on a public page.
    public static let publicProcedureHidden = LocalizedText(vi: "(tên thủ tục được ẩn để bảo vệ dữ liệu cá nhân)", en: "(procedure name hidden to protect personal data)")
    /// Heading of a dossier's access history.
    public static let accessHistory = LocalizedText(vi: "Lịch sử truy cập dữ liệu cá nhân", en: "Access to personal data")
    /// Under the access history's heading.
    public static let accessHistoryNote = LocalizedText(vi: "Mỗi lần cán bộ xem, in hoặc xuất dữ liệu cá nhân của hồ sơ này đều được ghi lại (Luật 91/2025/QH15).", en: "Every time staff view, print or export this dossier's personal data is recorded (Law 91/2025/QH15).")
    /// Column: who read.
    public static let accessWho = LocalizedText(vi: "Người truy cập", en: "Who")
    /// Column: when.
    public static let accessWhen = LocalizedText(vi: "Thời điểm", en: "When")
    /// Column: what was read.
    public static let accessWhat = LocalizedText(vi: "Nội dung", en: "What")
    /// Column: the reason given.
    public static let accessReason = LocalizedText(vi: "Lý do", en: "Reason")
    /// Shown when nobody read the dossier yet.
    public static let accessNone = LocalizedText(vi: "Chưa có lượt truy cập nào.", en: "No access recorded yet.")
    /// A page view.
    public static let accessPage = LocalizedText(vi: "Xem trang hồ sơ", en: "Viewed the dossier page")
    /// An API read.
    public static let accessAPI = LocalizedText(vi: "Đọc qua API", en: "Read through the API")
    /// A form print.
    public static let accessForm = LocalizedText(vi: "In biểu mẫu", en: "Printed a form")
    /// An export.
    public static let accessExport = LocalizedText(vi: "Xuất dữ liệu", en: "Exported")
    /// A full (unmasked) export.
    public static let accessFullExport = LocalizedText(vi: "Xuất đầy đủ (không che)", en: "Full export (unmasked)")
    /// A scan opened.
    public static let accessScan = LocalizedText(vi: "Mở bản quét", en: "Opened a scan")
    /// Note above a masked export link.
    public static let exportMaskedNote = LocalizedText(vi: "Tệp xuất đã che dữ liệu cá nhân (ví dụ Nguyễn V. B., ********2345). Lãnh đạo có thể xuất đầy đủ khi nêu lý do; việc này được ghi lại.", en: "Exports mask personal data (e.g. Nguyễn V. B., ********2345). A supervisor may export in full with a reason, which is recorded.")
    /// The reason field of a full export.
    public static let exportFullReason = LocalizedText(vi: "Lý do xuất đầy đủ", en: "Reason for a full export")
    /// The button of a full export.
    public static let exportFull = LocalizedText(vi: "Xuất đầy đủ", en: "Export in full")
    /// Before the rating code on a printed slip.
    public static let ratingCodeLabel = LocalizedText(vi: "Mã đánh giá (chỉ dùng một lần)", en: "Rating code (single use)")
    /// Under the rating code on a printed slip.
    public static let ratingCodeNote = LocalizedText(vi: "Sau khi nhận kết quả, quý khách đánh giá tại trang /rate bằng mã này. Không chia sẻ mã cho người khác.", en: "After you receive the result, rate the service at /rate with this code. Do not share it.")

    /// Every entry of this file.
    static let privacy: [LocalizedText] = [
        publicProblemTitle, publicPhoneDigits, publicProcedureHidden, accessHistory, accessHistoryNote, accessWho, accessWhen, accessWhat,
        accessReason, accessNone, accessPage, accessAPI, accessForm, accessExport, accessFullExport, accessScan, exportMaskedNote,
        exportFullReason, exportFull, ratingCodeLabel, ratingCodeNote,
    ]
}
