#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A citizen's dossier (hồ sơ) for one procedure, from reception to returned result.
public struct Dossier: Sendable, Hashable, Codable {
    /// The workflow status. `returned`, `refused` and `stopped` end the dossier.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case received, inProcess, supplementRequested, supplemented, done, returned, refused, stopped
    }

    /// How the dossier reached the centre; the national portal's channel codes are 1, 2 and 3.
    public enum Channel: String, Sendable, Hashable, Codable, CaseIterable {
        case counter, online, postal

        /// The national portal's channel code.
        public var portalCode: Int {
            switch self {
            case .counter: 1
            case .online: 2
            case .postal: 3
            }
        }
    }

    /// The dossier code printed on the receipt, e.g. `H46.25-261123-0007`.
    public var code: String
    /// The procedure code, e.g. `1.001193`.
    public var procedure: String
    /// How the dossier arrived.
    public var channel: Channel
    /// The current status.
    public var status: Status
    /// The applicant's name as given.
    public var applicantName: String
    /// The validated form values, by form field id.
    public var formValues: [String: String]
    /// When the dossier was received.
    public var receivedAt: Date
    /// The legal due date shown on the appointment slip.
    public var dueAt: Date

    // MARK: Intake (issue 5)

    /// The workflow: received → in process → (supplement requested ⇄ supplemented) → done →
    /// returned, with refused and stopped as the other ends.
    public static let workflow: [Status: [Status]] = [
        .received: [.inProcess, .supplementRequested, .refused, .stopped],
        .inProcess: [.supplementRequested, .done, .refused, .stopped],
        .supplementRequested: [.supplemented, .refused, .stopped],
        .supplemented: [.inProcess, .supplementRequested, .done, .refused, .stopped],
        .done: [.returned],
        .returned: [], .refused: [], .stopped: [],
    ]

    /// Whether a finished dossier met its due date (the national portal's three buckets).
    public enum Verdict: String, Sendable, Hashable, Codable, CaseIterable {
        case early, onTime, late
    }

    /// The procedure's sector id.
    public var sector: String = ""
    /// The procedure case (trường hợp) it was received under, when the procedure has cases.
    public var procedureCase: String?
    /// The counter that received it, if any.
    public var counter: String?
    /// The login of the clerk who received it (or `system` for imports).
    public var clerk: String?
    /// The queue ticket it came from, if any.
    public var ticketID: String?
    /// The checklist of the procedure's documents as received.
    public var documents: [DossierDocument] = []
    /// The legal due instant when received, before supplements or overrides moved it.
    public var originalDueAt: Date?
    /// Why a clerk set the due date by hand at reception, if one did.
    public var dueOverrideReason: String?
    /// The new date promised in the apology letter (form 04); set at most once.
    public var extendedDueAt: Date?
    /// Why the dossier was extended.
    public var extensionReason: String?
    /// How many times the citizen was asked to supplement it; more than one makes it late.
    public var supplementRequests: Int = 0
    /// When the decision was made (status `done`).
    public var finishedAt: Date?
    /// When the result was handed to the citizen.
    public var returnedAt: Date?
    /// The last status change's note (the reason on forms 02, 03 and 05).
    public var lastNote: String?
    /// Whether the dossier's personal values and scans were erased (retention or a citizen's
    /// request): its name, form values and files are then empty, its statistics remain.
    public var personalDataErased: Bool = false

    /// Whether the status ends the dossier.
    public var isClosed: Bool { [.returned, .refused, .stopped].contains(status) }
    /// Whether the legal clock runs: open, not finished, not waiting for the citizen.
    public var clockRuns: Bool { [.received, .inProcess, .supplemented].contains(status) }
    /// The date promised to the citizen now: the extension's, else the legal due date.
    public var promisedAt: Date { extendedDueAt ?? dueAt }

    /// Early, on time or late, once decided: late after the legal due instant (an apology
    /// does not excuse it) or after more than one supplement request; early on a day before
    /// the due day (`dueDay` is the due date in the centre's time zone).
    public func verdict(dueDay: LocalDate, finishedDay: LocalDate) -> Verdict? {
        guard let finishedAt else { return nil }
        if supplementRequests > 1 || finishedAt > dueAt { return .late }
        return finishedDay < dueDay ? .early : .onTime
    }

    /// Creates a dossier.
    public init(code: String, procedure: String, channel: Channel, status: Status = .received,
                applicantName: String, formValues: [String: String] = [:], receivedAt: Date, dueAt: Date) {
        self.code = code
        self.procedure = procedure
        self.channel = channel
        self.status = status
        self.applicantName = applicantName
        self.formValues = formValues
        self.receivedAt = receivedAt
        self.dueAt = dueAt
    }
}

/// One line of a dossier's checklist (thành phần hồ sơ).
public struct DossierDocument: Sendable, Hashable, Codable {
    /// The position in the procedure's `documents`.
    public var index: Int
    /// The document's name as the procedure lists it.
    public var name: String
    /// Whether the citizen handed it in (the clerk ticked it).
    public var provided: Bool
    /// Whether it was digitised (scanned or taken from a national database).
    public var digitised: Bool
    /// The stored scan, if one was uploaded.
    public var file: StoredFile?
    /// Original, certified copy or photocopy, as form 01 lists it; nil when not recorded.
    public var form: Form?
    /// How many of it were handed in; nil means one.
    public var copies: Int?

    /// The form a document is handed in as (form 01: bản chính, bản sao, bản chụp).
    public enum Form: String, Sendable, Hashable, Codable, CaseIterable {
        /// Bản chính: the original.
        case original
        /// Bản sao: a certified copy.
        case copy
        /// Bản chụp: a plain photocopy.
        case photocopy
    }

