/// The position of a node on a ``Graph``'s tape.
///
/// Nodes are recorded in order, so every input of a node has a smaller id than the node itself;
/// walking ids downwards is a valid order for backpropagation.
public struct NodeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The index of the node in recording order, starting at 0.
    public let index: Int

    /// The node recorded `index`-th.
    public init(_ index: Int) { self.index = index }

    public static func < (lhs: NodeID, rhs: NodeID) -> Bool { lhs.index < rhs.index }

    /// `n12` for the node at index 12.
    public var description: String { "n\(index)" }
}
