/// Loads a manifest: reads it and everything it extends, checks each file, layers them,
/// checks the result, and builds a ``Deployment``. Every error found is reported at once.
public struct ManifestLoader: Sendable {
    /// The largest manifest file accepted.
    public static let maximumFileSize = 5 * 1024 * 1024

    /// A loaded manifest file.
    public struct Loaded: Sendable {
        /// The file as named by the caller.
        public var file: String
        /// Whether the file is a layer (`"abstract": true`) rather than a deployment.
        public var isAbstract: Bool
        /// The effective manifest after layering.
        public var effective: JSONValue
        /// The deployment; nil for an abstract layer.
        public var deployment: Deployment?
        /// What loads but deserves a look (e.g. a channel that falls back to the counter's
        /// deadline); `motcua check` prints them without failing.
        public var warnings: [ManifestDiagnostic] = []
    }

    private let source: any ManifestSource
    private let plugins: [PluginID: PluginDescriptor]
    private let otherKnownPlugins: Set<PluginID>
    private let units: AdministrativeUnits?

    /// Creates a loader.
    /// - Parameters:
    ///   - source: where files are read from.
    ///   - plugins: the plugins compiled into this binary; their settings are checked.
    ///   - otherKnownPlugins: ids MotCua ships that this binary does not contain; they are
    ///     accepted here and refused at composition with a clearer message.
    ///   - units: the official unit list; when given, a deployment's `centre.unitCode` must be a
    ///     real unit of its province whose name the centre's name gives.
    public init(source: any ManifestSource, plugins: [PluginDescriptor], otherKnownPlugins: [PluginID] = [],
                units: AdministrativeUnits? = nil) {
        self.units = units
        self.source = source
        self.plugins = Dictionary(plugins.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.otherKnownPlugins = Set(otherKnownPlugins)
    }

    /// Loads and validates the manifest at `path`.
    public func load(_ path: String) throws(ManifestError) -> Loaded {
        var run = LoadRun(source: source)
        let root = run.layer(path, stack: [])
        var diagnostics = run.diagnostics
        guard let root else { throw ManifestError(diagnostics: diagnostics.diagnostics) }

        let effective = root.node.withoutLayeringMarkers()
        var references = ReferenceChecker(root: effective, isDeployment: !root.isAbstract, units: units)
        references.check()
        diagnostics.append(contentsOf: references.diagnostics)
        if !root.isAbstract {
            var shapes = ShapeChecker()
            shapes.checkRequired(effective, against: ManifestSchema.root)
            diagnostics.append(contentsOf: shapes.diagnostics)
        }
        checkPlugins(effective, into: &diagnostics)

        guard diagnostics.isEmpty else { throw ManifestError(diagnostics: diagnostics.diagnostics) }
        let json = effective.json
        let warnings = references.warnings.diagnostics
        guard !root.isAbstract else { return Loaded(file: path, isAbstract: true, effective: json, deployment: nil, warnings: warnings) }
        do {
            let deployment = try DeploymentBuilder.build(from: effective, json: json)
            return Loaded(file: path, isAbstract: false, effective: json, deployment: deployment, warnings: warnings)
        } catch {
            // The checks above cover every rule the builder relies on; this is a safety net.
            diagnostics.report(file: path, "internal", en: "could not build the deployment: \(error)",
                               vi: "không dựng được cấu hình: \(error)",
                               fixEn: "report this manifest to the MotCua developers", fixVi: "gửi tệp cấu hình này cho nhóm phát triển MotCua")
            throw ManifestError(diagnostics: diagnostics.diagnostics)
        }
    }

    private func checkPlugins(_ root: ManifestNode, into diagnostics: inout DiagnosticCollector) {
        guard let members = root["plugins"]?.members else { return }
        let known = (Array(plugins.keys) + Array(otherKnownPlugins)).map(\.rawValue).sorted()
        var books: [(method: String, book: ReceiptBook)] = []
        var seriesNodes: [String: ManifestNode] = [:]
        for member in members {
            let id = PluginID(member.key)
            if let descriptor = plugins[id] {
                do {
                    let settings = try descriptor.decodeSettings(member.node.json)
                    if let book = (settings as? any ReceiptBookSettings)?.receipt {
                        books.append((member.key, book))
                        seriesNodes[member.key] = member.node["receipt"]?["series"] ?? member.node
                    }
                } catch let error as JSONDecodingError {
                    let node = member.node.descendant(at: error.path) ?? member.node
                    var location = node.location
                    location.path = JSONPath(member.node.location.path.components + error.path.components)
                    diagnostics.report(at: location, "plugin-settings", en: "settings of \(id): \(error.message)",
                                       vi: "cấu hình của \(id): \(error.messageVi)",
                                       fixEn: "see `motcua plugins` and the plugin's section in Docs/Plugins.md",
                                       fixVi: "xem `motcua plugins` và mục của plugin trong Docs/Plugins.md")
                } catch {
                    diagnostics.report(at: member.node.location, "plugin-settings", en: "settings of \(id): \(error)",
                                       vi: "cấu hình của \(id): \(error)",
                                       fixEn: "see the plugin's section in Docs/Plugins.md", fixVi: "xem mục của plugin trong Docs/Plugins.md")
                }
            } else if !otherKnownPlugins.contains(id) {
                let near = Suggestion.closest(to: member.key, among: known)
                let listing = known.isEmpty ? "this binary has no plugins" : "known plugins: " + known.joined(separator: ", ")
                let listingVi = known.isEmpty ? "bản dựng này chưa có plugin nào" : "các plugin đã biết: " + known.joined(separator: ", ")
                diagnostics.report(at: member.node.location, "unknown-plugin",
                                   en: "unknown plugin" + (near.map { " — did you mean \($0)?" } ?? ""),
                                   vi: "plugin không tồn tại" + (near.map { " — có phải \($0)?" } ?? ""),
                                   fixEn: near.map { "rename it to \($0)" } ?? "remove it; \(listing)",
                                   fixVi: near.map { "đổi tên thành \($0)" } ?? "xóa nó; \(listingVi)")
            }
        }
        // One receipt series, one method: the later method's series is the one to change.
        for shared in ReceiptBook.sharedSeries(books) {
            let message = ReceiptBook.sharedSeriesMessage(shared), fix = ReceiptBook.sharedSeriesFix(shared)
            diagnostics.report(at: seriesNodes[shared.again]!.location, "receipt-series-shared", en: message.en, vi: message.vi,
                               fixEn: fix.en, fixVi: fix.vi)
        }
    }
}

/// One load's state: the files seen, their layered trees and the diagnostics so far.
private struct LoadRun {
    struct Layer {
        var node: ManifestNode
        var isAbstract: Bool
    }

