import Foundation
import GradVizEngine
import GradVizExplain
import Testing

/// Random graphs with shared weights: the count is the number of paths listed one by one, and
/// the products sum to the backward gradient and to finite differences, in both views.
@Suite struct RandomGraphTests {
    static let seeds: [UInt64] = Array(1...12)

    @Test(arguments: seeds) func scalarPathsCountSumAndAgreeWithBackwardAndFiniteDifferences(seed: UInt64) throws {
        let (graph, leaves, loss) = try RandomGraphs.scalar(seed: seed)
        for view in ViewKind.allCases {
            for leaf in leaves {
                let explanation = Explanation(
                    graph: graph, wrt: leaf, of: loss, view: view, maxPaths: 100_000, pathOrder: .size)
                let reference = BruteForcePaths(view: explanation.view, wrt: leaf, of: loss)
                #expect(explanation.pathCount == reference.paths.count, "seed \(seed) \(view) \(leaf)")
                #expect(explanation.paths.count == reference.paths.count)
                // The same paths, as node sequences (ops view: x * x gives two equal sequences).
                #expect(
                    explanation.paths.map { $0.nodes.map(\.index) }.sorted { $0.lexicographicallyPrecedes($1) }
                        == reference.paths.map { $0.nodes.map(\.index) }.sorted { $0.lexicographicallyPrecedes($1) })
                graph.backward(from: loss)
                let backward = try #require(graph.gradient(of: leaf)).scalar
                let numeric = finiteDifferences(graph, of: loss, wrt: leaf).scalar
                let sum = explanation.paths.map(\.product.scalar).reduce(0, +)
                #expect(close([sum], [backward], relative: 1e-9), "seed \(seed) \(view) \(leaf)")
                #expect(close([explanation.pathSum.scalar], [backward], relative: 1e-9))
                #expect(close([backward], [numeric], relative: 1e-5, absolute: 1e-7), "seed \(seed) \(leaf)")
                // Listed largest first.
                let magnitudes = explanation.paths.map(\.magnitude)
                #expect(zip(magnitudes, magnitudes.dropFirst()).allSatisfy { $0 >= $1 })
            }
        }
    }

    @Test(arguments: seeds) func scalarTopKIsTheBruteForceTopK(seed: UInt64) throws {
        let (graph, leaves, loss) = try RandomGraphs.scalar(seed: seed, leaves: 3, nodes: 22)
        for leaf in leaves {
            let explanation = Explanation(graph: graph, wrt: leaf, of: loss, view: .ops, maxPaths: 5, pathOrder: .size)
            let reference = BruteForcePaths(view: explanation.view, wrt: leaf, of: loss)
            let expected = reference.paths.map { abs($0.product.scalar) }.sorted(by: >).prefix(5)
            #expect(explanation.paths.count == expected.count)
            #expect(close(explanation.paths.map(\.magnitude), Array(expected), relative: 1e-12, absolute: 0))
        }
    }

    @Test(arguments: seeds) func factoredSumMatchesThePathByPathSum(seed: UInt64) throws {
        let (graph, leaves, loss) = try RandomGraphs.scalar(seed: seed)
        for leaf in leaves {
            let listed = Explanation(graph: graph, wrt: leaf, of: loss, view: .ops, maxPaths: 0, pathOrder: .size)
            let factored = Explanation(
                graph: graph, wrt: leaf, of: loss, view: .ops, maxPaths: 0, enumerationLimit: 0, pathOrder: .size)
            #expect(listed.pathSumMethod == .enumerated)
            #expect(factored.pathSumMethod == (listed.pathCount == 0 ? .enumerated : .factored))
            #expect(close(factored.pathSum.scalars, listed.pathSum.scalars, relative: 1e-9))
        }
    }

    @Test(arguments: seeds) func opsAndVarsViewsPathSumsAgreeWithEachOtherAndFiniteDifferences(seed: UInt64) throws {
        let (graph, leaves, loss) = try RandomGraphs.scalar(seed: seed)
        for leaf in leaves {
            let vars = Explanation(graph: graph, wrt: leaf, of: loss, view: .vars, pathOrder: .size)
            let ops = Explanation(graph: graph, wrt: leaf, of: loss, view: .ops, pathOrder: .size)
            // Both explanations carry the backward gradient; check it against an estimate from
            // forward values only, not against the other view (it is the same number).
            let numeric = finiteDifferences(graph, of: loss, wrt: leaf).scalars
            #expect(close(vars.gradient.scalars, numeric, relative: 1e-5, absolute: 1e-7), "seed \(seed) \(leaf)")
            #expect(close(ops.gradient.scalars, numeric, relative: 1e-5, absolute: 1e-7), "seed \(seed) \(leaf)")
            #expect(close(vars.pathSum.scalars, ops.pathSum.scalars, relative: 1e-9))
            #expect(vars.pathCount <= ops.pathCount)
            #expect(vars.agrees && ops.agrees)
        }
    }

    @Test(arguments: seeds) func tensorContributionsSumToBackwardAndFiniteDifferences(seed: UInt64) throws {
        let (graph, leaves, loss) = try RandomGraphs.tensor(seed: seed)
        for view in ViewKind.allCases {
            for leaf in leaves {
                let explanation = Explanation(
                    graph: graph, wrt: leaf, of: loss, view: view, maxPaths: 10_000, pathOrder: .size)
                let reference = BruteForcePaths(view: explanation.view, wrt: leaf, of: loss)
                #expect(explanation.pathCount == reference.paths.count, "seed \(seed) \(view) \(leaf)")
                #expect(explanation.paths.count == reference.paths.count)
                let shape = graph.shape(of: leaf)
                #expect(explanation.paths.allSatisfy { $0.product.shape == shape })
                var sum = [Double](repeating: 0, count: shape.count)
                for path in explanation.paths {
                    for (index, x) in path.product.scalars.enumerated() { sum[index] += x }
                }
                graph.backward(from: loss)
                let backward = try #require(graph.gradient(of: leaf)).scalars
                #expect(close(sum, backward, relative: 1e-9), "seed \(seed) \(view) \(leaf)")
                #expect(close(reference.sum(shape: shape), backward, relative: 1e-9))
                #expect(close(explanation.pathSum.scalars, backward, relative: 1e-9))
                #expect(
                    close(
                        backward, finiteDifferences(graph, of: loss, wrt: leaf).scalars, relative: 1e-5, absolute: 1e-7)
                )
                let norms = explanation.paths.map(\.magnitude)
                #expect(close(norms, reference.paths.map(\.product.norm).sorted(by: >), relative: 1e-9))
            }
        }
    }

    @Test(arguments: seeds) func tensorBestFirstSearchFindsTheBruteForceTopK(seed: UInt64) throws {
        let (graph, leaves, loss) = try RandomGraphs.tensor(seed: seed, nodes: 9)
        for leaf in leaves {
            // An enumeration limit of 0 forces the best-first search with its norm bound.
            let explanation = Explanation(
                graph: graph, wrt: leaf, of: loss, view: .ops, maxPaths: 4, enumerationLimit: 0, pathOrder: .size)
            let reference = BruteForcePaths(view: explanation.view, wrt: leaf, of: loss)
            let expected = reference.paths.map(\.product.norm).sorted(by: >).prefix(4)
            #expect(close(explanation.paths.map(\.magnitude), Array(expected), relative: 1e-9), "seed \(seed) \(leaf)")
            // Each listed contribution is the brute-force contribution of the same path.
            for path in explanation.paths {
                let again = BruteForcePaths.contribution(path.edges, view: explanation.view, wrt: leaf, of: loss)
                #expect(close(path.product.scalars, again.scalars, relative: 1e-12))
            }
            graph.backward(from: loss)
            #expect(
                close(
                    explanation.pathSum.scalars, try #require(graph.gradient(of: leaf)).scalars, relative: 1e-9))
        }
    }

    @Test(arguments: seeds) func tensorFactorsChainToTheContribution(seed: UInt64) throws {
        let (graph, leaves, loss) = try RandomGraphs.tensor(seed: seed)
        for leaf in leaves {
            let explanation = Explanation(graph: graph, wrt: leaf, of: loss, view: .vars, maxPaths: 8, pathOrder: .size)
            for path in explanation.paths {
                #expect(path.factors.count == path.edges.count)
                #expect(path.factorForms.allSatisfy { $0 != .flow })
                // Row vector times the Jacobians from the output down reproduces the contribution.
                var row = [Double](repeating: 1, count: graph.shape(of: loss).count)
                for factor in path.factors.reversed() {
                    let columns = factor.scalars.count / row.count
                    row = (0..<columns).map { j in
                        (0..<row.count).reduce(0) { $0 + row[$1] * factor.scalars[$1 * columns + j] }
                    }
                }
                #expect(close(row, path.product.scalars, relative: 1e-9))
            }
        }
    }

    @Test func aJacobianTooLargeToShowIsReplacedByWhatFlowsAlongThePath() throws {
        let g = Graph()
        let x = g.leaf(try Tensor((0..<300).map { Double($0) / 300 }), name: "x")
        let h = x.tanh().named("h")
        let l = h.sum().named("l")
        let explanation = Explanation(graph: g, wrt: x.id, of: l.id, pathOrder: .size)
        let path = try #require(explanation.paths.first)
        // 300 × 300 entries is past the limit: the first factor is the gradient reaching x
        // along the path; the second, ∂l/∂h, is a plain Jacobian row of ones.
        #expect(path.factorForms == [.flow, .jacobian])
        #expect(path.factors[0] == path.product)
        #expect(path.factors[1] == Tensor(repeating: 1, shape: .vector(300)))
        #expect(close(path.product.scalars, (0..<300).map { 1 - pow(tanh(Double($0) / 300), 2) }, relative: 1e-12))
        for (index, edge) in zip(path.edgeIndices, path.edges) { #expect(explanation.view.edges[index] == edge) }
    }
}
