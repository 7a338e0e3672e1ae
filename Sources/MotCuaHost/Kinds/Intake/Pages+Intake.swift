#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// The intake pages: reception, a dossier's view, the overdue list and the public lookup.
extension Pages {
    typealias S = WebStrings

    /// The reception picker: the procedures of the clerk's sectors (the sectors of the counter
    /// the clerk sits at), or every enabled procedure with `all`, each with a link to its form.
    /// A search box filters the rows by name or code as the clerk types (`intake.js`); the
    /// server filters by `q` too, so the page works without script. A clerk with no sectors is
    /// told so, with the way to see every procedure.
    public static func receptionPicker(context: PageContext, ticket: String?, sector: String?, all: Bool = false, search: String? = nil) -> Markup {
        let deployment = context.deployment
        let mine = clerkSectors(context)
        let sector = sector.flatMap { $0.isEmpty ? nil : $0 }
        let search = search.map { $0.trimmingSpaces() }.flatMap { $0.isEmpty ? nil : $0 }
        let narrowed = !all && sector == nil && mine != nil
        let procedures = deployment.enabledProcedures.filter { procedure in
            if let sector { return procedure.sector == sector }
            if narrowed, let mine { return mine.contains(procedure.sector) }
            return true
        }.filter { procedure in
            search.map { procedureMatches(procedure, $0) } ?? true
        }
        let ticketQuery = ticket.map { "&ticket=" + percentEncoded($0, keepingSlashes: false) } ?? ""
        let rows: [Markup] = procedures.map { procedure in
            let key = searchKey(procedure.code + " " + procedure.name.vi + " " + procedure.name.en)
            return """
            <tr data-search="\(key)"><td><code>\(HTML.escape(procedure.code))</code></td><td class="wrap">\(context.text(procedure.name))</td><td class="wrap">\(sectorName(procedure.sector, context))</td><td class="wrap">\(deadlineText(procedure.deadline, context))</td>
            <td><a class="button small primary" href="/reception?procedure=\(HTML.escape(percentEncoded(procedure.code, keepingSlashes: false)))\(HTML.escape(ticketQuery))">\(context.text(S.intakeReceive))</a></td></tr>
            """
        }
        let ticketParameter = ticket.map { "&ticket=" + percentEncoded($0, keepingSlashes: false) } ?? ""
        let scope: Markup
        if let mine, narrowed {
            let names: Markup = mine.map { sectorName($0, context) }.joined(separator: ", ")
            scope = "<p class=\"scope\">\(context.text(S.intakeMySectors)) <strong>\(names)</strong> · <a href=\"/reception?all=1\(HTML.escape(ticketParameter))\">\(context.text(S.intakeSeeAll))</a></p>"
        } else if mine == nil, context.staffRole == .clerk {
            scope = "<p class=\"scope notice\" role=\"status\">\(context.text(S.intakeNoSectors))</p>"
        } else if all, mine != nil {
            scope = "<p class=\"scope\">\(context.text(S.intakeAllProcedures)) · <a href=\"/reception\(HTML.escape(ticket.map { "?ticket=" + percentEncoded($0, keepingSlashes: false) } ?? ""))\">\(context.text(S.intakeSeeMine))</a></p>"
        } else {
            scope = ""
        }
        let empty: Markup = procedures.isEmpty
            ? "<p class=\"empty\">\(context.text(search == nil ? S.intakeNoProcedures : S.intakeNoMatch))</p>"
            : "<p class=\"empty\" data-no-match hidden>\(context.text(S.intakeNoMatch))</p>"
        let body: Markup = """
        <h1>\(context.text(S.intakeReceptionPage))</h1>
        \(ticket.map { "<p class=\"eyebrow\">\(context.text(S.intakeReceptionFromTicket)) <strong>\(HTML.escape($0))</strong></p>" } ?? "")
        <p class="button-row no-print"><a class="button small" href="/overdue">\(context.text(S.intakeOverdueLink))</a> <a class="button small" href="/register">\(context.text(S.intakeRegisterLink))</a></p>
        <section class="panel">
        <h2>\(context.text(S.intakeReceptionPick))</h2>
        \(scope)
        <form method="get" action="/reception" class="inline-form procedure-search">
        \(ticket.map { "<input type=\"hidden\" name=\"ticket\" value=\"\(HTML.escape($0))\">" } ?? "")
        \(all ? "<input type=\"hidden\" name=\"all\" value=\"1\">" : "")
        \(field(id: "pick-search", label: S.intakeFindProcedure, control: "<input id=\"pick-search\" type=\"search\" name=\"q\" value=\"\(HTML.escape(search ?? ""))\" placeholder=\"\(context.text(S.intakeSearchHint))\" autocomplete=\"off\" data-procedure-search>", context: context))
        \(field(id: "pick-sector", label: S.intakeSector, control: "<select id=\"pick-sector\" name=\"sector\">\(sectorOptions(selected: sector, context))</select>", context: context))
        <button type="submit" class="button">\(context.text(S.intakeFilter))</button>
        </form>
        <div class="table-scroll">
        <table class="data procedures">
        <colgroup><col class="code"><col class="name"><col class="sector"><col class="deadline"><col class="act"></colgroup>
        <thead><tr><th scope="col">\(context.text(S.intakeProcedureCode))</th><th scope="col">\(context.text(S.intakeProcedure))</th><th scope="col">\(context.text(S.intakeSector))</th><th scope="col">\(context.text(S.intakeDeadline))</th><th scope="col"><span class="visually-hidden">\(context.text(S.intakeReceive))</span></th></tr></thead>
        <tbody data-procedure-rows>
        \(rows.joined(separator: "\n"))
        </tbody>
        </table>
        </div>
        \(empty)
        </section>
        """
        return layout(title: S.intakeReceptionPage, context: context, body: body, bodyClass: "intake")
    }

