import MotCuaCore

extension WebStrings {
    // MARK: Own account

    /// The title of the page where staff change their own password.
    public static let accountPage = LocalizedText(vi: "Tài khoản của tôi", en: "My account")
    /// The heading over the change-password form.
    public static let changePassword = LocalizedText(vi: "Đổi mật khẩu", en: "Change password")
    /// Why the password must be changed now, after a one-time password.
    public static let mustChangePassword = LocalizedText(
        vi: "Bạn vừa đăng nhập bằng mật khẩu dùng một lần. Hãy đặt mật khẩu của riêng mình trước khi làm việc; mật khẩu dùng một lần sẽ hết hiệu lực.",
        en: "You signed in with a one-time password. Choose your own password before anything else; the one-time password then stops working.")
    /// The current-password field.
    public static let currentPassword = LocalizedText(vi: "Mật khẩu hiện tại", en: "Current password")
    /// The new-password field.
    public static let newPasswordField = LocalizedText(vi: "Mật khẩu mới", en: "New password")
    /// The repeat field.
    public static let repeatPassword = LocalizedText(vi: "Nhập lại mật khẩu mới", en: "Repeat the new password")
    /// What a good password is.
    public static let newPasswordHint = LocalizedText(
        vi: "Ít nhất 12 ký tự; không dùng mật khẩu phổ biến, tên đăng nhập hay tên trung tâm. Vài từ không liên quan ghép lại là dễ nhớ và khó đoán.",
        en: "At least 12 characters; no common password, login or centre name. A few unrelated words are easy to remember and hard to guess.")
    /// The submit button.
    public static let savePassword = LocalizedText(vi: "Lưu mật khẩu mới", en: "Save the new password")
    /// What happens to other sessions.
    public static let changePasswordNote = LocalizedText(
        vi: "Sau khi đổi, các phiên đăng nhập khác của bạn sẽ kết thúc.", en: "After the change, your other sessions end.")
    /// The account's role line.
    public static let yourRole = LocalizedText(vi: "Vai trò", en: "Role")

    /// The entries of this file, for ``all``.
    static let account: [LocalizedText] = [
        accountPage, changePassword, mustChangePassword, currentPassword, newPasswordField, repeatPassword, newPasswordHint,
        savePassword, changePasswordNote, yourRole,
    ]
}
