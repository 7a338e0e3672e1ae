/// The mask-selection penalty of ISO/IEC 18004 §7.8.3: the encoder draws the symbol with
/// each of the eight masks and keeps the one with the lowest score.
extension QRLayout {
    /// Penalty weights N1…N4.
    private static let runWeight = 3, blockWeight = 3, finderLikeWeight = 40, balanceWeight = 10

    /// The total penalty of the grid as drawn (format information included).
    var penalty: Int {
        var score = 0
        var line = [Bool](repeating: false, count: size)
        for index in 0..<size {
            for other in 0..<size { line[other] = dark[index * size + other] }
            score += Self.linePenalty(line)
            for other in 0..<size { line[other] = dark[other * size + index] }
            score += Self.linePenalty(line)
        }
        score += blockPenalty
        score += balancePenalty
        return score
    }

    /// N1 (runs of five or more modules of one colour) and N3 (1:1:3:1:1 finder-like
    /// patterns with four light modules on one side) along one row or column.
    static func linePenalty(_ line: [Bool]) -> Int {
        let size = line.count
        var score = 0
        // N1: a run of 5 scores 3, each module beyond scores 1 more.
        var runStart = 0
        for index in 1...size where index == size || line[index] != line[runStart] {
            let length = index - runStart
            if length >= 5 { score += runWeight + (length - 5) }
            runStart = index
        }
        // N3: dark-light-dark-dark-dark-light-dark with light 0000 before or after. The
        // quiet zone around the symbol counts as light.
        func isLight(_ index: Int) -> Bool { index < 0 || index >= size || !line[index] }
        for start in 0...(size - 7)
        where line[start] && !line[start + 1] && line[start + 2] && line[start + 3]
            && line[start + 4] && !line[start + 5] && line[start + 6] {
            if isLight(start - 1), isLight(start - 2), isLight(start - 3), isLight(start - 4) {
                score += finderLikeWeight
            }
            if isLight(start + 7), isLight(start + 8), isLight(start + 9), isLight(start + 10) {
                score += finderLikeWeight
            }
        }
        return score
    }

    /// N2: 3 points for every 2×2 block of one colour (overlapping blocks all count).
    private var blockPenalty: Int {
        var score = 0
        for row in 0..<(size - 1) {
            for column in 0..<(size - 1) {
                let here = row * size + column
                let colour = dark[here]
                if dark[here + 1] == colour, dark[here + size] == colour, dark[here + size + 1] == colour {
                    score += Self.blockWeight
                }
            }
        }
        return score
    }

    /// N4: 10 points for each full 5 % the dark share strays from 50 %.
    private var balancePenalty: Int {
        let total = size * size
        let darkCount = dark.count { $0 }
        // |dark/total − 1/2| / 5 % = |20·dark − 10·total| / total.
        let steps = abs(20 * darkCount - 10 * total) / total
        return steps * Self.balanceWeight
    }
}
