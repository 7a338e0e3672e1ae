/// Near-miss suggestions for misspelt names ("did you mean …?").
///
/// Used for unknown JSON keys, enum values and plugin ids. Distance is the optimal string
/// alignment edit distance over Unicode scalars: insertions, deletions, substitutions and
/// swaps of two adjacent scalars each cost 1, and a difference only in letter case costs 0.
public enum Suggestion {
    /// The candidate closest to `word`, or `nil` when none is close enough to be a likely typo.
    ///
    /// A candidate qualifies when its distance is at most a third of its length (at least 1,
    /// at most 3); ties go to the earliest candidate, so pass candidates in a meaningful order.
    /// `word` itself is never suggested.
    public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let allowed = min(3, max(1, candidate.unicodeScalars.count / 3))
            let distance = editDistance(word, candidate)
            guard distance <= allowed else { continue }
            if best == nil || distance < best!.distance {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// The optimal string alignment distance between two strings, ignoring letter case.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let left = Array(a.lowercased().unicodeScalars)
        let right = Array(b.lowercased().unicodeScalars)
        if left.isEmpty { return right.count }
        if right.isEmpty { return left.count }
        let width = right.count + 1
        // Three rows suffice: the current one, the previous one, and the one before for swaps.
        var beforePrevious = [Int](repeating: 0, count: width)
        var previous = Array(0...right.count)
        var current = [Int](repeating: 0, count: width)
        for i in 1...left.count {
            current[0] = i
            for j in 1...right.count {
                let cost = left[i - 1] == right[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, left[i - 1] == right[j - 2], left[i - 2] == right[j - 1] {
                    value = min(value, beforePrevious[j - 2] + 1)
                }
                current[j] = value
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[right.count]
    }
}
