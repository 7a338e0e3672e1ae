import MotCuaCore

/// What every page needs to know about the request it answers.
public struct PageContext: Sendable {
    /// The language to render in.
    public var language: Language
    /// The centre's deployment.
    public var deployment: Deployment
    /// Who is asking.
    public var caller: Caller
    /// The request's path without its query, e.g. `/admin/staff`; the language switch
    /// links back to it.
    public var path: String
    /// The per-session token scripts send with state-changing requests (`X-CSRF-Token`);
    /// nil without a session or device cookie.
    public var csrfToken: String?
    /// What the composed plugins offer that a page may link to.
    public var offers: Offers

    /// What the deployment's plugins offer beyond the page's own kind, found through their
    /// contracts and capabilities (a payments method, a ratings plugin, ``AppointmentBooking``),
    /// never through their ids.
    public struct Offers: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// Fees can be seen and paid.
        public static let payments = Offers(rawValue: 1 << 0)
        /// A returned dossier can be rated.
        public static let ratings = Offers(rawValue: 1 << 1)
        /// Appointments can be booked.
        public static let booking = Offers(rawValue: 1 << 2)
    }

    /// Creates a context.
    public init(language: Language, deployment: Deployment, caller: Caller, path: String, offers: Offers = []) {
        self.language = language
        self.deployment = deployment
        self.caller = caller
        self.path = path
        self.offers = offers
    }

    /// The text in the page's language, escaped for HTML.
    public func text(_ text: LocalizedText) -> Markup {
        HTML.escape(text.text(language))
    }

    /// The signed-in staff account, if the caller is staff.
    var staff: StaffAccount? {
        if case .staff(let account) = caller { account } else { nil }
    }

    /// Whether the caller is a supervisor or an administrator.
    /// The caller's staff role; nil for devices and citizens.
    var staffRole: StaffRole? { staff?.role }

    var isSupervisor: Bool {
        (staff?.role ?? .clerk) >= .supervisor
    }
}
