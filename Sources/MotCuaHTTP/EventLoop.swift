#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The thread-safe face of one event loop: its epoll and wake-up descriptors and an inbox.
///
/// Any thread may `enqueue` a message; the loop thread drains the inbox when the eventfd
/// wakes it. Only one wake-up write happens per batch of messages.
final class EventLoop: Sendable {
    enum Message: Sendable {
        case asyncResponse(fd: Int32, connectionID: UInt64, response: HTTPResponse)
        case streamData(fd: Int32, connectionID: UInt64, bytes: [UInt8])
        case streamClose(fd: Int32, connectionID: UInt64)
        case shutdown(deadline: UInt64)
    }

    private struct Inbox {
        var messages: [Message] = []
        var wakePending = false
        var closed = false
    }

    let index: Int
    let epollFD: Int32
    let wakeFD: Int32
    private let inbox = Mutex(Inbox())

    init(index: Int) throws(HTTPServerError) {
        self.index = index
        let epollFD = LinuxSystem.epollCreate1(LinuxSystem.cloexec)
        guard epollFD >= 0 else { throw .system("epoll_create1", "event loop \(index)", errno: errno) }
        let wakeFD = LinuxSystem.eventfd(0, LinuxSystem.cloexec | LinuxSystem.nonblock)
        guard wakeFD >= 0 else {
            Glibc.close(epollFD)
            throw .system("eventfd", "event loop \(index)", errno: errno)
        }
        LinuxSystem.epollControl(epollFD, LinuxSystem.ctlAdd, wakeFD, events: LinuxSystem.epollIn)
        self.epollFD = epollFD
        self.wakeFD = wakeFD
    }

    /// Queues a message for the loop thread; false once the loop has stopped.
    @discardableResult
    func enqueue(_ message: Message) -> Bool {
        inbox.withLock { inbox in
            guard !inbox.closed else { return false }
            inbox.messages.append(message)
            if !inbox.wakePending {
                inbox.wakePending = true
                // Written under the lock so it can never hit a descriptor `close()` reused.
                var one: UInt64 = 1
                _ = write(wakeFD, &one, 8)
            }
            return true
        }
    }

    /// Takes every queued message (loop thread only).
    func takeMessages() -> [Message] {
        var counter: UInt64 = 0
        _ = read(wakeFD, &counter, 8)
        return inbox.withLock { inbox in
            inbox.wakePending = false
            let messages = inbox.messages
            inbox.messages = []
            return messages
        }
    }

    /// Refuses further messages and closes the descriptors (loop thread, at exit).
    func close() {
        inbox.withLock { inbox in
            inbox.closed = true
            inbox.messages = []
            Glibc.close(wakeFD)
            Glibc.close(epollFD)
        }
    }
}
