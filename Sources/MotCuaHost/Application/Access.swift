import MotCuaCore

/// Who may call a route. The host checks it before the handler runs, and the OpenAPI
/// document and the access tests read the same value.
public enum Access: Sendable, Hashable {
    /// Anyone, including a citizen with no account.
    case anyone
    /// A signed-in staff member with at least this role.
    case staff(StaffRole)
    /// A paired device of one of these kinds.
    case device(Set<DeviceKind>)
    /// Staff with at least this role, or a device of one of these kinds.
    case staffOrDevice(StaffRole, Set<DeviceKind>)

    /// Whether `caller` may call the route; nil when allowed, else the problem to answer.
    func refusal(for caller: Caller) -> Problem? {
        switch (self, caller) {
        case (.anyone, _):
            return nil
        case (.staff(let role), .staff(let account)), (.staffOrDevice(let role, _), .staff(let account)):
            return account.role >= role ? nil : Self.forbidden(needs: role.title)
        case (.device(let kinds), .device(let device)), (.staffOrDevice(_, let kinds), .device(let device)):
            return kinds.contains(device.kind) ? nil : Self.forbidden(needs: LocalizedText(vi: "thiết bị phù hợp", en: "a device of the right kind"))
        case (_, .citizen):
            return Problem("auth.required", status: 401, en: "Sign in, or pair this device, to use this.",
                           vi: "Hãy đăng nhập, hoặc ghép nối thiết bị, để dùng chức năng này.")
        case (.staff(let role), .device):
            return Self.forbidden(needs: role.title)
        case (.device, .staff):
            return Self.forbidden(needs: LocalizedText(vi: "thiết bị đã ghép nối", en: "a paired device"))
        }
    }

    /// Words for the OpenAPI document.
    var summary: String {
        switch self {
        case .anyone: "public"
        case .staff(let role): "staff: \(role.rawValue) or above"
        case .device(let kinds): "device: " + kinds.map(\.rawValue).sorted().joined(separator: ", ")
        case .staffOrDevice(let role, let kinds): "staff: \(role.rawValue) or above; device: " + kinds.map(\.rawValue).sorted().joined(separator: ", ")
        }
    }

    private static func forbidden(needs: LocalizedText) -> Problem {
        Problem("auth.forbidden", status: 403, en: "This needs \(needs.en).", vi: "Chức năng này dành cho \(needs.vi).")
    }
}
