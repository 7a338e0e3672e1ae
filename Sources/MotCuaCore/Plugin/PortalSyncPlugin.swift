#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A plugin that works in the background while the host serves (the portal sender).
///
/// The host runs ``run()`` as one child task of `serve` and cancels it at shutdown; `run`
/// returns promptly once cancelled and keeps nothing acknowledged only in memory.
public protocol ServicePlugin: Plugin {
    /// Works until the task is cancelled.
    func run() async
}

/// An intake add-on that synchronises dossiers with the national portal (DVCQG) and imports
/// the dossiers filed there (Docs/Portal.md).
///
/// The journal is its outbox: it keeps a durable cursor over the journal, sends in order,
/// and records every answer against the dossier. The host reaches it through this protocol
/// only, for the status card, a dossier's sync state, a supervisor's resend and imports.
public protocol PortalSyncPlugin: IntakePlugin, ServicePlugin {
    /// Sends what is waiting, once through, and says what happened; `run()` calls it in a loop.
    func sendPending() async -> PortalSendPass
    /// What is waiting, the oldest unsent, the last error and the last success.
    func syncStatus() throws -> PortalSyncStatus
    /// A dossier's sync state; nil when the add-on has not seen the dossier yet.
    func syncState(dossier code: String) throws -> PortalDossierSync?
    /// Queues a dossier to be sent again whole (a refused one, or one the portal lost).
    func resend(dossier code: String, by principal: Principal) throws
    /// The centre's procedure code for the portal's `MaTTHC` (the settings' `procedureCodes` read backwards).
    func localProcedure(portalCode: String) -> String
    /// The codes the portal knows the centre's sectors and procedures by, and the portal's
    /// code of each of `dossiers` that was imported from it: what exports carry.
    func portalCodes(dossiers: [String]) throws -> PortalCodes
    /// The MotCua dossier an imported portal dossier became, if it was imported.
    func importedDossier(portalCode: String) throws -> String?
    /// Records that the portal's dossier `portalCode` became MotCua's `dossier`, so a
    /// repeated import changes nothing and messages about it carry the portal's code.
    /// Answers false (and records nothing) when the portal code was already imported.
    func recordImport(portalCode: String, dossier: String, by principal: Principal) throws -> Bool
}

/// The outcome of one pass of the sender.
public struct PortalSendPass: Sendable, Hashable {
    /// Messages the portal accepted.
    public var accepted = 0
    /// Messages the portal refused for good (recorded against their dossier).
    public var refused = 0
    /// Why the pass stopped early (the portal unreachable, a bad answer); nil when it sent
    /// everything waiting.
    public var stoppedBy: LocalizedText?
    /// How long to wait before the next attempt, after a failure.
    public var retryAfter: Duration?

    /// Creates an outcome.
    public init(accepted: Int = 0, refused: Int = 0, stoppedBy: LocalizedText? = nil, retryAfter: Duration? = nil) {
        self.accepted = accepted
        self.refused = refused
        self.stoppedBy = stoppedBy
        self.retryAfter = retryAfter
    }
}

/// The sender's state for the status card and `motcua sync status`.
public struct PortalSyncStatus: Sendable, Hashable, Codable {
    /// Journal entries not yet sent (each gives one or two messages).
    public var waiting: Int
    /// When the oldest entry not yet sent was written.
    public var oldestUnsent: Date?
    /// The last failure, in both languages, and when.
    public var lastError: LocalizedText?
    public var lastErrorAt: Date?
    /// When the portal last accepted a message.
    public var lastSuccessAt: Date?
    /// Messages refused for good and not resent yet.
    public var refused: Int
    /// Messages accepted so far.
    public var accepted: Int

    /// Creates a status.
    public init(waiting: Int, oldestUnsent: Date?, lastError: LocalizedText?, lastErrorAt: Date?, lastSuccessAt: Date?, refused: Int, accepted: Int) {
        self.waiting = waiting
        self.oldestUnsent = oldestUnsent
        self.lastError = lastError
        self.lastErrorAt = lastErrorAt
        self.lastSuccessAt = lastSuccessAt
        self.refused = refused
        self.accepted = accepted
    }
}

/// One dossier's state on the portal.
public struct PortalDossierSync: Sendable, Hashable, Codable {
    /// Where the dossier stands.
    public enum State: String, Sendable, Hashable, Codable {
        /// Something about it is still to be sent.
        case waiting
        /// Everything about it was accepted.
        case sent
        /// The portal refused a message about it; a supervisor may resend it.
        case refused
    }

    /// The state.
    public var state: State
    /// The code the portal knows it by.
    public var portalCode: String
    /// Whether the portal holds the dossier (later pushes are updates).
    public var onPortal: Bool
    /// The portal's last answer: its `error_code` and message.
    public var lastErrorCode: String?
    public var lastMessage: String?
    /// When the portal last answered about it.
    public var lastAnswerAt: Date?

    /// Creates a state.
    public init(state: State, portalCode: String, onPortal: Bool, lastErrorCode: String?, lastMessage: String?, lastAnswerAt: Date?) {
        self.state = state
        self.portalCode = portalCode
        self.onPortal = onPortal
        self.lastErrorCode = lastErrorCode
        self.lastMessage = lastMessage
        self.lastAnswerAt = lastAnswerAt
    }
}
