import GradVizEngine

/// Σ over every path of its contribution, factored by the distributive law instead of listed:
/// the gradient reaching each node is pulled back along each of its edges once, from `of`
/// down to `wrt` in reverse recording order.
///
/// This is backpropagation restricted to the view's edges, and it is exactly the sum over all
/// paths (each path's product appears once in the expanded sum); only the order of the
/// additions differs from summing path by path. Linear in the edges, so it stands in for the
/// literal sum when there are too many paths to list.
enum FactoredPathSum {
    static func sum(_ paths: PathGraph) -> Tensor {
        let graph = paths.view.graph
        guard paths.hasPaths else { return Tensor(repeating: 0, shape: graph.shape(of: paths.wrt)) }
        if paths.isScalar {
            var flow = [Double](repeating: 0, count: paths.nodes.count)
            flow[paths.ofPosition] = 1
            for local in paths.edges.indices.reversed() {
                flow[Int(paths.parent[local])] += flow[Int(paths.child[local])] * paths.scalarFactors[local]
            }
            return Tensor(flow[0])
        }
        var flow: [Tensor?] = Array(repeating: nil, count: paths.nodes.count)
        flow[paths.ofPosition] = paths.seed
        for local in paths.edges.indices.reversed() {
            guard let upstream = flow[Int(paths.child[local])] else { continue }
            let pulled = paths.view.pullback(along: paths.edge(local), upstream: upstream)
            let from = Int(paths.parent[local])
            if let existing = flow[from] {
                flow[from] = FlowView.tensor(
                    shape: existing.shape, scalars: zip(existing.scalars, pulled.scalars).map { $0 + $1 })
            } else {
                flow[from] = pulled
            }
        }
        return flow[0] ?? Tensor(repeating: 0, shape: graph.shape(of: paths.wrt))
    }
}
