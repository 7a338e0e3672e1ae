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

    @Test("exports add the portal's code of each row beside the label, from the same tables the sender reads")
    func reportsInPortalWords() throws {
        let codes = PortalCodes(sectors: ["ho-tich": "G12-TP04"], procedures: ["local-7": "1.001193"], dossiers: ["X-1": "000.00.12.H46-1"])
        let channels = Report.Table(id: "dossiers-by-channel", title: LocalizedText(vi: "Theo kênh", en: "By channel"),
                                    columns: [LocalizedText(vi: "Kênh", en: "Channel"), LocalizedText(vi: "Số hồ sơ", en: "Dossiers")],
                                    rows: [["Tại quầy", "4"], ["Trực tuyến", "2"], ["Bưu chính", "1"]],
                                    portalKeys: .init(.channel, ids: ["counter", "online", "postal"]))
        let sectors = Report.Table(id: "by-sector", title: LocalizedText(vi: "Theo lĩnh vực", en: "By sector"),
                                   columns: [LocalizedText(vi: "Lĩnh vực", en: "Sector"), LocalizedText(vi: "Số", en: "Count")],
                                   rows: [["-", "1"], ["dat-dai", "2"], ["ho-tich", "3"]], portalKeys: .init(.sector, ids: ["-", "dat-dai", "ho-tich"]))
        let plain = Report.Table(id: "satisfaction", title: LocalizedText(vi: "Hài lòng", en: "Satisfaction"),
                                 columns: [LocalizedText(vi: "Mức", en: "Level")], rows: [["5"]])
        let report = Report(id: "period", title: LocalizedText(vi: "Kỳ", en: "Period"), period: try ReportPeriod(parsing: "2026-03"),
                            tables: [channels, sectors, plain], figures: [], charts: [])
        let exported = report.inPortalWords(codes)
        #expect(exported.tables[0].columns.map(\.vi) == ["Kênh", "KenhThucHien", "Số hồ sơ"])
        #expect(exported.tables[0].rows == [["Tại quầy", "1", "4"], ["Trực tuyến", "2", "2"], ["Bưu chính", "3", "1"]])
        #expect(exported.tables[1].rows.map { $0[1] } == ["", "dat-dai", "G12-TP04"])
        #expect(exported.tables[2] == plain)
        #expect(PortalCodes().code(.status, "supplementRequested") == PortalMapping.statusCodes[.supplementRequested])
        #expect(codes.code(.procedure, "local-7") == "1.001193" && codes.localProcedure(portal: "1.001193") == "local-7")
        // A table whose keys do not match its rows is left as the plugin made it.
        var broken = channels
        broken.portalKeys = .init(.channel, ids: ["counter"])
        #expect(Report(id: "p", title: report.title, period: report.period, tables: [broken], figures: [], charts: []).inPortalWords(codes).tables[0].columns.count == 2)
    }

    @Test("the register's portal columns name an imported dossier by the portal's code and carry no personal value")
    func registerColumns() throws {
        let deployment = try #require(try ManifestLoader(source: ManifestFixtures.source(), plugins: [PluginDescriptor.queueing(TestQueue.self)])
            .load("p/commune.json").deployment)
        var dossier = Dossier(code: "X-1", procedure: "local-7", channel: .online, status: .inProcess, applicantName: "Nguyễn Văn An",
                              formValues: ["applicant.phone": "0912345678", "applicant.citizenId": "001090012345"], receivedAt: received,
                              dueAt: received.addingTimeInterval(86_400))
        dossier.sector = "ho-tich"
        let values = PortalMapping.exportValues(PortalDossier(dossier, deployment: deployment,
                                                              codes: PortalCodes(sectors: ["ho-tich": "G12-TP04"], procedures: ["local-7": "1.001193"],
                                                                                 dossiers: ["X-1": "000.00.12.H46-1"])))
        let named = Dictionary(uniqueKeysWithValues: zip(PortalMapping.exportFields, values))
        #expect(named["MaHoSo"] == "000.00.12.H46-1" && named["MaTTHC"] == "1.001193" && named["MaLinhVuc"] == "G12-TP04")
        #expect(named["KenhThucHien"] == "2" && named["TrangThaiHoSo"] == "4" && named["NgayTiepNhan"] == "20260302081530")
        #expect(!values.contains { $0.contains("Nguyễn") || $0.contains("0912345678") || $0.contains("001090012345") })
    }
}
