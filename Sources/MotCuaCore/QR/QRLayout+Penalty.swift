/// The mask-selection penalty of ISO/IEC 18004 §7.8.3: the encoder draws the symbol with
/// each of the eight masks and keeps the one with the lowest score.
extension QRLayout {
    /// Penalty weights N1…N4.
    private static let runWeight = 3, blockWeight = 3, finderLikeWeight = 40, balanceWeight = 10

    /// The total penalty of the grid as drawn (format information included).
    var penalty: Int {
        var score = 0
        for line in 0..<size {
            score += linePenalty { self[line, $0] }
            score += linePenalty { self[$0, line] }
        }
        score += blockPenalty
        score += balancePenalty
        return score
    }

    /// N1 (runs of five or more modules of one colour) and N3 (1:1:3:1:1 finder-like
    /// patterns with four light modules on one side) along one row or column.
    private func linePenalty(_ module: (Int) -> Bool) -> Int {
        var score = 0
        // N1: a run of 5 scores 3, each module beyond scores 1 more.
        var runStart = 0
        for index in 1...size {
            if index == size || module(index) != module(runStart) {
                let length = index - runStart
                if length >= 5 { score += Self.runWeight + (length - 5) }
                runStart = index
            }
        }
        // N3: dark-light-dark-dark-dark-light-dark with light 0000 before or after. The
        // quiet zone around the symbol counts as light.
        let finderLike: [Bool] = [true, false, true, true, true, false, true]
        func moduleOrQuiet(_ index: Int) -> Bool { (0..<size).contains(index) ? module(index) : false }
        for start in 0...(size - 7) {
            guard (0..<7).allSatisfy({ module(start + $0) == finderLike[$0] }) else { continue }
            let lightBefore = (1...4).allSatisfy { !moduleOrQuiet(start - $0) }
            let lightAfter = (0..<4).allSatisfy { !moduleOrQuiet(start + 7 + $0) }
            if lightBefore { score += Self.finderLikeWeight }
            if lightAfter { score += Self.finderLikeWeight }
        }
        return score
    }

    /// N2: 3 points for every 2×2 block of one colour (overlapping blocks all count).
    private var blockPenalty: Int {
        var score = 0
        for row in 0..<(size - 1) {
            for column in 0..<(size - 1) {
                let colour = self[row, column]
                if self[row, column + 1] == colour, self[row + 1, column] == colour,
                   self[row + 1, column + 1] == colour {
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
