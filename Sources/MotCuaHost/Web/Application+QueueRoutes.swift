import Foundation
import MotCuaCore
import MotCuaHTTP

/// The queueing contract's routes and pages.
extension Application {
    func queueRoutes(_ queue: any QueueingPlugin) -> [(route: APIRoute, implementation: RouteImplementation)] {
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

    /// The queueing pages (kiosk, board, counter console).
    func queuePages(_ queue: any QueueingPlugin) -> [(route: APIRoute, implementation: RouteImplementation)] {
        []
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
