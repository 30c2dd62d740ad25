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
    /// Σ over paths agrees with backward exactly as checked, but finite differences cannot
    /// decide at the tolerance (they differ by no more than their own estimated error, e.g. a
    /// small gradient under a huge output): passes, with a note saying why.
    case inconclusive
}
