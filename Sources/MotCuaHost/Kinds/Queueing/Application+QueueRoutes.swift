#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHTTP

/// The queueing contract's routes and pages.
///
/// Kiosks issue, boards read, clerks act on their own counter (the one on their account, or
/// the one they chose when their account has none), supervisors act anywhere and close the day.
extension Application {
    func queueRoutes(_ queue: any QueueingPlugin) -> [(route: APIRoute, implementation: RouteImplementation)] {
        let hub = self.hub
        return queueAPIRoutes(queue, hub: hub) + (appointments.map { appointmentRoutes($0, queue: queue) } ?? [])
    }

    /// The appointments add-on, when the deployment composes one.
    var appointments: (any AppointmentBooking)? {
        composition.plugins.lazy.compactMap { plugin -> (any AppointmentBooking)? in
            if case .queueing(let queue) = plugin.instance { queue as? any AppointmentBooking } else { nil }
        }.first
    }

    private func queueAPIRoutes(_ queue: any QueueingPlugin, hub: EventHub) -> [(route: APIRoute, implementation: RouteImplementation)] {
        [
            route(.post, "/api/v1/tickets", .staffOrDevice(.clerk, [.kiosk]), tag: "queueing", "Issue a ticket for a sector; a repeated idempotencyKey within 2 s returns the same ticket",
                  body: OpenAPIDocument.object(["sector": "string", "priorityGroup": "string", "idempotencyKey": "string"], required: ["sector"])) { context in
                // Decoded strictly: a booking and its place come only from a check-in.
                let request = try context.decode(TicketRequest.self)
                return .json(try Self.ticketJSON(try queue.issueTicket(request, by: context.caller.principal)), status: .created)
            },
            route(.get, "/api/v1/tickets/:id", .anyone, tag: "queueing", "One ticket: state, counter, people ahead, estimated wait (the public follow page reads it)",
                  example: ["id": "1"]) { context in
                guard let ticket = try queue.ticket(id: context.parameter("id")) else {
                    throw Problem("queue.no-such-ticket", status: 404, en: "No ticket \(context.parameter("id")).", vi: "Không có phiếu \(context.parameter("id")).")
                }
                guard case .citizen = context.caller, case .object(var object) = try Self.ticketJSON(ticket) else { return .json(try Self.ticketJSON(ticket)) }
                // A priority group (disabled, pregnant) is sensitive: the public follow page does without it.
                object["priorityGroup"] = nil
                object["priorityConfirmed"] = nil
                return .json(.object(object))
            },
            route(.get, "/api/v1/queue", .staffOrDevice(.clerk, [.kiosk, .board]), tag: "queueing",
                  "The queue as it stands: waiting, at counters, recent calls, counters, sectors") { _ in
                try .encoded(try queue.snapshot())
            },
            route(.get, "/api/v1/queue/sectors", .staffOrDevice(.clerk, [.kiosk, .board]), tag: "queueing",
                  "Per sector today: waiting, cap, estimated wait, and whether the kiosk can issue (else the next opening)") { _ in
                .json(.object(JSONObject([("sectors", try JSONValueEncoder().encode(try queue.sectorStatuses()))])))
            },
            route(.get, "/api/v1/queue/live", .anyone, tag: "queueing",
                  "Public live queue events (numbers and counters only) as Server-Sent Events, for the ticket follow page") { _ in
                .eventStream { stream in
                    hub.subscribe(stream, to: "queue")
                    _ = stream.send(event: "ready", data: "{\"topics\":[\"queue\"]}")
                }
            },
            route(.get, "/api/v1/counters", .staffOrDevice(.clerk, [.board]), tag: "queueing", "Every counter: paused or open, its current ticket, served today") { _ in
                .json(.object(JSONObject([("counters", try JSONValueEncoder().encode(try queue.counterStates()))])))
            },
            route(.post, "/api/v1/counters/:counter/call-next", .staff(.clerk), tag: "queueing",
                  "Call the next ticket to a counter: priority groups first, then arrival, with the anti-starvation cap",
                  example: ["counter": "1"]) { [self] context in
                let counter = try actingCounter(context, requested: context.parameter("counter")) ?? context.parameter("counter")
                guard let ticket = try queue.callNext(counter: counter, by: context.caller.principal) else {
                    return .json(.object(JSONObject([("ticket", .null)])))
                }
                return .json(.object(JSONObject([("ticket", try Self.ticketJSON(ticket))])))
            },
            route(.post, "/api/v1/counters/:counter/pause", .staff(.clerk), tag: "queueing", "Pause a counter, giving a reason",
                  body: OpenAPIDocument.object(["reason": "string"], required: ["reason"]), example: ["counter": "1"]) { [self] context in
                struct Body: Decodable { var reason: String }
                let counter = try actingCounter(context, requested: context.parameter("counter")) ?? context.parameter("counter")
                let body = try context.decode(Body.self)
                return try .encoded(try queue.pause(counter: counter, reason: body.reason, by: context.caller.principal))
            },
            route(.post, "/api/v1/counters/:counter/resume", .staff(.clerk), tag: "queueing", "Reopen a paused counter",
                  example: ["counter": "1"]) { [self] context in
                let counter = try actingCounter(context, requested: context.parameter("counter")) ?? context.parameter("counter")
                return try .encoded(try queue.resume(counter: counter, by: context.caller.principal))
            },
            route(.post, "/api/v1/tickets/:id/actions", .staff(.clerk), tag: "queueing",
                  "Recall, start, finish, mark no-show, transfer, cancel (with a reason) or confirm the priority group of a ticket",
                  body: OpenAPIDocument.object(["action": "string", "reason": "string", "sector": "string", "counter": "string", "keepPlace": "boolean",
                                                "priorityGroup": "string", "atCounter": "string"],
                                               required: ["action"]), example: ["id": "1"]) { [self] context in
                let body = try context.decode(TicketActionBody.self)
                let action = try body.ticketAction()
                let counter = try actingCounter(context, requested: body.atCounter)
                return .json(try Self.ticketJSON(try queue.perform(action, onTicket: context.parameter("id"), atCounter: counter, by: context.caller.principal)))
            },
            route(.post, "/api/v1/queue/close-day", .staff(.supervisor), tag: "queueing",
                  "Close today's queue: every open ticket gets a terminal state, journalled; the kiosk stops issuing until the next opening") { context in
                let closing = try queue.closeDay(by: context.caller.principal)
                return .json(.object(JSONObject([("day", .string(closing.day)), ("closedTickets", .number(.integer(Int64(closing.closed.count)))),
                                                 ("closed", try JSONValueEncoder().encode(closing.closed))])))
            },
        ]
    }

