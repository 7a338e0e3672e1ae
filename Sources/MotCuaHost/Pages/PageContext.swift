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
    /// The prefix a province server serves this centre under (`/05425`), empty for a centre
    /// served alone. Links in the page stay the centre's own (`/kiosk`): the province server
    /// puts the prefix before the ones the browser follows, and `api.js` before the ones
    /// scripts use, reading it from `<html data-base>`.
    public var basePath: String = ""
    /// Staff display names by login, filled for staff callers so pages show a colleague's
    /// name where the records hold a login.
    public var staffNames: [String: String] = [:]

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

    /// Who did something, in words, never a login: a journal actor (`staff:lan`, `user:lan`,
    /// `device:…`, `citizen`, `system`) or a bare login (a receipt's collector) becomes the
    /// person's name from `names` (the page's ``staffNames`` by default), or a plain word.
    func actorName(_ actor: String, names: [String: String]? = nil) -> String {
        let names = names ?? staffNames
        for prefix in ["user:", "staff:"] where actor.hasPrefix(prefix) {
            return names[String(actor.dropFirst(prefix.count))] ?? WebStrings.intakeUnknownStaff.text(language)
        }
        if actor.hasPrefix("device:") { return WebStrings.intakeDeviceActor.text(language) }
        if actor == "citizen" { return WebStrings.actorCitizen.text(language) }
        if actor == "system" || actor.hasPrefix("system:") { return WebStrings.intakeSystemActor.text(language) }
        return names[actor] ?? WebStrings.intakeUnknownStaff.text(language)
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
