/// One client connection; lives on, and is touched only by, its loop thread.
final class Connection {
    enum State {
        /// Between requests, waiting for the first byte (idle timeout applies).
        case idle
        /// Receiving a request head or body (header timeout applies).
        case reading
        /// An asynchronous handler is running; later input waits in the buffer.
        case awaitingAsync
        /// An event stream is open.
        case streaming
        /// Writing a final response, then lingering.
        case closing
        /// Output done and write side shut; draining input until the client closes.
        case lingering
    }

    /// What is needed to answer the request in progress once its response exists.
    struct Exchange {
        var method: HTTPMethod
        var path: String
        var isHead: Bool
        var keepAlive: Bool
        var versionMinor: Int
        var started: UInt64
    }

    let fd: Int32
    let id: UInt64
    let remoteAddress: String
    /// The TCP peer's IPv4 address in network byte order, the key of the per-address limit.
    let peer: UInt32
    /// Whether the connection was admitted (and so counts against the limits until closed).
    let counted: Bool
    /// The loop's tally of idle connections, kept by `state`.
    private unowned let idle: IdleTally
    var state: State = .reading {
        didSet {
            guard !isClosed, (oldValue == .idle) != (state == .idle) else { return }
            idle.change(peer, by: state == .idle ? 1 : -1)
        }
    }
    /// When the connection last went quiet: its accept, or the end of its last exchange.
    var quietSince: UInt64 = 0
    /// Whether any request byte has arrived yet.
    var receivedAny = false
    var isClosed = false
    var peerClosedInput = false
    var deadline: UInt64 = 0

    lazy var input = ByteBuffer(capacity: 4096)
    var scanned = 0
    var pendingHead: RequestHead?
    var sentContinue = false
    var exchange: Exchange?

    var output: [UInt8] = []
    var outputOffset = 0
    var lastWriteProgress: UInt64 = 0
    var closeAfterWrite = false
    var pausedForOutput = false
    var registeredEvents: UInt32 = 0
    var isRegistered = false

    var stream: EventStream?
    var nextHeartbeat: UInt64 = 0

    init(fd: Int32, id: UInt64, remoteAddress: String, peer: UInt32, counted: Bool, idle: IdleTally) {
        self.fd = fd
        self.id = id
        self.remoteAddress = remoteAddress
        self.peer = peer
        self.counted = counted
        self.idle = idle
    }

    var pendingOutput: Int { output.count - outputOffset }

    /// Leaves the idle tally for good; called once, just before the connection closes.
    func leaveTally() {
        if state == .idle { idle.change(peer, by: -1) }
    }
}

/// Idle keep-alive connections of one loop, in total and per peer address, so that the
/// search for a connection to close under pressure runs only when one exists.
final class IdleTally {
    private(set) var total = 0
    private var byPeer: [UInt32: Int] = [:]

    func change(_ peer: UInt32, by delta: Int) {
        total += delta
        let count = byPeer[peer, default: 0] + delta
        byPeer[peer] = count > 0 ? count : nil
    }

    func count(of peer: UInt32) -> Int { byPeer[peer] ?? 0 }
}
