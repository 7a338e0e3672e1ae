import MotCuaCore

/// The server-rendered pages: each function returns a whole HTML document.
///
/// Pages are ``Markup``: every `String` interpolated into them is escaped, so no value from
/// a manifest, an account or a request can open a tag; every word comes from ``WebStrings``. Forms are plain HTML marked with `data-api`; `/assets/app.js` sends them
/// as JSON and shows the server's answer, so the pages work without a framework.
public enum Pages {
    /// Where the sign-in page is served.
    public static let signInPath = "/signin"
    /// Where a device enters its pairing code.
    public static let pairPath = "/pair"

    /// Wraps `body` in the document every page shares: head, header bar, footer.
    ///
    /// - Parameters:
    ///   - title: the page's name; the tab shows it before the centre's name.
    ///   - body: the page's markup, placed inside `<main>`.
    ///   - bodyClass: classes for `<body>`, e.g. `kiosk` for a full-screen device page.
    ///   - showsCaller: false on a screen the public faces (the board, the kiosk, the rating tablet), where the header
    ///     names the centre and never the device that shows it.
    public static func layout(title: LocalizedText, context: PageContext, body: Markup, bodyClass: String = "", showsCaller: Bool = true) -> Markup {
        let centre = context.text(context.deployment.centre.name)
        return document(language: context.language, title: "\(context.text(title)) · \(centre)", base: baseAttribute(context),
                        csrfToken: context.csrfToken, bodyClass: bodyClass, brand: provinceLink(context) + "<a class=\"brand\" href=\"/\">\(centre)</a>",
                        tools: (showsCaller ? callerBadge(context) : "") + languageSwitch(path: context.path, language: context.language) + signInOrOut(context),
                        body: body, footer: footer(context))
    }

    /// The document every page shares, a centre's and the province server's own: head,
    /// header bar (`brand` on the left, `tools` on the right), the page's `body` in `<main>`,
    /// then `footer`. `title` and the other parts are markup already escaped.
    static func document(language: Language, title: Markup, base: Markup = "", csrfToken: String?, bodyClass: String = "", brand: Markup,
                         tools: Markup, body: Markup, footer: Markup = "") -> Markup {
        let classAttribute: Markup = bodyClass.isEmpty ? "" : " class=\"\(HTML.escape(bodyClass))\""
        let csrf: Markup = csrfToken.map { "<meta name=\"csrf-token\" content=\"\($0)\">\n" } ?? ""
        let text = { (words: LocalizedText) in HTML.escape(words.text(language)) }
        return """
        <!doctype html>
        <html lang="\(language.rawValue)"\(base)>
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        \(csrf)<title>\(title)</title>
        <link rel="stylesheet" href="/assets/app.css">
        <link rel="icon" href="/favicon.svg" type="image/svg+xml">
        <script src="/assets/app.js" defer></script>
        </head>
        <body\(classAttribute) data-msg-network="\(text(WebStrings.networkError))" data-msg-failed="\(text(WebStrings.requestFailed))">
        <a class="skip-link" href="#main">\(text(WebStrings.skipToContent))</a>
        <header class="site-header">
        \(brand)
        <nav class="header-tools" aria-label="\(text(WebStrings.mainNavigation))">
        \(tools)
        </nav>
        </header>
        <main id="main" class="page">
        <p class="form-error page-error" role="alert" hidden></p>
        \(body)
        </main>
        \(footer)
        </body>
        </html>

        """
    }

    /// The page shown for an unknown address.
    public static func notFound(context: PageContext) -> Markup {
        let body: Markup = """
        <section class="panel message-panel">
        <h1>\(context.text(WebStrings.notFound))</h1>
        <p>\(context.text(WebStrings.notFoundNote))</p>
        <p><a class="button" href="/">\(context.text(WebStrings.backHome))</a></p>
        </section>
        """
        return layout(title: WebStrings.notFound, context: context, body: body)
    }

    /// The page shown when a page cannot be answered: a refused request or a server error.
    public static func errorPage(context: PageContext, title: LocalizedText, message: LocalizedText) -> Markup {
        let body: Markup = """
        <section class="panel message-panel">
        <h1>\(context.text(title))</h1>
        <p>\(context.text(message))</p>
        <p><a class="button" href="/">\(context.text(WebStrings.backHome))</a></p>
        </section>
        """
        return layout(title: title, context: context, body: body)
    }

