#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHTTP

/// The intake contract's routes and pages.
extension Application {
    func intakeRoutes(_ intake: any IntakePlugin) -> [(route: APIRoute, implementation: RouteImplementation)] {
        let calendar = deployment.calendar
        let clock = self.clock
        let deployment = self.deployment
        return [
            route(.post, "/api/v1/dossiers", .staff(.clerk), tag: "intake", "Receive a dossier: code and appointment date",
                  body: OpenAPIDocument.object(["procedure": "string", "channel": "string", "formValues": "object", "ticketID": "string",
                                                "counter": "string", "documents": "array", "dueOverride": "object", "onTheSpot": "boolean"],
                                               required: ["procedure", "formValues"])) { context in
                var request = try context.decode(IntakeRequest.self)
                request.counter = try self.receivingCounter(context, named: request.counter, ticket: request.ticketID)
                let dossier = try intake.receive(request, by: context.caller.principal)
                return .json(IntakeJSON.dossier(dossier, calendar: calendar, full: true), status: .created)
            },
            route(.get, "/api/v1/dossiers/:code", .anyone, tag: "intake", "Look up a dossier; citizens see its status only (?phone=last 4 digits where asked)",
                  example: ["code": "X-260101-0001"]) { context in
                let code = context.parameter("code")
                if case .staff = context.caller {
                    guard let dossier = try intake.dossier(code: code) else { throw Self.noDossier(code) }
                    try self.recordAccess(context, dossiers: [dossier.code], kind: .api)
                    return .json(IntakeJSON.dossier(dossier, calendar: calendar, full: true))
                }
                let dossier = try Self.publicDossier(code, phone: context.request.query("phone"), intake: intake)
                return .json(IntakeJSON.publicDossier(dossier, deployment: deployment))
            },
            route(.get, "/api/v1/dossiers/:code/history", .staff(.clerk), tag: "intake", "The dossier's steps: who, when, from, to, note",
                  example: ["code": "X-260101-0001"]) { context in
                let steps = try intake.history(dossier: context.parameter("code"))
                return .json(.object(JSONObject([("steps", .array(steps.map(IntakeJSON.step)))])))
            },
            route(.post, "/api/v1/dossiers/:code/transitions", .staff(.clerk), tag: "intake", "Move a dossier to a new status",
                  body: OpenAPIDocument.object(["status": "string", "note": "string"], required: ["status"]), example: ["code": "X-260101-0001"]) { context in
                struct Transition: Decodable { var status: Dossier.Status; var note: String? }
                let body = try context.decode(Transition.self)
                let dossier = try intake.transition(dossier: context.parameter("code"), to: body.status, note: body.note, by: context.caller.principal)
                return .json(IntakeJSON.dossier(dossier, calendar: calendar, full: true))
            },
            route(.post, "/api/v1/dossiers/:code/extension", .staff(.clerk), tag: "intake", "Apologise and set a new date, once (form 04)",
                  body: OpenAPIDocument.object(["date": "string", "reason": "string"], required: ["date", "reason"]), example: ["code": "X-260101-0001"]) { context in
                struct Extension: Decodable { var date: String; var reason: String }
                let body = try context.decode(Extension.self)
                guard let date = FormValidation.parseDate(body.date) else {
                    throw Problem("intake.invalid-extension", en: "date: \"\(body.date)\" is not a date (yyyy-MM-dd).", vi: "date: \"\(body.date)\" không phải ngày.",
                                  details: [.init(field: "date", code: "date", message: LocalizedText(vi: "Ngày không hợp lệ", en: "Not a date"))])
                }
                let dossier = try intake.extend(dossier: context.parameter("code"), to: date, reason: body.reason, by: context.caller.principal)
                return .json(IntakeJSON.dossier(dossier, calendar: calendar, full: true))
            },
            route(.get, "/api/v1/dossiers/:code/documents/:index", .staff(.clerk), tag: "intake", "The scan of one checklist line",
                  example: ["code": "X-260101-0001", "index": "0"]) { context in
                guard let index = Int(context.parameter("index")),
                      let found = try intake.file(dossier: context.parameter("code"), document: index) else {
                    throw Problem("intake.no-such-file", status: 404, en: "No scan for that document.", vi: "Không có bản quét của thành phần này.")
                }
                try self.recordAccess(context, dossiers: [context.parameter("code")], kind: .scan)
                var response = HTTPResponse(status: .ok, body: found.bytes)
                response.headers.add("Content-Type", found.file.contentType)
                // The type was checked by the file's first bytes; browsers must not guess another.
                response.headers.add("X-Content-Type-Options", "nosniff")
                response.headers.add("Content-Disposition", "inline; filename=\"\(Self.safeFileName(context.parameter("code")))-\(index).\(found.file.path.split(separator: ".").last ?? "bin")\"")
                response.headers.add("Cache-Control", "no-store")
                return response
            },
            route(.get, "/api/v1/overdue", .staff(.clerk), tag: "intake", "Open dossiers due by the next working day, or late") { _ in
                let list = try intake.overdue(at: clock.now)
                return .json(.object(JSONObject([("dossiers", .array(list.map { IntakeJSON.dossier($0, calendar: calendar, full: false) }))])))
            },
            route(.get, "/api/v1/register", .staff(.clerk), tag: "intake", "Dossiers received ?from=yyyy-MM-dd&to=yyyy-MM-dd (form 07)") { context in
                let (first, last) = try Self.period(context.request, calendar: calendar, now: clock.now)
                let list = try intake.register(from: first, through: last)
                // An export: masked unless a supervisor asks for it in full with a reason.
                let reason = try Self.fullExportReason(context)
                if let reason { try self.recordAccess(context, dossiers: list.map(\.code), kind: .export, reason: reason) }
                return .json(.object(JSONObject([("masked", .bool(reason == nil)), ("dossiers", .array(list.map {
                    IntakeJSON.dossier(reason == nil ? deployment.masked($0) : $0, calendar: calendar, full: true)
                }))])))
            },
        ] + (postalAddOn.map { postalRoutes($0, intake) } ?? []) + (composition.portalSync.map { portalRoutes($0) } ?? [])
    }

