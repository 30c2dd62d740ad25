/// What finite differences say about one gradient, given their estimated error.
public enum FiniteDifferenceVerdict: String, Sendable, CaseIterable {
    /// The estimate is within the tolerance of the gradient.
    case agrees
    /// The estimate differs by more than the tolerance, but by no more than its own estimated
    /// error: finite differences cannot decide at this tolerance (rounding on a large output,
    /// truncation on a steep one). Not a mismatch.
    case inconclusive
    /// The estimate differs by more than both the tolerance and its estimated error.
    case disagrees
}
