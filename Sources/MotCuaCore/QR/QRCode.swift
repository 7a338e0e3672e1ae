/// A QR Code symbol (ISO/IEC 18004, Model 2): a square grid of dark and light modules.
///
/// MotCua encodes text in byte mode as UTF-8, at any of the four error-correction levels,
/// in the smallest version 1…40 that holds it, with the mask the standard's penalty rules
/// prefer. The encoder is pure: no I/O, the same text always gives the same symbol.
///
/// ```swift
/// let code = try QRCode(encoding: payload)          // level M
/// let svg = code.svg(moduleSize: 4, title: "VietQR")
/// ```
public struct QRCode: Sendable, Hashable {
    /// The versions the standard defines.
    public static let versions: ClosedRange<Int> = 1...40

    /// The version, 1…40; the symbol is 17 + 4 × version modules wide.
    public let version: Int
    /// The error-correction level the symbol was built with.
    public let errorCorrection: QRErrorCorrection
    /// The data mask pattern, 0…7, chosen by the penalty rules unless one was asked for.
    public let mask: Int
    /// Modules per side, without the quiet zone.
    public let size: Int
    /// Dark modules, row-major.
    private let modules: [Bool]

    /// Whether the module at (row, column) is dark; both run 0..<size from the top left.
    public subscript(row: Int, column: Int) -> Bool {
        modules[row * size + column]
    }

    /// Encodes `text` as UTF-8 bytes.
    ///
    /// - Parameters:
    ///   - errorCorrection: the level; M unless the caller needs another.
    ///   - versions: the versions to choose from; the smallest that holds the text wins.
    ///   - mask: a fixed mask pattern 0…7 (for tests and comparisons); nil lets the
    ///     penalty rules choose.
    /// - Throws: `Problem` `qr.too-long` when no allowed version holds the text, naming the
    ///   byte count and the most that fits.
    public init(
        encoding text: String,
        errorCorrection: QRErrorCorrection = .medium,
        versions: ClosedRange<Int> = QRCode.versions,
        mask: Int? = nil
    ) throws {
        try self.init(encoding: Array(text.utf8), errorCorrection: errorCorrection, versions: versions, mask: mask)
    }

    /// Encodes raw bytes in byte mode, with the same options and errors as the `String` initializer.
    public init(
        encoding bytes: [UInt8],
        errorCorrection: QRErrorCorrection = .medium,
        versions: ClosedRange<Int> = QRCode.versions,
        mask: Int? = nil
    ) throws {
        precondition(versions.clamped(to: Self.versions) == versions, "QR versions must lie within 1…40")
        precondition(mask.map { (0...7).contains($0) } ?? true, "QR mask must be 0…7")
        guard let version = versions.first(where: {
            Self.byteCapacity(version: $0, errorCorrection: errorCorrection) >= bytes.count
        }) else {
            throw Self.tooLong(byteCount: bytes.count, errorCorrection: errorCorrection, versions: versions)
        }

        let codewords = Self.codewords(for: bytes, version: version, errorCorrection: errorCorrection)
        var layout = QRLayout(version: version)
        layout.placeData(codewords)

        func masked(_ pattern: Int) -> QRLayout {
            var candidate = layout
            candidate.applyMask(pattern)
            candidate.drawFormat(errorCorrection: errorCorrection, mask: pattern)
            return candidate
        }
        let chosen: Int
        if let mask {
            chosen = mask
        } else {
            // The lowest penalty; on a tie the lower mask number, so output is stable.
            let penalties = (0...7).map { masked($0).penalty }
            chosen = penalties.indices.min { (penalties[$0], $0) < (penalties[$1], $1) } ?? 0
        }
        let final = masked(chosen)

        self.version = version
        self.errorCorrection = errorCorrection
        self.mask = chosen
        self.size = final.size
        self.modules = final.dark
    }
}

extension QRCode {
    /// The mask-selection penalty of the symbol as it stands (ISO/IEC 18004 §7.8.3).
    var penalty: Int {
        QRLayout(version: version, modules: modules).penalty
    }
}

// MARK: - Capacity

extension QRCode {
    /// All codewords (data plus error correction) in a symbol of `version`.
    static func totalCodewords(version: Int) -> Int {
        totalCodewordTable[version - 1]
    }

    /// Counted once from the drawn function patterns rather than tabulated, so the layout
    /// and the capacity cannot disagree. The leftover 0, 3, 4 or 7 modules are remainder bits.
    private static let totalCodewordTable: [Int] = versions.map { QRLayout(version: $0).dataModuleCount / 8 }

