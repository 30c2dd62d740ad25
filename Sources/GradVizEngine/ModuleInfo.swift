/// A module (a block like PyTorch's `nn.Module`) that recorded part of a graph.
///
/// Figures draw each module as a labelled cluster around the nodes it recorded.
public struct ModuleInfo: Hashable, Sendable {
    /// The module's name, unique within its graph when given by a script (`hidden`, `Linear1`).
    public let name: String
    /// The module's kind, such as `Linear` or `Sequential`; empty for a script block.
    public let kind: String
    /// Index of the enclosing module in ``Graph/modules``, if nested.
    public let parent: Int?
}
