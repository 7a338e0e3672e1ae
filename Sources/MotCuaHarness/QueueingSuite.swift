#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHost
import MotCuaStore

/// The queueing contract's conformance scenarios, run for every deployment that composes a
/// queueing plugin: ordering with priorities and the anti-starvation cap; transfer, recall,
/// no-show, idempotency and the daily reset; a seeded property test with random interleavings
/// of many counters and kiosks; and a restart in the middle of a day.
///
/// The scenarios use the contract only (and ``QueuePolicy`` for the configured numbers), so
/// any queueing plugin is held to the same rules.
public enum QueueingSuite: HarnessSuite {
    public static var kind: PluginKind { .queueing }

    public static func scenarios(for deployment: Deployment) -> [Scenario] {
        [
            Scenario("queueing: priority order and anti-starvation cap") { try ordering($0) },
            Scenario("queueing: transfer, recall, no-show, double tap and daily reset") { try lifecycle($0) },
            Scenario("queueing: random interleavings of counters and kiosks") { try await interleavings($0) },
            Scenario("queueing: restart in the middle of a day") { try restart($0) },
        ] + (deployment.plugins.count > 1 ? [Scenario("queueing: appointments check in with slot precedence") { try appointments($0) }] : [])
    }

    static let kiosk = Principal.device("harness-kiosk")
    static func clerk(_ counter: String) -> Principal { .staff("harness-clerk-\(counter)") }

    static func queue(_ environment: HarnessEnvironment) throws -> any QueueingPlugin {
        guard let queue = environment.composition.queueing else { throw HarnessFailure("the deployment composes no queueing plugin") }
        return queue
    }

    /// A counter that serves at least one enabled sector, with that sector.
    static func servingCounter(_ deployment: Deployment, excluding excluded: Set<String> = []) -> (counter: Counter, sector: String)? {
        for counter in deployment.counters where !excluded.contains(counter.id) {
            if let sector = counter.sectors.first(where: { deployment.isEnabled(sector: $0) }) { return (counter, sector) }
        }
        return nil
    }

    // MARK: Ordering

    static func ordering(_ environment: HarnessEnvironment) throws {
        let queue = try queue(environment)
        guard let (counter, sector) = servingCounter(environment.deployment) else { return }
        let groups = queue.priorityGroups
        let cap = queue.policy.priorityCap
        var ordinary: [String] = []
        var priority: [String] = []
        // Interleaved arrivals: O, P, O, P, P, O, P, P, O, P.
        for (index, isPriority) in [false, true, false, true, true, false, true, true, false, true].enumerated() {
            let group = isPriority ? groups.first?.id : nil
            let ticket = try queue.issueTicket(TicketRequest(sector: sector, priorityGroup: group, idempotencyKey: "order-\(index)"), by: kiosk)
            try expect(ticket.state == .issued, "a new ticket is \(ticket.state), expected issued")
            if group != nil { priority.append(ticket.id) } else { ordinary.append(ticket.id) }
            environment.clock.advance(by: 30)
        }
        // The model: priority first, in arrival order, but never more than `cap` in a row while
        // ordinary tickets wait.
        var expected: [String] = []
        var streak = 0
        var p = priority, o = ordinary
        while !p.isEmpty || !o.isEmpty {
            if !p.isEmpty && (streak < cap || o.isEmpty) { expected.append(p.removeFirst()); streak += 1 } else { expected.append(o.removeFirst()); streak = 0 }
        }
        var actual: [String] = []
        while let ticket = try queue.callNext(counter: counter.id, by: clerk(counter.id)) {
            try expect(ticket.state == .called && ticket.counter == counter.id, "called ticket \(ticket.number) is \(ticket.state) at \(ticket.counter ?? "no counter")")
            actual.append(ticket.id)
            _ = try queue.perform(.start, onTicket: ticket.id, atCounter: counter.id, by: clerk(counter.id))
            environment.clock.advance(by: 60)
            let done = try queue.perform(.finish, onTicket: ticket.id, atCounter: counter.id, by: clerk(counter.id))
            try expect(done.state == .done, "finished ticket \(done.number) is \(done.state)")
            try expect(actual.count <= 10, "more calls than tickets: \(actual)")
        }
        try expect(actual == expected, "call order \(actual) differs from priority-then-arrival with cap \(cap): \(expected)")
        try verifyJournal(environment)
    }

