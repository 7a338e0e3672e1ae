internal import COpenSSL

/// Ed25519 signatures through libcrypto (`EVP_PKEY_ED25519`), for the province key that signs
/// each commune binary's stamped manifest.
///
/// Keys are the raw 32-byte forms RFC 8032 defines: the private key is a random seed, the
/// public key is derived from it. Signatures are 64 bytes.
public enum Ed25519 {
    /// Bytes in a private seed or a public key.
    public static let keyLength = 32
    /// Bytes in a signature.
    public static let signatureLength = 64

    /// A new private seed from the system's random generator.
    public static func newPrivateKey() throws -> [UInt8] {
        try SecureRandom.bytes(keyLength)
    }

    /// The public key of a private seed.
    public static func publicKey(privateKey: [UInt8]) throws -> [UInt8] {
        let key = try privateKeyObject(privateKey)
        defer { EVP_PKEY_free(key) }
        var length = keyLength
        var output = [UInt8](repeating: 0, count: keyLength)
        guard EVP_PKEY_get_raw_public_key(key, &output, &length) == 1, length == keyLength else {
            throw failure("crypto.ed25519-public", en: "libcrypto could not derive the Ed25519 public key.",
                          vi: "libcrypto không suy ra được khoá công khai Ed25519.")
        }
        return output
    }

    /// The 64-byte signature of `message` with a private seed.
    public static func sign(_ message: [UInt8], privateKey: [UInt8]) throws -> [UInt8] {
        let key = try privateKeyObject(privateKey)
        defer { EVP_PKEY_free(key) }
        guard let context = EVP_MD_CTX_new() else {
            throw failure("crypto.ed25519-sign", en: "libcrypto could not start an Ed25519 signature.", vi: "libcrypto không bắt đầu được chữ ký Ed25519.")
        }
        defer { EVP_MD_CTX_free(context) }
        var signature = [UInt8](repeating: 0, count: signatureLength)
        var length = signatureLength
        let signed = EVP_DigestSignInit(context, nil, nil, nil, key) == 1
            && message.withUnsafeBufferPointer { EVP_DigestSign(context, &signature, &length, $0.baseAddress, $0.count) } == 1
        guard signed, length == signatureLength else {
            throw failure("crypto.ed25519-sign", en: "libcrypto could not sign with Ed25519.", vi: "libcrypto không ký được bằng Ed25519.")
        }
        return signature
    }

    /// Whether `signature` is a valid signature of `message` by `publicKey`; false for any
    /// malformed input, never throws.
    public static func verify(_ signature: [UInt8], of message: [UInt8], publicKey: [UInt8]) -> Bool {
        guard signature.count == signatureLength, publicKey.count == keyLength,
              let key = publicKey.withUnsafeBufferPointer({ EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, $0.baseAddress, $0.count) }) else {
            return false
        }
        defer { EVP_PKEY_free(key) }
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, nil, nil, key) == 1 else { return false }
        return message.withUnsafeBufferPointer { bytes in
            EVP_DigestVerify(context, signature, signature.count, bytes.baseAddress, bytes.count)
        } == 1
    }

    private static func privateKeyObject(_ privateKey: [UInt8]) throws -> OpaquePointer {
        guard privateKey.count == keyLength,
              let key = privateKey.withUnsafeBufferPointer({ EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, $0.baseAddress, $0.count) }) else {
            throw failure("crypto.ed25519-key", en: "An Ed25519 private key is \(keyLength) bytes; this one is \(privateKey.count).",
                          vi: "Khoá bí mật Ed25519 dài \(keyLength) byte; khoá này dài \(privateKey.count) byte.")
        }
        return key
    }

    private static func failure(_ code: String, en: String, vi: String) -> CryptoError {
        CryptoError(code: code, message: en, messageVi: vi)
    }
}
