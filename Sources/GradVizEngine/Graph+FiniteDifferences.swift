import Foundation

extension Graph {
    /// The central finite-difference estimate of ∂output/∂leaf, entry by entry:
    /// (f(x + h) − f(x − h)) / 2h, replaying the tape with the leaf perturbed.
    ///
    /// An independent check of ``backward(from:)``: it uses only forward values. The step is
    /// scaled to each entry's magnitude (∛ε·max(1, |x|), the usual optimum for central
    /// differences), and shrunk where it would leave the function's domain (`log(x)` at
    /// x = 10⁻⁶). A non-scalar output is summed, matching the seed of ``backward(from:)``.
    public func numericGradient(of output: NodeID, wrt leaf: NodeID, step: Double? = nil) -> Tensor {
        let original = value(of: leaf)
        var estimate = [Double](repeating: 0, count: original.scalars.count)
        var perturbed = original.scalars
        for k in perturbed.indices {
            let x = original.scalars[k]
            var h = step ?? Graph.relativeStep * max(1, Swift.abs(x))
            // A step that leaves the function's domain (log or sqrt just above 0) gives a
            // non-finite difference: retry with a step relative to |x| alone, then shrink it
            // until both sides are inside, as far as precision allows; the estimate stays
            // non-finite only where no step works.
            for _ in 0..<Graph.stepReductions {
                // A step that x + h represents exactly, so the division uses the true distance.
                let exact = (x + h) - x
                perturbed[k] = x + exact
                let up = replayedValue(of: output, setting: leaf, to: Tensor(unchecked: original.shape, scalars: perturbed))
                perturbed[k] = x - exact
                let down = replayedValue(of: output, setting: leaf, to: Tensor(unchecked: original.shape, scalars: perturbed))
                perturbed[k] = x
                let total = zip(up.scalars, down.scalars).reduce(0) { $0 + ($1.0 - $1.1) }
                estimate[k] = total / (2 * exact)
                guard !estimate[k].isFinite, step == nil, exact > Swift.abs(x) * 1e3 * Double.ulpOfOne else { break }
                h = min(exact / 16, Graph.relativeStep * Swift.abs(x))
            }
        }
        return Tensor(unchecked: original.shape, scalars: estimate)
    }

    /// ∛ε ≈ 6·10⁻⁶: balances the truncation error of central differences (∝ h²) against the
    /// rounding error of the difference (∝ ε/h).
    static let relativeStep = cbrt(Double.ulpOfOne)

    /// How many times a step that leaves the domain is shrunk (by 16 each time) before giving up.
    static let stepReductions = 12
}
