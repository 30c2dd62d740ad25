import GradVizEngine
import Testing

@testable import GradVizExplain

/// Finite differences perturb every entry of `wrt` and replay the tape twice for each; on a
/// large weight matrix that would take minutes, so the estimate is skipped and said to be.
@Suite struct FiniteDifferenceBudgetTests {
    /// L = sum(W @ x) with a 300 × 300 weight: 90 000 entries, so finite differences would
    /// replay a tape of ~90 000 values 180 000 times.
    static func largeModel() throws -> (Graph, Value, Value) {
        let graph = Graph()
        let n = 300
        let weights = try Tensor(shape: .matrix(n, n), scalars: (0..<n * n).map { Double($0 % 7) / 7 })
        let w = graph.leaf(weights, name: "W")
        let x = graph.leaf(try Tensor((0..<n).map { Double($0 % 5) - 2 }), name: "x")
        let loss = try w.matmul(x).sum().named("L")
        return (graph, w, loss)
    }

    @Test func aLargeWeightSkipsFiniteDifferencesButStillChecksThePathSum() throws {
        let (graph, w, loss) = try Self.largeModel()
        #expect(2 * 90_000 * graph.valueCount > Explanation.finiteDifferenceBudget)
        let explanation = Explanation(graph: graph, wrt: w.id, of: loss.id)
        #expect(explanation.numeric == nil)
        // ∂ΣWx/∂W[i][j] = x[j], derived by hand.
        let expected = (0..<300).flatMap { _ in (0..<300).map { Double($0 % 5) - 2 } }
        #expect(explanation.gradient.scalars == expected)
        #expect(explanation.pathSum.scalars == expected)
        #expect(explanation.agrees)
        #expect(explanation.render(.json).contains("\"numeric\": null"))
        #expect(explanation.render(.text).contains("skipped"))
    }

    @Test func aCheckOfALargeWeightPassesOnThePathSumAlone() throws {
        let (graph, w, loss) = try Self.largeModel()
        let report = CheckReport(graph: graph, of: loss.id, leaves: [w.id])
        #expect(report.passed)
        #expect(report.rows.first?.numeric == nil)
        #expect(report.render().contains("skipped"))
    }

    @Test func aSmallWeightIsStillCheckedByFiniteDifferences() throws {
        let graph = Graph()
        let w = graph.leaf(try Tensor([[1, 2], [3, 4]]), name: "W")
        let x = graph.leaf(try Tensor([0.5, -1]), name: "x")
        let loss = try w.matmul(x).tanh().sum().named("L")
        let explanation = Explanation(graph: graph, wrt: w.id, of: loss.id)
        let numeric = try #require(explanation.numeric)
        #expect(GradientCheck().agrees(numeric, explanation.gradient))
    }
}
