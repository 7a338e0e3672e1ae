#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One committed journal entry: the draft plus its place in the hash chain.
///
/// `hash` is SHA-256, in lower-case hex, over a length-prefixed encoding of `sequence`,
/// the time in milliseconds, `actor`, `kind`, `subject`, `payload` and `previousHash`;
/// the first entry's `previousHash` is 64 zeros. Changing any field, or any earlier entry,
/// breaks the chain from that point on.
public struct JournalEntry: Sendable, Hashable {
    /// Position in the journal, 1 for the first entry, without gaps.
    public var sequence: Int64
    /// When it happened, to the nearest millisecond as stored.
    public var at: Date
    /// Who did it.
    public var actor: String
    /// What happened.
    public var kind: String
    /// What it happened to.
    public var subject: String
    /// Details as JSON text.
    public var payload: String
    /// The hash of the entry before, or 64 zeros for the first.
    public var previousHash: String
    /// This entry's hash, in lower-case hex.
    public var hash: String

    /// The hash that precedes the first entry: 64 zeros.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// Creates an entry as read back from the store.
    public init(sequence: Int64, at: Date, actor: String, kind: String, subject: String,
                payload: String, previousHash: String, hash: String) {
        self.sequence = sequence
        self.at = at
        self.actor = actor
        self.kind = kind
        self.subject = subject
        self.payload = payload
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The time as whole milliseconds since 1970, the form that is stored and hashed.
    public var atMilliseconds: Int64 { JournalEntry.milliseconds(at) }

    /// A date as whole milliseconds since 1970, to the nearest millisecond.
    ///
    /// Rounding to nearest (not down) makes `milliseconds(date(milliseconds: m)) == m`
    /// despite binary floating point.
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// The date at a number of milliseconds since 1970.
    public static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
