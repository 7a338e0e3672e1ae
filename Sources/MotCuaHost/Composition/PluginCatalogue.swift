import MotCuaCore

/// The plugins a binary can compose, in one explicit list — no discovery, no reflection.
public struct PluginCatalogue: Sendable {
    /// The plugins compiled into this binary, in catalogue order.
    public let descriptors: [PluginDescriptor]
    /// Ids MotCua ships that this binary does not contain (a per-commune build links only
    /// its manifest's plugins); naming one is "not compiled in", not "unknown".
    public let otherKnownIDs: [PluginID]
    /// Kinds every deployment must compose. Queueing and intake are the heart of a centre.
    public let requiredKinds: Set<PluginKind>

    /// Creates a catalogue.
    public init(_ descriptors: [PluginDescriptor], otherKnownIDs: [PluginID] = [], requiredKinds: Set<PluginKind>) {
        self.descriptors = descriptors
        self.otherKnownIDs = otherKnownIDs
        self.requiredKinds = requiredKinds
    }

    /// The descriptor with this id, if compiled in.
    public func descriptor(_ id: PluginID) -> PluginDescriptor? {
        descriptors.first { $0.id == id }
    }

    /// A manifest loader that checks plugin sections against this catalogue, and the centre's
    /// unit code against `units` when given.
    public func loader(source: any ManifestSource, units: AdministrativeUnits? = nil) -> ManifestLoader {
        ManifestLoader(source: source, plugins: descriptors, otherKnownPlugins: otherKnownIDs, units: units)
    }

    /// Problems with the catalogue itself: duplicate or malformed ids. Checked by tests.
    public func selfCheck() -> [String] {
        var problems: [String] = []
        var seen: Set<PluginID> = []
        for descriptor in descriptors {
            if !descriptor.id.isWellFormed { problems.append("\(descriptor.id): id is not namespace.name in lowercase") }
            if !seen.insert(descriptor.id).inserted { problems.append("\(descriptor.id): listed twice") }
        }
        return problems
    }
}
