#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// The printable forms of a dossier (Circular 01/2018/TT-VPCP, kept by Circular 03/2025):
/// 01 receipt and appointment slip, 02 supplement request, 03 refusal, 04 apology and
/// extension, 05 stop notice, 06 control sheet, and 07 the register (HTML and CSV). Each is
/// one A4 sheet with the national motto header, the agency and the form number.
extension Pages {
    /// Form `number` (01–06) of a dossier; 404 for any other number.
    ///
    /// `clerkName` is the receiving clerk's display name for the signature of form 01.
    public static func intakeForm(_ number: String, context: PageContext, dossier: Dossier, history: [DossierStep], now: Date,
                                  clerkName: String? = nil, facts: IntakeFormFacts = IntakeFormFacts()) throws -> Markup {
        let title: LocalizedText
        let content: Markup
        switch number {
        case "01": (title, content) = (S.intakeForm01, form01(dossier, clerkName: clerkName ?? facts.name(of: dossier.clerk.map { "user:" + $0 }, context), facts, context))
        case "02": (title, content) = (S.intakeForm02, reasonForm(dossier, history, .supplementRequested, S.intakeForm02Body, S.intakeForm02Close, signer: S.intakeClerkSigner,
                                                            facts: facts, context))
        case "03": (title, content) = (S.intakeForm03, reasonForm(dossier, history, .refused, S.intakeForm03Body, S.intakeForm03Close, signer: S.intakeClerkSigner,
                                                            facts: facts, context))
        case "04": (title, content) = (S.intakeForm04, form04(dossier, context))
        case "05": (title, content) = (S.intakeForm05, reasonForm(dossier, history, .stopped, S.intakeForm05Body, S.intakeForm03Close, signer: S.intakeHead,
                                                            facts: facts, context))
        case "06": (title, content) = (S.intakeForm06, form06(dossier, history, facts, context))
        default:
            throw Problem("intake.no-such-form", status: 404, en: S.intakeUnknownForm.en, vi: S.intakeUnknownForm.vi)
        }
        // Each letter is dated the day it was issued: the step it records, or today.
        let issued: Date = switch number {
        case "02": history.last { $0.to == .supplementRequested }?.at ?? now
        case "03": history.last { $0.to == .refused }?.at ?? now
        case "04": history.last { $0.kind == "dossier.extended" }?.at ?? now
        case "05": history.last { $0.to == .stopped }?.at ?? now
        default: dossier.receivedAt
        }
        let sheet = a4Sheet(number: number, title: title, reference: dossier.code, date: issued, context: context, content: content)
        return printLayout(title: title, context: context, sheet: sheet)
    }

