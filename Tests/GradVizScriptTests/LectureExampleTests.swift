import Foundation
import GradVizEngine
import Testing

@testable import GradVizScript

/// The other lecture examples written as scripts, against values derived by hand with
/// Foundation's math functions.
@Suite struct LectureExampleTests {
    @Test func reluNeuronWithNamedIntermediates() throws {
        let run = try evaluate("x = 3\nw = 2\nb = -1\nu = w * x\nv = u + b\na = relu(v)")
        // v = 5 > 0: ∂a/∂b = 1, ∂a/∂w = x = 3, ∂a/∂x = w = 2.
        #expect(run.value("a") == 5)
        #expect(run.gradient("b") == 1)
        #expect(run.gradient("w") == 3)
        #expect(run.gradient("x") == 2)
        #expect(run.graph.kinks.isEmpty)
    }

    @Test func reluExactlyAtZeroUsesTheConventionAndIsMarked() throws {
        let run = try evaluate("x = 1.5\nw = 2\nb = -3\nu = w * x\nv = u + b\na = relu(v)")
        let a = try #require(run.variable(named: "a"))
        #expect(run.value("v") == 0)
        #expect(run.graph.isKink(a.id))
        #expect(run.graph.kinks == [a.id])
        #expect(run.gradient("v") == 0)
        #expect(run.gradient("w") == 0)
    }

    @Test func sharedWeightGradientIsTheSumOfBothPaths() throws {
        let run = try evaluate(
            """
            x1 = 2
            w1 = 0.5
            y = 1
            a1 = sigmoid(w1 * x1)
            a2 = tanh(w1 * x1)
            o = sigmoid(a1 + a2)
            l = (o - y)^2
            """)
        func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
        let z = 0.5 * 2.0
        let a1 = sigmoid(z)
        let a2 = tanh(z)
        let o = sigmoid(a1 + a2)
        let dl_do = 2 * (o - 1)
        let do_da = o * (1 - o)  // ∂o/∂a1 = ∂o/∂a2
        let upper = dl_do * do_da * a1 * (1 - a1) * 2  // through a1 = σ(w1·x1)
        let lower = dl_do * do_da * (1 - a2 * a2) * 2  // through a2 = tanh(w1·x1)
        #expect(close(run.value("l"), (o - 1) * (o - 1)))
        #expect(close(run.gradient("a1"), dl_do * do_da))
        #expect(close(run.gradient("w1"), upper + lower, tolerance: 1e-12))
    }
}
