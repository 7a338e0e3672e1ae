/// The outcome of walking the journal chain from the first entry to the head anchor.
public struct JournalVerification: Sendable, Hashable {
    /// What, if anything, was found wrong first.
    public enum Problem: String, Sendable, Hashable, CaseIterable {
        /// The chain is intact.
        case none
        /// An entry's stored hash does not match its fields: the entry was edited.
        case hashMismatch = "hash-mismatch"
        /// An entry's previous hash is not the hash of the entry before: entries were
        /// reordered, spliced in, or an earlier entry was rewritten with a fresh hash.
        case brokenLink = "broken-link"
        /// A sequence number is missing: an entry was deleted from the middle.
        case sequenceGap = "sequence-gap"
        /// The head anchor records more entries than are present: the tail was cut off.
        case truncated
        /// The head anchor disagrees with the last entry in another way (missing anchor,
        /// anchor behind the entries, or a different last hash).
        case anchorMismatch = "anchor-mismatch"
    }

    /// How many entries verified before the first problem (all of them when intact).
    public var entries: Int
    /// The sequence number of the first bad or missing entry; `nil` when intact.
    public var firstBadSequence: Int64?
    /// The first problem found.
    public var problem: Problem
    /// One English line for an operator, naming the sequence and what to check.
    public var message: String

    /// Creates a verification result.
    public init(entries: Int, firstBadSequence: Int64?, problem: Problem, message: String) {
        self.entries = entries
        self.firstBadSequence = firstBadSequence
        self.problem = problem
        self.message = message
    }

    /// Whether the chain is intact.
    public var isValid: Bool { problem == .none }
}