    /// The appointments routes: slots and booking for anyone (the code is the key), check-in
    /// at the kiosk, which issues the ticket with the primary queueing plugin.
    func appointmentRoutes(_ booking: any AppointmentBooking, queue: any QueueingPlugin) -> [(route: APIRoute, implementation: RouteImplementation)] {
        [
            route(.get, "/api/v1/appointments/slots", .anyone, tag: "queueing", "Bookable slots of a sector on a day: ?sector=ho-tich&day=2026-03-03") { context in
                let sector = context.request.query("sector") ?? ""
                guard let dayText = context.request.query("day"), let day = LocalDate(iso: dayText) else {
                    throw Problem("queue.appointments-day", en: "Give the day as yyyy-MM-dd.", vi: "Hãy nhập ngày theo dạng yyyy-MM-dd.",
                                  details: [.init(field: "day", code: "format", message: LocalizedText(vi: "Ngày không hợp lệ", en: "Bad day"))])
                }
                return .json(.object(JSONObject([("slots", try JSONValueEncoder().encode(try booking.slots(sector: sector, day: day)))])))
            },
            route(.post, "/api/v1/appointments", .anyone, tag: "queueing", "Book a slot; answers the booking code",
                  body: OpenAPIDocument.object(["sector": "string", "day": "string", "start": "string"], required: ["sector", "day", "start"])) { context in
                struct Body: Decodable { var sector: String; var day: String; var start: String }
                let body = try context.decode(Body.self)
                guard let day = LocalDate(iso: body.day) else {
                    throw Problem("queue.appointments-day", en: "Give the day as yyyy-MM-dd.", vi: "Hãy nhập ngày theo dạng yyyy-MM-dd.",
                                  details: [.init(field: "day", code: "format", message: LocalizedText(vi: "Ngày không hợp lệ", en: "Bad day"))])
                }
                guard let start = LocalTime(parsing: body.start) else {
                    throw Problem("queue.appointments-slot", en: "Give the slot's start as HH:mm.", vi: "Hãy nhập giờ bắt đầu theo dạng HH:mm.",
                                  details: [.init(field: "start", code: "format", message: LocalizedText(vi: "Giờ không hợp lệ", en: "Bad time"))])
                }
                return .json(try JSONValueEncoder().encode(try booking.book(sector: body.sector, day: day, start: start, by: context.caller.principal)), status: .created)
            },
            route(.get, "/api/v1/appointments/:code", .anyone, tag: "queueing", "A booking by its code", example: ["code": "ABC234"]) { context in
                guard let found = try booking.booking(code: context.parameter("code")) else {
                    throw Problem("queue.appointments-unknown", status: 404, en: "No booking with the code \(context.parameter("code")).",
                                  vi: "Không có lịch hẹn mã \(context.parameter("code")).")
                }
                return .json(try JSONValueEncoder().encode(found))
            },
            route(.post, "/api/v1/appointments/:code/cancel", .anyone, tag: "queueing", "Cancel a booking (the code is the key)",
                  example: ["code": "ABC234"]) { context in
                .json(try JSONValueEncoder().encode(try booking.cancelBooking(code: context.parameter("code"), by: context.caller.principal)))
            },
            route(.post, "/api/v1/appointments/:code/check-in", .staffOrDevice(.clerk, [.kiosk]), tag: "queueing",
                  "Check a booking in at the kiosk: a ticket ordered from the slot's start, or a normal ticket when late",
                  example: ["code": "ABC234"]) { context in
                let request = try booking.checkInRequest(code: context.parameter("code"))
                let ticket = try queue.issueTicket(request, by: context.caller.principal)
                let confirmed = try booking.confirmCheckIn(code: context.parameter("code"), ticket: ticket, by: context.caller.principal)
                guard case .object(var object) = try Self.ticketJSON(ticket) else { return .json(.null) }
                object["appointment"] = try JSONValueEncoder().encode(confirmed)
                return .json(.object(object), status: .created)
            },
        ]
    }

