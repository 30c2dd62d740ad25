import GradVizEngine

extension FigureBuilder {
    /// Leaves that read into exactly the same drawn nodes (and sit in the same cluster), in
    /// file order: `x₁, x₂` of a layer both feed every unit; `w₁,₁, w₁,₂` feed only unit 1.
    ///
    /// Such twins are interchangeable for the layout: swapping two of them is a relabelling
    /// of the same drawing, with the same edge crossings. So fixing their order costs the
    /// layout nothing, and the figure keeps the order of the file, top to bottom (left to
    /// right with `--rankdir TB`). Leaves that differ in what they feed are placed where they
    /// cross the fewest edges. Each group has at least two leaves.
    ///
    /// Only leaves that feed nodes of their own cluster are grouped. Graphviz orders a cluster
    /// as one block among the nodes outside it, and a chain outside a cluster reshuffled the
    /// block's inside: with `x₁, x₂` chained above the `linear1` block, the expanded tensor
    /// model drew z₃⁽¹⁾ above z₁⁽¹⁾ and z₂⁽¹⁾, and their weights out of order. Such leaves are
    /// left to Graphviz's own order, which follows the file there (`LeafOrderTests`).
    func twinLeaves() -> [(cluster: Int?, leaves: [NodeID])] {
        var consumers: [NodeID: Set<String>] = [:]
        var readsIntoAnotherCluster: Set<NodeID> = []
        for index in drawnEdges {
            let edge = view.edges[index]
            guard graph.op(of: edge.from) == .leaf else { continue }
            consumers[edge.from, default: []].insert(
                collapsing?.drawnID(of: edge.to, tree: tree) ?? edge.to.description)
            if tree.cluster(ofModule: graph.module(of: edge.to)) != tree.cluster(ofModule: graph.module(of: edge.from))
            {
                readsIntoAnotherCluster.insert(edge.from)
            }
        }
        struct Key: Hashable {
            let cluster: Int?
            let consumers: Set<String>
        }
        var groups: [Key: [NodeID]] = [:]
        var order: [Key] = []
        for node in view.nodes.sorted() where graph.op(of: node) == .leaf {
            guard let reads = consumers[node], !readsIntoAnotherCluster.contains(node),
                !(pruning?.stubs.contains(node) ?? false),
                pruning?.draws(node) ?? true, collapsing?.groupOfNode[node] == nil
            else { continue }
            let key = Key(cluster: tree.cluster(ofModule: graph.module(of: node)), consumers: reads)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(node)
        }
        return order.compactMap { key in groups[key].map { (key.cluster, $0) } }.filter { $0.leaves.count > 1 }
    }

    /// The DOT statements that keep each group of ``twinLeaves()`` in file order, by cluster
    /// (`nil` for the top level; Graphviz ignores an order given outside a leaf's cluster): one
    /// rank holding them, chained by invisible edges.
    ///
    /// Graphviz (2.43) draws a flat edge's tail first, left of its head top to bottom and above
    /// it left to right, except inside a cluster left to right, where the tail comes below: there
    /// the chain runs backwards. `minlen=0` keeps the usual spacing (an invisible flat edge
    /// would otherwise get room between its ends). `LeafOrderTests` checks the drawn positions.
    ///
    /// A long chain is written as several edge statements of at most ``maxLeafChainLength``
    /// nodes each, every one starting where the one before ended, in the one `rank=same`
    /// subgraph: Graphviz's parser holds a whole edge statement on its stack, and refused a
    /// chain of 2 500 leaves ("memory exhausted in line …").
    func leafOrderStatements() -> [Int?: [String]] {
        var statements: [Int?: [String]] = [:]
        for (cluster, leaves) in twinLeaves() {
            let chain = (cluster != nil && options.rankdir == .LR ? leaves.reversed() : leaves).map(\.description)
            let pieces = stride(from: 0, to: chain.count - 1, by: Self.maxLeafChainLength - 1).map { start in
                chain[start..<min(start + Self.maxLeafChainLength, chain.count)].joined(separator: " -> ")
                    + " [minlen=0, style=invis];"
            }
            statements[cluster, default: []].append("{ rank=same; " + pieces.joined(separator: " ") + " }")
        }
        return statements
    }

    /// The most nodes one edge statement of a leaf-order chain names. Graphviz 2.43's parser
    /// took a chain of 2 000 nodes and ran out of stack at 2 500 (its stack holds 10 000
    /// entries); 500 leaves it room, and lecture figures never have that many twin leaves.
    static let maxLeafChainLength = 500
}
