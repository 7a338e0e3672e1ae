#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

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

    // MARK: Queueing details (added by the queueing issue)

    /// The centre-local day the ticket belongs to, `yyyy-MM-dd`.
    public var day: String?
    /// Whether a clerk has confirmed the declared priority group.
    public var priorityConfirmed: Bool = false
    /// The counter a transfer sent the ticket to, which alone may call it.
    public var targetCounter: String?
    /// When the ticket was first called.
    public var calledAt: Date?
    /// When service started.
    public var startedAt: Date?
    /// When the ticket reached its terminal state.
    public var finishedAt: Date?
    /// How many times the ticket was re-announced.
    public var recalls: Int = 0
    /// The ticket this one continues after a transfer, if any.
    public var transferredFrom: String?
    /// The appointment booking code the ticket was checked in with, if any.
    public var booking: String?
    /// People ahead in the queue when the ticket was read; nil once called.
    public var ahead: Int?
    /// Estimated seconds until the call when the ticket was read; nil once called.
    public var estimatedWaitSeconds: Int?

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

    private enum CodingKeys: String, CodingKey {
        case id, number, sector, priorityGroup, state, counter, issuedAt, day, priorityConfirmed, targetCounter,
             calledAt, startedAt, finishedAt, recalls, transferredFrom, booking, ahead, estimatedWaitSeconds
    }

    /// Decodes a ticket; times are ISO 8601 strings.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func time(_ key: CodingKeys) throws -> Date? {
            guard let text = try container.decodeIfPresent(String.self, forKey: key) else { return nil }
            guard let date = ISOTime.date(text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "expected an ISO 8601 time")
            }
            return date
        }
        id = try container.decode(String.self, forKey: .id)
        number = try container.decode(String.self, forKey: .number)
        sector = try container.decode(String.self, forKey: .sector)
        priorityGroup = try container.decodeIfPresent(String.self, forKey: .priorityGroup)
        state = try container.decode(State.self, forKey: .state)
        counter = try container.decodeIfPresent(String.self, forKey: .counter)
        guard let issued = try time(.issuedAt) else {
            throw DecodingError.keyNotFound(CodingKeys.issuedAt, .init(codingPath: decoder.codingPath, debugDescription: "issuedAt is required"))
        }
        issuedAt = issued
        day = try container.decodeIfPresent(String.self, forKey: .day)
        priorityConfirmed = try container.decodeIfPresent(Bool.self, forKey: .priorityConfirmed) ?? false
        targetCounter = try container.decodeIfPresent(String.self, forKey: .targetCounter)
        calledAt = try time(.calledAt)
        startedAt = try time(.startedAt)
        finishedAt = try time(.finishedAt)
        recalls = try container.decodeIfPresent(Int.self, forKey: .recalls) ?? 0
        transferredFrom = try container.decodeIfPresent(String.self, forKey: .transferredFrom)
        booking = try container.decodeIfPresent(String.self, forKey: .booking)
        ahead = try container.decodeIfPresent(Int.self, forKey: .ahead)
        estimatedWaitSeconds = try container.decodeIfPresent(Int.self, forKey: .estimatedWaitSeconds)
    }

    /// Encodes a ticket with ISO 8601 times; absent optional values are left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(number, forKey: .number)
        try container.encode(sector, forKey: .sector)
        try container.encode(priorityGroup, forKey: .priorityGroup)
        try container.encode(state, forKey: .state)
        try container.encode(counter, forKey: .counter)
        try container.encode(ISOTime.string(issuedAt), forKey: .issuedAt)
        try container.encodeIfPresent(day, forKey: .day)
        try container.encode(priorityConfirmed, forKey: .priorityConfirmed)
        try container.encodeIfPresent(targetCounter, forKey: .targetCounter)
        try container.encodeIfPresent(calledAt.map(ISOTime.string), forKey: .calledAt)
        try container.encodeIfPresent(startedAt.map(ISOTime.string), forKey: .startedAt)
        try container.encodeIfPresent(finishedAt.map(ISOTime.string), forKey: .finishedAt)
        try container.encode(recalls, forKey: .recalls)
        try container.encodeIfPresent(transferredFrom, forKey: .transferredFrom)
        try container.encodeIfPresent(booking, forKey: .booking)
        try container.encodeIfPresent(ahead, forKey: .ahead)
        try container.encodeIfPresent(estimatedWaitSeconds, forKey: .estimatedWaitSeconds)
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
    /// The appointment booking checked in, if any (set by the host at check-in, never read
    /// from a request body).
    public var booking: String?
    /// The instant the ticket is ordered as if it arrived then: a booking's slot start, which
    /// gives it precedence over walk-ins who came later. Nil means now. Set by the host only.
    public var placeAt: Date?

    /// Creates a request.
    public init(sector: String, priorityGroup: String? = nil, idempotencyKey: String? = nil, booking: String? = nil, placeAt: Date? = nil) {
        self.sector = sector
        self.priorityGroup = priorityGroup
        self.idempotencyKey = idempotencyKey
        self.booking = booking
        self.placeAt = placeAt
    }

    // A kiosk's body names the sector, the group and the key only: a booking and its place
    // come from the appointments add-on, so nobody can jump the queue by sending them.
    private enum CodingKeys: String, CodingKey {
        case sector, priorityGroup, idempotencyKey
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
    /// The clerk confirms, changes or (with nil) removes the declared priority group.
    case confirmPriority(group: String?)
}

