#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What a caller asks to record in the journal: who did what to which thing, and when.
///
/// The store adds the sequence number and the hashes when it appends the draft.
public struct JournalDraft: Sendable, Hashable {
    /// When it happened, from the injected clock; stored to the nearest millisecond.
    public var at: Date
    /// Who did it: `user:<login>`, `device:<id>` or `system`.
    public var actor: String
    /// What happened, a dotted event name such as `ticket.issued`.
    public var kind: String
    /// What it happened to, such as `ticket:TP-015` or `dossier:<code>`.
    public var subject: String
    /// Details as JSON text built by the caller; stored and hashed byte for byte.
    public var payload: String

    /// Creates a draft; `payload` defaults to an empty JSON object.
    public init(at: Date, actor: String, kind: String, subject: String, payload: String = "{}") {
        self.at = at
        self.actor = actor
        self.kind = kind
        self.subject = subject
        self.payload = payload
    }
}
