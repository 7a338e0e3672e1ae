#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import MotCuaCore
import MotCuaHarness
import MotCuaHTTP
import MotCuaHost
import MotCuaPostgres
import MotCuaStore
import Synchronization

/// `motcua bench queue`: a provincial centre's day through the queueing plugin on a durable
/// store, beside raw SQLite with the same durability; then the delay from a counter's call to
/// the SSE event at every connected board, over real HTTP on loopback.
///
/// The day: tickets arrive over the opening hours with a morning and an afternoon peak, each
/// for a sector chosen through a random counter (so demand follows the centre's layout); 8 %
/// declare a priority group; counters call, start and finish with lognormal service times,
/// recall and mark no-shows now and then, transfer a few; the day is closed at the end.
/// Every plugin verb that changes state is one durable transition (one transaction, fsynced).
///
/// With `--database postgresql://…` the day and the boards run on PostgreSQL (scratch schemas,
/// dropped afterwards) and the baseline is a raw libpq insert committed with
/// `synchronous_commit` on, the same durability as the store's writes.
struct QueueBenchmark {
    let manifest: String?
    let tickets: Int
    let boards: Int
    let calls: Int
    let directory: String
    var database: DatabaseOption = .sqlite

    /// The engine's name, for the output.
    private var engine: String { database.isPostgres ? "PostgreSQL" : "SQLite" }

    /// A scratch schema name for this run.
    private func schema(_ name: String) -> String { "motcua_bench_queue_\(ProcessInfo.processInfo.processIdentifier)_\(name)" }

    /// The store a part of the run works on: a SQLite file in `folder`, or a scratch schema.
    private func store(_ name: String, folder: String) throws -> any Store {
        guard let location = database.postgres else { return try SQLiteStore(path: folder + "/\(name).sqlite") }
        return try PostgresStore(location: location, schema: schema(name))
    }

    func run() async throws {
        let path = manifest ?? (FileManager.default.fileExists(atPath: Self.provincialCentre) ? Self.provincialCentre : nil)
        guard let path else {
            Output.error("motcua bench queue needs a provincial centre's manifest: --deployment \(Self.provincialCentre)")
            throw ExitCode.failure
        }
        let deployment = try DeploymentLoading.deployment(path)
        let folder = PlainText.join(directory, "motcua-bench-queue-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer {
            try? FileManager.default.removeItem(atPath: folder)
            if let location = database.postgres {
                try? PostgresStore.dropSchemas(["day", "baseline", "boards"].map(schema), location: location)
            }
        }

        Output.line("bench queue: \(deployment.centre.id), \(deployment.counters.count) counters, \(tickets) tickets, durable store in "
                    + (database.postgres.map { "\($0), scratch schemas \(schema("…"))" } ?? folder))
        let day = try simulateDay(deployment, folder: folder)
        Output.line(day.summary)
        let raw = try database.postgres.map { try PostgresJournalBenchmark.run(location: $0, count: 2_000) }
            ?? JournalBenchmark.run(directory: folder, count: 2_000)
        let durability = database.isPostgres ? "synchronous_commit on, one transaction each" : "WAL, synchronous=FULL, one transaction each"
        Output.line(Output.table([
            ["WHAT", "PER SECOND", "NOTE"],
            ["queue transitions (journalled)", "\(day.perSecond.fixed(0))", "\(day.transitions) transitions, one transaction each"],
            ["\(engine) insert, interleaved", "\(day.baselinePerSecond.fixed(0))", "one row per transaction after each transition, same disk moment"],
            ["raw \(engine) insert, separate run", "\(raw.rawPerSecond.fixed(0))", "the journal benchmark's raw side, 2000 inserts"],
        ]))
        Output.line("durable transitions/s: queue \(day.perSecond.fixed(0)) vs \(engine) \(day.baselinePerSecond.fixed(0)) with the same durability (\(durability)): ratio \((day.perSecond / day.baselinePerSecond).fixed(2))×")
        try await measureBoards(deployment, folder: folder)
    }

    static let provincialCentre = "Deployments/nghe-an/provincial-centre.json"

    // MARK: The day

    struct DayResult {
        var transitions = 0
        var seconds = 0.0
        var baselineSeconds = 0.0
        var issued = 0
        var refused = 0
        var served = 0
        var noShows = 0
        var transfers = 0
        var closedAtEnd = 0
        var longestWaitMinutes = 0
        var perSecond: Double { Double(transitions) / max(seconds, 1e-9) }
        var baselinePerSecond: Double { Double(transitions) / max(baselineSeconds, 1e-9) }
        var summary: String {
            "day: \(issued) issued (\(refused) refused), \(served) served, \(noShows) no-shows, \(transfers) transfers, \(closedAtEnd) closed at the end; longest wait \(longestWaitMinutes) min; \(transitions) transitions in \(seconds.fixed(2)) s of plugin time"
        }
    }

