/// The module grid of one QR version while it is being built: which modules are dark and
/// which belong to function patterns (finders, timing, alignment, format and version
/// information) and so never carry data or get masked.
///
/// Coordinates are (row, column) from the top-left module, both 0-based.
struct QRLayout: Sendable {
    /// The symbol version, 1…40.
    let version: Int
    /// Modules per side: 17 + 4 × version.
    let size: Int
    /// Dark modules, row-major.
    private(set) var dark: [Bool]
    /// Function-pattern modules, row-major.
    private(set) var isFunction: [Bool]

    /// A grid with every function pattern of `version` drawn; format bits are reserved but
    /// left light until ``drawFormat(errorCorrection:mask:)``.
    init(version: Int) {
        precondition(QRCode.versions.contains(version), "QR version \(version) outside 1…40")
        self.version = version
        size = 17 + 4 * version
        dark = Array(repeating: false, count: size * size)
        isFunction = Array(repeating: false, count: size * size)
        drawFunctionPatterns()
    }

    /// The grid of an existing symbol: function patterns of `version`, modules as given.
    init(version: Int, modules: [Bool]) {
        self.init(version: version)
        precondition(modules.count == dark.count, "QR modules do not match version \(version)")
        dark = modules
    }

    /// Whether the module at (row, column) is dark.
    subscript(row: Int, column: Int) -> Bool {
        dark[row * size + column]
    }

    /// Marks a function module.
    private mutating func setFunction(_ row: Int, _ column: Int, dark isDark: Bool) {
        dark[row * size + column] = isDark
        isFunction[row * size + column] = true
    }

    /// Row and column centres of the alignment patterns (ISO/IEC 18004 Annex E).
    ///
    /// The first is always 6 and the last size − 7; the others are evenly spaced by an even
    /// step, with the uneven remainder going to the gap after 6. Version 32 is the one
    /// exception in the table, where the rule would give 28 but the standard uses 26.
    static func alignmentCentres(version: Int) -> [Int] {
        guard version > 1 else { return [] }
        let count = version / 7 + 2
        let last = 17 + 4 * version - 7
        let step: Int
        if version == 32 {
            step = 26
        } else {
            // Span from 6 to `last`, divided into count − 1 gaps, rounded up to even.
            let gaps = count - 1
            let span = last - 6
            step = ((span + 2 * gaps - 1) / (2 * gaps)) * 2
        }
        var centres = [6]
        for index in stride(from: count - 2, through: 0, by: -1) {
            centres.append(last - index * step)
        }
        return centres
    }

    private mutating func drawFunctionPatterns() {
        // Timing patterns first; finders and alignment patterns overwrite their ends.
        for index in 0..<size {
            setFunction(6, index, dark: index % 2 == 0)
            setFunction(index, 6, dark: index % 2 == 0)
        }
        drawFinder(centreRow: 3, centreColumn: 3)
        drawFinder(centreRow: 3, centreColumn: size - 4)
        drawFinder(centreRow: size - 4, centreColumn: 3)

        let centres = Self.alignmentCentres(version: version)
        for row in centres {
            for column in centres {
                // Skip the three that would sit on a finder pattern.
                let nearTop = row == 6, nearLeft = column == 6
                let farRow = row == centres.last, farColumn = column == centres.last
                if (nearTop && nearLeft) || (nearTop && farColumn) || (farRow && nearLeft) { continue }
                drawAlignment(centreRow: row, centreColumn: column)
            }
        }

        // Reserve the format areas; the dark module beside the lower-left finder is fixed.
        for index in 0..<9 where index != 6 {
            setFunction(8, index, dark: false)
            setFunction(index, 8, dark: false)
        }
        for index in 0..<8 {
            setFunction(8, size - 1 - index, dark: false)
            setFunction(size - 1 - index, 8, dark: false)
        }
        setFunction(size - 8, 8, dark: true)

        if version >= 7 { drawVersion() }
    }

    /// A 7×7 finder pattern with its light separator, clipped at the symbol edge.
    private mutating func drawFinder(centreRow: Int, centreColumn: Int) {
        for rowOffset in -4...4 {
            for columnOffset in -4...4 {
                let row = centreRow + rowOffset, column = centreColumn + columnOffset
                guard (0..<size).contains(row), (0..<size).contains(column) else { continue }
                let ring = max(abs(rowOffset), abs(columnOffset))
                // Rings from the centre: 0–1 dark core, 2 light, 3 dark border, 4 separator.
                setFunction(row, column, dark: ring != 2 && ring != 4)
            }
        }
    }

    /// A 5×5 alignment pattern: dark border, light ring, dark centre.
    private mutating func drawAlignment(centreRow: Int, centreColumn: Int) {
        for rowOffset in -2...2 {
            for columnOffset in -2...2 {
                let ring = max(abs(rowOffset), abs(columnOffset))
                setFunction(centreRow + rowOffset, centreColumn + columnOffset, dark: ring != 1)
            }
        }
    }