    /// The postal add-on, if the deployment composes one.
    var postalAddOn: (any PostalIntakePlugin)? {
        self.composition.plugins.lazy.compactMap { if case .intake(let plugin) = $0.instance { plugin as? any PostalIntakePlugin } else { nil } }.first
    }

    /// The postal channel's routes: register, dispatch the result, record its delivery.
    func postalRoutes(_ postal: any PostalIntakePlugin, _ intake: any IntakePlugin) -> [(route: APIRoute, implementation: RouteImplementation)] {
        let calendar = deployment.calendar
        @Sendable func dossier(_ code: String) throws -> Dossier {
            guard let dossier = try intake.dossier(code: code) else { throw Self.noDossier(code) }
            return dossier
        }
        return [
            route(.post, "/api/v1/dossiers/:code/postal", .staff(.clerk), tag: "intake", "Put a dossier on the postal channel (Decision 45/2016)",
                  body: OpenAPIDocument.object(["service": "string", "recipient": "string", "phone": "string", "addressLine": "string",
                                                "commune": "string", "province": "string", "inboundReceipt": "string"],
                                               required: ["service", "addressLine", "commune"]), example: ["code": "X-260101-0001"]) { context in
                let request = try context.decode(PostalRequest.self)
                return .json(IntakeJSON.shipment(try postal.register(request, for: try dossier(context.parameter("code")), by: context.caller.principal), calendar: calendar),
                             status: .created)
            },
            route(.get, "/api/v1/dossiers/:code/postal", .staff(.clerk), tag: "intake", "The dossier's postal shipment", example: ["code": "X-260101-0001"]) { context in
                guard let shipment = try postal.shipment(dossier: context.parameter("code")) else {
                    throw Problem("postal.no-shipment", status: 404, en: "Dossier \(context.parameter("code")) is not on the postal channel.",
                                  vi: "Hồ sơ \(context.parameter("code")) chưa đăng ký bưu chính.")
                }
                return .json(IntakeJSON.shipment(shipment, calendar: calendar))
            },
            route(.post, "/api/v1/dossiers/:code/postal/dispatch", .staff(.clerk), tag: "intake", "The result was handed to the post",
                  body: OpenAPIDocument.object(["trackingNumber": "string"], required: ["trackingNumber"]), example: ["code": "X-260101-0001"]) { context in
                struct Dispatch: Decodable { var trackingNumber: String }
                let body = try context.decode(Dispatch.self)
                let code = context.parameter("code")
                guard try dossier(code).status == .done else {
                    throw Problem("postal.not-decided", status: 409, en: "Dossier \(code) has no result to send yet; mark it done first.",
                                  vi: "Hồ sơ \(code) chưa có kết quả để gửi; hãy chuyển sang \"có kết quả\" trước.")
                }
                return .json(IntakeJSON.shipment(try postal.dispatch(dossier: code, trackingNumber: body.trackingNumber, by: context.caller.principal), calendar: calendar))
            },
            route(.post, "/api/v1/dossiers/:code/postal/delivered", .staff(.clerk), tag: "intake", "The post delivered the result: the dossier is returned",
                  body: OpenAPIDocument.object(["recipientID": "string"], required: ["recipientID"]), example: ["code": "X-260101-0001"]) { context in
                struct Delivered: Decodable { var recipientID: String }
                let body = try context.decode(Delivered.self)
                let code = context.parameter("code")
                guard try dossier(code).status == .done else {
                    throw Problem("postal.not-decided", status: 409, en: "Dossier \(code) is not waiting for its result to be handed over.",
                                  vi: "Hồ sơ \(code) không ở trạng thái chờ trả kết quả.")
                }
                let shipment = try postal.delivered(dossier: code, recipientID: body.recipientID, by: context.caller.principal)
                // The handover is the primary's return; the delivery is already recorded if this step fails, and can be retried.
                _ = try intake.transition(dossier: code, to: .returned, note: "Đã giao qua bưu chính, số vận đơn \(shipment.trackingNumber ?? "")",
                                          by: context.caller.principal)
                return .json(IntakeJSON.shipment(shipment, calendar: calendar))
            },
        ]
    }

