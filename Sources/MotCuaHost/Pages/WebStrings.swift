import MotCuaCore

/// Every piece of text the web pages show, in Vietnamese first and English second.
///
/// Pages take their words from here only, so a translation is fixed in one place and a
/// missing language is caught by one test over ``all``. Add a new entry to ``all`` too.
public enum WebStrings {
    // MARK: Layout

    /// The language switch's Vietnamese choice, written in Vietnamese in both languages.
    public static let languageVietnamese = LocalizedText(vi: "Tiếng Việt", en: "Tiếng Việt")
    /// The language switch's English choice, written in English in both languages.
    public static let languageEnglish = LocalizedText(vi: "English", en: "English")
    /// The accessible name of the language switch.
    public static let language = LocalizedText(vi: "Ngôn ngữ", en: "Language")
    /// The skip link that jumps past the header.
    public static let skipToContent = LocalizedText(vi: "Bỏ qua, đến nội dung chính", en: "Skip to main content")
    /// The header link to sign in.
    public static let signIn = LocalizedText(vi: "Đăng nhập", en: "Sign in")
    /// The header button to sign out.
    public static let signOut = LocalizedText(vi: "Đăng xuất", en: "Sign out")
    /// The accessible name of the main navigation.
    public static let mainNavigation = LocalizedText(vi: "Điều hướng chính", en: "Main navigation")
    /// The footer label before the centre's street address.
    public static let address = LocalizedText(vi: "Địa chỉ", en: "Address")
    /// The footer label before the centre's phone number.
    public static let phone = LocalizedText(vi: "Điện thoại", en: "Phone")
    /// Shown by app.js when the server cannot be reached.
    public static let networkError = LocalizedText(
        vi: "Không kết nối được với máy chủ. Kiểm tra mạng rồi thử lại.",
        en: "Cannot reach the server. Check the network and try again.")
    /// Shown by app.js when the server answers with an error but no message.
    public static let requestFailed = LocalizedText(
        vi: "Yêu cầu không thực hiện được. Vui lòng thử lại hoặc báo cán bộ quản trị.",
        en: "The request failed. Try again or tell the administrator.")
    /// The accessible name of a QR code image.
    public static let qrCode = LocalizedText(vi: "Mã QR", en: "QR code")
    /// Shown next to a button while its request is in flight.
    public static let working = LocalizedText(vi: "Đang xử lý…", en: "Working…")

    // MARK: Sign in and pairing

    /// The login name field.
    public static let login = LocalizedText(vi: "Tên đăng nhập", en: "Login")
    /// The password field.
    public static let password = LocalizedText(vi: "Mật khẩu", en: "Password")
    /// The note under the sign-in heading.
    public static let signInNote = LocalizedText(
        vi: "Dành cho cán bộ, công chức của trung tâm. Người dân không cần đăng nhập để lấy số thứ tự hoặc tra cứu hồ sơ.",
        en: "For the centre's staff. Citizens do not need to sign in to take a ticket or look up a dossier.")
    /// The pairing page's title.
    public static let pairDevice = LocalizedText(vi: "Ghép nối thiết bị", en: "Pair this device")
    /// The pairing code field.
    public static let pairingCode = LocalizedText(vi: "Mã ghép nối", en: "Pairing code")
    /// The note on the pairing page.
    public static let pairNote = LocalizedText(
        vi: "Nhập mã ghép nối gồm 8 chữ số do lãnh đạo trung tâm cấp trên trang Quản lý thiết bị.",
        en: "Enter the 8-digit pairing code a supervisor created on the Devices page.")
    /// The pairing page's submit button.
    public static let pair = LocalizedText(vi: "Ghép nối", en: "Pair")
    /// The hint under the pairing code field.
    public static let pairingCodeHint = LocalizedText(vi: "Gồm 8 chữ số, có hiệu lực 10 phút.", en: "8 digits, valid for 10 minutes.")

    // MARK: Home

