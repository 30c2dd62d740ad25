import BigInt
import GradVizEngine

extension ChainPath {
    /// The `k` paths from `wrt` to `of` with the largest |product| (Frobenius norm for
    /// tensors), largest first, without the checks an ``Explanation`` adds (no backward pass,
    /// no finite differences): what a figure needs to highlight the dominant paths.
    ///
    /// Same methods and tie-breaking as ``Explanation/paths``: lazy k-best path extraction for
    /// scalar graphs (O(E + k·L·log d)); for tensor graphs every path is walked when there are at most
    /// `enumerationLimit` and the walk is within `PathEnumeration.maxSteps`, otherwise a
    /// best-first search with a norm bound. Unlike an explanation, no ceiling on the factors.
    public static func largest(
        _ k: Int, in view: FlowView, from wrt: NodeID, to of: NodeID, enumerationLimit: Int = 1_000_000
    ) -> [ChainPath] {
        let relevant = PathGraph(view: view, wrt: wrt, of: of)
        guard k > 0, relevant.hasPaths else { return [] }
        if relevant.isScalar {
            return ScalarPathRanking.best(k, in: relevant).paths.map { ChainPath(scalarPath: $0, in: relevant) }
        }
        if PathCount.count(in: view, from: wrt, to: of) <= BigUInt(max(0, enumerationLimit)),
            PathEnumeration.steps(relevant) <= PathEnumeration.maxSteps
        {
            return PathEnumeration.tensorPaths(relevant, keeping: k).best.map {
                ChainPath(tensorPath: $0, in: relevant)
            }
        }
        // A search stopped at its memory bound still found the largest, only fewer.
        return TensorPathSearch.best(k, in: relevant).paths.map { ChainPath(tensorPath: $0, in: relevant) }
    }
}
