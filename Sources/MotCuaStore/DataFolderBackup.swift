#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore
#if canImport(Glibc)
import Glibc
#endif

/// A backup of a whole data folder, and its restore: the database through SQLite's online
/// backup, every other file (sealed scans, the key file, …) as it is, and a
/// manifest of checksums so a damaged or incomplete copy is refused.
///
/// The backup runs while the server works. The database is copied first, then the files:
/// a scan is written before the dossier that names it commits, so every scan the copied
/// database refers to is already on disk when the files are copied. Every file written is
/// flushed to disk with its folder before the command says it is done.
public enum DataFolderBackup {
    /// The database file's name inside a data folder.
    public static let databaseName = "motcua.sqlite"
    /// The manifest's name inside a backup.
    public static let manifestName = "backup-manifest.tsv"
    /// The first line of every manifest.
    static let header = "motcua-backup\t1"

    /// What a backup holds, from its manifest.
    public struct Summary: Sendable {
        /// Files, the database included.
        public var files: Int
        /// Their total size in bytes.
        public var bytes: Int
        /// Journal entries in the database copy.
        public var journalEntries: Int
    }

    /// Copies the data folder at `source` into the new or empty folder `destination`.
    @discardableResult
    public static func create(from source: String, to destination: String) throws -> Summary {
        let database = PlainText.join(source, databaseName)
        guard FileManager.default.fileExists(atPath: database) else {
            throw StoreError(code: "backup.no-database",
                             message: "\(source) holds no \(databaseName); pass --data with the centre's data folder.",
                             messageVi: "\(source) không có \(databaseName); hãy truyền --data là thư mục dữ liệu của trung tâm.")
        }
        try requireEmpty(destination, role: "backup")
        try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: database)
        let copy = PlainText.join(destination, databaseName)
        try store.backup(to: copy)
        // One self-contained file: the copy leaves write-ahead logging, so reading it later
        // creates no -wal or -shm beside it and changes none of its bytes.
        do {
            let connection = try Connection(path: copy, busyTimeoutMilliseconds: 5_000)
            _ = try connection.pragma("PRAGMA journal_mode = DELETE")
        }
        let entries = try journal(copy)
        try fsyncFile(copy)
        var lines = [try line(for: databaseName, in: destination)]
        for relative in try dataFiles(in: source) {
            let path = PlainText.join(source, relative)
            // A file renamed or removed since the listing (a scan's temporary file, a
            // dossier folder emptied for a retry) belongs to no committed data: skip it.
            guard let data = FileManager.default.contents(atPath: path) else {
                if FileManager.default.fileExists(atPath: path) { _ = try read(path) }
                continue
            }
            let bytes = [UInt8](data)
            let target = PlainText.join(destination, relative)
            try FileManager.default.createDirectory(atPath: PlainText.folder(of: target), withIntermediateDirectories: true)
            try write(bytes, to: target)
            lines.append(entry(relative, bytes))
        }
        let manifest = ([header, "journal\t\(entries.entries)"] + lines).joined(separator: "\n") + "\n"
        try write(Array(manifest.utf8), to: PlainText.join(destination, manifestName))
        try fsyncFolders(under: destination)
        return Summary(files: lines.count, bytes: lines.reduce(0) { $0 + (Int($1.split(separator: "\t")[1]) ?? 0) },
                       journalEntries: entries.entries)
    }

    /// Checks a backup: the manifest is whole, every file it lists is present with its size and
    /// checksum, no file is missing from it, and the database's journal verifies.
    @discardableResult
    public static func verify(_ backup: String) throws -> Summary {
        let manifestPath = PlainText.join(backup, manifestName)
        guard let data = FileManager.default.contents(atPath: manifestPath) else {
            throw StoreError(code: "backup.no-manifest",
                             message: "\(backup) has no \(manifestName): it is not a MotCua backup, or it is incomplete. Take a new backup with `motcua backup`.",
                             messageVi: "\(backup) không có \(manifestName): đây không phải bản sao lưu MotCua, hoặc bản sao lưu không đầy đủ. Hãy sao lưu lại bằng `motcua backup`.")
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        guard lines.first == header, lines.count >= 3, lines[1].hasPrefix("journal\t"), let journalCount = Int(lines[1].dropFirst(8)) else {
            throw damaged(backup, "the manifest \(manifestName) is damaged", "tệp kê \(manifestName) bị hỏng")
        }
        var listed = Set<String>()
        var bytes = 0
        for line in lines.dropFirst(2) {
            let parts = line.split(separator: "\t", maxSplits: 2).map(String.init)
            guard parts.count == 3, let size = Int(parts[1]), parts[0].count == 64, isSafe(parts[2]) else {
                throw damaged(backup, "the manifest \(manifestName) is damaged", "tệp kê \(manifestName) bị hỏng")
            }
            let path = PlainText.join(backup, parts[2])
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw damaged(backup, "\(parts[2]) is missing", "thiếu tệp \(parts[2])")
            }
            let file = [UInt8](contents)
            guard file.count == size, SHA256.hex(file) == parts[0] else {
                throw damaged(backup, "\(parts[2]) was altered (its checksum differs from the manifest)",
                              "tệp \(parts[2]) đã bị thay đổi (mã kiểm tra khác tệp kê)")
            }
            listed.insert(parts[2])
            bytes += size
        }
        guard listed.contains(databaseName) else { throw damaged(backup, "\(databaseName) is missing", "thiếu tệp \(databaseName)") }
        let present = Set(try dataFiles(in: backup)).union([databaseName])
        if let extra = present.subtracting(listed).sorted().first {
            throw damaged(backup, "\(extra) is not in the manifest", "tệp \(extra) không có trong tệp kê")
        }
        let result = try journal(PlainText.join(backup, databaseName))
        if let bad = result.firstBadSequence {
            throw damaged(backup, "the journal is broken at sequence \(bad)", "nhật ký bị hỏng ở số thứ tự \(bad)")
        }
        guard result.entries == journalCount else {
            throw damaged(backup, "the journal holds \(result.entries) entries, the manifest says \(journalCount)",
                          "nhật ký có \(result.entries) mục, tệp kê ghi \(journalCount)")
        }
        return Summary(files: listed.count, bytes: bytes, journalEntries: result.entries)
    }

    /// Restores the backup at `source` into the new or empty data folder `destination`.
    ///
    /// The backup is verified first; the files are copied into a temporary folder beside the
    /// destination, checked again against the manifest, flushed to disk, and only then moved
    /// into place, so a failure leaves no half-restored data folder behind.
    @discardableResult
    public static func restore(from source: String, to destination: String) throws -> Summary {
        try requireEmpty(destination, role: "restore")
        let summary = try verify(source)
        let parent = PlainText.folder(of: URL(fileURLWithPath: destination).standardizedFileURL.path)
        try FileManager.default.createDirectory(atPath: parent.isEmpty ? "." : parent, withIntermediateDirectories: true)
        let staging = URL(fileURLWithPath: destination).standardizedFileURL.path + ".restoring-\(getpid())"
        try? FileManager.default.removeItem(atPath: staging)
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
            for relative in try dataFiles(in: source) + [databaseName] {
                let target = PlainText.join(staging, relative)
                try FileManager.default.createDirectory(atPath: PlainText.folder(of: target), withIntermediateDirectories: true)
                try write(try read(PlainText.join(source, relative)), to: target)
            }
            try FileManager.default.copyItem(atPath: PlainText.join(source, manifestName),
                                             toPath: PlainText.join(staging, manifestName))
            try verify(staging)
            try FileManager.default.removeItem(atPath: PlainText.join(staging, manifestName))
            try fsyncFolders(under: staging)
            if FileManager.default.fileExists(atPath: destination) { try FileManager.default.removeItem(atPath: destination) }
            try FileManager.default.moveItem(atPath: staging, toPath: destination)
            try fsyncFolder(parent.isEmpty ? "." : parent)
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
        return summary
    }

    /// Verifies the journal of the database at `path`, read-only.
    static func journal(_ path: String) throws -> JournalVerification {
        let connection = try Connection(path: path, busyTimeoutMilliseconds: 5_000, readOnly: true)
        try connection.begin(immediate: false)
        defer { connection.rollbackQuietly() }
        return try connection.verifyJournal()
    }

    // MARK: Files

    /// Every file of a data folder or backup but the database, its WAL files and the
    /// manifest, as paths relative to `root`, sorted.
    static func dataFiles(in root: String) throws -> [String] {
        var files: [String] = []
        let skipped: Set<String> = [databaseName, databaseName + "-wal", databaseName + "-shm", databaseName + "-journal", manifestName]
        for relative in (try? FileManager.default.subpathsOfDirectory(atPath: root)) ?? [] {
            let path = PlainText.join(root, relative)
            var folder = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &folder), !folder, !skipped.contains(relative) else { continue }
            files.append(relative)
        }
        return files.sorted()
    }

    private static func entry(_ relative: String, _ bytes: [UInt8]) -> String {
        "\(SHA256.hex(bytes))\t\(bytes.count)\t\(relative)"
    }

    private static func line(for relative: String, in root: String) throws -> String {
        entry(relative, try read(PlainText.join(root, relative)))
    }

    /// A manifest path stays inside the backup: relative, no `..`, no control characters.
    private static func isSafe(_ relative: String) -> Bool {
        !relative.hasPrefix("/") && !relative.split(separator: "/").contains("..") && TextInput.controlCharacter(in: relative) == nil
    }

    private static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StoreError(code: "backup.unreadable", message: "Cannot read \(path); check its permissions.",
                             messageVi: "Không đọc được \(path); hãy kiểm tra quyền truy cập.")
        }
        return [UInt8](data)
    }

    /// Writes `bytes` to a new file and flushes it to disk.
    private static func write(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw writeFailed(path) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw writeFailed(path) }
            offset += written
        }
        guard fsync(fd) == 0 else { throw writeFailed(path) }
    }

    private static func fsyncFile(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw writeFailed(path) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw writeFailed(path) }
    }

    private static func fsyncFolder(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw writeFailed(path) }
        defer { close(fd) }
        _ = fsync(fd)
    }

    /// Flushes every folder under `root`, and `root` itself, so new names survive a power cut.
    private static func fsyncFolders(under root: String) throws {
        var folders: [String] = []
        for relative in (try? FileManager.default.subpathsOfDirectory(atPath: root)) ?? [] {
            var folder = false
            let path = PlainText.join(root, relative)
            if FileManager.default.fileExists(atPath: path, isDirectory: &folder), folder { folders.append(path) }
        }
        // Deepest first, `root` last: a folder's new name is flushed after what it holds.
        for folder in folders.sorted(by: { $0.count > $1.count }) + [root] { try fsyncFolder(folder) }
    }

    private static func requireEmpty(_ path: String, role: String) throws {
        var folder = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &folder) else { return }
        let contents = folder ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? ["?"]) : ["?"]
        guard contents.isEmpty else {
            throw StoreError(code: "\(role).target-not-empty",
                             message: "\(path) is not an empty folder; \(role == "restore" ? "restore" : "back up") into a new or empty folder, so nothing there is overwritten.",
                             messageVi: "\(path) không phải thư mục trống; hãy \(role == "restore" ? "khôi phục" : "sao lưu") vào một thư mục mới hoặc trống để không ghi đè dữ liệu nào.")
        }
    }

    private static func writeFailed(_ path: String) -> StoreError {
        StoreError(code: "backup.write-failed", message: "Cannot write \(path) (\(String(cString: strerror(errno)))); check the disk and its permissions.",
                   messageVi: "Không ghi được \(path) (\(String(cString: strerror(errno)))); hãy kiểm tra ổ đĩa và quyền ghi.")
    }

    private static func damaged(_ backup: String, _ en: String, _ vi: String) -> StoreError {
        StoreError(code: "backup.damaged",
                   message: "The backup \(backup) is damaged: \(en). Nothing was restored; use another backup.",
                   messageVi: "Bản sao lưu \(backup) bị hỏng: \(vi). Chưa khôi phục gì; hãy dùng bản sao lưu khác.")
    }
}
