import Foundation

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

/// What a clerk submits to receive a dossier.
public struct IntakeRequest: Sendable, Hashable, Codable {
    /// The procedure code.
    public var procedure: String
    /// How the dossier arrived.
    public var channel: Dossier.Channel
    /// Form values by form field id, as typed.
    public var formValues: [String: String]
    /// The ticket being served, if the dossier comes from the queue.
    public var ticketID: String?

    /// Creates a request.
    public init(procedure: String, channel: Dossier.Channel = .counter, formValues: [String: String], ticketID: String? = nil) {
        self.procedure = procedure
        self.channel = channel
        self.formValues = formValues
        self.ticketID = ticketID
    }
}