    /// The sectors of the counter the signed-in clerk sits at; nil when the caller has no
    /// counter or the counter serves no enabled sector.
    static func clerkSectors(_ context: PageContext) -> [String]? {
        guard let counterID = context.staff?.counter,
              let counter = context.deployment.counters.first(where: { $0.id == counterID }) else { return nil }
        let enabled = Set(context.deployment.enabledSectors.map(\.id))
        let sectors = counter.sectors.filter(enabled.contains)
        return sectors.isEmpty ? nil : sectors
    }

    /// Whether a procedure's code or name (either language) holds every word of a search,
    /// ignoring case and Vietnamese tone marks, as the page's script does.
    static func procedureMatches(_ procedure: Procedure, _ search: String) -> Bool {
        let key = searchKey(procedure.code + " " + procedure.name.vi + " " + procedure.name.en)
        return searchKey(search).split(separator: " ").allSatisfy { key.contains($0) }
    }

    /// Lower case without tone marks (đ → d), so "ho tich" finds "Hộ tịch".
    static func searchKey(_ text: String) -> String {
        // The Vietnamese folding unit names use (no ICU).
        AdministrativeUnits.fold(text)
    }

    /// The reception form of one procedure: exactly the fields the deployment enables and the
    /// procedure requires, the checklist with scans, and the appointment date it would get now.
    /// The reception form. With several cases or channel deadlines, a small GET form picks
    /// the case and channel and the page works the appointment out again; `appointment` is
    /// nil while a case must still be chosen.
    public static func receptionForm(context: PageContext, procedure: Procedure, ticket: String?, appointment: Appointment?, now: Date,
                                     procedureCase: ProcedureCase? = nil, channel: Dossier.Channel = .counter) -> Markup {
        let deployment = context.deployment
        let fields = deployment.form(for: procedure).map { formControl($0.field, required: $0.required, context: context) }
        let checklist: [Markup] = procedure.documents.enumerated().map { index, name in
            """
            <tr><td>\(index + 1)</td><td class="wrap">\(HTML.escape(name))</td>
            <td><input type="checkbox" data-doc-provided="\(index)" aria-label="\(context.text(S.intakeProvided)) \(index + 1)"></td>
            <td><input type="checkbox" data-doc-digitised="\(index)" aria-label="\(context.text(S.intakeDigitised)) \(index + 1)"></td>
            <td><select data-doc-form="\(index)" aria-label="\(context.text(S.intakeDocForm)) \(index + 1)"><option value=""></option>\(DossierDocument.Form.allCases.map { "<option value=\"\($0.rawValue)\">\(context.text(documentForm($0)))</option>" }.joined())</select></td>
            <td><input type="number" min="1" max="99" value="1" inputmode="numeric" data-doc-copies="\(index)" aria-label="\(context.text(S.intakeDocCopies)) \(index + 1)"></td>
            <td><input type="file" accept="application/pdf,image/jpeg,image/png" data-doc-file="\(index)" aria-label="\(context.text(S.intakeScan)) \(index + 1)"></td></tr>
            """
        }
        let steps: Markup = (appointment?.steps ?? []).map { "<li>\(context.text($0))</li>" }.joined()
        let deadline = procedure.deadline(case: procedureCase, channel: channel)
        let staffCounter = context.staff?.counter
        let counters: Markup = context.deployment.counters.map { counter in
            "<option value=\"\(HTML.escape(counter.id))\"\(counter.id == staffCounter ? " selected" : "")>\(context.text(counter.name))</option>"
        }.joined()
        let channels: Markup = [(Dossier.Channel.counter, S.intakeChannelCounter), (.online, S.intakeChannelOnline), (.postal, S.intakeChannelPostal)]
            .map { "<option value=\"\($0.0.rawValue)\"\($0.0 == channel ? " selected" : "")>\(context.text($0.1))</option>" }.joined()
        let onTheSpot: Markup = deadline.unit == .immediate && appointment?.dueDate == deployment.calendar.local(now).date
            ? "<label class=\"check\"><input type=\"checkbox\" data-on-the-spot> \(context.text(S.intakeOnTheSpot))</label>" : ""
        let body: Markup = """
        <p class="eyebrow"><a href="/reception\(ticket.map { "?ticket=" + percentEncoded($0, keepingSlashes: false) } ?? "")">\(context.text(S.intakeReceptionPage))</a> · \(sectorName(procedure.sector, context))</p>
        <h1>\(context.text(procedure.name)) <code>\(HTML.escape(procedure.code))</code></h1>
        \(casePicker(procedure: procedure, ticket: ticket, chosen: procedureCase, channel: channel, channels: channels, context: context))
        <section class="panel appointment">
        \(appointment.map { "<h2>\(context.text(S.intakeAppointment)): <strong>\(dateText($0.dueDate))</strong> <span class=\"note\">(\(deadlineText(deadline, context)))</span></h2>" }
            ?? "<h2>\(context.text(S.intakeCaseChoose))</h2>")
        <details><summary>\(context.text(S.intakeAppointmentWhy))</summary><ol>\(steps)</ol></details>
        </section>
        <form method="post" data-intake="/api/v1/dossiers" data-procedure="\(HTML.escape(procedure.code))">
        <p class="form-error" role="alert" hidden></p>
        \(ticket.map { "<input type=\"hidden\" data-ticket value=\"\(HTML.escape($0))\">" } ?? "")
        \(procedureCase.map { "<input type=\"hidden\" data-case value=\"\(HTML.escape($0.id))\">" } ?? "")
        <section class="panel">
        <h2>\(context.text(S.intakeApplicantSection))</h2>
        <div class="form-grid">
        \(field(id: "intake-channel", label: S.intakeChannel, control: "<select id=\"intake-channel\" data-channel>\(channels)</select>", context: context))
        \(field(id: "intake-counter", label: WebStrings.counter, control: "<select id=\"intake-counter\" data-counter><option value=\"\">—</option>\(counters)</select>", context: context))
        \(fields.joined(separator: "\n"))
        </div>
        </section>
        <section class="panel">
        <h2>\(context.text(S.intakeChecklist))</h2>
        <div class="table-scroll">
        <table class="data checklist">
        <thead><tr><th scope="col">\(context.text(S.intakeIndex))</th><th scope="col">\(context.text(S.intakeChecklist))</th><th scope="col">\(context.text(S.intakeProvided))</th><th scope="col">\(context.text(S.intakeDigitised))</th><th scope="col">\(context.text(S.intakeDocForm))</th><th scope="col">\(context.text(S.intakeDocCopies))</th><th scope="col">\(context.text(S.intakeScan))</th></tr></thead>
        <tbody>\(checklist.joined(separator: "\n"))</tbody>
        </table>
        </div>
        <p class="field-error" data-doc-error hidden></p>
        </section>
        <section class="panel">
        <details><summary>\(context.text(S.intakeOverrideDue))</summary>
        <div class="form-grid">
        \(field(id: "override-date", label: S.intakeOverrideDate, control: "<input id=\"override-date\" type=\"date\" data-override-date>", context: context))
        \(field(id: "override-reason", label: S.intakeReason, control: "<input id=\"override-reason\" type=\"text\" maxlength=\"300\" data-override-reason>", context: context))
        </div>
        </details>
        \(onTheSpot)
        </section>
        <button type="submit" class="button primary">\(context.text(S.intakeReceive))</button>
        </form>
        """
        return layout(title: S.intakeReceptionPage, context: context, body: body, bodyClass: "intake")
    }

