/// A VietQR payload: the EMVCo merchant-presented QR text that Vietnamese banking apps
/// read to pre-fill a transfer (NAPAS 247).
///
/// Fields, each `id` (2 digits) + length (2 digits) + value: `00`=`01`; `01`=`11` static or
/// `12` dynamic (with an amount); `38` = { `00`=`A000000727`, `01` = { `00`=bank BIN,
/// `01`=account }, `02`=service }; `53`=`704` (VND); `54`=amount; `58`=`VN`;
/// `62` = { `08`=purpose }; `63`=CRC-16/CCITT-FALSE over everything before it including
/// `6304`, as 4 upper-case hex digits.
public struct VietQRPayload: Sendable, Hashable {
    /// Whether the transfer goes to an account or to a card number.
    public enum Service: String, Sendable, Hashable, Codable {
        /// To a bank account: `QRIBFTTA`.
        case account = "QRIBFTTA"
        /// To a card number: `QRIBFTTC`.
        case card = "QRIBFTTC"
    }

    /// NAPAS's application id for VietQR.
    public static let napasGUID = "A000000727"

    /// The receiving bank's 6-digit BIN, e.g. `970403`.
    public var bankBIN: String
    /// The receiving account or card number.
    public var account: String
    /// Account or card.
    public var service: Service
    /// The amount in whole đồng; nil for a static QR the payer fills in.
    public var amount: Int64?
    /// The transfer description (purpose), e.g. the dossier code.
    public var purpose: String?

    /// Creates a payload description; ``text()`` validates it.
    public init(bankBIN: String, account: String, service: Service = .account, amount: Int64? = nil, purpose: String? = nil) {
        self.bankBIN = bankBIN
        self.account = account
        self.service = service
        self.amount = amount
        self.purpose = purpose
    }

    /// The QR text with its CRC; throws a `Problem` naming the field that cannot be encoded.
    public func text() throws -> String {
        guard bankBIN.count == 6, bankBIN.allSatisfy(\.isASCIIDigit) else {
            throw Self.problem("bankBIN", en: "The bank BIN \"\(bankBIN)\" must be 6 digits.", vi: "Mã BIN ngân hàng \"\(bankBIN)\" phải gồm 6 chữ số.")
        }
        guard (1...19).contains(account.count), account.allSatisfy({ $0.isASCIIDigit || ($0.isASCII && $0.isLetter) }) else {
            throw Self.problem("account", en: "The account \"\(account)\" must be 1–19 letters or digits.",
                               vi: "Số tài khoản \"\(account)\" phải gồm 1–19 chữ cái hoặc chữ số.")
        }
        if let amount {
            guard amount > 0, amount <= 9_999_999_999_999 else {
                throw Self.problem("amount", en: "The amount \(amount) đồng must be from 1 to 13 digits.",
                                   vi: "Số tiền \(amount) đồng phải từ 1 đến 13 chữ số.")
            }
        }
        if let purpose {
            guard (1...25).contains(purpose.count), purpose.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) else {
                throw Self.problem("purpose", en: "The transfer purpose \"\(purpose)\" must be 1–25 characters without diacritics.",
                                   vi: "Nội dung chuyển khoản \"\(purpose)\" phải gồm 1–25 ký tự không dấu.")
            }
        }
        let beneficiary = Self.field("00", bankBIN) + Self.field("01", account)
        let merchant = Self.field("00", Self.napasGUID) + Self.field("01", beneficiary) + Self.field("02", service.rawValue)
        var text = Self.field("00", "01") + Self.field("01", amount == nil ? "11" : "12") + Self.field("38", merchant)
            + Self.field("53", "704")
        if let amount { text += Self.field("54", String(amount)) }
        text += Self.field("58", "VN")
        if let purpose { text += Self.field("62", Self.field("08", purpose)) }
        text += "6304"
        return text + Self.crcHex(text)
    }

    /// One TLV field; values are ASCII, at most 99 characters (the callers check).
    static func field(_ id: String, _ value: String) -> String {
        let length = value.utf8.count
        return id + length.zeroPadded(2) + value
    }

    /// CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF, no reflection, no final XOR)
    /// of the UTF-8 bytes of `text`.
    public static func crc16(_ text: String) -> UInt16 {
        var crc: UInt16 = 0xFFFF
        for byte in text.utf8 {
            crc ^= UInt16(byte) << 8
            for _ in 0..<8 {
                crc = crc & 0x8000 != 0 ? (crc << 1) ^ 0x1021 : crc << 1
            }
        }
        return crc
    }

    /// ``crc16(_:)`` as 4 upper-case hex digits.
    public static func crcHex(_ text: String) -> String {
        crc16(text).hexPadded(4)
    }

    private static func problem(_ field: String, en: String, vi: String) -> Problem {
        Problem("payments.vietqr-field", en: en, vi: vi,
                details: [.init(field: field, code: "invalid", message: LocalizedText(vi: vi, en: en))])
    }
}

private extension Character {
    /// Whether this is one of the ASCII digits 0–9.
    var isASCIIDigit: Bool { isASCII && isNumber }
}
