import GradVizEngine
import GradVizExplain

/// What a figure draws, decided before any label or DOT is written: the nodes a pruned figure
/// keeps (`--prune`), the modules a collapsed one folds (`--collapse`), the view's edges drawn,
/// and how many nodes and edges that makes.
///
/// Counting takes time linear in the view; writing the labels and DOT of a huge graph takes
/// minutes. So a figure checks its size against ``FigureOptions/sizeCheck`` with these counts
/// first (``Figure/init(graph:output:options:)``), and the builder reuses what was decided here.
package struct FigureExtent {
    /// What a pruned figure draws, or `nil` to draw the whole view.
    let pruning: Pruning?
    /// Indices into the view's edges of the edges drawn.
    let drawnEdges: [Int]
    /// The module clusters.
    let tree: ClusterTree
    /// The modules a collapsed figure folds into single nodes, or `nil`.
    let collapsing: Collapsing?
    /// The long edges drawn from copies of a heavily shared operand (``OperandCopies``).
    let copies: OperandCopies
    /// How many nodes the DOT has: the view's nodes drawn (a folded module counts once), the
    /// stubs of a pruned figure, its stubs that count inputs, and the copies of shared operands.
    package let nodeCount: Int
    /// How many edges the DOT has at least: one per drawn edge between two different drawn
    /// nodes (edges into or out of a folded module merged as the figure merges them) and one
    /// per counting stub. The leaf order adds invisible ones, so the DOT may have more, never
    /// fewer: a size check with this count refuses no figure the renderer would lay out.
    package let edgeCount: Int
    /// How many module clusters the DOT has: those holding a drawn node, directly or in a
    /// cluster they enclose (a folded module is a node of its parent's cluster).
    package let clusterCount: Int
    /// How deeply the DOT's clusters nest: 1 when every cluster is at the top level, 0 when
    /// there is none.
    package let clusterDepth: Int

    package init(view: FlowView, options: FigureOptions, listing: PathListing?) {
        let pruning = options.prune ? listing.map { Pruning(view: view, listing: $0) } : nil
        self.pruning = pruning
        let drawnEdges = pruning?.edges ?? Array(view.edges.indices)
        self.drawnEdges = drawnEdges
        let tree = ClusterTree(modules: view.graph.modules)
        self.tree = tree
        let collapsing = options.collapse.map { Collapsing(view: view, tree: tree, depth: $0) }
        self.collapsing = collapsing

        var nodes = pruning?.counted.count ?? 0
        var foldedDrawn = Set<Int>()
        for node in view.nodes where pruning?.draws(node) ?? true {
            if let group = collapsing?.groupOfNode[node] {
                if foldedDrawn.insert(group).inserted { nodes += 1 }
            } else {
                nodes += 1
            }
        }
        let copies = FigureBuilder.operandCopies(
            view: view, drawnEdges: drawnEdges, pruning: pruning, collapsing: collapsing)
        self.copies = copies
        nodeCount = nodes + copies.copyOfEdge.count

        var edges = pruning?.counted.count ?? 0
        if let collapsing {
            // As `FigureBuilder.render` merges them: one edge per pair of drawn ends, none
            // inside a folded module. A folded module's end is written −(group + 1).
            func end(_ node: NodeID) -> Int { collapsing.groupOfNode[node].map { -($0 + 1) } ?? node.index }
            var folded = Set<FoldedEdge>()
            for index in drawnEdges {
                let edge = view.edges[index]
                guard collapsing.groupOfNode[edge.from] != nil || collapsing.groupOfNode[edge.to] != nil else {
                    edges += 1
                    continue
                }
                let from = end(edge.from)
                let to = end(edge.to)
                if from != to { folded.insert(FoldedEdge(from: from, to: to)) }
            }
            edges += folded.count
        } else {
            edges += drawnEdges.count
        }
        edgeCount = edges

        var holding = Set<Int>()
        for node in view.nodes where pruning?.draws(node) ?? true {
            if let collapsing, let group = collapsing.groupOfNode[node] {
                if let parent = tree.clusters[collapsing.groups[group].cluster].parent { holding.insert(parent) }
            } else if let cluster = tree.cluster(ofModule: view.graph.module(of: node)) {
                holding.insert(cluster)
            }
        }
        var shown = Set<Int>()
        for cluster in holding {
            var current: Int? = cluster
            while let index = current, shown.count < tree.clusters.count, shown.insert(index).inserted {
                current = tree.clusters[index].parent
            }
        }
        let depths = shown.isEmpty ? [] : tree.depths()
        clusterCount = shown.count
        clusterDepth = shown.map { depths[$0] + 1 }.max() ?? 0
    }

    /// What the size check is given (``FigureOptions/sizeCheck``).
    package var size: FigureSize {
        FigureSize(nodes: nodeCount, edges: edgeCount, clusters: clusterCount, clusterDepth: clusterDepth)
    }

    /// One merged edge of a collapsed figure, by its drawn ends.
    private struct FoldedEdge: Hashable {
        let from: Int
        let to: Int
    }
}

/// What a figure draws, counted before any label or DOT is written: what its size check
/// (``FigureOptions/sizeCheck``) is given.
public struct FigureSize: Sendable, Equatable {
    /// The nodes the DOT has.
    public var nodes: Int
    /// The edges the DOT has at least (the invisible ones that keep leaves in order are not
    /// counted).
    public var edges: Int
    /// The module clusters the DOT has.
    public var clusters: Int
    /// How deeply the clusters nest: 1 when every cluster is at the top level, 0 without any.
    public var clusterDepth: Int

    /// A size of `nodes` nodes, `edges` edges and `clusters` clusters nested `clusterDepth` deep.
    public init(nodes: Int, edges: Int, clusters: Int = 0, clusterDepth: Int = 0) {
        self.nodes = nodes
        self.edges = edges
        self.clusters = clusters
        self.clusterDepth = clusterDepth
    }
}
