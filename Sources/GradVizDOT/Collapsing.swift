import GradVizEngine
import GradVizExplain

/// What a collapsed figure (`--collapse DEPTH`) folds: every module cluster nested `depth` deep
/// (top-level modules are at depth 0) becomes one node, standing for everything recorded inside
/// it and inside the modules it encloses. Clusters less deep stay clusters around their nodes.
///
/// Only the drawing changes: paths, gradients and the legend come from the whole graph, and a
/// folded module whose inside lies on a highlighted path is lit as a whole.
struct Collapsing {
    /// One folded module.
    struct Group {
        /// The cluster it stands for (an index into the ``ClusterTree``'s clusters).
        let cluster: Int
        /// The view's nodes folded into it, in recording order.
        var members: [NodeID]
    }

    /// The folded modules that hold nodes, in cluster order.
    let groups: [Group]
    /// The group (index into ``groups``) of each folded node.
    let groupOfNode: [NodeID: Int]

    init(view: FlowView, tree: ClusterTree, depth: Int) {
        // Each cluster's ancestor `depth` deep, from its parent's: clusters in order of depth,
        // so a parent's is known first (linear in the clusters however deep they nest).
        let clusters = tree.clusters
        let depths = tree.depths()
        var ancestorAtDepth = [Int?](repeating: nil, count: clusters.count)
        for index in clusters.indices.sorted(by: { depths[$0] < depths[$1] }) {
            ancestorAtDepth[index] =
                depths[index] == depth
                ? index : depths[index] > depth ? clusters[index].parent.flatMap { ancestorAtDepth[$0] } : nil
        }
        var groupOfCluster: [Int: Int] = [:]
        var groups: [Group] = []
        var groupOfNode: [NodeID: Int] = [:]
        for node in view.nodes {
            guard let cluster = tree.cluster(ofModule: view.graph.module(of: node)),
                let folded = ancestorAtDepth[cluster]
            else { continue }
            let group: Int
            if let known = groupOfCluster[folded] {
                group = known
            } else {
                group = groups.count
                groupOfCluster[folded] = group
                groups.append(Group(cluster: folded, members: []))
            }
            groups[group].members.append(node)
            groupOfNode[node] = group
        }
        self.groups = groups
        self.groupOfNode = groupOfNode
    }

    /// The DOT id of a folded module's node.
    static func nodeID(ofCluster cluster: ClusterTree.Cluster) -> String { "module_\(cluster.id)" }

    /// The DOT id a view node is drawn as: its own, or its folded module's.
    func drawnID(of node: NodeID, tree: ClusterTree) -> String {
        guard let group = groupOfNode[node] else { return node.description }
        return DOTEscape.quoted(Collapsing.nodeID(ofCluster: tree.clusters[groups[group].cluster]))
    }
}