    /// Form 07: the register of dossiers received in a period.
    ///
    /// `sentOn` gives, by dossier code, when the dossier went to the processing agency (its
    /// first move to "in process").
    public static func register(context: PageContext, dossiers: [Dossier], from first: LocalDate, to last: LocalDate,
                                sentOn: [String: Date] = [:]) -> Markup {
        let rows: Markup = dossiers.enumerated().map { index, dossier in
            let procedure = context.deployment.procedure(dossier.procedure)
            let contact = [dossier.formValues["applicant.address"], dossier.formValues["applicant.phone"]].compactMap { $0 }.joined(separator: "; ")
            return """
            <tr><td>\(index + 1)</td><td><code>\(HTML.escape(dossier.code))</code></td><td class="wrap">\(procedureText(dossier, procedure, context))</td><td>1</td>
            <td class="wrap">\(HTML.escape(dossier.applicantName))</td><td class="wrap">\(HTML.escape(contact))</td><td class="wrap">\(agencyName(dossier, context))</td>
            <td>\(dateTimeText(dossier.receivedAt, context))</td><td>\(dateText(dossier.promisedAt, context))</td>
            <td>\(sentOn[dossier.code].map { dateText($0, context) } ?? "")</td>
            <td>\(dossier.finishedAt.map { dateText($0, context) } ?? "")</td><td>\(dossier.returnedAt.map { dateText($0, context) } ?? "")</td>
            <td class="sign-cell"></td>
            <td>\(context.text(S.intakeStatus(dossier.status)))\(verdict(dossier, context).map { " " + $0 } ?? "")</td></tr>
            """
        }.joined(separator: "\n")
        let query = "from=\(first)&to=\(last)"
        let content: Markup = """
        <form method="get" action="/register" class="inline-form no-print">
        \(field(id: "register-from", label: S.intakeFrom, control: "<input id=\"register-from\" type=\"date\" name=\"from\" value=\"\(first)\">", context: context))
        \(field(id: "register-to", label: S.intakeTo, control: "<input id=\"register-to\" type=\"date\" name=\"to\" value=\"\(last)\">", context: context))
        <button type="submit" class="button">\(context.text(S.intakeShow))</button>
        <a class="button" href="/register.csv?\(HTML.escape(query))">\(context.text(S.intakeExportCSV))</a>
        </form>
        \(fullExportForm(action: "/register.csv", from: first, to: last, context: context))
        <p class="center">\(context.text(S.intakeFrom)) \(dateText(first)) \(S.intakeTo.text(context.language).lowercased()) \(dateText(last))</p>
        <table class="register">
        <thead><tr><th>\(context.text(S.intakeIndex))</th><th>\(context.text(S.intakeDossierCode))</th><th>\(context.text(S.intakeProcedure))</th><th>\(context.text(S.intakeDocumentCount))</th>
        <th>\(context.text(S.intakeApplicant))</th><th>\(context.text(S.intakeResidence)) / \(context.text(S.intakePhoneNumber))</th><th>\(context.text(S.intakeLeadAgency))</th>
        <th>\(context.text(S.intakeReceivedAt))</th><th>\(context.text(S.intakeDueAt))</th><th>\(context.text(S.intakeSentOn))</th><th>\(context.text(S.intakeStatusDone))</th>
        <th>\(context.text(S.intakeResultReturned))</th><th>\(context.text(S.intakeRecipientSign))</th><th>\(context.text(S.intakeNote))</th></tr></thead>
        <tbody>\(rows)</tbody>
        </table>
        """
        let sheet = a4Sheet(number: "07", title: S.intakeForm07, reference: nil, date: nil, context: context, content: content, landscape: true)
        return printLayout(title: S.intakeForm07, context: context, sheet: sheet, landscape: true)
    }

