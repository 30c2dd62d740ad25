import GradVizEngine

/// A recorded graph seen as the DAG that figures draw and explanations walk: nodes, edges and
/// the local derivative on each edge, in the ``ViewKind`` chosen.
///
/// Built in time linear in the graph without recursion. Nodes are those recorded up to
/// `output` (constants are left out: nothing flows into them); edges are ordered by child, then
/// position, so everything derived from a view is deterministic.
public struct FlowView {
    /// The recorded graph.
    public let graph: Graph
    /// Vars or ops.
    public let kind: ViewKind
    /// The node whose gradient is explained (the loss).
    public let output: NodeID
    /// The view's nodes in recording order.
    public let nodes: [NodeID]
    /// Every edge, ordered by child then position.
    public let edges: [FlowEdge]
    private let incomingEdges: [NodeID: [Int]]
    private let outgoingEdges: [NodeID: [Int]]
    private let members: Set<NodeID>

    /// The view of `graph` up to `output`.
    ///
    /// In the vars view a node is a named node, an unnamed leaf, `output`, or one of `extra`
    /// (an unnamed intermediate that an explanation is asked about stands as a variable of its
    /// own); the other nodes fold into edges. Constants are never nodes.
    public init(graph: Graph, output: NodeID, kind: ViewKind, including extra: Set<NodeID> = []) {
        self.graph = graph
        self.kind = kind
        self.output = output
        let recorded = (0..<graph.count).contains(output.index) ? (0...output.index).map(NodeID.init) : []
        let isConstant = { (id: NodeID) in graph.op(of: id) == .constant }
        var nodes: [NodeID] = []
        switch kind {
        case .ops:
            nodes = recorded.filter { !isConstant($0) }
        case .vars:
            nodes = recorded.filter {
                !isConstant($0)
                    && ($0 == output || graph.name(of: $0) != nil || graph.op(of: $0) == .leaf || extra.contains($0))
            }
        }
        let members = Set(nodes)
        var edges: [FlowEdge] = []
        for child in nodes where graph.op(of: child) != .leaf {
            let isScalar = graph.shape(of: child).isScalar
            switch kind {
            case .ops:
                for (position, parent) in graph.inputs(of: child).enumerated() where !isConstant(parent) {
                    let factor = isScalar
                        ? graph.vectorJacobianProduct(of: child, input: position, upstream: Tensor(1)) : nil
                    edges.append(FlowEdge(from: parent, to: child, position: position, factor: factor))
                }
            case .vars:
                let seed = Tensor(repeating: 1, shape: graph.shape(of: child))
                let reached = graph.backpropagate(from: child, upstream: seed) { members.contains($0) }
                for (position, parent) in reached.keys.sorted().enumerated() {
                    edges.append(
                        FlowEdge(from: parent, to: child, position: position, factor: isScalar ? reached[parent] : nil))
                }
            }
        }
        var incoming: [NodeID: [Int]] = [:]
        var outgoing: [NodeID: [Int]] = [:]
        for (index, edge) in edges.enumerated() {
            incoming[edge.to, default: []].append(index)
            outgoing[edge.from, default: []].append(index)
        }
        self.nodes = nodes
        self.edges = edges
        self.members = members
        self.incomingEdges = incoming
        self.outgoingEdges = outgoing
    }

    /// Whether `id` is a node of this view.
    public func contains(_ id: NodeID) -> Bool { members.contains(id) }

    /// Indices into ``edges`` of the edges into `id` (from its inputs), by position.
    public func incoming(_ id: NodeID) -> [Int] { incomingEdges[id] ?? [] }

    /// Indices into ``edges`` of the edges out of `id` (to the nodes that read it).
    public func outgoing(_ id: NodeID) -> [Int] { outgoingEdges[id] ?? [] }

    /// `upstream · ∂edge.to/∂edge.from`: the gradient that flows back along one edge, shaped
    /// like `edge.from`. Chaining pullbacks from the output down a path gives that path's
    /// contribution to the gradient.
    public func pullback(along edge: FlowEdge, upstream: Tensor) -> Tensor {
        switch kind {
        case .ops:
            return graph.vectorJacobianProduct(of: edge.to, input: edge.position, upstream: upstream)
        case .vars:
            let reached = graph.backpropagate(from: edge.to, upstream: upstream) { members.contains($0) }
            return reached[edge.from] ?? Tensor(repeating: 0, shape: graph.shape(of: edge.from))
        }
    }
}
