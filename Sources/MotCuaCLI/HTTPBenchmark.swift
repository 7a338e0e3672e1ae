#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import MotCuaCore
import MotCuaHTTP
import MotCuaHost
import MotCuaStore
import Synchronization

/// `motcua bench http`: MotCua's server against nginx serving the same bytes, side by side,
/// with wrk on the same machine, route by route and interleaved; then one address flooding
/// the server with connections while another keeps asking for `/healthz`; then idle
/// keep-alive connections, SSE streams and memory.
struct HTTPBenchmark {
    let connections: Int
    let seconds: Int
    let idleConnections: Int
    let streams: Int
    /// Connections the flooding address opens.
    var flood: Int = 5_000

    /// A route measured against nginx, with its goals as ratios to nginx.
    private struct Measured {
        var path: String
        var contentType: String
        var minimumRate: Double
        var maximumP99: Double
    }

    private static let routes = [
        Measured(path: "/healthz", contentType: "application/json; charset=utf-8", minimumRate: 0.8, maximumP99: 1.5),
        Measured(path: "/lookup", contentType: "text/html; charset=utf-8", minimumRate: 0.5, maximumP99: 2),
        Measured(path: "/api/openapi.json", contentType: "application/json; charset=utf-8", minimumRate: 0.5, maximumP99: 2),
    ]

    func run() async throws {
        for tool in ["wrk", "nginx"] where Self.which(tool) == nil {
            Output.error("motcua bench http needs \(tool): apt-get install -y wrk nginx")
            throw ExitCode.environment
        }
        Self.raiseDescriptorLimit()
        let folder = PlainText.join(FileManager.default.temporaryDirectory.path, "motcua-bench-http-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }

        let deployment = try DeploymentLoading.deployment(nil)
        let store = try SQLiteStore(path: folder + "/motcua.sqlite")
        let clock = SystemClock()
        let identity = try IdentityService(store: store, clock: clock)
        let hub = EventHub()
        let composition = try Composition.compose(deployment, catalogue: CLIContext.catalogue, store: store, clock: clock,
                                                  events: HubEventSink(hub: hub), logHandler: SilentLogHandler())
        // wrk asks from one address far more often than a citizen would: the public per-address
        // budget, which would answer 429 after a few hundred requests, is opened wide here.
        let application = Application(deployment: deployment, composition: composition, store: store, identity: identity, clock: clock, hub: hub,
                                      publicLimits: .init(requestsPerWindow: Int.max / 2, codesPerWindow: Int.max / 2))
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.loopThreads = ProcessInfo.processInfo.activeProcessorCount
        configuration.maxConnections = max(4_096, idleConnections + streams + 64)
        configuration.backlog = 4096  // as `motcua serve`
        let server = HTTPServer(configuration: configuration, router: application.makeRouter(), errorMapper: Application.errorMapper)
        try server.start()
        let idleRSS = Self.residentMegabytes()

        // nginx serves the very bytes MotCua answers.
        var sizes: [String: Int] = [:]
        for route in Self.routes {
            let response = try LoopbackHTTPClient(port: server.port).request("GET", route.path)
            guard response.status == 200 else {
                Output.error("motcua bench http: GET \(route.path) answered \(response.status), not 200")
                throw ExitCode.failure
            }
            sizes[route.path] = response.body.count
            try Data(response.body).write(to: URL(fileURLWithPath: folder + Self.fileName(route.path)))
        }
        let nginxPort = try Self.freePort()
        let nginx = try startNginx(folder: folder, port: nginxPort)
        defer { Subprocess.stop(nginx) }
        try await Task.sleep(for: .milliseconds(300))

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            Output.line("bench http: wrk -t2 -c\(connections) -d\(seconds)s --latency, same machine, same run, after 1 s of warm-up each; "
                        + "per route motcua, nginx, motcua, nginx (rates and p99 averaged over the two turns)")
            var rows = [["ROUTE", "BYTES", "MOTCUA REQ/S", "NGINX REQ/S", "RATE", "MOTCUA P99", "NGINX P99", "P99", "GOAL", "MET", "ERRORS"]]
            var allMet = true
            // One second of each first, so that neither side is measured while it warms up.
            for route in Self.routes {
                _ = try wrk("http://127.0.0.1:\(server.port)\(route.path)", seconds: 1)
                _ = try wrk("http://127.0.0.1:\(nginxPort)\(route.path)", seconds: 1)
            }
            for route in Self.routes {
                var ours: [WrkResult] = [], theirs: [WrkResult] = []
                for _ in 0..<2 {
                    ours.append(try wrk("http://127.0.0.1:\(server.port)\(route.path)"))
                    theirs.append(try wrk("http://127.0.0.1:\(nginxPort)\(route.path)"))
                }
                let ourRate = ours.map(\.rate).reduce(0, +) / 2, theirRate = theirs.map(\.rate).reduce(0, +) / 2
                let ourP99 = ours.map(\.p99Milliseconds).reduce(0, +) / 2, theirP99 = theirs.map(\.p99Milliseconds).reduce(0, +) / 2
                let rate = ourRate / max(theirRate, 1), p99 = ourP99 / max(theirP99, 0.001)
                let errors = (ours + theirs).map(\.errors).reduce(0, +)
                let met = rate >= route.minimumRate && p99 <= route.maximumP99 && errors == 0
                allMet = allMet && met
                rows.append([route.path, "\(sizes[route.path] ?? 0)", "\(ourRate.fixed(0))", "\(theirRate.fixed(0))",
                             "\(rate.fixed(2))×", "\(ourP99.fixed(2)) ms", "\(theirP99.fixed(2)) ms",
                             "\(p99.fixed(2))×", "≥ \(route.minimumRate.fixed(1))×, ≤ \(route.maximumP99.fixed(1))×",
                             met ? "yes" : "NO", "\(errors)"])
            }
            Output.line(Output.table(rows))
            try floodFromOneAddress(port: server.port, server: server)
            try await holdConnections(port: server.port, identity: identity, hub: hub, idleRSS: idleRSS)
            await server.shutdown(gracePeriod: .seconds(2))
            try await group.waitForAll()
            if !allMet { Output.line("some goals were not met") }
        }
    }

