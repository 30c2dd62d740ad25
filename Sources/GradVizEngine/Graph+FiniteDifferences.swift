import Foundation

extension Graph {
    /// The central finite-difference estimate of ∂output/∂leaf, entry by entry:
    /// (f(x + h) − f(x − h)) / 2h, replaying the tape with the leaf perturbed.
    ///
    /// An independent check of ``backward(from:)``: it uses only forward values. The step is
    /// scaled to each entry's magnitude (∛ε·max(1, |x|), the usual optimum for central
    /// differences). A non-scalar output is summed, matching the seed of ``backward(from:)``.
    public func numericGradient(of output: NodeID, wrt leaf: NodeID, step: Double? = nil) -> Tensor {
        let original = value(of: leaf)
        var estimate = [Double](repeating: 0, count: original.scalars.count)
        var perturbed = original.scalars
        for k in perturbed.indices {
            let x = original.scalars[k]
            // A step that x + h represents exactly, so the division uses the true distance.
            let h = (x + (step ?? Graph.relativeStep * max(1, Swift.abs(x)))) - x
            perturbed[k] = x + h
            let up = replayedValue(of: output, setting: leaf, to: Tensor(unchecked: original.shape, scalars: perturbed))
            perturbed[k] = x - h
            let down = replayedValue(of: output, setting: leaf, to: Tensor(unchecked: original.shape, scalars: perturbed))
            perturbed[k] = x
            let total = zip(up.scalars, down.scalars).reduce(0) { $0 + ($1.0 - $1.1) }
            estimate[k] = total / (2 * h)
        }
        return Tensor(unchecked: original.shape, scalars: estimate)
    }

    /// ∛ε ≈ 6·10⁻⁶: balances the truncation error of central differences (∝ h²) against the
    /// rounding error of the difference (∝ ε/h).
    static let relativeStep = cbrt(Double.ulpOfOne)
}
