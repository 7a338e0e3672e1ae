import MotCuaCore
import Testing

extension StoreEngine {
    /// The engine the running test is on; SQLite outside ``EachStoreEngine``.
    @TaskLocal public static var current: StoreEngine = .sqlite

    /// A new, empty store on the running test's engine: what fixtures call instead of
    /// `SQLiteStore.inMemory()`, so a suite marked `.onEachEngine` runs on both.
    public static func makeStore() throws -> any Store {
        try current.makeStore()
    }
}

/// Runs every test of a suite once per engine in ``StoreEngine/all``, with
/// ``StoreEngine/current`` set, so an existing suite covers PostgreSQL by one trait:
/// `@Suite(.onEachEngine)`. A failure on PostgreSQL names the engine in its error.
public struct EachStoreEngine: SuiteTrait, TestTrait, TestScoping {
    /// Applies to every test inside the suite.
    public var isRecursive: Bool { true }

    /// Scopes each test case, not the suite as a whole.
    public func scopeProvider(for test: Test, testCase: Test.Case?) -> EachStoreEngine? {
        testCase == nil ? nil : self
    }

    /// Runs the test case on each engine in turn.
    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        for engine in StoreEngine.all {
            do {
                try await StoreEngine.$current.withValue(engine) { try await function() }
            } catch {
                throw EngineFailure(engine: engine, error: error)
            }
        }
    }

    /// An error thrown by a test on one engine, naming the engine.
    public struct EngineFailure: Error, CustomStringConvertible {
        /// The engine the test ran on.
        public var engine: StoreEngine
        /// What the test threw.
        public var error: any Error

        public var description: String { "on \(engine): \(error)" }
    }
}

extension Trait where Self == EachStoreEngine {
    /// Runs each test of the suite on SQLite and on PostgreSQL (where its binaries are present).
    public static var onEachEngine: EachStoreEngine { EachStoreEngine() }
}
