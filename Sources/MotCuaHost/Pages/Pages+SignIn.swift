import MotCuaCore

extension Pages {
    /// The staff sign-in page; after signing in the browser goes to `next`.
    ///
    /// `next` is used only when it is a path on this server (see ``HTML/localPath(_:)``), so
    /// a crafted link cannot send a clerk elsewhere after signing in.
    ///
    /// The form also works without JavaScript: it posts to ``signInPath`` itself, which
    /// answers with the next page, or this page again with `error` and the `login` typed.
    public static func signIn(context: PageContext, next: String, login: String = "", error: LocalizedText? = nil) -> Markup {
        let login = field(id: "login", label: WebStrings.login, control: """
            <input id="login" name="login" type="text" value="\(HTML.escape(login))" autocomplete="username" autocapitalize="none" spellcheck="false" required autofocus aria-describedby="login-error">
            """, context: context)
        let password = field(id: "password", label: WebStrings.password, control: """
            <input id="password" name="password" type="password" autocomplete="current-password" required aria-describedby="password-error">
            """, context: context)
        let body: Markup = """
        <section class="panel narrow">
        <p class="eyebrow">\(context.text(context.deployment.centre.name))</p>
        <h1>\(context.text(WebStrings.signIn))</h1>
        <p class="note">\(context.text(WebStrings.signInNote))</p>
        <form method="post" action="\(signInPath)?next=\(HTML.escape(percentEncoded(HTML.localPath(next), keepingSlashes: false)))" data-api="/api/v1/session" data-method="POST" data-next="\(HTML.escape(HTML.localPath(next)))">
        \(formError(error, context))
        \(login)
        \(password)
        <button type="submit" class="button primary wide">\(context.text(WebStrings.signIn))</button>
        </form>
        </section>
        """
        return layout(title: WebStrings.signIn, context: context, body: body, bodyClass: "sign-in")
    }

    /// A form's error line: hidden until the script fills it, or showing why the server
    /// refused the form when it was posted without JavaScript.
    static func formError(_ error: LocalizedText?, _ context: PageContext) -> Markup {
        guard let error else { return "<p class=\"form-error\" role=\"alert\" hidden></p>" }
        return "<p class=\"form-error\" role=\"alert\">\(context.text(error))</p>"
    }

    /// The page where a kiosk, board or tablet enters its 8-digit pairing code.
    public static func pair(context: PageContext) -> Markup {
        let code = field(id: "code", label: WebStrings.pairingCode, control: """
            <input id="code" name="code" class="code-input" type="text" inputmode="numeric" pattern="\\d{8}" maxlength="8" minlength="8" autocomplete="one-time-code" required autofocus aria-describedby="code-hint code-error">
            """, hint: WebStrings.pairingCodeHint, context: context)
        let body: Markup = """
        <section class="panel narrow">
        <p class="eyebrow">\(context.text(context.deployment.centre.name))</p>
        <h1>\(context.text(WebStrings.pairDevice))</h1>
        <p class="note">\(context.text(WebStrings.pairNote))</p>
        <form method="post" data-api="/api/v1/devices/pair" data-method="POST" data-next="/">
        <p class="form-error" role="alert" hidden></p>
        \(code)
        <button type="submit" class="button primary wide">\(context.text(WebStrings.pair))</button>
        </form>
        </section>
        """
        return layout(title: WebStrings.pairDevice, context: context, body: body, bodyClass: "pair")
    }
}