    private enum Phase {
        case idle
        case called(Ticket, recalls: Int, absent: Bool)
        case serving(Ticket, transfer: Bool)
    }

    private func simulateDay(_ deployment: Deployment, folder: String) throws -> DayResult {
        let store = try store("day", folder: folder)
        let calendar = deployment.calendar
        var date = LocalDate(year: 2026, month: 3, day: 2)!
        while calendar.hours(on: date).isEmpty { date = date.adding(days: 1) }
        let hours = calendar.hours(on: date)
        let clock = ManualClock(calendar.instant(date, hours[0].start))
        let composition = try Composition.compose(deployment, catalogue: CLIContext.catalogue, store: store, clock: clock,
                                                  events: DiscardingEventSink(), logHandler: SilentLogHandler())
        guard let queue = composition.queueing else { throw ExitCode.failure }
        var random = SeededRandom(seed: 20_260_302)
        let counters = deployment.counters.filter { $0.sectors.contains(where: deployment.isEnabled(sector:)) }
        let groups = queue.priorityGroups.map(\.id)
        var result = DayResult()
        let timer = ContinuousClock()
        // The baseline, one durable INSERT per transaction, run right after each transition so
        // both meet the disk in the same state: plain SQLite through the same store type, or a
        // raw libpq insert (no advisory lock, no journal) on PostgreSQL.
        let insert: (String) throws -> Void
        if let location = database.postgres {
            let raw = try PostgresRawInserts(location: location, schema: schema("baseline"))
            insert = { subject in try raw.insert(subject: subject, status: "called") }
        } else {
            let baseline = try SQLiteStore(path: folder + "/baseline.sqlite")
            try baseline.migrate(MigrationSet(owner: "bench", migrations: [Migration(version: 1, name: "create", statements: [
                "CREATE TABLE bench_transitions (id INTEGER PRIMARY KEY, subject TEXT NOT NULL, state TEXT NOT NULL)",
            ])]))
            insert = { subject in
                try baseline.write { tx -> Void in
                    _ = try tx.execute("INSERT INTO bench_transitions (subject, state) VALUES (?, ?)", [.text(subject), .text("called")])
                }
            }
        }
        func baselineWrite() throws {
            let subject = "ticket:TP-\(result.transitions)"
            let elapsed = try timer.measure { try insert(subject) }
            result.baselineSeconds += elapsed.seconds
        }
        func timed<T>(_ body: () throws -> T) throws -> T {
            var value: T?
            let elapsed = try timer.measure { value = try body() }
            result.seconds += elapsed.seconds
            result.transitions += 1
            try baselineWrite()
            return value!
        }

        // Arrivals: a two-peaked day over the opening ranges, by rejection sampling.
        let open = hours.map { (calendar.instant(date, $0.start).timeIntervalSince1970, calendar.instant(date, $0.end).timeIntervalSince1970) }
        let start = open.first!.0, end = open.last!.1
        func intensity(_ t: Double) -> Double {
            guard open.contains(where: { t >= $0.0 && t < $0.1 - 1_200 }) else { return 0 }
            let hour = (t - start) / 3_600
            return 0.35 + exp(-pow(hour - 1.2, 2) / 1.0) + 0.7 * exp(-pow(hour - 7.0, 2) / 1.2)
        }
        var arrivals: [Double] = []
        while arrivals.count < tickets {
            let t = Double.random(in: start..<end, using: &random)
            if Double.random(in: 0..<1.4, using: &random) < intensity(t) { arrivals.append(t) }
        }
        arrivals.sort()
        var nextArrival = 0

        var phase = [String: Phase]()
        var due = [String: Double]()
        for counter in counters { phase[counter.id] = .idle; due[counter.id] = start + Double.random(in: 0..<300, using: &random) }
        let policy = queue.policy
        func lognormal(mean: Double) -> Double {
            let sigma = 0.55
            let u1 = Double.random(in: 1e-9..<1, using: &random), u2 = Double.random(in: 0..<1, using: &random)
            let z = sqrt(-2 * log(u1)) * cos(2 * .pi * u2)
            return mean * exp(sigma * z - sigma * sigma / 2)
        }
        let sectors = deployment.enabledSectorIDs
        while true {
            let counterNext = due.min { $0.value < $1.value }
            let arrivalTime = nextArrival < arrivals.count ? arrivals[nextArrival] : .infinity
            guard let (id, counterTime) = counterNext.map({ ($0.key, $0.value) }), min(arrivalTime, counterTime) < end + 3_600 else { break }
            if arrivalTime <= counterTime {
                clock.set(Date(timeIntervalSince1970: arrivalTime))
                nextArrival += 1
                let counter = counters.randomElement(using: &random)!
                let sector = counter.sectors.filter(deployment.isEnabled(sector:)).randomElement(using: &random)!
                let group = Double.random(in: 0..<1, using: &random) < 0.08 ? groups.randomElement(using: &random) : nil
                do {
                    _ = try timed { try queue.issueTicket(TicketRequest(sector: sector, priorityGroup: group, idempotencyKey: "a\(nextArrival)"), by: .device("kiosk-\(nextArrival % 3 + 1)")) }
                    result.issued += 1
                } catch is Problem { result.refused += 1 }
                continue
            }
            clock.set(Date(timeIntervalSince1970: counterTime))
            let clerk = Principal.staff("clerk-\(id)")
            let inOpenRange = open.contains { counterTime >= $0.0 && counterTime < $0.1 }
            switch phase[id]! {
            case .idle:
                guard inOpenRange else {
                    // Lunch or after hours: wait for the next opening, or stop for the day.
                    if let next = open.first(where: { $0.0 > counterTime }) { due[id] = next.0 + Double.random(in: 0..<120, using: &random) } else { due[id] = nil }
                    continue
                }
                // A call that finds nobody writes nothing; it is not counted as a transition.
                let started = ContinuousClock.now
                let ticket = try queue.callNext(counter: id, by: clerk)
                guard let ticket else { due[id] = counterTime + 30; continue }
                result.seconds += (ContinuousClock.now - started).seconds
                result.transitions += 1
                try baselineWrite()
                result.longestWaitMinutes = max(result.longestWaitMinutes, Int((counterTime - ticket.issuedAt.timeIntervalSince1970) / 60))
                let absent = Double.random(in: 0..<1, using: &random) < 0.03
                phase[id] = .called(ticket, recalls: 0, absent: absent)
                due[id] = counterTime + (absent ? 45 : Double.random(in: 15..<70, using: &random))
            case .called(let ticket, let recalls, let absent):
                if absent {
                    if recalls < policy.noShowAfterRecalls {
                        _ = try timed { try queue.perform(.recall, onTicket: ticket.id, atCounter: id, by: clerk) }
                        phase[id] = .called(ticket, recalls: recalls + 1, absent: true)
                        due[id] = counterTime + 45
                    } else {
                        _ = try timed { try queue.perform(.noShow, onTicket: ticket.id, atCounter: id, by: clerk) }
                        result.noShows += 1
                        phase[id] = .idle
                        due[id] = counterTime + 5
                    }
                } else {
                    _ = try timed { try queue.perform(.start, onTicket: ticket.id, atCounter: id, by: clerk) }
                    phase[id] = .serving(ticket, transfer: Double.random(in: 0..<1, using: &random) < 0.02)
                    due[id] = counterTime + lognormal(mean: 270)
                }
            case .serving(let ticket, let transfer):
                if transfer, let target = sectors.filter({ $0 != ticket.sector }).randomElement(using: &random) {
                    _ = try timed { try queue.perform(.transfer(sector: target, counter: nil, keepPlace: true), onTicket: ticket.id, atCounter: id, by: clerk) }
                    result.transfers += 1
                } else {
                    _ = try timed { try queue.perform(.finish, onTicket: ticket.id, atCounter: id, by: clerk) }
                    result.served += 1
                }
                phase[id] = .idle
                due[id] = counterTime + Double.random(in: 5..<40, using: &random)
            }
        }
        clock.set(Date(timeIntervalSince1970: end + 60))
        let closing = try timed { try queue.closeDay(by: .staff("supervisor")) }
        result.closedAtEnd = closing.closed.count
        let verification = try store.verifyJournal()
        guard verification.firstBadSequence == nil else {
            Output.error("the journal does not verify after the day: \(verification.message)")
            throw ExitCode.failure
        }
        return result
    }