    /// The intake pages (reception, lookup, printable forms).
    func intakePages(_ intake: any IntakePlugin) -> [(route: APIRoute, implementation: RouteImplementation)] {
        let clock = self.clock
        let identity = self.identity
        let postal = postalAddOn
        let calendar = deployment.calendar
        @Sendable func dossierOrNotFound(_ code: String) throws -> Dossier {
            guard let dossier = try intake.dossier(code: code) else { throw Self.noDossier(code) }
            return dossier
        }
        return [
            intakePage("/reception", .staff(.clerk), "Reception: pick a procedure, fill the form, tick the documents") { page, context in
                let code = context.request.query("procedure") ?? ""
                guard !code.isEmpty, let procedure = page.deployment.procedure(code), page.deployment.isEnabled(sector: procedure.sector) else {
                    return Pages.receptionPicker(context: page, ticket: context.request.query("ticket"), sector: context.request.query("sector"),
                                                 all: context.request.query("all") == "1", search: context.request.query("q"))
                }
                let channel = context.request.query("channel").flatMap(Dossier.Channel.init(rawValue:)) ?? .counter
                let requested = context.request.query("case").flatMap { $0.isEmpty ? nil : $0 }
                // Several cases and no default: the clerk picks one before a date can be given.
                let mustChoose = requested == nil && procedure.cases.count > 1 && procedure.defaultCase == nil
                let procedureCase = mustChoose ? nil : try procedure.resolveCase(requested)
                let appointment = mustChoose ? nil
                    : calendar.appointment(for: procedure.deadline(case: procedureCase, channel: channel), receivedAt: clock.now)
                return Pages.receptionForm(context: page, procedure: procedure, ticket: context.request.query("ticket"), appointment: appointment,
                                           now: clock.now, procedureCase: procedureCase, channel: channel)
            },
            intakePage("/dossiers/:code", .staff(.clerk), "A dossier: details, checklist, history and workflow actions", example: ["code": "X-260101-0001"]) { page, context in
                let dossier = try dossierOrNotFound(context.parameter("code"))
                let postal = try postal.map { (shipment: try $0.shipment(dossier: dossier.code), communes: $0.communes, fee: $0.feeHint) }
                try self.recordAccess(context, dossiers: [dossier.code], kind: .page)
                let supervisor = if case .staff(let account) = context.caller { account.role >= .supervisor } else { false }
                let view = Pages.dossierView(context: page, dossier: dossier, history: try intake.history(dossier: dossier.code), now: clock.now, postal: postal,
                                             portal: try self.composition.portalSync?.syncState(dossier: dossier.code), canResend: supervisor)
                // A supervisor sees who read the dossier's personal data.
                guard case .staff(let account) = context.caller, account.role >= .supervisor else { return view }
                return Pages.appending(Pages.accessHistory(try self.accessHistory(dossier: dossier.code), names: try self.staffNames(), context: page), to: view)
            },
            intakePage("/overdue", .staff(.clerk), "Dossiers due by the next working day, or late") { page, _ in
                Pages.overdueList(context: page, dossiers: try intake.overdue(at: clock.now), now: clock.now)
            },
            intakePage("/lookup", .anyone, "Public lookup by dossier code, and the procedure catalogue",
                       rendersOnceFor: ["lang", "sector"]) { page, context in
                var found: Dossier?
                var searched = false
                if let code = context.request.query("code")?.trimmingSpaces(), !code.isEmpty {
                    searched = true
                    // Any refusal reads as "not found" (nothing to learn by guessing); a database outage does not.
                    do { found = try Self.publicDossier(code, phone: context.request.query("phone"), intake: intake) } catch let error as StoreError { throw error } catch {}
                }
                // The catalogue is the bulk of the page and changes with nothing but the
                // language and the sector: a lookup by code renders only its own answer.
                let sector = context.request.query("sector")
                let catalogue = self.renderedParts.value("/lookup#catalogue?\(sector ?? "")#\(page.language.rawValue)") {
                    Pages.lookupCatalogue(context: page, sector: sector)
                }
                return Pages.lookup(context: page, code: context.request.query("code") ?? "", searched: searched, dossier: found,
                                    history: try found.map { try intake.history(dossier: $0.code) } ?? [],
                                    needsPhone: intake.lookupNeedsPhoneDigits, sector: sector,
                                    phone: found == nil ? nil : context.request.query("phone"), catalogue: catalogue)
            },
            intakePage("/dossiers/:code/forms/:form", .staff(.clerk), "Printable form 01–06 of a dossier", example: ["code": "X-260101-0001", "form": "01"]) { page, context in
                let dossier = try dossierOrNotFound(context.parameter("code"))
                try self.recordAccess(context, dossiers: [dossier.code], kind: .form)
                let names = try identity.displayNamesByLogin()
                // The dossier's place among the year's receptions, as the register numbers them.
                let received = calendar.local(dossier.receivedAt).date
                let year = try intake.register(from: LocalDate(year: received.year, month: 1, day: 1)!, through: received)
                let number = year.firstIndex { $0.code == dossier.code }.map { $0 + 1 }
                let facts = IntakeFormFacts(names: names, shipment: try postal?.shipment(dossier: dossier.code), registerNumber: number)
                let form = try Pages.intakeForm(context.parameter("form"), context: page, dossier: dossier,
                                                history: try intake.history(dossier: dossier.code), now: clock.now,
                                                clerkName: dossier.clerk.flatMap { names[$0] }, facts: facts)
                // The receipt the citizen takes home carries the code only they can rate with.
                guard context.parameter("form") == "01", self.composition.ratings != nil else { return form }
                // Inside the sheet, above the signatures, so it prints on the citizen's copy.
                return Pages.appending(Pages.ratingCodeSlip(try self.ratingCodes.code(for: .dossier(dossier.code)), context: page), to: form,
                                       before: "<table class=\"signatures")
            },
            intakePage("/register", .staff(.clerk), "Form 07: the register of dossiers, ?from=&to=") { page, context in
                let (first, last) = try Self.period(context.request, calendar: calendar, now: clock.now)
                let dossiers = try intake.register(from: first, through: last)
                try self.recordAccess(context, dossiers: dossiers.map(\.code), kind: .page)
                var sentOn: [String: Date] = [:]
                for dossier in dossiers where dossier.status != .received {
                    sentOn[dossier.code] = try intake.history(dossier: dossier.code).first { $0.to == .inProcess }?.at
                }
                return Pages.register(context: page, dossiers: dossiers, from: first, to: last, sentOn: sentOn)
            },
            route(.get, "/register.csv", .staff(.clerk), tag: "pages", "Form 07 as CSV, ?from=&to=", page: true) { [deployment] context in
                let (first, last) = try Self.period(context.request, calendar: calendar, now: clock.now)
                let dossiers = try intake.register(from: first, through: last)
                // Masked unless a supervisor asks for it in full with a reason, which is journalled per dossier.
                let reason = try Self.fullExportReason(context)
                if let reason { try self.recordAccess(context, dossiers: dossiers.map(\.code), kind: .export, reason: reason) }
                let codes = try self.composition.portalSync?.portalCodes(dossiers: dossiers.map(\.code)) ?? PortalCodes()
                let csv = Pages.registerCSV(reason == nil ? dossiers.map(deployment.masked) : dossiers, deployment: deployment, codes: codes)
                var response = HTTPResponse(status: .ok, body: Array(csv.utf8))
                response.headers.add("Content-Type", "text/csv; charset=utf-8")
                response.headers.add("Content-Disposition", "attachment; filename=\"so-theo-doi-\(first)-\(last).csv\"")
                response.headers.add("Cache-Control", "no-store")
                return response
            },
        ]
    }

