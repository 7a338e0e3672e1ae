internal import COpenSSL

/// PBKDF2 password hashing from the system's libcrypto, for staff passwords.
public enum PBKDF2 {
    /// Iterations for PBKDF2-HMAC-SHA256 recommended by OWASP's 2023 password storage guidance.
    public static let recommendedIterations = 600_000

    /// Derives `keyLength` bytes from a password and salt with HMAC-SHA256.
    ///
    /// Use a fresh random salt of at least 16 bytes per password (``SecureRandom``) and
    /// store it with the iteration count, so the count can rise later. Throws
    /// `crypto.invalid-argument` for a non-positive count or length.
    public static func sha256(password: [UInt8], salt: [UInt8], iterations: Int = recommendedIterations,
                              keyLength: Int = 32) throws -> [UInt8] {
        guard iterations >= 1, iterations <= Int(Int32.max), keyLength >= 1, keyLength <= 1024 else {
            throw CryptoError(
                code: "crypto.invalid-argument",
                message: "PBKDF2 needs 1 or more iterations (got \(iterations)) and a key length of 1 to 1024 bytes (got \(keyLength)).",
                messageVi: "PBKDF2 cần từ 1 vòng lặp trở lên (nhận \(iterations)) và độ dài khóa từ 1 đến 1024 byte (nhận \(keyLength)).")
        }
        var output = [UInt8](repeating: 0, count: keyLength)
        let passwordBytes = password.isEmpty ? [0] : password
        let saltBytes = salt.isEmpty ? [0] : salt
        let ok = passwordBytes.withUnsafeBytes { passwordBuffer in
            saltBytes.withUnsafeBytes { saltBuffer in
                output.withUnsafeMutableBufferPointer { out in
                    PKCS5_PBKDF2_HMAC(
                        passwordBuffer.bindMemory(to: CChar.self).baseAddress, Int32(password.count),
                        saltBuffer.bindMemory(to: UInt8.self).baseAddress, Int32(salt.count),
                        Int32(iterations), EVP_sha256(), Int32(keyLength), out.baseAddress)
                }
            }
        }
        guard ok == 1 else {
            throw CryptoError(
                code: "crypto.failed",
                message: "libcrypto could not derive a PBKDF2 key; check the OpenSSL installation.",
                messageVi: "libcrypto không tạo được khóa PBKDF2; hãy kiểm tra bản cài đặt OpenSSL.")
        }
        return output
    }

    /// Derives a key from the UTF-8 bytes of `password`.
    public static func sha256(password: String, salt: [UInt8], iterations: Int = recommendedIterations,
                              keyLength: Int = 32) throws -> [UInt8] {
        try sha256(password: Array(password.utf8), salt: salt, iterations: iterations, keyLength: keyLength)
    }
}
