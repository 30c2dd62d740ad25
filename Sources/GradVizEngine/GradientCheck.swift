/// Compares gradients with a tolerance, as `numpy.isclose` does: |a − b| ≤ atol + rtol·|b|.
///
/// Finite differences carry truncation and rounding error of about 1e-7 relative, so the
/// defaults leave room for that and no more.
public struct GradientCheck: Sendable, Hashable {
    /// Relative tolerance.
    public var relativeTolerance: Double
    /// Absolute tolerance, for entries near zero.
    public var absoluteTolerance: Double

    /// A check with the given tolerances.
    public init(relativeTolerance: Double = 1e-5, absoluteTolerance: Double = 1e-6) {
        self.relativeTolerance = relativeTolerance
        self.absoluteTolerance = absoluteTolerance
    }

    /// Whether `actual` is within tolerance of `expected`.
    public func agrees(_ actual: Double, _ expected: Double) -> Bool {
        guard actual.isFinite, expected.isFinite else { return actual == expected }
        return Swift.abs(actual - expected) <= absoluteTolerance + relativeTolerance * Swift.abs(expected)
    }

    /// Whether two tensors have the same shape and agree entry by entry.
    public func agrees(_ actual: Tensor, _ expected: Tensor) -> Bool {
        actual.shape == expected.shape
            && zip(actual.scalars, expected.scalars).allSatisfy { agrees($0.0, $0.1) }
    }

    /// Whether the backward gradient of `output` with respect to `leaf` agrees with central
    /// finite differences. Runs a backward pass from `output`.
    public func verify(_ graph: Graph, output: NodeID, wrt leaf: NodeID) -> Bool {
        graph.backward(from: output)
        guard let analytic = graph.gradient(of: leaf) else { return false }
        return agrees(analytic, graph.numericGradient(of: output, wrt: leaf))
    }
}