    /// Creates a checklist line.
    public init(index: Int, name: String, provided: Bool, digitised: Bool, file: StoredFile? = nil, form: Form? = nil, copies: Int? = nil) {
        self.index = index
        self.name = name
        self.provided = provided
        self.digitised = digitised
        self.file = file
        self.form = form
        self.copies = copies
    }
}

/// A scanned document kept on disk under the data folder.
public struct StoredFile: Sendable, Hashable, Codable {
    /// The path relative to the data folder.
    public var path: String
    /// `application/pdf`, `image/jpeg` or `image/png`, from the file's first bytes.
    public var contentType: String
    /// The size in bytes.
    public var size: Int

    /// Creates a stored file.
    public init(path: String, contentType: String, size: Int) {
        self.path = path
        self.contentType = contentType
        self.size = size
    }

    /// The type a file's first bytes announce, if it is one intake accepts (PDF, JPEG, PNG).
    public static func contentType(sniffing bytes: [UInt8]) -> String? {
        if bytes.starts(with: Array("%PDF-".utf8)) { return "application/pdf" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        return nil
    }
}

/// One step of a dossier's history, from the journal.
public struct DossierStep: Sendable, Hashable, Codable {
    /// When it happened.
    public var at: Date
    /// Who did it (`user:<login>`, `device:<id>`, `system`).
    public var actor: String
    /// The journal kind, e.g. `dossier.status-changed`.
    public var kind: String
    /// The status before, for status changes.
    public var from: Dossier.Status?
    /// The status after (or the status at reception).
    public var to: Dossier.Status?
    /// The note or reason given.
    public var note: String?

    /// Creates a step.
    public init(at: Date, actor: String, kind: String, from: Dossier.Status? = nil, to: Dossier.Status? = nil, note: String? = nil) {
        self.at = at
        self.actor = actor
        self.kind = kind
        self.from = from
        self.to = to
        self.note = note
    }
}

/// A checklist line as the clerk submits it.
public struct DocumentSubmission: Sendable, Hashable, Codable {
    /// The position in the procedure's `documents`.
    public var index: Int
    /// Whether it was digitised; true when a file is attached.
    public var digitised: Bool?
    /// The scan, base64-encoded, if any.
    public var file: Upload?
    /// Original, certified copy or photocopy.
    public var form: DossierDocument.Form?
    /// How many were handed in (1–99); one when left out.
    public var copies: Int?

    /// Creates a submission.
    public init(index: Int, digitised: Bool? = nil, file: Upload? = nil) {
        self.index = index
        self.digitised = digitised
        self.file = file
    }
}

/// An uploaded file: its name as the clerk's computer gave it and its bytes in base64.
public struct Upload: Sendable, Hashable, Codable {
    /// The original file name (kept for the clerk, never used as a path).
    public var name: String?
    /// The bytes, base64.
    public var base64: String

    /// Creates an upload.
    public init(name: String? = nil, base64: String) {
        self.name = name
        self.base64 = base64
    }
}

/// A clerk's due date in place of the calendar's, with the reason.
public struct DueOverride: Sendable, Hashable, Codable {
    /// The new due day, `yyyy-MM-dd`.
    public var date: String
    /// Why the calendar's date does not apply.
    public var reason: String

    /// Creates an override.
    public init(date: String, reason: String) {
        self.date = date
        self.reason = reason
    }
}

/// What a clerk submits to receive a dossier.
public struct IntakeRequest: Sendable, Hashable, Codable {
    /// The procedure code.
    public var procedure: String
    /// The procedure case, by id; the procedure's default case when omitted.
    public var procedureCase: String?
    /// How the dossier arrived.
    public var channel: Dossier.Channel
    /// Form values by form field id, as typed.
    public var formValues: [String: String]
    /// The ticket being served, if the dossier comes from the queue.
    public var ticketID: String?
    /// The counter receiving it.
    public var counter: String?
    /// The ticked checklist lines, with optional scans.
    public var documents: [DocumentSubmission]?
    /// A clerk's due date in place of the calendar's.
    public var dueOverride: DueOverride?
    /// "4 tại chỗ": receive, decide and return in one sitting (same-day procedures only).
    public var onTheSpot: Bool?
    /// The national portal's code of a dossier filed there and imported; journalled with the
    /// reception so the portal add-on pushes it under the portal's code. Set by the import only.
    public var portalCode: String?

    /// Creates a request.
    public init(procedure: String, case procedureCase: String? = nil, channel: Dossier.Channel = .counter,
                formValues: [String: String], ticketID: String? = nil) {
        self.procedure = procedure
        self.procedureCase = procedureCase
        self.channel = channel
        self.formValues = formValues
        self.ticketID = ticketID
    }

    private enum CodingKeys: String, CodingKey {
        case procedure, procedureCase = "case", channel, formValues, ticketID, counter, documents, dueOverride, onTheSpot
    }

    /// Decodes a request; `channel` defaults to `counter`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        procedure = try container.decode(String.self, forKey: .procedure)
        procedureCase = try container.decodeIfPresent(String.self, forKey: .procedureCase)
        channel = try container.decodeIfPresent(Dossier.Channel.self, forKey: .channel) ?? .counter
        formValues = try container.decode([String: String].self, forKey: .formValues)
        ticketID = try container.decodeIfPresent(String.self, forKey: .ticketID)
        counter = try container.decodeIfPresent(String.self, forKey: .counter)
        documents = try container.decodeIfPresent([DocumentSubmission].self, forKey: .documents)
        dueOverride = try container.decodeIfPresent(DueOverride.self, forKey: .dueOverride)
        onTheSpot = try container.decodeIfPresent(Bool.self, forKey: .onTheSpot)
    }
}
