import Foundation

/// A queue ticket a citizen takes at the kiosk for one sector.
public struct Ticket: Sendable, Hashable, Codable {
    /// Where a ticket is in its life. `done`, `noShow`, `transferred` and `cancelled` are terminal.
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        case issued, called, serving, done, noShow, transferred, cancelled

        /// Whether the ticket's life is over.
        public var isTerminal: Bool {
            switch self {
            case .done, .noShow, .transferred, .cancelled: true
            case .issued, .called, .serving: false
            }
        }
    }

    /// The store's identifier, stable across days.
    public var id: String
    /// The printed number, e.g. `TP-015`.
    public var number: String
    /// The sector the ticket queues for.
    public var sector: String
    /// The priority group id, if the citizen belongs to one.
    public var priorityGroup: String?
    /// The current state.
    public var state: State
    /// The counter that called the ticket, once called.
    public var counter: String?
    /// When the ticket was issued.
    public var issuedAt: Date

    /// Creates a ticket.
    public init(id: String, number: String, sector: String, priorityGroup: String? = nil,
                state: State = .issued, counter: String? = nil, issuedAt: Date) {
        self.id = id
        self.number = number
        self.sector = sector
        self.priorityGroup = priorityGroup
        self.state = state
        self.counter = counter
        self.issuedAt = issuedAt
    }
}

/// What a kiosk asks for when a citizen takes a number.
public struct TicketRequest: Sendable, Hashable, Codable {
    /// The sector the citizen chose.
    public var sector: String
    /// The priority group the citizen declared, if any.
    public var priorityGroup: String?
    /// A key the kiosk repeats on a double tap so only one ticket is issued.
    public var idempotencyKey: String?

    /// Creates a request.
    public init(sector: String, priorityGroup: String? = nil, idempotencyKey: String? = nil) {
        self.sector = sector
        self.priorityGroup = priorityGroup
        self.idempotencyKey = idempotencyKey
    }
}

/// What a clerk does to a ticket at the counter.
public enum TicketAction: Sendable, Hashable {
    case recall
    case start
    case finish
    case noShow
    case transfer(sector: String?, counter: String?, keepPlace: Bool)
    case cancel(reason: String)
}

/// The state of the queue at a moment, for boards and consoles.
public struct QueueSnapshot: Sendable, Hashable, Codable {
    /// Tickets waiting, in call order.
    public var waiting: [Ticket]
    /// Tickets being called or served, one or none per counter.
    public var atCounters: [Ticket]

    /// Creates a snapshot.
    public init(waiting: [Ticket], atCounters: [Ticket]) {
        self.waiting = waiting
        self.atCounters = atCounters
    }
}
