#if canImport(Glibc)
import Glibc
#endif

/// Linux calls the Swift `Glibc` module does not export (epoll, eventfd, accept4).
///
/// The package allows no new C targets for this module, so the symbols are looked up once
/// with `dlsym` and called through `@convention(c)` function pointers, which keeps the real
/// C calling convention. The constants are Linux ABI values that never change.
enum LinuxSystem {
    typealias EpollCreate1 = @convention(c) (Int32) -> Int32
    typealias EpollCtl = @convention(c) (Int32, Int32, Int32, UnsafeMutableRawPointer?) -> Int32
    typealias EpollWait = @convention(c) (Int32, UnsafeMutableRawPointer?, Int32, Int32) -> Int32
    typealias EventFD = @convention(c) (UInt32, Int32) -> Int32
    typealias Accept4 = @convention(c) (Int32, UnsafeMutablePointer<sockaddr>?, UnsafeMutablePointer<socklen_t>?, Int32) -> Int32
    typealias SetThreadName = @convention(c) (pthread_t, UnsafePointer<CChar>) -> Int32

    static let epollIn: UInt32 = 0x001
    static let epollOut: UInt32 = 0x004
    static let epollErr: UInt32 = 0x008
    static let epollHup: UInt32 = 0x010
    static let epollRdHup: UInt32 = 0x2000
    static let epollExclusive: UInt32 = 1 << 28
    static let ctlAdd: Int32 = 1
    static let ctlDel: Int32 = 2
    static let ctlMod: Int32 = 3
    static let cloexec: Int32 = 0o2000000
    static let nonblock: Int32 = 0o4000

    /// Size of `struct epoll_event`: packed (12 bytes) on x86_64, naturally aligned elsewhere.
    #if arch(x86_64)
    static let epollEventSize = 12
    static let epollDataOffset = 4
    #else
    static let epollEventSize = 16
    static let epollDataOffset = 8
    #endif

    private static func symbol<T>(_ name: String, as type: T.Type) -> T {
        guard let pointer = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else {
            fatalError("MotCuaHTTP needs Linux \(name)(), which this C library does not provide")
        }
        return unsafeBitCast(pointer, to: type)
    }

    static let epollCreate1 = symbol("epoll_create1", as: EpollCreate1.self)
    static let epollCtlFunction = symbol("epoll_ctl", as: EpollCtl.self)
    static let epollWait = symbol("epoll_wait", as: EpollWait.self)
    static let eventfd = symbol("eventfd", as: EventFD.self)
    static let accept4 = symbol("accept4", as: Accept4.self)
    static let setThreadName = symbol("pthread_setname_np", as: SetThreadName.self)

    /// Registers, changes or removes interest in `fd`; the fd is also the event's data.
    @discardableResult
    static func epollControl(_ epfd: Int32, _ op: Int32, _ fd: Int32, events: UInt32) -> Int32 {
        withUnsafeTemporaryAllocation(byteCount: 16, alignment: 8) { raw in
            raw.initializeMemory(as: UInt8.self, repeating: 0)
            raw.storeBytes(of: events, toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: UInt64(UInt32(bitPattern: fd)), toByteOffset: epollDataOffset, as: UInt64.self)
            return epollCtlFunction(epfd, op, fd, raw.baseAddress)
        }
    }

    /// Monotonic time in nanoseconds (coarse clock: a few ms resolution, no syscall).
    static func monotonicNanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC_COARSE, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }

    /// Precise monotonic time in nanoseconds, for request durations.
    static func preciseNanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }

    /// `errno` after a failed call, as a readable string.
    static func errorString(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

extension Duration {
    /// Whole nanoseconds, saturating at zero for negative durations.
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        if seconds < 0 { return 0 }
        return UInt64(seconds) &* 1_000_000_000 &+ UInt64(attoseconds / 1_000_000_000)
    }
}
