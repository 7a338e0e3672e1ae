#if canImport(Glibc)
import Glibc
#endif

/// The loop-thread side of an `EventLoop`: owns the connections and runs epoll until shutdown.
///
/// Created on its own thread and never shared, so its state needs no locks.
final class LoopRunner {
    private let loop: EventLoop
    private let core: ServerCore
    private let configuration: HTTPServer.Configuration
    private var connections: [Connection?] = []
    private var liveCount = 0
    private var nextID: UInt64 = 1
    private var now: UInt64 = 0
    private var listening = false
    private var listenerPausedUntil: UInt64 = 0
    private var draining = false
    private var drainDeadline: UInt64 = 0
    private let tick: UInt64
    private var nextTick: UInt64 = 0
    private let headerTimeout: UInt64
    private let idleTimeout: UInt64
    private let heartbeat: UInt64
    private let lingerTime: UInt64 = 2_000_000_000
    private var dateSecond = -1
    /// `Server` and `Date` lines, re-rendered once per second.
    private var fixedHeaders: [UInt8] = []
    private let maxEvents: Int32 = 256
    private let events: UnsafeMutableRawPointer
    private let scratch: UnsafeMutableRawPointer
    private let scratchSize = 16 * 1024
    private var dirty: [Connection] = []
    /// Idle keep-alive connections of this loop, kept up to date by `Connection.state`.
    private let idle = IdleTally()
    /// The last search for a silent connection to close, to bound the cost of a flood.
    private var lastSilentScan: UInt64 = 0
    /// The answer to a connection over `maxConnectionsPerAddress` (429).
    private var refusedForAddress: HTTPResponse
    /// The answer to a connection over `maxConnections` (503).
    private var refusedForServer: HTTPResponse
    private static let heartbeatBytes: [UInt8] = Array(": hb\n\n".utf8)
    private static let continueBytes: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    init(loop: EventLoop, core: ServerCore) {
        self.loop = loop
        self.core = core
        configuration = core.configuration
        // Rendered once: under a flood every refused connection costs as little as possible.
        refusedForAddress = HTTPResponse.error(
            .tooManyRequests, code: "http.too-many-connections-from-address",
            message: "This address has too many open connections; close some or retry shortly.",
            messageVi: "Địa chỉ này đang mở quá nhiều kết nối; hãy đóng bớt hoặc thử lại sau ít phút.")
        refusedForAddress.headers.add("Retry-After", String(configuration.retryAfterSeconds))
        refusedForServer = HTTPResponse.error(
            .serviceUnavailable, code: "http.too-many-connections",
            message: "The server has too many open connections; retry shortly.",
            messageVi: "Máy chủ đang có quá nhiều kết nối; vui lòng thử lại sau ít phút.")
        refusedForServer.headers.add("Retry-After", String(configuration.retryAfterSeconds))
        headerTimeout = configuration.headerReadTimeout.nanoseconds
        idleTimeout = configuration.idleTimeout.nanoseconds
        heartbeat = max(1_000_000, configuration.heartbeatInterval.nanoseconds)
        // Timers are checked by a sweep; a quarter of the shortest timeout keeps them accurate
        // enough without waking often.
        let shortest = min(headerTimeout, idleTimeout, heartbeat)
        tick = min(max(shortest / 4, 5_000_000), 1_000_000_000)
        events = .allocate(byteCount: Int(maxEvents) * LinuxSystem.epollEventSize, alignment: 8)
        scratch = .allocate(byteCount: scratchSize, alignment: 8)
    }

    deinit {
        events.deallocate()
        scratch.deallocate()
    }

