import Foundation
import MotCuaCore
import MotCuaHTTP

/// The routes of each plugin kind's contract. The host owns them; they exist only when the
/// deployment composes a plugin of the kind.
extension Application {
    func kindRoutes() -> [(route: APIRoute, implementation: RouteImplementation)] {
        var routes: [(route: APIRoute, implementation: RouteImplementation)] = []
        if let queue = composition.queueing { routes += queueRoutes(queue) }
        if let intake = composition.intake { routes += intakeRoutes(intake) }
        if let ratings = composition.ratings { routes += ratingRoutes(ratings) }
        if !composition.reporting.isEmpty { routes += reportRoutes(composition.reporting) }
        return routes
    }

    private func queueRoutes(_ queue: any QueueingPlugin) -> [(route: APIRoute, implementation: RouteImplementation)] {
        [
            route(.post, "/api/v1/tickets", .staffOrDevice(.clerk, [.kiosk]), tag: "queueing", "Issue a ticket for a sector",
                  body: OpenAPIDocument.object(["sector": "string", "priorityGroup": "string", "idempotencyKey": "string"], required: ["sector"])) { context in
                let request = try context.decode(TicketRequest.self)
                return try .encoded(try queue.issueTicket(request, by: context.caller.principal), status: .created)
            },
            route(.get, "/api/v1/queue", .staffOrDevice(.clerk, [.kiosk, .board]), tag: "queueing", "The queue as it stands") { _ in
                try .encoded(try queue.snapshot())
            },
            route(.post, "/api/v1/counters/:counter/call-next", .staff(.clerk), tag: "queueing", "Call the next ticket to a counter",
                  example: ["counter": "1"]) { context in
                guard let ticket = try queue.callNext(counter: context.parameter("counter"), by: context.caller.principal) else {
                    return .json(.object(JSONObject([("ticket", .null)])))
                }
                return .json(.object(JSONObject([("ticket", try JSONValueEncoder().encode(ticket))])))
            },
            route(.post, "/api/v1/tickets/:id/actions", .staff(.clerk), tag: "queueing",
                  "Recall, start, finish, mark no-show, transfer or cancel a ticket",
                  body: OpenAPIDocument.object(["action": "string", "reason": "string", "sector": "string", "counter": "string", "keepPlace": "boolean"],
                                               required: ["action"]), example: ["id": "1"]) { context in
                let action = try context.decode(TicketActionBody.self).ticketAction()
                return try .encoded(try queue.perform(action, onTicket: context.parameter("id"), by: context.caller.principal))
            },
        ]
    }

    private func intakeRoutes(_ intake: any IntakePlugin) -> [(route: APIRoute, implementation: RouteImplementation)] {
        [
            route(.post, "/api/v1/dossiers", .staff(.clerk), tag: "intake", "Receive a dossier: code and appointment date",
                  body: OpenAPIDocument.object(["procedure": "string", "channel": "string", "formValues": "object", "ticketID": "string"],
                                               required: ["procedure", "formValues"])) { context in
                let request = try context.decode(IntakeRequest.self)
                return try .encoded(try intake.receive(request, by: context.caller.principal), status: .created)
            },
            route(.get, "/api/v1/dossiers/:code", .anyone, tag: "intake", "Look up a dossier; citizens see its status only",
                  example: ["code": "X-260101-0001"]) { context in
                guard let dossier = try intake.dossier(code: context.parameter("code")) else {
                    throw Problem("intake.no-such-dossier", status: 404, en: "No dossier with code \(context.parameter("code")).",
                                  vi: "Không có hồ sơ mã \(context.parameter("code")).")
                }
                if case .staff = context.caller { return try .encoded(dossier) }
                let formatter = ISO8601DateFormatter()
                return .json(.object(JSONObject([("code", .string(dossier.code)), ("procedure", .string(dossier.procedure)),
                                                 ("status", .string(dossier.status.rawValue)), ("receivedAt", .string(formatter.string(from: dossier.receivedAt))),
                                                 ("dueAt", .string(formatter.string(from: dossier.dueAt)))])))
            },
            route(.post, "/api/v1/dossiers/:code/transitions", .staff(.clerk), tag: "intake", "Move a dossier to a new status",
                  body: OpenAPIDocument.object(["status": "string", "note": "string"], required: ["status"]), example: ["code": "X-260101-0001"]) { context in
                struct Transition: Decodable { var status: Dossier.Status; var note: String? }
                let body = try context.decode(Transition.self)
                return try .encoded(try intake.transition(dossier: context.parameter("code"), to: body.status, note: body.note, by: context.caller.principal))
            },
        ]
    }

