#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import MotCuaCore

/// Which MotCua release last opened a database file, so that a new binary on a commune's PC
/// backs an older database up before migrating it, and an older binary refuses a newer
/// database instead of misreading it.
///
/// `serve` calls ``prepare(path:current:backupFolder:now:)`` before it opens the store (which
/// applies migrations) and ``record(path:current:now:)`` once every migration has run.
public enum DatabaseRelease {
    /// What opening the database with this release means.
    public enum Decision: Sendable, Equatable {
        /// No database yet: nothing to back up.
        case new
        /// Last opened by this very release.
        case current
        /// Last opened by an older release (nil: one from before releases were recorded); the
        /// database was copied to `backup` before anything was changed.
        case upgrade(from: String?, backup: String)
    }

    /// The table the releases are recorded in; a release that does not know it ignores it.
    static let table = "motcua_release"

    /// Compares the release recorded in the database at `path` with `current`; backs an
    /// older database up into `backupFolder` (created when missing) with SQLite's online
    /// backup, and throws `store.newer-release`, naming both releases, for a newer one.
    public static func prepare(path: String, current: String, backupFolder: String, now: Date = Date()) throws -> Decision {
        guard FileManager.default.fileExists(atPath: path) else { return .new }
        let recorded = try recordedRelease(path: path)
        if let recorded {
            if recorded == current { return .current }
            if Self.isOlder(current, than: recorded) {
                throw StoreError(
                    code: "store.newer-release",
                    message: "The database \(path) was last opened by MotCua \(recorded); this binary is MotCua \(current), which is older "
                        + "and would misread it. Nothing was changed. Run MotCua \(recorded) or newer, or restore the backup "
                        + "made before the upgrade (in \(backupFolder)).",
                    messageVi: "Cơ sở dữ liệu \(path) đã được MotCua \(recorded) mở lần cuối; bản chạy này là MotCua \(current), cũ hơn, "
                        + "có thể đọc sai dữ liệu. Chưa có gì bị thay đổi. Hãy chạy MotCua \(recorded) hoặc mới hơn, hoặc khôi phục bản "
                        + "sao lưu tạo trước khi nâng cấp (trong \(backupFolder)).")
            }
        }
        try FileManager.default.createDirectory(atPath: backupFolder, withIntermediateDirectories: true)
        let backup = PlainText.join(backupFolder, 
            "motcua-\(recorded ?? "unrecorded")-before-\(current)-\(stamp(now)).sqlite")
        try copy(path, to: backup)
        return .upgrade(from: recorded, backup: backup)
    }

    /// Records that `current` opened the database at `path`, after its migrations ran.
    public static func record(path: String, current: String, now: Date = Date()) throws {
        let connection = try Connection(path: path, busyTimeoutMilliseconds: 5_000)
        try connection.script("CREATE TABLE IF NOT EXISTS \(table) (version TEXT NOT NULL, opened_at INTEGER NOT NULL)")
        let latest = try connection.rows("SELECT version FROM \(table) ORDER BY rowid DESC LIMIT 1", []).first
        guard try latest?.string("version") != current else { return }
        try connection.run("INSERT INTO \(table) (version, opened_at) VALUES (?, ?)",
                           [.text(current), .integer(JournalEntry.milliseconds(now))])
    }

    /// The release that last opened the database, nil when none was recorded.
    static func recordedRelease(path: String) throws -> String? {
        let connection = try Connection(path: path, busyTimeoutMilliseconds: 5_000, readOnly: true)
        let tables = try connection.rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?", [.text(table)])
        guard !tables.isEmpty else { return nil }
        return try connection.rows("SELECT version FROM \(table) ORDER BY rowid DESC LIMIT 1", []).first?.string("version")
    }

    /// Whether release `a` is older than `b`, comparing dotted numbers (`0.9.0` < `0.10.0`).
    public static func isOlder(_ a: String, than b: String) -> Bool {
        let left = numbers(a)
        let right = numbers(b)
        for index in 0..<max(left.count, right.count) {
            let x = index < left.count ? left[index] : 0
            let y = index < right.count ? right[index] : 0
            if x != y { return x < y }
        }
        return false
    }

    private static func numbers(_ version: String) -> [Int] {
        version.split(separator: "-").first.map { $0.split(separator: ".").map { Int($0) ?? 0 } } ?? []
    }

    /// A consistent copy of the database at `path` (WAL content included) into a new file.
    private static func copy(_ path: String, to destinationPath: String) throws {
        try SQLiteStore.copy(try Connection(path: path, busyTimeoutMilliseconds: 5_000, readOnly: true), to: destinationPath)
    }

    /// `20261207-064512` in UTC, for backup file names that sort by time.
    private static func stamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))-\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))"
    }
}
