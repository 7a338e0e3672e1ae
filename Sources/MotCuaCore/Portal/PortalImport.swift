#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A dossier filed on the national portal, as the province hands it over, read from the
/// portal's own field names (Docs/Portal.md, "Online dossiers in").
public struct PortalImportRecord: Sendable, Hashable {
    /// The portal's dossier code (`MaHoSo`); the MotCua dossier keeps it for the portal.
    public var portalCode: String
    /// The procedure code as the portal gives it (`MaTTHC`).
    public var procedure: String
    /// The applicant's name (`ChuHoSo`).
    public var applicantName: String
    /// When the citizen submitted it on the portal (`NgayNopHoSo`).
    public var submittedAt: Date
    /// Other values by MotCua form field id: identity number, phone, email.
    public var formValues: [String: String]
    /// The applicant's portal account (`MaDoiTuong`).
    public var account: String?
}

extension PortalMapping {
    /// The portal fields an import reads, with the MotCua form field each fills.
    public static let importFields: [(portal: String, form: String)] = [
        ("ChuHoSo", "applicant.fullName"), ("SoGiayToChuHoSo", "applicant.citizenId"), ("SoDienThoai", "applicant.phone"),
        ("Email", "applicant.email"), ("DiaChiChuHoSo", "applicant.address"),
    ]

    /// The dossiers of an import: `{"data": [ … ]}`, a list, or one dossier object.
    public static func importItems(_ value: JSONValue) -> [JSONValue] {
        if case .array(let items) = value { return items }
        if case .array(let items)? = value["data"] { return items }
        return [value]
    }

    /// Reads one imported dossier, or says every field that is missing or badly formatted.
    public static func importRecord(_ item: JSONValue, index: Int) -> Result<PortalImportRecord, Problem> {
        var details: [Problem.Detail] = []
        func text(_ field: String, required: Bool) -> String? {
            let value = item[field]?.stringValue?.trimmed() ?? item[field]?.int64Value.map(String.init)
            if required, value?.isEmpty ?? true {
                details.append(.init(field: "data[\(index)].\(field)", code: "required",
                                     message: LocalizedText(vi: "Thiếu trường \(field)", en: "Field \(field) is missing")))
            }
            return value?.isEmpty == false ? value : nil
        }
        guard case .object = item else {
            return .failure(Problem("portal-import.not-object", en: "data[\(index)] is not a dossier object.", vi: "data[\(index)] không phải một hồ sơ."))
        }
        let code = text("MaHoSo", required: true), procedure = text("MaTTHC", required: true), name = text("ChuHoSo", required: true)
        let submitted = text("NgayNopHoSo", required: true)
        var submittedAt: Date?
        if let submitted {
            submittedAt = PortalTime.parse(submitted)
            if submittedAt == nil {
                details.append(.init(field: "data[\(index)].NgayNopHoSo", code: "format",
                                     message: LocalizedText(vi: "NgayNopHoSo \"\(submitted)\" phải theo dạng yyyyMMddHHmmss (ví dụ 20260302081530)",
                                                            en: "NgayNopHoSo \"\(submitted)\" must be yyyyMMddHHmmss (e.g. 20260302081530)")))
            }
        }
        if let code, code.count > 50 {
            details.append(.init(field: "data[\(index)].MaHoSo", code: "format",
                                 message: LocalizedText(vi: "MaHoSo dài quá 50 ký tự", en: "MaHoSo is longer than 50 characters")))
        }
        guard details.isEmpty, let code, let procedure, let name, let submittedAt else {
            let fields = details.map(\.field).joined(separator: ", ")
            return .failure(Problem("portal-import.invalid", en: "Dossier \(code ?? "data[\(index)]"): check \(fields).",
                                    vi: "Hồ sơ \(code ?? "data[\(index)]"): hãy kiểm tra \(fields).", details: details))
        }
        var form: [String: String] = [:]
        for (portal, field) in importFields {
            if let value = text(portal, required: false) { form[field] = value }
        }
        return .success(PortalImportRecord(portalCode: code, procedure: procedure, applicantName: name, submittedAt: submittedAt,
                                           formValues: form, account: text("MaDoiTuong", required: false)))
    }
}

extension PortalDossier {
    /// The facts of a dossier as MotCua holds it, for exports in the portal's words (no
    /// step; the codes the portal knows the dossier, its procedure and its sector by).
    public init(_ dossier: Dossier, deployment: Deployment, codes: PortalCodes = PortalCodes()) {
        let received = dossier.receivedAt
        self.init(portalCode: codes.dossier(dossier.code), code: dossier.code, procedure: codes.procedure(dossier.procedure),
                  procedureName: deployment.procedure(dossier.procedure)?.name.vi ?? dossier.procedure, sectorCode: codes.sector(dossier.sector),
                  sectorName: deployment.sector(dossier.sector)?.name.vi ?? dossier.sector, channel: dossier.channel, status: dossier.status,
                  applicantName: dossier.applicantName, formValues: dossier.formValues, receivedAt: received, promisedAt: dossier.promisedAt,
                  centreName: deployment.centre.name.vi,
                  step: Step(at: received, status: dossier.status, actorName: "", department: "", content: "", startedAt: nil))
        finishedAt = dossier.finishedAt
        returnedAt = dossier.returnedAt
        digitised = dossier.documents.count(where: \.digitised)
    }
}
