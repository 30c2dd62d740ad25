import BigInt
import GradVizEngine

extension CheckReport {
    /// The most work a check does leaf by leaf: leaves × (nodes + edges of the view). Each
    /// leaf's own explanation walks the part of the view its paths use, which in a long chain
    /// is most of it, so checking n leaves that way is quadratic; past this budget every leaf
    /// is checked in passes shared by all of them (``allLeaves(view:selections:check:enumerationLimit:backward:finiteDifferenceBudget:)``),
    /// linear in the view. About a third of a second of work either way (release build).
    public static let leafByLeafBudget = 20_000_000

    /// Every selected leaf's explanation from passes shared by all of them, linear in the view:
    /// one reverse pass counts the paths from every node to the output, one pulls the gradient
    /// back along every edge (the sum over paths factored by the distributive law, exactly as
    /// ``FactoredPathSum`` does for one leaf), and one marks which kinks each node reaches.
    /// Finite differences, two replays of the tape per entry, get one budget for the whole
    /// check (``Explanation/finiteDifferenceBudget``), spent leaf by leaf in the order given:
    /// past it a leaf's estimate is skipped, as for one explanation past its budget, and its
    /// path sum alone checks its backward gradient. No paths are listed.
    static func allLeaves(
        view: FlowView, selections: [(leaf: NodeID, entry: Int?)], check: GradientCheck, enumerationLimit: Int,
        backward: Explanation.BackwardGradient?, finiteDifferenceBudget: Int = Explanation.finiteDifferenceBudget
    ) -> [Explanation] {
        let graph = view.graph
        let of = view.output
        guard (0..<graph.count).contains(of.index) else { return [] }
        if graph.gradientOrigin != of { graph.backward(from: of) }
        let count = of.index + 1
        let edges = view.edges.prefix { $0.to <= of }

        // Paths from each node to `of`: the sum over its edges of its children's counts.
        var paths = [BigUInt](repeating: 0, count: count)
        if view.contains(of) { paths[of.index] = 1 }
        for edge in edges.reversed() where !paths[edge.to.index].isZero {
            paths[edge.from.index] += paths[edge.to.index]
        }

        // The sum over paths at every node, pulled back from `of` along each edge once.
        var flow: [Tensor?] = Array(repeating: nil, count: count)
        if view.contains(of) { flow[of.index] = Tensor(repeating: 1, shape: graph.shape(of: of)) }
        for edge in edges.reversed() {
            guard let upstream = flow[edge.to.index] else { continue }
            let pulled: Tensor
            if let factor = edge.scalarFactor, upstream.shape.isScalar {
                pulled = Tensor(upstream.scalar * factor)
            } else {
                pulled = view.pullback(along: edge, upstream: upstream)
            }
            if let existing = flow[edge.from.index] {
                flow[edge.from.index] = FlowView.tensor(
                    shape: existing.shape, scalars: zip(existing.scalars, pulled.scalars).map { $0 + $1 })
            } else {
                flow[edge.from.index] = pulled
            }
        }

        let kinks = kinksReached(in: graph, of: of)
        var budget = finiteDifferenceBudget
        return selections.map { leaf, entry in
            guard (0..<count).contains(leaf.index) else {
                return Explanation(
                    view: view, wrt: leaf, maxPaths: 0, enumerationLimit: enumerationLimit, finiteDifferences: false,
                    entry: entry, check: check, backward: backward)
            }
            let shape = graph.shape(of: leaf)
            let gradient = backward?(graph, leaf) ?? graph.gradient(of: leaf) ?? Tensor(repeating: 0, shape: shape)
            var numeric: FiniteDifferenceEstimate?
            if leaf == of {
                numeric = FiniteDifferenceEstimate(
                    value: Tensor(repeating: 1, shape: shape), error: Tensor(repeating: 0, shape: shape))
            } else {
                let cost = 2 * shape.count * graph.valueCount
                if cost <= budget {
                    budget -= cost
                    numeric = graph.finiteDifferences(of: of, wrt: leaf, refinementBudget: budget) { index, value, _ in
                        !check.agrees(gradient.scalars[index], value)
                    }
                }
            }
            return Explanation(
                view: view, wrt: leaf, entry: entry, enumerationLimit: enumerationLimit, gradient: gradient,
                pathCount: paths[leaf.index],
                pathSum: flow[leaf.index] ?? Tensor(repeating: 0, shape: shape),
                numeric: numeric, kinks: kinks(leaf))
        }
    }

    /// For each node up to `of`, the graph's flagged kinks (see ``Explanation/kinks(in:from:to:)``)
    /// that lie on one of its paths to `of`: the kinks that reach `of` are marked, 64 to a
    /// word, and the marks are carried back to every node that reaches them, in one reverse
    /// pass over the graph's edges per 64 kinks.
    private static func kinksReached(in graph: Graph, of: NodeID) -> (NodeID) -> [NodeID] {
        let flagged = graph.kinks.filter { $0 <= of }
        guard !flagged.isEmpty else { return { _ in [] } }
        let count = of.index + 1
        var reaches = [Bool](repeating: false, count: count)
        reaches[of.index] = true
        for index in stride(from: of.index, through: 0, by: -1) where reaches[index] {
            for input in graph.inputs(of: NodeID(index)) { reaches[input.index] = true }
        }
        let kinks = flagged.filter { reaches[$0.index] }
        guard !kinks.isEmpty else { return { _ in [] } }
        let words = (kinks.count + 63) / 64
        var marks = [UInt64](repeating: 0, count: count * words)
        for (number, kink) in kinks.enumerated() {
            marks[kink.index * words + number / 64] |= 1 << UInt64(number % 64)
        }
        for index in stride(from: of.index, through: 0, by: -1) {
            for input in graph.inputs(of: NodeID(index)) {
                for word in 0..<words { marks[input.index * words + word] |= marks[index * words + word] }
            }
        }
        return { leaf in
            guard (0..<count).contains(leaf.index) else { return [] }
            return kinks.enumerated().filter { number, kink in
                kink > leaf && marks[leaf.index * words + number / 64] & (1 << UInt64(number % 64)) != 0
            }.map(\.element)
        }
    }
}