    private func intakePage(_ path: String, _ access: Access, _ summary: String, example: [String: String] = [:],
                            rendersOnceFor: Set<String>? = nil,
                            _ render: @escaping @Sendable (PageContext, RequestContext) throws -> Markup) -> (route: APIRoute, implementation: RouteImplementation) {
        route(.get, path, access, tag: "pages", summary, page: true, example: example, rendersOnceFor: rendersOnceFor) { [self] context in
            let page = pageContext(context)
            var response: HTTPResponse
            do {
                response = HTTPResponse.html(try render(page, context))
            } catch let problem as Problem where problem.status == 404 || problem.status == 429 {
                response = HTTPResponse.html(Pages.intakeProblem(context: page, problem: problem), status: problem.status == 404 ? .notFound : .tooManyRequests)
            }
            response.headers.add("Cache-Control", "no-store")
            return response
        }
    }

    /// A dossier code reduced to letters, digits, dots and dashes, for a download's name.
    static func safeFileName(_ code: String) -> String {
        String(code.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") ? $0 : "_" })
    }

    static func noDossier(_ code: String) -> Problem {
        Problem("intake.no-such-dossier", status: 404, en: "No dossier with code \(code).", vi: "Không có hồ sơ mã \(code).")
    }

    /// `?from=&to=` as centre days; today when absent; at most a year.
    static func period(_ request: HTTPRequest, calendar: WorkingCalendar, now: Date) throws -> (LocalDate, LocalDate) {
        let today = calendar.local(now).date
        func day(_ name: String) throws -> LocalDate? {
            guard let text = request.query(name), !text.isEmpty else { return nil }
            guard let date = FormValidation.parseDate(text) else {
                throw Problem("intake.invalid-period", en: "\(name): \"\(text)\" is not a date (yyyy-MM-dd).", vi: "\(name): \"\(text)\" không phải ngày.",
                              details: [.init(field: name, code: "date", message: LocalizedText(vi: "Ngày không hợp lệ", en: "Not a date"))])
            }
            return date
        }
        let first = try day("from") ?? today
        let last = try day("to") ?? first
        guard first <= last, first.days(to: last) <= 366 else {
            throw Problem("intake.invalid-period", en: "from must be on or before to, at most a year apart.", vi: "Từ ngày phải trước đến ngày, cách nhau tối đa một năm.",
                          details: [.init(field: "to", code: "range", message: LocalizedText(vi: "Khoảng ngày không hợp lệ", en: "Bad period"))])
        }
        return (first, last)
    }
}

/// Dossiers as the API shows them: ISO dates, the verdict, and for citizens no personal data.
enum IntakeJSON {
    static func iso(_ date: Date) -> JSONValue {
        .string(JournalEntry.isoText(date))
    }

