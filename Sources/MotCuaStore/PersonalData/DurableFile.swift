#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MotCuaCore

/// Writes files so that they survive a power cut once the call returns: the bytes go to a
/// temporary file that is flushed (`fsync`), renamed over the target, and the folder is
/// flushed too, so the new name is on disk as well.
public enum DurableFile {
    /// Writes `bytes` at `path` durably with the given permissions; the folder must exist.
    public static func write(_ bytes: [UInt8], to path: String, permissions: mode_t = 0o600, exclusive: Bool = false) throws {
        let folder = PlainText.folder(of: path)
        let temporary = exclusive ? path : PlainText.join(folder, ".\(PlainText.lastComponent(of: path)).\(getpid()).tmp")
        let flags = O_WRONLY | O_CREAT | (exclusive ? O_EXCL : O_TRUNC)
        let descriptor = open(temporary, flags, permissions)
        guard descriptor >= 0 else { throw failure("create", path, errno) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in systemWrite(descriptor, buffer.baseAddress! + written, bytes.count - written) }
            if result < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(descriptor)
                unlink(temporary)
                throw failure("write", path, code)
            }
            written += result
        }
        guard fchmod(descriptor, permissions) == 0, fsync(descriptor) == 0 else {
            let code = errno
            close(descriptor)
            unlink(temporary)
            throw failure("flush", path, code)
        }
        close(descriptor)
        if !exclusive, rename(temporary, path) != 0 {
            let code = errno
            unlink(temporary)
            throw failure("rename", path, code)
        }
        try syncFolder(folder)
    }

    /// Creates `folder` and its missing parents, flushing each parent so the new entries last.
    public static func createFolder(_ folder: String) throws {
        var missing: [String] = []
        var current = folder
        while !FileManager.default.fileExists(atPath: current), !current.isEmpty, current != "/" {
            missing.append(current)
            current = PlainText.folder(of: current)
        }
        for path in missing.reversed() {
            if mkdir(path, 0o700) != 0, errno != EEXIST { throw failure("create the folder", path, errno) }
            try syncFolder(PlainText.folder(of: path))
        }
    }

    /// Flushes a folder's entries to disk.
    public static func syncFolder(_ folder: String) throws {
        let descriptor = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { throw failure("open the folder", folder, errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure("flush the folder", folder, errno) }
    }

    private static func systemWrite(_ descriptor: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(descriptor, pointer, count)
        #else
        Darwin.write(descriptor, pointer, count)
        #endif
    }

    private static func failure(_ verb: String, _ path: String, _ code: Int32) -> CryptoError {
        let reason = String(cString: strerror(code))
        return CryptoError(code: "files.write-failed", message: "Cannot \(verb) \(path): \(reason). Check the data folder's disk space and permissions.",
                           messageVi: "Không ghi được \(path) (\(reason)). Hãy kiểm tra dung lượng đĩa và quyền của thư mục dữ liệu.")
    }
}
