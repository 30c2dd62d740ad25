import Foundation
import GradVizEngine
import GradVizExplain
import GradVizScript
import Testing

/// The lecture notes' examples: how many paths, and that their products add up to backward.
@Suite struct LectureExampleTests {
    @Test func weightSharingHasAnUpperAndALowerPathWhoseProductsSumToBackward() throws {
        let (graph, w1, loss) = try LectureGraphs.weightSharing()
        let explanation = Explanation(graph: graph, wrt: w1, of: loss)
        #expect(explanation.pathCount == 2)
        #expect(
            Set(explanation.paths.map { $0.nodes.map { explanation.view.name(of: $0) } })
                == [["w1", "a1", "o", "l"], ["w1", "a2", "o", "l"]])
        // The backward pass, independently of the explainer.
        graph.backward(from: loss)
        let backward = try #require(graph.gradient(of: w1)).scalar
        let sum = explanation.paths.map(\.product.scalar).reduce(0, +)
        #expect(abs(sum - backward) <= 1e-12 * max(1, abs(backward)))
        #expect(explanation.agrees)
        // Each factor is the hand-derived local derivative: ∂a₁/∂w₁ = σ'(w₁x₁)·x₁ etc.
        let upper = try #require(explanation.paths.first { explanation.view.name(of: $0.nodes[1]) == "a1" })
        let s = 1 / (1 + exp(-0.75))
        #expect(abs(upper.factors[0].scalar - s * (1 - s) * 0.5) < 1e-12)
        let o = 1 / (1 + exp(-(s + tanh(0.75))))
        #expect(abs(upper.factors[1].scalar - o * (1 - o)) < 1e-12)
        #expect(abs(upper.factors[2].scalar - 2 * (o - 1)) < 1e-12)
    }

    @Test func aGraphWithASinglePathHasOnePathEqualToTheGradient() throws {
        let (graph, w1, loss) = try LectureGraphs.singlePath()
        let explanation = Explanation(graph: graph, wrt: w1, of: loss)
        #expect(explanation.pathCount == 1)
        #expect(explanation.paths.count == 1)
        #expect(explanation.paths.first?.nodes.map { explanation.view.name(of: $0) } == ["w1", "a1", "o", "l"])
        let numeric = finiteDifferences(graph, of: loss, wrt: w1).scalar
        #expect(abs((explanation.paths.first?.product.scalar ?? .nan) - numeric) < 1e-7)
    }

    @Test func theFullyConnectedExampleHasTwoPathsForTheFirstWeight() throws {
        let (graph, w111, loss) = try LectureGraphs.fullyConnected()
        let explanation = Explanation(graph: graph, wrt: w111, of: loss)
        #expect(explanation.pathCount == 2)
        #expect(
            Set(explanation.paths.map { $0.nodes.map { explanation.view.name(of: $0) } }) == [
                ["w_11__1", "a_1__1", "a_1__2", "o", "l"], ["w_11__1", "a_1__1", "a_2__2", "o", "l"],
            ])
        let numeric = finiteDifferences(graph, of: loss, wrt: w111).scalar
        #expect(abs(explanation.paths.map(\.product.scalar).reduce(0, +) - numeric) < 1e-7)
        #expect(explanation.agrees)
    }

    @Test func theRegressionGradientForW2IsOnePathOfMinusSixTimesSeventeen() throws {
        let evaluation = try Script(source: LectureGraphs.regressionScript, file: "regression.grad").evaluate()
        let w2 = try #require(evaluation.variable(named: "w2"))
        let explanation = Explanation(graph: evaluation.graph, wrt: w2.id, of: evaluation.output.id)
        #expect(explanation.pathCount == 1)
        let path = try #require(explanation.paths.first)
        #expect(path.nodes.map { explanation.view.name(of: $0) } == ["w2", "yhat", "L"])
        // ∂ŷ/∂w₂ = h = 17 and ∂L/∂ŷ = 2(ŷ − y) = 2(37 − 40) = −6.
        #expect(path.factors.map(\.scalar) == [17, -6])
        #expect(path.product.scalar == -102)
        #expect(explanation.gradient.scalar == -102)
        #expect(abs((explanation.numeric?.scalar ?? 0) + 102) < 1e-6)
    }

    @Test func theRegressionGradientForW1RunsThroughTheNamedHiddenValue() throws {
        let evaluation = try Script(source: LectureGraphs.regressionScript, file: "regression.grad").evaluate()
        let w1 = try #require(evaluation.variable(named: "w1"))
        let explanation = Explanation(graph: evaluation.graph, wrt: w1.id, of: evaluation.output.id)
        // ∂L/∂w₁ = ∂L/∂ŷ·∂ŷ/∂h·∂h/∂w₁ = (−6)·2·3 = −36.
        let path = try #require(explanation.paths.first)
        #expect(path.nodes.map { explanation.view.name(of: $0) } == ["w1", "h", "yhat", "L"])
        #expect(path.factors.map(\.scalar) == [3, 2, -6])
        #expect(explanation.gradient.scalar == -36)
    }
}
