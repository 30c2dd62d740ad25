import Foundation
import GradVizEngine
import Testing

@testable import GradVizExplain

/// Path sums and listings whose work is bounded by design (issue 9): walking every path costs
/// the number of prefixes, not of paths, and listing costs the paths' lengths.
@Suite struct BoundedPathSumTests {
    /// `a_i = a_{i-1} + x` for i = 1…n, from `a0 = 1`, `x = 1000`: n paths from x to a_n, of
    /// lengths 1…n, so n(n+1)/2 prefixes to walk.
    static func chain(_ n: Int) throws -> (graph: Graph, x: NodeID, output: NodeID) {
        let g = Graph(reservingCapacity: n + 2)
        let x = g.leaf(1000, name: "x")
        var a = g.leaf(1, name: "a0")
        for index in 1...n { a = try (a + x).named("a\(index)") }
        return (g, x.id, a.id)
    }

    /// `p = a1 * a1 * … * a1`, `factors` operands, left to right: in the ops view `factors`
    /// paths from a1 to p (two into the first product), the longest with `factors` − 1 edges.
    static func product(_ factors: Int) throws -> (graph: Graph, a: NodeID, output: NodeID) {
        let g = Graph(reservingCapacity: factors + 1)
        let a = g.leaf(1.0001, name: "a1")
        var p = a
        for _ in 1..<factors { p = try p * a }
        p.named("p")
        return (g, a.id, p.id)
    }

    /// `x = 1`, `a_i = a_{i-1} * 2` (a_0 = x): one path of n factors 2.
    static func doublings(_ n: Int) throws -> (graph: Graph, x: NodeID, output: NodeID) {
        let g = Graph()
        let x = g.leaf(1, name: "x")
        var a = x
        for index in 1...n { a = try (a * 2).named("a\(index)") }
        return (g, x.id, a.id)
    }

    @Test func aLongChainOfAdditionsIsFactoredPastTheStepBudget() throws {
        // 2·10⁴ paths, well within the path-count limit, but 2·10⁸ prefixes: summing them one
        // by one took minutes in a debug build (the 10⁵ chain 39 s in release).
        let n = 20_000
        let (graph, x, output) = try Self.chain(n)
        let view = FlowView(graph: graph, output: output, kind: .vars)
        let explanation = Explanation(view: view, wrt: x, maxPaths: 0, finiteDifferences: false)
        #expect(String(explanation.pathCount) == String(n))
        #expect(explanation.pathSumMethod == .factored)
        #expect(explanation.enumerationSteps == Double(n) * Double(n + 1) / 2)
        // Every path has product 1: the sum is n, exactly, and so is backward.
        #expect(explanation.pathSum.scalar == Double(n))
        #expect(explanation.gradient.scalar == Double(n))
        let text = explanation.render(.text)
        #expect(text.contains("adding the paths one by one would take 2e8 steps, more than 2e7"), "\(text)")
    }

    @Test func aShortChainIsStillSummedPathByPath() throws {
        // 100 paths, 5 050 prefixes: the literal sum, as before.
        let (graph, x, output) = try Self.chain(100)
        let explanation = Explanation(graph: graph, wrt: x, of: output, maxPaths: 0)
        #expect(explanation.pathSumMethod == .enumerated)
        #expect(explanation.enumerationSteps == 5_050)
        #expect(explanation.pathSum.scalar == 100)
    }

