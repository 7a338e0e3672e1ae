#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A dossier sent or returned by public post (Decision 45/2016/QĐ-TTg).
public struct PostalShipment: Sendable, Hashable, Codable {
    /// What the citizen asked the post to carry.
    public enum Service: String, Sendable, Hashable, Codable, CaseIterable {
        /// The post brought the dossier to the centre.
        case sendDossier
        /// The post takes the result to the citizen.
        case returnResult
        /// Both ways.
        case both

        /// Whether the result goes back by post.
        public var returnsResult: Bool { self != .sendDossier }
    }

    /// Where the result goes.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Registered; the result has not left the centre.
        case registered
        /// The result was handed to the post.
        case dispatched
        /// The post delivered the result to the recipient.
        case delivered
    }

    /// The dossier's code.
    public var dossier: String
    /// The service chosen.
    public var service: Service
    /// The recipient's name.
    public var recipient: String
    /// The recipient's phone.
    public var phone: String
    /// Street, village (thôn, tổ dân phố).
    public var addressLine: String
    /// The commune or ward.
    public var commune: String
    /// The province.
    public var province: String
    /// The postal fee shown to the citizen, whole đồng (collected by the post or a payments plugin).
    public var fee: Int64
    /// The post's receipt number for the dossier it brought, if any.
    public var inboundReceipt: String?
    /// The post's tracking number of the result sent back.
    public var trackingNumber: String?
    /// Where the result is.
    public var status: Status
    /// When the post delivered it.
    public var deliveredAt: Date?
    /// The identity document number the recipient showed.
    public var recipientID: String?

    /// Creates a shipment.
    public init(dossier: String, service: Service, recipient: String, phone: String, addressLine: String, commune: String, province: String,
                fee: Int64, inboundReceipt: String? = nil, trackingNumber: String? = nil, status: Status = .registered,
                deliveredAt: Date? = nil, recipientID: String? = nil) {
        self.dossier = dossier
        self.service = service
        self.recipient = recipient
        self.phone = phone
        self.addressLine = addressLine
        self.commune = commune
        self.province = province
        self.fee = fee
        self.inboundReceipt = inboundReceipt
        self.trackingNumber = trackingNumber
        self.status = status
        self.deliveredAt = deliveredAt
        self.recipientID = recipientID
    }
}

/// What a clerk submits to put a dossier on the postal channel.
public struct PostalRequest: Sendable, Hashable, Codable {
    /// The service chosen.
    public var service: PostalShipment.Service
    /// The recipient; the applicant's name when absent.
    public var recipient: String?
    /// The recipient's phone; the applicant's when absent.
    public var phone: String?
    /// Street, village.
    public var addressLine: String
    /// The commune or ward.
    public var commune: String
    /// The province; the centre's when absent.
    public var province: String?
    /// The post's receipt number for a dossier it brought.
    public var inboundReceipt: String?

    /// Creates a request.
    public init(service: PostalShipment.Service, recipient: String? = nil, phone: String? = nil, addressLine: String, commune: String,
                province: String? = nil, inboundReceipt: String? = nil) {
        self.service = service
        self.recipient = recipient
        self.phone = phone
        self.addressLine = addressLine
        self.commune = commune
        self.province = province
        self.inboundReceipt = inboundReceipt
    }
}
