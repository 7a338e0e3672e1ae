import MotCuaCore

extension Pages {
    /// The staff accounts page: the accounts with disable and new-password buttons, and a
    /// form to add an account.
    ///
    /// When the add form's password is left empty, or a new password is asked for, the
    /// server answers `{"oneTimePassword": …}` and app.js shows it once in an `<output>`.
    public static func staffAdmin(context: PageContext, accounts: [StaffAccount]) -> Markup {
        let body: Markup = """
        <h1>\(context.text(WebStrings.staffPage))</h1>
        <section aria-labelledby="accounts-heading">
        <h2 id="accounts-heading">\(context.text(WebStrings.accounts))</h2>
        \(accountTable(accounts, context: context))
        </section>
        <section class="panel" aria-labelledby="new-account-heading">
        <h2 id="new-account-heading">\(context.text(WebStrings.newAccount))</h2>
        \(newAccountForm(context))
        </section>
        """
        return layout(title: WebStrings.staffPage, context: context, body: body, bodyClass: "admin")
    }

    /// The devices page: paired devices with revoke buttons, and a form that creates a
    /// pairing code for a new device.
    ///
    /// The server answers the form with `{"code": "12345678", "expiresAt": …}`; app.js
    /// shows the code in large type with how to use it.
    public static func deviceAdmin(context: PageContext, devices: [PairedDevice]) -> Markup {
        let body: Markup = """
        <h1>\(context.text(WebStrings.devicesPage))</h1>
        <section aria-labelledby="devices-heading">
        <h2 id="devices-heading">\(context.text(WebStrings.pairedDevices))</h2>
        \(deviceTable(devices, withActions: true, context: context))
        </section>
        <section class="panel" aria-labelledby="new-device-heading">
        <h2 id="new-device-heading">\(context.text(WebStrings.newDevice))</h2>
        \(newDeviceForm(context))
        </section>
        """
        return layout(title: WebStrings.devicesPage, context: context, body: body, bodyClass: "admin")
    }

    /// The accounts with their buttons (`actions`), which call the staff API under `base`
    /// (a province server's page manages a centre's staff through `/<unit code>/api/v1/staff`).
    static func accountTable(_ accounts: [StaffAccount], context: PageContext, base: String = "", actions withActions: Bool = true) -> Markup {
        guard !accounts.isEmpty else { return "<p class=\"empty\">\(context.text(WebStrings.noAccounts))</p>" }
        let rows: [Markup] = accounts.map { account in
            let segment = HTML.escape(percentEncoded(account.id, keepingSlashes: false))
            let status: Markup = account.disabled
                ? "<span class=\"badge off\">\(context.text(WebStrings.accountDisabled))</span>"
                : "<span class=\"badge on\">\(context.text(WebStrings.accountActive))</span>"
            // A disabled account cannot sign in, so a new password for it would be useless.
            let outputID = "otp-\(percentEncoded(account.id, keepingSlashes: false))"
            let api: Markup = "\(HTML.escape(base))/api/v1/staff/\(segment)"
            let actions: Markup = !withActions ? "" : account.disabled ? """
                <button type="button" class="button small" data-action="post" data-url="\(api)/enable" data-confirm="\(context.text(WebStrings.confirmEnable))">\(context.text(WebStrings.enable))</button>
                """ : """
                <div class="button-row">
                <button type="button" class="button small" data-action="post" data-url="\(api)/password" data-confirm="\(context.text(WebStrings.confirmNewPassword))" data-output="\(outputID)">\(context.text(WebStrings.newPassword))</button>
                <button type="button" class="button small danger" data-action="post" data-url="\(api)/disable" data-confirm="\(context.text(WebStrings.confirmDisable))">\(context.text(WebStrings.disable))</button>
                </div>
                \(resultBox(id: outputID, label: WebStrings.oneTimePassword, note: WebStrings.oneTimePasswordNote, context: context))
                """
            return """
            <tr\(account.disabled ? " class=\"is-disabled\"" : "")><td><code>\(HTML.escape(account.id))</code></td><td>\(HTML.escape(account.displayName))</td><td>\(context.text(account.role.title))</td><td class="long-name">\(counterName(account.counter, context))</td><td>\(status)</td>\(withActions ? "<td>\(actions)</td>" : "")</tr>
            """
        }
        return """
        <div class="table-scroll">
        <table class="data">
        <thead><tr><th scope="col">\(context.text(WebStrings.login))</th><th scope="col">\(context.text(WebStrings.displayName))</th><th scope="col">\(context.text(WebStrings.role))</th><th scope="col">\(context.text(WebStrings.counter))</th><th scope="col">\(context.text(WebStrings.status))</th>\(withActions ? "<th scope=\"col\">\(context.text(WebStrings.actions))</th>" : "")</tr></thead>
        <tbody>
        \(rows.joined(separator: "\n"))
        </tbody>
        </table>
        </div>
        """
    }

