import Foundation
import MotCuaCore
import MotCuaHTTP
import MotCuaHost
import MotCuaStore

/// `motcua bench http`: MotCua's server against nginx serving the same bytes, side by side,
/// with wrk on the same machine; then idle keep-alive connections, SSE streams and memory.
struct HTTPBenchmark {
    let connections: Int
    let seconds: Int
    let idleConnections: Int
    let streams: Int

    func run() async throws {
        for tool in ["wrk", "nginx"] where Self.which(tool) == nil {
            Output.error("motcua bench http needs \(tool): apt-get install -y wrk nginx")
            throw ExitCode.environment
        }
        let folder = NSTemporaryDirectory() + "motcua-bench-http-\(ProcessInfo.processInfo.processIdentifier)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }

        let deployment = try DeploymentLoading.deployment(nil)
        let store = try SQLiteStore(path: folder + "/motcua.sqlite")
        let clock = SystemClock()
        let identity = try IdentityService(store: store, clock: clock)
        let hub = EventHub()
        let composition = try Composition.compose(deployment, catalogue: CLIContext.catalogue, store: store, clock: clock,
                                                  events: HubEventSink(hub: hub), logHandler: SilentLogHandler())
        let application = Application(deployment: deployment, composition: composition, store: store, identity: identity, clock: clock, hub: hub)
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.loopThreads = ProcessInfo.processInfo.activeProcessorCount
        configuration.maxConnections = max(4_096, idleConnections + streams + 64)
        let server = HTTPServer(configuration: configuration, router: application.makeRouter(), errorMapper: Application.errorMapper)
        try server.start()
        let idleRSS = Self.residentMegabytes()

        let body = application.deploymentSummary().serializedBytes()
        try Data(body).write(to: URL(fileURLWithPath: folder + "/deployment.json"))
        let nginxPort = try Self.freePort()
        let nginx = try startNginx(folder: folder, port: nginxPort)
        defer { nginx.terminate(); nginx.waitUntilExit() }
        try await Task.sleep(for: .milliseconds(300))

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            Output.line("bench http: wrk -t2 -c\(connections) -d\(seconds)s --latency, GET /api/v1/deployment (\(body.count) bytes), same machine, same run")
            let ours = try wrk("http://127.0.0.1:\(server.port)/api/v1/deployment")
            let theirs = try wrk("http://127.0.0.1:\(nginxPort)/api/v1/deployment")
            Output.line(Output.table([
                ["SERVER", "REQ/S", "P99", "ERRORS"],
                ["motcua", String(format: "%.0f", ours.rate), String(format: "%.2f ms", ours.p99Milliseconds), "\(ours.errors)"],
                ["nginx (auto workers)", String(format: "%.0f", theirs.rate), String(format: "%.2f ms", theirs.p99Milliseconds), "\(theirs.errors)"],
            ]))
            Output.line(String(format: "rate ratio motcua/nginx: %.2f× (target ≥ 0.70×); p99 ratio: %.2f× (target ≤ 1.50×)",
                               ours.rate / theirs.rate, ours.p99Milliseconds / theirs.p99Milliseconds))
            try await holdConnections(port: server.port, identity: identity, hub: hub, idleRSS: idleRSS)
            await server.shutdown(gracePeriod: .seconds(2))
            try await group.waitForAll()
        }
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
                try client.sendRequest("GET", "/api/v1/events?topics=bench", headers: [("Authorization", "Bearer \(token)")])
                let head = try client.readResponse()
                if head.status != 200 { failures += 1 }
                _ = try client.readNextEvent()
                streamClients.append(client)
            } catch {
                failures += 1
            }
        }
        let delivered = hub.publish(topic: "bench", event: "ping", data: "{}", id: nil)
        var received = 0
        for client in streamClients where (try? client.readNextEvent())?.event == "ping" { received += 1 }
        // Idle connections still answer after the streams were opened.
        var stillAlive = 0
        for client in clients where (try? client.request("GET", "/healthz"))?.status == 200 { stillAlive += 1 }
        let heldRSS = Self.residentMegabytes()
        Output.line("held \(clients.count) idle keep-alive connections (\(stillAlive) still answering) and \(streamClients.count) SSE streams "
                    + "(\(delivered) subscribed, \(received) received a broadcast); \(failures) error(s)")
        Output.line(String(format: "resident memory: %.1f MB at idle (target < 40 MB), %.1f MB holding them (this process also runs the clients)",
                           idleRSS, heldRSS))
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

    private func wrk(_ url: String) throws -> WrkResult {
        let output = try Self.runTool("wrk", ["-t2", "-c\(connections)", "-d\(seconds)s", "--latency", url])
        var rate = 0.0
        var p99 = 0.0
        var errors = 0
        for line in output.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if line.hasPrefix("Requests/sec:"), fields.count >= 2 { rate = Double(fields[1]) ?? 0 }
            if line.hasPrefix("99%"), fields.count >= 2 { p99 = Self.milliseconds(String(fields[1])) }
            if line.hasPrefix("Non-2xx") || line.hasPrefix("Socket errors") {
                errors += fields.compactMap { Int($0.trimmingCharacters(in: CharacterSet(charactersIn: ","))) }.reduce(0, +)
            }
        }
        return WrkResult(rate: rate, p99Milliseconds: p99, errors: errors)
    }

    private func startNginx(folder: String, port: Int) throws -> Process {
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
                    location = /api/v1/deployment { default_type "application/json; charset=utf-8"; alias \(folder)/deployment.json; }
                }
            }
            """
        try config.write(toFile: folder + "/nginx.conf", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.which("nginx")!)
        process.arguments = ["-c", folder + "/nginx.conf", "-p", folder]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func which(_ tool: String) -> String? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/bin"]
        return folders.map { "\($0)/\(tool)" }.first { access($0, X_OK) == 0 }
    }

    static func runTool(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: which(tool) ?? tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
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
