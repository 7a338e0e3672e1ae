/// A plugin type with its types erased, as the catalogue lists it.
///
/// Build one with the kind's factory: `.queueing(QueueStandard.self)`. The descriptor
/// decodes settings strictly and builds the plugin for a deployment.
public struct PluginDescriptor: Sendable, Identifiable {
    /// The namespaced id.
    public let id: PluginID
    /// The kind of contract.
    public let kind: PluginKind
    /// Primary or add-on.
    public let role: PluginRole
    /// The version, `major.minor.patch`.
    public let version: String
    /// How settled the plugin is.
    public let stability: PluginStability
    /// One line saying what it does.
    public let summary: LocalizedText
    /// The plugin's own table migrations, oldest first.
    public let migrations: [Migration]

    private let decode: @Sendable (JSONValue) throws -> any Sendable
    private let build: @Sendable (any Sendable, HostContext) throws -> PluginInstance

    private init<P: Plugin>(_ type: P.Type, build: @escaping @Sendable (P.Settings, HostContext) throws -> PluginInstance) {
        id = P.id
        kind = P.kind
        role = P.role
        version = P.version
        stability = P.stability
        summary = P.summary
        migrations = P.migrations
        decode = { value in try JSONValueDecoder().decode(P.Settings.self, from: value) }
        self.build = { settings, context in
            // `settings` always comes from `decode` above, so the cast cannot fail.
            guard let typed = settings as? P.Settings else {
                throw Problem("plugin.settings-type", status: 500,
                              en: "Internal error: settings of \(P.id) have the wrong type.",
                              vi: "Lỗi nội bộ: cấu hình của \(P.id) sai kiểu.")
            }
            return try build(typed, context)
        }
    }

    /// Describes a queueing plugin.
    public static func queueing<P: QueueingPlugin>(_ type: P.Type) -> PluginDescriptor {
        PluginDescriptor(type) { .queueing(try P(settings: $0, context: $1)) }
    }

    /// Describes an intake plugin.
    public static func intake<P: IntakePlugin>(_ type: P.Type) -> PluginDescriptor {
        PluginDescriptor(type) { .intake(try P(settings: $0, context: $1)) }
    }

    /// Describes a payments plugin.
    public static func payments<P: PaymentsPlugin>(_ type: P.Type) -> PluginDescriptor {
        PluginDescriptor(type) { .payments(try P(settings: $0, context: $1)) }
    }

    /// Describes a ratings plugin.
    public static func ratings<P: RatingsPlugin>(_ type: P.Type) -> PluginDescriptor {
        PluginDescriptor(type) { .ratings(try P(settings: $0, context: $1)) }
    }

    /// Describes a reporting plugin.
    public static func reporting<P: ReportingPlugin>(_ type: P.Type) -> PluginDescriptor {
        PluginDescriptor(type) { .reporting(try P(settings: $0, context: $1)) }
    }

    /// Decodes a manifest section into the plugin's settings; throws `JSONDecodingError`.
    public func decodeSettings(_ value: JSONValue) throws -> any Sendable {
        try decode(value)
    }

    /// Builds the plugin from decoded settings.
    public func instantiate(settings: any Sendable, context: HostContext) throws -> PluginInstance {
        try build(settings, context)
    }
}

/// A built plugin, tagged with its kind so the host can route each contract's calls.
public enum PluginInstance: Sendable {
    case queueing(any QueueingPlugin)
    case intake(any IntakePlugin)
    case payments(any PaymentsPlugin)
    case ratings(any RatingsPlugin)
    case reporting(any ReportingPlugin)

    /// The plugin whatever its kind, for lifecycle calls.
    public var plugin: any Plugin {
        switch self {
        case .queueing(let plugin): plugin
        case .intake(let plugin): plugin
        case .payments(let plugin): plugin
        case .ratings(let plugin): plugin
        case .reporting(let plugin): plugin
        }
    }
}