    /// The form that adds an account through the staff API under `base`, `role` chosen first.
    static func newAccountForm(_ context: PageContext, base: String = "", role chosen: StaffRole = .clerk) -> Markup {
        let roles: Markup = StaffRole.allCases.map { role in
            "<option value=\"\(role.rawValue)\"\(role == chosen ? " selected" : "")>\(context.text(role.title))</option>"
        }.joined(separator: "\n")
        let fields = [
            field(id: "staff-id", label: WebStrings.login, control: """
                <input id="staff-id" name="id" type="text" autocomplete="off" autocapitalize="none" spellcheck="false" required aria-describedby="staff-id-error">
                """, context: context),
            field(id: "staff-name", label: WebStrings.displayName, control: """
                <input id="staff-name" name="displayName" type="text" autocomplete="off" required aria-describedby="staff-name-error">
                """, context: context),
            field(id: "staff-role", label: WebStrings.role, control: """
                <select id="staff-role" name="role" required aria-describedby="staff-role-error">
                \(roles)
                </select>
                """, context: context),
            field(id: "staff-counter", label: WebStrings.counter, control: """
                <select id="staff-counter" name="counter" aria-describedby="staff-counter-error">
                \(counterOptions(context))
                </select>
                """, context: context),
            field(id: "staff-password", label: WebStrings.password, control: """
                <input id="staff-password" name="password" type="password" autocomplete="new-password" aria-describedby="staff-password-hint staff-password-error">
                """, hint: WebStrings.passwordHint, context: context),
        ]
        return """
        <form method="post" data-api="\(HTML.escape(base))/api/v1/staff" data-method="POST">
        <p class="form-error" role="alert" hidden></p>
        <div class="form-grid">
        \(fields.joined(separator: "\n"))
        </div>
        <button type="submit" class="button primary">\(context.text(WebStrings.createAccount))</button>
        \(resultBox(label: WebStrings.oneTimePassword, note: WebStrings.oneTimePasswordNote, context: context))
        </form>
        """
    }

    private static func newDeviceForm(_ context: PageContext) -> Markup {
        let kinds: Markup = DeviceKind.allCases.map { kind in
            "<option value=\"\(kind.rawValue)\">\(context.text(kind.title))</option>"
        }.joined(separator: "\n")
        let fields = [
            field(id: "device-id", label: WebStrings.deviceID, control: """
                <input id="device-id" name="id" type="text" autocomplete="off" autocapitalize="none" spellcheck="false" required aria-describedby="device-id-hint device-id-error">
                """, hint: WebStrings.deviceIDHint, context: context),
            field(id: "device-kind", label: WebStrings.deviceKind, control: """
                <select id="device-kind" name="kind" required aria-describedby="device-kind-error">
                \(kinds)
                </select>
                """, context: context),
            field(id: "device-name", label: WebStrings.deviceName, control: """
                <input id="device-name" name="name" type="text" autocomplete="off" required aria-describedby="device-name-hint device-name-error">
                """, hint: WebStrings.deviceNameHint, context: context),
            field(id: "device-counter", label: WebStrings.counter, control: """
                <select id="device-counter" name="counter" aria-describedby="device-counter-hint device-counter-error">
                \(counterOptions(context))
                </select>
                """, hint: WebStrings.deviceCounterHint, context: context),
        ]
        return """
        <form method="post" data-api="/api/v1/devices" data-method="POST">
        <p class="form-error" role="alert" hidden></p>
        <div class="form-grid">
        \(fields.joined(separator: "\n"))
        </div>
        <button type="submit" class="button primary">\(context.text(WebStrings.createPairingCode))</button>
        \(resultBox(label: WebStrings.pairingCode, note: WebStrings.pairingInstructions, showsExpiry: true, context: context))
        </form>
        """
    }
}
