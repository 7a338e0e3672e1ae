#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// The public postal channel (Decision 45/2016/QĐ-TTg), an add-on to the primary intake
/// plugin: the dossier sent by post, the result returned by post, or both; the delivery
/// address, the postal fee shown to the citizen, the post's receipt and tracking numbers,
/// and the delivery to a recipient who shows an identity document.
///
/// It keeps its own table and journal entries and never imports the primary: the host
/// hands it the dossier it read and records the handover on the primary.
public struct IntakePostal: PostalIntakePlugin {
    /// The manifest section `"intake.postal": { … }`; every key is optional.
    public struct Settings: Decodable, Sendable {
        /// The postal fee shown to the citizen, whole đồng; none shown when absent.
        public var fee: Int64?
        /// The communes offered for the delivery address; any when absent.
        public var communes: [String]?
    }

    public static let id: PluginID = "intake.postal"
    public static let role = PluginRole.addOn
    public static let version = "1.0.0"
    public static let stability = PluginStability.alpha
    public static let summary = LocalizedText(vi: "Tiếp nhận hồ sơ và trả kết quả qua dịch vụ bưu chính công ích",
                                              en: "Dossiers and results by public post")
    public static let migrations = [
        Migration(version: 1, name: "create-shipments", statements: [
            """
            CREATE TABLE intake_postal_shipments (
                code TEXT PRIMARY KEY,
                service TEXT NOT NULL,
                recipient TEXT NOT NULL,
                phone TEXT NOT NULL,
                address_line TEXT NOT NULL,
                commune TEXT NOT NULL,
                province TEXT NOT NULL,
                fee INTEGER NOT NULL,
                inbound_receipt TEXT,
                tracking TEXT,
                status TEXT NOT NULL,
                registered_ms INTEGER NOT NULL,
                delivered_ms INTEGER,
                recipient_id TEXT
            )
            """,
        ]),
    ]

    let settings: Settings
    let context: HostContext

    public init(settings: Settings, context: HostContext) throws {
        if let fee = settings.fee, fee < 0 {
            throw Problem("intake.settings", status: 500, en: "intake.postal: fee \(fee) cannot be negative; correct it in the manifest.",
                          vi: "intake.postal: cước \(fee) không được âm; hãy sửa trong tệp cấu hình.")
        }
        self.settings = settings
        self.context = context
    }

    public var communes: [String] { settings.communes ?? [] }
    public var feeHint: Int64? { settings.fee }

    // The primary receives and moves dossiers; an add-on only adds its channel.
    public func receive(_ request: IntakeRequest, by principal: Principal) throws -> Dossier { throw Self.notPrimary }
    public func transition(dossier code: String, to status: Dossier.Status, note: String?, by principal: Principal) throws -> Dossier { throw Self.notPrimary }
    public func dossier(code: String) throws -> Dossier? { nil }

