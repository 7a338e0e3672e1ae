#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import Synchronization

/// Turns dossiers filed on the national portal into dossiers on the `online` channel, each
/// keeping the portal's code, following the normal workflow (`POST /api/v1/intake/import`,
/// `motcua intake import FILE`). Importing the same dossier again changes nothing.
public struct PortalImporter: Sendable {
    /// What became of one imported dossier.
    public struct Outcome: Sendable {
        /// Imported now, already imported before, or refused.
        public enum State: String, Sendable { case imported, duplicate, refused }
        /// The state.
        public var state: State
        /// The portal's code, when the record had one.
        public var portalCode: String?
        /// The MotCua dossier it is (imported now or before).
        public var dossier: String?
        /// Why it was refused, or the note on a duplicate.
        public var problem: Problem?
    }

    let intake: any IntakePlugin
    let sync: any PortalSyncPlugin
    let deployment: Deployment

    /// One import at a time, so two imports of the same dossier cannot both pass the check.
    private static let gate = Mutex(())

    /// An importer for a composition; nil with a reason when the deployment has no portal add-on.
    public static func make(_ composition: Composition) throws -> PortalImporter {
        guard let intake = composition.intake, let sync = composition.portalSync else {
            throw Problem("portal-import.off", status: 409,
                          en: "This centre does not synchronise with the national portal; enable intake.portal in its manifest (Docs/Portal.md).",
                          vi: "Trung tâm chưa bật đồng bộ Cổng Dịch vụ công quốc gia; hãy bật intake.portal trong tệp cấu hình (Docs/Portal.md).")
        }
        return PortalImporter(intake: intake, sync: sync, deployment: composition.deployment)
    }

    /// Imports every dossier of `body` (`{"data": [ … ]}`, a list, or one object), each on its own.
    public func run(_ body: JSONValue, by principal: Principal) -> [Outcome] {
        PortalMapping.importItems(body).enumerated().map { index, item in
            switch PortalMapping.importRecord(item, index: index) {
            case .failure(let problem):
                return Outcome(state: .refused, portalCode: item["MaHoSo"]?.stringValue, dossier: nil, problem: problem)
            case .success(let record):
                return Self.gate.withLock { _ in one(record, by: principal) }
            }
        }
    }

    private func one(_ record: PortalImportRecord, by principal: Principal) -> Outcome {
        do {
            if let existing = try sync.importedDossier(portalCode: record.portalCode) {
                return Outcome(state: .duplicate, portalCode: record.portalCode, dossier: existing, problem: Problem(
                    "portal-import.duplicate", status: 409,
                    en: "Dossier \(record.portalCode) was already imported as \(existing); nothing changed.",
                    vi: "Hồ sơ \(record.portalCode) đã được nhận trước đây với mã \(existing); không thay đổi gì."))
            }
            let procedure = sync.localProcedure(portalCode: record.procedure)
            guard let found = deployment.procedure(procedure) else {
                throw Problem("portal-import.unknown-procedure", status: 422,
                              en: "Dossier \(record.portalCode): procedure \(record.procedure) is not in this centre's catalogue; add it, or map it in procedureCodes.",
                              vi: "Hồ sơ \(record.portalCode): thủ tục \(record.procedure) không có trong danh mục của trung tâm; hãy thêm thủ tục hoặc khai báo trong procedureCodes.",
                              details: [.init(field: "MaTTHC", code: "unknown", message: LocalizedText(vi: "Thủ tục không có ở trung tâm", en: "Procedure not offered here"))])
            }
            let fields = Set(deployment.form(for: found).map(\.field.id))
            var request = IntakeRequest(procedure: found.code, channel: .online, formValues: record.formValues.filter { fields.contains($0.key) })
            request.portalCode = record.portalCode
            let dossier = try intake.receive(request, by: principal)
            _ = try sync.recordImport(portalCode: record.portalCode, dossier: dossier.code, by: principal)
            return Outcome(state: .imported, portalCode: record.portalCode, dossier: dossier.code, problem: nil)
        } catch let problem as Problem {
            return Outcome(state: .refused, portalCode: record.portalCode, dossier: nil, problem: problem)
        } catch {
            return Outcome(state: .refused, portalCode: record.portalCode, dossier: nil, problem: Problem(
                "portal-import.failed", status: 500, en: "Dossier \(record.portalCode) could not be imported: \(error)",
                vi: "Không nhận được hồ sơ \(record.portalCode): \(error)"))
        }
    }

    /// The outcomes as the API answers them.
    public static func json(_ outcomes: [Outcome]) -> JSONValue {
        .object(JSONObject([
            ("imported", .number(.integer(Int64(outcomes.count { $0.state == .imported })))),
            ("duplicates", .number(.integer(Int64(outcomes.count { $0.state == .duplicate })))),
            ("refused", .number(.integer(Int64(outcomes.count { $0.state == .refused })))),
            ("results", .array(outcomes.map { outcome in
                var members: [(String, JSONValue)] = [("state", .string(outcome.state.rawValue)), ("portalCode", outcome.portalCode.map(JSONValue.string) ?? .null),
                                                      ("dossier", outcome.dossier.map(JSONValue.string) ?? .null)]
                if let problem = outcome.problem {
                    members.append(("error", .object(JSONObject([
                        ("code", .string(problem.code)), ("message", .string(problem.message.en)), ("messageVi", .string(problem.message.vi)),
                        ("details", .array(problem.details.map { .object(JSONObject([("field", .string($0.field)), ("code", .string($0.code)),
                                                                                     ("message", .string($0.message.en)), ("messageVi", .string($0.message.vi))])) })),
                    ]))))
                }
                return .object(JSONObject(members))
            })),
        ]))
    }
}