    // MARK: Lifecycle

    static func lifecycle(_ environment: HarnessEnvironment) throws {
        let queue = try queue(environment)
        let deployment = environment.deployment
        guard let (counter, sector) = servingCounter(deployment) else { return }
        let policy = queue.policy
        let me = clerk(counter.id)

        // Double tap: the same key within the window gives the same ticket.
        let first = try queue.issueTicket(TicketRequest(sector: sector, idempotencyKey: "tap-1"), by: kiosk)
        environment.clock.advance(by: 0.5)
        let again = try queue.issueTicket(TicketRequest(sector: sector, idempotencyKey: "tap-1"), by: kiosk)
        try expect(again.id == first.id && again.number == first.number, "a double tap issued \(first.number) and \(again.number)")

        // Recall up to the limit, then a no-show.
        let called = try require(try queue.callNext(counter: counter.id, by: me), "nobody to call after issuing \(first.number)")
        try expect(called.id == first.id, "called \(called.number), expected \(first.number)")
        for round in 0..<policy.noShowAfterRecalls {
            let recalled = try queue.perform(.recall, onTicket: called.id, atCounter: counter.id, by: me)
            try expect(recalled.recalls == round + 1, "recall \(round + 1) left recalls at \(recalled.recalls)")
        }
        if policy.noShowAfterRecalls == 0 { environment.clock.advance(by: TimeInterval(policy.noShowAfterSeconds)) }
        let absent = try queue.perform(.noShow, onTicket: called.id, atCounter: counter.id, by: me)
        try expect(absent.state == .noShow, "no-show left \(absent.number) \(absent.state)")
        try expectRefusal("a second no-show of \(absent.number)") { _ = try queue.perform(.noShow, onTicket: called.id, atCounter: counter.id, by: me) }

        // Out of order and double finish are refused; the ticket keeps its state.
        let second = try queue.issueTicket(TicketRequest(sector: sector), by: kiosk)
        try expectRefusal("finishing a waiting ticket") { _ = try queue.perform(.finish, onTicket: second.id, atCounter: counter.id, by: me) }
        _ = try require(try queue.callNext(counter: counter.id, by: me), "nobody to call")
        try expectRefusal("a second call while \(second.number) is at the counter") { _ = try queue.callNext(counter: counter.id, by: me) }
        if let (other, _) = servingCounter(deployment, excluding: [counter.id]) {
            try expectRefusal("counter \(other.id) acting on counter \(counter.id)'s ticket") {
                _ = try queue.perform(.start, onTicket: second.id, atCounter: other.id, by: clerk(other.id))
            }
        }
        _ = try queue.perform(.start, onTicket: second.id, atCounter: counter.id, by: me)
        _ = try queue.perform(.finish, onTicket: second.id, atCounter: counter.id, by: me)
        try expectRefusal("a double finish of \(second.number)") { _ = try queue.perform(.finish, onTicket: second.id, atCounter: counter.id, by: me) }
        try expectRefusal("cancelling without a reason") {
            let waiting = try queue.issueTicket(TicketRequest(sector: sector), by: kiosk)
            _ = try queue.perform(.cancel(reason: "  "), onTicket: waiting.id, atCounter: counter.id, by: me)
        }

        // Transfer keeping the place: the ticket goes ahead of later arrivals in the new sector.
        let targetSector = deployment.enabledSectorIDs.first { id in id != sector && deployment.counters.contains { $0.sectors.contains(id) } }
        if let targetSector, let receiving = deployment.counters.first(where: { $0.sectors.contains(targetSector) }) {
            // Clear what is waiting so the calls below are about the transfer only.
            for ticket in try queue.snapshot().waiting {
                _ = try queue.perform(.cancel(reason: "harness: clearing the queue"), onTicket: ticket.id, atCounter: nil, by: .system)
            }
            let moving = try queue.issueTicket(TicketRequest(sector: sector), by: kiosk)
            environment.clock.advance(by: 60)
            let later = try queue.issueTicket(TicketRequest(sector: targetSector), by: kiosk)
            environment.clock.advance(by: 60)
            let atCounter = try require(try queue.callNext(counter: counter.id, by: me), "nobody to call for the transfer")
            try expect(atCounter.id == moving.id, "called \(atCounter.number), expected \(moving.number)")
            _ = try queue.perform(.start, onTicket: moving.id, atCounter: counter.id, by: me)
            let moved = try queue.perform(.transfer(sector: targetSector, counter: nil, keepPlace: true), onTicket: moving.id, atCounter: counter.id, by: me)
            try expect(moved.state == .issued && moved.sector == targetSector, "the transferred ticket is \(moved.state) in \(moved.sector)")
            try expect(moved.number == moving.number, "a transfer renumbered \(moving.number) as \(moved.number)")
            let old = try require(try queue.ticket(id: moving.id), "the original ticket \(moving.id) vanished")
            try expect(old.state == .transferred, "the original ticket is \(old.state), expected transferred")
            let next = try require(try queue.callNext(counter: receiving.id, by: clerk(receiving.id)), "nobody to call at counter \(receiving.id)")
            try expect(next.id == moved.id, "counter \(receiving.id) called \(next.number), expected the transferred \(moved.number) ahead of \(later.number)")
            _ = try queue.perform(.cancel(reason: "harness"), onTicket: next.id, atCounter: receiving.id, by: clerk(receiving.id))
        }

        // Daily reset and closing: a ticket left waiting is closed (journalled) before the next day starts.
        let left = try queue.issueTicket(TicketRequest(sector: sector), by: kiosk)
        let calendar = deployment.calendar
        let tomorrow = calendar.nextWorkingDay(after: calendar.local(environment.clock.now).date)
        let opening = calendar.hours(on: tomorrow).first?.start ?? LocalTime(hour: 8, minute: 0)!
        environment.clock.set(calendar.instant(tomorrow, opening).addingTimeInterval(600))
        let fresh = try queue.issueTicket(TicketRequest(sector: sector), by: kiosk)
        let stale = try require(try queue.ticket(id: left.id), "yesterday's ticket \(left.id) vanished")
        try expect(stale.state.isTerminal, "yesterday's waiting ticket \(left.number) carried over as \(stale.state)")
        let entries = try environment.store.journalEntries(after: 0, limit: 100_000)
        try expect(entries.contains { $0.kind == "ticket.closed" && $0.subject == "ticket:\(left.id)" }, "closing \(left.number) was not journalled")
        if policy.resetsDaily {
            try expect(fresh.number == first.number, "numbering did not restart: the first ticket of the day is \(fresh.number), yesterday's was \(first.number)")
        }
        try expect(fresh.id != first.id, "a new day reused the id \(fresh.id)")
        try verifyJournal(environment)
    }