/// The state of the queue at a moment, for boards and consoles.
public struct QueueSnapshot: Sendable, Hashable, Codable {
    /// Tickets waiting, in call order.
    public var waiting: [Ticket]
    /// Tickets being called or served, one or none per counter.
    public var atCounters: [Ticket]
    /// The day the snapshot is of, `yyyy-MM-dd`.
    public var day: String?
    /// The latest calls, newest first, for the board's history.
    public var recentCalls: [Ticket]
    /// Every counter's state.
    public var counters: [CounterState]
    /// Per-sector figures for today.
    public var sectors: [SectorStatus]

    /// Creates a snapshot.
    public init(waiting: [Ticket], atCounters: [Ticket], day: String? = nil, recentCalls: [Ticket] = [],
                counters: [CounterState] = [], sectors: [SectorStatus] = []) {
        self.waiting = waiting
        self.atCounters = atCounters
        self.day = day
        self.recentCalls = recentCalls
        self.counters = counters
        self.sectors = sectors
    }
}

// MARK: - Queueing: counters, sectors, priority groups, closing

/// One counter as the queue sees it: open or paused, and what it is doing.
public struct CounterState: Sendable, Hashable, Codable {
    /// The counter id.
    public var counter: String
    /// Whether the clerk paused the counter.
    public var paused: Bool
    /// Why the counter is paused.
    public var pauseReason: String?
    /// The ticket being called or served, if any.
    public var current: Ticket?
    /// Tickets finished at this counter today.
    public var servedToday: Int
    /// Consecutive priority calls since the last ordinary one (the anti-starvation count).
    public var priorityStreak: Int

    /// Creates a counter state.
    public init(counter: String, paused: Bool = false, pauseReason: String? = nil, current: Ticket? = nil,
                servedToday: Int = 0, priorityStreak: Int = 0) {
        self.counter = counter
        self.paused = paused
        self.pauseReason = pauseReason
        self.current = current
        self.servedToday = servedToday
        self.priorityStreak = priorityStreak
    }
}

/// Today's figures of one sector, for the kiosk, the board and the supervisor.
public struct SectorStatus: Sendable, Hashable, Codable {
    /// The sector id.
    public var sector: String
    /// The number prefix, e.g. `TP`.
    public var prefix: String
    /// Tickets waiting to be called.
    public var waiting: Int
    /// Tickets issued today.
    public var issuedToday: Int
    /// Tickets finished today.
    public var servedToday: Int
    /// The day's cap, if any.
    public var dailyCap: Int?
    /// Whether the kiosk can issue a ticket now.
    public var available: Bool
    /// Why not, when not: `sold-out`, `closed` or `day-closed`.
    public var unavailableReason: String?
    /// The next opening when not available now, ISO 8601.
    public var nextOpening: Date?
    /// Estimated seconds of wait for a ticket issued now.
    public var estimatedWaitSeconds: Int
    /// The service seconds the wait estimate works with: the average of recent services of
    /// at least 30 s, or the configured default before there are any. Not a measurement of
    /// today: see ``servedTodayAverageSeconds``.
    public var averageServiceSeconds: Int
    /// The measured average, in whole seconds, from start to finish of the tickets served
    /// today (as the reports measure a service); nil before the first is served.
    public var servedTodayAverageSeconds: Int?

    /// Creates sector figures.
    public init(sector: String, prefix: String, waiting: Int, issuedToday: Int, servedToday: Int, dailyCap: Int?,
                available: Bool, unavailableReason: String?, nextOpening: Date?, estimatedWaitSeconds: Int, averageServiceSeconds: Int,
                servedTodayAverageSeconds: Int? = nil) {
        self.sector = sector
        self.prefix = prefix
        self.waiting = waiting
        self.issuedToday = issuedToday
        self.servedToday = servedToday
        self.dailyCap = dailyCap
        self.available = available
        self.unavailableReason = unavailableReason
        self.nextOpening = nextOpening
        self.estimatedWaitSeconds = estimatedWaitSeconds
        self.averageServiceSeconds = averageServiceSeconds
        self.servedTodayAverageSeconds = servedTodayAverageSeconds
    }

