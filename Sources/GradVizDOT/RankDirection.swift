/// The direction in which a figure's graph flows from inputs to the output.
public enum RankDirection: String, CaseIterable, Sendable {
    /// Left to right, as the lecture draws its graphs and as a wide slide fits best.
    case LR
    /// Top to bottom, for deep graphs and portrait pages.
    case TB
}
