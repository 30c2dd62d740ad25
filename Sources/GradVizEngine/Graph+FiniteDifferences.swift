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
        var perturbed = original.scalars
        let estimate = original.scalars.indices.map { k in
            domainStep(of: output, wrt: leaf, entry: k, perturbed: &perturbed, step: step).derivative
        }
        return Tensor(unchecked: original.shape, scalars: estimate)
    }

    /// Central finite differences with an error estimate per entry, refined where asked.
    ///
    /// Each entry first gets the estimate of ``numericGradient(of:wrt:step:)``, with its
    /// rounding error (a few ε·|f(x ± h)|/h) as the error. When `refine(entry, estimate, error)`
    /// says the estimate is not good enough (typically: it does not agree with the backward
    /// gradient), the entry is redone by Ridders' extrapolation: central differences at steps
    /// 0.1·|x|, halved 20 times, extrapolated in h² (a Neville tableau), keeping the entry
    /// with the smallest estimated truncation plus rounding error. That finds the step a
    /// steep or large function needs (`a^-2` at a = 0.001, `x + w^4` at w = 600) instead of
    /// reporting a step-size artefact as a mismatch, and its error says how far off it may be.
    ///
    /// Refinement costs up to 40 replays of the tape per entry; at most
    /// `refinementBudget` value evaluations go to it (entries past it keep the first estimate).
    public func finiteDifferences(
        of output: NodeID, wrt leaf: NodeID, refinementBudget: Int = 200_000_000,
        refine: (_ entry: Int, _ estimate: Double, _ error: Double) -> Bool
    ) -> FiniteDifferenceEstimate {
        let original = value(of: leaf)
        var perturbed = original.scalars
        var values = [Double](repeating: 0, count: perturbed.count)
        var errors = [Double](repeating: 0, count: perturbed.count)
        var spent = 0
        let refinementCost = 2 * Graph.refinementSteps * max(1, valueCount)
        for k in perturbed.indices {
            let first = domainStep(of: output, wrt: leaf, entry: k, perturbed: &perturbed, step: nil)
            values[k] = first.derivative
            errors[k] = first.derivative.isFinite ? first.roundingError : .infinity
            guard refine(k, values[k], errors[k]), spent + refinementCost <= refinementBudget else { continue }
            spent += refinementCost
            if let better = extrapolated(of: output, wrt: leaf, entry: k, perturbed: &perturbed) {
                values[k] = better.derivative
                errors[k] = better.error
            }
        }
        return FiniteDifferenceEstimate(
            value: Tensor(unchecked: original.shape, scalars: values),
            error: Tensor(unchecked: original.shape, scalars: errors))
    }

    /// One central difference at entry `k` with step `h` (rounded so that x + h − x is exact).
    private func centralDifference(
        of output: NodeID, wrt leaf: NodeID, entry k: Int, perturbed: inout [Double], step h: Double
    ) -> Difference {
        let shape = shape(of: leaf)
        let x = perturbed[k]
        let exact = (x + h) - x
        perturbed[k] = x + exact
        let up = replayedValue(of: output, setting: leaf, to: Tensor(unchecked: shape, scalars: perturbed))
        perturbed[k] = x - exact
        let down = replayedValue(of: output, setting: leaf, to: Tensor(unchecked: shape, scalars: perturbed))
        perturbed[k] = x
        var total = 0.0
        var magnitude = 0.0
        for (a, b) in zip(up.scalars, down.scalars) {
            total += a - b
            magnitude += Swift.abs(a) + Swift.abs(b)
        }
        let derivative = total / (2 * exact)
        return Difference(
            derivative: derivative, step: exact,
            roundingError: Graph.roundingFactor * Double.ulpOfOne * magnitude / (2 * exact))
    }

    /// The classic estimate: step ∛ε·max(1, |x|) (or `step`), shrunk while the difference is
    /// not finite (a step that leaves the domain of log or sqrt just above 0), as far as
    /// precision allows.
    private func domainStep(
        of output: NodeID, wrt leaf: NodeID, entry k: Int, perturbed: inout [Double], step: Double?
    ) -> Difference {
        let x = perturbed[k]
        var h = step ?? Graph.relativeStep * max(1, Swift.abs(x))
        var result = Difference(derivative: .nan, step: h, roundingError: .infinity)
        for _ in 0..<Graph.stepReductions {
            result = centralDifference(of: output, wrt: leaf, entry: k, perturbed: &perturbed, step: h)
            guard !result.derivative.isFinite, step == nil, result.step > Swift.abs(x) * 1e3 * Double.ulpOfOne else {
                break
            }
            h = min(result.step / 16, Graph.relativeStep * Swift.abs(x))
        }
        return result
    }

    /// Ridders' method: central differences at steps H, H/2, H/4, … extrapolated in h²; the
    /// tableau entry with the smallest estimated error (its distance to the neighbours it was
    /// formed from, plus the rounding error of the finest step used) wins. `nil` when no step
    /// gave a finite difference.
    private func extrapolated(
        of output: NodeID, wrt leaf: NodeID, entry k: Int, perturbed: inout [Double]
    ) -> (derivative: Double, error: Double)? {
        let x = perturbed[k]
        var h = 0.1 * (x == 0 ? 1 : Swift.abs(x))
        var previous: [Double] = []
        var best: (derivative: Double, error: Double)?
        for _ in 0..<Graph.refinementSteps {
            let difference = centralDifference(of: output, wrt: leaf, entry: k, perturbed: &perturbed, step: h)
            h /= 2
            guard difference.derivative.isFinite, difference.step > 0 else {
                previous = []
                continue
            }
            var row = [difference.derivative]
            var factor = 4.0
            for j in 0..<min(previous.count, Graph.tableauDepth) {
                let next = (row[j] * factor - previous[j]) / (factor - 1)
                factor *= 4
                let error = max(Swift.abs(next - row[j]), Swift.abs(next - previous[j])) + difference.roundingError
                if next.isFinite, error < (best?.error ?? .infinity) { best = (next, error) }
                row.append(next)
            }
            previous = row
        }
        return best
    }

    /// The one-sided slopes of `output` in each entry of `leaf`: (f(x) − f(x − h))/h from the
    /// left and (f(x + h) − f(x))/h from the right, h = √ε·max(1, |x|) (rounded so that x + h − x
    /// is exact). Where a relu, abs, max or min on the way sits at its kink they differ, and
    /// central finite differences see their average; elsewhere both are the derivative, to
    /// about √ε. A non-scalar output is summed, as for ``numericGradient(of:wrt:step:)``.
    public func oneSidedSlopes(of output: NodeID, wrt leaf: NodeID) -> OneSidedSlopes {
        let original = value(of: leaf)
        let shape = original.shape
        let base = replayedValue(of: output, setting: leaf, to: original).scalars.reduce(0, +)
        var perturbed = original.scalars
        var left = perturbed
        var right = perturbed
        for k in perturbed.indices {
            let x = perturbed[k]
            let h = (x + Graph.oneSidedStep * max(1, Swift.abs(x))) - x
            perturbed[k] = x + h
            let up = replayedValue(of: output, setting: leaf, to: Tensor(unchecked: shape, scalars: perturbed))
            perturbed[k] = x - h
            let down = replayedValue(of: output, setting: leaf, to: Tensor(unchecked: shape, scalars: perturbed))
            perturbed[k] = x
            right[k] = (up.scalars.reduce(0, +) - base) / h
            left[k] = (base - down.scalars.reduce(0, +)) / h
        }
        return OneSidedSlopes(
            left: Tensor(unchecked: shape, scalars: left), right: Tensor(unchecked: shape, scalars: right))
    }

    /// √ε ≈ 1.5·10⁻⁸: balances a one-sided difference's truncation error (∝ h) against its
    /// rounding error (∝ ε/h).
    static let oneSidedStep = Double.ulpOfOne.squareRoot()

    /// ∛ε ≈ 6·10⁻⁶: balances the truncation error of central differences (∝ h²) against the
    /// rounding error of the difference (∝ ε/h).
    static let relativeStep = cbrt(Double.ulpOfOne)

    /// How many times a step that leaves the domain is shrunk (by 16 each time) before giving up.
    static let stepReductions = 12

    /// How many halvings of the step Ridders' refinement tries (0.1·|x| down to about 10⁻⁷·|x|).
    static let refinementSteps = 20

    /// How many orders of h² extrapolation the tableau goes to.
    static let tableauDepth = 6

    /// The rounding error of one value, in units of ε·|value| (a few operations' worth).
    static let roundingFactor = 4.0
}

/// One central difference: the estimate, the exact step used, and its rounding error.
private struct Difference {
    var derivative: Double
    var step: Double
    var roundingError: Double
}

/// The slopes of a function of one entry from either side of the point (see
/// ``Graph/oneSidedSlopes(of:wrt:)``), shaped like the entry's tensor.
public struct OneSidedSlopes: Sendable, Hashable {
    /// (f(x) − f(x − h))/h, entry by entry.
    public var left: Tensor
    /// (f(x + h) − f(x))/h, entry by entry.
    public var right: Tensor

    /// Slopes from their parts.
    public init(left: Tensor, right: Tensor) {
        self.left = left
        self.right = right
    }

    /// (left + right)/2, entry by entry: what central finite differences see.
    public var average: Tensor {
        Tensor(unchecked: left.shape, scalars: zip(left.scalars, right.scalars).map { ($0 + $1) / 2 })
    }
}
