import MotCuaCore

/// The ratings pages: the counter tablet and the public page that rates a dossier by its code.
extension Pages {
    /// A face for a level: a smile for the best, a frown for the worst, drawn as SVG so no
    /// emoji font is needed on the tablet.
    static func faceSVG(level: Int, of size: Int) -> Markup {
        // 0 = worst, 1 = best.
        let mood = size > 1 ? Double(level - 1) / Double(size - 1) : 1
        let colours = ["#b91c1c", "#ea580c", "#ca8a04", "#65a30d", "#15803d"]
        let colour = colours[min(colours.count - 1, Int((mood * Double(colours.count - 1)).rounded()))]
        // The mouth's control point moves from above the corners (a frown) to below (a smile).
        let curve = Int(((mood - 0.5) * 2 * 14).rounded())
        return """
        <svg class="face" viewBox="0 0 64 64" width="64" height="64" aria-hidden="true" focusable="false">\
        <circle cx="32" cy="32" r="29" fill="\(colour)"/>\
        <circle cx="22" cy="25" r="4" fill="#fff"/><circle cx="42" cy="25" r="4" fill="#fff"/>\
        <path d="M18 \(44 - curve / 2) Q32 \(44 + curve) 46 \(44 - curve / 2)" stroke="#fff" stroke-width="4" fill="none" stroke-linecap="round"/>\
        </svg>
        """
    }

    /// The scale's buttons, best first, each with a face and its words.
    static func ratingButtons(_ scale: RatingScale, context: PageContext, name: String? = nil) -> Markup {
        scale.levels.reversed().map { level in
            let label = context.text(level.label)
            if let name {
                return """
                <label class="rating-choice level-\(level.value)"><input type="radio" name="\(HTML.escape(name))" value="\(level.value)" required>\
                \(faceSVG(level: level.value, of: scale.size))<span>\(label)</span></label>
                """
            }
            return """
            <button type="button" class="rating-level level-\(level.value)" data-level="\(level.value)" data-low="\(scale.isLow(level.value))">\
            \(faceSVG(level: level.value, of: scale.size))<span>\(label)</span></button>
            """
        }.joined(separator: "\n")
    }

    static func reasonChoices(_ scale: RatingScale, context: PageContext) -> Markup {
        scale.reasons.map { reason in
            "<label class=\"rating-reason\"><input type=\"checkbox\" name=\"reasons\" value=\"\(HTML.escape(reason.id))\"><span>\(context.text(reason.label))</span></label>"
        }.joined(separator: "\n")
    }

    /// The rating tablet: asleep until the clerk at its counter finishes a ticket or returns a
    /// dossier (app.js listens to the live events and asks `/api/v1/ratings/pending`), then
    /// the scale for `timeoutSeconds`, reasons for a low rating, and thanks.
    public static func ratingTablet(context: PageContext, scale: RatingScale, counter: String?) -> Markup {
        guard let counter else {
            let body: Markup = "<section class=\"panel message-panel\"><h1>\(context.text(WebStrings.ratingPage))</h1><p>\(context.text(WebStrings.ratingNoCounter))</p></section>"
            return layout(title: WebStrings.ratingPage, context: context, body: body)
        }
        let counterName = counterName(counter, context)
        let body: Markup = """
        <section class="rating-tablet-screen" data-rating-tablet data-counter="\(HTML.escape(counter))" data-timeout="\(scale.timeoutSeconds)">
        <div class="rating-idle" data-state="idle">
        <p class="rating-counter">\(counterName)</p>
        <h1>\(context.text(WebStrings.ratingIdle))</h1>
        <p class="rating-note">\(context.text(WebStrings.ratingIdleNote))</p>
        </div>
        <div class="rating-ask" data-state="ask" hidden>
        <p class="rating-subject"><span data-subject-kind="ticket">\(context.text(WebStrings.ratingTicket))</span><span data-subject-kind="dossier" hidden>\(context.text(WebStrings.ratingDossier))</span> <strong data-subject-label></strong> · \(counterName)</p>
        <h1>\(context.text(WebStrings.ratingPrompt))</h1>
        <div class="rating-levels">
        \(ratingButtons(scale, context: context))
        </div>
        <p class="rating-timer" aria-hidden="true"><span data-countdown></span></p>
        </div>
        <form method="post" class="rating-reasons" data-state="reasons" hidden>
        <h1>\(context.text(WebStrings.ratingReasonsPrompt))</h1>
        <div class="rating-reason-list">
        \(reasonChoices(scale, context: context))
        </div>
        <label class="rating-comment"><span>\(context.text(WebStrings.ratingComment))</span><textarea name="comment" maxlength="500" rows="2"></textarea></label>
        <p class="form-error" role="alert" hidden></p>
        <p class="button-row"><button type="submit" class="button primary">\(context.text(WebStrings.ratingSend))</button> <button type="button" class="button" data-rating-skip>\(context.text(WebStrings.ratingSkip))</button></p>
        </form>
        <div class="rating-thanks" data-state="thanks" hidden>
        <h1>\(context.text(WebStrings.ratingThanks))</h1>
        </div>
        </section>
        """
        return layout(title: WebStrings.ratingPage, context: context, body: body, bodyClass: "kiosk rating-tablet", showsCaller: false)
    }

    /// The public page: a citizen rates a returned dossier by its code, once.
    public static func rateByCode(context: PageContext, scale: RatingScale, code: String?, needsPhone: Bool = false) -> Markup {
        let body: Markup = """
        <section class="panel narrow rate-panel">
        <h1>\(context.text(WebStrings.ratePage))</h1>
        <p class="note">\(context.text(WebStrings.rateIntro))</p>
        <form method="post" class="rate-form" data-rate-form>
        <p class="form-error" role="alert" hidden></p>
        \(field(id: "rate-code", label: WebStrings.ratingCodeLabel, control: "<input id=\"rate-code\" name=\"code\" required autocomplete=\"off\" autocapitalize=\"characters\" spellcheck=\"false\" value=\"\(HTML.escape(code ?? ""))\">", context: context))
        \(needsPhone ? publicPhoneField(id: "rate-phone", value: nil, context: context) : "")
        <fieldset class="rate-levels"><legend>\(context.text(WebStrings.rateLevel))</legend>
        \(ratingButtons(scale, context: context, name: "level"))
        </fieldset>
        <fieldset class="rate-reasons" data-low-at="\(scale.lowAtOrBelow)" hidden><legend>\(context.text(WebStrings.rateReasons))</legend>
        \(reasonChoices(scale, context: context))
        </fieldset>
        \(field(id: "rate-comment", label: WebStrings.ratingComment, control: "<textarea id=\"rate-comment\" name=\"comment\" maxlength=\"500\" rows=\"3\"></textarea>", context: context))
        <p><button type="submit" class="button primary wide">\(context.text(WebStrings.ratingSend))</button></p>
        <output class="rate-done" aria-live="polite" hidden>\(context.text(WebStrings.rateDone))</output>
        </form>
        </section>
        """
        return layout(title: WebStrings.ratePage, context: context, body: body)
    }
}
