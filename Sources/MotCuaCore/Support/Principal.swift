/// Who performs an action: recorded with every write in the journal.
///
/// Named `Principal` rather than "actor" because `Actor` is a Swift concurrency protocol.
public struct Principal: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The kinds of principal MotCua knows.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A signed-in staff member (clerk, supervisor, admin).
        case staff
        /// A paired device: kiosk, display board, rating tablet, lookup PC.
        case device
        /// A member of the public, unauthenticated.
        case citizen
        /// MotCua itself: scheduled closings, imports, the harness.
        case system
    }

    /// What kind of principal this is.
    public var kind: Kind
    /// The account or device id; empty for citizens and the system.
    public var id: String

    /// Creates a principal.
    public init(kind: Kind, id: String = "") {
        self.kind = kind
        self.id = id
    }

    /// A staff member by account id.
    public static func staff(_ id: String) -> Principal { Principal(kind: .staff, id: id) }
    /// A device by device id.
    public static func device(_ id: String) -> Principal { Principal(kind: .device, id: id) }
    /// The anonymous public.
    public static let citizen = Principal(kind: .citizen)
    /// MotCua itself.
    public static let system = Principal(kind: .system)

    /// The form written to the journal's actor column, e.g. `staff:lan` or `system`.
    public var description: String { id.isEmpty ? kind.rawValue : "\(kind.rawValue):\(id)" }
}
