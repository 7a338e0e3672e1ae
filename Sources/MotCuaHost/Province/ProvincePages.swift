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
        /// The signed-in province account, if any.
        public var staff: StaffAccount?
        /// Whether the province has accounts to sign in with.
        public var signsIn = false
        /// The per-session token scripts send with state-changing requests.
        public var csrfToken: String?

        /// A context.
        public init(language: Language, province: Centre.Province, path: String) {
            self.language = language
            self.province = province
            self.path = path
        }

        /// The text in the page's language, escaped.
        func text(_ text: LocalizedText) -> Markup { HTML.escape(text.text(language)) }
    }

    /// The province's home: every centre with its state now, and the Decision 766 ranking of
    /// `period` computed from the centres' own reports.
    public static func home(_ context: Context, states: [ProvinceServer.CentreState], period: ReportPeriod,
                            ranking: [ProvinceRollup.Rank]) -> Markup {
        let ranks = Dictionary(ranking.map { ($0.commune, $0) }, uniquingKeysWith: { first, _ in first })
        func number(_ value: Int64?) -> Markup { value.map { HTML.escape(VietnameseNumber.grouped($0)) } ?? "—" }
        func points(_ hundredths: Int64) -> String { VietnameseNumber.decimal(hundredths, decimals: 2) }
        let rows: [Markup] = states.sorted { $0.deployment.centre.name.vi < $1.deployment.centre.name.vi }.map { state in
            let centre = state.deployment.centre
            let open = state.isOpen ? WebStrings.provinceOpenNow : WebStrings.provinceClosedNow
            let rank: Markup = ranks[centre.id].map { "\($0.rank)/\($0.of)" } ?? "—"
            let score: Markup = ranks[centre.id].map { HTML.escape(points($0.scoreHundredths)) } ?? "—"
            let late: Markup = (state.lateDossiers ?? 0) > 0 ? "<strong class=\"late\">\(number(state.lateDossiers.map(Int64.init)))</strong>" : number(state.lateDossiers.map(Int64.init))
            let cells: [Markup] = [number(state.waiting.map(Int64.init)), number(state.servedToday), late, rank, score]
            let labels = [WebStrings.provinceWaiting, WebStrings.provinceServedToday, WebStrings.provinceLate, WebStrings.provinceRank, WebStrings.provinceScore]
            return """
            <tr><td class="text"><a href="/\(centre.unitCode)/">\(context.text(centre.name))</a></td><td class="text" data-label="\(context.text(WebStrings.provinceNow))">\(context.text(open))</td>\(zip(labels, cells).map { "<td data-label=\"\(context.text($0))\">\($1)</td>" }.joined())</tr>
            """
        }
        let open = states.filter(\.isOpen).count
        let waiting = Int64(states.compactMap(\.waiting).reduce(0, +))
        let served = states.compactMap(\.servedToday).reduce(0, +)
        let late = Int64(states.compactMap(\.lateDossiers).reduce(0, +))
        let body: Markup = """
        <section class="panel">
        <h1>\(context.text(WebStrings.provinceHome))</h1>
        <p>\(context.text(WebStrings.provinceHomeNote))</p>
        <p>\(context.text(WebStrings.provinceCentreCount)): <strong>\(VietnameseNumber.grouped(Int64(states.count)))</strong> · \(context.text(WebStrings.provinceOpenNow)): <strong>\(VietnameseNumber.grouped(Int64(open)))</strong> · \(context.text(WebStrings.provinceWaiting)): <strong>\(VietnameseNumber.grouped(waiting))</strong> · \(context.text(WebStrings.provinceServedToday)): <strong>\(VietnameseNumber.grouped(served))</strong> · \(context.text(WebStrings.provinceLate)): <strong>\(VietnameseNumber.grouped(late))</strong></p>
        <form class="inline-form" method="get" action="/">
        \(Pages.field(id: "ranking-period", label: WebStrings.provinceRankingPeriod, control: "<input id=\"ranking-period\" name=\"period\" type=\"month\" value=\"\(monthValue(period))\">", language: context.language))
        <button type="submit" class="button small">\(context.text(WebStrings.reportShow))</button>
        </form>
        <p class="note">\(context.text(WebStrings.provinceRankingNote)) \(Pages.dateText(period.from)) – \(Pages.dateText(period.to)).</p>
        <div class="table-scroll"><table class="data numbers reflow">
        <thead><tr><th scope="col" class="text">\(context.text(WebStrings.provinceCentre))</th><th scope="col" class="text">\(context.text(WebStrings.provinceNow))</th><th scope="col">\(context.text(WebStrings.provinceWaiting))</th><th scope="col">\(context.text(WebStrings.provinceServedToday))</th><th scope="col">\(context.text(WebStrings.provinceLate))</th><th scope="col">\(context.text(WebStrings.provinceRank))</th><th scope="col">\(context.text(WebStrings.provinceScore))</th></tr></thead>
        <tbody>
        \(rows.joined(separator: "\n"))
        </tbody>
        </table></div>
        </section>
        """
        return layout(title: WebStrings.provinceHome, context: context, body: body)
    }

    /// `2026-03` for a month's `<input type="month">`.
    static func monthValue(_ period: ReportPeriod) -> String {
        String(period.from.description.prefix(7))
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

    /// The document every province page shares: the centres' own (``Pages/document(language:title:base:csrfToken:bodyClass:brand:tools:body:footer:)``),
    /// headed by the province.
    static func layout(title: LocalizedText, context: Context, body: Markup) -> Markup {
        let province = context.text(context.province.name)
        return Pages.document(language: context.language, title: "\(context.text(title)) · \(province)", csrfToken: context.csrfToken,
                              brand: "<a class=\"brand\" href=\"/\">\(province)</a>",
                              tools: staffTools(context) + Pages.languageSwitch(path: context.path, language: context.language), body: body)
    }
}
