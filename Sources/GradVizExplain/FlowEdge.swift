import GradVizEngine

/// One edge of a ``FlowView``: gradient flows from `to` back into `from`.
public struct FlowEdge: Hashable, Sendable {
    /// The parent (the input).
    public let from: NodeID
    /// The child, whose value is computed from `from`.
    public let to: NodeID
    /// Which input of `to` this is: the operand position in the ops view (0 or 1; `x * x` has
    /// edges at both), the index among the distinct variables read in the vars view.
    public let position: Int
    /// ∂to/∂from when `to` is a scalar (a tensor shaped like `from`); `nil` when `to` is a
    /// tensor, where the local derivative is a full Jacobian.
    public let factor: Tensor?

    /// The local derivative as a single number, when both ends are scalars.
    public var scalarFactor: Double? {
        guard let factor, factor.shape.isScalar else { return nil }
        return factor.scalar
    }
}
