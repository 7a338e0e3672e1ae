/// The queueing contract: tickets by sector, called to counters.
public protocol QueueingPlugin: Plugin {
    /// Issues a ticket for a sector.
    func issueTicket(_ request: TicketRequest, by principal: Principal) throws -> Ticket
    /// Calls the next ticket for a counter, or returns nil when nobody waits.
    func callNext(counter: String, by principal: Principal) throws -> Ticket?
    /// Applies a clerk's action to a ticket.
    func perform(_ action: TicketAction, onTicket id: String, by principal: Principal) throws -> Ticket
    /// The queue as it stands.
    func snapshot() throws -> QueueSnapshot

    // MARK: Added by the queueing issue; each has a default so small test plugins stay small.

    /// Applies a clerk's action from a counter: the ticket must be that counter's (or still
    /// waiting). A nil counter is a supervisor acting for the centre.
    func perform(_ action: TicketAction, onTicket id: String, atCounter counter: String?, by principal: Principal) throws -> Ticket
    /// One ticket with its place in the queue, or nil when there is no such ticket.
    func ticket(id: String) throws -> Ticket?
    /// Every counter's state.
    func counterStates() throws -> [CounterState]
    /// Pauses a counter; the reason is required and journalled.
    func pause(counter: String, reason: String, by principal: Principal) throws -> CounterState
    /// Reopens a paused counter.
    func resume(counter: String, by principal: Principal) throws -> CounterState
    /// Closes the day: every open ticket gets a terminal state, each journalled.
    func closeDay(by principal: Principal) throws -> DayClosing
    /// Today's figures per enabled sector: waiting, cap, estimate, whether the kiosk may issue.
    func sectorStatuses() throws -> [SectorStatus]
    /// The priority groups the kiosk offers, in order.
    var priorityGroups: [PriorityGroup] { get }
    /// How tickets print and calls sound in this deployment.
    var display: QueueDisplay { get }
    /// The rules the queue applies: priority cap, no-show, idempotency window, reset.
    var policy: QueuePolicy { get }
}

extension QueueingPlugin {
    public static var kind: PluginKind { .queueing }

    public func perform(_ action: TicketAction, onTicket id: String, atCounter counter: String?, by principal: Principal) throws -> Ticket {
        try perform(action, onTicket: id, by: principal)
    }

    public func ticket(id: String) throws -> Ticket? {
        let snapshot = try snapshot()
        return (snapshot.waiting + snapshot.atCounters).first { $0.id == id }
    }

    public func counterStates() throws -> [CounterState] { try snapshot().counters }

    public func pause(counter: String, reason: String, by principal: Principal) throws -> CounterState {
        throw Problem.queueVerbUnsupported("pause", plugin: Self.id)
    }

    public func resume(counter: String, by principal: Principal) throws -> CounterState {
        throw Problem.queueVerbUnsupported("resume", plugin: Self.id)
    }

    public func closeDay(by principal: Principal) throws -> DayClosing {
        throw Problem.queueVerbUnsupported("closeDay", plugin: Self.id)
    }

    public func sectorStatuses() throws -> [SectorStatus] { try snapshot().sectors }

    public var priorityGroups: [PriorityGroup] { [] }

    public var display: QueueDisplay { QueueDisplay() }

    public var policy: QueuePolicy {
        QueuePolicy(priorityCap: Int.max, noShowAfterRecalls: 0, noShowAfterSeconds: 0, idempotencySeconds: 0, resetsDaily: true)
    }
}

extension Problem {
    /// A queueing plugin that does not implement an optional verb.
    static func queueVerbUnsupported(_ verb: String, plugin: PluginID) -> Problem {
        Problem("queue.unsupported", status: 501, en: "\(plugin) does not support \(verb).",
                vi: "\(plugin) không hỗ trợ thao tác \(verb).")
    }
}

// MARK: - Appointments add-on

/// A queueing add-on that books appointment slots and prepares check-ins.
///
/// It is composed as a queueing plugin with role `.addOn` (its base verbs refuse); the host
/// finds it among the composition's plugins. At check-in the host asks it for the ticket
/// request (with the booking and, inside the slot window, the slot start as the ticket's
/// place), issues the ticket with the primary queueing plugin, then confirms the check-in:
/// the two plugins never see each other.
public protocol AppointmentBooking: QueueingPlugin {
    /// The bookable slots of a sector on a day, from counters × opening hours.
    func slots(sector: String, day: LocalDate) throws -> [AppointmentSlot]
    /// Books a slot; throws when it is full, past or on a closed day.
    func book(sector: String, day: LocalDate, start: LocalTime, by principal: Principal) throws -> Booking
    /// A booking by its code.
    func booking(code: String) throws -> Booking?
    /// The ticket request for checking a booking in now: precedence within its window, the
    /// normal queue when late; throws for an unknown, used or cancelled code or a wrong day.
    func checkInRequest(code: String) throws -> TicketRequest
    /// Records the check-in with the ticket issued for it.
    func confirmCheckIn(code: String, ticket: Ticket, by principal: Principal) throws -> Booking
    /// Cancels a booking.
    func cancelBooking(code: String, by principal: Principal) throws -> Booking
}

extension AppointmentBooking {
    public static var role: PluginRole { .addOn }

    public func issueTicket(_ request: TicketRequest, by principal: Principal) throws -> Ticket {
        throw Problem.queueVerbUnsupported("issueTicket", plugin: Self.id)
    }

    public func callNext(counter: String, by principal: Principal) throws -> Ticket? {
        throw Problem.queueVerbUnsupported("callNext", plugin: Self.id)
    }

    public func perform(_ action: TicketAction, onTicket id: String, by principal: Principal) throws -> Ticket {
        throw Problem.queueVerbUnsupported("perform", plugin: Self.id)
    }

    public func snapshot() throws -> QueueSnapshot { QueueSnapshot(waiting: [], atCounters: []) }
}
