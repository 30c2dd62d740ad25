/// "Did you mean …?" for a misspelt name, as compilers suggest: the closest known name by edit
/// distance, when it is close enough to be a likely typo.
///
/// The one place GradViz decides what is close: unknown variables and functions in scripts and
/// unknown `--wrt`/`--of` targets use it. (Unknown command-line options are swift-argument-parser's to report.)
public enum Suggestion {
    /// The candidate closest to `name` by Damerau–Levenshtein distance (a swap of two
    /// neighbouring characters counts as one edit, case is ignored), if it is within about a
    /// third of the longer name's length (`(length + 1) / 3`, at most 3 edits): one-letter names
    /// get no suggestion, `w2` suggests `w1`, `sigmod` suggests `sigmoid`. Ties go to the
    /// earliest candidate. Names longer than 64 characters get no suggestion (the cost grows
    /// with the product of the lengths).
    public static func closest<S: Sequence<String>>(to name: String, among candidates: S) -> String? {
        let typed = Array(name.lowercased().unicodeScalars)
        guard !typed.isEmpty, typed.count <= maxLength else { return nil }
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where candidate != name {
            let known = Array(candidate.lowercased().unicodeScalars)
            guard known.count <= maxLength else { continue }
            let limit = min(3, (max(typed.count, known.count) + 1) / 3)
            guard abs(known.count - typed.count) <= limit else { continue }
            let distance = editDistance(typed, known)
            if distance <= limit, distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        return best?.candidate
    }

    /// `; did you mean 'w1'?`, or the empty string when nothing is close.
    public static func didYouMean<S: Sequence<String>>(_ name: String, among candidates: S) -> String {
        closest(to: name, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    static let maxLength = 64

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
    /// neighbouring characters each cost 1.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
