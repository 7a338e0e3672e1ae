#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// The privacy pieces of pages: a refused public page, a dossier's access history, the
/// rating code on the receipt, the full-export form and the public phone-digits field.
extension Pages {
    /// A public page refused (limit reached, no match): what happened and what to do.
    public static func publicProblem(context: PageContext, problem: Problem) -> Markup {
        let body: Markup = """
        <section class="panel message-panel">
        <h1>\(context.text(WebStrings.publicProblemTitle))</h1>
        <p role="alert">\(context.text(problem.message))</p>
        <p><a class="button" href="/">\(context.text(WebStrings.backHome))</a></p>
        </section>
        """
        return layout(title: WebStrings.publicProblemTitle, context: context, body: body)
    }

    /// The access history of a dossier, for a supervisor: who read its personal data, when, how.
    /// `names` maps a journal actor (`staff:lan`) to the person's display name.
    public static func accessHistory(_ entries: [DossierAccess], names: [String: String], context: PageContext) -> Markup {
        let rows: [Markup] = entries.map { entry in
            """
            <tr><td>\(dateTimeText(entry.at, context))</td><td>\(names[entry.who] ?? entry.who)</td><td>\(context.text(entry.label)) <small><code>\(entry.route)</code></small></td><td class="wrap">\(entry.reason ?? "")</td></tr>
            """
        }
        let table: Markup = rows.isEmpty ? "<p>\(context.text(WebStrings.accessNone))</p>" : """
            <div class="table-scroll"><table class="data">
            <thead><tr><th scope="col">\(context.text(WebStrings.accessWhen))</th><th scope="col">\(context.text(WebStrings.accessWho))</th><th scope="col">\(context.text(WebStrings.accessWhat))</th><th scope="col">\(context.text(WebStrings.accessReason))</th></tr></thead>
            <tbody>\(rows.joined(separator: "\n"))</tbody></table></div>
            """
        return """
        <section class="panel" aria-labelledby="access-history">
        <h2 id="access-history">\(context.text(WebStrings.accessHistory))</h2>
        <p class="note">\(context.text(WebStrings.accessHistoryNote))</p>
        \(table)
        </section>
        """
    }

    /// `section` added at the end of a page's main content, or before the last `marker` when given.
    static func appending(_ section: Markup, to page: Markup, before marker: String = "</main>") -> Markup {
        let html = page.html
        guard let end = html.ranges(of: marker).last ?? html.ranges(of: "</main>").last else { return page + section }
        // Both parts are already markup: the page was built escaped, and so was the section.
        return Markup(rawHTML: String(html[..<end.lowerBound]) + section.html + "\n" + html[end.lowerBound...])
    }

    /// A procedure's name for a public page: hidden when the procedure reveals sensitive data.
    static func publicProcedureName(_ procedure: Procedure?, code: String, _ context: PageContext) -> Markup {
        guard let procedure else { return "\(code)" }
        return context.deployment.personal(of: procedure) == .sensitive ? context.text(WebStrings.publicProcedureHidden) : context.text(procedure.name)
    }

    /// The "last 4 digits of the phone" field of a public form.
    static func publicPhoneField(id: String, value: String?, context: PageContext) -> Markup {
        field(id: id, label: WebStrings.publicPhoneDigits, control: """
            <input id="\(id)" name="phone" inputmode="numeric" maxlength="4" pattern="[0-9]{4}" autocomplete="off" required value="\(value ?? "")">
            """, context: context)
    }

    /// The rating code printed under the receipt (form 01): only the citizen holds it.
    static func ratingCodeSlip(_ code: String, context: PageContext) -> Markup {
        """
        <section class="rating-code-slip">
        <p>\(context.text(WebStrings.ratingCodeLabel)): <strong><code>\(code)</code></strong></p>
        <p class="note">\(context.text(WebStrings.ratingCodeNote))</p>
        </section>
        """
    }

    /// Under an export link: the export is masked; a supervisor may export in full with a reason.
    static func fullExportForm(action: String, from first: LocalDate, to last: LocalDate, context: PageContext) -> Markup {
        let supervisor = if case .staff(let account) = context.caller { account.role >= .supervisor } else { false }
        let form: Markup = supervisor ? """
            <form method="get" action="\(action)" class="inline-form">
            <input type="hidden" name="from" value="\(first.description)"><input type="hidden" name="to" value="\(last.description)"><input type="hidden" name="full" value="1">
            \(field(id: "full-export-reason", label: WebStrings.exportFullReason, control: "<input id=\"full-export-reason\" name=\"reason\" minlength=\"5\" required>", context: context))
            <button type="submit" class="button">\(context.text(WebStrings.exportFull))</button>
            </form>
            """ : ""
        return "<div class=\"no-print\"><p class=\"note\">\(context.text(WebStrings.exportMaskedNote))</p>\(form)</div>"
    }
}

extension DossierAccess {
    /// Words for how the data was read.
    var label: LocalizedText {
        switch kind {
        case .page: WebStrings.accessPage
        case .api: WebStrings.accessAPI
        case .form: WebStrings.accessForm
        case .scan: WebStrings.accessScan
        case .export: reason == nil ? WebStrings.accessExport : WebStrings.accessFullExport
        }
    }
}
