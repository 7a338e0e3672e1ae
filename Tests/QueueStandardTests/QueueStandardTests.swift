import Foundation
import MotCuaCore
import MotCuaHost
import MotCuaStore
import QueueStandard
import Testing
import MotCuaPostgresTesting

@Suite("queue.standard", .onEachEngine)
struct QueueStandardTests {
    @Test func numbersRunPerSectorWithTheirPrefix() throws {
        let fixture = try QueueFixture()
        #expect(try fixture.issue().number == "TP-001")
        #expect(try fixture.issue().number == "TP-002")
        #expect(try fixture.issue("dat-dai").number == "DD-001")
        let entry = try #require(try fixture.journal().last { $0.kind == "ticket.issued" })
        let payload = try fixture.payload(of: entry)
        #expect(payload["number"]?.stringValue == "DD-001")
        #expect(payload["sector"]?.stringValue == "dat-dai")
        #expect(payload["day"]?.stringValue == "2026-03-02")
        #expect(payload["ahead"] == 0)
        #expect(payload["priorityGroup"] == .null)
        #expect(entry.actor == "device:kiosk-1")
    }

    @Test func aCustomRangePadsAndANeverResetSeriesRunsOnAndWrapsRound() throws {
        let fixture = try QueueFixture(settings: #"{ "numbering": { "start": 998, "end": 1000, "reset": "never" }, "sectors": { "ho-tich": { "prefix": "A" } } }"#)
        #expect(try fixture.issue().number == "A-0998")
        #expect(try fixture.issue().number == "A-0999")
        #expect(try fixture.issue().number == "A-1000")
        fixture.clock.advance(by: 86_400)  // Tuesday: the series does not start again
        #expect(try fixture.issue().number == "A-0998")
    }

    @Test func aDailySeriesStartsAgainTheNextDayAndStopsAtItsEnd() throws {
        let fixture = try QueueFixture(settings: #"{ "numbering": { "start": 1, "end": 2 }, "sectors": { "ho-tich": { "prefix": "TP" } } }"#)
        _ = try fixture.issue()
        #expect(try fixture.issue().number == "TP-002")
        let soldOut = problem { _ = try fixture.issue() }
        #expect(soldOut?.code == "queue.sold-out")
        fixture.clock.advance(by: 86_400)
        #expect(try fixture.issue().number == "TP-001")
    }

    @Test func aDailyCapSaysHetSoWithTheNextOpening() throws {
        let fixture = try QueueFixture(settings: #"{ "sectors": { "ho-tich": { "prefix": "TP", "dailyCap": 2 } } }"#)
        _ = try fixture.issue()
        _ = try fixture.issue()
        let refused = try #require(problem { _ = try fixture.issue() })
        #expect(refused.code == "queue.sold-out")
        #expect(refused.status == 409)
        #expect(refused.message.vi.contains("hết số"))
        #expect(refused.message.vi.contains("07:30 03/03/2026"))
        #expect(refused.details.first?.field == "sector")
        let status = try #require(try fixture.queue.sectorStatuses().first { $0.sector == "ho-tich" })
        #expect(!status.available && status.unavailableReason == "sold-out")
        #expect(status.nextOpening == fixture.deployment.calendar.instant(LocalDate(year: 2026, month: 3, day: 3)!, LocalTime(hour: 7, minute: 30)!))
        // Another sector is unaffected.
        #expect(try fixture.issue("dat-dai").number == "DD-001")
    }

    @Test func theKioskIssuesNothingOutsideHoursOrOnAHoliday() throws {
        let fixture = try QueueFixture()
        fixture.clock.set(fixture.deployment.calendar.instant(LocalDate(year: 2026, month: 3, day: 2)!, LocalTime(hour: 17, minute: 5)!))
        #expect(problem { _ = try fixture.issue() }?.code == "queue.closed")
        fixture.clock.set(fixture.deployment.calendar.instant(LocalDate(year: 2026, month: 3, day: 7)!, LocalTime(hour: 9, minute: 0)!))  // Saturday
        let saturday = try #require(problem { _ = try fixture.issue() })
        #expect(saturday.code == "queue.closed")
        #expect(saturday.message.en.contains("07:30 09/03/2026"))
        fixture.clock.set(fixture.deployment.calendar.instant(LocalDate(year: 2026, month: 3, day: 9)!, LocalTime(hour: 7, minute: 5)!))  // 25 min before opening
        #expect(try fixture.issue().number == "TP-001")
    }

    @Test func badInputGetsClearErrors() throws {
        let fixture = try QueueFixture()
        let disabled = try #require(problem { _ = try fixture.issue("off") })
        #expect(disabled.code == "queue.sector-disabled" && disabled.details.first?.field == "sector")
        #expect(problem { _ = try fixture.issue("nope") }?.code == "queue.unknown-sector")
        let group = try #require(problem { _ = try fixture.issue(group: "vip") })
        #expect(group.code == "queue.unknown-priority-group" && group.details.first?.field == "priorityGroup")
        let noSector = try #require(problem { _ = try fixture.call("3") })
        #expect(noSector.code == "queue.counter-no-sector" && noSector.status == 409)
        #expect(problem { _ = try fixture.call("9") }?.status == 404)
        #expect(problem { _ = try fixture.queue.perform(.start, onTicket: "nope", atCounter: "1", by: QueueFixture.clerk) }?.code == "queue.no-such-ticket")
        // Nothing was journalled by the refusals.
        #expect(try fixture.journal().isEmpty)
    }

    @Test func transitionsOutOfOrderAndDoubleFinishesAreRefused() throws {
        let fixture = try QueueFixture()
        let ticket = try fixture.issue()
        #expect(problem { _ = try fixture.act(.finish, ticket, at: "1") }?.code == "queue.invalid-transition")
        #expect(problem { _ = try fixture.act(.recall, ticket, at: "1") }?.code == "queue.invalid-transition")
        _ = try #require(try fixture.call("1"))
        #expect(problem { _ = try fixture.act(.finish, ticket, at: "1") }?.code == "queue.invalid-transition")
        #expect(try fixture.act(.start, ticket, at: "1").state == .serving)
        fixture.clock.advance(by: 300)
        let done = try fixture.act(.finish, ticket, at: "1")
        #expect(done.state == .done)
        let twice = try #require(problem { _ = try fixture.act(.finish, ticket, at: "1") })
        #expect(twice.code == "queue.invalid-transition" && twice.status == 409)
        #expect(twice.message.en.contains("already done"))
        let finished = try #require(try fixture.journal().last { $0.kind == "ticket.finished" })
        #expect(try fixture.payload(of: finished)["serviceSeconds"] == 300)
        #expect(try fixture.payload(of: finished)["counter"]?.stringValue == "1")
        #expect(try fixture.payload(of: finished)["clerk"]?.stringValue == "lan")
        // The live event names the counter, so the rating tablet there can wake.
        #expect(try fixture.events.payload("ticket.finished")?["counter"]?.stringValue == "1")
    }

    @Test func aClerkCannotActOnAnotherCountersTicket() throws {
        let fixture = try QueueFixture()
        let ticket = try fixture.issue()
        _ = try fixture.call("1")
        let refused = try #require(problem { _ = try fixture.act(.start, ticket, at: "2") })
        #expect(refused.code == "queue.other-counter" && refused.status == 403)
        // A supervisor (no counter) may.
        #expect(try fixture.act(.start, ticket, at: nil).state == .serving)
    }

    @Test func aCounterCannotCallAgainWhileItHasATicket() throws {
        let fixture = try QueueFixture()
        _ = try fixture.issue()
        _ = try fixture.issue()
        let first = try #require(try fixture.call("1"))
        let busy = try #require(problem { _ = try fixture.call("1") })
        #expect(busy.code == "queue.counter-busy")
        #expect(busy.message.en.contains(first.number))
    }

    @Test func priorityComesFirstButNeverMoreThanTheCapInARow() throws {
        let fixture = try QueueFixture(settings: #"{ "priorityCap": 1, "sectors": { "ho-tich": { "prefix": "TP" } } }"#)
        let o1 = try fixture.issue()
        let o2 = try fixture.issue()
        let p1 = try fixture.issue(group: "elderly")
        let p2 = try fixture.issue(group: "pregnant")
        var order: [String] = []
        while let ticket = try fixture.call("1") {
            order.append(ticket.number)
            _ = try fixture.act(.start, ticket, at: "1")
            _ = try fixture.act(.finish, ticket, at: "1")
        }
        #expect(order == [p1.number, o1.number, p2.number, o2.number])
        let called = try fixture.journal().filter { $0.kind == "ticket.called" }
        #expect(try called.map { try fixture.payload(of: $0)["priority"] } == [true, false, true, false])
    }

    @Test func recallsThenANoShowAndATimeoutAtTheNextCall() throws {
        let fixture = try QueueFixture(settings: #"{ "noShow": { "afterRecalls": 2, "afterSeconds": 120 }, "sectors": { "ho-tich": { "prefix": "TP" } } }"#)
        let ticket = try fixture.issue()
        _ = try fixture.call("1")
        let early = try #require(problem { _ = try fixture.act(.noShow, ticket, at: "1") })
        #expect(early.code == "queue.no-show-too-early")
        #expect(try fixture.act(.recall, ticket, at: "1").recalls == 1)
        #expect(try fixture.events.payload("ticket.recalled")?["number"]?.stringValue == "TP-001")
        #expect(try fixture.act(.recall, ticket, at: "1").recalls == 2)
        #expect(problem { _ = try fixture.act(.recall, ticket, at: "1") }?.code == "queue.recall-limit")
        #expect(try fixture.act(.noShow, ticket, at: "1").state == .noShow)
        // A called citizen who never comes is marked absent when the counter calls again after the timeout.
        let second = try fixture.issue()
        let third = try fixture.issue()
        _ = try fixture.call("1")
        fixture.clock.advance(by: 121)
        #expect(try fixture.call("1")?.id == third.id)
        #expect(try fixture.queue.ticket(id: second.id)?.state == .noShow)
        let automatic = try #require(try fixture.journal().last { $0.kind == "ticket.no-show" })
        #expect(automatic.actor == "system" && automatic.subject == "ticket:\(second.id)")
    }

    @Test func transferKeepsOrLosesThePlace() throws {
        let fixture = try QueueFixture()
        let moving = try fixture.issue()
        fixture.clock.advance(by: 60)
        let early = try fixture.issue("dat-dai")
        _ = try fixture.call("1")
        _ = try fixture.act(.start, moving, at: "1")
        let kept = try fixture.act(.transfer(sector: "dat-dai", counter: nil, keepPlace: true), moving, at: "1")
        #expect(kept.number == moving.number && kept.sector == "dat-dai" && kept.state == .issued && kept.transferredFrom == moving.id)
        #expect(try fixture.queue.ticket(id: moving.id)?.state == .transferred)
        #expect(try fixture.call("2")?.id == kept.id)  // ahead of DD-001, who came later
        // Sent to counter 1 at the end of its queue: counter 2 cannot take it.
        let back = try fixture.act(.transfer(sector: nil, counter: "1", keepPlace: false), kept, at: "2")
        #expect(back.targetCounter == "1" && back.sector == "dat-dai")
        #expect(try fixture.call("2")?.id == early.id)
        #expect(try fixture.call("1")?.id == back.id)
        let entry = try #require(try fixture.journal().last { $0.kind == "ticket.transferred" })
        #expect(try fixture.payload(of: entry)["keepPlace"] == false)
        #expect(try fixture.payload(of: entry)["newTicket"]?.stringValue == back.id)
        #expect(problem { _ = try fixture.act(.transfer(sector: nil, counter: nil, keepPlace: true), back, at: "1") }?.code == "queue.transfer-target")
    }

    @Test func cancellingNeedsAReasonAndIsJournalled() throws {
        let fixture = try QueueFixture()
        let ticket = try fixture.issue()
        let refused = try #require(problem { _ = try fixture.act(.cancel(reason: " "), ticket, at: nil) })
        #expect(refused.code == "queue.cancel-reason" && refused.details.first?.field == "reason")
        #expect(try fixture.act(.cancel(reason: "citizen left"), ticket, at: nil).state == .cancelled)
        let entry = try #require(try fixture.journal().last)
        #expect(entry.kind == "ticket.cancelled")
        #expect(try fixture.payload(of: entry)["reason"]?.stringValue == "citizen left")
    }

    @Test func theClerkConfirmsOrChangesThePriorityGroup() throws {
        let fixture = try QueueFixture()
        let ticket = try fixture.issue(group: "elderly")
        _ = try fixture.call("1")
        let changed = try fixture.act(.confirmPriority(group: "disabled"), ticket, at: "1")
        #expect(changed.priorityGroup == "disabled" && changed.priorityConfirmed)
        let entry = try #require(try fixture.journal().last)
        #expect(entry.kind == "ticket.priority-confirmed")
        #expect(try fixture.payload(of: entry)["declared"]?.stringValue == "elderly")
    }

    @Test func pausingNeedsAReasonAndStopsCalls() throws {
        let fixture = try QueueFixture()
        _ = try fixture.issue()
        #expect(problem { _ = try fixture.queue.pause(counter: "1", reason: "", by: QueueFixture.clerk) }?.code == "queue.pause-reason")
        let paused = try fixture.queue.pause(counter: "1", reason: "họp giao ban", by: QueueFixture.clerk)
        #expect(paused.paused && paused.pauseReason == "họp giao ban")
        #expect(problem { _ = try fixture.call("1") }?.code == "queue.counter-paused")
        #expect(problem { _ = try fixture.queue.pause(counter: "1", reason: "again", by: QueueFixture.clerk) }?.code == "queue.already-paused")
        #expect(try fixture.queue.resume(counter: "1", by: QueueFixture.clerk).paused == false)
        #expect(try fixture.call("1") != nil)
        #expect(try fixture.journal().map(\.kind).filter { $0.hasPrefix("counter.") } == ["counter.paused", "counter.resumed"])
    }

    @Test func aDoubleTapWithinTheWindowGivesTheSameTicket() throws {
        let fixture = try QueueFixture()
        let first = try fixture.issue(key: "k1")
        fixture.clock.advance(by: 1.5)
        #expect(try fixture.issue(key: "k1").id == first.id)
        #expect(try fixture.journal().filter { $0.kind == "ticket.issued" }.count == 1)
        // Another kiosk with the same key is another citizen.
        let other = try fixture.queue.issueTicket(TicketRequest(sector: "ho-tich", idempotencyKey: "k1"), by: .device("kiosk-2"))
        #expect(other.id != first.id)
        fixture.clock.advance(by: 2)
        #expect(try fixture.issue(key: "k1").id != first.id)
    }

    @Test func theWaitIsEstimatedFromRecentServiceTimes() throws {
        let fixture = try QueueFixture(settings: #"{ "estimate": { "defaultServiceSeconds": 100 }, "sectors": { "ho-tich": { "prefix": "TP" } } }"#)
        #expect(try fixture.issue("dat-dai").estimatedWaitSeconds == 0)
        #expect(try fixture.issue("dat-dai").estimatedWaitSeconds == 100)  // one ahead, one counter, the default time
        for _ in 0..<2 {
            let ticket = try fixture.issue()
            _ = try fixture.call("1")
            _ = try fixture.act(.start, ticket, at: "1")
            fixture.clock.advance(by: 600)
            _ = try fixture.act(.finish, ticket, at: "1")
        }
        _ = try fixture.issue()
        let third = try fixture.issue()
        // One ahead; two counters serve ho-tich; 600 s per citizen.
        #expect(third.ahead == 1)
        #expect(third.estimatedWaitSeconds == 300)
        let status = try #require(try fixture.queue.sectorStatuses().first { $0.sector == "ho-tich" })
        #expect(status.averageServiceSeconds == 600 && status.waiting == 2 && status.servedToday == 2)
        // A start and a finish pressed together is not a service time.
        let hurried = try #require(try fixture.call("1"))
        _ = try fixture.act(.start, hurried, at: "1")
        fixture.clock.advance(by: 5)
        _ = try fixture.act(.finish, hurried, at: "1")
        #expect(try fixture.queue.sectorStatuses().first { $0.sector == "ho-tich" }?.averageServiceSeconds == 600)
    }

    @Test func theSupervisorSeesTodaysMeasuredServiceNotTheEstimatesDefault() throws {
        let fixture = try QueueFixture(settings: #"{ "estimate": { "defaultServiceSeconds": 420 }, "sectors": { "ho-tich": { "prefix": "TP" } } }"#)
        func status() throws -> SectorStatus { try #require(try fixture.queue.sectorStatuses().first { $0.sector == "ho-tich" }) }
        _ = try fixture.issue()
        #expect(try status().servedTodayAverageSeconds == nil)  // nothing served yet: no figure, not the default
        #expect(try status().averageServiceSeconds == 420)
        // Yesterday's long service is not today's.
        let early = try #require(try fixture.call("1"))
        _ = try fixture.act(.start, early, at: "1")
        fixture.clock.advance(by: 3_000)
        _ = try fixture.act(.finish, early, at: "1")
        fixture.clock.advance(by: 86_400 - 3_000)
        // Today: services of 1 s and 2 s, measured from start to finish; the call's walk does not count.
        for seconds in [1, 2] {
            _ = try fixture.issue()
            let ticket = try #require(try fixture.call("1"))
            fixture.clock.advance(by: 40)
            _ = try fixture.act(.start, ticket, at: "1")
            fixture.clock.advance(by: TimeInterval(seconds))
            _ = try fixture.act(.finish, ticket, at: "1")
        }
        #expect(try status().servedToday == 2)
        #expect(try status().servedTodayAverageSeconds == 2)  // 1.5 s rounds half up
        // The estimate still ignores hurried services: it keeps yesterday's 3,000 s.
        #expect(try status().averageServiceSeconds == 3_000)
        // A ticket still being served is not counted; one of 80 s brings the average to 28 s.
        _ = try fixture.issue()
        let third = try #require(try fixture.call("1"))
        _ = try fixture.act(.start, third, at: "1")
        fixture.clock.advance(by: 80)
        #expect(try status().servedTodayAverageSeconds == 2)
        _ = try fixture.act(.finish, third, at: "1")
        #expect(try status().servedTodayAverageSeconds == 28)  // (1 + 2 + 80) / 3 = 27.7
        let encoded = try JSONValueEncoder().encode(try status())
        #expect(encoded["servedTodayAverageSeconds"] == 28)
        #expect(try JSONValueDecoder().decode(SectorStatus.self, from: encoded).servedTodayAverageSeconds == 28)
    }

    @Test func closingTheDayEndsEveryOpenTicketAndStopsTheKiosk() throws {
        let fixture = try QueueFixture()
        let first = try fixture.issue()
        let land = try fixture.issue("dat-dai")
        let second = try fixture.issue()
        _ = try fixture.call("1")  // TP-001
        _ = try fixture.act(.start, first, at: "1")
        #expect(try fixture.call("2")?.id == land.id)  // same instant: DD-001 sorts before TP-002
        let closing = try fixture.queue.closeDay(by: .staff("sup"))
        #expect(closing.day == "2026-03-02" && closing.closed.count == 3)
        #expect(try fixture.queue.ticket(id: first.id)?.state == .done)
        #expect(try fixture.queue.ticket(id: land.id)?.state == .noShow)
        #expect(try fixture.queue.ticket(id: second.id)?.state == .cancelled)
        let kinds = try fixture.journal().map(\.kind)
        #expect(kinds.filter { $0 == "ticket.closed" }.count == 3 && kinds.last == "queue.day-closed")
        #expect(problem { _ = try fixture.queue.closeDay(by: .staff("sup")) }?.code == "queue.day-already-closed")
        #expect(problem { _ = try fixture.issue() }?.code == "queue.day-closed")
        #expect(try fixture.store.verifyJournal().firstBadSequence == nil)
    }

    @Test func ticketsLeftOpenAreClosedBeforeTheNextDayStarts() throws {
        let fixture = try QueueFixture()
        let left = try fixture.issue()
        fixture.clock.advance(by: 86_400)
        #expect(try fixture.issue().number == "TP-001")
        #expect(try fixture.queue.ticket(id: left.id)?.state == .cancelled)
        let closed = try #require(try fixture.journal().first { $0.kind == "ticket.closed" })
        #expect(closed.actor == "system" && closed.subject == "ticket:\(left.id)")
        #expect(try fixture.journal().contains { $0.kind == "queue.day-closed" && $0.subject == "queue:2026-03-02" })
    }

    @Test func aRestartKeepsTheQueueAndTheNumbering() throws {
        let fixture = try QueueFixture()
        _ = try fixture.issue()
        let second = try fixture.issue()
        _ = try fixture.call("1")
        let again = try QueueFixture(store: fixture.store, clock: fixture.clock)
        #expect(try again.queue.snapshot().waiting.map(\.id) == [second.id])
        #expect(try again.issue().number == "TP-003")
    }

    @Test(arguments: [
        (#"{ "sectors": { "ho-tich": { "prefix": "T-P" } } }"#, "prefix"),
        (#"{ "sectors": { "ho-tich": { "prefix": "X" }, "dat-dai": { "prefix": "X" } } }"#, "used by another"),
        (#"{ "sectors": { "nowhere": { "prefix": "X" } } }"#, "names no sector"),
        (#"{ "priorityGroups": ["veteran"] }"#, "give it a label"),
        (#"{ "numbering": { "start": 5, "end": 5 } }"#, "numbering"),
        (#"{ "priorityCap": 0 }"#, "priorityCap"),
    ])
    func badSettingsAreRefusedNamingTheSetting(settings: String, words: String) throws {
        let error = try #require(problem { _ = try QueueFixture(settings: settings) })
        #expect(error.code == "queue.settings")
        #expect(error.message.en.contains(words), "\(error.message.en)")
    }

    @Test func customPriorityGroupsCarryTheirLabels() throws {
        let fixture = try QueueFixture(settings: #"{ "priorityGroups": ["elderly", { "id": "veteran", "label": { "vi": "Cựu chiến binh", "en": "Veteran" } }] }"#)
        #expect(fixture.queue.priorityGroups.map(\.id) == ["elderly", "veteran"])
        #expect(fixture.queue.priorityGroups[1].label.vi == "Cựu chiến binh")
        #expect(try fixture.issue(group: "veteran").priorityGroup == "veteran")
    }

    @Test func theDefaultGroupsAreTheFiveCommonOnes() throws {
        let fixture = try QueueFixture()
        #expect(fixture.queue.priorityGroups.map(\.id) == ["elderly", "disabled", "pregnant", "child-under-6", "meritorious"])
        #expect(fixture.queue.priorityGroups.allSatisfy { !$0.label.vi.isEmpty && !$0.label.en.isEmpty })
    }

    @Test func unknownSettingKeysAreManifestErrors() throws {
        let error = #expect(throws: ManifestError.self) {
            _ = try QueueFixture.catalogue.loader(source: InMemoryManifestSource(texts: ["m.json": QueueFixture.manifest(settings: #"{ "priorityCapp": 2 }"#).json])).load("m.json")
        }
        #expect(error?.description.contains("priorityCapp") == true)
    }

    @Test func liveEventsCarryTheWaitingCountsButNoLogin() throws {
        let fixture = try QueueFixture()
        _ = try fixture.issue()
        _ = try fixture.issue("dat-dai")
        _ = try fixture.call("1")
        let called = try #require(try fixture.events.payload("ticket.called"))
        #expect(called["counter"]?.stringValue == "1")
        #expect(called["number"]?.stringValue == "TP-001")
        // The counts of the sectors the change touched.
        #expect(called["waiting"]?["ho-tich"] == 0)
        #expect(called["waiting"]?["dat-dai"] == nil)
        #expect(try fixture.events.payload("ticket.issued")?["waiting"]?["dat-dai"] == 1)
        #expect(called["clerk"] == nil)
        #expect(fixture.events.all.allSatisfy { $0.topic == "queue" })
    }

    @Test func aCheckedInBookingIsOrderedFromItsSlotStart() throws {
        let fixture = try QueueFixture()
        let calendar = fixture.deployment.calendar
        let monday = LocalDate(year: 2026, month: 3, day: 2)!
        fixture.clock.set(calendar.instant(monday, LocalTime(hour: 8, minute: 55)!))
        let before = try fixture.issue()
        fixture.clock.set(calendar.instant(monday, LocalTime(hour: 9, minute: 2)!))
        let after = try fixture.issue()
        fixture.clock.set(calendar.instant(monday, LocalTime(hour: 9, minute: 10)!))
        let booked = try fixture.queue.issueTicket(TicketRequest(sector: "ho-tich", booking: "H7K2QP",
                                                                 placeAt: calendar.instant(monday, LocalTime(hour: 9, minute: 0)!)), by: QueueFixture.kiosk)
        #expect(booked.booking == "H7K2QP" && booked.ahead == 1)
        #expect(try fixture.queue.snapshot().waiting.map(\.id) == [before.id, booked.id, after.id])
        let issued = try #require(try fixture.journal().last { $0.kind == "ticket.issued" })
        #expect(try fixture.payload(of: issued)["booking"]?.stringValue == "H7K2QP")
        // A place in the future is now; the kiosk's JSON cannot carry one at all.
        let future = try fixture.queue.issueTicket(TicketRequest(sector: "ho-tich", placeAt: calendar.instant(monday, LocalTime(hour: 16, minute: 0)!)), by: QueueFixture.kiosk)
        #expect(try fixture.queue.snapshot().waiting.last?.id == future.id)
        #expect(throws: (any Error).self) {
            _ = try JSONValueDecoder().decode(TicketRequest.self, from: try JSONParser().parse(Array(#"{"sector":"ho-tich","placeAt":"2026-03-02T00:00:00.000Z"}"#.utf8)))
        }
    }
}