    /// One address (127.0.0.2) opens `flood` connections and sends nothing, while another
    /// (127.0.0.1) asks for `/healthz` on a new connection every few milliseconds.
    private func floodFromOneAddress(port: Int, server: HTTPServer) throws {
        guard flood > 0 else { return }
        let probes = Mutex<[Double]>([]), statuses = Mutex<[Int]>([]), stop = Atomic<Bool>(false)
        let finished = DispatchSemaphore(value: 0)
        NativeThread.start(name: "motcua-bench-probe") {
            while !stop.load(ordering: .relaxed) {
                let start = DispatchTime.now().uptimeNanoseconds
                let status = (try? LoopbackHTTPClient(port: port).request("GET", "/healthz").status) ?? 0
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
                probes.withLock { $0.append(elapsed) }
                statuses.withLock { $0.append(status) }
                usleep(2_000)
            }
            finished.signal()
        }
        var held: [LoopbackHTTPClient] = []
        var failed = 0
        for _ in 0..<flood {
            do { held.append(try LoopbackHTTPClient(port: port, from: "127.0.0.2", timeout: .seconds(5))) } catch { failed += 1 }
        }
        usleep(200_000)
        let admitted = server.connectionCount(from: "127.0.0.2")
        stop.store(true, ordering: .relaxed)
        finished.wait()
        held.removeAll()
        let sorted = probes.withLock { $0 }.sorted()
        let refused = statuses.withLock { $0 }.filter { $0 != 200 }.count
        func percentile(_ p: Double) -> Double { sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
        Output.line("flood: \(flood) connections from 127.0.0.2 (\(admitted) admitted, the rest 429; \(failed) failed to connect) while 127.0.0.1 "
                    + "opened \(sorted.count) connections for /healthz: p50 \(percentile(0.5).fixed(2)) ms, p99 \(percentile(0.99).fixed(2)) ms, "
                    + "max \((sorted.last ?? .nan).fixed(2)) ms (goal < 50 ms); \(refused) not 200")
        if refused > 0 || (sorted.last ?? 0) >= 50 { Output.line("the flood goal was not met") }
    }

    /// nginx's file for `path`.
    private static func fileName(_ path: String) -> String {
        "/" + path.dropFirst().replacing("/", with: "-") + ".body"
    }

    /// Raises the soft limit on open files to the hard limit: the flood and the held
    /// connections need two descriptors each in this one process.
    static func raiseDescriptorLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }

    /// Opens idle keep-alive connections and SSE streams, checks each answered, and reports memory.
    private func holdConnections(port: Int, identity: IdentityService, hub: EventHub, idleRSS: Double) async throws {
        let kiosk = try identity.startPairing(deviceID: "bench-board", kind: .board, name: "Bench", counter: nil, by: .system)
        let token = try identity.completePairing(code: kiosk.code, remote: "127.0.0.1").token
        var clients: [LoopbackHTTPClient] = []
        var failures = 0
        for index in 0..<idleConnections {
            do {
                // As many client machines as the per-address limit asks for: 127.0.0.2, .3, …
                let client = try LoopbackHTTPClient(port: port, from: Self.clientAddress(index))
                let response = try client.request("GET", "/healthz")
                if response.status != 200 { failures += 1 }
                clients.append(client)
            } catch {
                failures += 1
            }
        }
        var streamClients: [LoopbackHTTPClient] = []
        for index in 0..<streams {
            do {
                let client = try LoopbackHTTPClient(port: port, from: Self.clientAddress(idleConnections + index))
                try client.sendRequest("GET", "/api/v1/events?topics=queue", headers: [("Authorization", "Bearer \(token)")])
                let head = try client.readResponse()
                guard head.status == 200 else {
                    failures += 1
                    continue
                }
                _ = try client.readNextEvent()
                streamClients.append(client)
            } catch {
                failures += 1
            }
        }
        let delivered = hub.publish(topic: "queue", event: "ping", data: "{}", id: nil)
        var received = 0
        for client in streamClients where (try? client.readNextEvent())?.event == "ping" { received += 1 }
        // Idle connections still answer after the streams were opened.
        var stillAlive = 0
        for client in clients where (try? client.request("GET", "/healthz"))?.status == 200 { stillAlive += 1 }
        let heldRSS = Self.residentMegabytes()
        Output.line("held \(clients.count) idle keep-alive connections (\(stillAlive) still answering) and \(streamClients.count) SSE streams "
                    + "(\(delivered) subscribed, \(received) received a broadcast); \(failures) error(s)")
        Output.line("resident memory: \(idleRSS.fixed(1)) MB at idle (target < 40 MB), \(heldRSS.fixed(1)) MB holding them (this process also runs the clients)")
        if failures > 0 || received != streamClients.count { throw ExitCode.failure }
    }

