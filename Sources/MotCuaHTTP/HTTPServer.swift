#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

/// A small HTTP/1.1 server: epoll loops on dedicated threads, a `Router`, Server-Sent Events.
///
/// Synchronous routes run on the loop threads; asynchronous routes run on the server's own
/// handler threads, apart from the shared concurrency pool.
/// ```swift
/// let server = HTTPServer(configuration: .init(host: "0.0.0.0", port: 8080), router: router)
/// try server.start()                       // binds; errors are `HTTPServerError`
/// try await server.run()                   // returns after `shutdown(gracePeriod:)`
/// ```
/// Cancelling the task running `run()` shuts down with `configuration.shutdownGracePeriod`.
public final class HTTPServer: Sendable {
    /// Receives one entry per answered request (on a loop thread: keep it cheap).
    public typealias RequestLogger = @Sendable (HTTPRequestLog) -> Void
    /// Turns an error thrown by a handler into a response.
    public typealias ErrorMapper = @Sendable (any Error, HTTPRequest) -> HTTPResponse

    private enum Lifecycle {
        case idle
        /// Started; the flag says whether `run()` has been called.
        case started(ServerCore, running: Bool)
    }

    /// The configuration given at creation.
    public let configuration: Configuration
    private let router: Router
    private let requestLogger: RequestLogger?
    private let errorMapper: ErrorMapper
    private let lifecycle = Mutex(Lifecycle.idle)

    /// A server that has not bound yet; call `start()` or `run()`.
    ///
    /// The default error mapper renders `HTTPResponseError`s and answers anything else
    /// with a JSON 500 that does not leak the error text.
    public init(
        configuration: Configuration, router: Router,
        requestLogger: RequestLogger? = nil, errorMapper: ErrorMapper? = nil
    ) {
        self.configuration = configuration
        self.router = router
        self.requestLogger = requestLogger
        self.errorMapper = errorMapper ?? HTTPServer.defaultErrorMapper
    }

    /// Renders `HTTPResponseError`s; anything else becomes a JSON 500.
    public static let defaultErrorMapper: ErrorMapper = { error, _ in
        if let error = error as? any HTTPResponseError { return error.httpResponse }
        return .error(.internalServerError, code: "http.internal-error",
                      message: "The server could not complete the request.",
                      messageVi: "Máy chủ không xử lý được yêu cầu.")
    }

    /// The bound TCP port (useful with port 0), or 0 before `start()`.
    public var port: Int {
        lifecycle.withLock { state in
            if case .started(let core, _) = state { return core.port }
            return 0
        }
    }

    /// Connections currently open and counted against `maxConnections`.
    public var connectionCount: Int {
        lifecycle.withLock { state in
            if case .started(let core, _) = state { return core.admission.count }
            return 0
        }
    }

    /// Connections currently open from the IPv4 peer `address` (e.g. `127.0.0.1`), counted
    /// against `maxConnectionsPerAddress`; 0 for an address listed in `unlimitedAddresses`.
    public func connectionCount(from address: String) -> Int {
        lifecycle.withLock { state in
            guard case .started(let core, _) = state, let peer = ConnectionAdmission.ipv4(address) else { return 0 }
            return core.admission.count(of: peer)
        }
    }

    /// Binds, listens and starts the loop threads; synchronous routes answer from now on.
    ///
    /// Also ignores SIGPIPE process-wide, since writes to a vanished client must fail with an
    /// error rather than kill the process.
    public func start() throws(HTTPServerError) {
        try lifecycle.withLock { (state: inout Lifecycle) throws(HTTPServerError) in
            guard case .idle = state else { throw HTTPServerError.alreadyStarted }
            signal(SIGPIPE, SIG_IGN)
            let (listenFD, port) = try Self.listen(configuration)
            var loops: [EventLoop] = []
            do throws(HTTPServerError) {
                for index in 0..<max(1, configuration.loopThreads) { loops.append(try EventLoop(index: index)) }
            } catch {
                for loop in loops { loop.close() }
                Glibc.close(listenFD)
                throw error
            }
            let core = ServerCore(
                configuration: configuration, router: router, requestLogger: requestLogger,
                errorMapper: errorMapper, listenFD: listenFD, port: port, loops: loops,
                executor: HandlerExecutor(threads: configuration.handlerThreads, name: "motcua-handler"))
            for loop in loops {
                NativeThread.start(name: "motcua-http-\(loop.index)") { LoopRunner(loop: loop, core: core).run() }
            }
            state = .started(core, running: false)
        }
    }

    /// Waits until `shutdown(gracePeriod:)` completes (starting first if needed); cancelling
    /// the waiting task shuts the server down gracefully.
    ///
    /// Asynchronous handlers do not depend on it: from `start()` on they run on the server's
    /// own handler threads (``Configuration/handlerThreads``), not the shared concurrency pool.
    public func run() async throws {
        if case .idle = lifecycle.withLock({ $0 }) { try start() }
        let taken: ServerCore? = lifecycle.withLock { state in
            guard case .started(let core, running: false) = state else { return nil }
            state = .started(core, running: true)
            return core
        }
        guard let core = taken else { throw HTTPServerError.notStarted }
        let grace = configuration.shutdownGracePeriod
        await withTaskCancellationHandler {
            await core.waitForExit()
        } onCancel: {
            self.beginShutdown(gracePeriod: grace)
        }
    }