    public func register(_ request: PostalRequest, for dossier: Dossier, by principal: Principal) throws -> PostalShipment {
        guard !dossier.isClosed else {
            throw Problem("postal.closed", status: 409, en: "Dossier \(dossier.code) is \(dossier.status.rawValue); it cannot go by post any more.",
                          vi: "Hồ sơ \(dossier.code) đã kết thúc; không đăng ký bưu chính được nữa.")
        }
        // A dossier brought by post was received on the postal channel, so its appointment
        // used the post's deadline (`deadline.byChannel.postal`); one received at the
        // counter or online can only have its result sent.
        if request.service != .returnResult, dossier.channel != .postal {
            throw Problem("postal.not-postal-channel", status: 409,
                          en: "Dossier \(dossier.code) was received \(dossier.channel.rawValue == "online" ? "online" : "at the counter"), not by post; "
                              + "only its result can go by post. Receive a dossier that came by post on the postal channel, so its appointment uses the post's deadline.",
                          vi: "Hồ sơ \(dossier.code) không tiếp nhận qua bưu chính; chỉ gửi được kết quả qua bưu chính. "
                              + "Hồ sơ gửi đến qua bưu điện phải được tiếp nhận theo hình thức bưu chính để ngày hẹn theo thời hạn bưu chính.",
                          details: [.init(field: "service", code: "not-postal-channel",
                                          message: LocalizedText(vi: "Chỉ chọn được \"gửi trả kết quả\"", en: "Only returning the result is possible"))])
        }
        var details: [Problem.Detail] = []
        func bad(_ field: String, _ vi: String, _ en: String) {
            details.append(.init(field: field, code: "invalid", message: LocalizedText(vi: vi, en: en)))
        }
        let recipient = (request.recipient ?? dossier.applicantName).trimmed()
        if recipient.count < 2 { bad("recipient", "Nhập họ tên người nhận", "Give the recipient's name") }
        let phone = FormValidation.normalisedPhone(request.phone ?? dossier.formValues["applicant.phone"] ?? "")
        if phone == nil { bad("phone", "Số điện thoại người nhận không hợp lệ", "Not a Vietnamese phone number") }
        let line = request.addressLine.trimmed()
        if line.count < 5 || line.count > 300 { bad("addressLine", "Địa chỉ từ 5 đến 300 ký tự", "The address needs 5 to 300 characters") }
        let commune = request.commune.trimmed()
        if commune.isEmpty || (!communes.isEmpty && !communes.contains(commune)) {
            bad("commune", "Chọn xã, phường trong danh sách", "Choose a commune from the list")
        }
        let receipt = request.inboundReceipt?.trimmed().nilIfEmpty
        if request.service != .returnResult, receipt == nil {
            bad("inboundReceipt", "Nhập số biên nhận của bưu điện cho hồ sơ gửi đến", "Give the post's receipt number for the dossier it brought")
        }
        guard details.isEmpty else {
            throw Problem("postal.invalid", en: "Check the postal details: \(details.map(\.field).joined(separator: ", ")).",
                          vi: "Hãy kiểm tra thông tin bưu chính: \(details.map(\.field).joined(separator: ", ")).", details: details)
        }
        let shipment = PostalShipment(dossier: dossier.code, service: request.service, recipient: recipient, phone: phone!, addressLine: line,
                                      commune: commune, province: request.province?.nilIfEmpty ?? context.deployment.centre.province.name.vi,
                                      fee: settings.fee ?? 0, inboundReceipt: receipt)
        let now = context.clock.now
        try context.store.write { transaction in
            guard try transaction.queryFirst("SELECT code FROM intake_postal_shipments WHERE code = ?", [.text(dossier.code)]) == nil else {
                throw Problem("postal.already-registered", status: 409, en: "Dossier \(dossier.code) is already on the postal channel.",
                              vi: "Hồ sơ \(dossier.code) đã đăng ký bưu chính.")
            }
            try transaction.execute("""
                INSERT INTO intake_postal_shipments (code, service, recipient, phone, address_line, commune, province, fee, inbound_receipt,
                    tracking, status, registered_ms, delivered_ms, recipient_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 'registered', ?, NULL, NULL)
                """, [.text(shipment.dossier), .text(shipment.service.rawValue), .text(recipient), .text(shipment.phone), .text(line), .text(commune),
                      .text(shipment.province), .integer(shipment.fee), receipt.map(SQLValue.text) ?? .null, .integer(JournalEntry.milliseconds(now))])
            try journal(transaction, shipment, "dossier.postal-registered", by: principal, at: now, extra: [
                ("service", .string(shipment.service.rawValue)), ("sector", .string(dossier.sector)), ("procedure", .string(dossier.procedure)),
                ("commune", .string(commune)), ("province", .string(shipment.province)), ("fee", .number(.integer(shipment.fee))),
                ("inboundReceipt", receipt.map(JSONValue.string) ?? .null),
            ])
        }
        return shipment
    }

    public func shipment(dossier code: String) throws -> PostalShipment? {
        try context.store.read { db in try load(code, db) }
    }

    public func dispatch(dossier code: String, trackingNumber: String, by principal: Principal) throws -> PostalShipment {
        let tracking = trackingNumber.trimmed()
        guard (4...40).contains(tracking.count) else {
            throw Problem("postal.invalid", en: "trackingNumber: give the post's tracking number (4–40 characters).",
                          vi: "trackingNumber: nhập số vận đơn của bưu điện (4–40 ký tự).",
                          details: [.init(field: "trackingNumber", code: "invalid", message: LocalizedText(vi: "Số vận đơn không hợp lệ", en: "Bad tracking number"))])
        }
        return try move(code, from: .registered, to: .dispatched, by: principal) { shipment, transaction in
            guard shipment.service.returnsResult else {
                throw Problem("postal.no-return", status: 409, en: "Dossier \(code) came by post but its result is collected at the centre.",
                              vi: "Hồ sơ \(code) chỉ gửi đến qua bưu chính; kết quả nhận tại trung tâm.")
            }
            shipment.trackingNumber = tracking
            try transaction.execute("UPDATE intake_postal_shipments SET status = 'dispatched', tracking = ? WHERE code = ?", [.text(tracking), .text(code)])
            return [("trackingNumber", .string(tracking))]
        }
    }

