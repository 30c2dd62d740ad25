/// What an edge's label (and a `--wrt` legend's factors) shows of its local derivative.
public enum EdgeLabelContent: String, CaseIterable, Sendable {
    /// The number, `∂ŷ/∂w₂ = 17` (the default).
    case value
    /// The formula, `∂ŷ/∂w₂ = w₁·x + b₁`; the number where the edge has no formula.
    case formula
    /// The formula, then the number on a second line, `∂ŷ/∂w₂ = w₁·x + b₁` / `= 17`.
    case both
}