    // MARK: Property test

    static func interleavings(_ environment: HarnessEnvironment) async throws {
        let queue = try queue(environment)
        let deployment = environment.deployment
        let counters = deployment.counters.filter { $0.sectors.contains(where: deployment.isEnabled(sector:)) }
        let sectors = deployment.enabledSectorIDs.filter { id in counters.contains { $0.sectors.contains(id) } }
        guard !counters.isEmpty, !sectors.isEmpty else { return }
        var random = environment.random()
        let groups = queue.priorityGroups.map(\.id)
        var issued: [String: Ticket] = [:]
        var calledBy: [String: String] = [:]
        let kiosks = (1...3).map { Principal.device("harness-kiosk-\($0)") }
        for step in 0..<360 {
            environment.clock.advance(by: TimeInterval(Int.random(in: 5...70, using: &random)))
            let roll = Int.random(in: 0..<100, using: &random)
            do {
                if roll < 38 {
                    let group = Int.random(in: 0..<4, using: &random) == 0 ? groups.randomElement(using: &random) : nil
                    let ticket = try queue.issueTicket(TicketRequest(sector: sectors.randomElement(using: &random)!, priorityGroup: group,
                                                                     idempotencyKey: "p-\(step)"), by: kiosks.randomElement(using: &random)!)
                    try expect(issued[ticket.id] == nil, "ticket id \(ticket.id) issued twice")
                    issued[ticket.id] = ticket
                } else if roll < 60 {
                    let counter = counters.randomElement(using: &random)!
                    let before = try queue.snapshot()
                    guard let ticket = try queue.callNext(counter: counter.id, by: clerk(counter.id)) else { continue }
                    try checkCallOrder(ticket, counter: counter, before: before)
                    try expect(calledBy[ticket.id] == nil, "ticket \(ticket.number) was called by counter \(calledBy[ticket.id] ?? "") and again by \(counter.id)")
                    calledBy[ticket.id] = counter.id
                } else if roll < 66 {
                    // Every counter calls at the same instant.
                    let results = await withTaskGroup(of: (String, Ticket?).self) { group in
                        for counter in counters {
                            group.addTask { (counter.id, try? queue.callNext(counter: counter.id, by: clerk(counter.id))) }
                        }
                        var results: [(String, Ticket?)] = []
                        for await result in group { results.append(result) }
                        return results
                    }
                    let ids = results.compactMap { $0.1?.id }
                    try expect(Set(ids).count == ids.count, "two counters calling at once got the same ticket: \(ids)")
                    for (counter, ticket) in results { if let ticket { calledBy[ticket.id] = counter } }
                } else {
                    let states = try queue.counterStates()
                    guard let state = states.filter({ $0.current != nil }).randomElement(using: &random), let current = state.current else { continue }
                    let me = clerk(state.counter)
                    let action: TicketAction
                    switch (current.state, Int.random(in: 0..<10, using: &random)) {
                    case (.called, 0...5): action = .start
                    case (.called, 6...7): action = .recall
                    case (.called, _): action = .noShow
                    case (.serving, 0...6): action = .finish
                    case (.serving, 7): action = .cancel(reason: "harness: citizen left")
                    case (_, _):
                        let target = sectors.randomElement(using: &random)!
                        action = .transfer(sector: target, counter: nil, keepPlace: Bool.random(using: &random))
                    }
                    let after = try queue.perform(action, onTicket: current.id, atCounter: state.counter, by: me)
                    if case .transfer = action {
                        try expect(after.state == .issued, "a transfer left the new ticket \(after.state)")
                        calledBy[after.id] = nil
                    }
                }
            } catch let problem as Problem {
                // Refusals are part of the contract (busy counter, too-early no-show, recall limit…);
                // a server error is not.
                try expect(problem.status < 500, "step \(step): \(problem.code): \(problem.message.en)")
            }
        }
        try expect(issued.count >= 60 && calledBy.count >= 30, "the random day was too quiet to prove anything: \(issued.count) issued, \(calledBy.count) called")
        // Numbers are never reused within a day and sector.
        var numbers: [String: String] = [:]
        for ticket in issued.values {
            let key = "\(ticket.day ?? "")|\(ticket.number)"
            try expect(numbers[key] == nil, "number \(ticket.number) issued twice on \(ticket.day ?? "?") (\(numbers[key] ?? "") and \(ticket.id))")
            numbers[key] = ticket.id
        }
        // Closing the day ends every ticket in exactly one terminal state.
        _ = try? queue.closeDay(by: .system)
        let after = try queue.snapshot()
        try expect(after.waiting.isEmpty && after.atCounters.isEmpty,
                   "after closing, \(after.waiting.count) tickets still wait and \(after.atCounters.count) are at counters")
        for id in issued.keys {
            let ticket = try require(try queue.ticket(id: id), "ticket \(id) vanished")
            try expect(ticket.state.isTerminal, "ticket \(ticket.number) ended the day \(ticket.state)")
        }
        try verifyJournal(environment)
    }

