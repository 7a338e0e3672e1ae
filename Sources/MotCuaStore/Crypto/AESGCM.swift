internal import COpenSSL

/// AES-256-GCM from the system's libcrypto (the EVP interface): authenticated encryption of
/// personal values, scans and wrapped dossier keys.
///
/// A sealed box is `nonce (12 bytes) ‖ ciphertext ‖ tag (16 bytes)`, with a fresh random
/// nonce per call. The associated data is authenticated but not stored: opening with other
/// associated data (another dossier, another purpose) fails like a tampered box does.
public enum AESGCM {
    /// The key length in bytes (AES-256).
    public static let keyCount = 32
    /// The nonce length in bytes.
    public static let nonceCount = 12
    /// The authentication tag length in bytes.
    public static let tagCount = 16
    /// How many bytes sealing adds to a plaintext.
    public static let overhead = nonceCount + tagCount

    /// Seals `plaintext` under `key` with a fresh random nonce; `aad` is authenticated, not encrypted.
    public static func seal(_ plaintext: [UInt8], key: [UInt8], aad: [UInt8] = []) throws -> [UInt8] {
        try checkKey(key)
        let nonce = try SecureRandom.bytes(nonceCount)
        guard let context = EVP_CIPHER_CTX_new() else { throw failure("seal") }
        defer { EVP_CIPHER_CTX_free(context) }
        var output = [UInt8](repeating: 0, count: nonceCount + plaintext.count + tagCount)
        for index in 0..<nonceCount { output[index] = nonce[index] }
        var length: Int32 = 0
        let ok: Bool = output.withUnsafeMutableBufferPointer { out in
            guard EVP_EncryptInit_ex(context, EVP_aes_256_gcm(), nil, nil, nil) == 1,
                  EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_IVLEN, Int32(nonceCount), nil) == 1,
                  EVP_EncryptInit_ex(context, nil, nil, key, nonce) == 1 else { return false }
            if !aad.isEmpty {
                guard EVP_EncryptUpdate(context, nil, &length, aad, Int32(aad.count)) == 1 else { return false }
            }
            let body = out.baseAddress! + nonceCount
            if !plaintext.isEmpty {
                guard EVP_EncryptUpdate(context, body, &length, plaintext, Int32(plaintext.count)) == 1 else { return false }
            }
            var final: Int32 = 0
            guard EVP_EncryptFinal_ex(context, body + Int(length), &final) == 1,
                  EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, Int32(tagCount), body + plaintext.count) == 1 else { return false }
            return true
        }
        guard ok else { throw failure("seal") }
        return output
    }

    /// Opens a box made by ``seal(_:key:aad:)``; throws `crypto.tampered` when the box, the
    /// key or the associated data differ from those it was sealed with.
    public static func open(_ box: [UInt8], key: [UInt8], aad: [UInt8] = []) throws -> [UInt8] {
        try checkKey(key)
        guard box.count >= overhead else { throw tampered }
        guard let context = EVP_CIPHER_CTX_new() else { throw failure("open") }
        defer { EVP_CIPHER_CTX_free(context) }
        let bodyCount = box.count - overhead
        var output = [UInt8](repeating: 0, count: max(1, bodyCount))
        var length: Int32 = 0
        let ok: Bool = box.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                let base = input.baseAddress!
                guard EVP_DecryptInit_ex(context, EVP_aes_256_gcm(), nil, nil, nil) == 1,
                      EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_IVLEN, Int32(nonceCount), nil) == 1,
                      EVP_DecryptInit_ex(context, nil, nil, key, base) == 1 else { return false }
                if !aad.isEmpty {
                    guard EVP_DecryptUpdate(context, nil, &length, aad, Int32(aad.count)) == 1 else { return false }
                }
                if bodyCount > 0 {
                    guard EVP_DecryptUpdate(context, out.baseAddress, &length, base + nonceCount, Int32(bodyCount)) == 1 else { return false }
                }
                let tag = UnsafeMutableRawPointer(mutating: base + nonceCount + bodyCount)
                guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, Int32(tagCount), tag) == 1 else { return false }
                var final: Int32 = 0
                return EVP_DecryptFinal_ex(context, out.baseAddress! + Int(length), &final) == 1
            }
        }
        guard ok else { throw tampered }
        return bodyCount == 0 ? [] : output
    }

    static let tampered = CryptoError(
        code: "crypto.tampered",
        message: "Encrypted data does not authenticate: it was altered, or belongs to another dossier or key.",
        messageVi: "Dữ liệu mã hóa không xác thực được: đã bị sửa, hoặc thuộc hồ sơ hay khóa khác.")

    private static func checkKey(_ key: [UInt8]) throws {
        guard key.count == keyCount else {
            throw CryptoError(code: "crypto.invalid-argument", message: "An AES-256 key has 32 bytes, not \(key.count).",
                              messageVi: "Khóa AES-256 dài 32 byte, không phải \(key.count).")
        }
    }

    private static func failure(_ verb: String) -> CryptoError {
        CryptoError(code: "crypto.cipher-failed", message: "libcrypto could not \(verb) with AES-256-GCM.",
                    messageVi: "libcrypto không thực hiện được mã hóa AES-256-GCM.")
    }
}
