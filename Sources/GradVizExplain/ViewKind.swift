/// Which nodes a figure or an explanation shows.
public enum ViewKind: String, CaseIterable, Sendable {
    /// One node per named variable, as the lecture draws graphs; unnamed sub-expressions fold
    /// into the edges, whose factor is ∂child/∂parent of the child's whole expression.
    case vars
    /// One node per primitive op, micrograd style; an operand used twice gets two edges.
    case ops
}
