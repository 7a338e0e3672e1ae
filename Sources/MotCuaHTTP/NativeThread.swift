#if canImport(Glibc)
import Glibc
#endif

/// A detached POSIX thread running one closure: what `Foundation.Thread` gave the server,
/// without linking `Foundation` (and its ICU data) into commune binaries.
public enum NativeThread {
    private final class Start {
        let name: String
        let body: @Sendable () -> Void

        init(name: String, body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }
    }

    /// Starts a detached thread named `name` (Linux keeps the first 15 bytes) that runs `body`.
    public static func start(name: String, _ body: @escaping @Sendable () -> Void) {
        let start = Unmanaged.passRetained(Start(name: name, body: body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        var thread = pthread_t()
        let result = pthread_create(&thread, &attributes, { raw in
            let start = Unmanaged<Start>.fromOpaque(raw!).takeRetainedValue()
            _ = LinuxSystem.setThreadName(pthread_self(), String(start.name.utf8.prefix(15))!)
            start.body()
            return nil
        }, start)
        // Out of threads means out of memory: the server cannot run, as with Foundation's Thread.
        precondition(result == 0, "cannot start thread \(name): error \(result)")
    }
}
