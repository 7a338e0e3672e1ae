#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// The host's ``BlobStore``: files under `<data>/sealed/<subject>/`, each sealed under its
/// subject's key by a ``PersonalDataVault`` and flushed to disk (file and folder) before
/// `write` returns.
///
/// Files written before encryption existed (e.g. `intake/<code>/0.pdf`) are read as they
/// are until the plugin that owns them moves them here.
public struct SealedFiles: BlobStore {
    /// The folder inside the data folder that holds sealed files.
    public static let folder = "sealed"

    let root: URL
    let vault: any PersonalDataVault

    /// Files under `root` (the data folder), sealed by `vault`.
    public init(root: URL, vault: any PersonalDataVault) {
        self.root = root
        self.vault = vault
    }

    /// The folder of a subject's files, relative to the data folder.
    public static func path(of subject: String) -> String {
        "\(folder)/" + String(subject.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-._".contains($0)) ? $0 : "_" })
    }

    public func write(_ bytes: [UInt8], name: String, for subject: PersonalDataSubject, in transaction: any StoreTransaction) throws -> String {
        guard Self.isPlainName(name) else {
            throw Problem("files.invalid-name", status: 500, en: "A stored file cannot be called \"\(name)\".", vi: "Tên tệp \"\(name)\" không hợp lệ.")
        }
        let sealed = try vault.seal(bytes, for: subject, purpose: "file:\(name)", in: transaction)
        let relative = "\(Self.path(of: subject.id))/\(name)"
        let folder = root.appendingPathComponent(Self.path(of: subject.id), isDirectory: true).path
        try DurableFile.createFolder(folder)
        try DurableFile.write(sealed, to: root.appendingPathComponent(relative).path)
        return relative
    }

    public func read(_ path: String, subject: String, in database: any SQLExecutor) throws -> [UInt8]? {
        guard Self.isSafe(path), let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else { return nil }
        guard path.hasPrefix("\(Self.folder)/") else { return [UInt8](data) }
        let name = PlainText.lastComponent(of: path)
        return try vault.open([UInt8](data), subject: subject, purpose: "file:\(name)", in: database)
    }

    public func remove(_ paths: [String]) {
        for path in paths where Self.isSafe(path) {
            try? FileManager.default.removeItem(at: root.appendingPathComponent(path))
        }
    }

    /// A relative path without `..`, `.` or empty components.
    static func isSafe(_ path: String) -> Bool {
        !path.hasPrefix("/") && !path.isEmpty && path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { isPlainName(String($0)) }
    }

    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.contains("\0")
    }
}
