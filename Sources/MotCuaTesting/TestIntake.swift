import Foundation
import MotCuaCore
import Synchronization

/// An intake for testing other plugins without the real one: dossiers are kept in memory by
/// each instance (never shared between tests), put there by the test with ``file(_:)`` or
/// received through the API.
///
/// A received dossier gets the code `T-<procedure>`, the applicant `Lê Thị Hoa` (or the
/// form's `applicant.fullName`), the phone `0987654321` unless the form gives one, and the
/// procedure's sector.
public struct TestIntake: IntakePlugin {
    /// No settings.
    public struct Settings: Decodable, Sendable {}
    /// `intake.test`.
    public static let id: PluginID = "intake.test"
    /// The version.
    public static let version = "1.0.0"
    /// What it is.
    public static let summary = LocalizedText(vi: "Tiếp nhận dùng để kiểm thử", en: "Intake for tests")

    private final class Shelf: Sendable {
        let dossiers = Mutex<[String: Dossier]>([:])
    }

    private let shelf = Shelf()
    private let context: HostContext

    /// Made by the composition.
    public init(settings: Settings, context: HostContext) throws {
        self.context = context
    }

    /// Puts `dossier` where ``dossier(code:)`` finds it.
    public func file(_ dossier: Dossier) {
        shelf.dossiers.withLock { $0[dossier.code] = dossier }
    }

    /// Receives a dossier as described above.
    public func receive(_ request: IntakeRequest, by principal: Principal) throws -> Dossier {
        let now = context.clock.now
        var dossier = Dossier(code: "T-\(request.procedure)", procedure: request.procedure, channel: request.channel,
                              applicantName: request.formValues["applicant.fullName"] ?? "Lê Thị Hoa",
                              formValues: ["applicant.phone": "0987654321"].merging(request.formValues) { $1 },
                              receivedAt: now, dueAt: now.addingTimeInterval(3 * 86_400))
        dossier.sector = context.deployment.procedure(request.procedure)?.sector ?? context.deployment.sectors.first?.id ?? ""
        file(dossier)
        return dossier
    }

    /// Moves a kept dossier to `status`.
    public func transition(dossier code: String, to status: Dossier.Status, note: String?, by principal: Principal) throws -> Dossier {
        try shelf.dossiers.withLock { dossiers in
            guard var dossier = dossiers[code] else {
                throw Problem("intake.no-such-dossier", status: 404, en: "No dossier \(code).", vi: "Không có hồ sơ \(code).")
            }
            dossier.status = status
            dossiers[code] = dossier
            return dossier
        }
    }

    /// The kept dossier with this code.
    public func dossier(code: String) throws -> Dossier? { shelf.dossiers.withLock { $0[code] } }
}