    private enum CodingKeys: String, CodingKey {
        case sector, prefix, waiting, issuedToday, servedToday, dailyCap, available, unavailableReason, nextOpening,
             estimatedWaitSeconds, averageServiceSeconds, servedTodayAverageSeconds
    }

    /// Decodes figures; `nextOpening` is ISO 8601.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sector = try container.decode(String.self, forKey: .sector)
        prefix = try container.decode(String.self, forKey: .prefix)
        waiting = try container.decode(Int.self, forKey: .waiting)
        issuedToday = try container.decode(Int.self, forKey: .issuedToday)
        servedToday = try container.decode(Int.self, forKey: .servedToday)
        dailyCap = try container.decodeIfPresent(Int.self, forKey: .dailyCap)
        available = try container.decode(Bool.self, forKey: .available)
        unavailableReason = try container.decodeIfPresent(String.self, forKey: .unavailableReason)
        nextOpening = try container.decodeIfPresent(String.self, forKey: .nextOpening).flatMap(ISOTime.date)
        estimatedWaitSeconds = try container.decode(Int.self, forKey: .estimatedWaitSeconds)
        averageServiceSeconds = try container.decode(Int.self, forKey: .averageServiceSeconds)
        servedTodayAverageSeconds = try container.decodeIfPresent(Int.self, forKey: .servedTodayAverageSeconds)
    }

    /// Encodes figures with an ISO 8601 `nextOpening`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sector, forKey: .sector)
        try container.encode(prefix, forKey: .prefix)
        try container.encode(waiting, forKey: .waiting)
        try container.encode(issuedToday, forKey: .issuedToday)
        try container.encode(servedToday, forKey: .servedToday)
        try container.encode(dailyCap, forKey: .dailyCap)
        try container.encode(available, forKey: .available)
        try container.encode(unavailableReason, forKey: .unavailableReason)
        try container.encode(nextOpening.map(ISOTime.string), forKey: .nextOpening)
        try container.encode(estimatedWaitSeconds, forKey: .estimatedWaitSeconds)
        try container.encode(averageServiceSeconds, forKey: .averageServiceSeconds)
        try container.encode(servedTodayAverageSeconds, forKey: .servedTodayAverageSeconds)
    }
}

/// A priority group a citizen can declare at the kiosk (elderly, disabled, …).
public struct PriorityGroup: Sendable, Hashable, Codable, Identifiable {
    /// The group id, e.g. `elderly`.
    public var id: String
    /// The label on the kiosk and the console.
    public var label: LocalizedText

    /// Creates a group.
    public init(id: String, label: LocalizedText) {
        self.id = id
        self.label = label
    }
}

/// How the kiosk prints a ticket and how the board announces a call, per deployment.
public struct QueueDisplay: Sendable, Hashable, Codable {
    /// A heading printed above the number; the centre's name when nil.
    public var ticketHeader: LocalizedText?
    /// A line printed at the foot of the ticket.
    public var ticketFooter: LocalizedText?
    /// The paper width, e.g. `80mm` for a thermal printer or `A6`.
    public var paperWidth: String
    /// Whether the ticket shows people ahead and the estimated wait.
    public var showsEstimate: Bool
    /// Whether the ticket carries the QR code of its follow page.
    public var showsQRCode: Bool
    /// How many past calls the board lists.
    public var boardRecentCalls: Int
    /// Whether the board speaks calls aloud where the browser has a Vietnamese voice.
    public var voice: Bool
    /// The spoken call; `{number}` and `{counter}` are filled in.
    public var announcement: LocalizedText

    /// Creates display settings.
    public init(ticketHeader: LocalizedText? = nil, ticketFooter: LocalizedText? = nil, paperWidth: String = "80mm",
                showsEstimate: Bool = true, showsQRCode: Bool = true, boardRecentCalls: Int = 8, voice: Bool = true,
                announcement: LocalizedText = LocalizedText(vi: "Mời công dân có số {number} đến {counter}",
                                                            en: "Ticket {number}, please go to {counter}")) {
        self.ticketHeader = ticketHeader
        self.ticketFooter = ticketFooter
        self.paperWidth = paperWidth
        self.showsEstimate = showsEstimate
        self.showsQRCode = showsQRCode
        self.boardRecentCalls = boardRecentCalls
        self.voice = voice
        self.announcement = announcement
    }
}

/// The rules a queue applies, so consoles can show them and the harness can check them.
public struct QueuePolicy: Sendable, Hashable, Codable {
    /// Consecutive priority calls a counter makes while ordinary tickets wait, before it must
    /// call an ordinary one (the anti-starvation cap).
    public var priorityCap: Int
    /// Recalls after which a called ticket may be marked a no-show (and no more recalls).
    public var noShowAfterRecalls: Int
    /// Seconds after the last call after which a called ticket may be marked a no-show.
    public var noShowAfterSeconds: Int
    /// A repeated idempotency key within this many seconds returns the same ticket.
    public var idempotencySeconds: Int
    /// Whether numbering starts again every day (else it runs on and wraps round).
    public var resetsDaily: Bool

