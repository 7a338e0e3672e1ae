import Foundation
import MotCuaHTTP
import Testing

@Suite("HTTP server lifecycle")
struct HTTPServerLifecycleTests {
    @Test func gracefulShutdownFinishesInFlightRequestThenRefusesNewConnections() async throws {
        let entered = Collected<Bool>()
        let released = Collected<Bool>()
        var router = Router()
        router.get("/work", async: { _ in
            entered.append(true)
            // Hold the request in flight until the test has begun the shutdown.
            while released.all.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
            try await Task.sleep(for: .milliseconds(100))
            return .text("finished")
        })
        router.get("/quick") { _ in .text("quick") }
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.loopThreads = 2
        let server = HTTPServer(configuration: configuration, router: router)
        try server.start()
        let port = server.port
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            let inFlight = LoopbackHTTPClientBox(try client(server))
            try await blocking { try inFlight.withClient { try $0.sendRequest("GET", "/work") } }
            #expect(try await eventually { entered.all.count == 1 })
            let idle = LoopbackHTTPClientBox(try client(server))
            _ = try await blocking { try idle.withClient { try $0.request("GET", "/quick") } }

            let clock = ContinuousClock()
            let started = clock.now
            // Begin at once, so the request is surely in flight when shutdown starts.
            // A grace period far longer than the work, so a loaded machine cannot blur the two.
            server.requestShutdown(gracePeriod: .seconds(120))
            released.append(true)
            async let stopped: Void = server.shutdown(gracePeriod: .seconds(120))
            let response = try await blocking { try inFlight.withClient { try $0.readResponse() } }
            let idleClosed = try await blocking { try idle.withClient { $0.waitForClose() } }
            await stopped
            try await group.waitForAll()
            #expect(response.status == 200)
            #expect(response.text == "finished")
            #expect(response.headers["Connection"] == "close")
            #expect(idleClosed)
            #expect(clock.now - started < .seconds(60), "shutdown must not wait for the whole grace period")
        }
        #expect(throws: LoopbackHTTPClient.ClientError.self) { try LoopbackHTTPClient(port: port) }
    }

    @Test func shutdownClosesEventStreamsAndRunsOnClose() async throws {
        let closed = Collected<String>()
        var router = Router()
        router.get("/events") { _ in .eventStream { $0.onClose { closed.append("closed") } } }
        try await withServer(router: router) { server in
            let c = LoopbackHTTPClientBox(try client(server))
            _ = try await blocking { try c.withClient { try $0.request("GET", "/events").status } }
            await server.shutdown(gracePeriod: .seconds(1))
            #expect(closed.all == ["closed"])
            #expect(try await blocking { try c.withClient { $0.waitForClose() } })
        }
    }

    @Test func cancellingRunShutsTheServerDown() async throws {
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.loopThreads = 1
        configuration.shutdownGracePeriod = .milliseconds(200)
        let server = HTTPServer(configuration: configuration, router: sampleRouter())
        try server.start()
        let port = server.port
        let running = Task { try await server.run() }
        let status = try await blocking { try LoopbackHTTPClient(port: port).request("GET", "/healthz").status }
        #expect(status == 200)
        running.cancel()
        try await running.value
        #expect(throws: LoopbackHTTPClient.ClientError.self) { try LoopbackHTTPClient(port: port) }
    }

    @Test func startingTwiceIsAnError() async throws {
        try await withServer(router: Router()) { server in
            let error = #expect(throws: HTTPServerError.self) { try server.start() }
            #expect(error?.code == "http.already-started")
        }
    }
}

@Suite("Router")
struct RouterTests {
    static func router() -> Router {
        var router = Router()
        router.get("/a") { _ in .text("get a") }
        router.post("/a") { _ in .text("post a") }
        router.get("/t/:id") { _ in .text("t") }
        router.get("/t/:id/history") { _ in .text("h") }
        router.get("/files/*") { _ in .text("f") }
        return router
    }

    @Test(arguments: [
        ("GET", "/a", "found", ""),
        ("GET", "/a/", "found", ""),
        ("HEAD", "/a", "found", ""),
        ("DELETE", "/a", "405", "GET, HEAD, POST"),
        ("GET", "/t/42", "found", "id=42"),
        ("GET", "/t/42/history", "found", "id=42"),
        ("GET", "/t/42/other", "404", ""),
        ("GET", "/files/a/b.css", "found", "*=a/b.css"),
        ("POST", "/files/x", "405", "GET, HEAD"),
        ("GET", "/missing", "404", ""),
    ])
    func resolves(_ method: String, _ path: String, _ outcome: String, _ detail: String) {
        switch Self.router().resolve(HTTPMethod(rawValue: method), path) {
        case .found(_, let parameters):
            #expect(outcome == "found", "\(method) \(path)")
            let rendered = parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            #expect(rendered == detail, "\(method) \(path)")
        case .notFound:
            #expect(outcome == "404", "\(method) \(path)")
        case .methodNotAllowed(let allowed):
            #expect(outcome == "405", "\(method) \(path)")
            #expect(allowed.map(\.rawValue).joined(separator: ", ") == detail)
        }
    }

    @Test func headersLookUpCaseInsensitivelyAndKeepOrder() {
        var headers: HTTPHeaders = ["Accept": "a", "X-Id": "1"]
        headers.add("x-id", "2")
        #expect(headers["x-ID"] == "1")
        #expect(headers.values(for: "X-ID") == ["1", "2"])
        #expect(headers.fields.map(\.name) == ["Accept", "X-Id", "x-id"])
        headers.set("X-Id", "3")
        #expect(headers.values(for: "x-id") == ["3"])
        #expect(headers["X-I"] == nil)
    }
}

@Suite("Signal waiter")
struct SignalWaiterTests {
    @Test func returnsTheSignalThatArrived() async throws {
        // Ignored up front so that a signal sent before the waiter is ready cannot kill the run.
        signal(SIGUSR2, SIG_IGN)
        let received = await withTaskGroup(of: Int32?.self) { group in
            group.addTask { await SignalWaiter.wait(for: [SIGUSR2]) }
            group.addTask {
                for _ in 0..<100 {
                    try? await Task.sleep(for: .milliseconds(20))
                    if Task.isCancelled { return nil }
                    kill(getpid(), SIGUSR2)
                }
                return nil
            }
            var result: Int32?
            for await value in group where value != nil {
                result = value
                group.cancelAll()
            }
            return result
        }
        #expect(received == SIGUSR2)
    }
}
