import Foundation
import MotCuaCore
import MotCuaHost
import MotCuaStore
import QueueStandard
import Synchronization
import MotCuaPostgresTesting

/// Records every published event.
final class RecordingSink: EventSink {
    private let events = Mutex<[DomainEvent]>([])
    func publish(_ event: DomainEvent) { events.withLock { $0.append(event) } }
    var all: [DomainEvent] { events.withLock { $0 } }
    func payload(_ kind: String) throws -> JSONValue? {
        guard let event = all.last(where: { $0.kind == kind }) else { return nil }
        return try JSONParser().parse(Array(event.payload.utf8))
    }
}

/// A small centre: two served sectors and a disabled one; counter 3 serves only the disabled
/// sector. Open 07:30–11:30 and 13:30–17:00 on weekdays; the clock starts Monday 2 March 2026, 08:00.
struct QueueFixture {
    static let catalogue = PluginCatalogue([.queueing(QueueStandard.self)], requiredKinds: [.queueing])

    static func manifest(settings: String) -> String {
        """
        { "centre": { "id": "t.queue", "name": { "vi": "Xã Thử", "en": "Test" }, "level": "commune", "unitCode": "12345",
                      "province": { "code": "25", "name": { "vi": "P", "en": "P" } }, "agencyCode": "A", "timeZone": "Asia/Ho_Chi_Minh" },
          "hours": { "mon": ["07:30-11:30", "13:30-17:00"], "tue": ["07:30-11:30", "13:30-17:00"], "wed": ["07:30-11:30", "13:30-17:00"], "thu": ["07:30-11:30", "13:30-17:00"], "fri": ["07:30-11:30", "13:30-17:00"] },
          "sectors": [ { "id": "ho-tich", "name": { "vi": "Hộ tịch", "en": "Civil status" } },
                       { "id": "dat-dai", "name": { "vi": "Đất đai <&> môi trường", "en": "Land <&> environment" } },
                       { "id": "off", "name": { "vi": "Tắt", "en": "Off" } } ],
          "procedures": [],
          "enable": { "sectors": ["ho-tich", "dat-dai"] },
          "counters": [ { "id": "1", "name": { "vi": "Quầy 1", "en": "Counter 1" }, "sectors": ["ho-tich"] },
                        { "id": "2", "name": { "vi": "Quầy 2", "en": "Counter 2" }, "sectors": ["ho-tich", "dat-dai"] },
                        { "id": "3", "name": { "vi": "Quầy 3", "en": "Counter 3" }, "sectors": ["off"] } ],
          "plugins": { "queue.standard": \(settings) } }
        """
    }

    static let defaultSettings = #"{ "sectors": { "ho-tich": { "prefix": "TP" } } }"#

    let deployment: Deployment
    let store: any Store
    let clock: ManualClock
    let events = RecordingSink()
    let queue: any QueueingPlugin

    init(settings: String = Self.defaultSettings, store: (any Store)? = nil, clock: ManualClock? = nil) throws {
        let loaded = try Self.catalogue.loader(source: InMemoryManifestSource(texts: ["m.json": Self.manifest(settings: settings)])).load("m.json")
        guard let deployment = loaded.deployment else { throw Problem("fixture", en: "no deployment", vi: "x") }
        self.deployment = deployment
        self.store = try store ?? StoreEngine.makeStore()
        self.clock = clock ?? ManualClock(deployment.calendar.instant(LocalDate(year: 2026, month: 3, day: 2)!, LocalTime(hour: 8, minute: 0)!))
        let composition = try Composition.compose(deployment, catalogue: Self.catalogue, store: self.store, clock: self.clock,
                                                  events: events, logHandler: SilentLogHandler())
        guard let queue = composition.queueing else { throw Problem("fixture", en: "no queue", vi: "x") }
        self.queue = queue
    }

    static let kiosk = Principal.device("kiosk-1")
    static let clerk = Principal.staff("lan")

    func issue(_ sector: String = "ho-tich", group: String? = nil, key: String? = nil) throws -> Ticket {
        try queue.issueTicket(TicketRequest(sector: sector, priorityGroup: group, idempotencyKey: key), by: Self.kiosk)
    }

    func call(_ counter: String) throws -> Ticket? {
        try queue.callNext(counter: counter, by: Self.clerk)
    }

    func act(_ action: TicketAction, _ ticket: Ticket, at counter: String?) throws -> Ticket {
        try queue.perform(action, onTicket: ticket.id, atCounter: counter, by: Self.clerk)
    }

    func journal() throws -> [JournalEntry] {
        try store.journalEntries(after: 0, limit: 100_000)
    }

    func payload(of entry: JournalEntry) throws -> JSONValue {
        try JSONParser().parse(Array(entry.payload.utf8))
    }
}

/// The problem `body` throws, or nil when it throws none.
func problem(_ body: () throws -> Void) -> Problem? {
    do { try body() } catch let problem as Problem { return problem } catch let error as CompositionError { return error.problems.first } catch { return nil }
    return nil
}
