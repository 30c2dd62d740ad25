import GradVizEngine

/// A recorded graph seen as the DAG that figures draw and explanations walk: nodes, edges and
/// the local derivative on each edge, in the ``ViewKind`` chosen.
///
/// Built without recursion, in time linear in the graph for the ops view and in the total size
/// of the variables' expressions for the vars view (an unnamed sub-expression read by two
/// variables is part of both). Nodes are those recorded up to `output` (a figure's view: to the
/// end), constants left out (nothing flows into them); edges are ordered by child, then position, so everything derived
/// from a view is deterministic.
///
/// Names: ``name(of:)`` gives a variable's name, or `op#index` (`relu#12`) for an unnamed node,
/// stable for a given script; ``label(of:)`` gives the display label used in math.
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
    /// The ends of each edge as plain indices, parallel to ``edges``, for tight loops.
    let edgeEnds: [EdgeEnds]
    private let members: [Bool]

    /// The view of `graph` up to `output`, or with `afterOutput` up to the graph's end.
    ///
    /// In the vars view a node is a named node, an unnamed leaf, `output`, or one of `extra`
    /// (an unnamed intermediate that an explanation is asked about stands as a variable of its
    /// own); the other nodes fold into edges. Constants are never nodes. Figures take
    /// `afterOutput`: a variable assigned after the output (`output L` above it) is drawn
    /// muted, as one assigned before it that does not reach it is; nothing after the output
    /// is on a path to it, so paths, sums and checks are the same either way.
    public init(
        graph: Graph, output: NodeID, kind: ViewKind, including extra: Set<NodeID> = [], afterOutput: Bool = false
    ) {
        self.graph = graph
        self.kind = kind
        self.output = output
        let count =
            (0..<graph.count).contains(output.index) ? (afterOutput ? graph.count : output.index + 1) : 0
        var members = [Bool](repeating: false, count: count)
        var nodes: [NodeID] = []
        for index in 0..<count {
            let id = NodeID(index)
            let op = graph.op(of: id)
            guard op != .constant else { continue }
            if kind == .ops || index == output.index || op == .leaf || graph.name(of: id) != nil || extra.contains(id) {
                members[index] = true
                nodes.append(id)
            }
        }
        var edges: [FlowEdge] = []
        var scalarFactors = VarsEdgeFactors(graph: graph, count: kind == .vars ? count : 0)
        for child in nodes where graph.op(of: child) != .leaf {
            let childShape = graph.shape(of: child)
            switch kind {
            case .ops:
                let inputs = graph.inputs(of: child)
                let op = graph.op(of: child)
                for (position, parent) in inputs.enumerated() where graph.op(of: parent) != .constant {
                    edges.append(
                        FlowEdge(
                            from: parent, to: child, position: position,
                            factor: childShape.isScalar ? FlowView.opsFactor(graph, child, op, inputs, position) : nil))
                }
            case .vars:
                if childShape.isScalar,
                    let factors = scalarFactors.factors(of: child, isVariable: { members[$0.index] })
                {
                    for (position, (parent, factor)) in factors.enumerated() {
                        edges.append(FlowEdge(from: parent, to: child, position: position, factor: Tensor(factor)))
                    }
                    continue
                }
                let seed = Tensor(repeating: 1, shape: childShape)
                let reached = graph.backpropagate(from: child, upstream: seed) { $0.index < count && members[$0.index] }
                for (position, parent) in reached.keys.sorted().enumerated() {
                    edges.append(
                        FlowEdge(
                            from: parent, to: child, position: position,
                            factor: childShape.isScalar ? reached[parent] : nil))
                }
            }
        }
        self.nodes = nodes
        self.edges = edges
        self.edgeEnds = edges.map {
            EdgeEnds(from: Int32(truncatingIfNeeded: $0.from.index), to: Int32(truncatingIfNeeded: $0.to.index))
        }
        self.members = members
    }

    /// Whether `id` is a node of this view.
    public func contains(_ id: NodeID) -> Bool { members.indices.contains(id.index) && members[id.index] }

    /// `upstream · ∂edge.to/∂edge.from`: the gradient that flows back along one edge, shaped
    /// like `edge.from`. Chaining pullbacks from the output down a path gives that path's
    /// contribution to the gradient.
    public func pullback(along edge: FlowEdge, upstream: Tensor) -> Tensor {
        switch kind {
        case .ops:
            return graph.vectorJacobianProduct(of: edge.to, input: edge.position, upstream: upstream)
        case .vars:
            let reached = graph.backpropagate(from: edge.to, upstream: upstream) { contains($0) }
            return reached[edge.from] ?? Tensor(repeating: 0, shape: graph.shape(of: edge.from))
        }
    }

    /// ∂child/∂(input at `position`) for a scalar child: straight from the op's partials when
    /// every operand is a scalar (the hot path of scalar networks), else a vector-Jacobian
    /// product.
    private static func opsFactor(_ graph: Graph, _ child: NodeID, _ op: Op, _ inputs: [NodeID], _ position: Int)
        -> Tensor
    {
        if op.isElementwise, inputs.allSatisfy({ graph.shape(of: $0).isScalar }) {
            let a = graph.scalarValue(of: inputs[0])
            let b = inputs.count > 1 ? graph.scalarValue(of: inputs[1]) : 0
            let partials = op.partials(a, b, output: graph.scalarValue(of: child))
            return Tensor(position == 0 ? partials.0 : partials.1)
        }
        return graph.vectorJacobianProduct(of: child, input: position, upstream: Tensor(1))
    }

    /// An edge's parent and child indices.
    struct EdgeEnds {
        var from: Int32
        var to: Int32
    }
}
