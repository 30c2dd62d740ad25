import GradVizEngine
import GradVizExplain
import Testing

/// The k largest paths are found without listing all of them, and they are the true top k.
@Suite struct TopPathTests {
    @Test func topPathsOfASmallMLPMatchBruteForce() throws {
        let mlp = try ScalarMLP(width: 5, depth: 5, seed: 7)
        for view in ViewKind.allCases {
            let explanation = Explanation(
                graph: mlp.graph, wrt: mlp.firstWeight, of: mlp.output, view: view, maxPaths: 40, pathOrder: .size)
            let reference = BruteForcePaths(view: explanation.view, wrt: mlp.firstWeight, of: mlp.output)
            #expect(reference.paths.count == 625)
            #expect(explanation.pathCount == 625)
            let expected = reference.paths.sorted { abs($0.product.scalar) > abs($1.product.scalar) }.prefix(40)
            #expect(explanation.paths.map(\.nodes) == expected.map(\.nodes))
            #expect(explanation.paths.map(\.product.scalar) == expected.map(\.product.scalar))
        }
    }

    @Test func topPathsOfAWidth16Depth6MLPAreTheTrueTop64() throws {
        let mlp = try ScalarMLP(width: 16, depth: 6, seed: 42)
        let explanation = Explanation(
            graph: mlp.graph, wrt: mlp.firstWeight, of: mlp.output, maxPaths: 64, pathOrder: .size)
        #expect(explanation.pathCount == 1 << 20)
        #expect(explanation.paths.count == 64)
        #expect(explanation.pathSumMethod == .factored)  // 2²⁰ > 10⁶
        #expect(explanation.agrees)
        // Brute force over all 2²⁰ paths of the vars view, magnitudes only.
        let view = explanation.view
        var outgoing: [NodeID: [Double]] = [:]
        var targets: [NodeID: [NodeID]] = [:]
        for edge in view.edges {
            outgoing[edge.from, default: []].append(abs(edge.scalarFactor ?? .nan))
            targets[edge.from, default: []].append(edge.to)
        }
        var magnitudes: [Double] = []
        magnitudes.reserveCapacity(1 << 20)
        var stack: [(NodeID, Double)] = [(mlp.firstWeight, 1)]
        while let (node, product) = stack.popLast() {
            if node == mlp.output {
                magnitudes.append(product)
                continue
            }
            for (factor, next) in zip(outgoing[node] ?? [], targets[node] ?? []) {
                stack.append((next, product * factor))
            }
        }
        #expect(magnitudes.count == 1 << 20)
        magnitudes.sort(by: >)
        #expect(close(explanation.paths.map(\.magnitude), Array(magnitudes.prefix(64)), relative: 1e-12, absolute: 0))
        // Each listed path is a real path whose product is the product of its factors.
        for path in explanation.paths {
            #expect(path.nodes.first == mlp.firstWeight && path.nodes.last == mlp.output)
            #expect(zip(path.edges, path.edges.dropFirst()).allSatisfy { $0.to == $1.from })
            #expect(path.factors.map(\.scalar).reduce(1, *) == path.product.scalar)
        }
    }

    @Test func tiesFollowTheDocumentedOrderLastEdgeFirst() throws {
        // Squaring five times over the ops view: 2⁵ paths, every factor of each step equal, so
        // all products tie and only the tie-break orders them.
        let g = Graph()
        let x = g.leaf(1, name: "x")
        var y = x
        for _ in 0..<5 { y = try y * y }
        let view = FlowView(graph: g, output: y.id, kind: .ops)
        let listed = ChainPath.largest(100, in: view, from: x.id, to: y.id)
        #expect(listed.count == 32)
        #expect(listed.allSatisfy { $0.product.scalar == 1 })
        // The documented order at equal magnitude: compare the last edges (view order), then
        // the edges before them, back to wrt.
        let index = Dictionary(uniqueKeysWithValues: view.edges.enumerated().map { ($1, $0) })
        let keys = listed.map { path in path.edges.reversed().compactMap { index[$0] } }
        #expect(keys == keys.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(Set(keys.map { $0.map(String.init).joined(separator: ",") }).count == 32)
    }
}
