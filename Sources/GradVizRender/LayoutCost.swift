import CGraphviz

/// An estimate of how many nodes Graphviz's `dot` lays out: the graph's own nodes plus the
/// virtual nodes it routes every edge longer than one rank through.
///
/// A graph of 200 nodes can be a layout of 10 000: `dot` breaks an edge that spans k ranks into
/// k edges through k − 1 virtual nodes, which network simplex and crossing minimisation then
/// treat like any other node, and edge labels double every span (a labelled edge gets a rank of
/// its own for the label). An operand read by ops along a chain (`s₂ = s₁ − z·y`, `s₃ = s₂ − z·y`,
/// … 100 lines) has 201 nodes and about 10 000 such virtual nodes; counting real nodes alone, it
/// escaped the caps and took minutes.
enum LayoutCost {
    /// The longest `minlen` an edge is counted with: Graphviz keeps it in an unsigned short, and
    /// a DOT's `minlen=9223372036854775807` must not overflow the ranks summed from it.
    static let maxEdgeLength = Int(UInt16.max)

    /// The nodes of `graph` plus the virtual nodes of its long edges, with ranks by the longest
    /// path from the sources (edges with `constraint=false` ignored, `minlen` respected) and each
    /// source then moved up to just before its nearest successor, as network simplex would pull
    /// it. Cycles, clusters and `rank=same` are not modelled: an estimate, not a layout.
    static func estimate(_ graph: UnsafeMutablePointer<Agraph_t>) -> Int {
        var index: [UnsafeMutablePointer<Agnode_t>: Int] = [:]
        var node = agfstnode(graph)
        while let found = node {
            index[found] = index.count
            node = agnxtnode(graph, found)
        }
        var edges: [(tail: Int, head: Int, length: Int, ranks: Bool)] = []
        var labelled = false
        node = agfstnode(graph)
        while let tail = node {
            var edge = agfstout(graph, tail)
            while let found = edge {
                let object = UnsafeMutableRawPointer(found)
                if let head = gvz_head(found).flatMap({ index[$0] }), let from = index[tail] {
                    let length = gvz_get(object, "minlen").flatMap { Int(String(cString: $0)) } ?? 1
                    let constraint = gvz_get(object, "constraint").map { String(cString: $0).lowercased() } ?? ""
                    let ranks = !["false", "no", "0"].contains(constraint)
                    edges.append((from, head, min(max(0, length), maxEdgeLength), ranks))
                }
                if !labelled, let label = gvz_get(object, "label"), label.pointee != 0 { labelled = true }
                edge = agnxtout(graph, found)
            }
            node = agnxtnode(graph, tail)
        }
        let ranks = ranks(count: index.count, edges: edges)
        var extra = 0
        for edge in edges where edge.tail != edge.head {
            extra += max(0, abs(ranks[edge.head] - ranks[edge.tail]) - 1)
        }
        return index.count + (labelled ? 2 * extra : extra)
    }

    /// Longest-path ranks from the sources over the ranking edges, sources then placed just
    /// before their nearest successor; nodes on a cycle keep the rank reached before it.
    private static func ranks(count: Int, edges: [(tail: Int, head: Int, length: Int, ranks: Bool)]) -> [Int] {
        var successors = Array(repeating: [(node: Int, length: Int)](), count: count)
        var inDegree = Array(repeating: 0, count: count)
        for edge in edges where edge.ranks && edge.tail != edge.head {
            successors[edge.tail].append((edge.head, edge.length))
            inDegree[edge.head] += 1
        }
        var rank = Array(repeating: 0, count: count)
        let sources = (0..<count).filter { inDegree[$0] == 0 }
        var ready = sources
        var remaining = inDegree
        while let node = ready.popLast() {
            for (successor, length) in successors[node] {
                rank[successor] = max(rank[successor], rank[node] + length)
                remaining[successor] -= 1
                if remaining[successor] == 0 { ready.append(successor) }
            }
        }
        for source in sources {
            if let nearest = successors[source].map({ rank[$0.node] - $0.length }).min() { rank[source] = nearest }
        }
        return rank
    }
}
