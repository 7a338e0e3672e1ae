internal import COpenSSL

/// SHA-256 from the system's libcrypto.
///
/// A failure inside libcrypto for SHA-256 means the library itself is broken, so these
/// functions stop the program rather than return a hash nobody could trust.
public enum SHA256 {
    /// The digest length in bytes.
    public static let byteCount = 32

    /// The 32-byte digest of `bytes`.
    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: byteCount)
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBytes { input in
            output.withUnsafeMutableBufferPointer { out in
                EVP_Digest(input.baseAddress, input.count, out.baseAddress, &length, EVP_sha256(), nil)
            }
        }
        precondition(ok == 1 && length == UInt32(byteCount), "libcrypto failed to compute SHA-256")
        return output
    }

    /// The digest of the UTF-8 bytes of `text`.
    public static func digest(_ text: String) -> [UInt8] {
        digest(Array(text.utf8))
    }

    /// The digest of `bytes` as 64 lower-case hex characters.
    public static func hex(_ bytes: [UInt8]) -> String {
        Hex.encode(digest(bytes))
    }

    /// The digest of the UTF-8 bytes of `text` as 64 lower-case hex characters.
    public static func hex(_ text: String) -> String {
        Hex.encode(digest(text))
    }
}
