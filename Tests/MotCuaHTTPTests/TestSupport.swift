import Foundation
import MotCuaHTTP
import Synchronization

/// Runs `body` against a started, running server on 127.0.0.1 with an ephemeral port, then
/// shuts it down and waits for `run()` to return.
func withServer(
    router: Router,
    requestLogger: HTTPServer.RequestLogger? = nil,
    errorMapper: HTTPServer.ErrorMapper? = nil,
    configure: (inout HTTPServer.Configuration) -> Void = { _ in },
    _ body: @Sendable (HTTPServer) async throws -> Void
) async throws {
    var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
    configuration.loopThreads = 2
    configure(&configuration)
    let server = HTTPServer(configuration: configuration, router: router,
                            requestLogger: requestLogger, errorMapper: errorMapper)
    try server.start()
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await server.run() }
        do {
            try await body(server)
        } catch {
            await server.shutdown(gracePeriod: .milliseconds(200))
            throw error
        }
        await server.shutdown(gracePeriod: .seconds(2))
        try await group.waitForAll()
    }
}

/// Runs blocking socket work on a thread of its own, keeping the concurrency pool free for
/// the server's asynchronous handlers.
func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

/// Opens a client to `server`.
func client(_ server: HTTPServer, timeout: Duration = .seconds(3)) throws -> LoopbackHTTPClient {
    try LoopbackHTTPClient(port: server.port, timeout: timeout)
}

/// A thread-safe list for collecting callbacks in tests.
final class Collected<Element: Sendable>: Sendable {
    private let items = Mutex<[Element]>([])
    func append(_ item: Element) { items.withLock { $0.append(item) } }
    var all: [Element] { items.withLock { $0 } }
}

/// Polls `condition` for up to `timeout`.
func eventually(timeout: Duration = .seconds(2), _ condition: () -> Bool) async throws -> Bool {
    let clock = ContinuousClock()
    let end = clock.now + timeout
    while clock.now < end {
        if condition() { return true }
        try await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}

/// The router most tests share.
func sampleRouter() -> Router {
    var router = Router()
    let cached = HTTPResponse.json(Array(#"{"status":"ok"}"#.utf8))
    router.get("/healthz") { _ in cached }
    router.post("/echo") { request in
        var response = HTTPResponse(status: .created, headers: ["Content-Type": "application/octet-stream"], body: request.body)
        response.headers.add("X-Length", String(request.body.count))
        return response
    }
    router.get("/api/v1/tickets/:id") { request in
        .text("ticket \(request.parameters["id"] ?? "?") q=\(request.query("q") ?? "-")")
    }
    router.delete("/api/v1/tickets/:id") { request in .text("deleted \(request.parameters["id"] ?? "?")") }
    router.get("/assets/*") { request in .text("asset \(request.parameters["*"] ?? "")") }
    router.get("/slow", async: { _ in
        try await Task.sleep(for: .milliseconds(150))
        return .text("slow done")
    })
    router.get("/headers") { request in
        .text(request.headers.fields.map { "\($0.name)=\($0.value)" }.joined(separator: ";"))
    }
    return router
}
