#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHTTP

/// What every public route shares: the code it is about, the one answer for "no match",
/// the phone digits where the deployment asks for them, and pages for refusals.
extension Application {
    /// The code a public request names (dossier, ticket, booking or rating code), if any.
    static func publicCode(of request: HTTPRequest) -> String? {
        for name in ["code", "id"] { if let value = request.parameters[name], !value.isEmpty { return value } }
        for name in ["code", "dossier"] { if let value = request.query(name), !value.isEmpty { return value } }
        return nil
    }

    /// The answer of a public route when the code is unknown, or known but the phone digits
    /// do not match: the same words and status either way, so it tells nobody which codes exist.
    static func publicNoMatch(needsPhone: Bool) -> Problem {
        needsPhone
            ? Problem("public.no-match", status: 404,
                      en: "No dossier matches this code and these phone digits. Check the code on your receipt and the last 4 digits of the phone you gave.",
                      vi: "Không có hồ sơ khớp với mã và 4 số cuối điện thoại này. Hãy kiểm tra mã trên giấy tiếp nhận và 4 số cuối số điện thoại đã khai.",
                      details: [.init(field: "phone", code: "no-match", message: LocalizedText(vi: "Không khớp", en: "No match"))])
            : Problem("public.no-match", status: 404,
                      en: "No dossier matches this code. Check the code on your receipt.",
                      vi: "Không có hồ sơ khớp với mã này. Hãy kiểm tra mã trên giấy tiếp nhận.",
                      details: [.init(field: "dossier", code: "no-match", message: LocalizedText(vi: "Không khớp", en: "No match"))])
    }

    /// The dossier a citizen may see on a public route: the code, and the phone's last
    /// 4 digits where the deployment asks for them; anything else is ``publicNoMatch(needsPhone:)``.
    static func publicDossier(_ code: String, phone: String?, intake: (any IntakePlugin)?) throws -> Dossier {
        let needsPhone = intake?.lookupNeedsPhoneDigits ?? false
        let code = code.trimmingSpaces()
        guard let intake, !code.isEmpty else { throw publicNoMatch(needsPhone: needsPhone) }
        let digits = phone?.trimmingSpaces()
        if needsPhone, digits.map({ $0.count == 4 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) != true {
            throw Problem("public.phone-required", status: 400,
                          en: "Enter the last 4 digits of the phone number you gave when filing the dossier.",
                          vi: "Hãy nhập 4 số cuối của số điện thoại đã khai khi nộp hồ sơ.",
                          details: [.init(field: "phone", code: "required", message: LocalizedText(vi: "Nhập 4 số cuối", en: "Enter the last 4 digits"))])
        }
        guard let dossier = try intake.lookup(code: code, phoneDigits: digits) else { throw publicNoMatch(needsPhone: needsPhone) }
        return dossier
    }

    /// A refusal of a public page (limit reached, no match) as a page with the right status.
    func publicPageProblem(_ problem: Problem, context: RequestContext) -> HTTPResponse {
        let page = PageContext(language: context.language, deployment: deployment, caller: context.caller, path: context.request.path)
        var response = HTTPResponse.html(Pages.publicProblem(context: page, problem: problem),
                                         status: HTTPStatus(code: problem.status, reason: problem.status == 429 ? "Too Many Requests" : "Not Found"))
        if problem.status == 429 { response.headers.add("Retry-After", String(Int(publicLimiter.policy.window))) }
        response.headers.add("Cache-Control", "no-store")
        return response
    }
}

/// The access trail: every staff read of a dossier's personal data leaves a journal entry.
extension Application {
    /// Journals that the staff caller read these dossiers' personal data through this request.
    /// Devices and citizens read none, so they leave no entry.
    func recordAccess(_ context: RequestContext, dossiers: [String], kind: DossierAccess.Kind, reason: String? = nil) throws {
        guard case .staff = context.caller, !dossiers.isEmpty else { return }
        let route = "\(context.request.method) \(context.request.path)"
        let who = context.caller.principal.description
        let now = clock.now
        try store.write { transaction in
            for dossier in Set(dossiers).sorted() {
                _ = try transaction.appendJournal(DossierAccess(dossier: dossier, kind: kind, route: route, who: who, at: now, reason: reason).draft)
            }
        }
    }

