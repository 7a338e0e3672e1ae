#if canImport(Glibc)
import Glibc
#endif
import Dispatch

/// Waits for SIGINT or SIGTERM without a signal handler, for a CLI's `serve` command.
///
/// The library never installs this on its own: the application decides who owns signals.
/// ```swift
/// try server.start()
/// async let serving: Void = server.run()
/// let signal = await SignalWaiter.wait()
/// await server.shutdown(gracePeriod: .seconds(10))
/// ```
public enum SignalWaiter {
    /// Suspends until one of `signals` arrives and returns it; the default action of those
    /// signals stays disabled afterwards.
    public static func wait(for signals: [Int32] = [SIGINT, SIGTERM]) async -> Int32 {
        let (arrivals, continuation) = AsyncStream.makeStream(of: Int32.self)
        var sources: [any DispatchSourceSignal] = []
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            sources.append(source)
        }
        defer { for source in sources { source.cancel() } }
        for await number in arrivals { return number }
        return SIGTERM
    }
}