    @Test func stepsCountTheWalkedPrefixesAndSuffixes() throws {
        // Independent reference: every path listed by a plain depth-first search over the
        // view's edges; the scalar walk takes one step per distinct nonempty prefix, the tensor
        // walk one pullback per distinct nonempty suffix, weighed by its edge's two ends.
        var graphs: [(Graph, NodeID, NodeID)] = []
        let (diamonds, start, end) = PathCountTests.diamonds(6, named: false)
        graphs.append((diamonds, start, end))
        for seed: UInt64 in 1...6 {
            let scalar = try RandomGraphs.scalar(seed: seed)
            graphs.append((scalar.graph, scalar.leaves[0], scalar.loss))
            let tensor = try RandomGraphs.tensor(seed: seed)
            graphs.append((tensor.graph, tensor.leaves[0], tensor.loss))
        }
        var tensorGraphs = 0
        for (graph, wrt, of) in graphs {
            for kind in [ViewKind.ops, .vars] {
                let view = FlowView(graph: graph, output: of, kind: kind, including: [wrt])
                let relevant = PathGraph(view: view, wrt: wrt, of: of)
                var prefixes: Set<[Int]> = []
                var suffixes: Set<[Int]> = []
                var stack: [[Int]] = [[]]
                while let path = stack.popLast() {
                    let end = path.last.map { view.edges[$0].to } ?? wrt
                    if end == of {
                        for length in 1...max(1, path.count) where !path.isEmpty {
                            prefixes.insert(Array(path.prefix(length)))
                            suffixes.insert(Array(path.suffix(length)))
                        }
                        continue
                    }
                    for (index, edge) in view.edges.enumerated() where edge.from == end && edge.to <= of {
                        stack.append(path + [index])
                    }
                }
                let expected: Double
                if relevant.isScalar {
                    expected = Double(prefixes.count)
                } else {
                    tensorGraphs += 1
                    expected = suffixes.reduce(0) { total, suffix in
                        let edge = view.edges[suffix[0]]
                        return total + Double(graph.shape(of: edge.from).count + graph.shape(of: edge.to).count)
                    }
                }
                #expect(PathEnumeration.steps(relevant) == expected, "\(kind) view of \(graph.count) nodes")
            }
        }
        #expect(tensorGraphs > 0)
    }

    @Test func aLongProductListsWithinTheFactorCeiling() throws {
        // 10⁴ factors of one operand in the ops view: 10⁴ paths of up to 9 999 edges. Listing
        // 64 of them held 6.4·10⁵ factors and printed them all (tens of MB of text).
        let factors = 10_000
        let (graph, a, output) = try Self.product(factors)
        let view = FlowView(graph: graph, output: output, kind: .ops)
        let explanation = Explanation(view: view, wrt: a, maxPaths: 64, finiteDifferences: false)
        #expect(String(explanation.pathCount) == String(factors))
        #expect(explanation.pathSumMethod == .factored)
        let held = explanation.paths.reduce(0) { $0 + $1.factors.count }
        #expect(held <= Explanation.maxListedFactors)
        #expect(explanation.paths.count >= 1 && explanation.paths.count < 64)
        // The next path would not have fitted.
        let next = try #require(explanation.cutPathLength)
        #expect(held + next > Explanation.maxListedFactors)
        // Listed paths are whole and exact: every factor kept, the product over all of them.
        for path in explanation.paths {
            #expect(path.nodes.first == a && path.nodes.last == output)
            #expect(path.factors.count == path.nodes.count - 1)
            #expect(path.product.scalar == path.factors.reduce(1.0) { $0 * $1.scalar })
        }
        // d(a^n)/da = n·a^(n−1), summed over the paths and by backward.
        let exact = Double(factors) * pow(1.0001, Double(factors - 1))
        #expect(Swift.abs(explanation.pathSum.scalar - exact) <= 1e-9 * exact)
        #expect(explanation.sumAgrees())

        // Outputs are checked through numbers and booleans: a failure message quoting a text of
        // tens of MB would itself take gigabytes.
        let text = explanation.render(.text)
        let longest = explanation.paths[0].factors.count
        let notesTheCut = text.contains(
            "listing the \(explanation.paths.count) largest of 10000 paths by |product|; the next has \(next) factors, "
                + "past the \(Explanation.maxListedFactors) factors a listing holds in all")
        #expect(notesTheCut)
        let elidesFactors = text.contains(ChainPath.elisionText(longest - ChainPath.maxShownFactors, "factor"))
        let elidesNodes = text.contains(ChainPath.elisionText(longest - ChainPath.maxShownFactors - 1, "node"))
        #expect(elidesFactors && elidesNodes)
        // Each path prints at most maxShownFactors factors: a few kB per path, not 10⁴ factors.
        let textBytes = text.utf8.count
        #expect(textBytes < 64 * 4_000)
        let latex = explanation.render(.latex)
        let latexElides = latex.contains(
            "\\underbrace{\\cdots}_{\\text{\(longest - ChainPath.maxShownFactors) factors}}")
        #expect(latexElides)
        let latexBytes = latex.utf8.count
        #expect(latexBytes < 64 * 4_000)
        let markdownBytes = explanation.render(.markdown).utf8.count
        #expect(markdownBytes < 64 * 4_000)
    }

