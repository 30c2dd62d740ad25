import GradVizEngine
import GradVizExplain

/// Long edges from a heavily shared operand, drawn from small copies of it placed at each use.
///
/// `dot` routes an edge that spans k ranks through k − 1 virtual nodes (2k − 1 with edge labels,
/// which double the ranks), and its layout time grows much faster than their number: `z − z − … − z`
/// (100 terms) is 101 nodes, but `z` feeds all 99 `−` nodes of a chain across 99 ranks, so
/// Graphviz laid out about 9 700 virtual nodes for 232 s. A named node whose edges span more than
/// ``maxSpannedRanks`` extra ranks gets a dashed copy, carrying only the name, next to each use
/// one rank or more away; the edge keeps its label, colours and id, and the node itself says how
/// many of its uses are drawn from copies. Every use stays an edge, and the layout stays linear
/// in size.
struct OperandCopies {
    /// The most extra ranks (the sum over its drawn out-edges of rank span − 1, ranks as in
    /// ``spans(view:drawn:)``) one named node's edges may cross before it is drawn again at its uses.
    ///
    /// Chosen by measurement (`bench/shared_operand.sh`, `bench/RESULTS.md`): `z − z − … − z`
    /// with 25 terms spans 276 extra ranks and lays out in about 0.2 s as a fan of edges from
    /// one `z`, still readable; 50 terms (1 176) took 0.8 s, 70 terms (2 346) 7 s, 100 terms
    /// (4 851) 232 s. In the samples and in scalar MLPs (ops and vars views) no named node spans
    /// any, so those figures are unchanged.
    static let maxSpannedRanks = 300

    /// The copy, by DOT id, each copied edge (an index into the view's edges) is drawn from.
    let copyOfEdge: [Int: String]
    /// For each copied node, how many of its drawn uses come from copies, and how many it has.
    let copiedUses: [NodeID: (copies: Int, uses: Int)]

    /// Decides the copies for the drawn edges `drawn` (indices into `view.edges`), copying only
    /// nodes for which `copyable` holds and edges for which it holds of the edge index.
    init(view: FlowView, drawn: [Int], copyable node: (NodeID) -> Bool, copyableEdge: (Int) -> Bool) {
        let spans = Self.spans(view: view, drawn: drawn)
        var extraOfNode: [NodeID: Int] = [:]
        for (position, index) in drawn.enumerated() where spans[position] > 1 && copyableEdge(index) {
            extraOfNode[view.edges[index].from, default: 0] += spans[position] - 1
        }
        var copyOfEdge: [Int: String] = [:]
        var copiedUses: [NodeID: (copies: Int, uses: Int)] = [:]
        let copied = Set(extraOfNode.filter { $0.value > Self.maxSpannedRanks && node($0.key) }.keys)
        for (position, index) in drawn.enumerated() where copied.contains(view.edges[index].from) {
            let from = view.edges[index].from
            copiedUses[from, default: (0, 0)].uses += 1
            guard spans[position] > 1, copyableEdge(index) else { continue }
            copyOfEdge[index] = Self.copyID(ofEdge: index)
            copiedUses[from, default: (0, 0)].copies += 1
        }
        self.copyOfEdge = copyOfEdge
        self.copiedUses = copiedUses
    }

    /// The DOT id of the copy that edge `index` is drawn from.
    static func copyID(ofEdge index: Int) -> String { "copy_e\(index)" }

    /// The rank span of each drawn edge (by position in `drawn`), ranks as `dot` gives them
    /// roughly: by the longest path from the sources, then each source moved up to just before
    /// its nearest use (network simplex pulls a leaf next to its first consumer). A node used at
    /// many ranks keeps long edges; the fan of a layer in an MLP (every unit feeding every unit
    /// of the next layer, one rank on) has none.
    static func spans(view: FlowView, drawn: [Int]) -> [Int] {
        var successors: [NodeID: [NodeID]] = [:]
        var inDegree: [NodeID: Int] = [:]
        var nodes = Set<NodeID>()
        for index in drawn {
            let edge = view.edges[index]
            successors[edge.from, default: []].append(edge.to)
            inDegree[edge.to, default: 0] += 1
            nodes.insert(edge.from)
            nodes.insert(edge.to)
        }
        var rank: [NodeID: Int] = [:]
        let sources = nodes.filter { inDegree[$0, default: 0] == 0 }.sorted()
        var ready = sources
        var remaining = inDegree
        while let node = ready.popLast() {
            let next = rank[node, default: 0] + 1
            for successor in successors[node] ?? [] {
                rank[successor] = max(rank[successor, default: 0], next)
                remaining[successor, default: 0] -= 1
                if remaining[successor] == 0 { ready.append(successor) }
            }
        }
        for source in sources {
            if let first = successors[source]?.map({ rank[$0, default: 0] }).min() { rank[source] = first - 1 }
        }
        return drawn.map { index in
            let edge = view.edges[index]
            return rank[edge.to, default: 0] - rank[edge.from, default: 0]
        }
    }
}
