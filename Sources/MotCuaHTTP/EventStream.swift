import Synchronization

/// A handle on one open Server-Sent Events response; safe to use from any thread.
///
/// Events are serialized by the caller's thread and written by the connection's loop.
/// The stream closes when `close()` is called, the client goes away, a write backlog grows
/// beyond the configured limit (a client that stopped reading), or the server shuts down;
/// then `onClose` handlers run once, on the loop thread — keep them short.
public final class EventStream: Sendable {
    private struct State {
        var closed = false
        var handlers: [@Sendable () -> Void] = []
    }

    private let loop: EventLoop
    private let fd: Int32
    private let connectionID: UInt64
    private let state = Mutex(State())

    /// The peer address of the client holding the stream.
    public let remoteAddress: String

    init(loop: EventLoop, fd: Int32, connectionID: UInt64, remoteAddress: String) {
        self.loop = loop
        self.fd = fd
        self.connectionID = connectionID
        self.remoteAddress = remoteAddress
    }

    /// Whether the stream has closed; sends after that are dropped.
    public var isClosed: Bool { state.withLock { $0.closed } }

    /// Sends one event; multi-line `data` becomes several `data:` lines. False when closed.
    @discardableResult
    public func send(event: String? = nil, data: String, id: String? = nil) -> Bool {
        send(serialized: Self.serialize(event: event, data: data, id: id))
    }

    /// Sends a comment line (`: text`), which clients ignore; useful as a keep-alive.
    @discardableResult
    public func sendComment(_ text: String) -> Bool {
        send(serialized: Array(": \(Self.singleLine(text))\n\n".utf8))
    }

    /// Sends bytes already in event-stream format (used by `EventHub` to serialize once).
    @discardableResult
    public func send(serialized bytes: [UInt8]) -> Bool {
        if isClosed { return false }
        return loop.enqueue(.streamData(fd: fd, connectionID: connectionID, bytes: bytes))
    }

    /// Ends the stream after queued events are written, then closes the connection.
    public func close() {
        if isClosed { return }
        loop.enqueue(.streamClose(fd: fd, connectionID: connectionID))
    }

    /// Runs `handler` once when the stream closes (at once if it already has).
    public func onClose(_ handler: @escaping @Sendable () -> Void) {
        let runNow = state.withLock { state -> Bool in
            if state.closed { return true }
            state.handlers.append(handler)
            return false
        }
        if runNow { handler() }
    }

    /// Marks the stream closed and runs the handlers (loop thread).
    func didClose() {
        let handlers = state.withLock { state -> [@Sendable () -> Void] in
            if state.closed { return [] }
            state.closed = true
            let handlers = state.handlers
            state.handlers = []
            return handlers
        }
        for handler in handlers { handler() }
    }

    /// The wire form of one event: `event:`, `id:`, one `data:` per line, then a blank line.
    public static func serialize(event: String? = nil, data: String, id: String? = nil) -> [UInt8] {
        var text = ""
        if let event { text += "event: " + singleLine(event) + "\n" }
        if let id { text += "id: " + singleLine(id) + "\n" }
        var line = Substring(data)
        while let newline = line.firstIndex(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            text += "data: " + line[..<newline] + "\n"
            line = line[line.index(after: newline)...]
        }
        text += "data: " + line + "\n\n"
        return Array(text.utf8)
    }

    /// Removes line breaks, which would otherwise end a field early.
    private static func singleLine(_ text: String) -> String {
        String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }
}
