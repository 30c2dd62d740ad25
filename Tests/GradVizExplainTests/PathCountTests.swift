import Foundation
import GradVizEngine
import GradVizExplain
import Testing

/// Exact path counts, including past 64 bits.
@Suite struct PathCountTests {
    /// n₀ → (σ(n), tanh(n)) → their sum → … seventy times: every diamond doubles the paths.
    static func diamonds(_ count: Int, named: Bool) -> (graph: Graph, start: NodeID, end: NodeID) {
        let g = Graph()
        let start = g.leaf(0.3, name: "n0")
        var node = start
        for index in 1...count {
            let upper = node.sigmoid()
            let lower = node.tanh()
            node = (try? upper + lower) ?? node
            if named {
                upper.named("u\(index)")
                lower.named("d\(index)")
                node.named("n\(index)")
            }
        }
        return (g, start.id, node.id)
    }

    /// 2ⁿ in decimal by repeated doubling of digits: a reference independent of BigInt.
    static func powerOfTwo(_ exponent: Int) -> String {
        var digits: [Int] = [1]  // least significant first
        for _ in 0..<exponent {
            var carry = 0
            for index in digits.indices {
                let doubled = digits[index] * 2 + carry
                digits[index] = doubled % 10
                carry = doubled / 10
            }
            if carry > 0 { digits.append(carry) }
        }
        return digits.reversed().map(String.init).joined()
    }

    @Test(arguments: [ViewKind.ops, .vars]) func seventyDiamondsHaveExactlyTwoToTheSeventyPaths(view: ViewKind) {
        let (graph, start, end) = Self.diamonds(70, named: view == .vars)
        #expect(graph.count == 211)
        let flow = FlowView(graph: graph, output: end, kind: view)
        let count = PathCount.count(in: flow, from: start, to: end)
        #expect(String(describing: count) == Self.powerOfTwo(70))
        #expect(String(describing: count) == "1180591620717411303424")
    }

    @Test(arguments: [1, 63, 64, 65, 300, 1100])
    func countsOfEveryWidthAreExact(diamonds: Int) {
        // 2¹¹⁰⁰ is past what a Double can estimate: the count falls back to BigUInt per node.
        let (graph, start, end) = Self.diamonds(diamonds, named: false)
        let flow = FlowView(graph: graph, output: end, kind: .ops)
        #expect(String(describing: PathCount.count(in: flow, from: start, to: end)) == Self.powerOfTwo(diamonds))
    }

    @Test func seventyDiamondsExplainQuicklyWithAFactoredSum() {
        let (graph, start, end) = Self.diamonds(70, named: false)
        let explanation = Explanation(graph: graph, wrt: start, of: end, view: .ops)
        #expect(String(describing: explanation.pathCount) == Self.powerOfTwo(70))
        #expect(explanation.paths.count == 64)
        #expect(explanation.pathSumMethod == .factored)
        #expect(explanation.agrees)
        // Every listed path crosses all seventy diamonds: 3 ops each.
        #expect(explanation.paths.allSatisfy { $0.nodes.count == 141 })
    }

    @Test func countsTheSmallCasesByHand() throws {
        let g = Graph()
        let x = g.leaf(2, name: "x")
        let unused = g.leaf(5, name: "unused")
        let square = try (x * x).named("square")
        let later = g.leaf(1, name: "later")
        let y = try (square + x).named("y")
        for (view, viaSquare) in [(ViewKind.vars, 1), (.ops, 2)] {
            let flow = FlowView(graph: g, output: y.id, kind: view)
            // x*x is one edge in the vars view and two in the ops view; plus the direct x → y.
            #expect(PathCount.count(in: flow, from: x.id, to: y.id) == viaSquare + 1)
            #expect(PathCount.count(in: flow, from: x.id, to: square.id) == viaSquare)
            #expect(PathCount.count(in: flow, from: unused.id, to: y.id) == 0)
            #expect(PathCount.count(in: flow, from: y.id, to: y.id) == 1)
            #expect(PathCount.count(in: flow, from: y.id, to: x.id) == 0)
        }
        // A leaf recorded but unused: count 0, gradient 0, not an error.
        let none = Explanation(graph: g, wrt: unused.id, of: y.id)
        #expect(none.pathCount == 0 && none.paths.isEmpty)
        #expect(none.gradient.scalar == 0 && none.pathSum.scalar == 0 && none.numeric?.scalar == 0)
        #expect(none.agrees)
        let afterOutput = Explanation(graph: g, wrt: later.id, of: square.id)
        #expect(afterOutput.pathCount == 0 && afterOutput.gradient.scalar == 0)
        // x*x in the ops view: two paths with the same nodes, each of product x = 2.
        let ops = Explanation(graph: g, wrt: x.id, of: square.id, view: .ops)
        #expect(ops.paths.map(\.product.scalar) == [2, 2])
        #expect(ops.gradient.scalar == 4)
        let vars = Explanation(graph: g, wrt: x.id, of: square.id, view: .vars)
        #expect(vars.paths.map(\.product.scalar) == [4])
    }

    @Test func anUnnamedIntermediateStandsAsItsOwnVariable() throws {
        let g = Graph()
        let x = g.leaf(0.5, name: "x")
        let hidden = x.tanh()  // unnamed
        let y = try (hidden * hidden + x).named("y")
        let explanation = Explanation(graph: g, wrt: hidden.id, of: y.id)
        #expect(explanation.pathCount == 1)
        #expect(explanation.view.name(of: hidden.id) == "tanh#1")
        #expect(abs(explanation.gradient.scalar - 2 * tanh(0.5)) < 1e-12)
        #expect(explanation.agrees)
    }
}