    /// The case and channel picker above the appointment, when the choice changes the deadline.
    static func casePicker(procedure: Procedure, ticket: String?, chosen: ProcedureCase?, channel: Dossier.Channel, channels: Markup,
                           context: PageContext) -> Markup {
        guard procedure.cases.count > 1 || !(chosen?.deadlines ?? procedure.channelDeadlines).values.isEmpty else { return "" }
        let cases: Markup = procedure.cases.map { item in
            "<option value=\"\(HTML.escape(item.id))\"\(item.id == chosen?.id ? " selected" : "")>\(context.text(item.name)) — \(deadlineText(item.deadlines.deadline(for: channel), context))</option>"
        }.joined()
        let caseField: Markup = procedure.cases.count > 1
            ? field(id: "reception-case", label: S.intakeCase,
                    control: "<select id=\"reception-case\" name=\"case\" required>\(chosen == nil ? "<option value=\"\"></option>" : "")\(cases)</select>", context: context)
            : ""
        return """
        <form method="get" action="/reception" class="panel case-picker">
        <input type="hidden" name="procedure" value="\(HTML.escape(procedure.code))">
        \(ticket.map { "<input type=\"hidden\" name=\"ticket\" value=\"\(HTML.escape($0))\">" } ?? "")
        <div class="form-grid">
        \(caseField)
        \(field(id: "reception-channel", label: S.intakeChannel, control: "<select id=\"reception-channel\" name=\"channel\">\(channels)</select>", context: context))
        </div>
        <button type="submit" class="button">\(context.text(S.intakeCaseApply))</button>
        </form>
        """
    }

