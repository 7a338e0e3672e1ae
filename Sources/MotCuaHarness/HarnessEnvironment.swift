#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHost
import MotCuaHTTP
import MotCuaStore

/// A fresh world for one scenario: a fresh store (in-memory SQLite unless the harness was given another engine), a manual clock set to a
/// working morning, the deployment composed on them, and a seeded random source.
public final class HarnessEnvironment: Sendable {
    /// The deployment under test.
    public let deployment: Deployment
    /// Its plugins, composed on ``store``.
    public let composition: Composition
    /// The scenario's own store.
    public let store: any Store
    /// The scenario's clock; scenarios move it.
    public let clock: ManualClock
    /// Live events published by the plugins.
    public let hub: EventHub
    /// The seed of ``random``, printed with any failure so a run can be replayed.
    public let seed: UInt64
    /// A temporary data folder for plugin files (intake scans), removed with the environment.
    public let dataFolder: URL
    /// The catalogue the deployment was composed from, so a scenario can recompose after a "crash".
    public let catalogue: PluginCatalogue
    /// The key-encryption key of the scenario's personal data, so a recomposition after a
    /// "crash" opens what was sealed before it.
    public let key: KeyEncryptionKey

    /// Composes `deployment` from `catalogue` on `store` (a new in-memory SQLite store when nil),
    /// with the clock at 08:00 on the first working day on or after 2026-03-02; `outbound`
    /// is how plugins reach other systems (the portal scenario's loopback stand-in).
    public init(deployment: Deployment, catalogue: PluginCatalogue, seed: UInt64, store: (any Store)? = nil,
                outbound: (any OutboundHTTP)? = nil) throws {
        self.deployment = deployment
        self.seed = seed
        self.catalogue = catalogue
        self.store = try store ?? SQLiteStore.inMemory()
        let calendar = deployment.calendar
        var day = LocalDate(year: 2026, month: 3, day: 2)!
        while !calendar.isWorkingDay(day) { day = day.adding(days: 1) }
        clock = ManualClock(calendar.instant(day, LocalTime(hour: 8, minute: 0)!))
        hub = EventHub()
        dataFolder = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-harness-\(UUID().uuidString)", isDirectory: true)
        key = try KeyEncryptionKey.ephemeral()
        composition = try Composition.compose(deployment, catalogue: catalogue, store: self.store, clock: clock,
                                              events: HubEventSink(hub: hub), logHandler: SilentLogHandler(), dataFolder: dataFolder, key: key,
                                              outbound: outbound)
    }

    deinit {
        try? FileManager.default.removeItem(at: dataFolder)
    }

    /// A random generator seeded with ``seed``; each call starts the same sequence.
    public func random() -> SeededRandom {
        SeededRandom(seed: seed)
    }
}

/// A small, fast, seedable generator (SplitMix64), so harness runs replay exactly.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator from a seed.
    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// One named check of a plugin kind's contract, run on a fresh environment.
public struct Scenario: Sendable {
    /// The name printed in reports, e.g. `queueing: priority order`.
    public var name: String
    /// Runs the scenario; throws ``HarnessFailure`` naming the broken invariant.
    public var run: @Sendable (HarnessEnvironment) async throws -> Void

    /// Creates a scenario.
    public init(_ name: String, run: @escaping @Sendable (HarnessEnvironment) async throws -> Void) {
        self.name = name
        self.run = run
    }
}

/// The conformance scenarios of one plugin kind. A plugin of the kind gets them all by being
/// composed; a new kind's suite is one line in ``HarnessSuites/all``.
public protocol HarnessSuite {
    /// The kind the suite checks.
    static var kind: PluginKind { get }
    /// The scenarios, for a deployment that composes the kind.
    static func scenarios(for deployment: Deployment) -> [Scenario]
}

/// Every kind's suite, in the order they run.
public enum HarnessSuites {
    /// The suites. One line per kind.
    public static var all: [any HarnessSuite.Type] {[
        QueueingSuite.self,
        IntakeSuite.self,
        PaymentsSuite.self,
        RatingsSuite.self,
        ReportingSuite.self,
    ]}
}

/// A broken invariant: what was expected and the first value that differed.
public struct HarnessFailure: Error, CustomStringConvertible {
    /// What went wrong, naming the invariant and the first differing value.
    public var message: String

    /// Creates a failure.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// Fails the scenario with `message` unless `condition` holds.
public func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws {
    if !condition { throw HarnessFailure(message()) }
}
