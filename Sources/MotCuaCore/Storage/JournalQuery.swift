#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Which journal entries to read: by subject, by kind, by time range, after a sequence.
///
/// Every condition given must hold; a condition left nil matches everything. The store
/// answers from indexes on `(subject, seq)` and `(kind, at)`, so a subject's history or a
/// month of one kind costs what it returns, not the journal's size.
public struct JournalQuery: Sendable, Hashable {
    /// Only entries about this subject, e.g. `ticket:T-0001`.
    public var subject: String?
    /// Only entries of these kinds, e.g. `["ticket.finished"]`.
    public var kinds: Set<String>?
    /// Only entries at or after this instant.
    public var from: Date?
    /// Only entries strictly before this instant.
    public var to: Date?
    /// Only entries with a sequence above this one.
    public var afterSequence: Int64
    /// At most this many entries.
    public var limit: Int
    /// Newest first instead of oldest first (for "the last ticket finished at counter 2").
    public var newestFirst: Bool

    /// Creates a query; with no arguments it matches every entry (up to `limit`).
    public init(subject: String? = nil, kinds: Set<String>? = nil, from: Date? = nil, to: Date? = nil,
                afterSequence: Int64 = 0, limit: Int = 100_000, newestFirst: Bool = false) {
        self.subject = subject
        self.kinds = kinds
        self.from = from
        self.to = to
        self.afterSequence = afterSequence
        self.limit = limit
        self.newestFirst = newestFirst
    }
}