    let source: any ManifestSource
    var diagnostics = DiagnosticCollector()
    /// Layered results by path; nil marks a file that failed.
    var cache: [String: Layer?] = [:]

    init(source: any ManifestSource) {
        self.source = source
    }

    /// The file at `path` with everything it extends merged beneath it.
    mutating func layer(_ path: String, stack: [String], referencedBy: (String, ManifestNode)? = nil) -> Layer? {
        if let cached = cache[path] { return cached }
        let result = buildLayer(path, stack: stack, referencedBy: referencedBy)
        cache[path] = .some(result)
        return result
    }

    private mutating func buildLayer(_ path: String, stack: [String], referencedBy: (String, ManifestNode)?) -> Layer? {
        guard let bytes = read(path, referencedBy: referencedBy) else { return nil }
        guard let root = parse(bytes, file: path) else { return nil }
        guard root.members != nil else {
            diagnostics.report(at: root.location, "wrong-type", en: "a manifest must be a JSON object, found \(root.typeName)",
                               vi: "tệp cấu hình phải là một đối tượng JSON, gặp \(root.typeName)",
                               fixEn: "wrap the content in { … }", fixVi: "đặt nội dung trong { … }")
            return nil
        }
        var shapes = ShapeChecker()
        shapes.check(root, against: ManifestSchema.root)
        diagnostics.append(contentsOf: shapes.diagnostics)

        var base: ManifestNode?
        for (reference, node) in extendsReferences(root) {
            let target = source.resolve(reference, relativeTo: path)
            if let index = stack.firstIndex(of: target) ?? (target == path ? stack.count : nil) {
                let cycle = (stack[index...] + [path, target]).joined(separator: " → ")
                diagnostics.report(at: node.location, "extends-cycle", en: "extends cycle: \(cycle)",
                                   vi: "kế thừa vòng tròn: \(cycle)",
                                   fixEn: "remove one of the extends so the chain ends", fixVi: "bỏ một khai báo extends để chuỗi kế thừa có điểm dừng")
                continue
            }
            guard let parent = layer(target, stack: stack + [path], referencedBy: (reference, node)) else { continue }
            if let base { parent.node.checkPersonalLevels(over: base, into: &diagnostics) }
            base = base.map { parent.node.merged(over: $0, shape: ManifestSchema.root) } ?? parent.node
        }

        let isAbstract = root["abstract"]?.bool == true
        let own = root.removingKeys(ManifestSchema.layeringKeys)
        if let base { own.checkPersonalLevels(over: base, into: &diagnostics) }
        let node = base.map { own.merged(over: $0, shape: ManifestSchema.root) } ?? own
        return Layer(node: node, isAbstract: isAbstract)
    }

