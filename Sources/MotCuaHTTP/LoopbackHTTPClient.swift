#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A blocking HTTP/1.1 client over a real socket, for tests and smoke checks; not for production.
///
/// Each instance owns one connection; calls are serialized by a lock, so it may be handed
/// between threads. Calls block the calling thread (up to `timeout`), so call it from a
/// dedicated thread, not from the Swift concurrency pool when the server under test also
/// needs that pool.
public final class LoopbackHTTPClient: Sendable {
    /// A parsed response.
    public struct Response: Sendable {
        /// The status code.
        public var status: Int
        /// The reason phrase.
        public var reason: String
        /// The header fields in order.
        public var headers: HTTPHeaders
        /// The body bytes (empty for HEAD, 204, 304, or an event stream's head).
        public var body: [UInt8]
        /// The body as UTF-8 text.
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// One Server-Sent Events record: an event with data, or a comment such as a heartbeat.
    public struct ServerSentEvent: Sendable, Equatable {
        /// The `event:` field, if any.
        public var event: String?
        /// The `data:` lines joined with `\n`.
        public var data: String
        /// The `id:` field, if any.
        public var id: String?
        /// The comment text for a `: comment` record (e.g. `hb`), nil for events.
        public var comment: String?

        /// An event value, e.g. to compare with what was read.
        public init(event: String? = nil, data: String, id: String? = nil, comment: String? = nil) {
            self.event = event
            self.data = data
            self.id = id
            self.comment = comment
        }
    }

    /// A client failure: connect, send, receive, timeout or a malformed response.
    public struct ClientError: Error, Sendable, CustomStringConvertible {
        /// A stable code such as `http-client.timeout`.
        public let code: String
        /// What went wrong, in English.
        public let message: String
        /// The same in Vietnamese.
        public let messageVi: String
        /// "code: message".
        public var description: String { "\(code): \(message)" }
    }

    private let fd: Int32
    private let connection: Mutex<ClientConnection>
    /// The host name sent in `Host`.
    public let host: String
    /// The server port.
    public let port: Int

