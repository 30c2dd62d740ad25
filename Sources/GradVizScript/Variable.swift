import GradVizEngine

/// A named variable of an evaluated script: an input or parameter (a leaf) or a computed value.
public struct Variable: Sendable, Hashable {
    /// The name as written in the script.
    public let name: String
    /// The variable's node in ``Evaluation/graph``.
    public let id: NodeID
    /// The 1-based line of its assignment.
    public let line: Int
    /// Whether the variable was assigned a literal (an input or parameter) rather than computed.
    public let isLeaf: Bool
    /// How figures display it: its `label` directive, or ``DisplayLabel`` of its name.
    public let label: String
    /// Whether a `constant` directive marks the leaf as data (no gradient, like PyTorch's
    /// `requires_grad=False`).
    public let isData: Bool

    /// A variable record (evaluation creates these; tests and tools may too).
    public init(name: String, id: NodeID, line: Int, isLeaf: Bool, label: String, isData: Bool = false) {
        self.name = name
        self.id = id
        self.line = line
        self.isLeaf = isLeaf
        self.label = label
        self.isData = isData
    }
}