    /// Stops accepting, lets in-flight requests finish (responses carry `Connection: close`),
    /// closes idle connections and event streams, and returns when every loop has stopped or
    /// `gracePeriod` has passed (then the rest is closed). Safe to call more than once.
    public func shutdown(gracePeriod: Duration = .seconds(10)) async {
        guard let core = beginShutdown(gracePeriod: gracePeriod) else { return }
        await core.waitForExit()
    }

    /// Starts a graceful shutdown and returns at once, without waiting for it to finish;
    /// `shutdown(gracePeriod:)` or `run()` then wait. Safe from any thread, any number of times.
    public func requestShutdown(gracePeriod: Duration = .seconds(10)) {
        beginShutdown(gracePeriod: gracePeriod)
    }

    @discardableResult
    private func beginShutdown(gracePeriod: Duration) -> ServerCore? {
        let core: ServerCore? = lifecycle.withLock { state in
            if case .started(let core, _) = state { return core }
            return nil
        }
        core?.beginShutdown(deadline: LinuxSystem.monotonicNanoseconds() &+ gracePeriod.nanoseconds)
        return core
    }

    /// Creates, binds and listens on the configured IPv4 address.
    private static func listen(_ configuration: Configuration) throws(HTTPServerError) -> (Int32, Int) {
        let host = configuration.host == "localhost" ? "127.0.0.1" : configuration.host
        let display = "\(configuration.host):\(configuration.port)"
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        guard (0...65535).contains(configuration.port), inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            throw .invalidAddress(display)
        }
        address.sin_port = in_port_t(UInt16(configuration.port).bigEndian)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | LinuxSystem.nonblock | LinuxSystem.cloexec, 0)
        guard fd >= 0 else { throw .system("socket", display, errno: errno) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if bound != 0 {
            let code = errno
            Glibc.close(fd)
            if code == EADDRINUSE { throw .addressInUse(display) }
            throw .system("bind", display, errno: code)
        }
        guard Glibc.listen(fd, Int32(configuration.backlog)) == 0 else {
            let code = errno
            Glibc.close(fd)
            if code == EADDRINUSE { throw .addressInUse(display) }
            throw .system("listen", display, errno: code)
        }
        var boundAddress = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &boundAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, Int(UInt16(bigEndian: boundAddress.sin_port)))
    }
}

/// State shared by the loops of one started server.
final class ServerCore: Sendable {
    typealias Job = @Sendable () async -> Void

    private struct Exit {
        var deregistered = 0
        var exited = 0
        var listenClosed = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    let configuration: HTTPServer.Configuration
    let router: Router
    let requestLogger: HTTPServer.RequestLogger?
    let errorMapper: HTTPServer.ErrorMapper
    let listenFD: Int32
    let port: Int
    let loops: [EventLoop]
    let admission: ConnectionAdmission
    /// The threads asynchronous handlers run on.
    private let executor: HandlerExecutor
    private let exit = Mutex(Exit())

    init(
        configuration: HTTPServer.Configuration, router: Router, requestLogger: HTTPServer.RequestLogger?,
        errorMapper: @escaping HTTPServer.ErrorMapper, listenFD: Int32, port: Int, loops: [EventLoop],
        executor: HandlerExecutor
    ) {
        self.configuration = configuration
        self.router = router
        self.requestLogger = requestLogger
        self.errorMapper = errorMapper
        self.listenFD = listenFD
        self.port = port
        self.loops = loops
        self.executor = executor
        admission = ConnectionAdmission(configuration: configuration)
    }

    /// Starts an asynchronous handler on the server's handler threads.
    ///
    /// An unstructured task on purpose: the handler must start even when every thread of the
    /// shared concurrency pool is busy or blocked, which a child task of `run()` (itself on
    /// the pool) cannot promise. The loops track each exchange until its response is written,
    /// so shutdown still waits for handlers in flight.
    func submit(_ job: @escaping Job) {
        Task(executorPreference: executor) { await job() }
    }

    func beginShutdown(deadline: UInt64) {
        for loop in loops { loop.enqueue(.shutdown(deadline: deadline)) }
    }

    /// A loop stopped watching the listening socket; the last one closes it so that new
    /// clients are refused at once instead of waiting in the backlog.
    func loopDeregistered() {
        exit.withLock { exit in
            exit.deregistered += 1
            if exit.deregistered == loops.count && !exit.listenClosed {
                exit.listenClosed = true
                Glibc.close(listenFD)
            }
        }
    }

    func loopExited() {
        let waiters: [CheckedContinuation<Void, Never>] = exit.withLock { exit in
            exit.exited += 1
            guard exit.exited == loops.count else { return [] }
            if !exit.listenClosed {
                exit.listenClosed = true
                Glibc.close(listenFD)
            }
            let waiters = exit.waiters
            exit.waiters = []
            return waiters
        }
        if exit.withLock({ $0.exited == loops.count }) { executor.stop() }
        for waiter in waiters { waiter.resume() }
    }

    func waitForExit() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = exit.withLock { exit -> Bool in
                if exit.exited == loops.count { return true }
                exit.waiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }
}
