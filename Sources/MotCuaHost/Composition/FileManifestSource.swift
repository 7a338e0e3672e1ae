#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// Reads manifests from the disk.
public struct FileManifestSource: ManifestSource {
    /// Creates the source.
    public init() {}

    public func read(_ path: String) throws(ManifestSourceError) -> [UInt8] {
        var isDirectory = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .notFound }
        if isDirectory { throw .unreadable("it is a folder, not a file") }
        // Refuse oversized files before reading them into memory.
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > ManifestLoader.maximumFileSize {
            throw .tooLarge(size)
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable("permission denied or I/O error") }
        return [UInt8](data)
    }
}
