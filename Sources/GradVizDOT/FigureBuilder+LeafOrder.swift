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
    ///
    /// A leaf that feeds only entries that ``entryGroups()`` pins (x₁, x₂ of the expanded
    /// tensor model feeding z₁⁽¹⁾, z₂⁽¹⁾, z₃⁽¹⁾ inside `linear1`) is grouped even from outside
    /// their cluster: the block's inside is held in order, so the chain cannot reshuffle it, and
    /// both inputs come in from the same side of the block in file order instead of one above
    /// and one below it, their edges crossing each other through the block.
    func twinLeaves(pinned: Set<NodeID> = []) -> [(cluster: Int?, leaves: [NodeID])] {
        var consumers: [NodeID: Set<String>] = [:]
        var readsIntoAnotherCluster: Set<NodeID> = []
        for index in drawnEdges {
            let edge = view.edges[index]
            guard graph.op(of: edge.from) == .leaf else { continue }
            consumers[edge.from, default: []].insert(
                collapsing?.drawnID(of: edge.to, tree: tree) ?? edge.to.description)
            if tree.cluster(ofModule: graph.module(of: edge.to)) != tree.cluster(ofModule: graph.module(of: edge.from)),
                !pinned.contains(edge.to)
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

    /// The DOT statements that keep each group of ``twinLeaves(pinned:)`` in file order, by cluster
    /// (`nil` for the top level; Graphviz ignores an order given outside a leaf's cluster): one
    /// rank holding them, chained by invisible edges.
    ///
    /// Graphviz (2.43) draws a flat edge's tail first, left of its head top to bottom and above
    /// it left to right, except inside a cluster left to right, where the tail comes below: there
    /// the chain runs backwards. `minlen=0` keeps the usual spacing (an invisible flat edge
    /// would otherwise get room between its ends). `LeafOrderTests` checks the drawn positions.
    ///
    /// The groups of ``entryGroups()`` come first, chained the same way; outside every cluster
    /// only left to right. Top to bottom, crossing minimisation already keeps such entries in
    /// the order of the entries that feed them, and a chain of them (h₁ → h₂ → h₃ of the
    /// expanded MLP, in the rank of `fc2`'s weights) had reshuffled the weights' own chain.
    ///
    /// A long chain is written as several edge statements of at most ``maxLeafChainLength``
    /// nodes each, every one starting where the one before ended, in the one `rank=same`
    /// subgraph: Graphviz's parser holds a whole edge statement on its stack, and refused a
    /// chain of 2 500 leaves ("memory exhausted in line …").
    func leafOrderStatements() -> [Int?: [String]] {
        var statements: [Int?: [String]] = [:]
        let entries = entryGroups().filter { $0.cluster != nil || options.rankdir == .LR }
        let pinned = Set(entries.flatMap(\.nodes))
        for (cluster, nodes) in entries.map({ ($0.cluster, $0.nodes) }) + twinLeaves(pinned: pinned) {
            let chain = (cluster != nil && options.rankdir == .LR ? nodes.reversed() : nodes).map(\.description)
            let pieces = stride(from: 0, to: chain.count - 1, by: Self.maxLeafChainLength - 1).map { start in
                chain[start..<min(start + Self.maxLeafChainLength, chain.count)].joined(separator: " -> ")
                    + " [minlen=0, style=invis];"
            }
            statements[cluster, default: []].append("{ rank=same; " + pieces.joined(separator: " ") + " }")
        }
        return statements
    }

    /// The computed entries of one expanded tensor (`z1[1]`, `z1[2]`, `z1[3]`, named by
    /// ``EntryName``) that sit in the same cluster at the same depth (the longest chain of drawn
    /// edges from a leaf), in index order (row-major for a matrix): the neurons of a layer, drawn
    /// top to bottom as the lecture numbers them (left to right with `--rankdir TB`). Each group
    /// has at least two nodes.
    ///
    /// Graphviz's crossing minimisation is free to put such entries in any order, and did: the
    /// expanded 2-3-1 MLP drew z₂, z₃, z₁ and h₂, h₃, h₁, with their weights' rows following.
    /// Entries at the same depth already share a rank, so fixing their order changes no rank,
    /// only which permutation of an equally ranked column is drawn. Leaves are ordered by
    /// ``twinLeaves(pinned:)``; folded and pruned-away nodes are left alone.
    func entryGroups() -> [(cluster: Int?, nodes: [NodeID])] {
        var depth: [NodeID: Int] = [:]
        var parents: [NodeID: [NodeID]] = [:]
        for index in drawnEdges { parents[view.edges[index].to, default: []].append(view.edges[index].from) }
        // Recording order is topological: every edge runs from an earlier node to a later one.
        for node in view.nodes { depth[node] = (parents[node] ?? []).map { (depth[$0] ?? 0) + 1 }.max() ?? 0 }
        struct Key: Hashable {
            let tensor: String
            let rank: Int
            let cluster: Int?
            let depth: Int
        }
        var groups: [Key: [(indices: [Int], node: NodeID)]] = [:]
        var order: [Key] = []
        for node in view.nodes where graph.op(of: node) != .leaf {
            guard let name = graph.name(of: node), let entry = EntryName.parse(name),
                pruning?.draws(node) ?? true, !(pruning?.stubs.contains(node) ?? false),
                collapsing?.groupOfNode[node] == nil
            else { continue }
            let key = Key(
                tensor: entry.tensor, rank: entry.indices.count,
                cluster: tree.cluster(ofModule: graph.module(of: node)),
                depth: depth[node] ?? 0)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append((entry.indices, node))
        }
        return order.compactMap { key -> (cluster: Int?, nodes: [NodeID])? in
            guard let members = groups[key], members.count > 1 else { return nil }
            let sorted = members.sorted { $0.indices.lexicographicallyPrecedes($1.indices) }
            return (key.cluster, sorted.map(\.node))
        }
    }

    /// The most nodes one edge statement of a leaf-order chain names. Graphviz 2.43's parser
    /// took a chain of 2 000 nodes and ran out of stack at 2 500 (its stack holds 10 000
    /// entries); 500 leaves it room, and lecture figures never have that many twin leaves.
    static let maxLeafChainLength = 500
}