    /// The 18-bit version information: 6 version bits and a BCH(18,6) remainder.
    static func versionBits(version: Int) -> Int {
        // Generator x¹² + x¹¹ + x¹⁰ + x⁹ + x⁸ + x⁵ + x² + 1 (0x1F25).
        bchEncode(version, dataBits: 6, generator: 0x1F25, generatorDegree: 12)
    }

    /// The 15-bit format information for a level and mask, after the 0x5412 XOR mask.
    static func formatBits(errorCorrection: QRErrorCorrection, mask: Int) -> Int {
        // Generator x¹⁰ + x⁸ + x⁵ + x⁴ + x² + x + 1 (0x537).
        let data = errorCorrection.formatBits << 3 | mask
        return bchEncode(data, dataBits: 5, generator: 0x537, generatorDegree: 10) ^ 0b101_0100_0001_0010
    }

    /// `data` followed by the remainder of data·x^degree divided by `generator` over GF(2).
    private static func bchEncode(_ data: Int, dataBits: Int, generator: Int, generatorDegree: Int) -> Int {
        var remainder = data << generatorDegree
        for bit in stride(from: dataBits + generatorDegree - 1, through: generatorDegree, by: -1)
        where remainder & (1 << bit) != 0 {
            remainder ^= generator << (bit - generatorDegree)
        }
        return data << generatorDegree | remainder
    }

    /// The two 6×3 version-information blocks (versions 7 and up).
    private mutating func drawVersion() {
        let bits = Self.versionBits(version: version)
        for bit in 0..<18 {
            let isDark = (bits >> bit) & 1 == 1
            // Bit 0 sits nearest the top-left corner of each block.
            let across = bit / 3, along = size - 11 + bit % 3
            setFunction(across, along, dark: isDark)   // upper right: 6 rows × 3 columns
            setFunction(along, across, dark: isDark)   // lower left: 3 rows × 6 columns
        }
    }

    /// Writes both copies of the format information for a level and mask.
    mutating func drawFormat(errorCorrection: QRErrorCorrection, mask: Int) {
        let bits = Self.formatBits(errorCorrection: errorCorrection, mask: mask)
        func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
        // Around the upper-left finder: bits 0–7 down column 8 (stepping over the timing
        // row) and round the corner, bits 8–14 leftwards along row 8 (over the timing column).
        for index in 0...5 { setFunction(index, 8, dark: bit(index)) }
        setFunction(7, 8, dark: bit(6))
        setFunction(8, 8, dark: bit(7))
        setFunction(8, 7, dark: bit(8))
        for index in 9...14 { setFunction(8, 14 - index, dark: bit(index)) }
        // The copy: bits 0–7 along row 8 from the right edge, bits 8–14 down column 8 to the
        // bottom edge, beside the fixed dark module.
        for index in 0...7 { setFunction(8, size - 1 - index, dark: bit(index)) }
        for index in 8...14 { setFunction(size - 15 + index, 8, dark: bit(index)) }
    }

    /// Modules left for data and error correction once function patterns are drawn.
    var dataModuleCount: Int {
        isFunction.count { !$0 }
    }

    /// Places codewords, most significant bit first, in the two-column zig-zag from the
    /// lower-right corner (ISO/IEC 18004 §7.7.3); leftover remainder bits stay light.
    mutating func placeData(_ codewords: [UInt8]) {
        var bitIndex = 0
        let bitCount = codewords.count * 8
        var upward = true
        var right = size - 1
        while right > 0 {
            // The vertical timing pattern takes column 6 whole; the pair shifts left past it.
            if right == 6 { right = 5 }
            for step in 0..<size {
                let row = upward ? size - 1 - step : step
                for column in [right, right - 1] where !isFunction[row * size + column] {
                    if bitIndex < bitCount {
                        let byte = codewords[bitIndex / 8]
                        dark[row * size + column] = (byte >> (7 - bitIndex % 8)) & 1 == 1
                        bitIndex += 1
                    }
                }
            }
            upward.toggle()
            right -= 2
        }
    }

    /// Flips every data module where `mask`'s condition holds (ISO/IEC 18004 Table 10).
    mutating func applyMask(_ mask: Int) {
        for row in 0..<size {
            for column in 0..<size where !isFunction[row * size + column] {
                if Self.maskCondition(mask, row: row, column: column) {
                    dark[row * size + column].toggle()
                }
            }
        }
    }

    /// Whether data mask pattern `mask` (0…7) inverts module (row, column).
    static func maskCondition(_ mask: Int, row i: Int, column j: Int) -> Bool {
        switch mask {
        case 0: (i + j) % 2 == 0
        case 1: i % 2 == 0
        case 2: j % 3 == 0
        case 3: (i + j) % 3 == 0
        case 4: (i / 2 + j / 3) % 2 == 0
        case 5: (i * j) % 2 + (i * j) % 3 == 0
        case 6: ((i * j) % 2 + (i * j) % 3) % 2 == 0
        case 7: ((i + j) % 2 + (i * j) % 3) % 2 == 0
        default: preconditionFailure("QR mask \(mask) outside 0…7")
        }
    }
}
