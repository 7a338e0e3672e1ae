#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaStore

/// A deployment's plugins, built and ready: the host's handle on every contract.
///
/// Made by ``compose(_:catalogue:store:clock:events:logHandler:)``, which refuses a
/// deployment it cannot run and says every reason at once.
public struct Composition: Sendable {
    /// The deployment composed.
    public let deployment: Deployment
    /// The built plugins in manifest order, with their ids.
    public let plugins: [(id: PluginID, instance: PluginInstance)]
    /// The per-dossier keys that seal personal values (Docs/Privacy.md); the retention job
    /// and erasure requests destroy keys through it.
    public let personalData: PersonalDataKeys
    /// Where sealed scans live; nil without a data folder.
    public let blobs: SealedFiles?

    /// The queueing plugin, if the deployment has one.
    public var queueing: (any QueueingPlugin)? {
        plugins.lazy.compactMap { if case .queueing(let plugin) = $0.instance, type(of: plugin).role == .primary { plugin } else { nil } }.first
    }

    /// The primary intake plugin, if the deployment has one.
    public var intake: (any IntakePlugin)? {
        plugins.lazy.compactMap { if case .intake(let plugin) = $0.instance, type(of: plugin).role == .primary { plugin } else { nil } }.first
    }

    /// Payment methods, in manifest order.
    public var payments: [any PaymentsPlugin] {
        plugins.compactMap { if case .payments(let plugin) = $0.instance { plugin } else { nil } }
    }

    /// The ratings plugin, if any.
    public var ratings: (any RatingsPlugin)? {
        plugins.lazy.compactMap { if case .ratings(let plugin) = $0.instance { plugin } else { nil } }.first
    }

    /// Plugins that work in the background while the host serves, in manifest order.
    public var services: [any ServicePlugin] {
        plugins.compactMap { $0.instance.plugin as? any ServicePlugin }
    }

    /// The national portal add-on, if the deployment enables one.
    public var portalSync: (any PortalSyncPlugin)? {
        plugins.lazy.compactMap { if case .intake(let plugin) = $0.instance { plugin as? any PortalSyncPlugin } else { nil } }.first
    }

    /// Reporting plugins, in manifest order.
    public var reporting: [any ReportingPlugin] {
        plugins.compactMap { if case .reporting(let plugin) = $0.instance { plugin } else { nil } }
    }

    /// The first report that can be cut by dimension (the period report), with its plugin:
    /// found through ``ReportingPlugin/supportsCuts(report:)``, not by id.
    public var cutReport: (plugin: any ReportingPlugin, id: String)? {
        reporting.lazy.compactMap { plugin in plugin.reportIDs.first(where: plugin.supportsCuts(report:)).map { (plugin, $0) } }.first
    }

    /// The scored report (the first ``ScoredReporting`` plugin's), with its plugin.
    public var scoredReport: (plugin: any ReportingPlugin, scoring: ReportScoring)? {
        reporting.lazy.compactMap { plugin in (type(of: plugin) as? any ScoredReporting.Type).map { (plugin, $0.scoring) } }.first
    }

    /// The kinds this deployment composes.
    public var kinds: [PluginKind] {
        Array(Set(plugins.map { type(of: $0.instance.plugin).kind })).sorted()
    }

    /// The plugins a deployment will be built from, checked against the catalogue.
    public struct Plan: Sendable {
        /// The deployment.
        public let deployment: Deployment
        /// The chosen plugins with their decoded settings, in manifest order.
        let chosen: [(descriptor: PluginDescriptor, settings: any Sendable)]

        /// The descriptors chosen, in manifest order.
        public var descriptors: [PluginDescriptor] { chosen.map(\.descriptor) }
    }