    /// The home page's title.
    public static let home = LocalizedText(vi: "Trang chủ", en: "Home")
    /// The heading over the page cards.
    public static let pagesHeading = LocalizedText(vi: "Các màn hình của trung tâm", en: "The centre's screens")
    /// The label before who uses a page.
    public static let usedBy = LocalizedText(vi: "Dùng cho", en: "Used by")
    /// On a card whose plugin kind the deployment lacks.
    public static let notEnabled = LocalizedText(vi: "Chưa bật trong cấu hình này", en: "Not enabled in this deployment")
    /// The kiosk card's title.
    public static let kioskPage = LocalizedText(vi: "Máy lấy số", en: "Ticket kiosk")
    /// The kiosk card's description.
    public static let kioskSummary = LocalizedText(
        vi: "Người dân chọn lĩnh vực và lấy số thứ tự.", en: "Citizens choose a sector and take a queue ticket.")
    /// The board card's title.
    public static let boardPage = LocalizedText(vi: "Bảng hiển thị", en: "Display board")
    /// The board card's description.
    public static let boardSummary = LocalizedText(
        vi: "Hiển thị số thứ tự đang được gọi tại từng quầy.", en: "Shows the ticket numbers being called at each counter.")
    /// The counter console card's title.
    public static let consolePage = LocalizedText(vi: "Màn hình quầy", en: "Counter console")
    /// The counter console card's description.
    public static let consoleSummary = LocalizedText(
        vi: "Gọi số, tiếp nhận hồ sơ, thu phí, lệ phí.", en: "Call tickets, receive dossiers, take fees.")
    /// The rating card's title.
    public static let ratingPage = LocalizedText(vi: "Đánh giá hài lòng", en: "Rating tablet")
    /// The rating card's description.
    public static let ratingSummary = LocalizedText(
        vi: "Người dân đánh giá mức độ hài lòng sau khi được phục vụ.", en: "Citizens rate the service after being served.")
    /// The lookup card's title.
    public static let lookupPage = LocalizedText(vi: "Tra cứu hồ sơ", en: "Dossier lookup")
    /// The lookup card's description.
    public static let lookupSummary = LocalizedText(
        vi: "Tra cứu tình trạng giải quyết hồ sơ theo mã hồ sơ.", en: "Look up a dossier's progress by its code.")
    /// The people the lookup page is for, besides the lookup PC.
    public static let citizens = LocalizedText(vi: "Người dân", en: "Citizens")
    /// The reports card's title.
    public static let reportsPage = LocalizedText(vi: "Báo cáo, thống kê", en: "Reports")
    /// The reports card's description.
    public static let reportsSummary = LocalizedText(
        vi: "Lượt phục vụ, hồ sơ, phí, lệ phí và mức độ hài lòng.", en: "Visits, dossiers, fees and satisfaction.")
    /// The staff accounts page's title.
    /// On the lookup page: the link to a dossier's fees.
    public static let lookupFees = LocalizedText(vi: "Xem và nộp phí, lệ phí", en: "See and pay the fees")
    /// On the lookup page: the link to rate a returned dossier.
    public static let lookupRate = LocalizedText(vi: "Đánh giá mức độ hài lòng", en: "Rate the service")
    /// On the lookup page: the link to book an appointment.
    public static let lookupBook = LocalizedText(vi: "Đặt lịch hẹn đến trung tâm", en: "Book an appointment at the centre")
    /// The overdue card's summary.
    public static let overdueSummary = LocalizedText(
        vi: "Hồ sơ đến hạn trong một ngày làm việc và hồ sơ đã quá hạn, để xin lỗi và gia hạn kịp thời.",
        en: "Dossiers due within a working day and those already late, so apologies and extensions go out in time.")
    /// The cashier card's summary.
    public static let cashierSummary = LocalizedText(
        vi: "Biên lai đã thu trong ngày, đối chiếu tiền mặt và khóa sổ cuối ngày.",
        en: "The day's receipts, the cash count and the end-of-day closing.")
    /// The queue supervision card's summary.
    public static let queueSupervisorSummary = LocalizedText(
        vi: "Tình trạng các quầy, số người chờ theo lĩnh vực và kết thúc ngày.",
        en: "Counters, people waiting per sector, and closing the day.")
    public static let staffPage = LocalizedText(vi: "Quản lý cán bộ", en: "Staff accounts")
    /// The staff card's description.
    public static let staffSummary = LocalizedText(
        vi: "Thêm tài khoản, cấp lại mật khẩu, khoá tài khoản.", en: "Add accounts, reset passwords, disable accounts.")
    /// The devices page's title.
    public static let devicesPage = LocalizedText(vi: "Quản lý thiết bị", en: "Devices")
    /// The devices card's description.
    public static let devicesSummary = LocalizedText(
        vi: "Ghép nối máy lấy số, bảng hiển thị, máy đánh giá; thu hồi thiết bị.",
        en: "Pair kiosks, boards and rating tablets; revoke devices.")
    /// The heading over the centre's facts.
    public static let aboutCentre = LocalizedText(vi: "Thông tin trung tâm", en: "About the centre")
    /// The heading over the enabled sectors.
    public static let sectors = LocalizedText(vi: "Lĩnh vực tiếp nhận", en: "Sectors served")
    /// A table column: the sector or sectors.
    public static let sector = LocalizedText(vi: "Lĩnh vực", en: "Sector")
    /// The heading over the counters, and a table column.
    public static let counters = LocalizedText(vi: "Quầy tiếp nhận", en: "Counters")
    /// A table column: one counter.
    public static let counter = LocalizedText(vi: "Quầy", en: "Counter")
    /// Who did a step, when it was the citizen.
    public static let actorCitizen = LocalizedText(vi: "Công dân", en: "Citizen")
    /// The heading over the opening hours.
    public static let openingHours = LocalizedText(vi: "Giờ làm việc", en: "Opening hours")
    /// A table column: the day of the week.
    public static let day = LocalizedText(vi: "Ngày", en: "Day")
    /// A table column: the opening hours of a day.
    public static let hours = LocalizedText(vi: "Giờ", en: "Hours")
    /// A weekday with no opening hours.
    public static let closed = LocalizedText(vi: "Nghỉ", en: "Closed")
    /// Monday.
    public static let monday = LocalizedText(vi: "Thứ Hai", en: "Monday")
    /// Tuesday.
    public static let tuesday = LocalizedText(vi: "Thứ Ba", en: "Tuesday")
    /// Wednesday.
    public static let wednesday = LocalizedText(vi: "Thứ Tư", en: "Wednesday")
    /// Thursday.
    public static let thursday = LocalizedText(vi: "Thứ Năm", en: "Thursday")
    /// Friday.
    public static let friday = LocalizedText(vi: "Thứ Sáu", en: "Friday")
    /// Saturday.
    public static let saturday = LocalizedText(vi: "Thứ Bảy", en: "Saturday")
    /// Sunday.
    public static let sunday = LocalizedText(vi: "Chủ nhật", en: "Sunday")
    /// Shown when the deployment enables no sector or has no counter.
    public static let noneConfigured = LocalizedText(vi: "Chưa cấu hình.", en: "None configured.")

