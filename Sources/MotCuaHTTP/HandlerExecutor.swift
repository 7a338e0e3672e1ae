import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

/// Threads of the server's own on which asynchronous handlers run.
///
/// Handlers do blocking work (SQLite writes wait for fsync). Running them on the shared
/// Swift concurrency pool would let a few slow writes, or callers that block the pool, starve
/// every other handler; on a 2-core centre server the pool has only two threads. The server
/// prefers this executor for its handler tasks, so they only compete with each other.
final class HandlerExecutor: TaskExecutor, Sendable {
    private struct State {
        var queue: [UnownedJob] = []
        var head = 0
        var stopped = false
    }

    private let state = Mutex(State())
    private let available = DispatchSemaphore(value: 0)
    private let threadCount: Int

    /// Starts `threads` named worker threads.
    init(threads: Int, name: String) {
        threadCount = max(1, threads)
        for index in 0..<threadCount {
            NativeThread.start(name: "\(name)-\(index)") { [self] in work() }
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        state.withLock { $0.queue.append(unowned) }
        available.signal()
    }

    /// Lets the workers finish the queued jobs and exit.
    func stop() {
        state.withLock { $0.stopped = true }
        for _ in 0..<threadCount { available.signal() }
    }

    private func work() {
        while true {
            available.wait()
            let job: UnownedJob? = state.withLock { state in
                guard state.head < state.queue.count else { return nil }
                let job = state.queue[state.head]
                state.head += 1
                // Compact now and then so the queue does not grow without bound.
                if state.head > 1_024, state.head * 2 > state.queue.count {
                    state.queue.removeFirst(state.head)
                    state.head = 0
                }
                return job
            }
            if let job {
                job.runSynchronously(on: asUnownedTaskExecutor())
            } else if state.withLock({ $0.stopped }) {
                return
            }
        }
    }
}
