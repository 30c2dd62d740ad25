import GradVizEngine
import GradVizExplain

/// What a pruned figure (`--prune` with `--wrt`) draws: the nodes of the listed paths from `wrt`
/// to the output, and a faint stub for each input those nodes read from off the paths, so a big
/// network's figure shows just the chain rule for one weight.
///
/// A node that reads more than ``maxStubsPerNode`` inputs from off the paths (a unit of a wide
/// layer reads every weight and every unit before it) gets one stub that counts them instead,
/// which keeps the figure's size proportional to the paths, not to the network.
struct Pruning {
    /// The most off-path inputs of one node drawn as stubs of their own.
    static let maxStubsPerNode = 4

    /// The nodes of the listed paths, drawn in full.
    let shown: Set<NodeID>
    /// Off-path inputs drawn as stubs of their own (shared by every shown node that reads them).
    let stubs: Set<NodeID>
    /// Shown nodes whose off-path inputs are counted by one stub, with that count.
    let counted: [(node: NodeID, inputs: Int)]
    /// Indices into the view's edges of the edges drawn: between shown nodes, and from a stub.
    let edges: [Int]

    init(view: FlowView, listing: PathListing) {
        var shown = Set(listing.paths.flatMap(\.nodes))
        shown.insert(listing.wrt)
        var offPath: [NodeID: [Int]] = [:]
        var edges: [Int] = []
        for (index, edge) in view.edges.enumerated() where shown.contains(edge.to) {
            if shown.contains(edge.from) {
                edges.append(index)
            } else {
                offPath[edge.to, default: []].append(index)
            }
        }
        var stubs = Set<NodeID>()
        var counted: [(NodeID, Int)] = []
        for node in offPath.keys.sorted() {
            let indices = offPath[node] ?? []
            let inputs = Set(indices.map { view.edges[$0].from })
            if inputs.count <= Pruning.maxStubsPerNode {
                stubs.formUnion(inputs)
                edges += indices
            } else {
                counted.append((node, inputs.count))
            }
        }
        self.shown = shown
        self.stubs = stubs
        self.counted = counted
        self.edges = edges.sorted()
    }

    /// Whether the node is drawn, in full or as a stub.
    func draws(_ node: NodeID) -> Bool { shown.contains(node) || stubs.contains(node) }

    /// The DOT id of the stub that counts `node`'s off-path inputs.
    static func countedStubID(of node: NodeID) -> String { "stub_" + node.description }
}
