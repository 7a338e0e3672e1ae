#if canImport(Glibc)
import Glibc
#endif
import MotCuaCore
import MotCuaStore

/// The commune's resolved manifest, attached to a runner as data and signed with the
/// province's Ed25519 key (DESIGN.md, "Per-deployment binaries").
///
/// `motcua build` compiles one runner per plugin set and stamps each commune onto a copy.
/// From the end of the file backwards:
///
///     runner | manifest | signer public key (32) | signature (64) | trailer (32)
///     trailer = "MOTCUA-STAMP-v1\n" | manifest length (UInt64, little-endian) | 8 zero bytes
///
/// The signature covers ``signedMessage(manifest:pluginSet:)``: the format, the runner's
/// plugin set and the manifest, so a manifest cannot be moved onto another runner either.
enum StampedManifest {
    static let magic = Array("MOTCUA-STAMP-v1\n".utf8)
    static let trailerLength = 32
    /// Larger manifests are refused as damaged rather than read into memory.
    static let largestManifest = 64 << 20

    /// What a runner knows about itself, shown by `version`.
    struct Identity: Sendable, Equatable {
        /// The plugin ids of the runner, e.g. `queue.standard+intake.onestop+payments.cash`.
        var pluginSet: String
        /// The fingerprint of the province key that signed the manifest.
        var keyFingerprint: String
    }

    /// Why a runner refuses to start; each case says what happened and what to do.
    enum Refusal: Error, Equatable {
        case unreadable(path: String, reason: String)
        case missing
        case damaged
        case otherKey(signer: String, trusted: String)
        case altered

        var message: LocalizedText {
            switch self {
            case let .unreadable(path, reason):
                LocalizedText(vi: "không đọc được chính tệp chương trình \(path) (\(reason)); hãy kiểm tra quyền đọc tệp",
                              en: "cannot read this program's own file \(path) (\(reason)); check that it is readable")
            case .missing:
                LocalizedText(vi: "tệp này không mang cấu hình đã ký của xã; hãy dùng tệp motcua-<mã> do motcua build tạo trong dist/, đừng chép bộ chạy (runner) trần",
                              en: "this file carries no signed commune manifest; use the motcua-<id> file motcua build wrote to dist/, not a bare runner")
            case .damaged:
                LocalizedText(vi: "phần cấu hình gắn vào tệp bị hỏng (bị cắt hoặc ghi đè); hãy lấy lại tệp từ dist/ và kiểm tra bằng sha256sum -c",
                              en: "the attached manifest is damaged (truncated or overwritten); copy the file from dist/ again and check it with sha256sum -c")
            case let .otherKey(signer, trusted):
                LocalizedText(vi: "cấu hình được ký bằng một khoá khác (dấu vân tay \(signer)); chương trình này chỉ tin khoá của tỉnh \(trusted); hãy build lại bằng khoá của tỉnh",
                              en: "the manifest is signed with another key (fingerprint \(signer)); this program trusts only the province key \(trusted); build it again with the province's key")
            case .altered:
                LocalizedText(vi: "cấu hình đã bị sửa sau khi ký (chữ ký không khớp); hãy lấy lại tệp từ dist/ hoặc build lại",
                              en: "the manifest was changed after it was signed (the signature does not match); copy the file from dist/ again or rebuild it")
            }
        }
    }

    /// The bytes the province key signs.
    static func signedMessage(manifest: [UInt8], pluginSet: String) -> [UInt8] {
        magic + Array(pluginSet.utf8) + [UInt8(ascii: "\n")] + manifest
    }

    /// A short, stable name for a public key: the first 16 hex digits of its SHA-256, in fours.
    static func fingerprint(_ publicKey: [UInt8]) -> String {
        let hex = Array(SHA256.hex(publicKey).prefix(16))
        return stride(from: 0, to: hex.count, by: 4).map { String(hex[$0..<min($0 + 4, hex.count)]) }.joined(separator: ":")
    }