    // MARK: Boards

    /// Opens `boards` SSE streams as paired boards, then makes `calls` calls over HTTP, each
    /// timed from just before the request to the event's arrival at every board.
    private func measureBoards(_ deployment: Deployment, folder: String) async throws {
        let store = try store("boards", folder: folder)
        let calendar = deployment.calendar
        var date = LocalDate(year: 2026, month: 3, day: 2)!
        while calendar.hours(on: date).isEmpty { date = date.adding(days: 1) }
        let clock = ManualClock(calendar.instant(date, calendar.hours(on: date)[0].start).addingTimeInterval(3_600))
        var policy = IdentityService.Policy()
        policy.passwordIterations = 1_000
        let identity = try IdentityService(store: store, clock: clock, policy: policy)
        try identity.addAccount(id: "bench-supervisor", displayName: "Bench", role: .supervisor, password: "bench-password-1", by: .system)
        let hub = EventHub()
        let composition = try Composition.compose(deployment, catalogue: CLIContext.catalogue, store: store, clock: clock,
                                                  events: HubEventSink(hub: hub), logHandler: SilentLogHandler())
        guard let queue = composition.queueing else { throw ExitCode.failure }
        let application = Application(deployment: deployment, composition: composition, store: store, identity: identity, clock: clock, hub: hub)
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.loopThreads = ProcessInfo.processInfo.activeProcessorCount
        configuration.maxConnections = boards + 256
        // Every simulated board connects from this machine's one address.
        configuration.maxConnectionsPerAddress = boards + 256
        let server = HTTPServer(configuration: configuration, router: application.makeRouter(), errorMapper: Application.errorMapper)
        try server.start()
        let port = server.port

        let counters = deployment.counters.filter { $0.sectors.contains(where: deployment.isEnabled(sector:)) }
        for index in 0..<(calls + counters.count) {
            let counter = counters[index % counters.count]
            let sector = counter.sectors.first(where: deployment.isEnabled(sector:))!
            _ = try queue.issueTicket(TicketRequest(sector: sector), by: .device("bench-kiosk"))
        }

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            let pairing = try identity.startPairing(deviceID: "bench-board", kind: .board, name: "Bench board", counter: nil, by: .system)
            let token = try identity.completePairing(code: pairing.code, remote: "127.0.0.1").token
            let arrivals = Mutex<[String: [ContinuousClock.Instant]]>([:])
            // One thread polls every board's socket, so the client side adds no scheduling noise.
            let fleet = try BoardFleet(port: port, boards: Array(repeating: BoardFleet.Board(path: "/api/v1/events?topics=queue", token: token),
                                                                 count: boards))
            NativeThread.start(name: "motcua-bench-boards") {
                fleet.run { _, number, at in arrivals.withLock { $0[number, default: []].append(at) } }
            }
            let caller = try LoopbackHTTPClient(port: port)
            let signIn = try caller.request("POST", "/api/v1/session", headers: [("Content-Type", "application/json")],
                                            body: Array(#"{"login":"bench-supervisor","password":"bench-password-1"}"#.utf8))
            guard let cookie = signIn.headers["Set-Cookie"].map({ String($0.split(separator: ";")[0]) }) else { throw ExitCode.failure }
            var samples: [Double] = []
            var missing = 0
            for index in 0..<calls {
                let counter = counters[index % counters.count]
                if let current = try queue.counterStates().first(where: { $0.counter == counter.id })?.current {
                    if current.state == .called { _ = try queue.perform(.start, onTicket: current.id, atCounter: counter.id, by: .staff("bench-supervisor")) }
                    _ = try queue.perform(.finish, onTicket: current.id, atCounter: counter.id, by: .staff("bench-supervisor"))
                }
                if try queue.counterStates().first(where: { $0.counter == counter.id })?.current == nil {
                    // Keep a ticket waiting for this counter so every call finds someone.
                    _ = try queue.issueTicket(TicketRequest(sector: counter.sectors.first(where: deployment.isEnabled(sector:))!), by: .device("bench-kiosk"))
                }
                let sent = ContinuousClock.now
                let response = try caller.request("POST", "/api/v1/counters/\(counter.id)/call-next", headers: [("Cookie", cookie), ("Content-Type", "application/json")], body: Array("{}".utf8))
                guard response.status == 200, let number = Self.field("number", in: response.text) else {
                    Output.error("call \(index) at counter \(counter.id) answered \(response.status): \(response.text)")
                    throw ExitCode.failure
                }
                let deadline = sent + .seconds(2)
                var received: [ContinuousClock.Instant] = []
                while ContinuousClock.now < deadline {
                    received = arrivals.withLock { $0[number] ?? [] }
                    if received.count >= boards { break }
                    try await Task.sleep(for: .milliseconds(1))
                }
                missing += boards - received.count
                samples += received.map { ($0 - sent).milliseconds }
            }
            samples.sort()
            func percentile(_ p: Double) -> Double { samples.isEmpty ? .nan : samples[min(samples.count - 1, Int(Double(samples.count) * p))] }
            Output.line("boards: \(boards) SSE streams over HTTP on loopback, \(calls) calls: call → event at every board p50 \((percentile(0.5)).fixed(2)) ms, p99 \((percentile(0.99)).fixed(2)) ms (target < 50 ms), max \((samples.last ?? .nan).fixed(2)) ms; \(missing) deliveries missing")
            fleet.stop()
            hub.closeAll()
            await server.shutdown(gracePeriod: .seconds(2))
            try await group.waitForAll()
            if missing > 0 || percentile(0.99) >= 50 { throw ExitCode.failure }
        }
    }

    /// A string field of a small JSON object, without a full parse.
    static func field(_ name: String, in json: String) -> String? {
        guard let value = try? JSONParser().parse(Array(json.utf8)) else { return nil }
        return value[name]?.stringValue ?? value["ticket"]?[name]?.stringValue
    }
}

extension Duration {
    /// The duration in seconds (the benchmarks' unit).
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

/// Many SSE clients on raw sockets, read by one thread with poll(2): each `ticket.called`
/// event is stamped the moment its bytes are read.
final class BoardFleet: @unchecked Sendable {
    /// One board: the stream it asks for, its device token, and the loopback address it
    /// connects from (boards are separate machines: no address holds many of them).
    struct Board: Sendable {
        var path: String
        var token: String
        var from: String? = nil
    }

