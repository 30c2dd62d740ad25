import Foundation
import GradVizEngine
import GradVizTestFixtures

/// The lecture's example graphs, built with the engine's Swift API.
enum LectureGraphs {
    /// L(y, σ₁(w₁·x₁)): one path from w₁.
    static func singlePath() throws -> (graph: Graph, w1: NodeID, loss: NodeID) {
        let g = Graph()
        let x1 = g.leaf(0.8, name: "x1")
        let w1 = g.leaf(-1.3, name: "w1")
        let y = g.leaf(1, name: "y")
        let a1 = try (w1 * x1).sigmoid().named("a1")
        let o = try (a1 * 2.5 - 0.4).named("o")
        let l = try ((o - y) ** 2).named("l")
        return (g, w1.id, l.id)
    }

    /// L(y, σ₃[σ₁(w₁·x₁), σ₂(w₁·x₁)]): w₁ is shared by the upper and the lower path.
    static func weightSharing() throws -> (graph: Graph, w1: NodeID, loss: NodeID) {
        let g = Graph()
        let x1 = g.leaf(0.5, name: "x1")
        let w1 = g.leaf(1.5, name: "w1")
        let y = g.leaf(1, name: "y")
        let a1 = try (w1 * x1).sigmoid().named("a1")
        let a2 = try (w1 * x1).tanh().named("a2")
        let o = try (a1 + a2).sigmoid().named("o")
        let l = try ((o - y) ** 2).named("l")
        return (g, w1.id, l.id)
    }

    /// `weightSharing()` worked by hand in plain `Double` arithmetic (x₁ = 0.5, w₁ = 1.5, y = 1):
    /// the two paths' products and the gradients of the three leaves.
    enum WeightSharingByHand {
        static let p = 1.5 * 0.5
        static let a1 = 1 / (1 + Foundation.exp(-p))
        static let a2 = Foundation.tanh(p)
        static let o = 1 / (1 + Foundation.exp(-(a1 + a2)))
        /// ∂l/∂o = 2(o − y); ∂o/∂a₁ = ∂o/∂a₂ = o(1 − o).
        static let dlDo = 2 * (o - 1)
        static let doDa = o * (1 - o)
        /// ∂a₁/∂w₁ = a₁(1 − a₁)·x₁ (upper path), ∂a₂/∂w₁ = (1 − a₂²)·x₁ (lower path).
        static let upper = dlDo * doDa * a1 * (1 - a1) * 0.5
        static let lower = dlDo * doDa * (1 - a2 * a2) * 0.5
        static let w1 = upper + lower
        /// ∂l/∂x₁ = (∂l/∂w₁)·w₁/x₁ (w₁ and x₁ enter only as their product); ∂l/∂y = −∂l/∂o.
        static let x1 = w1 * 1.5 / 0.5
        static let y = -dlDo
    }

    /// Two inputs, two sigmoid layers of two units, one output: w⁽¹⁾₁,₁ reaches the output
    /// through a⁽²⁾₁ and a⁽²⁾₂.
    static func fullyConnected() throws -> (graph: Graph, w111: NodeID, loss: NodeID) {
        let g = Graph()
        let x = [g.leaf(0.7, name: "x_1"), g.leaf(-1.2, name: "x_2")]
        let w1 = [[0.3, -0.8], [0.5, 0.9]].enumerated().map { i, row in
            row.enumerated().map { j, value in g.leaf(value, name: "w_\(i + 1)\(j + 1)__1") }
        }
        let w2 = [[1.1, -0.4], [0.2, 0.6]].enumerated().map { i, row in
            row.enumerated().map { j, value in g.leaf(value, name: "w_\(i + 1)\(j + 1)__2") }
        }
        var a1: [Value] = []
        for i in 0..<2 {
            a1.append(try (w1[i][0] * x[0] + w1[i][1] * x[1]).sigmoid().named("a_\(i + 1)__1"))
        }
        var a2: [Value] = []
        for i in 0..<2 {
            a2.append(try (w2[i][0] * a1[0] + w2[i][1] * a1[1]).sigmoid().named("a_\(i + 1)__2"))
        }
        let o = try (a2[0] * 0.7 + a2[1] * (-1.5)).named("o")
        let y = g.leaf(0.25, name: "y")
        let l = try ((o - y) ** 2).named("l")
        return (g, w1[0][0].id, l.id)
    }

    /// The regression ŷ = w₂·(w₁·x + b₁) + b₂, L = (ŷ − y)² with x=3, w₁=5, b₁=2, w₂=2, b₂=3,
    /// y=40: h = 17, ŷ = 37, ∂L/∂ŷ = 2(ŷ − y) = −6, ∂ŷ/∂w₂ = h = 17.
    static let regressionScript = LectureFixtures.regressionNamingH
}