    /// The called ticket must head its class (priority or ordinary) among the tickets the
    /// counter may call, in the snapshot's call order.
    static func checkCallOrder(_ ticket: Ticket, counter: Counter, before: QueueSnapshot) throws {
        let eligible = before.waiting.filter { $0.targetCounter == counter.id || ($0.targetCounter == nil && counter.sectors.contains($0.sector)) }
        let firstPriority = eligible.first { $0.priorityGroup != nil }
        let firstOrdinary = eligible.first { $0.priorityGroup == nil }
        try expect(ticket.id == firstPriority?.id || ticket.id == firstOrdinary?.id,
                   "counter \(counter.id) called \(ticket.number), but the heads of its queue were \(firstPriority?.number ?? "none") (priority) and \(firstOrdinary?.number ?? "none")")
    }

    // MARK: Restart

    static func restart(_ environment: HarnessEnvironment) throws {
        let queue = try queue(environment)
        guard let (counter, sector) = servingCounter(environment.deployment) else { return }
        var numbers: [String] = []
        for index in 0..<6 {
            let ticket = try queue.issueTicket(TicketRequest(sector: sector, priorityGroup: index == 3 ? queue.priorityGroups.first?.id : nil), by: kiosk)
            numbers.append(ticket.number)
            environment.clock.advance(by: 20)
        }
        let called = try require(try queue.callNext(counter: counter.id, by: clerk(counter.id)), "nobody to call")
        _ = try queue.perform(.start, onTicket: called.id, atCounter: counter.id, by: clerk(counter.id))
        let before = try queue.snapshot()

        // The process dies and comes back on the same database.
        let recomposed = try Composition.compose(environment.deployment, catalogue: environment.catalogue, store: environment.store,
                                                 clock: environment.clock, events: DiscardingEventSink(), logHandler: SilentLogHandler(),
                                                 key: environment.key)
        let reborn = try require(recomposed.queueing, "the recomposed deployment has no queueing plugin")
        let after = try reborn.snapshot()
        try expect(after.waiting.map(\.id) == before.waiting.map(\.id), "the waiting queue changed across a restart: \(before.waiting.map(\.number)) → \(after.waiting.map(\.number))")
        try expect(after.atCounters.map(\.id) == before.atCounters.map(\.id) && after.atCounters.map(\.state) == before.atCounters.map(\.state),
                   "tickets at counters changed across a restart")
        let next = try reborn.issueTicket(TicketRequest(sector: sector), by: kiosk)
        try expect(!numbers.contains(next.number), "numbering restarted after a restart: \(next.number) was already issued today")
        _ = try reborn.perform(.finish, onTicket: called.id, atCounter: counter.id, by: clerk(counter.id))
        let queueNow = try reborn.snapshot()
        let following = try require(try reborn.callNext(counter: counter.id, by: clerk(counter.id)), "nobody to call after the restart")
        try checkCallOrder(following, counter: counter, before: queueNow)
        try verifyJournal(environment)
    }

