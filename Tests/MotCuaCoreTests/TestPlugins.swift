import Foundation
import MotCuaCore

/// A queueing plugin with strict settings, for manifest tests.
struct TestQueue: QueueingPlugin {
    struct Settings: Decodable, Sendable {
        var prefix: String
    }

    static let id: PluginID = "test.queue"
    static let version = "0.0.1"
    static let summary = LocalizedText(vi: "Hàng đợi thử", en: "Test queue")

    init(settings: Settings, context: HostContext) throws {}

    func issueTicket(_ request: TicketRequest, by principal: Principal) throws -> Ticket {
        Ticket(id: "1", number: "A-001", sector: request.sector, issuedAt: Date(timeIntervalSince1970: 0))
    }

    func callNext(counter: String, by principal: Principal) throws -> Ticket? { nil }

    func perform(_ action: TicketAction, onTicket id: String, by principal: Principal) throws -> Ticket {
        throw Problem("test.unsupported", en: "unsupported", vi: "không hỗ trợ")
    }

    func snapshot() throws -> QueueSnapshot { QueueSnapshot(waiting: [], atCounters: []) }
}

/// A payments plugin with no settings, for near-miss suggestions.
struct TestVietQR: PaymentsPlugin {
    struct Settings: Decodable, Sendable {}

    static let id: PluginID = "payments.vietqr"
    static let version = "0.0.1"
    static let summary = LocalizedText(vi: "VietQR thử", en: "Test VietQR")

    init(settings: Settings, context: HostContext) throws {}

    func quote(dossier: Dossier, quantities: [String: Int64]) throws -> FeeQuote { FeeQuote(dossierCode: dossier.code, lines: []) }

    func collect(dossier: Dossier, request: PaymentRequest, by principal: Principal) throws -> PaymentOutcome {
        throw Problem("test.unsupported", en: "unsupported", vi: "không hỗ trợ")
    }

    func void(_ receipt: ReceiptID, reason: String, by principal: Principal) throws -> Receipt {
        throw Problem("test.unsupported", en: "unsupported", vi: "không hỗ trợ")
    }

    func receipts(dossier code: String) throws -> [Receipt] { [] }

    func receipt(_ id: ReceiptID) throws -> Receipt? { nil }

    func receipts(from first: LocalDate, through last: LocalDate) throws -> [Receipt] { [] }
}
