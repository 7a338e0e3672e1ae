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
import Synchronization

/// The load of `motcua bench province` against one running server: clerks calling at their
/// counters, the kiosk issuing, every board on SSE, citizens looking up.
extension ProvinceBenchmark {
    /// A centre as the load sees it once its staff signed in and its devices paired.
    struct SignedIn: Sendable {
        /// `/<unit code>` on a province server, empty on a centre's own.
        var base: String
        /// Each counter, its sectors, and its clerk's session cookie.
        var counters: [(id: String, sectors: [String], cookie: String)]
        var kioskToken: String
        /// How many boards of this centre listen.
        var boards: Int
    }

    /// What one load run measured.
    struct LoadResult {
        var seconds = 0.0
        var calls = 0
        /// Call → event at a board, one sample per delivery, sorted (ms).
        var latencies: [Double] = []
        /// Call request → its answer, one sample per call, sorted (ms): the write's share.
        var answers: [Double] = []
        var expected = 0
        var received = 0
        var lookups = 0
        var lookupLatencies: [Double] = []
        /// Unexpected answers, by what was asked and what came back.
        var errors: [String: Int] = [:]
        var serverCPU = 0.0
        var clientCPU = 0.0
        var peakRSS = 0.0
        var currentRSS = 0.0
        var lost: Int { expected - received }
        var errorCount: Int { errors.values.reduce(0, +) }

        static func percentile(_ sorted: [Double], _ p: Double) -> Double {
            sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
        }
    }

    /// One call, for matching with the boards' arrivals.
    private struct Call {
        var centre: Int
        var number: String
        var sent: ContinuousClock.Instant
        var answered: ContinuousClock.Instant
    }

