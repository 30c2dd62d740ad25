import GradVizEngine
import GradVizNotation

extension FlowView {
    /// The name an explanation prints for a node: its variable name, or `op#index` for an
    /// unnamed node (`relu#12`, `mul#7`, `leaf#0`).
    ///
    /// The index is the node's position on the tape, so the name is stable for a given script
    /// and unique within the graph; the op is spelled as the engine's `Op` case.
    public func name(of id: NodeID) -> String {
        FlowView.name(of: id, in: graph)
    }

    /// How a node is displayed in math: its label (set by a script's `label` directive or
    /// derived from its name, such as `w₁` or `ŷ`), or ``name(of:)``.
    public func label(of id: NodeID) -> String {
        if let label = graph.label(of: id) { return label }
        if let name = graph.name(of: id) { return DisplayLabel(name: name).text }
        return name(of: id)
    }

    static func name(of id: NodeID, in graph: Graph) -> String {
        guard (0..<graph.count).contains(id.index) else { return id.description }
        return graph.name(of: id) ?? "\(graph.op(of: id))#\(id.index)"
    }
}
