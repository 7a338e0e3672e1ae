import MotCuaHost

/// A staff account a ``TestHost`` creates, signed in without a password check by ``TestHost/signIn(_:)``.
public struct TestAccount: Sendable {
    /// The login.
    public var id: String
    /// The name pages show.
    public var displayName: String
    /// The role.
    public var role: StaffRole
    /// The counter a clerk sits at.
    public var counter: String?

    /// An account.
    public init(_ id: String, displayName: String, role: StaffRole, counter: String? = nil) {
        self.id = id
        self.displayName = displayName
        self.role = role
        self.counter = counter
    }

    /// `admin`, an administrator.
    public static let admin = TestAccount("admin", displayName: "Quản trị viên", role: .admin)
    /// `sup`, a supervisor.
    public static let supervisor = TestAccount("sup", displayName: "Giám sát", role: .supervisor)
    /// `lan`, a clerk at counter 1.
    public static let clerk = TestAccount("lan", displayName: "Nguyễn Thị Lan", role: .clerk, counter: "1")
    /// A clerk `id` at `counter`.
    public static func clerk(_ id: String, counter: String? = "1") -> TestAccount {
        TestAccount(id, displayName: id, role: .clerk, counter: counter)
    }

    /// The administrator, the supervisor and the clerk at counter 1.
    public static let standard: [TestAccount] = [.admin, .supervisor, .clerk]
}

/// Who a request is sent as: nobody (a citizen), a signed-in staff member or a paired device.
public struct Credential: Sendable {
    /// The header fields that carry it.
    public let headers: [(name: String, value: String)]

    /// A citizen: no credential.
    public static let citizen = Credential(headers: [])

    /// A staff session cookie (`motcua_session=…`).
    public static func cookie(_ cookie: String) -> Credential { Credential(headers: [("Cookie", cookie)]) }

    /// A device token.
    public static func bearer(_ token: String) -> Credential { Credential(headers: [("Authorization", "Bearer \(token)")]) }

    /// This credential with one more header field, e.g. a browser's `Accept: text/html`.
    public func with(_ name: String, _ value: String) -> Credential { Credential(headers: headers + [(name, value)]) }

    /// A browser navigating to a page: it accepts HTML.
    public static let browser = Credential(headers: [("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")])

    /// The `Cookie` value, for a staff credential.
    public var cookie: String? { headers.first { $0.name == "Cookie" }?.value }
}

extension TestHost {
    /// A session for the account `login`, opened directly (no password hashing).
    public func signIn(_ login: String) throws -> Credential {
        guard try identity.account(login) != nil else { throw TestFailure("no account \(login) on this host") }
        return .cookie("motcua_session=" + (try identity.openSession(for: login, remote: "127.0.0.1")))
    }

    /// Pairs a device of `kind` (at `counter`) through the identity service and answers its credential.
    public func pair(_ id: String, kind: DeviceKind, counter: String? = nil) throws -> Credential {
        let pairing = try identity.startPairing(deviceID: id, kind: kind, name: id, counter: counter, by: .system)
        return .bearer(try identity.completePairing(code: pairing.code, remote: "127.0.0.1").token)
    }
}