    /// Connects to `host:port` (IPv4), failing with `ClientError` when nobody listens.
    ///
    /// `from` binds the local end to another loopback address first (`127.0.0.2`), so one
    /// test can speak as several client addresses.
    public init(host: String = "127.0.0.1", port: Int, from localHost: String? = nil,
                timeout: Duration = .seconds(5)) throws(ClientError) {
        self.host = host
        self.port = port
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(clamping: port).bigEndian)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            throw ClientError(code: "http-client.invalid-address", message: "invalid IPv4 address \(host)",
                              messageVi: "địa chỉ IPv4 không hợp lệ \(host)")
        }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | LinuxSystem.cloexec, 0)
        guard fd >= 0 else {
            throw ClientError(code: "http-client.socket", message: "socket() failed", messageVi: "không tạo được socket")
        }
        var interval = timeval(tv_sec: Int(timeout.components.seconds),
                               tv_usec: Int(timeout.components.attoseconds / 1_000_000_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        if let localHost {
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            let bound = inet_pton(AF_INET, localHost, &local.sin_addr) == 1 && withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            } == 0
            guard bound else {
                Glibc.close(fd)
                throw ClientError(code: "http-client.bind", message: "cannot use local address \(localHost)",
                                  messageVi: "không dùng được địa chỉ cục bộ \(localHost)")
            }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let reason = LinuxSystem.errorString(errno)
            Glibc.close(fd)
            throw ClientError(code: "http-client.connect", message: "cannot connect to \(host):\(port): \(reason)",
                              messageVi: "không kết nối được tới \(host):\(port): \(reason)")
        }
        self.fd = fd
        connection = Mutex(ClientConnection(fd: fd, host: host, port: port))
    }

    deinit { Glibc.close(fd) }

    /// Sends raw bytes as they are (for malformed or pipelined requests).
    public func send(raw bytes: [UInt8]) throws(ClientError) {
        try connection.withLock { (c: inout ClientConnection) throws(ClientError) in try c.send(raw: bytes) }
    }

    /// Sends raw text as UTF-8.
    public func send(raw text: String) throws(ClientError) { try send(raw: Array(text.utf8)) }

    /// Sends one request (adding `Host` and, for a body, `Content-Length`) and reads the response.
    public func request(
        _ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8] = []
    ) throws(ClientError) -> Response {
        try sendRequest(method, target, headers: headers, body: body)
        return try readResponse(head: method == "HEAD")
    }

    /// Sends one request without reading the response.
    public func sendRequest(_ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8] = []) throws(ClientError) {
        var text = "\(method) \(target) HTTP/1.1\r\nHost: \(host):\(port)\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" || method == "PUT" { text += "Content-Length: \(body.count)\r\n" }
        text += "\r\n"
        try send(raw: Array(text.utf8) + body)
    }

    /// Half-closes the connection (no more requests), keeping it open for reading.
    public func shutdownWrite() { shutdown(fd, Int32(SHUT_WR)) }

    /// Reads one response; `head` is true when it answers a HEAD request (no body follows).
    /// An event-stream response returns right after its headers; read events with `readEvent()`.
    /// Interim (1xx) responses are skipped unless `skippingInterim` is false.
    public func readResponse(head: Bool = false, skippingInterim: Bool = true) throws(ClientError) -> Response {
        try connection.withLock { (c: inout ClientConnection) throws(ClientError) in
            try c.readResponse(head: head, skippingInterim: skippingInterim)
        }
    }

    /// Reads the next event or comment of an event stream.
    public func readEvent() throws(ClientError) -> ServerSentEvent {
        try connection.withLock { (c: inout ClientConnection) throws(ClientError) in try c.readEvent() }
    }

    /// Reads the next event, skipping comments (heartbeats).
    public func readNextEvent() throws(ClientError) -> ServerSentEvent {
        while true {
            let event = try readEvent()
            if event.comment == nil || !event.data.isEmpty || event.event != nil { return event }
        }
    }

    /// Whether the server closes the connection (EOF or reset) before the timeout ends; any
    /// bytes received meanwhile are discarded.
    public func waitForClose() -> Bool {
        connection.withLock { $0.waitForClose() }
    }
}

/// The socket and receive buffer behind a `LoopbackHTTPClient`.
struct ClientConnection {
    typealias ClientError = LoopbackHTTPClient.ClientError
    typealias Response = LoopbackHTTPClient.Response
    typealias ServerSentEvent = LoopbackHTTPClient.ServerSentEvent
    let fd: Int32
    let host: String
    let port: Int
    var buffer: [UInt8] = []

    init(fd: Int32, host: String, port: Int) {
        self.fd = fd
        self.host = host
        self.port = port
    }

