import GradVizEngine

/// The warning printed for a relu or abs evaluated exactly at its kink.
enum KinkNote {
    /// `relu at exactly 0 in a: the derivative does not exist; …`, naming the node as the view
    /// names it.
    static func warning(for node: NodeID, in view: FlowView) -> String {
        let graph = view.graph
        let op = graph.op(of: node)
        let name = view.name(of: node)
        let at = "\(op) at exactly 0 in \(name)"
        switch op {
        case .relu:
            return "\(at): the derivative does not exist; PyTorch's convention relu'(0) = 0 is used "
                + "(finite differences see the average of the one-sided slopes, 0.5)"
        case .abs:
            return "\(at): the derivative does not exist; PyTorch's convention abs'(0) = 0 is used "
                + "(finite differences see the average of the one-sided slopes −1 and 1, also 0)"
        case .leaf, .constant, .add, .sub, .mul, .div, .pow, .neg, .sigmoid, .tanh, .exp, .log, .sqrt, .softplus,
            .matmul, .sum, .mean, .mse, .softmax, .crossEntropy, .transpose:
            // Smooth ops (``Op/hasKink`` is false) are never reported.
            return "\(at): the derivative does not exist; the convention 0 is used"
        }
    }
}