    /// Form 07 as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the accents),
    /// followed by the national portal's columns (`MaHoSo`, `MaTTHC`, … from ``PortalMapping/exportFields``)
    /// in the codes the portal knows (`codes`: imported dossiers' own codes, mapped sectors and procedures).
    public static func registerCSV(_ dossiers: [Dossier], deployment: Deployment, codes: PortalCodes = PortalCodes()) -> String {
        let calendar = deployment.calendar
        func cell(_ text: String) -> String {
            // A leading =, +, - or @ would run as a formula in a spreadsheet.
            let safe = text.first.map { "=+-@".contains($0) } == true ? "'" + text : text
            return "\"" + safe.replacing("\"", with: "\"\"") + "\""
        }
        func time(_ date: Date?) -> String {
            guard let date else { return "" }
            let (day, clock) = calendar.local(date)
            return "\(day) \(clock)"
        }
        var lines = ["stt,ma_ho_so,ma_thu_tuc,ten_thu_tuc,linh_vuc,kenh,nguoi_nop,dia_chi,dien_thoai,ngay_nhan,hen_tra,hen_lai,ngay_co_ket_qua,ngay_tra,trang_thai,dung_han,so_lan_bo_sung,"
                     + PortalMapping.exportFields.joined(separator: ",")]
        for (index, dossier) in dossiers.enumerated() {
            let verdict = dossier.finishedAt.flatMap { dossier.verdict(dueDay: calendar.local(dossier.dueAt).date, finishedDay: calendar.local($0).date) }
            lines.append([
                String(index + 1), cell(dossier.code), cell(dossier.procedure), cell(deployment.procedure(dossier.procedure)?.name.vi ?? ""),
                cell(dossier.sector), dossier.channel.rawValue, cell(dossier.applicantName), cell(dossier.formValues["applicant.address"] ?? ""),
                cell(dossier.formValues["applicant.phone"] ?? ""), time(dossier.receivedAt), time(dossier.dueAt), time(dossier.extendedDueAt),
                time(dossier.finishedAt), time(dossier.returnedAt), dossier.status.rawValue, verdict?.rawValue ?? "", String(dossier.supplementRequests),
            ].joined(separator: ",") + "," + PortalMapping.exportValues(PortalDossier(dossier, deployment: deployment, codes: codes)).map(cell).joined(separator: ","))
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    // MARK: The forms

    private static func form01(_ dossier: Dossier, clerkName: String?, _ facts: IntakeFormFacts, _ context: PageContext) -> Markup {
        let procedure = context.deployment.procedure(dossier.procedure)
        let rows: Markup = dossier.documents.enumerated().map { index, document in
            """
            <tr><td>\(index + 1)</td><td class="wrap">\(HTML.escape(document.name))\(document.digitised ? " <em>(\(S.intakeDigitised.text(context.language).lowercased()))</em>" : "")</td>\
            <td>\(document.form.map { context.text(documentForm($0)) })</td><td class="center">\(document.copies ?? 1)</td></tr>
            """
        }.joined()
        let documents: Markup = dossier.documents.isEmpty
            ? "<ol class=\"documents\"><li class=\"blank\">&nbsp;</li><li class=\"blank\">&nbsp;</li></ol>"
            : """
            <table class="register documents"><thead><tr><th>\(context.text(S.intakeIndex))</th><th>\(context.text(S.intakeChecklist))</th>\
            <th>\(context.text(S.intakeDocForm))</th><th>\(context.text(S.intakeDocCopies))</th></tr></thead><tbody>\(rows)</tbody></table>
            """
        let centre = context.deployment.centre
        let returnPlace: Markup
        if let shipment = facts.shipment, shipment.service.returnsResult {
            returnPlace = "\(context.text(S.intakeReturnByPost)): \(shipment.recipient), \([shipment.addressLine, shipment.commune, shipment.province].joined(separator: ", "))"
        } else {
            returnPlace = "\(context.text(centre.name))\(centre.address.map { ", " + $0 })"
        }
        let url = centre.lookupURL(code: dossier.code)
        let qr: Markup = qrSVG(url ?? dossier.code).map { "<div class=\"qr-image\">\($0)</div>" } ?? ""
        let register: Markup = "\(context.text(S.intakeRegisterBook)) \(context.deployment.calendar.local(dossier.receivedAt).date.year), "
            + "\(context.text(S.intakeRegisterOrder)): \(facts.registerNumber.map(String.init) ?? "……")"
        let caseDeadline = procedure.map { deadlineText($0.deadline(case: $0.cases.first { $0.id == dossier.procedureCase }, channel: dossier.channel), context) }
        return """
        <p>\(context.text(centre.name)) \(context.text(S.intakeForm01Receiving)):</p>
        \(applicantLines(dossier, context))
        <p>\(context.text(S.intakeContent)): <strong>\(procedureText(dossier, procedure, context))</strong></p>
        <p>1. \(context.text(S.intakeChecklist)):</p>
        \(documents)
        <p>2. \(context.text(S.intakeDocumentCount)): \(context.text(S.intakeOneSet))</p>
        <p>3. \(context.text(S.intakeResultAt)): \(caseDeadline)</p>
        <p>4. \(context.text(S.intakeReturnAt)): \(longDateTime(dossier.receivedAt, context))</p>
        <p>5. \(context.text(S.intakeAppointment)): <strong>\(longDateTime(dossier.dueAt, context))</strong></p>
        <p>6. \(context.text(S.intakeReturnPlace)): \(returnPlace)</p>
        <p>\(register)</p>
        <div class="qr-box">\(qr)<div><strong class="qr-code">\(HTML.escape(dossier.code))</strong><br><span class="note">\(context.text(S.intakeQrNote)): \(url ?? "/lookup")</span></div></div>
        \(signatures(left: S.intakeReceiver, right: S.intakeClerkSigner, rightName: clerkName, context))
        """
    }

    static func documentForm(_ form: DossierDocument.Form) -> LocalizedText {
        switch form {
        case .original: S.intakeDocOriginal
        case .copy: S.intakeDocCopy
        case .photocopy: S.intakeDocPhotocopy
        }
    }

    /// The procedure's name and code, with the case it was received under.
    static func procedureText(_ dossier: Dossier, _ procedure: Procedure?, _ context: PageContext) -> Markup {
        let caseName: Markup? = procedure?.cases.first { $0.id == dossier.procedureCase }.map { " — \(context.text(S.intakeCase)): \(context.text($0.name))" }
        return "\(procedure.map { context.text($0.name) }) (\(dossier.procedure))\(caseName)"
    }

    /// The agency that processes the dossier: its sector's agency, else the centre.
    static func agencyName(_ dossier: Dossier, _ context: PageContext) -> Markup {
        let deployment = context.deployment
        if let agency = deployment.sector(dossier.sector)?.agency, let found = deployment.agencies.first(where: { $0.id == agency }) {
            return context.text(found.name)
        }
        return context.text(deployment.centre.name)
    }

    private static func reasonForm(_ dossier: Dossier, _ history: [DossierStep], _ status: Dossier.Status, _ body: LocalizedText, _ closing: LocalizedText,
                                   signer: LocalizedText, facts: IntakeFormFacts, _ context: PageContext) -> Markup {
        let procedure = context.deployment.procedure(dossier.procedure)
        let step = history.last { $0.to == status }
        let reason = step?.note
        // Form 02 names the officer who guides the citizen, and how to reach the centre.
        let officer = step.map { facts.name(of: $0.actor, context) }
        let guide: Markup = status == .supplementRequested
            ? "<p>\(context.text(S.intakeGuide)): <strong>\(officer ?? "……")</strong>"
                + "\(context.deployment.centre.phone.map { " · \(S.intakePhoneNumber.text(context.language)): \($0)" })</p>"
            : ""
        let reasonHTML: Markup = reason.map { "<p class=\"reason\">\(HTML.escape($0))</p>" } ?? "<p class=\"blank\">&nbsp;</p><p class=\"blank\">&nbsp;</p><p class=\"blank\">&nbsp;</p>"
        return """
        <p class="to">\(context.text(S.intakeRecipientTo)): <strong>\(HTML.escape(dossier.applicantName))</strong></p>
        <p>\(context.text(context.deployment.centre.name)) \(context.text(S.intakeForm01Receiving)):</p>
        \(applicantLines(dossier, context))
        <p>\(context.text(S.intakeContent)): <strong>\(procedureText(dossier, procedure, context))</strong></p>
        <p>\(context.text(S.intakeDossierCode)): <strong>\(HTML.escape(dossier.code))</strong> · \(context.text(S.intakeReceivedAt)): \(longDateTime(dossier.receivedAt, context))</p>
        <p>\(context.text(body))</p>
        \(reasonHTML)
        \(guide)
        <p>\(context.text(closing))</p>
        \(signatures(left: nil, right: signer, rightName: status == .supplementRequested ? officer : nil, context))
        """
    }

    private static func form04(_ dossier: Dossier, _ context: PageContext) -> Markup {
        let procedure = context.deployment.procedure(dossier.procedure)
        let newDate: Markup = dossier.extendedDueAt.map { "<strong>\(longDateTime($0, context))</strong>" } ?? "…… / …… / ……"
        return """
        <p class="to">\(context.text(S.intakeRecipientTo)): <strong>\(HTML.escape(dossier.applicantName))</strong></p>
        <p>\(context.text(context.deployment.centre.name)) \(context.text(S.intakeForm01Receiving)):</p>
        \(applicantLines(dossier, context))
        <p>\(context.text(S.intakeContent)): <strong>\(procedure.map { context.text($0.name) } ?? "") (\(HTML.escape(dossier.procedure)))</strong></p>
        <p>\(context.text(S.intakeDossierCode)): <strong>\(HTML.escape(dossier.code))</strong></p>
        <p>\(context.text(S.intakeForm04Body))</p>
        <table class="lines">
        <tr><td>\(context.text(S.intakeReceivedAt))</td><td>\(longDateTime(dossier.receivedAt, context))</td></tr>
        <tr><td>\(context.text(S.intakeAppointment))</td><td>\(longDateTime(dossier.dueAt, context))</td></tr>
        </table>
        \(dossier.extensionReason.map { "<p class=\"reason\">\(HTML.escape($0))</p>" } ?? "<p class=\"blank\">&nbsp;</p><p class=\"blank\">&nbsp;</p>")
        <p>\(context.text(S.intakeForm04Sorry)) \(newDate).</p>
        <p>\(context.text(S.intakeForm04Close))</p>
        \(signatures(left: nil, right: S.intakeHead, rightName: nil, context))
        """
    }

    private static func form06(_ dossier: Dossier, _ history: [DossierStep], _ facts: IntakeFormFacts, _ context: PageContext) -> Markup {
        let procedure = context.deployment.procedure(dossier.procedure)
        let calendar = context.deployment.calendar
        let dueDay = calendar.local(dossier.promisedAt).date
        let agency = agencyName(dossier, context)
        var previous = "—"
        let rows: Markup = history.filter { $0.to != nil }.enumerated().map { index, step in
            let name = facts.name(of: step.actor, context)
            defer { previous = name }
            // Each stage against the appointment: before its day, on it, or after it.
            let day = calendar.local(step.at).date
            let timeliness = step.at > dossier.promisedAt ? S.intakeVerdictLate : day < dueDay ? S.intakeVerdictEarly : S.intakeVerdictOnTime
            return """
            <tr><td>\(index + 1)</td><td class="wrap">\(index == 0 ? context.text(context.deployment.centre.name) : agency)</td><td>\(longDateTime(step.at, context))</td>\
            <td class="wrap">\(previous)</td><td class="wrap">\(name)</td><td>\(context.text(S.intakeStatus(step.to!)))</td>\
            <td>\(context.text(timeliness))</td><td class="sign-cell"></td><td class="wrap">\(step.note ?? "")</td></tr>
            """
        }.joined()
        return """
        <p>\(context.text(S.intakeDossierCode)): <strong>\(HTML.escape(dossier.code))</strong></p>
        <p>\(context.text(S.intakeContent)): <strong>\(procedureText(dossier, procedure, context))</strong></p>
        <p>\(context.text(S.intakeApplicant)): \(HTML.escape(dossier.applicantName))</p>
        <p>\(context.text(S.intakeAgency)): \(agency)</p>
        <p>\(context.text(S.intakeReceivedAt)): \(longDateTime(dossier.receivedAt, context)) · \(context.text(S.intakeAppointment)): \(longDateTime(dossier.promisedAt, context))</p>
        <table class="register control">
        <colgroup><col style="width:5%"><col style="width:16%"><col style="width:13%"><col style="width:12%"><col style="width:12%"><col style="width:10%"><col style="width:9%"><col style="width:9%"><col style="width:14%"></colgroup>
        <thead><tr><th>\(context.text(S.intakeIndex))</th><th>\(context.text(S.intakeAgency))</th><th>\(context.text(S.intakeForm06Handover))</th><th>\(context.text(S.intakeForm06Giver))</th>\
        <th>\(context.text(S.intakeForm06Taker))</th><th>\(context.text(S.intakeForm06Result))</th><th>\(context.text(S.intakeStageTime))</th><th>\(context.text(S.intakeSignColumn))</th>\
        <th>\(context.text(S.intakeNote))</th></tr></thead>
        <tbody>\(rows)</tbody>
        </table>
        """
    }

    // MARK: Sheet parts

    private static func applicantLines(_ dossier: Dossier, _ context: PageContext) -> Markup {
        let values = dossier.formValues
        var lines: [Markup] = ["<p>\(context.text(S.intakeApplicant)): <strong>\(HTML.escape(dossier.applicantName))</strong></p>"]
        if let id = values["applicant.citizenId"] { lines.append("<p>\(context.text(S.intakeCitizenID)): \(HTML.escape(id))</p>") }
        if let address = values["applicant.address"] { lines.append("<p>\(context.text(S.intakeResidence)): \(HTML.escape(address))</p>") }
        let contact: [Markup] = [values["applicant.phone"].map { "\(context.text(S.intakePhoneNumber)): \(HTML.escape($0))" },
                       values["applicant.email"].map { "\(context.text(S.intakeEmailAddress)): \(HTML.escape($0))" }].compactMap { $0 }
        if !contact.isEmpty { lines.append("<p>\(contact.joined(separator: " · "))</p>") }
        return lines.joined(separator: "\n")
    }

    private static func signatures(left: LocalizedText?, right: LocalizedText, rightName: String?, _ context: PageContext) -> Markup {
        // Two equal columns across the sheet; a letter signed by one person keeps the left one empty.
        func block(_ title: LocalizedText?, _ name: String?) -> Markup {
            guard let title else { return "<div class=\"sign-block\"></div>" }
            return "<div class=\"sign-block\"><strong>\(context.text(title))</strong><br><em>\(context.text(S.intakeSignName))</em><div class=\"sign-space\"></div>\(name.map { "<strong>\(HTML.escape($0))</strong>" } ?? "")</div>"
        }
        return "<div class=\"sign-row\">\(block(left, nil))\(block(right, rightName))</div>"
    }

    /// One A4 sheet: agency and number on the left, the national motto and date on the right,
    /// the form number in the corner, then the title and the content.
    private static func a4Sheet(number: String, title: LocalizedText, reference: String?, date: Date?, context: PageContext, content: Markup, landscape: Bool = false) -> Markup {
        let centre = context.deployment.centre
        let place = placeName(context)
        let dateLine = date.map { date -> Markup in
            let day = context.deployment.calendar.local(date).date
            return "<p class=\"date-line\">\(HTML.escape(place)), \(context.text(S.intakeDatedAt)) \(day.day.zeroPadded(2)) \(context.text(S.intakeMonthWord)) \(day.month.zeroPadded(2)) \(context.text(S.intakeYearWord)) \(day.year)</p>"
        } ?? ""
        return """
        <article class="a4-form\(landscape ? " landscape" : "")">
        <p class="form-number">\(context.text(S.intakeFormNumber)) \(number)</p>
        <table class="form-head"><tr>
        <td class="agency"><span class="upper">\(context.text(centre.province.name))</span><br><strong class="upper">\(context.text(centre.name))</strong><hr class="short">\(reference.map { "\(context.text(S.intakeNumber)): \(HTML.escape($0))" } ?? "")</td>
        <td class="motto"><strong>\(context.text(S.intakeMotto1))</strong><br><strong class="underline">\(context.text(S.intakeMotto2))</strong><hr class="short">\(dateLine)</td>
        </tr></table>
        <h1 class="form-title">\(context.text(title))</h1>
        \(content)
        </article>
        """
    }

    private static func printLayout(title: LocalizedText, context: PageContext, sheet: Markup, landscape: Bool = false) -> Markup {
        let body: Markup = """
        <p class="button-row no-print"><button type="button" class="button primary" data-action="print">\(context.text(S.intakePrint))</button></p>
        \(sheet)
        """
        return layout(title: title, context: context, body: body, bodyClass: landscape ? "print-form landscape" : "print-form")
    }

    /// The place on the date line: the centre's commune or province, without the "centre" words.
    private static func placeName(_ context: PageContext) -> String {
        let name = context.deployment.centre.name.vi
        for marker in ["hành chính công ", "Hành chính công "] {
            if let range = name.firstRange(of: marker) {
                let rest = String(name[range.upperBound...]).replacing(" (demo)", with: "")
                let words = rest.split(separator: " ")
                // "xã Đào Xá" → "Đào Xá": the date line names the place, not its rank.
                if let first = words.first, ["xã", "Xã", "phường", "Phường", "tỉnh", "Tỉnh", "thành", "đặc"].contains(String(first)) {
                    return words.dropFirst(first == "thành" || first == "đặc" ? 2 : 1).joined(separator: " ")
                }
                return rest
            }
        }
        return context.deployment.centre.province.name.text(context.language)
    }

    /// `HH giờ mm phút, ngày dd/MM/yyyy` as the forms write instants.
    static func longDateTime(_ instant: Date, _ context: PageContext) -> Markup {
        let (day, time) = context.deployment.calendar.local(instant)
        let hour = context.language == .vi ? "\(time.hour.zeroPadded(2)) giờ \(time.minute.zeroPadded(2)) phút" : "\(time)"
        return "\(hour), \(S.intakePlaceDate.text(context.language).lowercased()) \(dateText(day))"
    }
}

/// What the printed forms need beyond the dossier and its history: people's names for the
/// logins the journal keeps, the postal shipment (where the result goes) and the dossier's
/// number in the year's register.
public struct IntakeFormFacts: Sendable {
    /// Display names by login.
    public var names: [String: String]
    /// The dossier's postal shipment, if any.
    public var shipment: PostalShipment?
    /// The dossier's place in the year's register (form 01's "Số thứ tự").
    public var registerNumber: Int?

    /// Creates the facts.
    public init(names: [String: String] = [:], shipment: PostalShipment? = nil, registerNumber: Int? = nil) {
        self.names = names
        self.shipment = shipment
        self.registerNumber = registerNumber
    }

    /// The name a form prints for a journal actor (`user:<login>`, `staff:<login>`, `device:<id>`, `system`): never a login.
    func name(of actor: String?, _ context: PageContext) -> String {
        actor.map { context.actorName($0, names: names) } ?? ""
    }
}
