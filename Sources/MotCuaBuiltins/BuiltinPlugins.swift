import MotCuaCore
import MotCuaHost

/// Every plugin MotCua ships, in one explicit list.
///
/// A plugin issue adds its descriptor here (`.queueing(QueueStandard.self)`) and its
/// product to this target's dependencies. Nothing is discovered at run time.
public enum BuiltinPlugins {
    /// The descriptors of the built-in plugins.
    public static let descriptors: [PluginDescriptor] = []

    /// Kinds every deployment must compose. Queueing and intake become required here when
    /// their first plugins land; until then a deployment with neither is valid.
    public static let requiredKinds: Set<PluginKind> = []

    /// The catalogue of this binary.
    public static let catalogue = PluginCatalogue(descriptors, requiredKinds: requiredKinds)
}