    /// The page shown when the caller may not open a page; `message` says why and what to do.
    ///
    /// A citizen also gets a sign-in button, since staff pages are the usual reason.
    public static func forbidden(context: PageContext, message: LocalizedText) -> Markup {
        let signIn: Markup = context.caller == .citizen
            ? "<a class=\"button primary\" href=\"\(signInPath)?next=\(HTML.escape(percentEncoded(context.path)))\">\(context.text(WebStrings.signIn))</a> "
            : ""
        let body: Markup = """
        <section class="panel message-panel">
        <h1>\(context.text(WebStrings.forbidden))</h1>
        <p>\(context.text(message))</p>
        <p class="button-row">\(signIn)<a class="button" href="/">\(context.text(WebStrings.backHome))</a></p>
        </section>
        """
        return layout(title: WebStrings.forbidden, context: context, body: body)
    }

    /// The page for a session or device of another centre of the same province server:
    /// it says so, and leads to the account's own centre or to this centre's sign-in.
    public static func otherCentre(context: PageContext, home: LocalizedText, homePath: String) -> Markup {
        let body: Markup = """
        <section class="panel message-panel">
        <h1>\(context.text(WebStrings.forbidden))</h1>
        <p>\(context.text(WebStrings.otherCentreNote))</p>
        <p class="button-row"><a class="button primary" href="\(HTML.escape(homePath))">\(context.text(WebStrings.otherCentreGo)) \(context.text(home))</a> <a class="button" href="\(signInPath)?next=\(HTML.escape(percentEncoded(context.path)))">\(context.text(WebStrings.otherCentreSignIn))</a></p>
        </section>
        """
        return layout(title: WebStrings.forbidden, context: context, body: body)
    }

    // MARK: Layout parts

    /// `data-base` on `<html>` when a province server serves the centre under a prefix:
    /// `api.js` puts it before the paths scripts send and follow.
    static func baseAttribute(_ context: PageContext) -> Markup {
        context.basePath.isEmpty ? "" : " data-base=\"\(HTML.escape(context.basePath))\""
    }

    /// On a centre served by a province server, for a province account: a small link back to
    /// the province's list of centres. The link is relative (`../`, once per level of the
    /// page's path) so the province server leaves it pointing at its own root.
    static func provinceLink(_ context: PageContext) -> Markup {
        guard !context.basePath.isEmpty, case .staff(let account) = context.caller, account.id.hasPrefix("province.") else { return "" }
        let up = String(repeating: "../", count: max(1, context.path.count { $0 == "/" }))
        let province = context.text(context.deployment.centre.province.name)
        return "<a class=\"province-link\" href=\"\(up)\" title=\"\(context.text(WebStrings.provinceBackLink))\">← \(province)</a>\n"
    }

    private static func callerBadge(_ context: PageContext) -> Markup {
        switch context.caller {
        case .citizen:
            return ""
        case .staff(let account):
            return "<a class=\"caller\" href=\"\(accountPath)\"><strong>\(HTML.escape(account.displayName))</strong> <span class=\"caller-role\">\(context.text(account.role.title))</span></a>\n"
        case .device(let device):
            return "<span class=\"caller\"><strong>\(HTML.escape(device.name))</strong> <span class=\"caller-role\">\(context.text(device.kind.title))</span></span>\n"
        }
    }

    /// The Vietnamese/English switch, linking back to `path`.
    static func languageSwitch(path: String, language: Language) -> Markup {
        let path = HTML.escape(path.isEmpty ? "/" : path)
        let links = [(Language.vi, WebStrings.languageVietnamese), (.en, WebStrings.languageEnglish)].map { option, name -> Markup in
            let current: Markup = option == language ? " aria-current=\"true\"" : ""
            return "<a href=\"\(path)?lang=\(option.rawValue)\" hreflang=\"\(option.rawValue)\" lang=\"\(option.rawValue)\"\(current)>\(HTML.escape(name.text(language)))</a>"
        }
        return "<span class=\"language-switch\" role=\"group\" aria-label=\"\(HTML.escape(WebStrings.language.text(language)))\">\(links.joined())</span>\n"
    }

