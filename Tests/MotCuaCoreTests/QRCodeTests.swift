import Testing
@testable import MotCuaCore

/// The encoder against the numbers ISO/IEC 18004 and its worked examples publish, and the
/// symbol's fixed structure. The independent decoder check is in QRRoundTripTests.
@Suite("QR encoder: codewords, capacity and structure")
struct QRCodeTests {
    // MARK: Reed–Solomon

    @Test("ISO/IEC 18004 Annex I: \"01234567\" at 1-M gets the published 10 error-correction codewords")
    func isoAnnexExample() {
        // Numeric mode data codewords of the standard's example, with pad codewords.
        let data: [UInt8] = [16, 32, 12, 86, 97, 128, 236, 17, 236, 17, 236, 17, 236, 17, 236, 17]
        #expect(QRReedSolomon.errorCorrection(for: data, degree: 10) == [165, 36, 212, 193, 237, 54, 199, 135, 44, 85])
    }

    @Test("Thonky's \"HELLO WORLD\" at 1-M gets the published error-correction codewords")
    func helloWorldExample() {
        let data: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        #expect(QRReedSolomon.errorCorrection(for: data, degree: 10) == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    @Test("The degree-7 generator polynomial has the exponents the standard lists (Annex A)")
    func generatorPolynomial() {
        // α^0 x^7 + α^87 x^6 + α^229 x^5 + α^146 x^4 + α^149 x^3 + α^238 x^2 + α^102 x + α^21
        func alpha(_ power: Int) -> UInt8 {
            var value: UInt8 = 1
            for _ in 0..<power { value = QRReedSolomon.multiply(value, 2) }
            return value
        }
        #expect(QRReedSolomon.generator(degree: 7) == [0, 87, 229, 146, 149, 238, 102, 21].map(alpha))
    }

    // MARK: Data codewords

    @Test("\"hello\" in byte mode at 1-M: mode 0100, count 5, the bytes, terminator, pad 0xEC/0x11")
    func byteModeCodewords() {
        let codewords = QRCode.dataCodewords(for: Array("hello".utf8), version: 1, errorCorrection: .medium)
        #expect(codewords == [0x40, 0x56, 0x86, 0x56, 0xC6, 0xC6, 0xF0, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC])
    }

    @Test("Vietnamese text is counted in UTF-8 bytes, not characters")
    func utf8Count() throws {
        let text = "Đ"   // U+0110, two bytes C4 90
        let codewords = QRCode.dataCodewords(for: Array(text.utf8), version: 1, errorCorrection: .medium)
        // 0100 00000010 11000100 10010000 0000 → 0x40 0x2C 0x49 0x00
        #expect(Array(codewords.prefix(4)) == [0x40, 0x2C, 0x49, 0x00])
    }

    @Test("Blocks are interleaved: 5-Q has 2 blocks of 15 and 2 of 16 data codewords")
    func interleaving() {
        let bytes = [UInt8](repeating: 0x41, count: QRCode.byteCapacity(version: 5, errorCorrection: .quartile))
        let data = QRCode.dataCodewords(for: bytes, version: 5, errorCorrection: .quartile)
        let all = QRCode.codewords(for: bytes, version: 5, errorCorrection: .quartile)
        #expect(data.count == 62)
        #expect(all.count == 134)
        // Column-wise: first codeword of each block, then the second of each, …
        #expect(Array(all.prefix(4)) == [data[0], data[15], data[30], data[46]])
        // The 16th data codeword exists only in the two long blocks; it comes last.
        #expect(Array(all[60..<62]) == [data[45], data[61]])
        let firstBlockCorrection = QRReedSolomon.errorCorrection(for: Array(data[0..<15]), degree: 18)
        #expect(all[62] == firstBlockCorrection[0])
        #expect(all[66] == firstBlockCorrection[1])
    }

    // MARK: Capacity and version choice

    @Test("Byte capacities match the standard's table", arguments: [
        (1, QRErrorCorrection.low, 17), (1, .medium, 14), (1, .quartile, 11), (1, .high, 7),
        (2, .medium, 26), (5, .medium, 84), (7, .medium, 122), (9, .medium, 180),
        (10, .low, 271), (10, .medium, 213), (10, .quartile, 151), (10, .high, 119),
        (25, .low, 1273), (25, .medium, 997), (40, .low, 2953), (40, .medium, 2331), (40, .quartile, 1663), (40, .high, 1273),
    ])
    func capacity(version: Int, level: QRErrorCorrection, bytes: Int) {
        #expect(QRCode.byteCapacity(version: version, errorCorrection: level) == bytes)
    }

    @Test("Total codewords follow from the drawn layout: 26, 44, 196, 346, 3706")
    func totalCodewords() {
        #expect([1, 2, 7, 10, 40].map(QRCode.totalCodewords(version:)) == [26, 44, 196, 346, 3706])
    }

    @Test("The smallest version is chosen: a full version fits, one byte more moves up", arguments: 1...39)
    func versionBoundary(version: Int) throws {
        let fits = QRCode.byteCapacity(version: version, errorCorrection: .medium)
        let full = String(repeating: "x", count: fits)
        #expect(try QRCode(encoding: full).version == version)
        #expect(try QRCode(encoding: full + "x").version == version + 1)
    }

    @Test("Empty text fits version 1")
    func emptyText() throws {
        #expect(try QRCode(encoding: "").version == 1)
    }

    @Test("Text too long for version 40 is a qr.too-long problem naming the sizes")
    func tooLong() {
        let text = String(repeating: "a", count: 2332)
        let error = #expect(throws: Problem.self) { try QRCode(encoding: text) }
        #expect(error?.code == "qr.too-long")
        #expect(error?.status == 400)
        #expect(error?.details.first?.field == "text")
        #expect(error?.message.en.contains("2332 bytes") == true)
        #expect(error?.message.en.contains("at most 2331") == true)
        #expect(error?.message.vi.contains("2331") == true)
        #expect(throws: Never.self) { try QRCode(encoding: String(text.dropLast())) }
    }

    @Test("A version range caps the size: 214 bytes do not fit versions 1…10 at M")
    func versionRange() {
        let error = #expect(throws: Problem.self) {
            try QRCode(encoding: String(repeating: "a", count: 214), versions: 1...10)
        }
        #expect(error?.message.en.contains("at most 213") == true)
    }

