/// Where manifest files come from: the disk for the CLI, embedded bytes for a built binary.
///
/// `MotCuaCore` reads no files itself; the host passes a source.
public protocol ManifestSource: Sendable {
    /// The bytes of the file at `path`.
    func read(_ path: String) throws(ManifestSourceError) -> [UInt8]
}

/// Why a manifest file could not be read.
public enum ManifestSourceError: Error, Sendable, Hashable {
    /// No file at that path.
    case notFound
    /// The file exists but could not be read; the reason is the system's.
    case unreadable(String)
    /// The file is larger than ``ManifestLoader/maximumFileSize``; the size in bytes.
    case tooLarge(Int)
}

extension ManifestSource {
    /// Resolves `reference`, written in the file `file`, to a path: relative to the file's folder.
    public func resolve(_ reference: String, relativeTo file: String) -> String {
        ManifestPaths.resolve(reference, relativeTo: file)
    }
}

/// Path arithmetic for manifest references, on plain strings.
public enum ManifestPaths {
    /// `reference` resolved against the folder of `file`, with `.` and `..` removed.
    public static func resolve(_ reference: String, relativeTo file: String) -> String {
        if reference.hasPrefix("/") { return normalize(reference) }
        let folder = file.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        return normalize(folder.isEmpty ? reference : folder + "/" + reference)
    }

    /// The path with `.` segments and `x/..` pairs removed.
    public static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                if let last = parts.last, last != ".." { parts.removeLast() } else if !absolute { parts.append(part) }
            default: parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}

/// Manifest files held in memory: the embedded demo, or a test's fixtures.
public struct InMemoryManifestSource: ManifestSource {
    /// The files by path.
    public var files: [String: [UInt8]]

    /// Creates a source from file contents.
    public init(_ files: [String: [UInt8]]) {
        self.files = files
    }

    /// Creates a source from text files.
    public init(texts: [String: String]) {
        self.files = texts.mapValues { Array($0.utf8) }
    }

    public func read(_ path: String) throws(ManifestSourceError) -> [UInt8] {
        guard let bytes = files[ManifestPaths.normalize(path)] ?? files[path] else { throw .notFound }
        return bytes
    }
}
