#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaPostgres
import MotCuaStore
import Synchronization

/// The stores `motcua harness --database` runs scenarios on: a fresh schema per scenario
/// (`motcua_harness_<process>_<n>`), every one dropped when the run ends; in-memory SQLite
/// stores without a server.
final class HarnessSchemas: Sendable {
    private let location: PostgresLocation?
    private let made = Mutex<[String]>([])

    init(location: PostgresLocation?) {
        self.location = location
    }

    func makeStore() throws -> any Store {
        guard let location else { return try SQLiteStore.inMemory() }
        let schema = made.withLock { schemas in
            let name = "motcua_harness_\(ProcessInfo.processInfo.processIdentifier)_\(schemas.count + 1)"
            schemas.append(name)
            return name
        }
        return try PostgresStore(location: location, schema: schema)
    }

    /// Drops the schemas this run made; a failure is printed, not thrown (the run's verdict stands).
    func dropAll() {
        guard let location else { return }
        let schemas = made.withLock { $0 }
        guard !schemas.isEmpty else { return }
        do {
            try PostgresStore.dropSchemas(schemas, location: location)
        } catch {
            Output.error("motcua harness: could not drop the scenario schemas \(schemas.first!)…: \(error)")
        }
    }
}