    // MARK: Appointments

    /// With an appointments add-on: a booking checked in inside its window is called before
    /// walk-ins who came after its slot began, behind those who came before; a late one queues
    /// as a walk-in; a code checks in once.
    static func appointments(_ environment: HarnessEnvironment) throws {
        let booking = environment.composition.plugins.lazy.compactMap { plugin -> (any AppointmentBooking)? in
            if case .queueing(let queue) = plugin.instance { queue as? any AppointmentBooking } else { nil }
        }.first
        guard let booking else { return }
        let queue = try queue(environment)
        let calendar = environment.deployment.calendar
        let today = calendar.local(environment.clock.now).date
        guard let (counter, _) = servingCounter(environment.deployment) else { return }
        // A sector of this counter that takes bookings, with a slot at least an hour ahead.
        var found: (String, AppointmentSlot, AppointmentSlot)?
        for sector in counter.sectors where environment.deployment.isEnabled(sector: sector) {
            guard let slots = try? booking.slots(sector: sector, day: today) else { continue }
            let ahead = slots.filter { slot in
                guard let start = LocalTime(parsing: slot.start) else { return false }
                return calendar.instant(today, start) > environment.clock.now.addingTimeInterval(3_600) && slot.capacity > slot.booked
            }
            if ahead.count >= 2 { found = (sector, ahead[0], ahead[1]); break }
        }
        guard let (sector, slot, laterSlot) = found, let start = LocalTime(parsing: slot.start), let end = LocalTime(parsing: slot.end) else { return }
        let onTime = try booking.book(sector: sector, day: today, start: start, by: .citizen)
        let late = try booking.book(sector: sector, day: today, start: LocalTime(parsing: laterSlot.start)!, by: .citizen)
        let slotStart = calendar.instant(today, start)
        environment.clock.set(slotStart.addingTimeInterval(-120))
        let before = try queue.issueTicket(TicketRequest(sector: sector), by: kiosk)
        environment.clock.set(slotStart.addingTimeInterval(60))
        let after = try queue.issueTicket(TicketRequest(sector: sector), by: kiosk)
        environment.clock.set(slotStart.addingTimeInterval(300))
        func checkIn(_ code: String) throws -> Ticket {
            let request = try booking.checkInRequest(code: code)
            let ticket = try queue.issueTicket(request, by: kiosk)
            _ = try booking.confirmCheckIn(code: code, ticket: ticket, by: kiosk)
            return ticket
        }
        let booked = try checkIn(onTime.code)
        try expect(booked.booking == onTime.code, "the checked-in ticket \(booked.number) does not carry its booking")
        try expectRefusal("checking booking \(onTime.code) in twice") { _ = try booking.checkInRequest(code: onTime.code) }
        var order: [String] = []
        for _ in 0..<3 {
            let ticket = try require(try queue.callNext(counter: counter.id, by: clerk(counter.id)), "nobody to call")
            order.append(ticket.id)
            _ = try queue.perform(.start, onTicket: ticket.id, atCounter: counter.id, by: clerk(counter.id))
            _ = try queue.perform(.finish, onTicket: ticket.id, atCounter: counter.id, by: clerk(counter.id))
        }
        try expect(order == [before.id, booked.id, after.id],
                   "with a booking at \(slot.start) the calls were \(order), expected the earlier walk-in, the booking, then the later walk-in")
        // Late: after the later slot ended, the booking queues behind a walk-in who is already waiting.
        environment.clock.set(calendar.instant(today, LocalTime(parsing: laterSlot.end)!).addingTimeInterval(60))
        let waiting = try queue.issueTicket(TicketRequest(sector: sector), by: kiosk)
        environment.clock.advance(by: 60)
        let lateTicket = try checkIn(late.code)
        let next = try require(try queue.callNext(counter: counter.id, by: clerk(counter.id)), "nobody to call")
        try expect(next.id == waiting.id, "a late booking \(lateTicket.number) was called before the walk-in \(waiting.number) who came before it")
        _ = end
        try verifyJournal(environment)
    }

    // MARK: Helpers

    static func verifyJournal(_ environment: HarnessEnvironment) throws {
        let verification = try environment.store.verifyJournal()
        try expect(verification.firstBadSequence == nil, "journal does not verify: \(verification.message)")
    }

    static func require<T>(_ value: T?, _ message: @autoclosure () -> String) throws -> T {
        guard let value else { throw HarnessFailure(message()) }
        return value
    }

    static func expectRefusal(_ what: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let problem as Problem {
            try expect(problem.status >= 400 && problem.status < 500, "\(what) failed with \(problem.code) (\(problem.status)), expected a clear 4xx refusal")
            return
        }
        throw HarnessFailure("\(what) was accepted")
    }
}
