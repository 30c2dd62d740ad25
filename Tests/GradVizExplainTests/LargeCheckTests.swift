import BigInt
import GradVizEngine
import GradVizScript
import Testing

@testable import GradVizExplain

/// A check of many leaves: past ``CheckReport/leafByLeafBudget`` every leaf is checked in
/// passes shared by all of them, linear in the graph, and gives the rows checking leaf by
/// leaf gives.
@Suite struct LargeCheckTests {
    /// The rows of both ways of checking, for the same leaves.
    static func bothWays(_ graph: Graph, of: NodeID, leaves: [NodeID], view: ViewKind) -> ([Explanation], [Explanation])
    {
        let flow = FlowView(graph: graph, output: of, kind: view, including: Set(leaves))
        let one = leaves.map {
            Explanation(
                view: flow, wrt: $0, maxPaths: 0, enumerationLimit: 1_000_000, finiteDifferences: true, entry: nil,
                check: GradientCheck(), backward: nil)
        }
        let all = CheckReport.allLeaves(
            view: flow, selections: leaves.map { ($0, nil) }, check: GradientCheck(), enumerationLimit: 1_000_000,
            backward: nil)
        return (one, all)
    }

    static func close(_ a: Tensor, _ b: Tensor) -> Bool {
        a.shape == b.shape
            && zip(a.scalars, b.scalars).allSatisfy { Swift.abs($0 - $1) <= 1e-9 * max(1, Swift.abs($0)) }
    }

    @Test(arguments: [ViewKind.vars, .ops], Array(UInt64(1)...12))
    func sharedPassesGiveTheLeafByLeafRowsOnRandomGraphs(view: ViewKind, seed: UInt64) throws {
        for (graph, leaves, loss) in [try RandomGraphs.scalar(seed: seed), try RandomGraphs.tensor(seed: seed)] {
            let (one, all) = Self.bothWays(graph, of: loss, leaves: leaves, view: view)
            for (a, b) in zip(one, all) {
                #expect(a.pathCount == b.pathCount, "seed \(seed) \(a.wrtName)")
                #expect(Self.close(a.pathSum, b.pathSum), "seed \(seed) \(a.wrtName): \(a.pathSum) \(b.pathSum)")
                #expect(a.gradient == b.gradient)
                #expect(a.numeric == b.numeric)
                #expect(a.kinks == b.kinks)
            }
        }
    }

    @Test func kinksOnALeafsPathsAreFoundByTheSharedPasses() throws {
        let evaluation = try Script(
            source: "x = 2\nw = 1\nb = -2\nq = 3\nv = w * x + b\na = relu(v)\nd = relu(q - 3)\nL = a + d * 0 + q\n",
            file: "k.grad"
        ).evaluate()
        let leaves = evaluation.variables.filter(\.isLeaf).map(\.id)
        let (one, all) = Self.bothWays(evaluation.graph, of: evaluation.output.id, leaves: leaves, view: .vars)
        #expect(one.map(\.kinks) == all.map(\.kinks))
        #expect(all.contains { !$0.kinks.isEmpty })
    }

    @Test func aLongChainOfLeavesIsCheckedInSharedPassesWithinTheFiniteDifferenceBudget() throws {
        // s = v0 + v1 + … : every leaf's paths run along the whole chain, so checking leaf by
        // leaf would walk n²/2 edges; the shared passes walk each edge once.
        let n = 2_400
        var source = (0..<n).map { "v\($0) = \($0 % 7 + 1)" }
        source.append("s0 = v0")
        for i in 1..<n { source.append("s\(i) = s\(i - 1) + v\(i)") }
        let evaluation = try Script(source: source.joined(separator: "\n"), file: "chain.grad").evaluate()
        let leaves = evaluation.variables.filter(\.isLeaf).map(\.id)
        let graph = evaluation.graph
        #expect(leaves.count * (graph.count * 2) > CheckReport.leafByLeafBudget)
        // A small budget for finite differences, so a few leaves get them (a test's time).
        let budget = 100 * 2 * graph.valueCount
        let report = CheckReport(
            graph: graph, of: evaluation.output.id, selections: leaves.map { ($0, nil) }, check: GradientCheck(),
            view: .vars, enumerationLimit: 1_000_000, backward: nil, finiteDifferenceBudget: budget)
        #expect(report.rows.count == n)
        #expect(report.passed)
        #expect(
            report.rows.allSatisfy { $0.pathCount == 1 && $0.pathSum == Tensor(1) && $0.pathSumMethod == .factored })
        let estimated = report.rows.filter { $0.numeric != nil }.count
        #expect(estimated == 100)
        #expect(
            report.rows.prefix(100).allSatisfy {
                $0.numeric == Tensor(1) || $0.numeric.map { Swift.abs($0.scalar - 1) < 1e-6 } == true
            })
        #expect(report.render().contains("note: finite differences skipped for \(n - estimated) of \(n) leaves"))
    }
}
