import MotCuaCore

/// The words of the ratings pages. Each entry is `public static let`; list it in ``ratings``
/// too, which the catalogue test checks.
extension WebStrings {
    /// The tablet's resting screen, large.
    public static let ratingIdle = LocalizedText(vi: "Xin cảm ơn quý khách!", en: "Thank you for visiting!")
    /// Under the resting screen's greeting.
    public static let ratingIdleNote = LocalizedText(vi: "Sau khi được phục vụ, mời quý khách đánh giá tại đây.", en: "When you have been served, please rate us here.")
    /// The question above the scale.
    public static let ratingPrompt = LocalizedText(vi: "Quý khách có hài lòng với việc phục vụ?", en: "How satisfied are you with the service?")
    /// Asked after a low rating.
    public static let ratingReasonsPrompt = LocalizedText(vi: "Xin cho biết lý do chưa hài lòng", en: "Please tell us what went wrong")
    /// The optional comment field.
    public static let ratingComment = LocalizedText(vi: "Góp ý thêm (không bắt buộc)", en: "Comment (optional)")
    /// Sends a low rating with its reasons.
    public static let ratingSend = LocalizedText(vi: "Gửi đánh giá", en: "Send rating")
    /// Shown after a rating is recorded.
    public static let ratingThanks = LocalizedText(vi: "Cảm ơn quý khách đã đánh giá!", en: "Thank you for your rating!")
    /// Shown when the tablet has no counter.
    public static let ratingNoCounter = LocalizedText(vi: "Máy đánh giá này chưa gắn với quầy nào. Đề nghị cán bộ giám sát ghép nối lại và chọn quầy.", en: "This tablet belongs to no counter. Ask a supervisor to pair it again with a counter.")
    /// Before the ticket number being rated.
    public static let ratingTicket = LocalizedText(vi: "Phiếu số", en: "Ticket")
    /// Before the dossier code being rated.
    public static let ratingDossier = LocalizedText(vi: "Hồ sơ", en: "Dossier")
    /// Before the counter being rated.
    public static let ratingCounter = LocalizedText(vi: "Quầy", en: "Counter")
    /// Closes the scale without rating.
    public static let ratingSkip = LocalizedText(vi: "Bỏ qua", en: "Skip")
    /// Title of the public rating page.
    public static let ratePage = LocalizedText(vi: "Đánh giá giải quyết hồ sơ", en: "Rate your dossier")
    /// Introduction of the public rating page.
    public static let rateIntro = LocalizedText(vi: "Nhập mã đánh giá in trên giấy tiếp nhận để đánh giá việc giải quyết. Mỗi mã dùng một lần, sau khi đã trả kết quả.", en: "Enter the rating code printed on your receipt to rate how your dossier was handled. Each code works once, after the result is returned.")
    /// The dossier code field.
    public static let rateCode = LocalizedText(vi: "Mã hồ sơ", en: "Dossier code")
    /// The scale's legend.
    public static let rateLevel = LocalizedText(vi: "Mức độ hài lòng", en: "How satisfied are you")
    /// The reasons' legend.
    public static let rateReasons = LocalizedText(vi: "Lý do (khi chưa hài lòng)", en: "Reasons (when not satisfied)")
    /// Shown after the public rating is recorded.
    public static let rateDone = LocalizedText(vi: "Đã ghi nhận đánh giá. Cảm ơn quý khách!", en: "Your rating is recorded. Thank you!")
    /// Heading of the ratings summary on the reports page.
    public static let ratingsSummaryTitle = LocalizedText(vi: "Kết quả đánh giá", en: "Ratings")
    /// Column: number of ratings.
    public static let ratingsTotal = LocalizedText(vi: "Tổng lượt", en: "Total")
    /// Column: share of satisfied ratings.
    public static let ratingsSatisfied = LocalizedText(vi: "Tỷ lệ hài lòng", en: "Satisfied")

    /// Every entry of this file.
    static let ratings: [LocalizedText] = [
        ratingIdle, ratingIdleNote, ratingPrompt, ratingReasonsPrompt, ratingComment, ratingSend,
        ratingThanks, ratingNoCounter, ratingTicket, ratingDossier, ratingCounter, ratingSkip,
        ratePage, rateIntro, rateCode, rateLevel, rateReasons, rateDone,
        ratingsSummaryTitle, ratingsTotal, ratingsSatisfied,
    ]
}
