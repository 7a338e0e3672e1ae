import MotCuaCore

/// The province server's own pages, at the root: the list of centres and what belongs to no
/// centre. Each centre's pages are its own, under its prefix.
public enum ProvincePages {
    /// What a province page needs to know about its request.
    public struct Context: Sendable {
        /// The language to render in.
        public var language: Language
        /// The province.
        public var province: Centre.Province
        /// The request's path, for the language switch.
        public var path: String

        /// The text in the page's language, escaped.
        func text(_ text: LocalizedText) -> Markup { HTML.escape(text.text(language)) }
    }

    /// The province's home: every centre it serves, linked to its own pages.
    public static func home(_ context: Context, centres: [Deployment]) -> Markup {
        let rows: [Markup] = centres.sorted { $0.centre.name.vi < $1.centre.name.vi }.map { deployment in
            let centre = deployment.centre
            let level = centre.level == .province ? WebStrings.provinceLevelProvince : WebStrings.provinceLevelCommune
            return """
            <tr><td><a href="/\(centre.unitCode)/">\(context.text(centre.name))</a></td><td>\(centre.unitCode)</td><td>\(context.text(level))</td></tr>
            """
        }
        let body: Markup = """
        <section class="panel">
        <h1>\(context.text(WebStrings.provinceHome))</h1>
        <p>\(context.text(WebStrings.provinceHomeNote))</p>
        <p>\(context.text(WebStrings.provinceCentreCount)): <strong>\(VietnameseNumber.grouped(Int64(centres.count)))</strong></p>
        <table class="data">
        <thead><tr><th scope="col">\(context.text(WebStrings.provinceCentre))</th><th scope="col">\(context.text(WebStrings.provinceUnitCode))</th><th scope="col">\(context.text(WebStrings.provinceLevel))</th></tr></thead>
        <tbody>
        \(rows.joined(separator: "\n"))
        </tbody>
        </table>
        </section>
        """
        return layout(title: WebStrings.provinceHome, context: context, body: body)
    }

    /// The page for a path that is neither the province's nor a centre's.
    public static func notFound(_ context: Context, message: LocalizedText) -> Markup {
        let body: Markup = """
        <section class="panel message-panel">
        <h1>\(context.text(WebStrings.provinceUnknownCentre))</h1>
        <p>\(context.text(message))</p>
        <p><a class="button" href="/">\(context.text(WebStrings.provinceBackToList))</a></p>
        </section>
        """
        return layout(title: WebStrings.provinceUnknownCentre, context: context, body: body)
    }

    /// The document every province page shares.
    static func layout(title: LocalizedText, context: Context, body: Markup) -> Markup {
        let province = context.text(context.province.name)
        let path = HTML.escape(context.path.isEmpty ? "/" : context.path)
        let links = [(Language.vi, WebStrings.languageVietnamese), (.en, WebStrings.languageEnglish)].map { language, name -> Markup in
            let current: Markup = language == context.language ? " aria-current=\"true\"" : ""
            return "<a href=\"\(path)?lang=\(language.rawValue)\" hreflang=\"\(language.rawValue)\" lang=\"\(language.rawValue)\"\(current)>\(context.text(name))</a>"
        }
        return """
        <!doctype html>
        <html lang="\(context.language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(context.text(title)) · \(province)</title>
        <link rel="stylesheet" href="/assets/app.css">
        <link rel="icon" href="/favicon.svg" type="image/svg+xml">
        <script src="/assets/app.js" defer></script>
        </head>
        <body data-msg-network="\(context.text(WebStrings.networkError))" data-msg-failed="\(context.text(WebStrings.requestFailed))">
        <a class="skip-link" href="#main">\(context.text(WebStrings.skipToContent))</a>
        <header class="site-header">
        <a class="brand" href="/">\(province)</a>
        <nav class="header-tools" aria-label="\(context.text(WebStrings.mainNavigation))">
        <span class="language-switch" role="group" aria-label="\(context.text(WebStrings.language))">\(links.joined())</span>
        </nav>
        </header>
        <main id="main" class="page">
        <p class="form-error page-error" role="alert" hidden></p>
        \(body)
        </main>
        </body>
        </html>

        """
    }
}
