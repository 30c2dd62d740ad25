/// The k paths of largest |product| in a scalar graph, without enumerating the paths: the
/// recursive enumeration algorithm of Jiménez and Marzal (1999) for k best paths, run with an
/// explicit stack.
///
/// One forward pass in recording order finds the best path into every node (largest product
/// of |factors|). The second, third, … best paths into a node are then produced on demand:
/// the i-th best path into v is the best candidate among the best paths into v's parents
/// extended by their edge, where each edge offers the next path of its parent only once the
/// previous one has been used — and that next path is computed the same way, one node closer
/// to `wrt`. Extending by an edge multiplies by the same |factor|, which never reverses the
/// order of two paths into the parent, so this is exact. O(E + k·L·log d) time and
/// O(V + k·L) memory for paths of length up to L and in-degree d.
///
/// Ties are broken by a total order that extending a path cannot reverse: larger magnitude
/// first (NaN before every number); at equal magnitude, the path whose last edge comes first
/// in the view (by child, then position); on the same last edge, the order of the prefixes,
/// recursively.
///
/// Long paths: every path found carries its length, and the extraction stops before the first
/// path that would take the listed factors past a budget. Finding one more path adds at most
/// one entry per node of that path, so time and memory stay within O(E + budget·log d) however
/// long the paths are.
enum ScalarPathRanking {
    /// A path into a node: its magnitude, the relevant edge it arrives by (-1 for the empty
    /// path at `wrt`), the rank of its prefix among the paths into that edge's parent, and its
    /// number of edges.
    private struct Ranked {
        var magnitude: Double
        var edge: Int32
        var rank: Int32
        var length: Int32

        @inline(__always)
        func precedes(_ other: Ranked) -> Bool {
            if !ranksSame(magnitude, other.magnitude) { return ranksBefore(magnitude, other.magnitude) }
            if edge != other.edge { return edge < other.edge }
            return rank < other.rank
        }
    }

    /// The best `k` paths, each as relevant-edge indices from `wrt` to `of`, best first, as
    /// many of them as have at most `factorBudget` edges in all; `cut` is the length of the
    /// first path left out for the budget (`nil` when none was).
    static func best(_ k: Int, in paths: PathGraph, factorBudget: Int = .max) -> (paths: [[Int]], cut: Int?) {
        guard k > 0, paths.hasPaths, paths.isScalar else { return ([], nil) }
        let nodeCount = paths.nodes.count
        let magnitudes = paths.scalarFactors.map { Swift.abs($0) }
        // The best path into every node, in recording order.
        var found: [[Ranked]] = Array(repeating: [], count: nodeCount)
        found[0] = [Ranked(magnitude: 1, edge: -1, rank: -1, length: 0)]
        for p in 1..<nodeCount {
            var best: Ranked?
            for local in paths.incomingStart[p]..<paths.incomingStart[p + 1] {
                let parent = Int(paths.parent[local])
                let candidate = Ranked(
                    magnitude: found[parent][0].magnitude * magnitudes[local], edge: Int32(local), rank: 0,
                    length: found[parent][0].length + 1)
                if best.map({ candidate.precedes($0) }) ?? true { best = candidate }
            }
            if let best { found[p] = [best] }
        }
        // Candidates per node, created on first demand; a node whose candidates ran out is done.
        var candidates: [BinaryHeap<Ranked>?] = Array(repeating: nil, count: nodeCount)
        var exhausted = [Bool](repeating: false, count: nodeCount)
        exhausted[0] = true  // wrt has exactly one path to itself

        /// Appends the next best path into `target`; false when there is none.
        func next(_ target: Int) -> Bool {
            var pending = [target]
            while let p = pending.last {
                if exhausted[p] {
                    pending.removeLast()
                    continue
                }
                let last = found[p][found[p].count - 1]
                let parent = Int(paths.parent[Int(last.edge)])
                let wanted = Int(last.rank) + 1
                if found[parent].count <= wanted && !exhausted[parent] {
                    pending.append(parent)  // the parent's next path first
                    continue
                }
                pending.removeLast()
                if candidates[p] == nil {
                    var heap = BinaryHeap<Ranked> { $0.precedes($1) }
                    for local in paths.incomingStart[p]..<paths.incomingStart[p + 1]
                    where local != Int(found[p][0].edge) {
                        let from = Int(paths.parent[local])
                        heap.insert(
                            Ranked(
                                magnitude: found[from][0].magnitude * magnitudes[local], edge: Int32(local), rank: 0,
                                length: found[from][0].length + 1))
                    }
                    candidates[p] = heap
                }
                if found[parent].count > wanted {
                    candidates[p]?.insert(
                        Ranked(
                            magnitude: found[parent][wanted].magnitude * magnitudes[Int(last.edge)], edge: last.edge,
                            rank: Int32(wanted), length: found[parent][wanted].length + 1))
                }
                if let path = candidates[p]?.popFirst() {
                    found[p].append(path)
                } else {
                    exhausted[p] = true
                }
            }
            return !exhausted[target]
        }

        let last = nodeCount - 1
        var listed = 0
        var factors = 0
        var cut: Int?
        while listed < k {
            if found[last].count <= listed && (exhausted[last] || !next(last)) { break }
            let length = Int(found[last][listed].length)
            if length > factorBudget - factors {
                cut = length
                break
            }
            factors += length
            listed += 1
        }
        let best: [[Int]] = found[last].prefix(listed).map { ranked in
            var sequence: [Int] = []
            sequence.reserveCapacity(Int(ranked.length))
            var entry = ranked
            while entry.edge >= 0 {
                let local = Int(entry.edge)
                sequence.append(local)
                entry = found[Int(paths.parent[local])][Int(entry.rank)]
            }
            return Array(sequence.reversed())
        }
        return (best, cut)
    }
}
