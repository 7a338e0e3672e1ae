import Foundation
import MotCuaCore
import MotCuaPostgres
import MotCuaStore

/// The engines a suite runs on: `@Test(arguments: StoreEngine.all)` and `engine.makeStore()`.
///
/// Where PostgreSQL's binaries are absent, ``all`` holds SQLite only and prints why once;
/// under `CI=true` it always holds PostgreSQL too, so a CI machine without it fails loudly.
public enum StoreEngine: String, Sendable, CaseIterable, CustomStringConvertible {
    /// An in-memory SQLite store.
    case sqlite
    /// A fresh schema in the process's throwaway PostgreSQL cluster.
    case postgresql

    /// The engines to run on here.
    public static var all: [StoreEngine] { available }

    private static let available: [StoreEngine] = {
        guard let reason = TestCluster.unavailableReason else { return [.sqlite, .postgresql] }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            print("PostgreSQL cases will fail under CI=true: \(reason)")
            return [.sqlite, .postgresql]
        }
        print("PostgreSQL cases skipped: \(reason)")
        return [.sqlite]
    }()

    /// A new, empty store on this engine.
    public func makeStore() throws -> any Store {
        switch self {
        case .sqlite: try SQLiteStore.inMemory()
        case .postgresql: try TestCluster.shared().makeStore()
        }
    }

    /// The engine's name in test output.
    public var description: String { rawValue }
}
