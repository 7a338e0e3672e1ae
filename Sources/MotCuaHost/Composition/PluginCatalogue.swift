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

    /// The scored report of the first ``ScoredReporting`` plugin, which ranks a province's communes.
    public var scoring: ReportScoring? {
        descriptors.lazy.compactMap(\.scoring).first
    }

    /// The library product of each plugin, by id, as its descriptor declares it.
    public var products: [PluginID: String] {
        Dictionary(descriptors.map { ($0.id, $0.product) }, uniquingKeysWith: { first, _ in first })
    }

    /// A problem for each plugin the deployment names whose descriptor declares a product
    /// that does not exist: a product is its plugin's module (`Package.swift` gives each
    /// plugin one target and one product of the same name), so any other name cannot link.
    public func productDiagnostics(_ deployment: Deployment, file: String) -> [ManifestDiagnostic] {
        deployment.plugins.compactMap { section in
            guard let descriptor = descriptor(section.id), descriptor.product != descriptor.module else { return nil }
            return ManifestDiagnostic(
                file: file, path: "plugins.\(section.id)", code: "composition.no-such-product",
                message: LocalizedText(
                    vi: "plugin \(section.id) khai báo gói thư viện \"\(descriptor.product)\", nhưng không có gói nào tên như vậy; plugin nằm trong mô-đun \(descriptor.module)",
                    en: "plugin \(section.id) declares the library product \"\(descriptor.product)\", which does not exist; the plugin is compiled in module \(descriptor.module)"),
                fix: LocalizedText(
                    vi: "sửa tên gói trong danh sách BuiltinPlugins.descriptors thành \"\(descriptor.module)\", đúng như danh sách plugins trong Package.swift",
                    en: "name the product \"\(descriptor.module)\" in BuiltinPlugins.descriptors, as Package.swift's plugins list does"))
        }
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
