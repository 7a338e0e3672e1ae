import MotCuaCore

/// A staff member's role. Each role can do what the roles below it can.
public enum StaffRole: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Serves citizens at a counter: tickets, intake, payments.
    case clerk
    /// Runs the centre: pairs devices, voids receipts, closes days, reads reports.
    case supervisor
    /// Manages accounts and the deployment.
    case admin

    public static func < (lhs: StaffRole, rhs: StaffRole) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The role's name for people.
    public var title: LocalizedText {
        switch self {
        case .clerk: LocalizedText(vi: "Cán bộ tiếp nhận", en: "Clerk")
        case .supervisor: LocalizedText(vi: "Lãnh đạo trung tâm", en: "Supervisor")
        case .admin: LocalizedText(vi: "Quản trị", en: "Administrator")
        }
    }
}

/// The kinds of device a centre pairs. Each gets a token limited to its own routes.
public enum DeviceKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The ticket kiosk.
    case kiosk
    /// The display board on a TV.
    case board
    /// The rating tablet at a counter.
    case rating
    /// The public lookup PC.
    case lookup

    /// The page the device shows: where it lands after pairing.
    public var screenPath: String {
        switch self {
        case .kiosk: "/kiosk"
        case .board: "/board"
        case .rating: "/rating"
        case .lookup: "/lookup"
        }
    }

    /// The device's name for people.
    public var title: LocalizedText {
        switch self {
        case .kiosk: LocalizedText(vi: "Máy lấy số", en: "Ticket kiosk")
        case .board: LocalizedText(vi: "Bảng hiển thị", en: "Display board")
        case .rating: LocalizedText(vi: "Máy đánh giá", en: "Rating tablet")
        case .lookup: LocalizedText(vi: "Máy tra cứu", en: "Lookup PC")
        }
    }
}

/// A staff account as the host shows it; never carries the password hash.
public struct StaffAccount: Sendable, Hashable, Codable {
    /// The login name.
    public var id: String
    /// The name shown on consoles and receipts.
    public var displayName: String
    /// The role.
    public var role: StaffRole
    /// The counter the clerk sits at, if assigned.
    public var counter: String?
    /// Whether the account is disabled.
    public var disabled: Bool
    /// Whether the account signed in with a one-time password and must choose its own
    /// before anything else; its session can only change the password or sign out.
    public var mustChangePassword: Bool = false
}

extension StaffAccount {
    private enum CodingKeys: String, CodingKey { case id, displayName, role, counter, disabled, mustChangePassword }

    /// Decodes an account; `mustChangePassword` may be absent (older clients and fixtures).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try container.decode(String.self, forKey: .id), displayName: try container.decode(String.self, forKey: .displayName),
                  role: try container.decode(StaffRole.self, forKey: .role), counter: try container.decodeIfPresent(String.self, forKey: .counter),
                  disabled: try container.decode(Bool.self, forKey: .disabled),
                  mustChangePassword: try container.decodeIfPresent(Bool.self, forKey: .mustChangePassword) ?? false)
    }
}

/// A paired device.
public struct PairedDevice: Sendable, Hashable, Codable {
    /// The device id, e.g. `kiosk-1`.
    public var id: String
    /// What the device is.
    public var kind: DeviceKind
    /// A name for people, e.g. "Kiosk at the entrance".
    public var name: String
    /// The counter a rating tablet belongs to.
    public var counter: String?
    /// Whether its token has been revoked.
    public var revoked: Bool
}

/// Who is calling, once the host has checked the cookie or token.
public enum Caller: Sendable, Hashable {
    /// Nobody signed in: a citizen.
    case citizen
    /// A signed-in staff member.
    case staff(StaffAccount)
    /// A paired device.
    case device(PairedDevice)

    /// The principal recorded in the journal.
    public var principal: Principal {
        switch self {
        case .citizen: .citizen
        case .staff(let account): .staff(account.id)
        case .device(let device): .device(device.id)
        }
    }
}