    /// One form control for a form field, typed so phones and browsers help (date, tel, email).
    static func formControl(_ field: FormField, required: Bool, context: PageContext) -> Markup {
        let id = "f-" + field.id.replacing(".", with: "-")
        let common: Markup = "id=\"\(id)\" data-value=\"\(HTML.escape(field.id))\"\(required ? " required" : "") aria-describedby=\"\(id)-error\(field.help == nil ? "" : " \(id)-hint")\""
        let control: Markup
        switch field.type {
        case .enum:
            let options: Markup = (field.options ?? []).map { "<option value=\"\(HTML.escape($0.value))\">\(context.text($0.label))</option>" }.joined()
            control = "<select \(common)><option value=\"\"></option>\(options)</select>"
        case .date:
            control = "<input type=\"date\" \(common)>"
        case .phone:
            control = "<input type=\"tel\" inputmode=\"tel\" autocomplete=\"off\" \(common)>"
        case .email:
            control = "<input type=\"email\" autocomplete=\"off\" \(common)>"
        case .citizenID:
            control = "<input type=\"text\" inputmode=\"numeric\" maxlength=\"12\" autocomplete=\"off\" \(common)>"
        case .money:
            control = "<input type=\"text\" inputmode=\"numeric\" autocomplete=\"off\" \(common)>"
        case .number:
            control = "<input type=\"number\" step=\"1\" \(common)>"
        case .text, .address:
            control = "<input type=\"text\" autocomplete=\"off\"\(field.validation?.maxLength.map { " maxlength=\"\($0)\"" } ?? "") \(common)>"
        }
        let label = LocalizedText(vi: field.label.vi + (required ? " *" : ""), en: field.label.en + (required ? " *" : ""))
        return Pages.field(id: id, label: label, control: control, hint: field.help, context: context)
    }

    /// A dossier for the clerk: summary, form values, checklist, history, actions, forms.
    ///
    /// `postal` is present when the deployment composes the postal add-on: the dossier's
    /// shipment (nil before registration), the communes offered and the fee shown.
    /// `portal` is the dossier's state on the national portal when the deployment enables the
    /// portal add-on; `canResend` shows the supervisor's resend button.
    public static func dossierView(context: PageContext, dossier: Dossier, history: [DossierStep], now: Date,
                                   postal: (shipment: PostalShipment?, communes: [String], fee: Int64?)? = nil,
                                   portal: PortalDossierSync? = nil, canResend: Bool = false) -> Markup {
        let deployment = context.deployment
        let procedure = deployment.procedure(dossier.procedure)
        let code = HTML.escape(percentEncoded(dossier.code, keepingSlashes: false))
        let values: Markup = deployment.formFields.filter { dossier.formValues[$0.id] != nil }.map { field in
            "<tr><th scope=\"row\">\(context.text(field.label))</th><td>\(HTML.escape(displayValue(field, dossier.formValues[field.id]!, context)))</td></tr>"
        }.joined()
        let documents: Markup = dossier.documents.isEmpty ? "<p class=\"empty\">\(context.text(S.intakeNoDocuments))</p>" : "<ol>" + dossier.documents.map { document in
            let scan: Markup = document.file.map { " <a href=\"/api/v1/dossiers/\(code)/documents/\(document.index)\">\(context.text(S.intakeOpenScan)) (\($0.size / 1024) KB)</a>" } ?? ""
            return "<li>\(HTML.escape(document.name))\(document.digitised ? " <span class=\"badge on\">\(context.text(S.intakeDigitised))</span>" : "")\(scan)</li>"
        }.joined() + "</ol>"
        let next = Dossier.workflow[dossier.status] ?? []
        let actions = next.map { status in
            let needsNote = [Dossier.Status.supplementRequested, .refused, .stopped].contains(status)
            return """
            <form method="post" data-api="/api/v1/dossiers/\(code)/transitions" data-method="POST" class="action-form">
            <input type="hidden" name="status" value="\(status.rawValue)">
            \(needsNote ? "<label>\(context.text(S.intakeReason)) <textarea name=\"note\" required rows=\"2\"></textarea></label>" : "<input type=\"text\" name=\"note\" placeholder=\"\(context.text(S.intakeNote))\" aria-label=\"\(context.text(S.intakeNote))\">")
            <button type="submit" class="button\(status == .refused || status == .stopped ? " danger" : " primary")">\(context.text(S.intakeAction(status)))</button>
            </form>
            """
        }.joined()
        let extend: Markup
        if dossier.extendedDueAt != nil {
            extend = "<p class=\"note\">\(context.text(S.intakeAlreadyExtended))</p>"
        } else if !dossier.isClosed, dossier.status != .done {
            extend = """
            <form method="post" data-api="/api/v1/dossiers/\(code)/extension" data-method="POST">
            <p class="form-error" role="alert" hidden></p>
            <div class="form-grid">
            \(field(id: "extend-date", label: S.intakeNewDate, control: "<input id=\"extend-date\" name=\"date\" type=\"date\" required>", context: context))
            \(field(id: "extend-reason", label: S.intakeReason, control: "<input id=\"extend-reason\" name=\"reason\" type=\"text\" required>", context: context))
            </div>
            <button type="submit" class="button">\(context.text(S.intakeExtendHeading))</button>
            </form>
            """
        } else {
            extend = ""
        }
        let forms: Markup = ["01", "02", "03", "04", "05", "06"].map { number in
            "<a class=\"button small\" href=\"/dossiers/\(code)/forms/\(number)\" target=\"_blank\">\(context.text(S.intakeFormNumber)) \(number)</a>"
        }.joined(separator: " ")
        let body: Markup = """
        <p class="eyebrow"><a href="/reception">\(context.text(S.intakeReceptionPage))</a> · <a href="/overdue">\(context.text(S.intakeOverdueLink))</a></p>
        <h1>\(context.text(S.intakeDossierCode)) <code>\(HTML.escape(dossier.code))</code> <span class="badge status-\(dossier.status.rawValue)">\(context.text(S.intakeStatus(dossier.status)))</span></h1>
        \(context.offers.contains(.payments) ? "<p class=\"button-row no-print\"><a class=\"button primary\" href=\"/payments?dossier=\(code)\">\(context.text(WebStrings.payCollectFees))</a></p>" : "")
        <section class="facts-grid">
        <div class="fact"><table class="facts">
        <tr><th scope="row">\(context.text(S.intakeProcedure))</th><td>\(procedure.map { context.text($0.name) } ?? "") <code>\(HTML.escape(dossier.procedure))</code></td></tr>
        <tr><th scope="row">\(context.text(S.intakeApplicant))</th><td>\(HTML.escape(dossier.applicantName))</td></tr>
        <tr><th scope="row">\(context.text(S.intakeChannel))</th><td>\(context.text(channelTitle(dossier.channel)))</td></tr>
        <tr><th scope="row">\(context.text(S.intakeReceivedAt))</th><td>\(dateTimeText(dossier.receivedAt, context))</td></tr>
        <tr><th scope="row">\(context.text(S.intakeDueAt))</th><td>\(dateTimeText(dossier.dueAt, context))\(dossier.dueOverrideReason.map { " — \(HTML.escape($0))" } ?? "")</td></tr>
        \(dossier.extendedDueAt.map { "<tr><th scope=\"row\">\(context.text(S.intakeExtendedTo))</th><td>\(dateTimeText($0, context)) — \(HTML.escape(dossier.extensionReason ?? ""))</td></tr>" } ?? "")
        \(verdict(dossier, context).map { "<tr><th scope=\"row\">\(context.text(S.intakeVerdict))</th><td>\($0)</td></tr>" } ?? "")
        </table></div>
        <div class="fact"><h2>\(context.text(S.intakeFormValues))</h2><table class="facts">\(values)</table></div>
        <div class="fact"><h2>\(context.text(S.intakeChecklist))</h2>\(documents)</div>
        </section>
        \(next.isEmpty ? "" : "<section class=\"panel\"><h2>\(context.text(S.intakeMoveTo))</h2><div class=\"actions\">\(actions)</div></section>")
        \(extend.isEmpty ? "" : "<section class=\"panel\"><h2>\(context.text(S.intakeExtendHeading))</h2>\(extend)</section>")
        \(postal.map { postalPanel(dossier, $0.shipment, communes: $0.communes, fee: $0.fee, context) } ?? "")
        \(portal.map { portalPanel(code, $0, canResend: canResend, context) } ?? "")
        <section class="panel"><h2>\(context.text(S.intakePrintForms))</h2><p class="button-row">\(forms)</p></section>
        <section><h2>\(context.text(S.intakeHistory))</h2>\(historyTable(history, showActor: true, context: context))</section>
        """
        return layout(title: LocalizedText(vi: "Hồ sơ \(dossier.code)", en: "Dossier \(dossier.code)"), context: context, body: body, bodyClass: "intake")
    }

    /// The dossier's state on the national portal, with the resend button for a supervisor.
    static func portalPanel(_ code: Markup, _ sync: PortalDossierSync, canResend: Bool, _ context: PageContext) -> Markup {
        let state: Markup = switch sync.state {
        case .waiting: "<span class=\"badge\">\(context.text(S.portalWaiting))</span>"
        case .sent: "<span class=\"badge on\">\(context.text(S.portalSent))</span>"
        case .refused: "<span class=\"badge off\">\(context.text(S.portalRefused))</span>"
        }
        let answer: Markup = sync.lastMessage.map { message in
            let when: String = sync.lastAnswerAt.map { " — " + dateTimeText($0, context) } ?? ""
            // The portal's code means something to the province's IT only when it is a failure.
            let code: Markup = (sync.lastErrorCode ?? "0") == "0" ? "" : " (\(context.text(S.portalErrorCode)) \(HTML.escape(sync.lastErrorCode ?? "")))"
            return "<tr><th scope=\"row\">\(context.text(S.portalLastAnswer))</th><td class=\"wrap\">\(HTML.escape(message))\(code)\(when)</td></tr>"
        } ?? ""
        let resend: Markup = canResend ? """
            <form method="post" data-api="/api/v1/dossiers/\(code)/portal-resend" data-method="POST">
            <p class="form-error" role="alert" hidden></p>
            <button type="submit" class="button">\(context.text(S.portalResend))</button>
            </form>
            """ : ""
        return """
        <section class="panel" aria-labelledby="portal-heading"><h2 id="portal-heading">\(context.text(S.portalTitle)) \(state)</h2>
        <table class="facts">
        <tr><th scope="row">\(context.text(S.portalCode))</th><td><code>\(HTML.escape(sync.portalCode))</code></td></tr>
        \(answer)
        </table>
        \(resend)
        </section>
        """
    }

    /// The national portal sender's card for a supervisor: entries waiting, the oldest unsent,
    /// messages set aside, the last error and the last success.
    static func portalStatusCard(_ status: PortalSyncStatus, _ context: PageContext) -> Markup {
        func when(_ date: Date?) -> Markup {
            guard let date else { return context.text(S.portalNone) }
            return "\(dateTimeText(date, context))"
        }
        var error: Markup = context.text(S.portalNone)
        if let reason = status.lastError { error = "\(when(status.lastErrorAt)) — \(context.text(reason))" }
        return """
        <section class="panel" aria-labelledby="portal-card-heading">
        <h2 id="portal-card-heading">\(context.text(S.portalTitle))</h2>
        <table class="facts">
        <tr><th scope="row">\(context.text(S.portalEntriesWaiting))</th><td>\(VietnameseNumber.grouped(Int64(status.waiting)))</td></tr>
        <tr><th scope="row">\(context.text(S.portalOldestUnsent))</th><td>\(when(status.oldestUnsent))</td></tr>
        <tr><th scope="row">\(context.text(S.portalSetAside))</th><td>\(VietnameseNumber.grouped(Int64(status.refused)))</td></tr>
        <tr><th scope="row">\(context.text(S.portalLastSuccess))</th><td>\(when(status.lastSuccessAt))</td></tr>
        <tr><th scope="row">\(context.text(S.portalAccepted))</th><td>\(VietnameseNumber.grouped(Int64(status.accepted))) \(context.text(S.portalMessages))</td></tr>
        <tr><th scope="row">\(context.text(S.portalLastError))</th><td class="wrap">\(error)</td></tr>
        </table>
        </section>
        """
    }

    /// The history as a table; citizens see no actor.
    static func historyTable(_ history: [DossierStep], showActor: Bool, context: PageContext) -> Markup {
        let rows = history.map { step in
            let what: Markup
            if let to = step.to {
                what = context.text(S.intakeStatus(to))
            } else if step.kind == extendedStep {
                what = context.text(S.intakeExtendedTo)
            } else {
                what = context.text(S.intakeOverrideDate)
            }
            return "<tr><td>\(dateTimeText(step.at, context))</td><td>\(what)</td>\(showActor ? "<td>\(HTML.escape(context.actorName(step.actor)))</td><td class=\"wrap\">\(HTML.escape(step.note ?? ""))</td>" : "")</tr>"
        }.joined()
        return """
        <div class="table-scroll"><table class="data">
        <thead><tr><th scope="col">\(context.text(S.intakeWhen))</th><th scope="col">\(context.text(S.intakeStep))</th>\(showActor ? "<th scope=\"col\">\(context.text(S.intakeWho))</th><th scope=\"col\">\(context.text(S.intakeNote))</th>" : "")</tr></thead>
        <tbody>\(rows)</tbody>
        </table></div>
        """
    }

    /// The overdue list: open dossiers due by the end of the next working day, or late.
    public static func overdueList(context: PageContext, dossiers: [Dossier], now: Date) -> Markup {
        let calendar = context.deployment.calendar
        let today = calendar.local(now).date
        let rows: Markup = dossiers.map { dossier in
            let code = HTML.escape(percentEncoded(dossier.code, keepingSlashes: false))
            let due = calendar.local(dossier.promisedAt).date
            let state: Markup = dossier.promisedAt < now ? "<span class=\"badge late\">\(context.text(S.intakeLateNow))</span>"
                : due == today ? "<span class=\"badge soon\">\(context.text(S.intakeDueToday))</span>"
                : "<span class=\"badge soon\">\(context.text(S.intakeDueSoon))</span>"
            return "<tr><td><a href=\"/dossiers/\(code)\"><code>\(HTML.escape(dossier.code))</code></a></td><td>\(HTML.escape(dossier.procedure))</td><td>\(HTML.escape(dossier.applicantName))</td><td>\(context.text(S.intakeStatus(dossier.status)))</td><td>\(dateTimeText(dossier.promisedAt, context))</td><td>\(state)</td></tr>"
        }.joined(separator: "\n")
        let body: Markup = """
        <h1>\(context.text(S.intakeOverduePage))</h1>
        <p class="note">\(context.text(S.intakeOverdueNote))</p>
        \(dossiers.isEmpty ? "<p class=\"empty\">\(context.text(S.intakeNoOverdue))</p>" : """
        <div class="table-scroll"><table class="data">
        <thead><tr><th scope="col">\(context.text(S.intakeDossierCode))</th><th scope="col">\(context.text(S.intakeProcedure))</th><th scope="col">\(context.text(S.intakeApplicant))</th><th scope="col">\(context.text(WebStrings.status))</th><th scope="col">\(context.text(S.intakeDueAt))</th><th scope="col"></th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        """)
        """
        return layout(title: S.intakeOverduePage, context: context, body: body, bodyClass: "intake")
    }

    /// The public lookup: a dossier's status, due date and steps (no personal data), then
    /// the procedure catalogue with documents, fees and deadlines, filterable by sector.
    ///
    /// `catalogue` is ``lookupCatalogue(context:sector:)`` rendered earlier for the same
    /// language and sector; nil renders it now.
    public static func lookup(context: PageContext, code: String, searched: Bool, dossier: Dossier?, history: [DossierStep],
                              needsPhone: Bool, sector: String?, phone: String? = nil, catalogue: Markup? = nil) -> Markup {
        let deployment = context.deployment
        var result: Markup = ""
        if let dossier {
            let procedure = deployment.procedure(dossier.procedure)
            let bring: Markup = dossier.status == .supplementRequested ? dossier.lastNote.map {
                "<tr><th scope=\"row\">\(context.text(S.intakeWhatToBring))</th><td class=\"wrap\">\(HTML.escape($0))</td></tr>"
            } ?? "" : ""
            result = """
            <section class="panel lookup-result" aria-live="polite">
            <h2><code>\(HTML.escape(dossier.code))</code> <span class="badge status-\(dossier.status.rawValue)">\(context.text(S.intakeStatus(dossier.status)))</span></h2>
            <table class="facts">
            <tr><th scope="row">\(context.text(S.intakeProcedure))</th><td class="wrap">\(publicProcedureName(procedure, code: dossier.procedure, context))</td></tr>
            <tr><th scope="row">\(context.text(S.intakeReceivedAt))</th><td>\(dateTimeText(dossier.receivedAt, context))</td></tr>
            <tr><th scope="row">\(context.text(S.intakeAppointment))</th><td><strong>\(dateText(dossier.promisedAt, context))</strong>\(dossier.extendedDueAt == nil ? "" : " <span class=\"badge changed\">\(context.text(S.intakeDateChanged))</span>")</td></tr>
            \(bring)
            </table>
            \(dateMoved(dossier, history: history, context))
            \(historyTable(history.filter { $0.to != nil || $0.kind == Self.extendedStep }, showActor: false, context: context))
            \(lookupLinks(dossier, context, phone: phone))
            </section>
            """
        } else if searched {
            result = "<section class=\"panel\" aria-live=\"polite\"><p>\(context.text(S.intakeLookupNotFound))</p></section>"
        }
        let phone = needsPhone ? field(id: "lookup-phone", label: S.intakePhoneDigits, control: "<input id=\"lookup-phone\" name=\"phone\" inputmode=\"numeric\" maxlength=\"4\" pattern=\"[0-9]{4}\" required>", context: context) : ""
        let catalogue = catalogue ?? lookupCatalogue(context: context, sector: sector)
        let body: Markup = """
        <section class="panel narrow-wide">
        <h1>\(context.text(S.intakeLookupHeading))</h1>
        <p class="note">\(context.text(S.intakeLookupNote))</p>
        \(bookingLink(context))
        <form method="get" action="/lookup" class="inline-form">
        \(field(id: "lookup-code", label: S.intakeDossierCode, control: "<input id=\"lookup-code\" name=\"code\" value=\"\(HTML.escape(code))\" autocomplete=\"off\" autocapitalize=\"characters\" spellcheck=\"false\" required>", context: context))
        \(phone)
        <button type="submit" class="button primary">\(context.text(S.intakeSearch))</button>
        </form>
        </section>
        \(result)
        <section>
        <h2>\(context.text(S.intakeCatalogueHeading))</h2>
        <form method="get" action="/lookup" class="inline-form">
        \(field(id: "catalogue-sector", label: S.intakeSector, control: "<select id=\"catalogue-sector\" name=\"sector\">\(sectorOptions(selected: sector, context))</select>", context: context))
        <button type="submit" class="button">\(context.text(S.intakeFilter))</button>
        </form>
        \(catalogue)
        </section>
        """
        return layout(title: S.intakeLookupHeading, context: context, body: body, bodyClass: "intake lookup")
    }

    /// The journal kind of the step that moved a dossier's date with an apology letter (form 04).
    static let extendedStep = "dossier.extended"

    /// What the citizen reads when the centre moved the date: that it changed, from and to
    /// which date, the reason given and the day of the apology letter, when recorded.
    static func dateMoved(_ dossier: Dossier, history: [DossierStep], _ context: PageContext) -> Markup {
        guard let extended = dossier.extendedDueAt else { return "" }
        let moved = S.intakeDateMoved(from: dateText(dossier.dueAt, context), to: dateText(extended, context))
        let reason: Markup = dossier.extensionReason.map { "<p class=\"wrap\">\(context.text(S.intakeDateMovedReason)): \($0)</p>" } ?? ""
        let apology: Markup = history.last { $0.kind == extendedStep }.map { "<p>\(context.text(S.intakeApologyDated(dateText($0.at, context))))</p>" } ?? ""
        return """
        <div class="date-moved" role="note">
        <p><strong>\(context.text(moved))</strong></p>
        \(reason)
        \(apology)
        </div>
        """
    }

    /// The procedure catalogue of the lookup page, narrowed to `sector` when one is given: it
    /// depends only on the deployment, the language and the sector.
    public static func lookupCatalogue(context: PageContext, sector: String?) -> Markup {
        let procedures = context.deployment.enabledProcedures.filter { sector == nil || sector == "" || $0.sector == sector }
        return procedures.map { procedure in
            let fees = procedure.fees.isEmpty || procedure.fees.allSatisfy({ $0.amount == 0 }) ? context.text(S.intakeFree)
                : procedure.fees.map { "\(context.text($0.name)): \(money($0.amount))" }.map { $0 }.joined(separator: "; ")
            return """
            <details class="procedure"><summary><code>\(HTML.escape(procedure.code))</code> \(context.text(procedure.name)) <span class="note">— \(deadlineText(procedure.deadline, context))</span></summary>
            <p><strong>\(context.text(S.intakeSector)):</strong> \(sectorName(procedure.sector, context)) · <strong>\(context.text(S.intakeFees)):</strong> \(fees)</p>
            <p><strong>\(context.text(S.intakeDocumentsNeeded)):</strong></p><ol>\(procedure.documents.map { "<li>\(HTML.escape($0))</li>" }.joined())</ol>
            </details>
            """
        }.joined(separator: "\n")
    }

    /// What a citizen can do next about a dossier, with the plugins this deployment composes:
    /// see and pay its fees, and rate it once it is returned.
    static func lookupLinks(_ dossier: Dossier, _ context: PageContext, phone: String? = nil) -> Markup {
        // The phone digits the citizen typed go along, so the fees page does not ask again.
        let code = percentEncoded(dossier.code, keepingSlashes: false) + (phone.map { "&phone=" + percentEncoded($0, keepingSlashes: false) } ?? "")
        var links: [Markup] = []
        if context.offers.contains(.payments) {
            links.append("<a class=\"button\" href=\"/payments/status?dossier=\(HTML.escape(code))\">\(context.text(WebStrings.lookupFees))</a>")
        }
        if context.offers.contains(.ratings), dossier.status == .returned {
            links.append("<a class=\"button\" href=\"/rate\">\(context.text(WebStrings.lookupRate))</a>")
        }
        return links.isEmpty ? "" : "<p class=\"button-row\">\(links.joined(separator: " "))</p>"
    }

    /// A link to book an appointment, when the deployment takes bookings.
    static func bookingLink(_ context: PageContext) -> Markup {
        guard context.offers.contains(.booking) else { return "" }
        return "<p><a class=\"button\" href=\"/appointments\">\(context.text(WebStrings.lookupBook))</a></p>"
    }

    /// A 404 or 429 on an intake page, as a page.
    public static func intakeProblem(context: PageContext, problem: Problem) -> Markup {
        let body: Markup = """
        <section class="panel message-panel">
        <h1>\(context.text(problem.status == 404 ? WebStrings.notFound : S.intakeLookupHeading))</h1>
        <p>\(context.text(problem.message))</p>
        <p><a class="button" href="/">\(context.text(WebStrings.backHome))</a></p>
        </section>
        """
        return layout(title: WebStrings.notFound, context: context, body: body)
    }

    // MARK: Pieces

    static func sectorName(_ id: String, _ context: PageContext) -> Markup {
        context.deployment.sector(id).map { context.text($0.name) } ?? HTML.escape(id)
    }

    static func sectorOptions(selected: String?, _ context: PageContext) -> Markup {
        "<option value=\"\">\(context.text(S.intakeAllSectors))</option>" + context.deployment.enabledSectors.map { sector in
            "<option value=\"\(HTML.escape(sector.id))\"\(sector.id == selected ? " selected" : "")>\(context.text(sector.name))</option>"
        }.joined()
    }

    static func deadlineText(_ deadline: Deadline, _ context: PageContext) -> Markup {
        let n = deadline.value ?? 0
        var text: Markup
        switch deadline.unit {
        case .immediate: text = context.text(S.intakeSameDay)
        case .workingDays: text = "\(n) \(context.text(S.intakeWorkingDaysUnit))"
        case .days: text = "\(n) \(context.text(S.intakeDaysUnit))"
        case .hours: text = "\(n) \(context.text(S.intakeHoursUnit))"
        case .months: text = "\(n) \(context.text(S.intakeMonthsUnit))"
        }
        if let cutoff = deadline.cutoff { text += "; \(context.text(S.intakeAfterCutoff)) \(cutoff) \(context.text(S.intakeNextDay))" }
        return text
    }

    static func channelTitle(_ channel: Dossier.Channel) -> LocalizedText {
        switch channel {
        case .counter: S.intakeChannelCounter
        case .online: S.intakeChannelOnline
        case .postal: S.intakeChannelPostal
        }
    }

    static func verdict(_ dossier: Dossier, _ context: PageContext) -> Markup? {
        let calendar = context.deployment.calendar
        guard let finished = dossier.finishedAt,
              let verdict = dossier.verdict(dueDay: calendar.local(dossier.dueAt).date, finishedDay: calendar.local(finished).date) else { return nil }
        return "<span class=\"badge verdict-\(verdict.rawValue)\">\(context.text(S.intakeVerdict(verdict)))</span>"
    }

    /// A stored value as a person reads it: dates as dd/MM/yyyy, amounts with dots, enum labels.
    static func displayValue(_ field: FormField, _ value: String, _ context: PageContext) -> String {
        switch field.type {
        case .date: return LocalDate(iso: value).map(dateText) ?? value
        case .money: return Int64(value).map(money) ?? value
        case .enum: return field.options?.first { $0.value == value }?.label.text(context.language) ?? value
        default: return value
        }
    }
}