    // MARK: Structure

    @Test("Format information: M/mask 0 and L/mask 4 as published, every pair 7+ bits apart")
    func formatBits() {
        #expect(QRLayout.formatBits(errorCorrection: .medium, mask: 0) == 0b101010000010010)
        #expect(QRLayout.formatBits(errorCorrection: .low, mask: 4) == 0b110011000101111)
        let all = QRErrorCorrection.allCases.flatMap { level in (0...7).map { QRLayout.formatBits(errorCorrection: level, mask: $0) } }
        #expect(Set(all).count == 32)
        // BCH(15,5) has minimum distance 7: a reader can correct 3 wrong bits.
        for (index, first) in all.enumerated() {
            for second in all[(index + 1)...] {
                #expect((first ^ second).nonzeroBitCount >= 7)
            }
        }
    }

    @Test("Version information: 7 → 000111110010010100, 40 → 101000110001101001")
    func versionBits() {
        #expect(QRLayout.versionBits(version: 7) == 0b000111110010010100)
        #expect(QRLayout.versionBits(version: 40) == 0b101000110001101001)
    }

    @Test("Alignment pattern centres follow the standard's Annex E table", arguments: [
        (1, [Int]()), (2, [6, 18]), (7, [6, 22, 38]), (14, [6, 26, 46, 66]), (15, [6, 26, 48, 70]),
        (32, [6, 34, 60, 86, 112, 138]), (36, [6, 24, 50, 76, 102, 128, 154]), (40, [6, 30, 58, 86, 114, 142, 170]),
    ])
    func alignment(version: Int, centres: [Int]) {
        #expect(QRLayout.alignmentCentres(version: version) == centres)
    }

    @Test("Finder patterns, separators, timing patterns and the dark module are in place", arguments: [1, 7, 10, 40])
    func functionPatterns(version: Int) throws {
        let text = String(repeating: "q", count: QRCode.byteCapacity(version: version, errorCorrection: .medium))
        let code = try QRCode(encoding: text)
        #expect(code.version == version)
        #expect(code.size == 17 + 4 * version)
        let last = code.size - 1
        for (top, left) in [(0, 0), (0, code.size - 7), (code.size - 7, 0)] {
            for row in 0..<7 {
                for column in 0..<7 {
                    let ring = max(abs(row - 3), abs(column - 3))
                    #expect(code[top + row, left + column] == (ring != 2), "finder at (\(top), \(left))")
                }
            }
        }
        // Separators: the light line just inside each finder's open sides.
        for index in 0..<8 {
            #expect(!code[7, index] && !code[index, 7])
            #expect(!code[7, last - index] && !code[index, last - 7])
            #expect(!code[last - 7, index] && !code[last - index, 7])
        }
        for index in 8...(last - 8) {
            #expect(code[6, index] == (index % 2 == 0), "horizontal timing at column \(index)")
            #expect(code[index, 6] == (index % 2 == 0), "vertical timing at row \(index)")
        }
        #expect(code[code.size - 8, 8], "the dark module")
    }

