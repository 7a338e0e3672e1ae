import MotCuaCore

/// The province staff's pages: sign-in and their account.
extension ProvincePages {
    /// The signed-in account with its role and sign-out, or the sign-in link.
    static func staffTools(_ context: Context) -> Markup {
        guard context.signsIn else { return "" }
        guard let staff = context.staff else {
            return context.path == "/signin" ? "" : "<a class=\"button small\" href=\"/signin\">\(context.text(WebStrings.signIn))</a>\n"
        }
        return """
        <a class="caller" href="/account"><strong>\(staff.displayName)</strong> <span class="caller-role">\(context.text(roleName(staff.role)))</span></a>
        <a class="button small" href="/reports">\(context.text(WebStrings.provinceReports))</a>
        <a class="button small" href="/staff">\(context.text(WebStrings.provinceStaff))</a>
        <form class="inline-form" data-api="/api/v1/province/session" data-method="DELETE" data-next="/"><button type="submit" class="button small">\(context.text(WebStrings.signOut))</button></form>

        """
    }

    /// A province role in words.
    static func roleName(_ role: StaffRole) -> LocalizedText {
        role == .admin ? WebStrings.provinceAdminRole : WebStrings.provinceSupervisorRole
    }

    /// The province's sign-in page.
    public static func signIn(_ context: Context) -> Markup {
        let language = context.language
        let body: Markup = """
        <section class="panel narrow">
        <h1>\(context.text(WebStrings.provinceSignIn))</h1>
        <form class="stack" data-api="/api/v1/province/session" data-next="/reports">
        <p class="form-error" role="alert" hidden></p>
        \(Pages.field(id: "login", label: WebStrings.login, control: "<input id=\"login\" name=\"login\" autocomplete=\"username\" required>", language: language))
        \(Pages.field(id: "password", label: WebStrings.password, control: "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>", language: language))
        <button type="submit" class="button primary">\(context.text(WebStrings.signIn))</button>
        </form>
        </section>
        """
        return layout(title: WebStrings.provinceSignIn, context: context, body: body)
    }

    /// A province account's page: its role, and changing its password (first, after a one-time one).
    public static func account(_ context: Context, account: StaffAccount) -> Markup {
        let language = context.language
        let must: Markup = account.mustChangePassword ? "<p class=\"note\">\(context.text(WebStrings.mustChangePassword))</p>" : ""
        let body: Markup = """
        <section class="panel narrow">
        <h1>\(context.text(WebStrings.accountPage))</h1>
        <p>\(account.displayName) · \(context.text(roleName(account.role)))</p>
        \(must)
        <form class="stack" data-api="/api/v1/province/password" data-next="/reports">
        <p class="form-error" role="alert" hidden></p>
        \(Pages.field(id: "current", label: WebStrings.currentPassword, control: "<input id=\"current\" name=\"current\" type=\"password\" autocomplete=\"current-password\" required>", language: language))
        \(Pages.field(id: "password", label: WebStrings.newPasswordField, control: "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"new-password\" required>", hint: WebStrings.newPasswordHint, language: language))
        \(Pages.field(id: "confirm", label: WebStrings.repeatPassword, control: "<input id=\"confirm\" name=\"confirm\" type=\"password\" autocomplete=\"new-password\" required>", language: language))
        <button type="submit" class="button primary">\(context.text(WebStrings.savePassword))</button>
        </form>
        </section>
        """
        return layout(title: WebStrings.accountPage, context: context, body: body)
    }

    /// The staff of the province's centres: choose a centre, see its accounts; a province
    /// administrator also adds accounts (a new centre's first administrator among them), gives
    /// new one-time passwords and disables or enables accounts, through the centre's own staff
    /// API, so the centre's journal records the province account as the one who did it.
    public static func centreStaff(_ context: Context, centres: [Centre], chosen: Tenant?, accounts: [StaffAccount]) -> Markup {
        let options: [Markup] = centres.sorted { $0.name.vi < $1.name.vi }.map { centre in
            let selected: Markup = centre.unitCode == chosen?.code ? " selected" : ""
            return "<option value=\"\(HTML.escape(centre.unitCode))\"\(selected)>\(context.text(centre.name))</option>"
        }
        let manages = context.staff?.role == .admin
        var body: Markup = """
        <section class="panel">
        <h1>\(context.text(WebStrings.provinceStaff))</h1>
        <form class="inline-form" method="get" action="/staff">
        \(Pages.field(id: "staff-centre", label: WebStrings.provinceCentre, control: """
            <select id="staff-centre" name="centre" required>
            <option value="">\(context.text(WebStrings.provinceChooseCentre))</option>
            \(options.joined(separator: "\n"))
            </select>
            """, language: context.language))
        <button type="submit" class="button">\(context.text(WebStrings.provinceStaffShow))</button>
        </form>
        <p class="note">\(context.text(manages ? WebStrings.provinceStaffAdminNote : WebStrings.provinceStaffSupervisorNote))</p>
        </section>

        """
        if let chosen {
            var page = PageContext(language: context.language, deployment: chosen.deployment, caller: context.staff.map { .staff($0) } ?? .citizen, path: context.path)
            page.csrfToken = context.csrfToken
            let first: Markup = accounts.contains { $0.role == .admin && !$0.disabled } ? "" : "<p class=\"note\">\(context.text(WebStrings.provinceFirstAdmin))</p>\n"
            body = body + """
            <section class="panel admin" aria-labelledby="centre-staff-heading">
            <h2 id="centre-staff-heading">\(context.text(chosen.deployment.centre.name))</h2>
            \(first)\(Pages.accountTable(accounts, context: page, base: chosen.prefix, actions: manages))
            </section>

            """
            if manages {
                let role: StaffRole = first.isEmpty ? .clerk : .admin
                body = body + """
                <section class="panel admin" aria-labelledby="new-account-heading">
                <h2 id="new-account-heading">\(context.text(WebStrings.newAccount))</h2>
                \(Pages.newAccountForm(page, base: chosen.prefix, role: role))
                </section>
                """
            }
        }
        return layout(title: WebStrings.provinceStaff, context: context, body: body)
    }
}
