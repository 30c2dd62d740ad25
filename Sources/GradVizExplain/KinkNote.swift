import GradVizEngine
import GradVizNotation

/// The warnings for an op evaluated exactly at its kink (relu or abs at 0, max or min at a
/// tie), where the derivative does not exist and a convention is used: one place for their
/// wording, used by explanations, checks and figures.
public enum KinkNote {
    /// The one-sided slopes of the gradient a warning is about, written out: the variable's
    /// own, which is what finite differences average (an op's own slopes, relu's 0 and 1, are
    /// scaled by everything else on the paths: for x in relu(w·x + b), 0 and w).
    public struct Slopes: Sendable, Hashable {
        /// How the variable is written, `x` or `w₁`.
        public var variable: String
        /// `(0 + 2)/2 = 1`: the two slopes and their average.
        public var text: String

        /// The slopes of `variable` written with `numbers` (a tensor entry by entry).
        public init(variable: String, _ slopes: OneSidedSlopes, numbers: NumberFormat) {
            self.variable = variable
            let average = slopes.average
            let write = { (tensor: Tensor) in Explanation.summary(tensor, numbers: numbers, limit: 4) }
            text = "(\(write(slopes.left)) + \(write(slopes.right)))/2 = \(write(average))"
        }
    }

    /// `relu at exactly 0 in a: the derivative does not exist; …`, naming the node as the view
    /// names it. With `slopes` (the gradient's own one-sided slopes, measured) it says what
    /// finite differences see in their terms; without, in the op's.
    static func warning(for node: NodeID, in view: FlowView, slopes: Slopes? = nil) -> String {
        let op = view.graph.op(of: node)
        let name = view.name(of: node)
        let seen = { (opAverage: String) in
            slopes.map { "(finite differences see the average of \($0.variable)'s one-sided slopes, \($0.text))" }
                ?? "(finite differences see \(opAverage))"
        }
        switch op {
        case .relu:
            return
                "relu at exactly 0 in \(name): the derivative does not exist; PyTorch's convention relu'(0) = 0 is used "
                + seen("the average of relu's one-sided slopes 0 and 1, 0.5, times the other factors")
        case .abs:
            return
                "abs at exactly 0 in \(name): the derivative does not exist; PyTorch's convention abs'(0) = 0 is used "
                + seen("the average of abs's one-sided slopes −1 and 1, 0, times the other factors")
        case .leakyRelu:
            return "leaky_relu at exactly 0 in \(name): the derivative does not exist; PyTorch's convention "
                + "leaky_relu'(0) = \(Op.leakyReluSlope) is used "
                + seen(
                    "the average of leaky_relu's one-sided slopes \(Op.leakyReluSlope) and 1, "
                        + "\((1 + Op.leakyReluSlope) / 2), times the other factors")
        case .maximum, .minimum:
            return "\(op.symbol) of two equal inputs in \(name): the derivative does not exist; PyTorch's convention "
                + "gives each input half the gradient " + seen("the same average, 0.5, times the other factors")
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
