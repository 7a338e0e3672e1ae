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
}

extension QueueingPlugin {
    public static var kind: PluginKind { .queueing }
}
