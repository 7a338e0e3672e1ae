import Synchronization

/// Answers, or parts of pages, that depend only on the deployment, the language and a small
/// set of query values: rendered the first time they are asked for, then reused.
///
/// The deployment cannot change while the process runs, so entries never go stale. The
/// number of entries is bounded, so that query strings nobody else asks for cannot grow it:
/// past the bound a value is rendered every time instead.
final class RenderedOnce<Value: Sendable>: Sendable {
    private let entries = Mutex<[String: Value]>([:])
    private let limit: Int

    /// A cache of at most `limit` entries.
    init(limit: Int = 256) {
        self.limit = limit
    }

    /// The value stored under `key`, if any.
    subscript(key: String) -> Value? {
        entries.withLock { $0[key] }
    }

    /// Keeps `value` under `key`, unless the cache is full.
    func store(_ key: String, _ value: Value) {
        entries.withLock { entries in
            if entries.count < limit || entries[key] != nil { entries[key] = value }
        }
    }

    /// The value under `key`, rendered by `render` and kept the first time.
    func value(_ key: String, render: () throws -> Value) rethrows -> Value {
        if let hit = self[key] { return hit }
        let value = try render()
        store(key, value)
        return value
    }
}