    /// Checks the deployment against the catalogue without touching a store: unknown plugins,
    /// plugins not compiled in, missing or doubled kinds, lone add-ons, settings that do not
    /// decode, and two payment methods numbering in one receipt series.
    public static func plan(_ deployment: Deployment, catalogue: PluginCatalogue) throws(CompositionError) -> Plan {
        var problems: [Problem] = []
        var chosen: [(PluginDescriptor, JSONValue)] = []
        for section in deployment.plugins {
            if let descriptor = catalogue.descriptor(section.id) {
                chosen.append((descriptor, section.settings))
            } else if catalogue.otherKnownIDs.contains(section.id) {
                problems.append(Problem("composition.not-compiled-in", status: 500,
                    en: "Plugin \(section.id) is not compiled into this binary; rebuild it with `motcua build` for this manifest.",
                    vi: "Plugin \(section.id) không có trong bản dựng này; hãy dựng lại bằng `motcua build` cho tệp cấu hình này."))
            } else {
                let near = Suggestion.closest(to: section.id.rawValue, among: catalogue.descriptors.map(\.id.rawValue))
                problems.append(Problem("composition.unknown-plugin", status: 500,
                    en: "Unknown plugin \(section.id)" + (near.map { "; did you mean \($0)?" } ?? "; see `motcua plugins`."),
                    vi: "Không có plugin \(section.id)" + (near.map { "; có phải \($0)?" } ?? "; xem `motcua plugins`.")))
            }
        }
        for kind in PluginKind.allCases {
            let primaries = chosen.filter { $0.0.kind == kind && $0.0.role == .primary }.map(\.0.id.rawValue)
            let addOns = chosen.filter { $0.0.kind == kind && $0.0.role == .addOn }.map(\.0.id.rawValue)
            let candidates = catalogue.descriptors.filter { $0.kind == kind && $0.role == .primary }.map(\.id.rawValue)
            let hint = candidates.isEmpty ? "" : " (" + candidates.joined(separator: ", ") + ")"
            if primaries.isEmpty, catalogue.requiredKinds.contains(kind) {
                problems.append(Problem("composition.kind-missing", status: 500,
                    en: "The deployment has no \(kind.rawValue) plugin; add one to \"plugins\"\(hint).",
                    vi: "Cấu hình chưa có plugin \(kind.title.vi.lowercased()); hãy thêm vào \"plugins\"\(hint)."))
            }
            if primaries.count > 1, kind.multiplicity != .zeroOrMore {
                problems.append(Problem("composition.kind-duplicated", status: 500,
                    en: "A deployment takes one \(kind.rawValue) plugin, found \(primaries.joined(separator: " and ")); keep one.",
                    vi: "Mỗi cấu hình chỉ có một plugin \(kind.title.vi.lowercased()), gặp \(primaries.joined(separator: " và ")); hãy giữ một."))
            }
            if primaries.isEmpty, !addOns.isEmpty {
                problems.append(Problem("composition.add-on-alone", status: 500,
                    en: "\(addOns.joined(separator: ", ")) adds to the \(kind.rawValue) plugin, but the deployment has none\(hint).",
                    vi: "\(addOns.joined(separator: ", ")) bổ sung cho plugin \(kind.title.vi.lowercased()), nhưng cấu hình chưa có\(hint)."))
            }
        }
        var decoded: [(PluginDescriptor, any Sendable)] = []
        for (descriptor, settings) in chosen {
            do {
                decoded.append((descriptor, try descriptor.decodeSettings(settings)))
            } catch {
                problems.append(Problem("composition.settings", status: 500,
                    en: "Settings of \(descriptor.id) do not decode: \(error). Run `motcua check` on the manifest.",
                    vi: "Cấu hình của \(descriptor.id) không hợp lệ: \(error). Hãy chạy `motcua check` với tệp cấu hình."))
            }
        }
        // One receipt series, one method: otherwise two receipts print with one number.
        let books = decoded.compactMap { descriptor, settings in
            (settings as? any ReceiptBookSettings).map { (method: descriptor.id.rawValue, book: $0.receipt) }
        }
        for shared in ReceiptBook.sharedSeries(books) {
            let message = ReceiptBook.sharedSeriesMessage(shared), fix = ReceiptBook.sharedSeriesFix(shared)
            problems.append(Problem("composition.receipt-series-shared", status: 500,
                en: "plugins.\(shared.again).receipt.series: \(message.en) — fix: \(fix.en)",
                vi: "plugins.\(shared.again).receipt.series: \(message.vi) — cách sửa: \(fix.vi)"))
        }
        guard problems.isEmpty else { throw CompositionError(problems: problems) }
        return Plan(deployment: deployment, chosen: decoded.map { (descriptor: $0.0, settings: $0.1) })
    }

