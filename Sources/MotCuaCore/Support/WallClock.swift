#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

/// The source of "now". Domain code asks the injected clock, never the system.
public protocol WallClock: Sendable {
    /// The current instant.
    var now: Date { get }
}

/// The real clock, for production.
public struct SystemClock: WallClock {
    /// Creates the system clock.
    public init() {}
    public var now: Date { Date() }
}

/// A clock that stands still until told to move; for tests and the harness's simulated day.
public final class ManualClock: WallClock {
    private let current: Mutex<Date>

    /// Creates a clock showing `start`.
    public init(_ start: Date) {
        current = Mutex(start)
    }

    public var now: Date { current.withLock { $0 } }

    /// Moves the clock forward (or back) by `seconds`.
    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    /// Sets the clock to `date`.
    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}
