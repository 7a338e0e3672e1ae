import Foundation
import Testing
@testable import MotCuaCore

@Suite("Amounts in Vietnamese words")
struct VietnameseAmountWordsTests {
    @Test("the usual reading rules", arguments: [
        (Int64(0), "Không đồng"),
        (1, "Một đồng"),
        (10, "Mười đồng"),
        (11, "Mười một đồng"),
        (15, "Mười lăm đồng"),
        (21, "Hai mươi mốt đồng"),
        (25, "Hai mươi lăm đồng"),
        (105, "Một trăm linh năm đồng"),
        (110, "Một trăm mười đồng"),
        (8_000, "Tám nghìn đồng"),
        (150_000, "Một trăm năm mươi nghìn đồng"),
        (1_000_005, "Một triệu không trăm linh năm đồng"),
        (1_050_000, "Một triệu không trăm năm mươi nghìn đồng"),
        (2_000_000_000, "Hai tỷ đồng"),
        (1_000_000_000_000, "Một nghìn tỷ đồng"),
        (-15, "Âm mười lăm đồng"),
    ])
    func northern(amount: Int64, expected: String) {
        #expect(VietnameseAmountWords().text(amount) == expected)
    }

    @Test("ngàn and lẻ when configured")
    func southern() {
        let words = VietnameseAmountWords(style: .init(thousand: .ngan, zeroTens: .le))
        #expect(words.text(105) == "Một trăm lẻ năm đồng")
        #expect(words.text(1_000_005) == "Một triệu không trăm lẻ năm đồng")
        #expect(words.text(150_000) == "Một trăm năm mươi ngàn đồng")
        #expect(words.text(2_000_000_000) == "Hai tỷ đồng")
    }
}

@Suite("VietQR payload")
struct VietQRPayloadTests {
    @Test("CRC-16/CCITT-FALSE vectors from DOMAIN.md")
    func crcVectors() {
        #expect(VietQRPayload.crcHex("123456789") == "29B1")
        #expect(VietQRPayload.crcHex("00020101021138570010A00000072701270006970403011200110123456780208QRIBFTTA53037045802VN6304") == "F4E5")
    }

    /// DOMAIN.md's payload declares the account field as 12 characters (`0112`) but carries
    /// 13 (`0011012345678`); the builder writes the true length `0113`. The CRC below was
    /// computed outside MotCua (Python's `binascii.crc_hqx(data, 0xFFFF)`).
    @Test("a static payload to an account")
    func staticPayload() throws {
        let payload = VietQRPayload(bankBIN: "970403", account: "0011012345678")
        #expect(try payload.text() == "00020101021138570010A00000072701270006970403011300110123456780208QRIBFTTA53037045802VN63049E6F")
    }

    @Test("a dynamic payload carries the amount and the dossier code as purpose")
    func dynamicPayload() throws {
        let payload = VietQRPayload(bankBIN: "970403", account: "0011012345678", amount: 150_000, purpose: "99.99999-260302-0001")
        // Expected text and CRC built independently with Python's binascii.crc_hqx.
        #expect(try payload.text()
            == "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA530370454061500005802VN6224082099.99999-260302-00016304F04F")
    }

    @Test("fields that cannot be encoded are refused naming the field", arguments: [
        (VietQRPayload(bankBIN: "97040", account: "1"), "bankBIN"),
        (VietQRPayload(bankBIN: "970403", account: ""), "account"),
        (VietQRPayload(bankBIN: "970403", account: "12345", amount: 0), "amount"),
        (VietQRPayload(bankBIN: "970403", account: "12345", amount: -5), "amount"),
        (VietQRPayload(bankBIN: "970403", account: "12345", amount: 10, purpose: "Lệ phí"), "purpose"),
        (VietQRPayload(bankBIN: "970403", account: "12345", amount: 10, purpose: String(repeating: "A", count: 26)), "purpose"),
    ])
    func refused(payload: VietQRPayload, field: String) {
        #expect { try payload.text() } throws: { error in
            (error as? Problem)?.details.first?.field == field
        }
    }
}

@Suite("Fee quotes")
struct FeeQuoteTests {
    static let procedure = Procedure(
        code: "2.000815", name: LocalizedText(vi: "Chứng thực bản sao", en: "Certified copy"), sector: "chung-thuc",
        deadline: Deadline(value: nil, unit: .immediate), fees: [
            ProcedureFee(id: "phi-1", kind: .phi, name: LocalizedText(vi: "Trang 1–2", en: "Pages 1–2"), amount: 2_000, per: .page),
            ProcedureFee(id: "le-phi-1", kind: .lePhi, name: LocalizedText(vi: "Lệ phí", en: "Fee"), amount: 8_000, per: .dossier),
        ], formFields: [], documents: [], legalBasis: [], sources: [])

