import GradVizEngine

/// Every path from `wrt` to `of`, one by one: the literal sum over paths, and for tensor
/// graphs the ranking of paths by the norm of their contribution.
///
/// Paths share their common parts: a depth-first walk with an explicit stack does the work
/// once per prefix, not once per path. That is still the number of prefixes, which grows with
/// the paths' lengths as well as their number: a chain of n additions of the same `x` has only
/// n paths from `x` but n²/2 prefixes (5·10⁹ steps for n = 10⁵). So the walk is run only when
/// ``steps(_:)``, its work counted beforehand in one pass over the edges, is within
/// ``maxSteps``; past it the sum is factored (``FactoredPathSum``, one pullback per edge).
enum PathEnumeration {
    /// The most work units a walk over every path may take: about a tenth of a second of a
    /// release build for a scalar graph (bench/RESULTS.md, "Bounded path sums"). A fixed
    /// number, not the caller's: past it the same sum is formed by the distributive law.
    static let maxSteps: Double = 20_000_000

    /// The work of walking every path, counted without walking them, by dynamic programming
    /// over the relevant edges (one pass, floating point: a count too large for a `Double` is
    /// infinity, which is past any budget).
    ///
    /// Scalar graphs (``scalarSum(_:)``): one unit per edge taken from a prefix, that is the
    /// sum over edges of the number of paths from `wrt` to the edge's parent. Tensor graphs
    /// (``tensorPaths(_:keeping:)``, which walks backwards from `of`): one pullback per edge and
    /// suffix, the sum over edges of the number of paths from the edge's child to `of`, each
    /// weighed by the entries it reads and writes (those of the edge's two ends).
    static func steps(_ paths: PathGraph) -> Double {
        guard paths.hasPaths else { return 0 }
        let nodeCount = paths.nodes.count
        if paths.isScalar {
            var into = [Double](repeating: 0, count: nodeCount)
            into[0] = 1
            var steps = 0.0
            // Relevant edges are ordered by child, and a parent precedes its child: the count
            // into a parent is complete before any edge out of it is met.
            for local in paths.edges.indices {
                let from = into[Int(paths.parent[local])]
                steps += from
                into[Int(paths.child[local])] += from
            }
            return steps
        }
        let graph = paths.view.graph
        var out = [Double](repeating: 0, count: nodeCount)
        out[paths.ofPosition] = 1
        var steps = 0.0
        for local in paths.edges.indices.reversed() {
            let to = out[Int(paths.child[local])]
            let edge = paths.edge(local)
            steps += to * Double(graph.shape(of: edge.from).count + graph.shape(of: edge.to).count)
            out[Int(paths.parent[local])] += to
        }
        return steps
    }

    /// Σ over every path of the product of its factors, multiplied from `wrt` towards `of` as
    /// ``ChainPath/product`` is. Scalar graphs only.
    static func scalarSum(_ paths: PathGraph) -> Double {
        guard paths.hasPaths else { return 0 }
        let target = paths.ofPosition
        var total = 0.0
        var stack: [(node: Int, product: Double)] = [(0, 1)]
        while let (node, product) = stack.popLast() {
            if node == target {
                total += product
                continue
            }
            for slot in paths.outgoingStart[node]..<paths.outgoingStart[node + 1] {
                let local = Int(paths.outgoing[slot])
                stack.append((Int(paths.child[local]), product * paths.scalarFactors[local]))
            }
        }
        return total
    }

    /// A path met by the backward walk: its relevant edges from `wrt` to `of` and its
    /// contribution.
    struct Found {
        var edges: [Int]
        var contribution: Tensor
    }

    /// Walks every path backwards from `of`, pulling the seed back along it: the sum of all
    /// contributions (literal, path by path), and the `k` largest by Frobenius norm, ties in
    /// the order the walk meets them (edges into a node taken by position).
    static func tensorPaths(_ paths: PathGraph, keeping k: Int) -> (sum: Tensor, best: [Found]) {
        let wrtShape = paths.view.graph.shape(of: paths.wrt)
        guard paths.hasPaths else { return (Tensor(repeating: 0, shape: wrtShape), []) }
        var sum = [Double](repeating: 0, count: wrtShape.count)
        // The trie of suffixes walked so far: the edge taken and the entry it extends.
        var trie: [(edge: Int32, next: Int32)] = []
        // The k best so far, worst first.
        var kept = BinaryHeap<(norm: Double, order: Int, trie: Int32, contribution: Tensor)> { a, b in
            if !ranksSame(a.norm, b.norm) { return ranksBefore(b.norm, a.norm) }
            return a.order > b.order
        }
        var found = 0
        var stack: [(node: Int, upstream: Tensor, trie: Int32)] = [(paths.ofPosition, paths.seed, -1)]
        while let (node, upstream, suffix) = stack.popLast() {
            if node == 0 {
                for (index, x) in upstream.scalars.enumerated() { sum[index] += x }
                if k > 0 {
                    kept.insert((upstream.norm, found, suffix, upstream))
                    if kept.count > k { _ = kept.popFirst() }
                }
                found += 1
                continue
            }
            for local in (paths.incomingStart[node]..<paths.incomingStart[node + 1]).reversed() {
                let pulled = paths.view.pullback(along: paths.edge(local), upstream: upstream)
                trie.append((Int32(local), suffix))
                stack.append((Int(paths.parent[local]), pulled, Int32(trie.count - 1)))
            }
        }
        var best: [Found] = []
        while let entry = kept.popFirst() {
            var edges: [Int] = []
            var cursor = entry.trie
            while cursor >= 0 {
                edges.append(Int(trie[Int(cursor)].edge))
                cursor = trie[Int(cursor)].next
            }
            best.append(Found(edges: edges, contribution: entry.contribution))
        }
        return (FlowView.tensor(shape: wrtShape, scalars: sum), best.reversed())
    }
}