    /// Creates a policy.
    public init(priorityCap: Int, noShowAfterRecalls: Int, noShowAfterSeconds: Int, idempotencySeconds: Int, resetsDaily: Bool) {
        self.priorityCap = priorityCap
        self.noShowAfterRecalls = noShowAfterRecalls
        self.noShowAfterSeconds = noShowAfterSeconds
        self.idempotencySeconds = idempotencySeconds
        self.resetsDaily = resetsDaily
    }
}

/// What closing a day did: each open ticket given a terminal state, journalled.
public struct DayClosing: Sendable, Hashable, Codable {
    /// The day closed, `yyyy-MM-dd`.
    public var day: String
    /// Tickets closed, with the state each was given.
    public var closed: [Ticket]

    /// Creates a closing.
    public init(day: String, closed: [Ticket]) {
        self.day = day
        self.closed = closed
    }
}

/// ISO 8601 UTC times with milliseconds, as the API and the journal write them.
///
/// `string(_:)` is the one writer of times in MotCua: API answers, journal payloads, stored
/// JSON and `JSONValueEncoder` all go through it, so an action's answer and a later GET
/// agree to the millisecond.
public enum ISOTime {
    /// `2026-03-02T01:15:00.000Z`; milliseconds rounded to the nearest, as the journal stores
    /// them (`JournalEntry.milliseconds`).
    public static func string(_ date: Date) -> String {
        let milliseconds = JournalEntry.milliseconds(date)
        let seconds = milliseconds >= 0 ? milliseconds / 1_000 : (milliseconds - 999) / 1_000
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let second = Int(seconds - day * 86_400)
        let date = LocalDate(dayNumber: Int(day))
        return "\(date)T\((second / 3_600).zeroPadded(2)):\((second / 60 % 60).zeroPadded(2)):\((second % 60).zeroPadded(2))."
            + "\(Int(milliseconds - seconds * 1_000).zeroPadded(3))Z"
    }

    /// Parses `yyyy-MM-ddTHH:mm:ss[.SSS]Z`; nil for anything else.
    public static func date(_ text: String) -> Date? {
        let parts = text.split(separator: "T")
        guard parts.count == 2, text.hasSuffix("Z"), let date = LocalDate(iso: String(parts[0])) else { return nil }
        let time = parts[1].dropLast()
        let fields = time.split(separator: ":")
        guard fields.count == 3, let hour = Int(fields[0]), let minute = Int(fields[1]),
              let seconds = Double(fields[2]), (0..<24).contains(hour), (0..<60).contains(minute), seconds >= 0, seconds < 61 else { return nil }
        return Date(timeIntervalSince1970: Double(date.dayNumber) * 86_400 + Double(hour * 3_600 + minute * 60) + seconds)
    }
}

// MARK: - Appointments (the queue.appointments add-on)

/// One bookable slot of a sector on a day.
public struct AppointmentSlot: Sendable, Hashable, Codable {
    /// The sector id.
    public var sector: String
    /// The day, `yyyy-MM-dd`.
    public var day: String
    /// The slot's start, `HH:mm`, centre time.
    public var start: String
    /// The slot's end, `HH:mm`.
    public var end: String
    /// Bookings the slot takes.
    public var capacity: Int
    /// Bookings already made.
    public var booked: Int

    /// Creates a slot.
    public init(sector: String, day: String, start: String, end: String, capacity: Int, booked: Int) {
        self.sector = sector
        self.day = day
        self.start = start
        self.end = end
        self.capacity = capacity
        self.booked = booked
    }
}

/// A citizen's appointment, identified by the code they bring to the kiosk.
public struct Booking: Sendable, Hashable, Codable {
    /// Where the booking is.
    public enum State: String, Sendable, Hashable, Codable {
        case booked, checkedIn, cancelled
    }

    /// The booking code, e.g. `H7K2QP`.
    public var code: String
    /// The sector id.
    public var sector: String
    /// The day, `yyyy-MM-dd`.
    public var day: String
    /// The slot's start, `HH:mm`.
    public var start: String
    /// The slot's end, `HH:mm`.
    public var end: String
    /// The state.
    public var state: State
    /// The ticket issued at check-in.
    public var ticket: String?
    /// Whether the citizen checked in after the slot ended (queued as a walk-in).
    public var late: Bool

    /// Creates a booking.
    public init(code: String, sector: String, day: String, start: String, end: String, state: State = .booked, ticket: String? = nil, late: Bool = false) {
        self.code = code
        self.sector = sector
        self.day = day
        self.start = start
        self.end = end
        self.state = state
        self.ticket = ticket
        self.late = late
    }
}