    static let rules = FeeRules(
        postal: .init(amount: 30_000),
        exemptions: [
            .init(group: "ho-ngheo", percent: 100, kinds: [.lePhi], reason: LocalizedText(vi: "Miễn lệ phí (hộ nghèo)", en: "Exempt (poor household)")),
            .init(group: "nguoi-khuyet-tat", percent: 50, reason: LocalizedText(vi: "Giảm 50%", en: "50% off")),
        ])

    static func dossier(channel: Dossier.Channel = .counter, group: String? = nil) -> Dossier {
        Dossier(code: "X-260302-0001", procedure: "2.000815", channel: channel, applicantName: "Nguyễn Văn A",
                formValues: group.map { ["fee.exemptionGroup": $0] } ?? [:], receivedAt: Date(timeIntervalSince1970: 0),
                dueAt: Date(timeIntervalSince1970: 0))
    }

    @Test("phí and lệ phí apart, per-page quantities, the total is the sum of the lines")
    func plain() throws {
        let quote = try Self.rules.quote(dossier: Self.dossier(), procedure: Self.procedure, quantities: ["phi-1": 7])
        #expect(quote.lines.map(\.id) == ["phi-1", "le-phi-1"])
        #expect(quote.total(of: .phi) == 14_000)
        #expect(quote.total(of: .lePhi) == 8_000)
        #expect(quote.total == 22_000)
        #expect(quote.payer == "Nguyễn Văn A")
    }

    @Test("the postal charge only for a postal dossier")
    func postal() throws {
        let counter = try Self.rules.quote(dossier: Self.dossier(), procedure: Self.procedure)
        let postal = try Self.rules.quote(dossier: Self.dossier(channel: .postal), procedure: Self.procedure)
        #expect(!counter.lines.contains { $0.kind == .postage })
        #expect(postal.lines.last?.kind == .postage)
        #expect(postal.total == counter.total + 30_000)
        #expect(try FeeRules().quote(dossier: Self.dossier(channel: .postal), procedure: Self.procedure).total == counter.total)
    }

    @Test("exemptions print their legal reason and spare the postal charge")
    func exemptions() throws {
        let poor = try Self.rules.quote(dossier: Self.dossier(channel: .postal, group: "ho-ngheo"), procedure: Self.procedure)
        let lePhi = try #require(poor.lines.first { $0.id == "le-phi-1" })
        #expect(lePhi.amount == 0 && lePhi.reduction == 8_000)
        #expect(lePhi.reductionReason?.vi == "Miễn lệ phí (hộ nghèo)")
        #expect(poor.total == 2_000 + 30_000)
        let disabled = try Self.rules.quote(dossier: Self.dossier(group: "nguoi-khuyet-tat"), procedure: Self.procedure, quantities: ["phi-1": 3])
        #expect(disabled.total == 3_000 + 4_000)
        #expect(disabled.reductions == 7_000)
        #expect(try Self.rules.quote(dossier: Self.dossier(group: "none"), procedure: Self.procedure).reductions == 0)
    }

    @Test("bad quantities are refused naming the line", arguments: [
        (["phi-1": Int64(-1)], "quantities.phi-1"),
        (["phi-1": 1_000_000], "quantities.phi-1"),
        (["le-phi-1": 2], "quantities.le-phi-1"),
        (["nope": 1], "quantities.nope"),
    ])
    func badQuantity(quantities: [String: Int64], field: String) {
        #expect { try Self.rules.quote(dossier: Self.dossier(), procedure: Self.procedure, quantities: quantities) } throws: { error in
            (error as? Problem)?.details.first?.field == field
        }
    }

    @Test("a percent out of range is a settings error")
    func badRules() {
        let rules = FeeRules(exemptions: [.init(group: "x", percent: 150, reason: LocalizedText(vi: "x", en: "x"))])
        #expect(throws: Problem.self) { try rules.check(plugin: "payments.cash") }
        #expect(throws: Problem.self) { try ReceiptBook(template: "01BLP", series: "BL 26").check(plugin: "payments.cash") }
        #expect(throws: Never.self) { try ReceiptBook(template: "01BLP0-001", series: "BL-26E").check(plugin: "payments.cash") }
    }
}

@Suite("Bank statement CSV")
struct BankStatementTests {
    static func parse(_ text: String) throws -> BankStatement { try BankStatement(bytes: Array(text.utf8)) }

    @Test("reads quoted descriptions, both date forms and a byte-order mark")
    func good() throws {
        let text = "\u{FEFF}date,amount,description,reference\r\n2026-03-02,58000,\"CK 99.99999-260302-0001, NGUYEN VAN A\",FT1\r\n02/03/2026,8000,X,FT2\n"
        let statement = try Self.parse(text)
        #expect(statement.lines.count == 2)
        #expect(statement.lines[0].description == "CK 99.99999-260302-0001, NGUYEN VAN A")
        #expect(statement.lines[1].date == LocalDate(year: 2026, month: 3, day: 2))
        #expect(statement.lines[1].lineNumber == 3)
    }