    // MARK: Devices

    /// The heading over the paired devices.
    public static let pairedDevices = LocalizedText(vi: "Thiết bị đã ghép nối", en: "Paired devices")
    /// Shown when no device is paired.
    public static let noDevices = LocalizedText(vi: "Chưa có thiết bị nào được ghép nối.", en: "No device is paired yet.")
    /// A table column and field: the device id.
    public static let deviceID = LocalizedText(vi: "Mã thiết bị", en: "Device id")
    /// A table column and field: the device kind.
    public static let deviceKind = LocalizedText(vi: "Loại thiết bị", en: "Kind")
    /// A table column and field: the device's name.
    public static let deviceName = LocalizedText(vi: "Tên thiết bị", en: "Name")
    /// A table column: whether the device or account can be used.
    public static let status = LocalizedText(vi: "Trạng thái", en: "Status")
    /// A table column: the buttons of a row.
    public static let actions = LocalizedText(vi: "Thao tác", en: "Actions")
    /// A device that can be used.
    public static let deviceActive = LocalizedText(vi: "Đang hoạt động", en: "Active")
    /// A device whose token was revoked.
    public static let deviceRevoked = LocalizedText(vi: "Đã thu hồi", en: "Revoked")
    /// The button that revokes a device.
    public static let revoke = LocalizedText(vi: "Thu hồi", en: "Revoke")
    /// The confirmation before revoking a device.
    public static let confirmRevoke = LocalizedText(
        vi: "Thu hồi thiết bị này? Thiết bị sẽ không dùng được nữa cho đến khi được ghép nối lại.",
        en: "Revoke this device? It stops working until it is paired again.")
    /// The heading over the new-device form.
    public static let newDevice = LocalizedText(vi: "Ghép nối thiết bị mới", en: "Pair a new device")
    /// The hint under the device id field.
    public static let deviceIDHint = LocalizedText(
        vi: "Chữ thường, số và dấu gạch ngang, ví dụ: kiosk-1.", en: "Lower-case letters, digits and hyphens, e.g. kiosk-1.")
    /// The hint under the device name field.
    public static let deviceNameHint = LocalizedText(vi: "Ví dụ: Máy lấy số ở sảnh chính.", en: "For example: Kiosk in the main hall.")
    /// The hint under the device counter field.
    public static let deviceCounterHint = LocalizedText(
        vi: "Chỉ chọn cho máy đánh giá đặt tại một quầy.", en: "Only for a rating tablet placed at a counter.")
    /// The new-device form's submit button.
    public static let createPairingCode = LocalizedText(vi: "Tạo mã ghép nối", en: "Create pairing code")
    /// How to use a pairing code on the device.
    public static let pairingInstructions = LocalizedText(
        vi: "Trên thiết bị, mở /pair và nhập mã này trong 10 phút.",
        en: "On the device, open /pair and enter this code within 10 minutes.")
    /// The label before a pairing code's expiry time.
    public static let expiresAt = LocalizedText(vi: "Hết hạn lúc", en: "Expires at")