    /// Checks the deployment against the catalogue, migrates each plugin's tables and builds the plugins.
    ///
    /// `outbound` is how plugins reach other systems (the portal's libcurl client in `serve`);
    /// nil leaves them unable to send. `key` is the centre's key-encryption key, loaded with ``KeyEncryptionKey/load(folder:store:)``
    /// from the data folder; nil makes a key that lives only in memory, for tests and
    /// benchmarks on stores that do not outlive the process. `vault` replaces the vault the
    /// plugins see; only `motcua bench intake` passes one, to measure the cost of sealing.
    public static func compose(_ deployment: Deployment, catalogue: PluginCatalogue, store: any Store,
                               clock: any WallClock, events: any EventSink, logHandler: any LogHandler,
                               dataFolder: URL? = nil, key: KeyEncryptionKey? = nil,
                               vault: (any PersonalDataVault)? = nil,
                               outbound: (any OutboundHTTP)? = nil) throws(CompositionError) -> Composition {
        let plan = try plan(deployment, catalogue: catalogue)
        let personalData: PersonalDataKeys
        do {
            personalData = PersonalDataKeys(key: try key ?? KeyEncryptionKey.ephemeral(), clock: clock)
            try personalData.install(on: store)
            if let other = try PersonalDataKeys.keyIDs(in: store).subtracting([personalData.keyID]).first {
                throw Problem("composition.wrong-key", status: 500,
                              en: "the database's personal data is sealed with key \(other), not with the key given (\(personalData.keyID))",
                              vi: "dữ liệu cá nhân trong cơ sở dữ liệu được mã hóa bằng khóa \(other), không phải khóa được cấp (\(personalData.keyID))")
            }
        } catch {
            throw CompositionError(problems: [Problem("composition.personal-data", status: 500,
                en: "The personal-data key table cannot be prepared: \(error)", vi: "Không chuẩn bị được bảng khóa dữ liệu cá nhân: \(error)")])
        }
        let pluginVault = vault ?? personalData
        let blobs = dataFolder.map { SealedFiles(root: $0, vault: pluginVault) }
        var problems: [Problem] = []
        var plugins: [(id: PluginID, instance: PluginInstance)] = []
        let calendar = deployment.calendar
        for (descriptor, settings) in plan.chosen {
            do {
                try store.migrate(MigrationSet(owner: descriptor.id.rawValue, migrations: descriptor.migrations))
                let context = HostContext(deployment: deployment, store: store, clock: clock, calendar: calendar, events: events,
                                          logger: Logger(label: descriptor.id.rawValue, handler: logHandler), dataFolder: dataFolder,
                                          personalData: pluginVault, blobs: blobs, outbound: outbound)
                plugins.append((descriptor.id, try descriptor.instantiate(settings: settings, context: context)))
            } catch let problem as Problem {
                problems.append(problem)
            } catch {
                problems.append(Problem("composition.plugin-failed", status: 500,
                    en: "Plugin \(descriptor.id) failed to start: \(error)", vi: "Plugin \(descriptor.id) không khởi tạo được: \(error)"))
            }
        }
        guard problems.isEmpty else { throw CompositionError(problems: problems) }
        return Composition(deployment: deployment, plugins: plugins, personalData: personalData, blobs: blobs)
    }

    /// Starts every plugin in manifest order, all or nothing.
    ///
    /// When a plugin fails to start, the plugins already started are stopped in reverse
    /// order and the failure is thrown as a ``CompositionError`` naming the plugin, so a
    /// half-started centre never serves.
    public func start() async throws(CompositionError) {
        var started: [PluginInstance] = []
        for (id, instance) in plugins {
            do {
                try await instance.plugin.start()
                started.append(instance)
            } catch {
                for running in started.reversed() { await running.plugin.stop() }
                let cause = (error as? Problem)?.message ?? LocalizedText(vi: String(describing: error), en: String(describing: error))
                throw CompositionError(problems: [Problem("composition.start-failed", status: 500,
                    en: "Plugin \(id) failed to start: \(cause.en). The plugins already started were stopped; fix the cause and start again.",
                    vi: "Plugin \(id) không khởi động được: \(cause.vi). Các plugin đã khởi động đã được dừng; hãy sửa nguyên nhân rồi khởi động lại.")])
            }
        }
    }

    /// Stops every plugin in reverse order.
    public func stop() async {
        for (_, instance) in plugins.reversed() { await instance.plugin.stop() }
    }
}

/// Why a deployment could not be composed: every reason found.
public struct CompositionError: Error, Sendable, CustomStringConvertible {
    /// The problems, each naming the plugin and what to do.
    public var problems: [Problem]

    public var description: String { problems.map(\.message.en).joined(separator: "\n") }
}