    func run() {
        listening = LinuxSystem.epollControl(
            loop.epollFD, LinuxSystem.ctlAdd, core.listenFD,
            events: LinuxSystem.epollIn | LinuxSystem.epollExclusive) == 0
        now = LinuxSystem.monotonicNanoseconds()
        refreshDate()
        nextTick = now &+ tick
        while true {
            let waitMs = nextTick > now ? Int32(clamping: (nextTick - now + 999_999) / 1_000_000) : 0
            let count = LinuxSystem.epollWait(loop.epollFD, events, maxEvents, waitMs)
            if count < 0 && errno != EINTR { break }
            now = LinuxSystem.monotonicNanoseconds()
            refreshDate()
            for index in 0..<Int(max(count, 0)) {
                let event = events + index * LinuxSystem.epollEventSize
                let flags = event.loadUnaligned(as: UInt32.self)
                let fd = Int32(truncatingIfNeeded: event.loadUnaligned(fromByteOffset: LinuxSystem.epollDataOffset, as: UInt64.self))
                if fd == loop.wakeFD {
                    handleMessages()
                } else if listening && fd == core.listenFD {
                    acceptConnections()
                } else if let connection = connection(fd) {
                    handle(connection, flags: flags)
                }
            }
            if now >= nextTick {
                sweep()
                nextTick = now &+ tick
            }
            if draining && (liveCount == 0 || now >= drainDeadline) { break }
        }
        for case let connection? in connections { close(connection) }
        stopListening()
        loop.close()
        core.loopExited()
    }

    private func connection(_ fd: Int32) -> Connection? {
        Int(fd) < connections.count ? connections[Int(fd)] : nil
    }

    private func stopListening() {
        guard listening else { return }
        listening = false
        LinuxSystem.epollControl(loop.epollFD, LinuxSystem.ctlDel, core.listenFD, events: 0)
        core.loopDeregistered()
    }

    // MARK: Accepting

