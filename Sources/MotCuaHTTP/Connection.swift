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
    let counted: Bool
    var state: State = .reading
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

    init(fd: Int32, id: UInt64, remoteAddress: String, counted: Bool) {
        self.fd = fd
        self.id = id
        self.remoteAddress = remoteAddress
        self.counted = counted
    }

    var pendingOutput: Int { output.count - outputOffset }
}