    /// The loopback address the `index`th held connection comes from: 200 per address, so no
    /// address reaches the server's per-address limit.
    static func clientAddress(_ index: Int) -> String {
        let machine = 2 + index / 200
        return "127.0.\(machine / 250).\(machine % 250 + 1)"
    }

    private struct WrkResult {
        var rate: Double
        var p99Milliseconds: Double
        var errors: Int
    }

    private func wrk(_ url: String, seconds: Int? = nil) throws -> WrkResult {
        let output = try Self.runTool("wrk", ["-t2", "-c\(connections)", "-d\(seconds ?? self.seconds)s", "--latency", url])
        var rate = 0.0
        var p99 = 0.0
        var errors = 0
        for line in output.split(separator: "\n").map({ $0.trimmingSpaces() }) {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if line.hasPrefix("Requests/sec:"), fields.count >= 2 { rate = Double(fields[1]) ?? 0 }
            if line.hasPrefix("99%"), fields.count >= 2 { p99 = Self.milliseconds(String(fields[1])) }
            if line.hasPrefix("Non-2xx") || line.hasPrefix("Socket errors") {
                errors += fields.compactMap { Int($0.filter { $0 != "," }) }.reduce(0, +)
            }
        }
        return WrkResult(rate: rate, p99Milliseconds: p99, errors: errors)
    }

    private func startNginx(folder: String, port: Int) throws -> pid_t {
        let config = """
            worker_processes auto;
            daemon off;
            pid \(folder)/nginx.pid;
            error_log \(folder)/nginx-error.log;
            events { worker_connections 4096; }
            http {
                access_log off;
                client_body_temp_path \(folder);
                proxy_temp_path \(folder);
                fastcgi_temp_path \(folder);
                uwsgi_temp_path \(folder);
                scgi_temp_path \(folder);
                keepalive_requests 1000000;
                server {
                    listen 127.0.0.1:\(port);
                    \(Self.routes.map { "location = \($0.path) { default_type \"\($0.contentType)\"; alias \(folder)\(Self.fileName($0.path)); }" }
                        .joined(separator: "\n        "))
                }
            }
            """
        try config.write(toFile: folder + "/nginx.conf", atomically: true, encoding: .utf8)
        return try Subprocess.start(Self.which("nginx")!, ["-c", folder + "/nginx.conf", "-p", folder])
    }

    static func which(_ tool: String) -> String? { Subprocess.which(tool) }

    static func runTool(_ tool: String, _ arguments: [String]) throws -> String {
        String(decoding: try Subprocess.run(which(tool) ?? tool, arguments, stderr: .discard, capture: true).output, as: UTF8.self)
    }

    /// wrk prints latencies like `850.00us`, `12.31ms` or `1.02s`.
    static func milliseconds(_ text: String) -> Double {
        if text.hasSuffix("us") { return (Double(text.dropLast(2)) ?? 0) / 1_000 }
        if text.hasSuffix("ms") { return Double(text.dropLast(2)) ?? 0 }
        if text.hasSuffix("s") { return (Double(text.dropLast()) ?? 0) * 1_000 }
        return Double(text) ?? 0
    }

    /// The process's resident set size in MB, from /proc/self/status.
    static func residentMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let kilobytes = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Double($0) } ?? 0
            return kilobytes / 1_024
        }
        return 0
    }

    /// A free TCP port on loopback, found by binding port 0 and closing.
    static func freePort() throws -> Int {
        let probe = HTTPServer(configuration: HTTPServer.Configuration(host: "127.0.0.1", port: 0), router: Router())
        try probe.start()
        let port = probe.port
        let semaphore = DispatchSemaphore(value: 0)
        Task {
            await probe.shutdown(gracePeriod: .milliseconds(10))
            semaphore.signal()
        }
        semaphore.wait()
        return port
    }
}
