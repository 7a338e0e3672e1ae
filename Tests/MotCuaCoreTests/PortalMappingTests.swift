import Foundation
import MotCuaCore
import Testing

@Suite("PortalMapping")
struct PortalMappingTests {
    /// 2026-03-02 08:15:30 in Vietnam (01:15:30 UTC).
    let received = Date(timeIntervalSince1970: 1_772_414_130)

    func dossier(status: Dossier.Status = .received, channel: Dossier.Channel = .counter, form: [String: String] = [:]) -> PortalDossier {
        PortalDossier(portalCode: "H46.25-260302-0001", code: "H46.25-260302-0001", procedure: "1.001193", procedureName: "Đăng ký khai sinh",
                      sectorCode: "G12-TP04", sectorName: "Hộ tịch", channel: channel, status: status, applicantName: "Nguyễn Văn An",
                      formValues: form, receivedAt: received, promisedAt: received.addingTimeInterval(3 * 86_400), centreName: "UBND xã Đào Xá",
                      step: .init(at: received, status: status, actorName: "Chuyên viên", department: "Quầy 1", content: "Tiếp nhận hồ sơ", startedAt: nil))
    }

    @Test("times are 14 digits in Vietnam time and read back to the second")
    func times() {
        #expect(PortalTime.format(received) == "20260302081530")
        #expect(PortalTime.format(nil) == "")
        #expect(PortalTime.parse("20260302081530") == received)
        // Across midnight UTC+7: 17:30 UTC on 31 Dec is 00:30 on 1 Jan in Vietnam.
        #expect(PortalTime.format(Date(timeIntervalSince1970: 1_798_738_200)) == "20270101003000")
        for bad in ["2026-03-02 08:15", "20260230081530", "20261302081530", "2026030208153", "20260302246000", "abcdefghijklmn"] {
            #expect(PortalTime.parse(bad) == nil, "\(bad)")
        }
    }

    @Test("the dossier message: operation, unit, isUpdating and every value a string")
    func dossierMessage() throws {
        let message = PortalMapping.dossierMessage(dossier(channel: .online, form: ["applicant.phone": "0912345678", "business.name": "Công ty An Phát"]),
                                                   unit: "000.00.12.H46", isUpdating: false)
        #expect(message["service"]?.stringValue == "DongBoHoSoMC")
        #expect(message["madonvi"]?.stringValue == "000.00.12.H46")
        #expect(message["isUpdating"]?.stringValue == "False")
        let item = try #require(message["data"]?[0])
        #expect(item["MaHoSo"]?.stringValue == "H46.25-260302-0001")
        #expect(item["KenhThucHien"]?.stringValue == "2")
        #expect(item["LoaiDoiTuong"]?.stringValue == "2")
        #expect(item["TrangThaiHoSo"]?.stringValue == "2")
        #expect(item["NgayTiepNhan"]?.stringValue == "20260302081530")
        #expect(item["NgayHenTra"]?.stringValue == "20260305081530")
        #expect(item["NgayTra"]?.stringValue == "")
        #expect(item["SoDienThoai"]?.stringValue == "0912345678")
        #expect(item["HinhThuc"]?.stringValue == "0")
        guard case .object(let object) = item else { Issue.record("not an object"); return }
        #expect(object.allSatisfy { $0.value.stringValue != nil })
        #expect(Set(object.keys) == Set(PortalMapping.dossierFields.map(\.name)))
        #expect(PortalMapping.problems(in: message).isEmpty)
        #expect(PortalMapping.dossierMessage(dossier(), unit: "u", isUpdating: true)["isUpdating"]?.stringValue == "True")
    }

    @Test("every MotCua status and channel has a portal code in 1–10 and 1–3", arguments: Dossier.Status.allCases)
    func statusCodes(status: Dossier.Status) throws {
        let code = try #require(PortalMapping.statusCodes[status])
        #expect((1...10).contains(Int(code) ?? 0))
        let progress = PortalMapping.progressMessage(dossier(status: status), unit: "u")
        #expect(progress["service"]?.stringValue == "CapNhatTienDoHoSoMC")
        #expect(progress["data"]?[0]?["TrangThai"]?.stringValue == code)
        #expect(PortalMapping.problems(in: progress).isEmpty)
    }

    @Test("channels, return methods and applicant types")
    func otherCodes() {
        #expect(Dossier.Channel.allCases.map { PortalMapping.channelCodes[$0] } == ["1", "2", "3"])
        #expect(PortalMapping.returnMethodCodes[.post] == "1")
        #expect(PortalMapping.applicantType(formValues: [:]) == .citizen)
        #expect(PortalMapping.applicantType(formValues: ["applicant.organisation": "Hợp tác xã"]) == .organisation)
        #expect(PortalMapping.isAlreadyExists(errorCode: "-3", message: "Hồ sơ đã tồn tại trên hệ thống"))
        #expect(!PortalMapping.isAlreadyExists(errorCode: "3", message: "Thiếu trường MaTTHC"))
    }

    @Test("validation names each missing, non-string, badly formatted or unknown field")
    func validation() throws {
        var message = PortalMapping.dossierMessage(dossier(), unit: "u", isUpdating: false)
        guard case .object(var body) = message, case .array(var items) = body["data"]!, case .object(var item) = items[0] else {
            Issue.record("shape"); return
        }
        item["MaTTHC"] = nil
        item["NgayTiepNhan"] = .string("02/03/2026 08:15")
        item["KenhThucHien"] = .number(.integer(1))
        item["TrangThaiHoSo"] = .string("11")
        item["Extra"] = .string("x")
        item["ChuHoSo"] = .string("")
        items[0] = .object(item)
        body["data"] = .array(items)
        body["isUpdating"] = .bool(false)
        message = .object(body)
        let problems = PortalMapping.problems(in: message)
        let byField = Dictionary(problems.map { ($0.field, $0.code) }, uniquingKeysWith: { a, _ in a })
        #expect(byField["data[0].MaTTHC"] == "missing")
        #expect(byField["data[0].NgayTiepNhan"] == "format")
        #expect(byField["data[0].KenhThucHien"] == "not-string")
        #expect(byField["data[0].TrangThaiHoSo"] == "format")
        #expect(byField["data[0].Extra"] == "unknown")
        #expect(byField["data[0].ChuHoSo"] == "required")
        #expect(byField["isUpdating"] == "format")
        #expect(problems.first { $0.field == "data[0].NgayTiepNhan" }?.message.vi.contains("yyyyMMddHHmmss") == true)
        #expect(PortalMapping.problems(in: ["service": "LayThongTinHoSo"]).map(\.code) == ["unknown"])
    }
}