    // MARK: Staff

    /// The heading over the account list.
    public static let accounts = LocalizedText(vi: "Tài khoản cán bộ", en: "Accounts")
    /// Shown when there is no account.
    public static let noAccounts = LocalizedText(vi: "Chưa có tài khoản nào.", en: "No accounts yet.")
    /// A table column and field: the staff member's name.
    public static let displayName = LocalizedText(vi: "Họ và tên", en: "Full name")
    /// A table column and field: the role.
    public static let role = LocalizedText(vi: "Vai trò", en: "Role")
    /// An account that can sign in.
    public static let accountActive = LocalizedText(vi: "Đang hoạt động", en: "Active")
    /// An account that was disabled.
    public static let accountDisabled = LocalizedText(vi: "Đã khoá", en: "Disabled")
    /// The button that disables an account.
    public static let disable = LocalizedText(vi: "Khoá tài khoản", en: "Disable")
    /// The confirmation before disabling an account.
    public static let confirmDisable = LocalizedText(
        vi: "Khoá tài khoản này? Người dùng sẽ không đăng nhập được nữa.",
        en: "Disable this account? Its user can no longer sign in.")
    /// The button that enables a disabled account again.
    public static let enable = LocalizedText(vi: "Mở khoá", en: "Enable")
    /// The confirmation before enabling an account.
    public static let confirmEnable = LocalizedText(
        vi: "Mở khoá tài khoản này? Người dùng sẽ đăng nhập lại được bằng mật khẩu của mình.",
        en: "Enable this account? Its user can sign in again with their password.")
    /// The button that sets a new one-time password.
    public static let newPassword = LocalizedText(vi: "Cấp mật khẩu mới", en: "New password")
    /// The confirmation before setting a new password.
    public static let confirmNewPassword = LocalizedText(
        vi: "Cấp mật khẩu mới cho tài khoản này? Mật khẩu hiện tại sẽ không dùng được nữa.",
        en: "Set a new password for this account? The current password stops working.")
    /// The heading over the new-account form.
    public static let newAccount = LocalizedText(vi: "Thêm tài khoản", en: "Add an account")
    /// The counter choice meaning none.
    public static let noCounter = LocalizedText(vi: "Không gán quầy", en: "No counter")
    /// The hint under the optional password field.
    public static let passwordHint = LocalizedText(
        vi: "Để trống để hệ thống tạo mật khẩu dùng một lần.", en: "Leave empty to have a one-time password generated.")
    /// The new-account form's submit button.
    public static let createAccount = LocalizedText(vi: "Tạo tài khoản", en: "Create account")
    /// The label over a generated one-time password.
    public static let oneTimePassword = LocalizedText(vi: "Mật khẩu dùng một lần", en: "One-time password")
    /// Why the one-time password must be written down now.
    public static let oneTimePasswordNote = LocalizedText(
        vi: "Mật khẩu chỉ hiển thị một lần. Hãy ghi lại và trao trực tiếp cho cán bộ; cán bộ đổi mật khẩu sau khi đăng nhập.",
        en: "This password is shown once only. Write it down and hand it over in person; it should be changed after signing in.")

    // MARK: Durations

    /// A duration shorter than a minute.
    public static let durationUnderMinute = LocalizedText(vi: "dưới 1 phút", en: "under 1 min")
    /// The unit after a number of hours in a duration.
    public static let durationHours = LocalizedText(vi: "giờ", en: "h")
    /// The unit after a number of minutes in a duration.
    public static let durationMinutes = LocalizedText(vi: "phút", en: "min")
    /// The unit after a number of seconds in a duration.
    public static let durationSeconds = LocalizedText(vi: "giây", en: "s")

    // MARK: Errors

