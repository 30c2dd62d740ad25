import BigInt
import GradVizEngine

/// The exact number of chain-rule paths between two nodes of a ``FlowView``.
///
/// The count grows like widthᵈᵉᵖᵗʰ, so it is an arbitrary-precision integer. It is found by
/// dynamic programming in recording order: the number of paths from `wrt` to a node is the sum
/// over its incoming edges of the number of paths to the edge's parent (an operand used twice,
/// `x * x` in the ops view, has two edges and counts twice). One pass over the edges, no
/// recursion and no enumeration: time linear in the edges times the length of the count in
/// machine words (at most 1 + depth·log₂(width)/64).
///
/// Counts that fit a machine word take one pass. Otherwise a pass in floating point estimates
/// how many words the largest count needs, and the exact pass keeps the counts in one flat
/// array of that many words per node (no allocation per addition). Should a sum still
/// overflow, the pass restarts with twice the words. Counts too long for that layout (more
/// than 2²⁴ words in all, or past 2¹⁰²⁴) fall back to a `BigUInt` per node.
public struct PathCount {
    /// The number of distinct paths from `wrt` to `of` along the view's edges: 0 when `of` is
    /// not reachable from `wrt` (or either is not a node of the view), 1 when they are the same
    /// node (the empty path).
    public static func count(in view: FlowView, from wrt: NodeID, to of: NodeID) -> BigUInt {
        guard view.contains(wrt), view.contains(of), wrt <= of else { return 0 }
        let ends = view.edgeEnds
        let span = of.index - wrt.index + 1
        if let count = fixedWidthCount(ends, from: wrt.index, to: of.index, words: 1) {
            return BigUInt(words: count)
        }
        var words = Swift.max(2, estimatedWords(ends, from: wrt.index, to: of.index))
        while span * words <= 1 << 24 {
            if let count = fixedWidthCount(ends, from: wrt.index, to: of.index, words: words) {
                return BigUInt(words: count)
            }
            words *= 2
        }
        return arbitraryCount(ends, from: wrt.index, to: of.index)
    }

    /// How many words the largest count needs, from a first pass in floating point (a slight
    /// overestimate is harmless; an underestimate only costs a restart).
    static func estimatedWords(_ ends: [FlowView.EdgeEnds], from wrt: Int, to of: Int) -> Int {
        var counts = [Double](repeating: 0, count: of - wrt + 1)
        counts[0] = 1
        counts.withUnsafeMutableBufferPointer { counts in
            for edge in ends {
                let to = Int(edge.to)
                if to > of { break }
                let from = Int(edge.from) - wrt
                guard from >= 0 else { continue }
                counts[to - wrt] += counts[from]
            }
        }
        let largest = counts.reduce(1) { Swift.max($0, $1) }
        guard largest.isFinite else { return (1 << 24) + 1 }
        // One bit of slack for rounding.
        return Swift.max(1, (largest.exponent + 2 + 63) / 64)
    }

    /// The count in `words` machine words per node, or `nil` when it does not fit.
    static func fixedWidthCount(_ ends: [FlowView.EdgeEnds], from wrt: Int, to of: Int, words: Int) -> [UInt]? {
        let span = of - wrt + 1
        var counts = [UInt](repeating: 0, count: span * words)
        counts[0] = 1
        let fits: Bool = counts.withUnsafeMutableBufferPointer { counts in
            ends.withUnsafeBufferPointer { ends in
                for edge in ends {
                    let to = Int(edge.to)
                    if to > of { break }  // edges are ordered by child
                    let from = Int(edge.from) - wrt
                    guard from >= 0 else { continue }
                    let source = from * words
                    let target = (to - wrt) * words
                    if words == 1 {
                        let (sum, overflow) = counts[target].addingReportingOverflow(counts[source])
                        if overflow { return false }
                        counts[target] = sum
                        continue
                    }
                    var carry: UInt = 0
                    for word in 0..<words {
                        let (partial, overflowA) = counts[target + word].addingReportingOverflow(counts[source + word])
                        let (sum, overflowB) = partial.addingReportingOverflow(carry)
                        counts[target + word] = sum
                        carry = (overflowA ? 1 : 0) + (overflowB ? 1 : 0)
                    }
                    if carry != 0 { return false }
                }
                return true
            }
        }
        guard fits else { return nil }
        return Array(counts[((of - wrt) * words)..<((of - wrt + 1) * words)])
    }

    /// The count with a `BigUInt` per node, for counts of millions of bits.
    static func arbitraryCount(_ ends: [FlowView.EdgeEnds], from wrt: Int, to of: Int) -> BigUInt {
        var counts = [BigUInt](repeating: 0, count: of - wrt + 1)
        counts[0] = 1
        for edge in ends {
            let to = Int(edge.to)
            if to > of { break }
            let from = Int(edge.from) - wrt
            guard from >= 0 else { continue }
            let paths = counts[from]
            if !paths.isZero { counts[to - wrt] += paths }
        }
        return counts[of - wrt]
    }
}