    /// Drives `centres` on the server at `port` for ``seconds``: each counter calls at
    /// ``speed`` times the real rate (Poisson arrivals), lookups at ``lookups`` a second.
    func drive(port: Int, serverPID: pid_t, centres: [SignedIn], boardFleet: BoardFleet, boardCentre: [Int]) throws -> LoadResult {
        let arrivals = Mutex<[String: [ContinuousClock.Instant]]>([:])
        NativeThread.start(name: "motcua-bench-boards") {
            boardFleet.run { board, number, at in arrivals.withLock { $0["\(boardCentre[board])|\(number)", default: []].append(at) } }
        }
        let calls = Mutex<[Call]>([])
        let errors = Mutex<[String: Int]>([:])
        let lookupTimes = Mutex<[Double]>([])
        @Sendable func failed(_ what: String) { errors.withLock { $0[what, default: 0] += 1 } }

        let cpuBefore = Self.cpuSeconds(pid: serverPID), clientBefore = Self.ownCPUSeconds()
        let start = ContinuousClock.now
        let end = start + .seconds(seconds)
        let meanInterval = 3_600 / (Self.realTicketsPerCounterHour * Double(speed) * callScale)
        let workerCount = min(8, centres.count)
        let done = DispatchGroupLike(count: workerCount + lookupThreads)

        for worker in 0..<workerCount {
            let mine = centres.indices.filter { $0 % workerCount == worker }
            NativeThread.start(name: "motcua-bench-counters-\(worker)") {
                defer { done.leave() }
                var random = SeededRandom(seed: UInt64(20_261_207 + worker))
                // (centre, counter) → when it calls next; the ticket it is serving.
                var due: [(centre: Int, counter: Int, at: ContinuousClock.Instant)] = []
                var serving: [String: String] = [:]
                for centre in mine {
                    for counter in centres[centre].counters.indices {
                        due.append((centre, counter, start + .milliseconds(Int(Self.exponential(mean: meanInterval, &random) * 1_000))))
                    }
                }
                let from = "127.2.0.\(worker + 1)"
                while let next = due.indices.min(by: { due[$0].at < due[$1].at }), due[next].at < end {
                    let (centreIndex, counterIndex, at) = due[next]
                    Self.sleep(until: at)
                    let centre = centres[centreIndex], counter = centre.counters[counterIndex]
                    let key = "\(centreIndex)/\(counter.id)"
                    do {
                        let client = try LoopbackHTTPClient(port: port, from: from, timeout: .seconds(10))
                        let base = centre.base + "/api/v1"
                        if let ticket = serving[key] {
                            let finished = try client.request("POST", "\(base)/tickets/\(ticket)/actions", headers: Self.json(cookie: counter.cookie),
                                                              body: Array(#"{"action":"finish"}"#.utf8))
                            if finished.status != 200 { failed("finish → \(finished.status) \(Self.code(finished.text))") }
                            serving[key] = nil
                        }
                        let issued = try client.request("POST", "\(base)/tickets", headers: Self.json(bearer: centre.kioskToken),
                                                        body: Array(#"{"sector":"\#(counter.sectors.randomElement(using: &random)!)"}"#.utf8))
                        if issued.status != 201 { failed("issue → \(issued.status) \(Self.code(issued.text))") }
                        let sent = ContinuousClock.now
                        let called = try client.request("POST", "\(base)/counters/\(counter.id)/call-next", headers: Self.json(cookie: counter.cookie),
                                                        body: Array("{}".utf8))
                        let answered = ContinuousClock.now
                        let ticket = (try? JSONParser().parse(called.body))?["ticket"]
                        if called.status == 200, let number = ticket?["number"]?.stringValue, let id = ticket?["id"]?.stringValue {
                            calls.withLock { $0.append(Call(centre: centreIndex, number: number, sent: sent, answered: answered)) }
                            let started = try client.request("POST", "\(base)/tickets/\(id)/actions", headers: Self.json(cookie: counter.cookie),
                                                             body: Array(#"{"action":"start"}"#.utf8))
                            if started.status == 200 { serving[key] = id } else { failed("start → \(started.status) \(Self.code(started.text))") }
                        } else {
                            failed("call-next → \(called.status) \(Self.code(called.text))")
                        }
                    } catch {
                        failed("counter request: \(error)")
                    }
                    due[next].at = at + .milliseconds(Int(Self.exponential(mean: meanInterval, &random) * 1_000))
                }
            }
        }

        // Citizens: each lookup on a new connection from an address of its own family (a
        // handful of lookups per address, as many addresses as phones), paced evenly.
        let perThread = Double(lookups) / Double(max(1, lookupThreads))
        for thread in 0..<lookupThreads {
            NativeThread.start(name: "motcua-bench-lookups-\(thread)") {
                defer { done.leave() }
                guard perThread > 0 else { return }
                var random = SeededRandom(seed: UInt64(7_000 + thread))
                var index = 0
                var times: [Double] = []
                while true {
                    let at = start + .microseconds(Int(Double(index) / perThread * 1_000_000))
                    guard at < end else { break }
                    Self.sleep(until: at)
                    let citizen = (index * lookupThreads + thread) / 5
                    let centre = centres[Int.random(in: 0..<centres.count, using: &random)]
                    // Half ask for the catalogue, half for a dossier code (one no centre issued).
                    let path = index % 2 == 0 ? "\(centre.base)/lookup"
                        : "\(centre.base)/lookup?code=\(thread)-261207-\((index % 10_000).zeroPadded(4))"
                    let began = ContinuousClock.now
                    do {
                        let client = try LoopbackHTTPClient(port: port, from: Self.citizenAddress(citizen), timeout: .seconds(10))
                        let response = try client.request("GET", path, headers: [("Accept", "text/html")])
                        times.append((ContinuousClock.now - began).milliseconds)
                        if response.status != 200 { failed("lookup → \(response.status)") }
                    } catch {
                        failed("lookup: \(error)")
                    }
                    index += 1
                }
                lookupTimes.withLock { $0 += times }
            }
        }
        done.wait()
        let elapsed = (ContinuousClock.now - start).seconds
        let serverCPU = Self.cpuSeconds(pid: serverPID) - cpuBefore
        // Events still on their way: up to 2 s more, less once every board has every call.
        let expectedDeliveries = calls.withLock { $0.map { centres[$0.centre].boards }.reduce(0, +) }
        let grace = ContinuousClock.now + .seconds(2)
        while ContinuousClock.now < grace, arrivals.withLock({ $0.values.map(\.count).reduce(0, +) }) < expectedDeliveries {
            usleep(20_000)
        }
        usleep(100_000)
        boardFleet.stop()
        let clientCPU = Self.ownCPUSeconds() - clientBefore

        var result = LoadResult()
        result.seconds = elapsed
        result.serverCPU = serverCPU
        result.clientCPU = clientCPU
        (result.peakRSS, result.currentRSS) = Self.residentMegabytes(pid: serverPID)
        let received = arrivals.withLock { $0 }
        for call in calls.withLock({ $0 }) {
            let expected = centres[call.centre].boards
            let times = received["\(call.centre)|\(call.number)"] ?? []
            result.calls += 1
            result.answers.append((call.answered - call.sent).milliseconds)
            result.expected += expected
            result.received += min(expected, times.count)
            result.latencies += times.prefix(expected).map { ($0 - call.sent).milliseconds }
        }
        result.latencies.sort()
        result.answers.sort()
        result.lookupLatencies = lookupTimes.withLock { $0 }.sorted()
        result.lookups = result.lookupLatencies.count
        result.errors = errors.withLock { $0 }
        return result
    }

    /// Threads that send the lookups: one per 100 a second.
    var lookupThreads: Int { lookups == 0 ? 0 : min(8, 1 + lookups / 100) }

    /// The loopback address of the `index`th citizen: 127.3.0.1 onwards, 250 per /24.
    static func citizenAddress(_ index: Int) -> String {
        let n = index % 1_000_000
        return "127.\(3 + n / 62_500).\((n / 250) % 250).\(n % 250 + 1)"
    }

    static func json(cookie: String) -> [(String, String)] { [("Cookie", cookie), ("Content-Type", "application/json")] }
    static func json(bearer: String) -> [(String, String)] { [("Authorization", "Bearer \(bearer)"), ("Content-Type", "application/json")] }

    /// The error code of a JSON error answer, for grouping failures.
    static func code(_ text: String) -> String {
        (try? JSONParser().parse(text))?["error"]?["code"]?.stringValue ?? String(text.prefix(80))
    }

    static func exponential(mean: Double, _ random: inout SeededRandom) -> Double {
        -mean * log(Double.random(in: 1e-9..<1, using: &random))
    }

    static func sleep(until instant: ContinuousClock.Instant) {
        let wait = instant - ContinuousClock.now
        guard wait > .zero else { return }
        usleep(UInt32(clamping: Int(wait.seconds * 1_000_000)))
    }

    /// User and system CPU seconds of process `pid`, from /proc/<pid>/stat.
    static func cpuSeconds(pid: pid_t) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return 0 }
        // After the command's closing parenthesis: state is field 3, utime 14, stime 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// This process's own CPU seconds (the load's clients and boards).
    static func ownCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// Peak (VmHWM) and current (VmRSS) resident memory of `pid` in MB.
    static func residentMegabytes(pid: pid_t) -> (peak: Double, current: Double) {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return (0, 0) }
        func field(_ name: String) -> Double {
            for line in status.split(separator: "\n") where line.hasPrefix(name) {
                return (line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Double($0) } ?? 0) / 1_024
            }
            return 0
        }
        return (field("VmHWM:"), field("VmRSS:"))
    }
}

/// Waits for a number of threads to finish.
final class DispatchGroupLike: Sendable {
    private let remaining: Mutex<Int>

    init(count: Int) { remaining = Mutex(count) }

    func leave() { remaining.withLock { $0 -= 1 } }

    func wait() {
        while remaining.withLock({ $0 }) > 0 { usleep(10_000) }
    }
}

extension Duration {
    /// The duration in milliseconds.
    var milliseconds: Double { Double(components.seconds) * 1_000 + Double(components.attoseconds) / 1e15 }
}