    @Test("Both copies of the format information say the level and the chosen mask", arguments: QRErrorCorrection.allCases)
    func formatCopies(level: QRErrorCorrection) throws {
        let code = try QRCode(encoding: "Một cửa", errorCorrection: level)
        let size = code.size
        var first = 0, second = 0
        let firstPositions = [(0, 8), (1, 8), (2, 8), (3, 8), (4, 8), (5, 8), (7, 8), (8, 8),
                              (8, 7), (8, 5), (8, 4), (8, 3), (8, 2), (8, 1), (8, 0)]
        let secondPositions = (0..<8).map { (8, size - 1 - $0) } + (8..<15).map { (size - 15 + $0, 8) }
        for bit in 0..<15 {
            if code[firstPositions[bit].0, firstPositions[bit].1] { first |= 1 << bit }
            if code[secondPositions[bit].0, secondPositions[bit].1] { second |= 1 << bit }
        }
        #expect(first == QRLayout.formatBits(errorCorrection: level, mask: code.mask))
        #expect(second == first)
        // Unmasked, the top two data bits are the level (L 01, M 00, Q 11, H 10).
        #expect((first ^ 0b101010000010010) >> 13 == level.formatBits)
    }

    @Test("Both version blocks carry the version from 7 up")
    func versionBlocks() throws {
        let code = try QRCode(encoding: String(repeating: "v", count: 200))
        #expect(code.version == 10)
        let bits = QRLayout.versionBits(version: 10)
        for bit in 0..<18 {
            let isDark = (bits >> bit) & 1 == 1
            #expect(code[bit / 3, code.size - 11 + bit % 3] == isDark)
            #expect(code[code.size - 11 + bit % 3, bit / 3] == isDark)
        }
    }

    @Test("The chosen mask has the lowest penalty of the eight; ties go to the lower number")
    func maskChoice() throws {
        let text = "000.00.12.H56-260105-0001"
        let chosen = try QRCode(encoding: text)
        let all = try (0...7).map { try QRCode(encoding: text, mask: $0) }
        #expect(all[chosen.mask] == chosen)
        #expect(Set(all).count == 8, "every mask gives a different symbol")
        let penalties = all.map(\.penalty)
        #expect(chosen.penalty == penalties.min())
        #expect(penalties.firstIndex(of: penalties.min()!) == chosen.mask)
    }

    @Test("Penalty rules score a plain grid as the standard says")
    func penaltyRules() {
        // A version-1 grid with every module light: 21 runs of 21 per row and column
        // (3 + 16 each), 20×20 blocks, no finder-like pattern, 50 % off balance.
        let grid = QRLayout(version: 1, modules: Array(repeating: false, count: 21 * 21))
        let runs = 2 * 21 * (3 + 16), blocks = 20 * 20 * 3, balance = 10 * 10
        #expect(grid.penalty == runs + blocks + balance)
    }

    @Test("Penalty N3: a 1:1:3:1:1 pattern scores 40 for each side with four light modules")
    func finderLikePenalty() {
        let pattern: [Bool] = [true, false, true, true, true, false, true]
        let light4 = [Bool](repeating: false, count: 4)
        #expect(QRLayout.linePenalty(light4 + pattern + light4) == 80)
        // At the edge the quiet zone is the light side.
        #expect(QRLayout.linePenalty(pattern + light4) == 80)
        // Dark right after the pattern: only the left side counts.
        #expect(QRLayout.linePenalty(light4 + pattern + [true, false, true, false]) == 40)
        // N1 alone: a run of 7 scores 3 + 2.
        #expect(QRLayout.linePenalty([Bool](repeating: true, count: 7) + [false]) == 5)
    }

    // MARK: SVG

    @Test("The SVG has one path covering exactly the dark modules, a quiet zone and a title")
    func svg() throws {
        let code = try QRCode(encoding: "https://example.vn/tra-cuu?ma=HS-0001")
        let svg = code.svg(moduleSize: 3, title: "Mã QR <tra cứu> & \"hồ sơ\"")
        let side = code.size + 8
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("viewBox=\"0 0 \(side) \(side)\""))
        #expect(svg.contains("width=\"\(side * 3)\" height=\"\(side * 3)\""))
        #expect(svg.contains("shape-rendering=\"crispEdges\""))
        #expect(svg.contains("<title>Mã QR &lt;tra cứu&gt; &amp; &quot;hồ sơ&quot;</title>"))
        #expect(svg.components(separatedBy: "<path").count == 2)

        // Redraw the path's rectangles and compare with the symbol, shifted by the quiet zone.
        let d = try #require(svg.split(separator: "d=\"").last?.split(separator: "\"").first)
        var drawn = Array(repeating: Array(repeating: false, count: side), count: side)
        for rectangle in d.split(separator: "z") {
            let numbers = rectangle.split(whereSeparator: { "Mhv ".contains($0) }).compactMap { Int($0) }
            let (x, y, width) = (numbers[0], numbers[1], numbers[2])
            for column in x..<(x + width) { drawn[y][column] = true }
        }
        for row in 0..<side {
            for column in 0..<side {
                let inside = (4..<(side - 4)).contains(row) && (4..<(side - 4)).contains(column)
                let expected = inside && code[row - 4, column - 4]
                #expect(drawn[row][column] == expected, "module (\(row), \(column))")
            }
        }
    }
}