    private static func signInOrOut(_ context: PageContext) -> Markup {
        switch context.caller {
        case .citizen:
            // The sign-in page itself needs no link to itself.
            guard context.path != signInPath else { return "" }
            return "<a class=\"button small\" href=\"\(signInPath)\">\(context.text(WebStrings.signIn))</a>"
        case .staff:
            return "<button type=\"button\" class=\"button small\" data-action=\"signout\">\(context.text(WebStrings.signOut))</button>"
        case .device:
            // A paired device has no session to end; a supervisor revokes it instead.
            return ""
        }
    }

    private static func footer(_ context: PageContext) -> Markup {
        let centre = context.deployment.centre
        var parts: [Markup] = []
        if let address = centre.address, !address.isEmpty {
            parts.append("<span>\(context.text(WebStrings.address)): \(HTML.escape(address))</span>")
        }
        if let phone = centre.phone, !phone.isEmpty {
            parts.append("<span>\(context.text(WebStrings.phone)): <a href=\"tel:\(HTML.escape(phone.filter { $0.isNumber || $0 == "+" }))\">\(HTML.escape(phone))</a></span>")
        }
        guard !parts.isEmpty else { return "" }
        return "<footer class=\"site-footer\">\(parts.joined(separator: " "))</footer>"
    }

    // MARK: Shared pieces

    /// A labelled form field; `control` is the input or select, already escaped, whose `id`
    /// is `id`. The hint and the error line are tied to the control for screen readers.
    static func field(id: String, label: LocalizedText, control: Markup, hint: LocalizedText? = nil, context: PageContext) -> Markup {
        field(id: id, label: label, control: control, hint: hint, language: context.language)
    }

    /// A labelled form field for a page without a centre (the province's).
    static func field(id: String, label: LocalizedText, control: Markup, hint: LocalizedText? = nil, language: Language) -> Markup {
        let hintHTML: Markup = hint.map { "<span class=\"field-hint\" id=\"\(id)-hint\">\(HTML.escape($0.text(language)))</span>\n" } ?? ""
        return """
        <div class="field">
        <label for="\(id)">\(HTML.escape(label.text(language)))</label>
        \(control)
        \(hintHTML)<span class="field-error" id="\(id)-error" hidden></span>
        </div>
        """
    }

    /// The box where app.js shows a one-time secret the server returned.
    static func resultBox(id: String? = nil, label: LocalizedText, note: LocalizedText, showsExpiry: Bool = false, context: PageContext) -> Markup {
        let idAttribute: Markup = id.map { " id=\"\(HTML.escape($0))\"" } ?? ""
        let expiry: Markup = showsExpiry
            ? "<span class=\"result-expiry\" hidden>\(context.text(WebStrings.expiresAt)) <time class=\"result-expires\"></time></span>\n"
            : ""
        return """
        <output class="result"\(idAttribute) aria-live="polite" hidden>
        <span class="result-label">\(context.text(label))</span>
        <strong class="result-value"></strong>
        \(expiry)<span class="result-note">\(context.text(note))</span>
        </output>
        """
    }

    /// `<option>`s for the deployment's counters, led by "no counter".
    static func counterOptions(_ context: PageContext) -> Markup {
        var options: [Markup] = ["<option value=\"\">\(context.text(WebStrings.noCounter))</option>"]
        for counter in context.deployment.counters {
            options.append("<option value=\"\(HTML.escape(counter.id))\">\(context.text(counter.name))</option>")
        }
        return options.joined(separator: "\n")
    }

    /// A counter's name, or its id when the deployment no longer has it, or a dash.
    static func counterName(_ id: String?, _ context: PageContext) -> Markup {
        guard let id else { return "—" }
        return context.deployment.counter(id).map { context.text($0.name) } ?? HTML.escape(id)
    }

    /// Percent-encodes text for a URL; `keepingSlashes` for a whole path, not for one
    /// segment such as an account id.
    static func percentEncoded(_ text: String, keepingSlashes: Bool = true) -> String {
        var result = ""
        for byte in text.utf8 {
            let isUnreserved = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E || (keepingSlashes && byte == 0x2F)
            if isUnreserved {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = Array("0123456789ABCDEF")
                result += "%\(hex[Int(byte >> 4)])\(hex[Int(byte & 0x0F)])"
            }
        }
        return result
    }
}
