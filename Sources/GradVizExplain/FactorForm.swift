/// What a ``ChainPath`` factor holds.
public enum FactorForm: String, Sendable, CaseIterable {
    /// Both ends are scalars: the factor is the number ∂nodes[i+1]/∂nodes[i].
    case number
    /// The local Jacobian in the layout of ``FlowView/jacobian(along:)``: shaped like the
    /// parent when the child is a scalar, like the child when the parent is a scalar, otherwise
    /// a matrix with a row per entry of the child and a column per entry of the parent.
    case jacobian
    /// The Jacobian would have more than ``ChainPath/maxJacobianEntries`` entries, so the
    /// factor is what flows along the edge on this path instead: the path's gradient arriving
    /// at the child, pulled back through the edge (shaped like the parent).
    case flow
}