    @Test func aPathPastTheShownFactorsPrintsBothEndsAndHowManyAreLeftOut() throws {
        // x → a1 → … → a30: one path of 30 factors 2.
        let (graph, x, output) = try Self.doublings(30)
        let explanation = Explanation(graph: graph, wrt: x, of: output)
        let path = try #require(explanation.paths.first)
        #expect(path.factors.count == 30)
        #expect(path.shownFactorsFromOutput.count == ChainPath.maxShownFactors + 1)
        let text = explanation.render(.text)
        // 12 nearest the output, 6 left out, 12 nearest x; nodes a13 … a17 left out.
        #expect(text.contains("∂a₃₀/∂a₂₉ = 2 · "), "\(text)")
        #expect(text.contains("∂a₁₉/∂a₁₈ = 2 · … 6 factors … · ∂a₁₂/∂a₁₁ = 2"), "\(text)")
        #expect(text.contains("· ∂a₁/∂x = 2  "), "\(text)")
        #expect(text.contains("x → a₁ → a₂"), "\(text)")
        #expect(text.contains("a₁₂ → … 5 nodes … → a₁₈"), "\(text)")
        #expect(!text.contains("a₁₅"))
        // The product is still over all 30 factors, and JSON keeps every node and factor.
        #expect(path.product.scalar == 1_073_741_824)
        let json = explanation.render(.json)
        #expect(json.contains("\"a15\""))
        let markdown = explanation.render(.markdown)
        #expect(markdown.contains("… 6 factors …") && markdown.contains("… 5 nodes …"), "\(markdown)")
        let latex = explanation.render(.latex)
        #expect(latex.contains("\\cdot \\underbrace{\\cdots}_{\\text{6 factors}} \\cdot"), "\(latex)")
    }

    @Test func aPathOfExactlyTheShownFactorsPrintsWhole() throws {
        let (graph, x, output) = try Self.doublings(ChainPath.maxShownFactors)
        let explanation = Explanation(graph: graph, wrt: x, of: output)
        let text = explanation.render(.text)
        #expect(!text.contains("…"), "\(text)")
        #expect(explanation.paths.first?.factors.count == ChainPath.maxShownFactors)
    }

    /// A residual stack `h_i = tanh(W·h_{i−1}) + h_{i−1}` has 2ⁿ paths from W in the ops view of
    /// nearly equal norm, so the best-first search's bound is loose and it holds exponentially
    /// many partial paths. It stops at its memory bound, and what it found by then is the start
    /// of the unbounded answer: the largest paths, in order, only fewer.
    @Test func theTensorPathSearchStopsAtItsBoundWithTheLargestFoundSoFar() throws {
        let g = Graph()
        let w = g.leaf(try Tensor([[0.1, 0.2, -0.3], [0.0, -0.1, 0.2], [0.25, 0.1, 0.0]]), name: "W")
        var h = try w.matmul(g.constant(try Tensor([0.5, -1, 0.25])))
        for _ in 0..<10 { h = try w.matmul(h).tanh() + h }
        let loss = try (h * h).sum()
        let view = FlowView(graph: g, output: loss.id, kind: .ops, including: [w.id])
        let relevant = PathGraph(view: view, wrt: w.id, of: loss.id)
        let full = TensorPathSearch.best(20, in: relevant, budget: .max)
        #expect(!full.stopped && full.paths.count == 20)
        let bounded = TensorPathSearch.best(20, in: relevant, budget: full.stored / 2)
        #expect(bounded.stopped)
        #expect(bounded.paths.count > 0 && bounded.paths.count < 20, "\(bounded.paths.count)")
        #expect(bounded.paths.map(\.edges) == full.paths.prefix(bounded.paths.count).map(\.edges))
        // Room enough, and the answer is the unbounded one.
        let roomy = TensorPathSearch.best(20, in: relevant, budget: TensorPathSearch.maxStoredValues)
        #expect(!roomy.stopped && roomy.paths.map(\.edges) == full.paths.map(\.edges))
    }
}
