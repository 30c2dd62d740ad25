import BigInt
import GradVizEngine

/// The exact number of chain-rule paths between two nodes of a ``FlowView``.
///
/// The count grows like widthᵈᵉᵖᵗʰ, so it is an arbitrary-precision integer. It is found by
/// dynamic programming in recording order: the number of paths from `wrt` to a node is the sum
/// over its incoming edges of the number of paths to the edge's parent (an operand used twice,
/// `x * x` in the ops view, has two edges and counts twice). One pass over the edges, no
/// recursion and no enumeration: time linear in the edges times the length of the numbers in
/// machine words, which is at most 1 + depth·log₂(width)/64.
public struct PathCount {
    /// The number of distinct paths from `wrt` to `of` along the view's edges: 0 when `of` is
    /// not reachable from `wrt` (or either is not a node of the view), 1 when they are the same
    /// node (the empty path).
    public static func count(in view: FlowView, from wrt: NodeID, to of: NodeID) -> BigUInt {
        guard view.contains(wrt), view.contains(of), wrt <= of else { return 0 }
        let base = wrt.index
        var counts = [BigUInt](repeating: 0, count: of.index - base + 1)
        counts[0] = 1
        for edge in view.edges {
            if edge.to > of { break }  // edges are ordered by child
            guard edge.from >= wrt else { continue }
            let paths = counts[edge.from.index - base]
            if !paths.isZero { counts[edge.to.index - base] += paths }
        }
        return counts[of.index - base]
    }
}
