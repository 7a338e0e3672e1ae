/// How much of a QR symbol may be damaged and still read: the four levels of ISO/IEC 18004.
///
/// Higher levels spend more codewords on Reed–Solomon error correction, so the same text
/// needs a larger version. MotCua prints at ``medium`` (about 15 % recoverable).
public enum QRErrorCorrection: String, Sendable, Hashable, CaseIterable, Codable {
    /// Level L: about 7 % of codewords recoverable.
    case low = "L"
    /// Level M: about 15 % of codewords recoverable.
    case medium = "M"
    /// Level Q: about 25 % of codewords recoverable.
    case quartile = "Q"
    /// Level H: about 30 % of codewords recoverable.
    case high = "H"

    /// The two format-information bits for this level (ISO/IEC 18004 Table 12).
    ///
    /// Not in the order of strength: L is 01, M is 00, Q is 11, H is 10.
    var formatBits: Int {
        switch self {
        case .low: 0b01
        case .medium: 0b00
        case .quartile: 0b11
        case .high: 0b10
        }
    }

    /// Row of the block tables below.
    private var tableRow: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .quartile: 2
        case .high: 3
        }
    }

    /// Error-correction codewords in each block of `version` (ISO/IEC 18004 Table 9).
    func codewordsPerBlock(version: Int) -> Int {
        Self.codewordsPerBlock[tableRow][version - 1]
    }

    /// Number of error-correction blocks in `version` (ISO/IEC 18004 Table 9).
    func blockCount(version: Int) -> Int {
        Self.blockCounts[tableRow][version - 1]
    }

    // Table 9 of ISO/IEC 18004, one column per version 1…40, rows L, M, Q, H. Only the
    // error-correction side is tabulated: the total codeword count follows from the layout
    // (see `QRLayout.dataModuleCount`), and the data side is the difference.
    private static let codewordsPerBlock: [[Int]] = [
        [7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
         28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
         26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
        [13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
         28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
         30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    ]

    private static let blockCounts: [[Int]] = [
        [1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
         8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
        [1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
         17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
        [1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20,
         23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
        [1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
         25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
    ]
}
