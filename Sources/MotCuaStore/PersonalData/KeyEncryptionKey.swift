#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MotCuaCore

/// The centre's key-encryption key (KEK): it wraps every dossier's own key.
///
/// It lives in `<data>/personal-data.key`, readable by its owner only (0600), created on
/// the first start. Losing it loses every personal value of the centre: back it up with the
/// database (Docs/Operations.md). The file holds one line, `motcua-kek-v1 <64 hex digits>`,
/// after optional `#` comment lines.
public struct KeyEncryptionKey: Sendable {
    /// The file's name inside the data folder.
    public static let fileName = "personal-data.key"
    static let header = "motcua-kek-v1"

    /// A short fingerprint of the key (16 hex digits of its SHA-256), stored beside each
    /// wrapped dossier key so a key file from another centre is recognised.
    public let id: String
    let bytes: [UInt8]

    init(bytes: [UInt8]) {
        self.bytes = bytes
        id = String(SHA256.hex(Array("motcua-kek-id".utf8) + bytes).prefix(16))
    }

    /// A fresh random key that lives only in memory: for tests and benchmarks on stores
    /// that do not outlive the process.
    public static func ephemeral() throws -> KeyEncryptionKey {
        KeyEncryptionKey(bytes: try SecureRandom.bytes(AESGCM.keyCount))
    }

    /// The key of a data folder, checked against the database, or the reason the server must
    /// not start. Nothing is written unless the file is missing and the database holds no
    /// sealed data yet: then a new key file is created (0600, flushed to disk).
    public static func load(folder: String, store: any Store) throws -> KeyEncryptionKey {
        let path = PlainText.join(folder, fileName)
        let sealedWith = try PersonalDataKeys.keyIDs(in: store)
        guard let key = try read(folder: folder) else {
            guard sealedWith.isEmpty else {
                throw KeyFileError("key-file.missing", path: path,
                    en: "is missing, but the database holds personal data sealed with key \(sealedWith.sorted().joined(separator: ", ")). Restore the key file from the backup taken with this database; the server will not start without it.",
                    vi: "không có, nhưng cơ sở dữ liệu đang giữ dữ liệu cá nhân mã hóa bằng khóa \(sealedWith.sorted().joined(separator: ", ")). Hãy khôi phục tệp khóa từ bản sao lưu cùng cơ sở dữ liệu này; máy chủ không khởi động khi thiếu tệp.")
            }
            let key = try ephemeral()
            let text = "# MotCua: the key-encryption key of this centre's personal data. Back it up with motcua.sqlite;\n"
                + "# without it every personal value and scan is lost. Keep it readable by the server's account only (0600).\n"
                + "\(header) \(Hex.encode(key.bytes))\n"
            do {
                try DurableFile.write(Array(text.utf8), to: path, permissions: 0o600, exclusive: true)
            } catch let error as CryptoError {
                throw KeyFileError("key-file.create-failed", path: path, en: "cannot be created: \(error.message)", vi: "không tạo được: \(error.messageVi)")
            }
            return key
        }
        if let other = sealedWith.subtracting([key.id]).first {
            throw KeyFileError("key-file.mismatch", path: path,
                               en: "holds key \(key.id), but the database's personal data is sealed with key \(other). Restore the key file taken with this database.",
                               vi: "chứa khóa \(key.id), nhưng dữ liệu cá nhân trong cơ sở dữ liệu được mã hóa bằng khóa \(other). Hãy khôi phục đúng tệp khóa sao lưu cùng cơ sở dữ liệu này.")
        }
        return key
    }

    /// The key in a data folder's key file, nil when there is none, or the reason it cannot
    /// be used (unreadable, readable by others, malformed); reads nothing else.
    public static func read(folder: String) throws -> KeyEncryptionKey? {
        let path = PlainText.join(folder, fileName)
        var isFolder = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return nil }
        guard !isFolder, let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let data = FileManager.default.contents(atPath: path) else {
            throw KeyFileError("key-file.unreadable", path: path,
                               en: "cannot be read. Give the server's account read access to it (chmod 600, owned by that account).",
                               vi: "không đọc được. Hãy cho tài khoản chạy máy chủ quyền đọc tệp (chmod 600, thuộc tài khoản đó).")
        }
        let mode = attributes[.posixPermissions]
        let permissions = (mode as? UInt).map { Int($0) } ?? (mode as? Int) ?? 0
        guard permissions & 0o077 == 0 else {
            throw KeyFileError("key-file.permissions", path: path,
                               en: "can be read or written by other accounts (mode \(String(permissions, radix: 8))). Run: chmod 600 \(path)",
                               vi: "đang cho tài khoản khác đọc hoặc ghi (quyền \(String(permissions, radix: 8))). Hãy chạy: chmod 600 \(path)")
        }
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { $0.trimmingSpaces() }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        let parts = lines.first?.split(separator: " ") ?? []
        guard lines.count == 1, parts.count == 2, parts[0] == header, let bytes = Hex.decode(String(parts[1])), bytes.count == AESGCM.keyCount else {
            throw KeyFileError("key-file.malformed", path: path,
                               en: "is not a MotCua key file (one line \"\(header) <64 hex digits>\" expected). Restore it from the backup; do not edit it by hand.",
                               vi: "không phải tệp khóa MotCua (cần một dòng \"\(header) <64 chữ số hex>\"). Hãy khôi phục từ bản sao lưu; không sửa tay.")
        }
        return KeyEncryptionKey(bytes: bytes)
    }
}

/// Why the key file stops the server: names the file and what to do, in both languages.
public struct KeyFileError: Error, Sendable, CustomStringConvertible {
    /// A stable code such as `key-file.missing`.
    public var code: String
    /// The message in both languages.
    public var message: LocalizedText

    init(_ code: String, path: String, en: String, vi: String) {
        self.code = code
        message = LocalizedText(vi: "Tệp khóa \(path) \(vi)", en: "The key file \(path) \(en)")
    }

    public var description: String { "\(code): \(message.en)" }
}