    private var sockets: [Int32] = []
    private let stopped = Mutex(false)

    /// Connects every board and waits for each one's `ready`.
    init(port: Int, boards: [Board]) throws {
        for board in boards {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw ExitCode.environment }
            if let from = board.from {
                var local = sockaddr_in()
                local.sin_family = sa_family_t(AF_INET)
                local.sin_addr.s_addr = inet_addr(from)
                let bound = withUnsafePointer(to: &local) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
                guard bound == 0 else { close(fd); throw ExitCode.environment }
            }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { close(fd); throw ExitCode.environment }
            let request = Array("GET \(board.path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(board.token)\r\nAccept: text/event-stream\r\n\r\n".utf8)
            guard request.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, 0) }) == request.count else { close(fd); throw ExitCode.environment }
            // Read until the ready event has arrived.
            var received: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 4_096)
            while !String(decoding: received, as: UTF8.self).contains("event: ready") {
                let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                guard n > 0 else { close(fd); throw ExitCode.environment }
                received += chunk[0..<n]
            }
            sockets.append(fd)
        }
    }

    /// Reads until ``stop()``, calling `record` with the board's index, each called number and
    /// when it was read.
    func run(_ record: (Int, String, ContinuousClock.Instant) -> Void) {
        var buffers = [[UInt8]](repeating: [], count: sockets.count)
        var polls = sockets.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        var chunk = [UInt8](repeating: 0, count: 16_384)
        var found: [(Int, String, ContinuousClock.Instant)] = []
        while !stopped.withLock({ $0 }) {
            guard poll(&polls, nfds_t(polls.count), 50) > 0 else { continue }
            for index in polls.indices where polls[index].revents != 0 {
                let n = chunk.withUnsafeMutableBytes { recv(polls[index].fd, $0.baseAddress, $0.count, 0) }
                // Stamped as each socket is read, before any parsing.
                let now = ContinuousClock.now
                guard n > 0 else { polls[index].events = 0; continue }
                buffers[index] += chunk[0..<n]
                while let end = Self.find(Self.blankLine, in: buffers[index]) {
                    let block = Array(buffers[index][..<end])
                    buffers[index].removeFirst(end + 2)
                    if Self.find(Self.calledEvent, in: block) != nil, let number = Self.number(in: block) { found.append((index, number, now)) }
                }
            }
            for (board, number, at) in found { record(board, number, at) }
            found.removeAll(keepingCapacity: true)
        }
        for fd in sockets { close(fd) }
    }

    private static let blankLine = Array("\n\n".utf8)
    private static let calledEvent = Array("event: ticket.called".utf8)
    private static let numberKey = Array("\"number\":\"".utf8)

    /// The value of `"number":"…"` in an event's bytes, without a JSON parse.
    private static func number(in bytes: [UInt8]) -> String? {
        guard let start = find(numberKey, in: bytes) else { return nil }
        let from = start + numberKey.count
        guard let quote = bytes[from...].firstIndex(of: 0x22) else { return nil }
        return String(decoding: bytes[from..<quote], as: UTF8.self)
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        outer: for index in 0...(bytes.count - needle.count) {
            for offset in needle.indices where bytes[index + offset] != needle[offset] { continue outer }
            return index
        }
        return nil
    }

    /// Ends ``run(_:)`` within 50 ms.
    func stop() {
        stopped.withLock { $0 = true }
    }
}
