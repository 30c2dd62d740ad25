import GradVizEngine
import GradVizExplain

/// The paths from a `wrt` variable to the output that a figure highlights, with the numbers its
/// legend prints: each path's local derivatives and product, the total count, their sum and the
/// backward gradient it must equal. A thin adapter over ``Explanation``, which finds the largest
/// paths without enumerating them all and counts them exactly.
package struct PathListing {
    /// One path, from `wrt` to the output.
    package struct Path {
        /// Indices into the view's edges, in order from `wrt` to the output.
        package var edges: [Int]
        /// The nodes along the path, `wrt` first, the output last.
        package var nodes: [NodeID]
        /// `factors[i]` = ∂nodes[i+1]/∂nodes[i] when it is a number or, for a scalar child, a
        /// gradient shaped like nodes[i]; `nil` for a full Jacobian (a tensor child).
        package var factors: [Tensor?]
        /// The path's contribution to ∂output/∂wrt, shaped like `wrt`.
        package var product: Tensor
    }

    /// How closely a figure's sum over paths must equal the backward gradient for its ✓: the two
    /// are computed in different orders, so they may differ in the last bits, but no more.
    /// Legends and slide-build captions both mark the sum with it.
    package static let sumCheck = GradientCheck(relativeTolerance: 1e-9, absoluteTolerance: 1e-12)

    /// Whether the sum over every path equals the backward gradient (``sumCheck``).
    package var sumAgrees: Bool { PathListing.sumCheck.agrees(pathSum, gradient) }

    /// The variable whose paths these are.
    package let wrt: NodeID
    /// The row-major entry of a tensor `wrt` whose share the products are (`--wrt 'W1[1,1]'`),
    /// or `nil` for all of `wrt` (see ``Explanation/entry``).
    let entry: Int?
    /// The highlighted paths: the largest |product|, in the listing's ``GradVizExplain/PathOrder``.
    package let paths: [Path]
    /// The exact number of paths, in decimal.
    package let totalCount: String
    /// Whether every path is listed.
    package let isComplete: Bool
    /// The sum of all paths' products.
    package let pathSum: Tensor
    /// ∂output/∂wrt from the backward pass.
    package let gradient: Tensor

    /// The `maxPaths` largest paths of `wrt` in `view`, in `order`.
    package init(view: FlowView, wrt: NodeID, maxPaths: Int, entry: Int? = nil, order: PathOrder = .default) {
        let explanation = Explanation(
            view: view, wrt: wrt, maxPaths: maxPaths, finiteDifferences: false, entry: entry, pathOrder: order)
        let graph = view.graph
        self.wrt = wrt
        self.entry = explanation.entry
        paths = explanation.paths.map { path in
            var factors: [Tensor?] = []
            for (index, factor) in path.factors.enumerated() {
                let form = index < path.factorForms.count ? path.factorForms[index] : .jacobian
                let edge = path.edges[index]
                let scalarChild = graph.shape(of: edge.to).isScalar
                factors.append(form == .number || (form == .jacobian && scalarChild) ? factor : nil)
            }
            return Path(
                edges: path.edgeIndices,
                nodes: path.nodes, factors: factors, product: path.product)
        }
        totalCount = String(describing: explanation.pathCount)
        isComplete = explanation.listsEveryPath
        pathSum = explanation.pathSum
        gradient = explanation.gradient
    }
}
