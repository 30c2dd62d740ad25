/// A finite-difference estimate of a gradient together with how far off it may be.
///
/// Finite differences are an independent check of the backward pass, but not an exact one:
/// a step `h` leaves a truncation error (∝ h² for central differences) and the difference of
/// two nearby values loses digits to rounding (about ε·|output|/h). When the output is large
/// compared with its change (`x + w^4` with w = 600: |L| ≈ 10¹¹, ∂L/∂x = 1) no step gives the
/// digits a tight tolerance asks for. ``error`` says how large that error may be, so a check can
/// tell "finite differences disagree" from "finite differences cannot decide" (see
/// ``GradientCheck/verdict(_:_:)``).
public struct FiniteDifferenceEstimate: Sendable, Hashable {
    /// The estimate of ∂output/∂leaf, shaped like the leaf.
    public var value: Tensor
    /// The estimated absolute error of each entry of ``value`` (infinite where no step gave a
    /// finite difference).
    public var error: Tensor

    /// An estimate with its error bound.
    public init(value: Tensor, error: Tensor) {
        self.value = value
        self.error = error
    }
}
