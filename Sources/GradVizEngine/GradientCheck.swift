/// Compares gradients with a tolerance, as `numpy.isclose` does: |a − b| ≤ atol + rtol·|b|.
///
/// Finite differences carry truncation and rounding error of about 1e-7 relative, so the
/// defaults leave room for that and no more.
public struct GradientCheck: Sendable, Hashable {
    /// Relative tolerance.
    public var relativeTolerance: Double
    /// Absolute tolerance, for entries near zero.
    public var absoluteTolerance: Double

    /// The default relative tolerance (`check --rtol`).
    public static let defaultRelativeTolerance = 1e-5
    /// The default absolute tolerance (`check --atol`).
    public static let defaultAbsoluteTolerance = 1e-6

    /// A check with the given tolerances.
    public init(
        relativeTolerance: Double = GradientCheck.defaultRelativeTolerance,
        absoluteTolerance: Double = GradientCheck.defaultAbsoluteTolerance
    ) {
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

    /// How many times its estimated error a finite-difference estimate may be off before a
    /// difference beyond the tolerance counts as a mismatch (error estimates are rough).
    public static let errorSafetyFactor = 4.0

    /// The verdict on `actual` (a backward gradient) given a finite-difference estimate and its
    /// estimated error: agrees within tolerance; inconclusive when the difference is beyond the
    /// tolerance but within ``errorSafetyFactor`` times the estimate's error (or the estimate
    /// is not finite); disagrees otherwise.
    public func verdict(_ actual: Double, _ estimate: Double, error: Double) -> FiniteDifferenceVerdict {
        if agrees(actual, estimate) { return .agrees }
        guard actual.isFinite else { return .disagrees }
        guard estimate.isFinite, error.isFinite else { return .inconclusive }
        return Swift.abs(actual - estimate) <= GradientCheck.errorSafetyFactor * error ? .inconclusive : .disagrees
    }

    /// The verdict on a tensor, entry by entry: disagrees if any entry (or the shape) does,
    /// else inconclusive if any entry is, else agrees.
    public func verdict(_ actual: Tensor, _ estimate: FiniteDifferenceEstimate) -> FiniteDifferenceVerdict {
        guard actual.shape == estimate.value.shape, actual.shape == estimate.error.shape else { return .disagrees }
        var result = FiniteDifferenceVerdict.agrees
        for k in actual.scalars.indices {
            switch verdict(actual.scalars[k], estimate.value.scalars[k], error: estimate.error.scalars[k]) {
            case .disagrees: return .disagrees
            case .inconclusive: result = .inconclusive
            case .agrees: break
            }
        }
        return result
    }

    /// The verdict on one gradient, as `explain` and `check` both give it, and the one word each
    /// prints for it (``word``).
    public enum Verdict: String, Sendable, CaseIterable {
        /// Σ over paths, backward and finite differences agree.
        case agrees
        /// Something disagrees beyond the tolerance: a real problem.
        case disagrees
        /// A relu, abs, max or min on the leaf's paths was evaluated exactly at its kink, where
        /// the derivative does not exist: a warning that explains the convention, not a mismatch
        /// (the sum over paths still agrees with backward; finite differences may not).
        case kink
        /// Σ over paths agrees with backward exactly as checked, but finite differences cannot
        /// decide at the tolerance (they differ by no more than their own estimated error, e.g.
        /// a small gradient under a huge output): passes, with a note saying why.
        case inconclusive

        /// What `check`'s status column and `explain`'s `agree` line say: `ok`, `MISMATCH`,
        /// `kink warning`, `ok (finite differences inconclusive)`.
        public var word: String {
            switch self {
            case .agrees: "ok"
            case .disagrees: "MISMATCH"
            case .kink: "kink warning"
            case .inconclusive: "ok (finite differences inconclusive)"
            }
        }
    }

    /// The verdict on a gradient from its parts: at a kink (`atKink`, some op on its paths at
    /// its kink) a sum over paths that agrees with backward is a ``Verdict/kink`` warning
    /// whatever finite differences say; otherwise a sum that disagrees, or finite differences
    /// that disagree (`finiteDifferences`, `nil` when skipped), are a mismatch, and finite
    /// differences that cannot decide leave it ``Verdict/inconclusive``.
    public static func verdict(
        sumAgrees: Bool, atKink: Bool, finiteDifferences: FiniteDifferenceVerdict?
    ) -> Verdict {
        if atKink && sumAgrees { return .kink }
        if !sumAgrees || finiteDifferences == .disagrees { return .disagrees }
        return finiteDifferences == .inconclusive ? .inconclusive : .agrees
    }

    /// Whether the backward gradient of `output` with respect to `leaf` agrees with central
    /// finite differences. Runs a backward pass from `output`.
    public func verify(_ graph: Graph, output: NodeID, wrt leaf: NodeID) -> Bool {
        graph.backward(from: output)
        guard let analytic = graph.gradient(of: leaf) else { return false }
        return agrees(analytic, graph.numericGradient(of: output, wrt: leaf))
    }
}