    static func dossier(_ dossier: Dossier, calendar: WorkingCalendar, full: Bool) -> JSONValue {
        var object = JSONObject([
            ("code", .string(dossier.code)), ("procedure", .string(dossier.procedure)), ("sector", .string(dossier.sector)),
            ("channel", .string(dossier.channel.rawValue)), ("status", .string(dossier.status.rawValue)),
            ("case", dossier.procedureCase.map(JSONValue.string) ?? .null),
            ("receivedAt", iso(dossier.receivedAt)), ("dueAt", iso(dossier.dueAt)), ("dueDate", .string(calendar.local(dossier.promisedAt).date.description)),
        ])
        if let extended = dossier.extendedDueAt { object["extendedDueAt"] = iso(extended) }
        if let finished = dossier.finishedAt {
            object["finishedAt"] = iso(finished)
            if let verdict = dossier.verdict(dueDay: calendar.local(dossier.dueAt).date, finishedDay: calendar.local(finished).date) {
                object["verdict"] = .string(verdict.rawValue)
            }
        }
        if let returned = dossier.returnedAt { object["returnedAt"] = iso(returned) }
        guard full else {
            // What to bring back when a supplement is asked for; nothing about the applicant.
            if dossier.status == .supplementRequested, let note = dossier.lastNote { object["supplementRequest"] = .string(note) }
            return .object(object)
        }
        object["applicantName"] = .string(dossier.applicantName)
        object["formValues"] = .object(JSONObject(dossier.formValues.keys.sorted().map { ($0, JSONValue.string(dossier.formValues[$0]!)) }))
        object["counter"] = dossier.counter.map(JSONValue.string) ?? .null
        object["clerk"] = dossier.clerk.map(JSONValue.string) ?? .null
        object["ticketID"] = dossier.ticketID.map(JSONValue.string) ?? .null
        object["supplementRequests"] = .number(.integer(Int64(dossier.supplementRequests)))
        object["documents"] = .array(dossier.documents.map { document in
            var line = JSONObject([("index", .number(.integer(Int64(document.index)))), ("name", .string(document.name)),
                                   ("provided", .bool(document.provided)), ("digitised", .bool(document.digitised))])
            if let file = document.file {
                line["file"] = .object(JSONObject([("contentType", .string(file.contentType)), ("size", .number(.integer(Int64(file.size))))]))
            }
            return .object(line)
        })
        if let reason = dossier.dueOverrideReason { object["dueOverrideReason"] = .string(reason) }
        if let reason = dossier.extensionReason { object["extensionReason"] = .string(reason) }
        if let note = dossier.lastNote { object["note"] = .string(note) }
        return .object(object)
    }