    /// `runner` with `manifest` attached and signed for `pluginSet` with `privateKey`.
    static func stamp(runner: [UInt8], manifest: [UInt8], pluginSet: String, privateKey: [UInt8]) throws -> [UInt8] {
        let publicKey = try Ed25519.publicKey(privateKey: privateKey)
        let signature = try Ed25519.sign(signedMessage(manifest: manifest, pluginSet: pluginSet), privateKey: privateKey)
        var length = UInt64(manifest.count).littleEndian
        let lengthBytes = withUnsafeBytes(of: &length) { Array($0) }
        return runner + manifest + publicKey + signature + magic + lengthBytes + [UInt8](repeating: 0, count: 8)
    }

    /// The verified manifest at the end of `bytes` (a whole stamped file).
    static func verify(_ bytes: [UInt8], publicKey: [UInt8], pluginSet: String) throws(Refusal) -> [UInt8] {
        guard bytes.count >= trailerLength else { throw .missing }
        let payloadLength = try manifestLength(trailer: Array(bytes.suffix(trailerLength)))
        let total = payloadLength + Ed25519.keyLength + Ed25519.signatureLength + trailerLength
        guard total <= bytes.count else { throw .damaged }
        return try check(payload: Array(bytes.suffix(total).dropLast(trailerLength)), publicKey: publicKey, pluginSet: pluginSet)
    }

    /// Reads and verifies the manifest attached to the file at `path` (the running program's
    /// own file in a runner), reading only its end.
    static func read(executable path: String, publicKey: [UInt8], pluginSet: String) throws(Refusal) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        let size = Int(lseek(descriptor, 0, SEEK_END))
        guard size >= trailerLength else { throw .missing }
        let payloadLength = try manifestLength(trailer: try readAt(descriptor, offset: size - trailerLength, count: trailerLength, path: path))
        let total = payloadLength + Ed25519.keyLength + Ed25519.signatureLength + trailerLength
        guard total <= size else { throw .damaged }
        let payload = try readAt(descriptor, offset: size - total, count: total - trailerLength, path: path)
        return try check(payload: payload, publicKey: publicKey, pluginSet: pluginSet)
    }

    private static func manifestLength(trailer: [UInt8]) throws(Refusal) -> Int {
        guard Array(trailer.prefix(magic.count)) == magic else { throw .missing }
        var length: UInt64 = 0
        for (index, byte) in trailer[magic.count..<(magic.count + 8)].enumerated() { length |= UInt64(byte) << (8 * UInt64(index)) }
        guard length <= UInt64(largestManifest), trailer.suffix(8).allSatisfy({ $0 == 0 }) else { throw .damaged }
        return Int(length)
    }

    /// Checks `manifest | signer key | signature` against the trusted key.
    private static func check(payload: [UInt8], publicKey: [UInt8], pluginSet: String) throws(Refusal) -> [UInt8] {
        let manifest = Array(payload.dropLast(Ed25519.keyLength + Ed25519.signatureLength))
        let signer = Array(payload.suffix(Ed25519.keyLength + Ed25519.signatureLength).prefix(Ed25519.keyLength))
        let signature = Array(payload.suffix(Ed25519.signatureLength))
        let message = signedMessage(manifest: manifest, pluginSet: pluginSet)
        if Ed25519.verify(signature, of: message, publicKey: publicKey) { return manifest }
        // Intact but signed by someone else, or changed after signing (including the signer field).
        if signer != publicKey, Ed25519.verify(signature, of: message, publicKey: signer) {
            throw .otherKey(signer: fingerprint(signer), trusted: fingerprint(publicKey))
        }
        throw .altered
    }

    private static func readAt(_ descriptor: Int32, offset: Int, count: Int, path: String) throws(Refusal) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if read > 0 {
                done += read
            } else if read < 0, errno == EINTR {
                continue
            } else {
                throw read == 0 ? .damaged : .unreadable(path: path, reason: String(cString: strerror(errno)))
            }
        }
        return bytes
    }
}
