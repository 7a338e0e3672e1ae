internal import COpenSSL

/// HMAC with SHA-256 from the system's libcrypto, e.g. for signing device tokens.
///
/// Compare codes with ``ConstantTime/equals(_:_:)``, never `==`, so timing reveals nothing.
public enum HMACSHA256 {
    /// The code length in bytes.
    public static let byteCount = 32

    /// The 32-byte authentication code of `message` under `key`.
    public static func authenticationCode(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: byteCount)
        var length: UInt32 = 0
        // libcrypto wants non-null pointers even for empty inputs.
        let keyBytes = key.isEmpty ? [0] : key
        let messageBytes = message.isEmpty ? [0] : message
        let result = keyBytes.withUnsafeBytes { keyBuffer in
            messageBytes.withUnsafeBytes { messageBuffer in
                output.withUnsafeMutableBufferPointer { out in
                    HMAC(EVP_sha256(), keyBuffer.baseAddress, Int32(key.count),
                         messageBuffer.bindMemory(to: UInt8.self).baseAddress, message.count,
                         out.baseAddress, &length)
                }
            }
        }
        precondition(result != nil && length == UInt32(byteCount), "libcrypto failed to compute HMAC-SHA-256")
        return output
    }

    /// The code of the UTF-8 bytes of `message` under `key`.
    public static func authenticationCode(key: [UInt8], message: String) -> [UInt8] {
        authenticationCode(key: key, message: Array(message.utf8))
    }
}