    /// The not-found page's title.
    public static let notFound = LocalizedText(vi: "Không tìm thấy trang", en: "Page not found")
    /// The not-found page's explanation.
    public static let notFoundNote = LocalizedText(
        vi: "Địa chỉ này không có trên hệ thống. Kiểm tra lại đường dẫn hoặc quay về trang chủ.",
        en: "There is no page at this address. Check the link or go back to the home page.")
    /// The forbidden page's title.
    public static let forbidden = LocalizedText(vi: "Không có quyền truy cập", en: "Access denied")
    /// The title of a page whose request was refused.
    public static let requestRefused = LocalizedText(vi: "Không thực hiện được yêu cầu", en: "The request was refused")
    /// The title of the server error page.
    public static let serverError = LocalizedText(vi: "Máy chủ gặp sự cố", en: "Server error")
    /// The server error page's advice.
    public static let serverErrorNote = LocalizedText(
        vi: "Máy chủ chưa xử lý được trang này. Hãy thử lại sau ít phút; nếu vẫn lỗi, báo cho bộ phận kỹ thuật của trung tâm.",
        en: "The server could not show this page. Try again in a few minutes; if it persists, tell the centre's technical staff.")
    /// The title of the page shown while the database cannot be reached.
    public static let storeUnavailable = LocalizedText(vi: "Hệ thống tạm gián đoạn", en: "Service briefly interrupted")
    /// Why a request failed while the database cannot be reached, and what to do.
    public static let storeUnavailableNote = LocalizedText(
        vi: "Hiện không kết nối được cơ sở dữ liệu (máy chủ đang khởi động lại hoặc máy dự phòng đang tiếp quản). "
            + "Yêu cầu này chưa được lưu. Hệ thống tự kết nối lại: hãy thử lại sau vài giây.",
        en: "The database cannot be reached right now (its server is restarting or the standby is taking over). "
            + "Nothing of this request was saved. MotCua reconnects by itself: try again in a few seconds.")
    /// Why a request's outcome is unknown after the database stopped answering while saving it.
    public static let commitUnknownNote = LocalizedText(
        vi: "Cơ sở dữ liệu ngừng trả lời đúng lúc đang lưu yêu cầu này, nên chưa rõ đã lưu hay chưa. "
            + "Hãy tra cứu lại (danh sách phiếu, hồ sơ hoặc biên lai) trước khi làm lại.",
        en: "The database stopped answering while this request was being saved, so it may or may not be saved. "
            + "Look it up (the list of tickets, dossiers or receipts) before repeating it.")
    /// The link back to the home page.
    public static let backHome = LocalizedText(vi: "Về trang chủ", en: "Back to the home page")

    /// Every entry of the catalogue, so a test can check that none lacks a language: the
    /// shell's entries above, then each plugin kind's from its own `WebStrings+<Kind>.swift`.
    public static let all: [LocalizedText] = shell + account + queueing + intake + payments + ratings + reporting + privacy + province

    /// The shell's entries, listed in this file.
    static let shell: [LocalizedText] = [
        languageVietnamese, languageEnglish, language, skipToContent, signIn, signOut, mainNavigation, address, phone,
        networkError, requestFailed, qrCode, working,
        login, password, signInNote, pairDevice, pairingCode, pairNote, pair, pairingCodeHint,
        home, pagesHeading, usedBy, notEnabled, kioskPage, kioskSummary, boardPage, boardSummary, consolePage,
        consoleSummary, lookupFees, lookupRate, lookupBook, overdueSummary, cashierSummary, queueSupervisorSummary, ratingPage, ratingSummary, lookupPage, lookupSummary, citizens, reportsPage, reportsSummary,
        staffPage, staffSummary, devicesPage, devicesSummary, aboutCentre, sectors, sector, counters, counter,
        openingHours, day, hours, closed, monday, tuesday, wednesday, thursday, friday, saturday, sunday, noneConfigured,
        pairedDevices, noDevices, deviceID, deviceKind, deviceName, status, actions, deviceActive, deviceRevoked, revoke,
        confirmRevoke, newDevice, deviceIDHint, deviceNameHint, deviceCounterHint, createPairingCode, pairingInstructions,
        expiresAt,
        accounts, noAccounts, displayName, role, accountActive, accountDisabled, disable, confirmDisable, enable, confirmEnable, newPassword,
        confirmNewPassword, newAccount, noCounter, passwordHint, createAccount, oneTimePassword, oneTimePasswordNote,
        notFound, notFoundNote, forbidden, requestRefused, serverError, serverErrorNote, storeUnavailable, storeUnavailableNote,
        commitUnknownNote, backHome, actorCitizen,
        durationUnderMinute, durationHours, durationMinutes, durationSeconds,
    ]

    /// The name of a weekday.
    public static func weekday(_ day: Weekday) -> LocalizedText {
        switch day {
        case .mon: monday
        case .tue: tuesday
        case .wed: wednesday
        case .thu: thursday
        case .fri: friday
        case .sat: saturday
        case .sun: sunday
        }
    }
}
