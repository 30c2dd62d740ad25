/// How ``Explanation/pathSum`` was added up.
public enum PathSumMethod: String, Sendable, CaseIterable {
    /// Path by path: every path was listed internally and its product added (the count was
    /// within the enumeration limit).
    case enumerated
    /// By the distributive law, one pullback per edge (backpropagation restricted to the view):
    /// the same sum over all paths, found without listing them because there were more than
    /// the enumeration limit.
    case factored
}