    public func delivered(dossier code: String, recipientID: String, by principal: Principal) throws -> PostalShipment {
        let document = recipientID.trimmed()
        guard (6...20).contains(document.count) else {
            throw Problem("postal.invalid", en: "recipientID: give the number of the identity document the recipient showed.",
                          vi: "recipientID: nhập số giấy tờ tùy thân người nhận đã xuất trình.",
                          details: [.init(field: "recipientID", code: "invalid", message: LocalizedText(vi: "Số giấy tờ không hợp lệ", en: "Bad document number"))])
        }
        let now = context.clock.now
        return try move(code, from: .dispatched, to: .delivered, by: principal) { shipment, transaction in
            shipment.deliveredAt = now
            shipment.recipientID = document
            try transaction.execute("UPDATE intake_postal_shipments SET status = 'delivered', delivered_ms = ?, recipient_id = ? WHERE code = ?",
                                    [.integer(JournalEntry.milliseconds(now)), .text(document), .text(code)])
            return [("trackingNumber", .string(shipment.trackingNumber ?? ""))]
        }
    }

    private func move(_ code: String, from: PostalShipment.Status, to: PostalShipment.Status, by principal: Principal,
                      _ change: (inout PostalShipment, any StoreTransaction) throws -> [(String, JSONValue)]) throws -> PostalShipment {
        let now = context.clock.now
        return try context.store.write { transaction in
            guard var shipment = try load(code, transaction) else {
                throw Problem("postal.no-shipment", status: 404, en: "Dossier \(code) is not on the postal channel.",
                              vi: "Hồ sơ \(code) chưa đăng ký bưu chính.")
            }
            guard shipment.status == from else {
                throw Problem("postal.order", status: 409, en: "The shipment of \(code) is \(shipment.status.rawValue), not \(from.rawValue).",
                              vi: "Bưu gửi của hồ sơ \(code) đang ở trạng thái \(shipment.status.rawValue), không phải \(from.rawValue).")
            }
            let extra = try change(&shipment, transaction)
            shipment.status = to
            try journal(transaction, shipment, to == .dispatched ? "dossier.postal-dispatched" : "dossier.postal-delivered", by: principal, at: now, extra: extra)
            return shipment
        }
    }

    private func journal(_ transaction: any StoreTransaction, _ shipment: PostalShipment, _ kind: String, by principal: Principal, at now: Date,
                         extra: [(String, JSONValue)]) throws {
        let payload = JSONValue.object(JSONObject([("channel", .string("postal"))] + extra)).serialized()
        try transaction.appendJournal(JournalDraft(at: now, actor: principal.description, kind: kind, subject: "dossier:\(shipment.dossier)", payload: payload))
        context.logger.info("\(kind) \(shipment.dossier)")
    }

    private func load(_ code: String, _ db: any SQLExecutor) throws -> PostalShipment? {
        guard let row = try db.queryFirst("SELECT * FROM intake_postal_shipments WHERE code = ?", [.text(code)]) else { return nil }
        guard let service = PostalShipment.Service(rawValue: try row.string("service")), let status = PostalShipment.Status(rawValue: try row.string("status")) else {
            throw StoreError.columnType("service", expected: "a postal service", found: "text")
        }
        return PostalShipment(dossier: code, service: service, recipient: try row.string("recipient"), phone: try row.string("phone"),
                              addressLine: try row.string("address_line"), commune: try row.string("commune"), province: try row.string("province"),
                              fee: try row.int64("fee"), inboundReceipt: try row.optionalString("inbound_receipt"), trackingNumber: try row.optionalString("tracking"),
                              status: status, deliveredAt: try row.optionalInt64("delivered_ms").map(JournalEntry.date(milliseconds:)),
                              recipientID: try row.optionalString("recipient_id"))
    }

    static let notPrimary = Problem("intake.not-primary", status: 501, en: "intake.postal adds the postal channel; dossiers are received by the primary intake plugin.",
                                    vi: "intake.postal chỉ bổ sung kênh bưu chính; hồ sơ do plugin tiếp nhận chính tiếp nhận.")
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
