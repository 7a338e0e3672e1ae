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

    /// The province server's entries.
    static let province: [LocalizedText] = [
        provinceHome, provinceHomeNote, provinceCentre, provinceUnitCode, provinceLevel, provinceLevelCommune, provinceLevelProvince,
        provinceCentreCount, provinceUnknownCentre, provinceBackToList,
    ]
}