    private func extendsReferences(_ root: ManifestNode) -> [(String, ManifestNode)] {
        guard let node = root["extends"] else { return [] }
        if let single = node.string { return [(single, node)] }
        return node.stringItems
    }

    private mutating func read(_ path: String, referencedBy: (String, ManifestNode)?) -> [UInt8]? {
        let bytes: [UInt8]
        do {
            bytes = try source.read(path)
        } catch {
            switch error {
            case .notFound:
                if let (reference, node) = referencedBy {
                    diagnostics.report(at: node.location, "extends-missing", en: "extends \"\(reference)\", but \(path) does not exist",
                                       vi: "kế thừa \"\(reference)\" nhưng không có tệp \(path)",
                                       fixEn: "correct the path (it is relative to this file) or create the file",
                                       fixVi: "sửa đường dẫn (tính từ thư mục của tệp này) hoặc tạo tệp đó")
                    return nil
                }
                diagnostics.report(file: path, "file-missing", en: "no such file", vi: "không có tệp này",
                                   fixEn: "check the path", fixVi: "kiểm tra lại đường dẫn")
                return nil
            case .unreadable(let reason):
                diagnostics.report(file: path, "file-unreadable", en: "cannot read the file: \(reason)", vi: "không đọc được tệp: \(reason)",
                                   fixEn: "check the file's permissions", fixVi: "kiểm tra quyền đọc tệp")
                return nil
            case .tooLarge(let size):
                reportTooLarge(path, size: size)
                return nil
            }
        }
        if bytes.count > ManifestLoader.maximumFileSize {
            reportTooLarge(path, size: bytes.count)
            return nil
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            diagnostics.report(file: path, "file-empty", en: "the file is empty", vi: "tệp rỗng",
                               fixEn: "write a manifest object, at least { \"abstract\": true }",
                               fixVi: "viết một đối tượng cấu hình, tối thiểu { \"abstract\": true }")
            return nil
        }
        return bytes
    }

    private mutating func reportTooLarge(_ path: String, size: Int) {
        diagnostics.report(file: path, "file-too-large",
                           en: "the file is \(size) bytes, over the 5 MB limit",
                           vi: "tệp có \(size) byte, vượt giới hạn 5 MB",
                           fixEn: "split the catalogue into several files joined with \"extends\"",
                           fixVi: "tách danh mục thành nhiều tệp và nối bằng \"extends\"")
    }

    private mutating func parse(_ bytes: [UInt8], file: String) -> ManifestNode? {
        do {
            let (value, positions) = try JSONParser().parseWithSourceMap(bytes)
            return ManifestNode(value, file: file, positions: positions)
        } catch {
            diagnostics.report(file: file, line: error.line, column: error.column, "invalid-json",
                               en: "invalid JSON: \(error.message)", vi: "JSON không hợp lệ: \(error.messageVi)",
                               fixEn: "correct the JSON at this line and column", fixVi: "sửa JSON tại dòng và cột này")
            return nil
        }
    }
}

extension ManifestNode {
    /// The node without the given top-level keys.
    func removingKeys(_ keys: Set<String>) -> ManifestNode {
        guard let members else { return self }
        return ManifestNode(content: .object(members.filter { !keys.contains($0.key) }), location: location)
    }

    /// The node at a relative path below this one, if it exists.
    func descendant(at path: JSONPath) -> ManifestNode? {
        var node = self
        for component in path.components {
            switch component {
            case .key(let key):
                guard let child = node[key] else { return nil }
                node = child
            case .index(let index):
                guard let items = node.items, items.indices.contains(index) else { return nil }
                node = items[index]
            }
        }
        return node
    }
}
