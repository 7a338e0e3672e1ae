/// Reed–Solomon error correction over GF(256) as QR codes use it.
///
/// The field is GF(2⁸) reduced by x⁸ + x⁴ + x³ + x² + 1 (0x11D), with α = 2. The generator
/// polynomial of degree n is (x − α⁰)(x − α¹)…(x − αⁿ⁻¹); the error-correction codewords
/// are the remainder of data·xⁿ divided by it (ISO/IEC 18004 §7.5.2).
enum QRReedSolomon {
    /// αⁱ for i in 0..<255, then repeated so sums of two logarithms need no reduction.
    private static let exponents: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 512)
        var value = 1
        for power in 0..<255 {
            table[power] = UInt8(value)
            value <<= 1
            if value & 0x100 != 0 { value ^= 0x11D }
        }
        for power in 255..<512 { table[power] = table[power - 255] }
        return table
    }()

    /// log_α(v) for v in 1...255; index 0 is unused.
    private static let logarithms: [Int] = {
        var table = [Int](repeating: 0, count: 256)
        for power in 0..<255 { table[Int(exponents[power])] = power }
        return table
    }()

    /// The product of two field elements.
    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        if a == 0 || b == 0 { return 0 }
        return exponents[logarithms[Int(a)] + logarithms[Int(b)]]
    }

    /// The generator polynomial of `degree`, highest power first, leading 1 included.
    static func generator(degree: Int) -> [UInt8] {
        var polynomial: [UInt8] = [1]
        for root in 0..<degree {
            // Multiply by (x − αʳᵒᵒᵗ); in characteristic 2, minus is plus.
            let alpha = exponents[root]
            var next = [UInt8](repeating: 0, count: polynomial.count + 1)
            for (index, coefficient) in polynomial.enumerated() {
                next[index] ^= coefficient
                next[index + 1] ^= multiply(coefficient, alpha)
            }
            polynomial = next
        }
        return polynomial
    }

    /// The `degree` error-correction codewords for `data`.
    static func errorCorrection(for data: [UInt8], degree: Int) -> [UInt8] {
        let generator = generator(degree: degree)
        // Long division of data·xⁿ by the generator; only the running remainder is kept.
        var remainder = [UInt8](repeating: 0, count: degree)
        for byte in data {
            let factor = byte ^ remainder[0]
            remainder.removeFirst()
            remainder.append(0)
            if factor == 0 { continue }
            for index in 0..<degree {
                remainder[index] ^= multiply(generator[index + 1], factor)
            }
        }
        return remainder
    }
}
