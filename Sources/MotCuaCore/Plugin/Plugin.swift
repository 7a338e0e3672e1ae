/// A plugin: a type the host builds from a manifest section and drives through its kind's contract.
///
/// A plugin declares who it is (``id``, ``kind``, ``version``, ``summary``), the
/// ``Settings`` it reads strictly from its manifest section, and the ``migrations`` of the
/// tables it owns. The host decodes the settings, migrates the store, then calls
/// ``init(settings:context:)``. Plugins depend on `MotCuaCore` only and never import each
/// other: they meet through the domain values and events.
public protocol Plugin: Sendable {
    /// The settings read from the plugin's manifest section. Unknown keys are errors.
    associatedtype Settings: Decodable & Sendable

    /// The namespaced id, e.g. `queue.standard`.
    static var id: PluginID { get }
    /// Which contract the plugin implements.
    static var kind: PluginKind { get }
    /// Primary implementation or add-on.
    static var role: PluginRole { get }
    /// The plugin's version, `major.minor.patch`.
    static var version: String { get }
    /// How settled the plugin is.
    static var stability: PluginStability { get }
    /// One line saying what the plugin does, in Vietnamese and English.
    static var summary: LocalizedText { get }
    /// The migrations of the plugin's own tables, oldest first.
    static var migrations: [Migration] { get }

    /// Builds the plugin for one deployment.
    init(settings: Settings, context: HostContext) throws

    /// Called once after every plugin of the deployment is built, before traffic arrives.
    func start() async throws
    /// Called once at shutdown, after traffic has stopped.
    func stop() async
}

extension Plugin {
    public static var role: PluginRole { .primary }
    public static var stability: PluginStability { .development }
    public static var migrations: [Migration] { [] }
    public func start() async throws {}
    public func stop() async {}
}

/// The queueing contract: tickets by sector, called to counters.
public protocol QueueingPlugin: Plugin {
    /// Issues a ticket for a sector.
    func issueTicket(_ request: TicketRequest, by principal: Principal) throws -> Ticket
    /// Calls the next ticket for a counter, or returns nil when nobody waits.
    func callNext(counter: String, by principal: Principal) throws -> Ticket?
    /// Applies a clerk's action to a ticket.
    func perform(_ action: TicketAction, onTicket id: String, by principal: Principal) throws -> Ticket
    /// The queue as it stands.
    func snapshot() throws -> QueueSnapshot
}

/// The intake contract: dossiers received, tracked and returned.
public protocol IntakePlugin: Plugin {
    /// Receives a dossier and gives it a code and an appointment date.
    func receive(_ request: IntakeRequest, by principal: Principal) throws -> Dossier
    /// Moves a dossier to a new status.
    func transition(dossier code: String, to status: Dossier.Status, note: String?, by principal: Principal) throws -> Dossier
    /// Finds a dossier by code.
    func dossier(code: String) throws -> Dossier?
}

/// The payments contract: one payment method.
public protocol PaymentsPlugin: Plugin {
    /// Quotes the fees of a dossier.
    func quote(dossier: Dossier) throws -> FeeQuote
    /// Collects the quoted lines and issues a receipt.
    func collect(_ quote: FeeQuote, by principal: Principal) throws -> Receipt
    /// Voids a receipt, keeping it in the sequence.
    func void(series: String, number: Int, reason: String, by principal: Principal) throws -> Receipt
}

/// The ratings contract: citizens' satisfaction with a served ticket or dossier.
public protocol RatingsPlugin: Plugin {
    /// Records a rating.
    func submit(_ rating: Rating, by principal: Principal) throws -> Rating
}

/// The reporting contract: reports over a period.
public protocol ReportingPlugin: Plugin {
    /// The report ids this plugin produces.
    var reportIDs: [String] { get }
    /// Produces a report for a period.
    func produce(report id: String, period: ReportPeriod) throws -> Report
}
