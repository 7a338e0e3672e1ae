#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The intake contract: dossiers received, tracked and returned.
public protocol IntakePlugin: Plugin {
    /// Receives a dossier and gives it a code and an appointment date.
    func receive(_ request: IntakeRequest, by principal: Principal) throws -> Dossier
    /// Moves a dossier to a new status.
    func transition(dossier code: String, to status: Dossier.Status, note: String?, by principal: Principal) throws -> Dossier
    /// Finds a dossier by code.
    func dossier(code: String) throws -> Dossier?

    // MARK: Intake (issue 5)

    /// The dossier's steps, oldest first: reception, status changes, override, extension.
    func history(dossier code: String) throws -> [DossierStep]
    /// Records the apology and the new date (form 04); a dossier is extended once only.
    func extend(dossier code: String, to date: LocalDate, reason: String, by principal: Principal) throws -> Dossier
    /// Open dossiers due by the end of the next working day after `now`, or already late,
    /// soonest first; a dossier waiting for the citizen's supplement is left out. A plugin
    /// may leave the checklist and form values out of these dossiers.
    func overdue(at now: Date) throws -> [Dossier]
    /// Dossiers received from `first` through `last` (centre days), in code order: form 07.
    /// A plugin may leave the checklist out of these dossiers.
    func register(from first: LocalDate, through last: LocalDate) throws -> [Dossier]
    /// A stored scan of a checklist line, with its bytes.
    func file(dossier code: String, document index: Int) throws -> (file: StoredFile, bytes: [UInt8])?
    /// The dossier for the public lookup; nil unless the code (and, where the deployment asks
    /// for them, the last 4 digits of the applicant's phone) match.
    func lookup(code: String, phoneDigits: String?) throws -> Dossier?
    /// Whether the public lookup asks for the phone's last 4 digits.
    var lookupNeedsPhoneDigits: Bool { get }
}

extension IntakePlugin {
    public static var kind: PluginKind { .intake }

    public func history(dossier code: String) throws -> [DossierStep] { [] }
    public func extend(dossier code: String, to date: LocalDate, reason: String, by principal: Principal) throws -> Dossier {
        throw Problem.intakeUnsupported("extension")
    }
    public func overdue(at now: Date) throws -> [Dossier] { [] }
    public func register(from first: LocalDate, through last: LocalDate) throws -> [Dossier] { [] }
    public func file(dossier code: String, document index: Int) throws -> (file: StoredFile, bytes: [UInt8])? { nil }
    public func lookup(code: String, phoneDigits: String?) throws -> Dossier? { try dossier(code: code) }
    public var lookupNeedsPhoneDigits: Bool { false }
}

extension Problem {
    /// The intake plugin does not offer this verb.
    static func intakeUnsupported(_ verb: String) -> Problem {
        Problem("intake.unsupported", status: 501, en: "This intake plugin does not support \(verb).",
                vi: "Plugin tiếp nhận này không hỗ trợ chức năng \(verb).")
    }
}

// MARK: Intake: the postal channel add-on (issue 5)

/// An intake add-on for the public postal channel (Decision 45/2016/QĐ-TTg): the dossier
/// sent by post, the result returned by post, or both, with the delivery address, the
/// postal fee and the post's receipt and tracking numbers.
///
/// It never touches the primary's dossiers: the host hands it the `Dossier` it read from
/// the primary and records the handover on the primary itself.
public protocol PostalIntakePlugin: IntakePlugin {
    /// The communes offered for the delivery address; empty lets the clerk type any.
    var communes: [String] { get }
    /// The postal fee shown to the citizen, whole đồng, when the deployment sets one.
    var feeHint: Int64? { get }
    /// Puts a dossier on the postal channel; once per dossier.
    func register(_ request: PostalRequest, for dossier: Dossier, by principal: Principal) throws -> PostalShipment
    /// The dossier's shipment, if it has one.
    func shipment(dossier code: String) throws -> PostalShipment?
    /// The result was handed to the post with this tracking number.
    func dispatch(dossier code: String, trackingNumber: String, by principal: Principal) throws -> PostalShipment
    /// The post delivered the result; `recipientID` is the document the recipient showed.
    func delivered(dossier code: String, recipientID: String, by principal: Principal) throws -> PostalShipment
}
