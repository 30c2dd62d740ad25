import GradVizEngine
import GradVizExplain
import GradVizScript
import Testing

/// `gradviz check`'s table: agreement, mismatches marked, kinks as warnings.
@Suite struct CheckReportTests {
    @Test func everyLeafOfTheSharedWeightGraphAgrees() throws {
        let (graph, w1, loss) = try LectureGraphs.weightSharing()
        let leaves = graph.nodeIDs.filter { graph.op(of: $0) == .leaf }
        let report = CheckReport(graph: graph, of: loss, leaves: leaves + [w1], check: GradientCheck())
        #expect(report.passed)
        #expect(report.rows.map(\.wrt) == leaves)  // the duplicate is checked once
        #expect(report.rows.allSatisfy { $0.status == .agrees })
        #expect(report.rows.first { $0.wrt == w1 }?.pathCount == 2)
        // Each row's gradient and path sum against the gradients worked by hand.
        let byHand = LectureGraphs.WeightSharingByHand.self
        let expected = ["x1": byHand.x1, "w1": byHand.w1, "y": byHand.y]
        #expect(Set(report.rows.map(\.name)) == Set(expected.keys))
        for row in report.rows {
            let value = try #require(expected[row.name])
            #expect(close(row.gradient.scalars, [value], relative: 1e-12), "\(row.name)")
            #expect(close(row.pathSum.scalars, [value], relative: 1e-12), "\(row.name)")
        }
        #expect(report.render().contains("all 3 leaves agree"))
    }

    @Test func aReluAtExactlyZeroIsAWarningThatExplainsTheConvention() throws {
        let evaluation = try Script(source: "x = 2\nw = 1\nb = -2\nv = w * x + b\na = relu(v)\n", file: "k.grad")
            .evaluate()
        let leaves = evaluation.variables.filter(\.isLeaf).map(\.id)
        let report = CheckReport(
            graph: evaluation.graph, of: evaluation.output.id, leaves: leaves, check: GradientCheck())
        #expect(report.passed)
        #expect(report.rows.allSatisfy { $0.status == .kink })
        // Finite differences see the average slope: ½·x for w, not relu'(0)·x = 0.
        let w = try #require(report.rows.first { $0.name == "w" })
        #expect(w.gradient.scalar == 0)
        #expect(abs((w.numeric?.scalar ?? .nan) - 1) < 1e-6)
        let text = report.render()
        #expect(text.contains("warning: w: relu at exactly 0 in a"))
        #expect(text.contains("relu'(0) = 0"))
        #expect(!text.contains("MISMATCH"))
    }

    @Test func aKinkOffThePathsOfALeafDoesNotWarnForIt() throws {
        let g = Graph()
        let x = g.leaf(0, name: "x")
        let y = g.leaf(0.5, name: "y")
        let dead = x.relu().named("dead")
        let total = try (dead + y * y).named("total")
        let report = CheckReport(graph: g, of: total.id, leaves: [x.id, y.id], check: GradientCheck())
        #expect(report.rows.map(\.status) == [.kink, .agrees])
    }

    @Test func aPathSumOffByMoreThanTheToleranceFailsAndMarksTheRow() throws {
        // At zero tolerance the sum over paths (added in another order than backward's
        // accumulation) differs from backward in the last bit for this shared weight; finite
        // differences, whose error is far above zero, are inconclusive rather than a mismatch.
        let evaluation = try Script(source: "x = 0.3\nc = 2\ny = exp(x) * tanh(x) + c\n", file: "e.grad").evaluate()
        let x = try #require(evaluation.variable(named: "x")).id
        let c = try #require(evaluation.variable(named: "c")).id
        let report = CheckReport(
            graph: evaluation.graph, of: evaluation.output.id, leaves: [x, c],
            check: GradientCheck(relativeTolerance: 0, absoluteTolerance: 0))
        let row = try #require(report.rows.first)
        #expect(row.status == .inconclusive)
        #expect(row.problems.isEmpty)
        #expect(row.inconclusiveNote?.contains("estimated error") == true)
        // ∂y/∂c = 1 exactly, and so is its finite difference: that row agrees even at zero tolerance.
        #expect(report.rows.last?.status == .agrees)
        let text = report.render()
        #expect(text.contains("?  x"))
        #expect(text.contains("note: x: finite differences inconclusive"))
        #expect(!text.contains("MISMATCH"))
        let loose = CheckReport(
            graph: evaluation.graph, of: evaluation.output.id, leaves: [x, c], check: GradientCheck())
        #expect(loose.passed)
        #expect(loose.rows.allSatisfy { $0.status == .agrees })
    }

    @Test func tensorLeavesAreCheckedEntryByEntry() throws {
        let (graph, leaves, loss) = try RandomGraphs.tensor(seed: 5)
        let report = CheckReport(graph: graph, of: loss, leaves: leaves, check: GradientCheck(), view: .ops)
        #expect(report.passed)
        #expect(report.rows.allSatisfy { $0.gradient.shape == graph.shape(of: $0.wrt) })
    }
}