    private func acceptConnections() {
        for _ in 0..<64 {
            var address = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let fd = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    LinuxSystem.accept4(core.listenFD, $0, &length, LinuxSystem.nonblock | LinuxSystem.cloexec)
                }
            }
            if fd < 0 {
                let code = errno
                if code == EINTR || code == ECONNABORTED { continue }
                if code == EMFILE || code == ENFILE {
                    // Out of descriptors: a level-triggered listener would spin, so pause it.
                    LinuxSystem.epollControl(loop.epollFD, LinuxSystem.ctlDel, core.listenFD, events: 0)
                    listening = false
                    listenerPausedUntil = now &+ 100_000_000
                }
                return
            }
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            let peer = address.sin_addr.s_addr
            let refusal = admit(peer)
            let connection = Connection(fd: fd, id: nextID, remoteAddress: Self.format(address), peer: peer,
                                        counted: refusal == nil, idle: idle)
            nextID &+= 1
            if Int(fd) >= connections.count {
                connections.append(contentsOf: repeatElement(nil, count: Int(fd) + 1 - connections.count + 64))
            }
            connections[Int(fd)] = connection
            liveCount += 1
            connection.lastWriteProgress = now
            connection.quietSince = now
            setInterest(connection, read: true, write: false)
            guard let refusal else {
                connection.state = .reading
                connection.deadline = now &+ headerTimeout
                continue
            }
            let response = refusal == .address ? refusedForAddress : refusedForServer
            let exchange = Connection.Exchange(
                method: HTTPMethod(rawValue: "-"), path: "-", isHead: false, keepAlive: false,
                versionMinor: 1, started: 0)
            write(connection, response, exchange)
            flush(connection)
        }
    }

    /// Counts a new connection from `peer` against both limits. When a limit is reached, an
    /// idle connection of this loop makes room first: the address's own longest-idle
    /// keep-alive connection for the per-address limit; for the server's limit, the
    /// longest-idle keep-alive connection of any address, or one that has sent nothing for a
    /// second. Returns the limit that still refuses it.
    private func admit(_ peer: UInt32) -> ConnectionAdmission.Refusal? {
        var refusal = core.admission.admit(peer)
        if refusal == .address, idle.count(of: peer) > 0, let victim = longestQuiet(peer: peer) {
            close(victim)
            refusal = core.admission.admit(peer)
        }
        if refusal == .server, let victim = longestQuiet(peer: nil) {
            close(victim)
            refusal = core.admission.admit(peer)
        }
        return refusal
    }

    /// This loop's connection that has been quiet longest: idle between requests (from `peer`
    /// only, when given), or, for any peer, admitted a second ago or more without sending a
    /// byte. The full scan runs only when an idle connection exists or, for silent ones, at
    /// most every 100 ms.
    private func longestQuiet(peer: UInt32?) -> Connection? {
        if peer == nil && idle.total == 0 {
            guard now &- lastSilentScan >= 100_000_000 else { return nil }
            lastSilentScan = now
        }
        var best: Connection?
        for case let connection? in connections where connection.counted {
            let quiet: Bool
            switch connection.state {
            case .idle:
                quiet = peer == nil || connection.peer == peer
            case .reading:
                quiet = peer == nil && !connection.receivedAny && now &- connection.quietSince >= 1_000_000_000
            case .awaitingAsync, .streaming, .closing, .lingering:
                quiet = false
            }
            if quiet && connection.quietSince < best?.quietSince ?? .max { best = connection }
        }
        return best
    }

    private static func format(_ address: sockaddr_in) -> String {
        var address = address
        var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
        inet_ntop(AF_INET, &address.sin_addr, &text, socklen_t(INET_ADDRSTRLEN))
        let host = text.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return host + ":" + String(UInt16(bigEndian: address.sin_port))
    }

    // MARK: Events

    private func handle(_ connection: Connection, flags: UInt32) {
        if flags & LinuxSystem.epollErr != 0 {
            close(connection)
            return
        }
        if flags & LinuxSystem.epollOut != 0 {
            flush(connection)
            if connection.isClosed { return }
        }
        if flags & (LinuxSystem.epollIn | LinuxSystem.epollHup | LinuxSystem.epollRdHup) != 0 {
            readable(connection)
        }
    }

    private enum ReadResult { case data, wouldBlock, endOfInput, failed }

    private func receive(_ connection: Connection, discard: Bool) -> ReadResult {
        let received: Int
        if discard {
            received = recv(connection.fd, scratch, scratchSize, 0)
        } else {
            let buffer = connection.input
            buffer.reserveWritable(4096)
            received = recv(connection.fd, buffer.writePointer, buffer.writableSpace, 0)
            if received > 0 {
                buffer.writerIndex += received
                connection.receivedAny = true
            }
        }
        if received > 0 { return .data }
        if received == 0 { return .endOfInput }
        return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? .wouldBlock : .failed
    }

    private func readable(_ connection: Connection) {
        switch connection.state {
        case .lingering, .streaming:
            switch receive(connection, discard: true) {
            case .endOfInput, .failed: close(connection)
            case .data, .wouldBlock: break
            }
        case .closing:
            switch receive(connection, discard: true) {
            case .failed: close(connection)
            case .endOfInput:
                // The client half-closed; it may still read the final response.
                connection.peerClosedInput = true
                setInterest(connection, read: false, write: connection.pendingOutput > 0)
            case .data, .wouldBlock: break
            }
        case .awaitingAsync:
            let limit = configuration.maxHeadBytes + configuration.maxBodyBytes
            switch receive(connection, discard: false) {
            case .failed: close(connection)
            case .endOfInput:
                connection.peerClosedInput = true
                setInterest(connection, read: false, write: connection.pendingOutput > 0)
            case .data:
                if connection.input.readableCount > limit {
                    setInterest(connection, read: false, write: connection.pendingOutput > 0)
                }
            case .wouldBlock: break
            }
        case .idle, .reading:
            switch receive(connection, discard: false) {
            case .failed:
                close(connection)
            case .wouldBlock:
                break
            case .endOfInput:
                connection.peerClosedInput = true
                if connection.state == .reading && (connection.input.readableCount > 0 || connection.pendingHead != nil) {
                    reject(connection, .bad("connection closed before the request was complete",
                                            "kết nối bị đóng trước khi gửi xong yêu cầu"))
                    flush(connection)
                } else if connection.pendingOutput > 0 {
                    connection.closeAfterWrite = true
                    connection.state = .closing
                    setInterest(connection, read: false, write: true)
                } else {
                    close(connection)
                }
            case .data:
                process(connection)
                flush(connection)
            }
        }
    }

    // MARK: Requests

    /// Parses and answers every complete request in the input buffer, in order.
    private func process(_ connection: Connection) {
        while !connection.isClosed && (connection.state == .reading || connection.state == .idle) {
            if connection.pendingOutput > 256 * 1024 {
                connection.pausedForOutput = true
                return
            }
            if connection.pendingHead == nil {
                if connection.input.readableCount == 0 {
                    if connection.state != .idle {
                        connection.state = .idle
                        connection.quietSince = now
                        connection.deadline = now &+ idleTimeout
                    }
                    return
                }
                if connection.state == .idle {
                    connection.state = .reading
                    connection.deadline = now &+ headerTimeout
                }
                let outcome: RequestParser.Outcome
                do {
                    outcome = try RequestParser.parse(
                        connection.input.readable, from: connection.scanned, maxHeadBytes: configuration.maxHeadBytes)
                } catch {
                    reject(connection, error)
                    return
                }
                switch outcome {
                case .incomplete(let scanned):
                    connection.scanned = scanned
                    return
                case .head(let head, let length):
                    connection.input.consume(length)
                    connection.scanned = 0
                    if head.contentLength > configuration.maxBodyBytes {
                        reject(connection, RequestRejection(
                            status: .contentTooLarge, code: "http.body-too-large",
                            message: "request body of \(head.contentLength) bytes exceeds \(configuration.maxBodyBytes) bytes",
                            messageVi: "thân yêu cầu \(head.contentLength) byte vượt quá \(configuration.maxBodyBytes) byte"))
                        return
                    }
                    connection.pendingHead = head
                    connection.sentContinue = false
                    if head.contentLength > 0 { connection.deadline = now &+ headerTimeout }
                }
            }
            guard let head = connection.pendingHead else { return }
            if connection.input.readableCount < head.contentLength {
                if head.expectsContinue && !connection.sentContinue {
                    connection.sentContinue = true
                    connection.output.append(contentsOf: Self.continueBytes)
                }
                return
            }
            var body: [UInt8] = []
            if head.contentLength > 0 {
                body = Array(UnsafeBufferPointer(start: connection.input.readable.baseAddress, count: head.contentLength))
                connection.input.consume(head.contentLength)
            }
            connection.pendingHead = nil
            dispatch(connection, head, body)
            // The next pipelined request gets its own header time.
            connection.deadline = now &+ headerTimeout
        }
    }

    private func dispatch(_ connection: Connection, _ head: RequestHead, _ body: [UInt8]) {
        let exchange = Connection.Exchange(
            method: head.method, path: head.path, isHead: head.method == .head,
            keepAlive: head.keepAlive && !draining, versionMinor: head.versionMinor,
            started: core.requestLogger == nil ? 0 : LinuxSystem.preciseNanoseconds())
        var request = HTTPRequest(
            method: head.method, path: head.path, rawPath: head.rawPath, rawQuery: head.rawQuery,
            queryItems: head.queryItems, headers: head.headers, body: body,
            remoteAddress: connection.remoteAddress, versionMinor: head.versionMinor)
        switch core.router.resolve(head.method, head.path) {
        case .notFound:
            write(connection, Router.notFound(head.path), exchange)
        case .methodNotAllowed(let allowed):
            write(connection, Router.methodNotAllowed(head.method, head.path, allowed: allowed), exchange)
        case .found(let handler, let parameters):
            request.parameters = parameters
            switch handler {
            case .sync(let run):
                let response: HTTPResponse
                do {
                    response = try run(request)
                } catch {
                    response = core.errorMapper(error, request)
                }
                write(connection, response, exchange)
            case .async(let run):
                connection.state = .awaitingAsync
                connection.exchange = exchange
                let loop = self.loop, core = self.core, fd = connection.fd, id = connection.id
                let request = request
                core.submit {
                    let response: HTTPResponse
                    do {
                        response = try await run(request)
                    } catch {
                        response = core.errorMapper(error, request)
                    }
                    loop.enqueue(.asyncResponse(fd: fd, connectionID: id, response: response))
                }
            }
        }
    }

    /// Answers a request the parser refused, then closes.
    private func reject(_ connection: Connection, _ rejection: RequestRejection) {
        let exchange = Connection.Exchange(
            method: connection.pendingHead?.method ?? HTTPMethod(rawValue: "-"),
            path: connection.pendingHead?.path ?? "-", isHead: false, keepAlive: false, versionMinor: 1,
            started: core.requestLogger == nil ? 0 : LinuxSystem.preciseNanoseconds())
        connection.pendingHead = nil
        connection.input.clear()
        connection.scanned = 0
        write(connection, rejection.response, exchange)
    }

    // MARK: Responses

    /// Serializes `response` into the connection's output (flushed by the caller).
    private func write(_ connection: Connection, _ response: HTTPResponse, _ exchange: Connection.Exchange) {
        if case .eventStream(let start) = response.body, !exchange.isHead {
            appendHead(&connection.output, response, contentLength: nil, close: false, versionMinor: exchange.versionMinor)
            connection.state = .streaming
            connection.nextHeartbeat = now &+ heartbeat
            connection.input.clear()
            let stream = EventStream(loop: loop, fd: connection.fd, connectionID: connection.id,
                                     remoteAddress: connection.remoteAddress)
            connection.stream = stream
            log(exchange, status: response.status.code, bytes: 0, remote: connection.remoteAddress)
            if draining {
                connection.closeAfterWrite = true
                connection.state = .closing
            }
            start(stream)
            return
        }
        let body = response.bodyBytes
        let sendsBody = !response.status.forbidsBody
        var close = !exchange.keepAlive || connection.peerClosedInput || draining
        if !close, let value = response.headers["Connection"], value.lowercased().contains("close") { close = true }
        appendHead(&connection.output, response, contentLength: sendsBody ? body.count : nil, close: close,
                   versionMinor: exchange.versionMinor)
        if sendsBody && !exchange.isHead { connection.output.append(contentsOf: body) }
        if close {
            connection.closeAfterWrite = true
            connection.state = .closing
        }
        log(exchange, status: response.status.code, bytes: exchange.isHead ? 0 : body.count, remote: connection.remoteAddress)
    }

    private func appendHead(_ out: inout [UInt8], _ response: HTTPResponse, contentLength: Int?, close: Bool, versionMinor: Int) {
        out.append(contentsOf: "HTTP/1.1 ".utf8)
        Self.appendDecimal(&out, response.status.code)
        out.append(32)
        out.append(contentsOf: response.status.reason.utf8)
        out.append(contentsOf: "\r\n".utf8)
        out.append(contentsOf: fixedHeaders)
        for field in response.headers.fields {
            let length = field.name.utf8.count
            if length == 14 && HTTPHeaders.equalsIgnoringCase(field.name, "Content-Length") { continue }
            if length == 10 && HTTPHeaders.equalsIgnoringCase(field.name, "Connection") { continue }
            out.append(contentsOf: field.name.utf8)
            out.append(contentsOf: ": ".utf8)
            out.append(contentsOf: field.value.utf8)
            out.append(contentsOf: "\r\n".utf8)
        }
        if let contentLength {
            out.append(contentsOf: "Content-Length: ".utf8)
            Self.appendDecimal(&out, contentLength)
            out.append(contentsOf: "\r\n".utf8)
        }
        if close {
            out.append(contentsOf: "Connection: close\r\n".utf8)
        } else if versionMinor == 0 {
            out.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        out.append(contentsOf: "\r\n".utf8)
    }

    private static func appendDecimal(_ out: inout [UInt8], _ value: Int) {
        if value < 10 {
            out.append(48 + UInt8(value))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                      UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var remaining = value
        withUnsafeMutableBytes(of: &digits) { raw in
            while remaining > 0 {
                raw[19 - count] = 48 + UInt8(remaining % 10)
                remaining /= 10
                count += 1
            }
            out.append(contentsOf: raw[(20 - count)...])
        }
    }

    private func log(_ exchange: Connection.Exchange, status: Int, bytes: Int, remote: String) {
        guard let logger = core.requestLogger else { return }
        let elapsed = exchange.started == 0 ? 0 : (LinuxSystem.preciseNanoseconds() &- exchange.started) / 1000
        logger(HTTPRequestLog(
            method: exchange.method.rawValue, path: exchange.path, status: status, bytes: bytes,
            durationMicroseconds: Int(elapsed), remoteAddress: remote))
    }

    private func refreshDate() {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME_COARSE, &spec)
        let second = Int(spec.tv_sec)
        guard second != dateSecond else { return }
        dateSecond = second
        fixedHeaders = Array("Server: \(configuration.serverName)\r\nDate: \(HTTPDate.format(epochSeconds: second))\r\n".utf8)
    }

    // MARK: Writing

    private func flush(_ connection: Connection) {
        guard !connection.isClosed else { return }
        while connection.outputOffset < connection.output.count {
            let offset = connection.outputOffset
            let sent = connection.output.withUnsafeBytes { raw in
                send(connection.fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent > 0 {
                connection.outputOffset += sent
                connection.lastWriteProgress = now
                continue
            }
            if sent < 0 && errno == EINTR { continue }
            if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                setInterest(connection, read: connection.registeredEvents & LinuxSystem.epollIn != 0, write: true)
                return
            }
            close(connection)
            return
        }
        if connection.output.capacity > 256 * 1024 {
            connection.output = []
        } else {
            connection.output.removeAll(keepingCapacity: true)
        }
        connection.outputOffset = 0
        if connection.registeredEvents & LinuxSystem.epollOut != 0 {
            setInterest(connection, read: connection.registeredEvents & LinuxSystem.epollIn != 0, write: false)
        }
        if connection.closeAfterWrite {
            linger(connection)
            return
        }
        if connection.pausedForOutput {
            connection.pausedForOutput = false
            process(connection)
            if connection.pendingOutput > 0 { flush(connection) }
        }
    }

    /// Half-closes and drains input briefly so the client reads the last response instead of
    /// a reset caused by unread request bytes.
    private func linger(_ connection: Connection) {
        if connection.peerClosedInput {
            close(connection)
            return
        }
        shutdown(connection.fd, Int32(SHUT_WR))
        connection.state = .lingering
        connection.deadline = now &+ (draining ? min(lingerTime, 200_000_000) : lingerTime)
        setInterest(connection, read: true, write: false)
    }

    private func setInterest(_ connection: Connection, read: Bool, write: Bool) {
        var events: UInt32 = 0
        if read { events |= LinuxSystem.epollIn | LinuxSystem.epollRdHup }
        if write { events |= LinuxSystem.epollOut }
        if connection.registeredEvents == events && connection.registeredEvents != 0 { return }
        let operation = connection.registeredEvents == 0 && !connection.isRegistered ? LinuxSystem.ctlAdd : LinuxSystem.ctlMod
        connection.isRegistered = true
        connection.registeredEvents = events
        LinuxSystem.epollControl(loop.epollFD, operation, connection.fd, events: events)
    }

    private func close(_ connection: Connection) {
        guard !connection.isClosed else { return }
        connection.leaveTally()
        connection.isClosed = true
        Glibc.close(connection.fd)
        connections[Int(connection.fd)] = nil
        liveCount -= 1
        if connection.counted { core.admission.release(connection.peer) }
        if let stream = connection.stream {
            connection.stream = nil
            stream.didClose()
        }
    }

    // MARK: Messages and timers

    private func handleMessages() {
        for message in loop.takeMessages() {
            switch message {
            case .asyncResponse(let fd, let id, let response):
                guard let connection = connection(fd), connection.id == id, connection.state == .awaitingAsync,
                      let exchange = connection.exchange else { continue }
                connection.exchange = nil
                connection.state = .reading
                write(connection, response, exchange)
                if connection.state == .reading {
                    if connection.registeredEvents & LinuxSystem.epollIn == 0 && !connection.peerClosedInput {
                        setInterest(connection, read: true, write: connection.registeredEvents & LinuxSystem.epollOut != 0)
                    }
                    process(connection)
                }
                flush(connection)
            case .streamData(let fd, let id, let bytes):
                guard let connection = connection(fd), connection.id == id, connection.state == .streaming else { continue }
                if connection.pendingOutput + bytes.count > configuration.maxStreamBacklogBytes {
                    close(connection)
                    continue
                }
                if connection.output.isEmpty { dirty.append(connection) }
                connection.output.append(contentsOf: bytes)
            case .streamClose(let fd, let id):
                guard let connection = connection(fd), connection.id == id, connection.state == .streaming else { continue }
                connection.closeAfterWrite = true
                connection.state = .closing
                dirty.append(connection)
            case .shutdown(let deadline):
                beginDrain(deadline: deadline)
            }
        }
        for connection in dirty { flush(connection) }
        dirty.removeAll(keepingCapacity: true)
    }

    private func beginDrain(deadline: UInt64) {
        guard !draining else { return }
        draining = true
        drainDeadline = deadline
        stopListening()
        listenerPausedUntil = 0
        for case let connection? in connections {
            switch connection.state {
            case .idle:
                finishIdle(connection)
            case .reading where connection.pendingHead == nil && connection.input.readableCount == 0:
                finishIdle(connection)
            case .streaming:
                connection.closeAfterWrite = true
                connection.state = .closing
                flush(connection)
            case .reading, .awaitingAsync, .closing, .lingering:
                break
            }
        }
    }

    private func finishIdle(_ connection: Connection) {
        if connection.pendingOutput > 0 {
            connection.closeAfterWrite = true
            connection.state = .closing
        } else {
            close(connection)
        }
    }

    private func sweep() {
        if !listening && !draining && listenerPausedUntil != 0 && now >= listenerPausedUntil {
            listenerPausedUntil = 0
            listening = LinuxSystem.epollControl(
                loop.epollFD, LinuxSystem.ctlAdd, core.listenFD,
                events: LinuxSystem.epollIn | LinuxSystem.epollExclusive) == 0
        }
        for case let connection? in connections {
            switch connection.state {
            case .reading:
                // A client that stopped reading responses is handled by the write-stall check.
                if now >= connection.deadline && !connection.pausedForOutput {
                    reject(connection, RequestRejection(
                        status: .requestTimeout, code: "http.request-timeout",
                        message: "the request was not received in time",
                        messageVi: "không nhận được yêu cầu đầy đủ trong thời gian cho phép"))
                    flush(connection)
                }
            case .idle, .lingering:
                if now >= connection.deadline { close(connection) }
            case .streaming:
                if now >= connection.nextHeartbeat {
                    connection.nextHeartbeat = now &+ heartbeat
                    connection.output.append(contentsOf: Self.heartbeatBytes)
                    flush(connection)
                }
            case .closing, .awaitingAsync:
                break
            }
            if !connection.isClosed && connection.pendingOutput > 0 && now &- connection.lastWriteProgress > idleTimeout {
                close(connection)
            }
        }
    }
}
