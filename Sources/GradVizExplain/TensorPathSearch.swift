import GradVizEngine

/// The k paths whose contributions have the largest Frobenius norm, in a tensor graph with too
/// many paths to enumerate: a best-first (A*) search backwards from `of` with an admissible
/// bound.
///
/// A partial path from node u to `of` carries the gradient g that reached u along it. Any
/// completion down to `wrt` multiplies g by the Jacobians of its edges, and ‖g·J‖ ≤ ‖g‖·‖J‖_F,
/// so ‖contribution‖ ≤ ‖g‖·B(u), where B(u) is the largest product of edge Jacobian norms over
/// the paths from `wrt` to u (one forward pass of dynamic programming). Partial paths are
/// expanded in order of that bound; a complete path is reported once nothing left can beat it,
/// which makes the order exact. How many partial paths are expanded depends on how tight the
/// bound is; the answer does not. Ties are broken by discovery order (latest first, which also
/// walks straight down to `wrt` when every remaining bound is zero).
///
/// Where the bound is loose (a residual stack in the ops view has 2ⁿ paths of nearly equal norm)
/// the search can hold exponentially many partial paths, so it is bounded by design: it stops
/// once the partial paths it has made hold ``maxStoredValues`` numbers. The paths found by then
/// are still the largest, in order (each was reported only once nothing left could beat it);
/// there are just fewer of them, and ``Result/stopped`` says so.
enum TensorPathSearch {
    /// The most numbers the partial paths of one search may hold: their gradients, plus
    /// ``overheadPerPath`` for each path's bookkeeping. About 400 MB at most (measured: a search
    /// over 4-entry vectors stops after 3.6 million partial paths, at 0.35 GB resident).
    static let maxStoredValues = 50_000_000
    /// What one partial path costs besides its gradient, in numbers (its heap entry, trie node
    /// and tensor header, about 80 bytes).
    static let overheadPerPath = 10

    /// The paths found, largest first, and whether the search stopped at its bound first.
    struct Result {
        var paths: [PathEnumeration.Found]
        var stopped: Bool
        /// The numbers the search stored, counted as against the bound.
        var stored: Int
    }

    private struct Partial {
        var priority: Double
        var order: Int
        var node: Int
        var upstream: Tensor
        var trie: Int32
    }

    static func best(_ k: Int, in paths: PathGraph, budget: Int = maxStoredValues) -> Result {
        guard k > 0, paths.hasPaths else { return Result(paths: [], stopped: false, stored: 0) }
        // Bounds: the largest product of Jacobian norms from wrt to each node.
        var bound = [Double](repeating: 0, count: paths.nodes.count)
        bound[0] = 1
        for local in paths.edges.indices {
            var norm = paths.view.jacobianNorm(along: paths.edge(local))
            if norm.isNaN { norm = .infinity }
            let from = Int(paths.parent[local])
            let to = Int(paths.child[local])
            bound[to] = Swift.max(bound[to], bound[from] * norm)
        }
        // Loosened slightly so rounding in the products never lets a bound fall below the truth.
        let slack = 1 + 1e-9
        var trie: [(edge: Int32, next: Int32)] = []
        var order = 0
        var frontier = BinaryHeap<Partial> { a, b in
            if !ranksSame(a.priority, b.priority) { return ranksBefore(a.priority, b.priority) }
            return a.order > b.order
        }
        let seed = paths.seed
        frontier.insert(
            Partial(
                priority: seed.norm * bound[paths.ofPosition] * slack, order: 0, node: paths.ofPosition, upstream: seed,
                trie: -1))
        var result: [PathEnumeration.Found] = []
        var stored = seed.shape.count + overheadPerPath
        while result.count < k, let partial = frontier.popFirst() {
            if partial.node == 0 {
                var edges: [Int] = []
                var cursor = partial.trie
                while cursor >= 0 {
                    edges.append(Int(trie[Int(cursor)].edge))
                    cursor = trie[Int(cursor)].next
                }
                result.append(PathEnumeration.Found(edges: edges, contribution: partial.upstream))
                continue
            }
            for local in paths.incomingStart[partial.node]..<paths.incomingStart[partial.node + 1] {
                let from = Int(paths.parent[local])
                let pulled = paths.view.pullback(along: paths.edge(local), upstream: partial.upstream)
                stored += pulled.shape.count + overheadPerPath
                if stored > budget { return Result(paths: result, stopped: true, stored: stored) }
                trie.append((Int32(local), partial.trie))
                order += 1
                let norm = pulled.norm
                let priority = from == 0 ? norm : norm * bound[from] * slack
                frontier.insert(
                    Partial(
                        priority: priority.isNaN ? .infinity : priority, order: order, node: from,
                        upstream: pulled, trie: Int32(trie.count - 1)))
            }
        }
        return Result(paths: result, stopped: false, stored: stored)
    }
}
