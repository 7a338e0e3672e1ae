#if canImport(Glibc)
import Glibc
#endif

extension HTTPServer {
    /// Listening address and every limit the server enforces; all have safe defaults.
    public struct Configuration: Sendable {
        /// IPv4 address to bind (`0.0.0.0` for every interface, `127.0.0.1` for this machine only).
        public var host: String
        /// TCP port; 0 picks a free port (read it back from `HTTPServer.port`).
        public var port: Int
        /// Event-loop threads; defaults to the number of online CPUs.
        public var loopThreads: Int
        /// Threads that run asynchronous handlers, apart from the shared concurrency pool.
        public var handlerThreads: Int
        /// Largest request line plus headers, in bytes; beyond it the answer is 431.
        public var maxHeadBytes: Int
        /// Largest request body, in bytes; beyond it the answer is 413.
        public var maxBodyBytes: Int
        /// Time a client has to send a complete request head (and then its body) before 408.
        public var headerReadTimeout: Duration
        /// Time an idle keep-alive connection stays open.
        public var idleTimeout: Duration
        /// Open connections beyond which a new one first takes the place of an idle keep-alive
        /// connection (or one that sent nothing for a second) on the same event loop; when
        /// there is none it gets 503 with `Retry-After` and is closed.
        public var maxConnections: Int
        /// Open connections one TCP peer address may hold. Beyond it a new connection from that
        /// address takes the place of the address's longest-idle keep-alive connection on the
        /// same event loop, or gets 429 with `Retry-After` and is closed. The peer is the TCP
        /// peer, not a client named in `X-Forwarded-For`: that header is only read after the
        /// head, and a connection has to be admitted or refused before.
        public var maxConnectionsPerAddress: Int
        /// Peer addresses exempt from `maxConnectionsPerAddress` (a trusted reverse proxy, which
        /// carries every client); they still count towards `maxConnections`.
        public var unlimitedAddresses: Set<String>
        /// The `Retry-After` seconds sent with that 503.
        public var retryAfterSeconds: Int
        /// Interval between `: hb` comments on open event streams.
        public var heartbeatInterval: Duration
        /// Unsent bytes an event stream may queue before the server drops the slow client.
        public var maxStreamBacklogBytes: Int
        /// Grace period used when the task running `run()` is cancelled.
        public var shutdownGracePeriod: Duration
        /// The `Server` header value.
        public var serverName: String
        /// The `listen()` backlog.
        public var backlog: Int

        /// A configuration with defaults for everything but the address.
        public init(host: String = "0.0.0.0", port: Int = 8080) {
            self.host = host
            self.port = port
            self.loopThreads = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
            self.handlerThreads = 4
            self.maxHeadBytes = 16 * 1024
            self.maxBodyBytes = 1024 * 1024
            self.headerReadTimeout = .seconds(10)
            self.idleTimeout = .seconds(60)
            self.maxConnections = 4096
            self.maxConnectionsPerAddress = 256
            self.unlimitedAddresses = []
            self.retryAfterSeconds = 5
            self.heartbeatInterval = .seconds(15)
            self.maxStreamBacklogBytes = 1024 * 1024
            self.shutdownGracePeriod = .seconds(10)
            self.serverName = "MotCua"
            self.backlog = 1024
        }
    }
}

/// One finished request, as handed to the request logger.
public struct HTTPRequestLog: Sendable {
    /// The method (`-` when the request line could not be parsed).
    public var method: String
    /// The decoded path (`-` when unknown).
    public var path: String
    /// The status sent.
    public var status: Int
    /// Body bytes sent (0 for HEAD and event streams).
    public var bytes: Int
    /// Time from a complete request to a queued response, in microseconds.
    public var durationMicroseconds: Int
    /// The peer address.
    public var remoteAddress: String

    /// One log line: `GET /healthz 200 2B 12µs 127.0.0.1:50000`.
    public var line: String {
        "\(method) \(path) \(status) \(bytes)B \(durationMicroseconds)µs \(remoteAddress)"
    }
}
