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
