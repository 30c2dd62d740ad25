import GradVizEngine

/// The part of a ``FlowView`` that paths from `wrt` to `of` can use: the nodes reachable from
/// `wrt` that reach `of`, and the edges between them, in arrays indexed densely.
///
/// Every algorithm over paths (ranking, enumeration, sums) walks this, so none of them wastes
/// time on branches that cannot reach the output, and a search going backwards from `of` never
/// hits a dead end.
struct PathGraph {
    let view: FlowView
    let wrt: NodeID
    let of: NodeID
    /// Relevant nodes in recording order.
    let nodes: [NodeID]
    /// Position in ``nodes`` of each node index up to `of`, or -1.
    let position: [Int32]
    /// Relevant edges as indices into `view.edges`, ordered by child then position.
    let edges: [Int]
    /// The parent position and child position of each relevant edge.
    let parent: [Int32]
    let child: [Int32]
    /// Edges into `nodes[p]` are `edges[incomingStart[p]..<incomingStart[p + 1]]`.
    let incomingStart: [Int]
    /// Edges out of `nodes[p]` are `outgoing[outgoingStart[p]..<outgoingStart[p + 1]]`
    /// (indices into ``edges``, ascending).
    let outgoing: [Int32]
    let outgoingStart: [Int]
    /// Whether every relevant node is a scalar, so every edge has a number for a factor.
    let isScalar: Bool
    /// The factor of each relevant edge when ``isScalar`` (else empty).
    let scalarFactors: [Double]

    init(view: FlowView, wrt: NodeID, of: NodeID) {
        self.view = view
        self.wrt = wrt
        self.of = of
        let graph = view.graph
        guard view.contains(wrt), view.contains(of), wrt <= of else {
            self.nodes = []
            self.position = []
            self.edges = []
            self.parent = []
            self.child = []
            self.incomingStart = [0]
            self.outgoing = []
            self.outgoingStart = [0]
            self.isScalar = graph.shape(of: of).isScalar
            self.scalarFactors = []
            return
        }
        let count = of.index + 1
        var reached = [Bool](repeating: false, count: count)
        reached[wrt.index] = true
        for edge in view.edges {
            if edge.to > of { break }
            if edge.from >= wrt, reached[edge.from.index] { reached[edge.to.index] = true }
        }
        var reaches = [Bool](repeating: false, count: count)
        reaches[of.index] = true
        var relevantEdges: [Int] = []
        for index in view.edges.indices.reversed() {
            let edge = view.edges[index]
            guard edge.to <= of, edge.from >= wrt, reaches[edge.to.index], reached[edge.from.index] else { continue }
            reaches[edge.from.index] = true
            relevantEdges.append(index)
        }
        relevantEdges.reverse()
        var nodes: [NodeID] = []
        var position = [Int32](repeating: -1, count: count)
        for index in wrt.index..<count where reached[index] && reaches[index] {
            position[index] = Int32(nodes.count)
            nodes.append(NodeID(index))
        }
        var parent: [Int32] = []
        var child: [Int32] = []
        var incomingStart = [Int](repeating: 0, count: nodes.count + 1)
        var outgoingCount = [Int](repeating: 0, count: nodes.count + 1)
        for index in relevantEdges {
            let edge = view.edges[index]
            let from = position[edge.from.index]
            let to = position[edge.to.index]
            parent.append(from)
            child.append(to)
            incomingStart[Int(to) + 1] += 1
            outgoingCount[Int(from) + 1] += 1
        }
        for p in 0..<nodes.count {
            incomingStart[p + 1] += incomingStart[p]
            outgoingCount[p + 1] += outgoingCount[p]
        }
        var outgoing = [Int32](repeating: 0, count: relevantEdges.count)
        var fill = outgoingCount
        for (local, from) in parent.enumerated() {
            outgoing[fill[Int(from)]] = Int32(local)
            fill[Int(from)] += 1
        }
        let isScalar = nodes.allSatisfy { graph.shape(of: $0).isScalar }
        self.nodes = nodes
        self.position = position
        self.edges = relevantEdges
        self.parent = parent
        self.child = child
        self.incomingStart = incomingStart
        self.outgoing = outgoing
        self.outgoingStart = outgoingCount
        self.isScalar = isScalar
        self.scalarFactors = isScalar ? relevantEdges.map { view.edges[$0].scalarFactor ?? .nan } : []
    }

    /// Whether there is at least one path.
    var hasPaths: Bool { !nodes.isEmpty }

    /// The position of `of` in ``nodes`` (when there are paths; `wrt` is at 0).
    var ofPosition: Int { nodes.count - 1 }

    /// The view edge of relevant edge `local`.
    func edge(_ local: Int) -> FlowEdge { view.edges[edges[local]] }

    /// Ones shaped like `of`: the seed of backpropagation, as ``Graph/backward(from:)`` uses.
    var seed: Tensor { Tensor(repeating: 1, shape: view.graph.shape(of: of)) }
}
