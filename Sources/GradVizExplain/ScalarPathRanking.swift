/// The k paths of largest |product| in a scalar graph, by dynamic programming over the DAG
/// in recording order, without enumerating the paths.
///
/// Every node keeps its k best partial paths from `wrt`, best first. A node's list is the
/// k-way merge of its parents' lists, each scaled by the |factor| of the edge (scaling by a
/// non-negative number keeps a sorted list sorted), so the lists are exact: a path among the k
/// best into a node must extend one of the k best into its parent. O(E·k·log d) time for
/// in-degree d, O(V·k) memory.
///
/// Ties are broken by a total order that extending a path cannot reverse: larger magnitude
/// first; at equal magnitude, the path whose last edge comes first in the view (by child, then
/// position); on the same last edge, the order of the prefixes, recursively.
enum ScalarPathRanking {
    private struct Entry {
        var magnitude: Double
        /// The relevant edge the path arrives by, -1 for the empty path at `wrt`.
        var edge: Int32
        /// The rank of the prefix in the parent's list.
        var rank: Int32
    }

    private struct Candidate {
        var magnitude: Double
        var edge: Int32
        var rank: Int32
        var listStart: Int
        var listCount: Int32
        var scale: Double
    }

    /// The best `k` paths, each as relevant-edge indices from `wrt` to `of`, best first.
    static func best(_ k: Int, in paths: PathGraph) -> [[Int]] {
        guard k > 0, paths.hasPaths, paths.isScalar else { return [] }
        let nodeCount = paths.nodes.count
        var entries: [Entry] = [Entry(magnitude: 1, edge: -1, rank: -1)]
        var start = [Int](repeating: 0, count: nodeCount)
        var length = [Int32](repeating: 0, count: nodeCount)
        length[0] = 1
        var heap = BinaryHeap<Candidate> { a, b in
            if !ranksSame(a.magnitude, b.magnitude) { return ranksBefore(a.magnitude, b.magnitude) }
            if a.edge != b.edge { return a.edge < b.edge }
            return a.rank < b.rank
        }
        for p in 1..<nodeCount {
            start[p] = entries.count
            for local in paths.incomingStart[p]..<paths.incomingStart[p + 1] {
                let from = Int(paths.parent[local])
                guard length[from] > 0 else { continue }
                let scale = Swift.abs(paths.scalarFactors[local])
                heap.insert(
                    Candidate(
                        magnitude: entries[start[from]].magnitude * scale, edge: Int32(local), rank: 0,
                        listStart: start[from], listCount: length[from], scale: scale))
            }
            var taken: Int32 = 0
            while taken < k, var top = heap.popFirst() {
                entries.append(Entry(magnitude: top.magnitude, edge: top.edge, rank: top.rank))
                taken += 1
                top.rank += 1
                if top.rank < top.listCount {
                    top.magnitude = entries[top.listStart + Int(top.rank)].magnitude * top.scale
                    heap.insert(top)
                }
            }
            while heap.popFirst() != nil {}
            length[p] = taken
        }
        let last = nodeCount - 1
        var result: [[Int]] = []
        for rank in 0..<Int(length[last]) {
            var sequence: [Int] = []
            var entry = entries[start[last] + rank]
            while entry.edge >= 0 {
                let local = Int(entry.edge)
                sequence.append(local)
                let from = Int(paths.parent[local])
                entry = entries[start[from] + Int(entry.rank)]
            }
            result.append(sequence.reversed())
        }
        return result
    }
}