    static func shipment(_ shipment: PostalShipment, calendar: WorkingCalendar) -> JSONValue {
        var object = JSONObject([
            ("dossier", .string(shipment.dossier)), ("service", .string(shipment.service.rawValue)), ("status", .string(shipment.status.rawValue)),
            ("recipient", .string(shipment.recipient)), ("phone", .string(shipment.phone)), ("addressLine", .string(shipment.addressLine)),
            ("commune", .string(shipment.commune)), ("province", .string(shipment.province)), ("fee", .number(.integer(shipment.fee))),
            ("inboundReceipt", shipment.inboundReceipt.map(JSONValue.string) ?? .null), ("trackingNumber", shipment.trackingNumber.map(JSONValue.string) ?? .null),
        ])
        if let delivered = shipment.deliveredAt { object["deliveredAt"] = iso(delivered) }
        if let id = shipment.recipientID { object["recipientID"] = .string(id) }
        return .object(object)
    }

    static func step(_ step: DossierStep) -> JSONValue {
        .object(JSONObject([("at", iso(step.at)), ("actor", .string(step.actor)), ("kind", .string(step.kind)),
                            ("from", step.from.map { .string($0.rawValue) } ?? .null), ("to", step.to.map { .string($0.rawValue) } ?? .null),
                            ("note", step.note.map(JSONValue.string) ?? .null)]))
    }
}