    /// The queueing pages: kiosk, printed ticket, board, counter console, supervisor view and
    /// the public follow page.
    func queuePages(_ queue: any QueueingPlugin) -> [(route: APIRoute, implementation: RouteImplementation)] {
        [
            queuePage("/kiosk", .staffOrDevice(.clerk, [.kiosk]), "Ticket kiosk: sector buttons and a priority choice; prints the ticket") { [appointments] page, _ in
                Pages.kiosk(context: page, sectors: try queue.sectorStatuses(), groups: queue.priorityGroups, checkIn: appointments != nil)
            },
            queuePage("/kiosk/ticket/:id", .staffOrDevice(.clerk, [.kiosk]), "A ticket laid out for the kiosk's printer; opens the print dialog",
                      example: ["id": "1"]) { page, context in
                guard let ticket = try queue.ticket(id: context.parameter("id")) else { return nil }
                return Pages.printedTicket(context: page, ticket: ticket, groups: queue.priorityGroups, display: queue.display,
                                           followURL: Self.followURL(ticket, context), autoPrint: context.request.query("print") != "0")
            },
            queuePage("/board", .staffOrDevice(.clerk, [.board]), "Display board: calls, counters and waiting counts, live, with voice") { page, _ in
                Pages.board(context: page, snapshot: try queue.snapshot(), display: queue.display)
            },
            queuePage("/counter", .staff(.clerk), "Counter console: call next, recall, start, finish, no-show, transfer, cancel, pause") { [self] page, context in
                let requested = context.request.query("counter")
                guard let id = try? actingCounter(context, requested: requested), let counter = deployment.counter(id) else {
                    return Pages.counterChooser(context: page)
                }
                let state = try queue.counterStates().first { $0.counter == id } ?? CounterState(counter: id)
                let snapshot = try queue.snapshot()
                let waiting = snapshot.waiting.filter { ticket in
                    ticket.targetCounter == id || (ticket.targetCounter == nil && counter.sectors.contains(ticket.sector))
                }
                return Pages.counterConsole(context: page, counter: counter, state: state, waiting: waiting, groups: queue.priorityGroups,
                                            recallLimit: queue.policy.noShowAfterRecalls)
            },
            queuePage("/queue/supervisor", .staff(.supervisor), "Queue supervision: counters, waiting per sector, today's figures, close the day") { page, _ in
                Pages.queueSupervisor(context: page, snapshot: try queue.snapshot())
            },
            queuePage("/appointments", .anyone, "Book an appointment: sector, day, slot; shows the booking code") { [appointments, clock] page, context in
                guard let appointments else { return nil }
                let calendar = page.deployment.calendar
                var days: [LocalDate] = []
                var day = calendar.local(clock.now).date
                for _ in 0..<21 where days.count < 7 {
                    if calendar.isOpen(on: day) { days.append(day) }
                    day = day.adding(days: 1)
                }
                let sector = context.request.query("sector").flatMap { id in page.deployment.enabledSectorIDs.contains(id) ? id : nil }
                let chosenDay = context.request.query("day").flatMap(LocalDate.init(iso:)) ?? days.first
                let slots = try sector.flatMap { sector in try chosenDay.map { try appointments.slots(sector: sector, day: $0) } } ?? []
                let now = clock.now
                let open = slots.filter { slot in
                    guard let date = LocalDate(iso: slot.day), let start = LocalTime(parsing: slot.start) else { return false }
                    return calendar.instant(date, start) > now
                }
                return Pages.appointments(context: page, days: days, sector: sector, day: chosenDay, slots: open)
            },
            queuePage("/ticket/:id", .anyone, "A citizen's ticket, opened from its QR code: state, people ahead, wait; live",
                      example: ["id": "1"]) { page, context in
                guard let ticket = try queue.ticket(id: context.parameter("id")) else { return nil }
                return Pages.ticketFollow(context: page, ticket: ticket)
            },
        ]
    }

