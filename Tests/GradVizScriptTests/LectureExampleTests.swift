import Foundation
import GradVizEngine
import GradVizTestFixtures
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

    /// `samples/classifier.grad`, a⁽⁰⁾ = x, z⁽¹⁾ = W⁽¹⁾·a⁽⁰⁾, L = cross_entropy(z⁽¹⁾, 1), against
    /// the closed forms derived in the sample's comment (σ the sigmoid):
    ///   z⁽¹⁾ = [0.25·2 + 0.5·1, −0.25·2 − 0.5·1] = [1, −1]; two logits [u, v] have softmax
    ///   [σ(u − v), σ(v − u)], so p = [σ(2), σ(−2)] and L = −log σ(−2) = log(1 + e²);
    ///   ∂L/∂z⁽¹⁾ = p − [0, 1] = [σ(2), −σ(2)] (class 1 is the second entry, counted from 0);
    ///   ∂L/∂W⁽¹⁾ = ∂L/∂z⁽¹⁾·a⁽⁰⁾ᵀ = [[2σ(2), σ(2)], [−2σ(2), −σ(2)]];
    ///   ∂L/∂a⁽⁰⁾ = W⁽¹⁾ᵀ·∂L/∂z⁽¹⁾ = [0.5σ(2), σ(2)] (the identity passes it on unchanged);
    ///   x and the class y are data: no gradient.
    @Test func classifierSampleHasTheHandDerivedGradients() throws {
        let run = try evaluate(LectureFixtures.sample("classifier"))
        let s = 1 / (1 + exp(-2.0))  // σ(2)
        #expect(run.output.name == "L")
        #expect(close(run.tensor("a0"), [2, 1]))
        #expect(close(run.tensor("z"), [1, -1]))
        #expect(close(run.value("L"), log(1 + exp(2.0)), tolerance: 1e-12))
        #expect(close(run.gradientTensor("z"), [s, -s], tolerance: 1e-12))
        #expect(close(run.gradientTensor("W"), [2 * s, s, -2 * s, -s], tolerance: 1e-12))
        #expect(close(run.gradientTensor("a0"), [0.5 * s, s], tolerance: 1e-12))
        for name in ["x", "y"] {
            let data = try #require(run.variable(named: name))
            #expect(data.isData && !run.graph.wantsGradient(data.id), "\(name)")
        }
        let a0 = try #require(run.variable(named: "a0"))
        #expect(!a0.isLeaf && !a0.isData)
    }
}
