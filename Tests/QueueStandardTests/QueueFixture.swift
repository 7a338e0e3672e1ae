import Foundation
import MotCuaCore
import MotCuaHost
import MotCuaStore
import MotCuaTesting
import QueueStandard
import MotCuaPostgresTesting

/// A small centre: two served sectors and a disabled one; counter 3 serves only the disabled
/// sector. Open 07:30–11:30 and 13:30–17:00 on weekdays; the clock starts Monday 2 March 2026, 08:00.
struct QueueFixture {
    static let catalogue = PluginCatalogue([.queueing(QueueStandard.self)], requiredKinds: [.queueing])

    static func manifest(settings: String) -> TestManifest {
        TestManifest()
            .sector("ho-tich", vi: "Hộ tịch", en: "Civil status")
            .sector("dat-dai", vi: "Đất đai <&> môi trường", en: "Land <&> environment")
            .sector("off", vi: "Tắt", en: "Off", enabled: false)
            .counter("1", sectors: ["ho-tich"]).counter("2", sectors: ["ho-tich", "dat-dai"]).counter("3", sectors: ["off"])
            .plugin("queue.standard", settings)
    }

    static let defaultSettings = #"{ "sectors": { "ho-tich": { "prefix": "TP" } } }"#

    let host: TestHost
    var deployment: Deployment { host.deployment }
    var store: any Store { host.store }
    var clock: ManualClock { host.clock }
    var events: RecordingEventSink { host.events }
    var queue: any QueueingPlugin { host.composition.queueing! }

    /// The centre with `accounts` (none by default, so the journal holds only the queue's entries).
    init(settings: String = Self.defaultSettings, store: (any Store)? = nil, clock: ManualClock? = nil, accounts: [TestAccount] = []) throws {
        host = try TestHost(Self.manifest(settings: settings), plugins: [.queueing(QueueStandard.self)], requiredKinds: [.queueing],
                            store: store, clock: clock, accounts: accounts)
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

    func journal() throws -> [JournalEntry] { try host.journal() }

    func payload(of entry: JournalEntry) throws -> JSONValue {
        try JSONParser().parse(Array(entry.payload.utf8))
    }
}

/// The problem `body` throws, or nil when it throws none.
func problem(_ body: () throws -> Void) -> Problem? {
    do { try body() } catch let problem as Problem { return problem } catch let error as CompositionError { return error.problems.first } catch { return nil }
    return nil
}