    /// The public follow address of a ticket, on the host the kiosk reached.
    static func followURL(_ ticket: Ticket, _ context: RequestContext) -> String {
        let host = context.request.headers["Host"].flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        let safeHost = host.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == ":" || $0 == "-" || $0 == "[" || $0 == "]" } ? host : "localhost"
        return "http://\(safeHost)/ticket/" + Pages.percentEncoded(ticket.id, keepingSlashes: false)
    }

    /// A queue page: HTML, never cached, the language chosen with ?lang= kept in a cookie; nil
    /// from `render` answers the not-found page.
    private func queuePage(_ path: String, _ access: Access, _ summary: String, example: [String: String] = [:],
                           _ render: @escaping @Sendable (PageContext, RequestContext) throws -> Markup?) -> (route: APIRoute, implementation: RouteImplementation) {
        route(.get, path, access, tag: "pages", summary, page: true, example: example) { [self] context in
            let page = pageContext(context)
            var response: HTTPResponse
            if let html = try render(page, context) {
                response = .html(html)
            } else {
                response = .html(Pages.notFound(context: page), status: .notFound)
            }
            response.headers.add("Cache-Control", "no-store")
            if let chosen = context.request.query("lang"), Language(rawValue: chosen) != nil {
                response.headers.add("Set-Cookie", "\(Cookies.language)=\(chosen); Path=/; Max-Age=31536000; SameSite=Strict")
            }
            return response
        }
    }

    /// The counter a staff caller acts from: a clerk's own (their account's, or the one they
    /// chose when the account has none); a supervisor acts for the centre unless they name one.
    func actingCounter(_ context: RequestContext, requested: String?) throws -> String? {
        let requested = requested.flatMap { $0.isEmpty ? nil : $0 }
        guard case .staff(let account) = context.caller else { return requested }
        if account.role >= .supervisor { return requested }
        if let assigned = account.counter {
            if let requested, requested != assigned {
                throw Problem("queue.not-your-counter", status: 403,
                              en: "You sit at counter \(assigned); you cannot act for counter \(requested).",
                              vi: "Bạn làm việc tại quầy \(assigned); không thể thao tác cho quầy \(requested).",
                              details: [.init(field: "counter", code: "not-yours", message: LocalizedText(vi: "Không phải quầy của bạn", en: "Not your counter"))])
            }
            return assigned
        }
        guard let requested else {
            throw Problem("queue.counter-required", en: "Choose the counter you are sitting at first.", vi: "Hãy chọn quầy bạn đang làm việc trước.",
                          details: [.init(field: "atCounter", code: "required", message: LocalizedText(vi: "Chọn quầy", en: "Choose a counter"))])
        }
        return requested
    }

    /// A ticket as the API answers it, with the path of its public follow page.
    static func ticketJSON(_ ticket: Ticket) throws -> JSONValue {
        guard case .object(var object) = try JSONValueEncoder().encode(ticket) else { return .null }
        object["followPath"] = .string("/ticket/" + Pages.percentEncoded(ticket.id, keepingSlashes: false))
        return .object(object)
    }
}