    /// Data codewords in a symbol of `version` at `errorCorrection`.
    static func dataCodewords(version: Int, errorCorrection: QRErrorCorrection) -> Int {
        totalCodewords(version: version)
            - errorCorrection.codewordsPerBlock(version: version) * errorCorrection.blockCount(version: version)
    }

    /// Bits of the character-count indicator in byte mode: 8 up to version 9, then 16.
    static func countIndicatorBits(version: Int) -> Int {
        version <= 9 ? 8 : 16
    }

    /// The most bytes a symbol of `version` at `errorCorrection` holds in byte mode.
    public static func byteCapacity(version: Int, errorCorrection: QRErrorCorrection) -> Int {
        let dataBits = dataCodewords(version: version, errorCorrection: errorCorrection) * 8
        let headerBits = 4 + countIndicatorBits(version: version)
        return (dataBits - headerBits) / 8
    }

    private static func tooLong(byteCount: Int, errorCorrection: QRErrorCorrection, versions: ClosedRange<Int>) -> Problem {
        let most = byteCapacity(version: versions.upperBound, errorCorrection: errorCorrection)
        let level = errorCorrection.rawValue
        return Problem(
            "qr.too-long",
            en: "The text is \(byteCount) bytes in UTF-8; a QR code at level \(level) up to version \(versions.upperBound) holds at most \(most). Shorten the text.",
            vi: "Nội dung dài \(byteCount) byte (UTF-8); mã QR mức \(level) đến phiên bản \(versions.upperBound) chỉ chứa tối đa \(most) byte. Hãy rút ngắn nội dung.",
            details: [Problem.Detail(
                field: "text",
                code: "too-long",
                message: LocalizedText(vi: "Tối đa \(most) byte.", en: "At most \(most) bytes.")
            )]
        )
    }
}

// MARK: - Codewords

extension QRCode {
    /// The data codewords for `bytes`: mode, count, data, terminator, padding (§7.4).
    static func dataCodewords(for bytes: [UInt8], version: Int, errorCorrection: QRErrorCorrection) -> [UInt8] {
        let capacity = dataCodewords(version: version, errorCorrection: errorCorrection)
        var bits = QRBitBuffer()
        bits.append(0b0100, count: 4)   // byte mode
        bits.append(bytes.count, count: countIndicatorBits(version: version))
        for byte in bytes { bits.append(Int(byte), count: 8) }
        // Terminator: up to four zero bits, then zeros to the byte boundary.
        bits.append(0, count: min(4, capacity * 8 - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var codewords = bits.bytes
        // Pad codewords alternate 11101100 and 00010001.
        var pad: UInt8 = 0xEC
        while codewords.count < capacity {
            codewords.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return codewords
    }

    /// The final sequence: data split into blocks, error correction added per block, then
    /// both interleaved codeword by codeword (§7.5–7.6).
    static func codewords(for bytes: [UInt8], version: Int, errorCorrection: QRErrorCorrection) -> [UInt8] {
        let data = dataCodewords(for: bytes, version: version, errorCorrection: errorCorrection)
        let blockCount = errorCorrection.blockCount(version: version)
        let correctionLength = errorCorrection.codewordsPerBlock(version: version)
        // Blocks differ by at most one data codeword; the longer ones come last.
        let shortLength = data.count / blockCount
        let longBlocks = data.count % blockCount
        var dataBlocks: [[UInt8]] = []
        var start = 0
        for index in 0..<blockCount {
            let length = shortLength + (index >= blockCount - longBlocks ? 1 : 0)
            dataBlocks.append(Array(data[start..<start + length]))
            start += length
        }
        let correctionBlocks = dataBlocks.map { QRReedSolomon.errorCorrection(for: $0, degree: correctionLength) }

        var result: [UInt8] = []
        result.reserveCapacity(totalCodewords(version: version))
        for index in 0..<(shortLength + 1) {
            for block in dataBlocks where index < block.count { result.append(block[index]) }
        }
        for index in 0..<correctionLength {
            for block in correctionBlocks { result.append(block[index]) }
        }
        return result
    }
}

/// Bits appended most significant first, read back as bytes.
struct QRBitBuffer {
    private(set) var bytes: [UInt8] = []
    private(set) var count = 0

    /// Appends the low `count` bits of `value`.
    mutating func append(_ value: Int, count bitCount: Int) {
        for shift in stride(from: bitCount - 1, through: 0, by: -1) {
            if count % 8 == 0 { bytes.append(0) }
            if (value >> shift) & 1 == 1 { bytes[count / 8] |= 1 << (7 - count % 8) }
            count += 1
        }
    }
}