    /// Who read a dossier's personal data, oldest first.
    public func accessHistory(dossier code: String) throws -> [DossierAccess] {
        try store.journalEntries(matching: JournalQuery(subject: DossierAccess.subject(code), kinds: [DossierAccess.journalKind]))
            .compactMap(DossierAccess.init(entry:))
    }

    /// The reason of a full (unmasked) export: only a supervisor may ask, and must say why.
    /// Nil when the request asks for the masked export.
    static func fullExportReason(_ context: RequestContext) throws -> String? {
        guard context.request.query("full") == "1" else { return nil }
        guard case .staff(let account) = context.caller, account.role >= .supervisor else {
            throw Problem("privacy.full-export-forbidden", status: 403,
                          en: "Only a supervisor may export personal data in full; the masked export is open to clerks.",
                          vi: "Chỉ lãnh đạo mới được xuất đầy đủ dữ liệu cá nhân; cán bộ dùng bản xuất đã che.")
        }
        let reason = (context.request.query("reason") ?? "").trimmed()
        guard reason.count >= 5 else {
            throw Problem("privacy.full-export-reason", en: "Give the reason for a full export (at least 5 characters); it is recorded.",
                          vi: "Hãy nêu lý do xuất đầy đủ (ít nhất 5 ký tự); lý do được ghi lại.",
                          details: [.init(field: "reason", code: "required", message: LocalizedText(vi: "Nêu lý do", en: "Give a reason"))])
        }
        return reason
    }
}

extension Application {
    /// The counter a dossier is received at: the signed-in clerk's own (their account's), else
    /// the counter that served the ticket it comes from. A body naming another counter is
    /// refused; the body never decides it.
    func receivingCounter(_ context: RequestContext, named: String?, ticket: String?) throws -> String? {
        let named = named.flatMap { $0.trimmingSpaces().isEmpty ? nil : $0 }
        var own: String?
        if case .staff(let account) = context.caller { own = account.counter }
        if own == nil, let ticket, let served = try composition.queueing?.ticket(id: ticket) { own = served.counter }
        if let named, named != own {
            let yours = own.flatMap { deployment.counter($0)?.name } ?? LocalizedText(vi: "không quầy nào", en: "no counter")
            throw Problem("intake.not-your-counter", status: 403,
                          en: "A dossier is credited to the counter of the clerk who receives it (\(yours.en)), not to the counter named in the request (\(named)).",
                          vi: "Hồ sơ được ghi cho quầy của cán bộ tiếp nhận (\(yours.vi)), không theo quầy ghi trong yêu cầu (\(named)).",
                          details: [.init(field: "counter", code: "not-yours", message: LocalizedText(vi: "Không phải quầy của bạn", en: "Not your counter"))])
        }
        return own
    }

    /// Display names by journal actor (`staff:lan` → the person's name), for access histories.
    func staffNames() throws -> [String: String] {
        Dictionary(try identity.accounts().map { (Principal.staff($0.id).description, $0.displayName) }, uniquingKeysWith: { first, _ in first })
    }
}

extension IntakeJSON {
    /// A dossier as a citizen sees it: its status and dates only, and not even its procedure
    /// when the procedure itself reveals sensitive data.
    static func publicDossier(_ dossier: Dossier, deployment: Deployment) -> JSONValue {
        guard case .object(var object) = IntakeJSON.dossier(dossier, calendar: deployment.calendar, full: false) else { return .null }
        if let procedure = deployment.procedure(dossier.procedure), deployment.personal(of: procedure) == .sensitive {
            object["procedure"] = nil
            object["sector"] = nil
        }
        return .object(object)
    }
}
