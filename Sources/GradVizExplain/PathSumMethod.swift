/// How ``Explanation/pathSum`` was added up.
public enum PathSumMethod: String, Sendable, CaseIterable {
    /// Path by path: every path was walked internally and its product added (the count was
    /// within the enumeration limit, and the walk within its step budget, counted beforehand).
    case enumerated
    /// By the distributive law, one pullback per edge (backpropagation restricted to the view):
    /// the same sum over all paths, found without walking them because there were more than
    /// the enumeration limit or walking them would have taken more steps than the budget (10⁵
    /// paths along a 10⁵-statement chain are 5·10⁹ steps).
    case factored
}
