import GradVizEngine

/// Central finite differences of a plain Swift function: the engine is not involved, so this is
/// an independent reference for its gradients.
enum FiniteDifference {
    /// ∂f/∂xₖ for every k, as (f(x + hₖeₖ) − f(x − hₖeₖ)) / 2hₖ with hₖ = 1e-6·max(1, |xₖ|).
    static func gradient(of f: ([Double]) -> Double, at x: [Double]) -> [Double] {
        x.indices.map { k in
            let h = 1e-6 * max(1, abs(x[k]))
            var up = x
            var down = x
            up[k] += h
            down[k] -= h
            return (f(up) - f(down)) / (2 * h)
        }
    }
}

/// Tolerances for comparing analytic gradients with central differences: their truncation and
/// rounding error is about 1e-9 relative for the smooth, moderately scaled functions tested.
let finiteDifferenceCheck = GradientCheck(relativeTolerance: 1e-6, absoluteTolerance: 1e-7)

/// Tolerances for comparing two exact derivative computations (the engine and a reference that
/// evaluates the same formula), which differ only by rounding.
let exactCheck = GradientCheck(relativeTolerance: 1e-12, absoluteTolerance: 1e-12)

extension Tensor {
    /// A tensor of `shape` with entries drawn uniformly from `range`.
    static func random(
        _ shape: Shape, in range: ClosedRange<Double>, using generator: inout SeededGenerator
    ) -> Tensor {
        let scalars = (0..<shape.count).map { _ in Double.random(in: range, using: &generator) }
        // The count matches the shape by construction.
        return (try? Tensor(shape: shape, scalars: scalars)) ?? Tensor(repeating: .nan, shape: shape)
    }

    /// A tensor of `shape` whose entries are at least `margin` away from zero, with random sign:
    /// inputs that keep relu and abs off their kink.
    static func awayFromZero(
        _ shape: Shape, margin: Double, using generator: inout SeededGenerator
    ) -> Tensor {
        let scalars = (0..<shape.count).map { _ in
            Double.random(in: margin...1.5, using: &generator) * (Bool.random(using: &generator) ? 1 : -1)
        }
        return (try? Tensor(shape: shape, scalars: scalars)) ?? Tensor(repeating: .nan, shape: shape)
    }
}
