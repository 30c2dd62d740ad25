import GradVizEngine

/// The warnings for an op evaluated exactly at its kink (relu or abs at 0, max or min at a
/// tie), where the derivative does not exist and a convention is used: one place for their
/// wording, used by explanations, checks and figures.
public enum KinkNote {
    /// `relu at exactly 0 in a: the derivative does not exist; …`, naming the node as the view
    /// names it.
    static func warning(for node: NodeID, in view: FlowView) -> String {
        let op = view.graph.op(of: node)
        let name = view.name(of: node)
        switch op {
        case .relu:
            return
                "relu at exactly 0 in \(name): the derivative does not exist; PyTorch's convention relu'(0) = 0 is used "
                + "(finite differences see the average of the one-sided slopes, 0.5)"
        case .abs:
            return
                "abs at exactly 0 in \(name): the derivative does not exist; PyTorch's convention abs'(0) = 0 is used "
                + "(finite differences see the average of the one-sided slopes −1 and 1, also 0)"
        case .leakyRelu:
            return "leaky_relu at exactly 0 in \(name): the derivative does not exist; PyTorch's convention "
                + "leaky_relu'(0) = \(Op.leakyReluSlope) is used (finite differences see the average of the one-sided "
                + "slopes, \((1 + Op.leakyReluSlope) / 2))"
        case .maximum, .minimum:
            return "\(op.symbol) of two equal inputs in \(name): the derivative does not exist; PyTorch's convention "
                + "gives each input half the gradient (finite differences see the same average, 0.5)"
        case .leaf, .constant, .add, .sub, .mul, .div, .pow, .neg, .sigmoid, .tanh, .exp, .log, .sqrt, .softplus,
            .matmul, .sum, .mean, .mse, .softmax, .crossEntropy, .transpose, .identity, .logSoftmax:
            return "\(op.symbol) at a kink in \(name): the derivative does not exist; the convention 0 is used"
        }
    }

    /// The short form a figure prints in the node: `relu at 0: no derivative, 0 used`.
    public static func caption(for op: Op) -> String {
        switch op {
        case .maximum, .minimum:
            return "\(op.symbol) at a tie: no derivative, ½ each used"
        case .leakyRelu:
            return "\(op.symbol) at 0: no derivative, \(Op.leakyReluSlope) used"
        case .leaf, .constant, .add, .sub, .mul, .div, .pow, .neg, .relu, .sigmoid, .tanh, .exp, .log, .abs, .sqrt,
            .softplus,
            .matmul, .sum, .mean, .mse, .softmax, .crossEntropy, .transpose, .identity, .logSoftmax:
            return "\(op.symbol) at 0: no derivative, 0 used"
        }
    }
}
