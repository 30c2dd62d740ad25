/// The verdict of one row of a ``CheckReport``.
public enum CheckStatus: String, Sendable, CaseIterable {
    /// Σ over paths, backward and finite differences agree.
    case agrees
    /// Something disagrees beyond the tolerance: a real problem.
    case disagrees
    /// A relu or abs on the leaf's paths was evaluated exactly at 0, where the derivative does
    /// not exist: a warning that explains the convention, not a mismatch (the sum over paths
    /// still agrees with backward; finite differences may not).
    case kink
}