/// The body of a ticket action.
struct TicketActionBody: Decodable {
    var action: String
    var reason: String?
    var sector: String?
    var counter: String?
    var keepPlace: Bool?
    var priorityGroup: String?
    var atCounter: String?

    func ticketAction() throws -> TicketAction {
        switch action {
        case "recall": return .recall
        case "start": return .start
        case "finish": return .finish
        case "noShow": return .noShow
        case "transfer": return .transfer(sector: sector.flatMap { $0.isEmpty ? nil : $0 }, counter: counter.flatMap { $0.isEmpty ? nil : $0 },
                                          keepPlace: keepPlace ?? false)
        case "confirmPriority": return .confirmPriority(group: priorityGroup.flatMap { $0.isEmpty ? nil : $0 })
        case "cancel":
            guard let reason, !reason.trimmingSpaces().isEmpty else {
                throw Problem("queue.cancel-reason", en: "Cancelling a ticket needs a reason.", vi: "Hủy phiếu cần nêu lý do.",
                              details: [.init(field: "reason", code: "required", message: LocalizedText(vi: "Nhập lý do", en: "Give a reason"))])
            }
            return .cancel(reason: reason)
        default:
            throw Problem("queue.unknown-action", en: "Unknown action \"\(action)\"; use recall, start, finish, noShow, transfer, cancel or confirmPriority.",
                          vi: "Thao tác \"\(action)\" không hợp lệ; dùng recall, start, finish, noShow, transfer, cancel hoặc confirmPriority.",
                          details: [.init(field: "action", code: "unknown", message: LocalizedText(vi: "Thao tác không hợp lệ", en: "Unknown action"))])
        }
    }
}