    private func ratingRoutes(_ ratings: any RatingsPlugin) -> [(route: APIRoute, implementation: RouteImplementation)] {
        [
            route(.post, "/api/v1/ratings", .staffOrDevice(.clerk, [.rating, .lookup]), tag: "ratings", "Rate a served ticket or dossier",
                  body: OpenAPIDocument.object(["ticket": "string", "dossier": "string", "level": "integer", "comment": "string"], required: ["level"])) { [clock] context in
                struct Submission: Decodable { var ticket: String?; var dossier: String?; var level: Int; var reasons: [String]?; var comment: String? }
                let body = try context.decode(Submission.self)
                let subject: Rating.Subject
                switch (body.ticket, body.dossier) {
                case (let ticket?, nil): subject = .ticket(ticket)
                case (nil, let dossier?): subject = .dossier(dossier)
                default:
                    throw Problem("ratings.subject", en: "Rate exactly one of a ticket or a dossier.", vi: "Hãy đánh giá đúng một phiếu số hoặc một hồ sơ.",
                                  details: [.init(field: "ticket", code: "one-of", message: LocalizedText(vi: "Chọn phiếu hoặc hồ sơ", en: "Ticket or dossier"))])
                }
                let rating = Rating(subject: subject, level: body.level, reasons: body.reasons ?? [], comment: body.comment, at: clock.now)
                return try .encoded(try ratings.submit(rating, by: context.caller.principal), status: .created)
            },
        ]
    }

    private func reportRoutes(_ plugins: [any ReportingPlugin]) -> [(route: APIRoute, implementation: RouteImplementation)] {
        [
            route(.get, "/api/v1/reports/:id", .staff(.supervisor), tag: "reporting", "A report for a period: ?from=YYYY-MM-DD&to=YYYY-MM-DD",
                  example: ["id": "period"]) { context in
                let id = context.parameter("id")
                guard let plugin = plugins.first(where: { $0.reportIDs.contains(id) }) else {
                    throw Problem("reporting.unknown-report", status: 404, en: "No report \"\(id)\".", vi: "Không có báo cáo \"\(id)\".")
                }
                guard let from = context.request.query("from").flatMap(LocalDate.init(iso:)),
                      let to = context.request.query("to").flatMap(LocalDate.init(iso:)) else {
                    throw Problem("reporting.period", en: "Give the period as ?from=YYYY-MM-DD&to=YYYY-MM-DD.",
                                  vi: "Hãy nhập kỳ báo cáo dạng ?from=YYYY-MM-DD&to=YYYY-MM-DD.")
                }
                return try .encoded(try plugin.produce(report: id, period: try ReportPeriod(from: from, to: to)))
            },
        ]
    }
}

/// The body of a ticket action.
struct TicketActionBody: Decodable {
    var action: String
    var reason: String?
    var sector: String?
    var counter: String?
    var keepPlace: Bool?

    func ticketAction() throws -> TicketAction {
        switch action {
        case "recall": return .recall
        case "start": return .start
        case "finish": return .finish
        case "noShow": return .noShow
        case "transfer": return .transfer(sector: sector, counter: counter, keepPlace: keepPlace ?? false)
        case "cancel":
            guard let reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw Problem("queue.cancel-reason", en: "Cancelling a ticket needs a reason.", vi: "Hủy phiếu cần nêu lý do.",
                              details: [.init(field: "reason", code: "required", message: LocalizedText(vi: "Nhập lý do", en: "Give a reason"))])
            }
            return .cancel(reason: reason)
        default:
            throw Problem("queue.unknown-action", en: "Unknown action \"\(action)\"; use recall, start, finish, noShow, transfer or cancel.",
                          vi: "Thao tác \"\(action)\" không hợp lệ; dùng recall, start, finish, noShow, transfer hoặc cancel.",
                          details: [.init(field: "action", code: "unknown", message: LocalizedText(vi: "Thao tác không hợp lệ", en: "Unknown action"))])
        }
    }
}
