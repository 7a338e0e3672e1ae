/// A plugin type with its types erased, as the catalogue lists it.
///
/// Build one with the kind's factory: `.queueing(QueueStandard.self, product: "QueueStandard")`;
/// without `product`, the plugin's module names its product. The descriptor decodes settings
/// strictly and builds the plugin for a deployment.
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
    /// The library product that holds the plugin, as `Package.swift` lists it (`PaymentsCash`):
    /// what `motcua build` links for a manifest that names this plugin.
    public let product: String
    /// The module the plugin type is compiled in. A built-in plugin's product and module
    /// share one name, so `motcua check` refuses a descriptor whose product is not its module.
    public let module: String
    /// How the plugin's scored report names its figures, when it is ``ScoredReporting``.
    public let scoring: ReportScoring?

    private let decode: @Sendable (JSONValue) throws -> any Sendable
    private let build: @Sendable (any Sendable, HostContext) throws -> PluginInstance

    private init<P: Plugin>(_ type: P.Type, product: String?, build: @escaping @Sendable (P.Settings, HostContext) throws -> PluginInstance) {
        // `String(reflecting:)` names a type with its module first: `PaymentsCash.PaymentsCash`.
        let module = String(String(reflecting: type).prefix { $0 != "." })
        self.module = module
        self.product = product ?? module
        scoring = (type as? any ScoredReporting.Type)?.scoring
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
    public static func queueing<P: QueueingPlugin>(_ type: P.Type, product: String? = nil) -> PluginDescriptor {
        PluginDescriptor(type, product: product) { .queueing(try P(settings: $0, context: $1)) }
    }

    /// Describes an intake plugin.
    public static func intake<P: IntakePlugin>(_ type: P.Type, product: String? = nil) -> PluginDescriptor {
        PluginDescriptor(type, product: product) { .intake(try P(settings: $0, context: $1)) }
    }

    /// Describes a payments plugin.
    public static func payments<P: PaymentsPlugin>(_ type: P.Type, product: String? = nil) -> PluginDescriptor {
        PluginDescriptor(type, product: product) { .payments(try P(settings: $0, context: $1)) }
    }

    /// Describes a ratings plugin.
    public static func ratings<P: RatingsPlugin>(_ type: P.Type, product: String? = nil) -> PluginDescriptor {
        PluginDescriptor(type, product: product) { .ratings(try P(settings: $0, context: $1)) }
    }

    /// Describes a reporting plugin.
    public static func reporting<P: ReportingPlugin>(_ type: P.Type, product: String? = nil) -> PluginDescriptor {
        PluginDescriptor(type, product: product) { .reporting(try P(settings: $0, context: $1)) }
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