    /// Sends raw bytes as they are (for malformed or pipelined requests).
    func send(raw bytes: [UInt8]) throws(ClientError) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 {
                if sent < 0 && errno == EINTR { continue }
                throw ClientError(code: "http-client.send", message: "send failed: \(LinuxSystem.errorString(errno))",
                                  messageVi: "gửi thất bại: \(LinuxSystem.errorString(errno))")
            }
            offset += sent
        }
    }

    /// Reads one response; `head` is true when it answers a HEAD request (no body follows).
    /// An event-stream response returns right after its headers; read events with `readEvent()`.
    /// Interim (1xx) responses are skipped unless `skippingInterim` is false.
    mutating func readResponse(head: Bool = false, skippingInterim: Bool = true) throws(ClientError) -> Response {
        let headEnd = try readUntil(Array("\r\n\r\n".utf8))
        let headText = String(decoding: buffer[0..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = headText.split(separator: "\r\n", omittingEmptySubsequences: false)
        guard !lines.isEmpty else { throw malformed("empty response") }
        let statusLine = lines.removeFirst().split(separator: " ", maxSplits: 2)
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."), let status = Int(statusLine[1]) else {
            throw malformed("bad status line")
        }
        var headers = HTTPHeaders()
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw malformed("bad header line \(line)") }
            headers.add(String(line[..<colon]), line[line.index(after: colon)...].trimmingSpaces)
        }
        var response = Response(status: status, reason: statusLine.count > 2 ? String(statusLine[2]) : "", headers: headers, body: [])
        if status < 200 { return skippingInterim ? try readResponse(head: head) : response }
        if head || status == 204 || status == 304 { return response }
        if headers["Content-Type"]?.hasPrefix("text/event-stream") == true { return response }
        if let length = headers["Content-Length"].flatMap({ Int($0) }) {
            try fill(length)
            response.body = Array(buffer[0..<length])
            buffer.removeFirst(length)
        } else {
            while try receiveMore() {}
            response.body = buffer
            buffer = []
        }
        return response
    }

    /// Reads the next event or comment of an event stream.
    mutating func readEvent() throws(ClientError) -> ServerSentEvent {
        let end = try readUntil(Array("\n\n".utf8))
        let block = String(decoding: buffer[0..<end], as: UTF8.self)
        buffer.removeFirst(end + 2)
        var event = ServerSentEvent(event: nil, data: "", id: nil, comment: nil)
        var data: [String] = []
        for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(":") {
                event.comment = line.dropFirst().trimmingSpaces
                continue
            }
            let parts = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let field = parts[0]
            var value = parts.count > 1 ? parts[1] : ""
            if value.hasPrefix(" ") { value = value.dropFirst() }
            switch field {
            case "event": event.event = String(value)
            case "id": event.id = String(value)
            case "data": data.append(String(value))
            default: break
            }
        }
        event.data = data.joined(separator: "\n")
        return event
    }

    /// Whether the server closes the connection (EOF or reset) before `timeout` ends; any
    /// bytes received meanwhile are discarded.
    mutating func waitForClose() -> Bool {
        do {
            while try receiveMore() { buffer.removeAll() }
            return true
        } catch {
            return error.code == "http-client.reset"
        }
    }

    private func malformed(_ what: String) -> ClientError {
        ClientError(code: "http-client.malformed", message: "malformed response: \(what)",
                    messageVi: "phản hồi sai cú pháp: \(what)")
    }

    private mutating func readUntil(_ pattern: [UInt8]) throws(ClientError) -> Int {
        var searchFrom = 0
        while true {
            if buffer.count >= pattern.count {
                var index = searchFrom
                while index + pattern.count <= buffer.count {
                    if buffer[index] == pattern[0] && Array(buffer[index..<(index + pattern.count)]) == pattern { return index }
                    index += 1
                }
                searchFrom = max(0, buffer.count - pattern.count + 1)
            }
            guard try receiveMore() else {
                throw ClientError(code: "http-client.closed", message: "connection closed before the response was complete",
                                  messageVi: "kết nối bị đóng trước khi nhận đủ phản hồi")
            }
        }
    }

    private mutating func fill(_ count: Int) throws(ClientError) {
        while buffer.count < count {
            guard try receiveMore() else {
                throw ClientError(code: "http-client.closed", message: "connection closed before the body was complete",
                                  messageVi: "kết nối bị đóng trước khi nhận đủ thân phản hồi")
            }
        }
    }

    /// Reads more bytes; false at end of stream.
    private mutating func receiveMore() throws(ClientError) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let received = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if received > 0 {
                buffer.append(contentsOf: chunk[0..<received])
                return true
            }
            if received == 0 { return false }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK:
                throw ClientError(code: "http-client.timeout", message: "timed out waiting for the server",
                                  messageVi: "hết thời gian chờ máy chủ")
            case ECONNRESET:
                throw ClientError(code: "http-client.reset", message: "connection reset by the server",
                                  messageVi: "máy chủ đã cắt kết nối")
            default:
                throw ClientError(code: "http-client.receive", message: "receive failed: \(LinuxSystem.errorString(errno))",
                                  messageVi: "nhận dữ liệu thất bại: \(LinuxSystem.errorString(errno))")
            }
        }
    }
}