    @Test("malformed files are refused with the line named", arguments: [
        ("date,amount,reference\n2026-03-02,1,FT1\n", "payments.statement-columns"),
        ("date,amount,description,reference\n2026-03-02,1,x\n", "payments.statement-columns"),
        ("date,amount,description,reference\n2026-03-02,-5,x,FT1\n", "payments.statement-amount"),
        ("date,amount,description,reference\n2026-03-02,5.5,x,FT1\n", "payments.statement-amount"),
        ("date,amount,description,reference\n2026-13-02,5,x,FT1\n", "payments.statement-date"),
        ("date,amount,description,reference\n2026-03-02,5,x,FT1\n2026-03-02,6,y,FT1\n", "payments.statement-duplicate"),
        ("date,amount,description,reference\n", "payments.statement-empty"),
        ("", "payments.statement-empty"),
    ])
    func refused(text: String, code: String) {
        #expect { try Self.parse(text) } throws: { error in (error as? Problem)?.code == code }
    }

    @Test("a file that is not UTF-8 is refused")
    func badEncoding() {
        // A legacy 8-bit encoding: 0xEA 0xD2 is not UTF-8; the bad sequence starts at byte 51.
        let bytes: [UInt8] = Array("date,amount,description,reference\n2026-03-02,5,Nguy".utf8) + [0xEA, 0xD2, 0x6E] + Array(",FT1\n".utf8)
        #expect { try BankStatement(bytes: bytes) } throws: { error in
            (error as? Problem)?.code == "payments.statement-encoding" && (error as? Problem)?.message.en.contains("offset 51") == true
        }
    }

    @Test("a UTF-16 export is refused as an encoding problem")
    func utf16() {
        let bytes: [UInt8] = [0xFF, 0xFE] + Array("date,amount,description,reference\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect { try BankStatement(bytes: bytes) } throws: { ($0 as? Problem)?.code == "payments.statement-encoding" }
    }

    @Test("descriptions match dossier codes whatever the bank did to dots and case")
    func matching() {
        #expect(BankStatement.description("CK 99 99999 260302 0001 nguyen van a", mentions: "99.99999-260302-0001"))
        #expect(BankStatement.description("ck 9999999-2603020001", mentions: "99.99999-260302-0001"))
        #expect(!BankStatement.description("CK 99.99999-260302-0002", mentions: "99.99999-260302-0001"))
    }
}

@Suite("Receipt numbers and the ledger")
struct ReceiptLedgerTests {
    @Test("receipt ids print 7 digits and parse back")
    func ids() {
        let id = ReceiptID(series: "BL-26E", year: 2026, number: 42)
        #expect(id.description == "BL-26E/2026/0000042")
        #expect(ReceiptID(id.description) == id)
        #expect(ReceiptID("BL-26E/2026/0") == nil)
        #expect(ReceiptID("BL-26E/2026/10000000") == nil)
    }

    @Test("the ledger has one row per receipt, voids marked, phí and lệ phí apart")
    func ledger() {
        let calendar = WorkingCalendar(hours: OpeningHours([:]))
        let lines = [FeeLine(id: "phi-1", kind: .phi, name: LocalizedText(vi: "a", en: "a"), unitAmount: 2_000, quantity: 3),
                     FeeLine(id: "le-phi-1", kind: .lePhi, name: LocalizedText(vi: "b", en: "b"), unitAmount: 8_000, reduction: 8_000,
                             reductionReason: LocalizedText(vi: "r", en: "r"))]
        let receipts = [
            Receipt(method: "payments.cash", template: "01BLP", series: "BL-26E", year: 2026, number: 2, dossierCode: "X-2",
                    payer: "Trần, Thị \"B\"", lines: lines, issuedAt: Date(timeIntervalSince1970: 1_772_420_000), collector: "lan",
                    voided: true, voidReason: "sai tên"),
            Receipt(method: "payments.cash", template: "01BLP", series: "BL-26E", year: 2026, number: 1, dossierCode: "X-1",
                    payer: "=cmd", lines: lines, issuedAt: Date(timeIntervalSince1970: 1_772_410_000), collector: "lan"),
        ]
        let rows = PaymentsLedger.csv(receipts, calendar: calendar).split(separator: "\r\n").map(String.init)
        #expect(rows.count == 3)
        #expect(rows[0] == PaymentsLedger.header.joined(separator: ","))
        #expect(rows[1].contains(",0000001,") && rows[1].contains(",\"'=cmd\",6000,0,0,8000,6000,issued,lan,"))
        #expect(rows[2].contains("\"Trần, Thị \"\"B\"\"\"") && rows[2].contains(",void,lan,sai tên,X-2,"))
        // The portal's columns close the row: MaHoSo in the codes the portal knows.
        let mapped = PaymentsLedger.csv(receipts, calendar: calendar, codes: PortalCodes(dossiers: ["X-1": "000.00.12.H46-1"])).split(separator: "\r\n")
        #expect(mapped[1].contains(",issued,lan,,000.00.12.H46-1,"))
    }
}
