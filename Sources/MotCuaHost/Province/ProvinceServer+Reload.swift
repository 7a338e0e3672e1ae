#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
import MotCuaHTTP
import MotCuaStore

/// Adding and changing centres while the others serve (`motcua province reload`, SIGHUP).
extension ProvinceServer {
    /// What a reload did, file by file.
    public struct ReloadReport: Sendable {
        /// New centres now in service.
        public var added: [String] = []
        /// Centres recomposed from a changed manifest.
        public var changed: [String] = []
        /// Centres whose manifest did not change.
        public var unchanged = 0
        /// Files refused, each with why; a centre they ran before keeps running as it was.
        public var refused: [(file: String, lines: [String])] = []
        /// Files gone from the folder: their centres were ended (live streams closed, store let go).
        public var removed: [String] = []

        /// The report for the log and `motcua province reload`, in `language`.
        public func lines(_ language: Language) -> [String] {
            let vi = language == .vi
            var lines = [vi
                ? "nạp lại: \(added.count) trung tâm mới, \(changed.count) thay đổi, \(unchanged) giữ nguyên, \(refused.count) bị từ chối"
                : "reload: \(added.count) new, \(changed.count) changed, \(unchanged) unchanged, \(refused.count) refused"]
            lines += added.map { (vi ? "  mới: " : "  new: ") + $0 }
            lines += changed.map { (vi ? "  thay đổi: " : "  changed: ") + $0 }
            for (file, reasons) in refused {
                lines.append((vi ? "  từ chối (bản đang chạy vẫn chạy): " : "  refused (what ran keeps running): ") + file)
                lines += reasons.map { "    " + $0 }
            }
            lines += removed.map { (vi ? "  không còn tệp, đã dừng trung tâm: " : "  file gone, centre ended: ") + $0 }
            return lines
        }
    }

    /// Reads the folder again and puts in service every new or changed deployment that loads,
    /// composes and clashes with no other; the rest keep running untouched (their streams stay
    /// open). A refused file leaves the centre it ran before as it was. A centre whose file is
    /// gone is taken out of service and ended: its live streams are closed, its plugins
    /// stopped and its store let go.
    public func reload(_ folder: String, factory: TenantFactory, units: AdministrativeUnits? = nil, language: Language) async -> ReloadReport {
        var report = ReloadReport()
        let found = ProvinceFolder.load(folder, catalogue: factory.catalogue, units: units, language: language)
        report.refused = found.failures
        let running = tenants
        let byFile = Dictionary(running.map { ($0.file, $0) }, uniquingKeysWith: { first, _ in first })
        let foundFiles = Set(found.manifests.map(\.file))
        let failedFiles = Set(found.failures.map(\.file))
        let gone = running.filter { !foundFiles.contains($0.file) && !failedFiles.contains($0.file) }
        // The centres that stay as they are come first, so a clash refuses the newcomer.
        let kept = running.filter { tenant in
            failedFiles.contains(tenant.file) || found.manifests.contains { $0.file == tenant.file && $0.fingerprint == tenant.fingerprint }
        }
        let candidates = found.manifests.filter { byFile[$0.file]?.fingerprint != $0.fingerprint }
        var clashes: [String: [String]] = [:]
        let together = kept.map { (file: $0.file, deployment: $0.deployment) } + candidates.map { (file: $0.file, deployment: $0.deployment) }
        for duplicate in DuplicateCentre.find(together) where !kept.contains(where: { $0.file == duplicate.file }) {
            clashes[duplicate.file, default: []].append(duplicate.rendered(language))
        }
        for manifest in candidates where manifest.deployment.centre.province.code != province.code {
            clashes[manifest.file, default: []].append(Self.otherProvince(manifest, province: province, language: language))
        }
        for manifest in candidates where Self.reservedSegments.contains(manifest.deployment.centre.unitCode) {
            clashes[manifest.file, default: []] += Self.problems([(manifest.file, manifest.deployment)], language: language)
        }
        report.unchanged = found.manifests.count - candidates.count
        for manifest in candidates {
            if let lines = clashes[manifest.file] {
                report.refused.append((manifest.file, lines))
                continue
            }
            let previous = byFile[manifest.file]
            do {
                let tenant = try await factory.make(manifest.deployment, file: manifest.file, fingerprint: manifest.fingerprint,
                                                    hub: previous.flatMap { $0.code == manifest.deployment.centre.unitCode ? $0.application.hub : nil })
                let replaced = install(tenant)
                if let previous, previous.code != tenant.code, let moved = remove(previous.code) { await moved.end() }
                if let replaced { await Self.end(replaced, keeping: tenant.application.hub) }
                if previous == nil { report.added.append(manifest.file) } else { report.changed.append(manifest.file) }
            } catch {
                report.refused.append((manifest.file, Self.reasons(error, language: language)))
            }
        }
        for tenant in gone {
            // A centre whose file was renamed may already have been replaced above.
            if let removed = remove(tenant) { await Self.end(removed, keeping: nil) }
            report.removed.append(tenant.file)
        }
        return report
    }

    /// Ends a centre taken out of service; its live streams are closed unless `hub` (its
    /// successor's) carries them on.
    private static func end(_ tenant: Tenant, keeping hub: EventHub?) async {
        if tenant.application.hub !== hub { tenant.application.hub.closeAll() }
        await tenant.end()
    }

    /// A deployment of another province than the server's, as an error line with its fix.
    static func otherProvince(_ manifest: ProvinceFolder.Manifest, province: Centre.Province, language: Language) -> String {
        let code = manifest.deployment.centre.province.code
        return language == .vi
            ? "\(manifest.file): centre.province.code: \"\(code)\" không phải tỉnh của máy chủ này (\(province.code)) — cách sửa: đặt tệp vào thư mục của tỉnh \(code)"
            : "\(manifest.file): centre.province.code: \"\(code)\" is not this server's province (\(province.code)) — fix: move the file to province \(code)'s folder"
    }

    /// Why a centre could not be composed, one line per reason.
    public static func reasons(_ error: any Error, language: Language) -> [String] {
        switch error {
        case let error as CompositionError: error.problems.map { $0.message.text(language) }
        case let problem as Problem: [problem.message.text(language)]
        case let error as StoreError: [language == .vi ? error.messageVi : error.message]
        default: [String(describing: error)]
        }
    }
}
