internal import COpenSSL

/// Cryptographically secure random bytes from libcrypto, for salts, tokens and pairing codes.
public enum SecureRandom {
    /// `count` random bytes; throws `crypto.random-unavailable` when the generator cannot be seeded.
    public static func bytes(_ count: Int) throws -> [UInt8] {
        guard count >= 0, count <= Int(Int32.max) else {
            throw CryptoError(
                code: "crypto.invalid-argument",
                message: "Cannot produce \(count) random bytes; ask for 0 to \(Int32.max).",
                messageVi: "Không thể tạo \(count) byte ngẫu nhiên; hãy yêu cầu từ 0 đến \(Int32.max).")
        }
        var output = [UInt8](repeating: 0, count: count)
        guard count > 0 else { return output }
        let ok = output.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32(count)) }
        guard ok == 1 else {
            throw CryptoError(
                code: "crypto.random-unavailable",
                message: "The system random generator is unavailable; check that /dev/urandom is readable.",
                messageVi: "Bộ sinh số ngẫu nhiên của hệ thống không dùng được; hãy kiểm tra quyền đọc /dev/urandom.")
        }
        return output
    }
}
