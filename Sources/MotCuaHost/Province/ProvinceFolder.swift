#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Dispatch
import MotCuaCore
import MotCuaStore
import Synchronization

/// The manifests of a province's folder (`Deployments/phu-tho/`): every deployment under it,
/// each checked as `motcua check` checks it; abstract layers (`province.json`) are skipped.
public struct ProvinceFolder: Sendable {
    /// One deployment found in the folder.
    public struct Manifest: Sendable {
        /// The file.
        public var file: String
        /// The deployment it resolves to.
        public var deployment: Deployment
        /// A digest of the effective manifest (layers included): it changes when the centre does.
        public var fingerprint: String
    }

    /// The deployments that load, in file order.
    public var manifests: [Manifest]
    /// Files that do not load, each with its error lines (file, JSON path, fix).
    public var failures: [(file: String, lines: [String])]

    /// Reads every `*.json` under `folder` with `catalogue`'s loader (and the official unit
    /// list, when given); errors are worded in `language`.
    public static func load(_ folder: String, catalogue: PluginCatalogue, units: AdministrativeUnits? = nil,
                            language: Language) -> ProvinceFolder {
        let loader = catalogue.loader(source: FileManifestSource(), units: units)
        let files = files(under: folder)
        // Each file is checked on its own; on every core at once, then kept in file order.
        let outcomes = Mutex<[Int: Result<Manifest?, ManifestError>]>([:])
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let outcome: Result<Manifest?, ManifestError>
            do throws(ManifestError) {
                let loaded = try loader.load(files[index])
                outcome = .success(loaded.deployment.map { Manifest(file: files[index], deployment: $0, fingerprint: SHA256.hex(loaded.effective.serialized())) })
            } catch {
                outcome = .failure(error)
            }
            outcomes.withLock { $0[index] = outcome }
        }
        var result = ProvinceFolder(manifests: [], failures: [])
        let all = outcomes.withLock { $0 }
        for (index, file) in files.enumerated() {
            switch all[index] {
            case .success(let manifest?): result.manifests.append(manifest)
            case .failure(let error): result.failures.append((file, error.diagnostics.map { $0.rendered(language) }))
            case .success(nil), nil: continue
            }
        }
        return result
    }

    /// Every `*.json` under `folder`, sorted.
    public static func files(under folder: String) -> [String] {
        let root = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        return ((try? FileManager.default.subpathsOfDirectory(atPath: root)) ?? []).filter { $0.hasSuffix(".json") }.sorted().map { root + "/" + $0 }
    }
}
