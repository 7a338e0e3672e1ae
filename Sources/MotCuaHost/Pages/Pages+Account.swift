import MotCuaCore

extension Pages {
    /// Where staff change their own password.
    public static let accountPath = "/account"

    /// The own-account page: who is signed in, and the change-password form. After a
    /// one-time password it is the only page the session can open, and says why. Without
    /// JavaScript the form posts to the page itself, which shows `error` when it refused.
    public static func account(context: PageContext, account: StaffAccount, error: LocalizedText? = nil) -> Markup {
        let current = field(id: "current", label: WebStrings.currentPassword, control: """
            <input id="current" name="current" type="password" autocomplete="current-password" required aria-describedby="current-error">
            """, context: context)
        let new = field(id: "password", label: WebStrings.newPasswordField, control: """
            <input id="password" name="password" type="password" autocomplete="new-password" minlength="12" required aria-describedby="password-hint password-error">
            """, hint: WebStrings.newPasswordHint, context: context)
        let again = field(id: "confirm", label: WebStrings.repeatPassword, control: """
            <input id="confirm" name="confirm" type="password" autocomplete="new-password" minlength="12" required aria-describedby="confirm-error">
            """, context: context)
        let forced: Markup = account.mustChangePassword
            ? "<p class=\"banner open\" role=\"status\">\(context.text(WebStrings.mustChangePassword))</p>\n" : ""
        let body: Markup = """
        <section class="panel narrow">
        <p class="eyebrow">\(account.displayName) · \(context.text(account.role.title))</p>
        <h1>\(context.text(WebStrings.changePassword))</h1>
        \(forced)<form method="post" action="\(accountPath)" data-api="/api/v1/account/password" data-method="POST" data-next="/">
        \(formError(error, context))
        \(current)
        \(new)
        \(again)
        <p class="note">\(context.text(WebStrings.changePasswordNote))</p>
        <button type="submit" class="button primary wide">\(context.text(WebStrings.savePassword))</button>
        </form>
        </section>
        """
        return layout(title: WebStrings.accountPage, context: context, body: body, bodyClass: "account")
    }
}
