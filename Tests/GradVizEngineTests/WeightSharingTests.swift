import Foundation
import GradVizEngine
import Testing

/// A leaf used on several paths receives the sum of their contributions.
@Suite("Weight sharing accumulates gradients")
struct WeightSharingTests {
    @Test("x·x has two input edges to x and ∂/∂x = 2x")
    func squareBySelfProduct() throws {
        let g = Graph()
        let x = g.leaf(3, name: "x")
        let y = try x * x
        #expect(g.inputs(of: y.id) == [x.id, x.id])
        y.backward()
        #expect(x.grad == Tensor(6))
        #expect(finiteDifferenceCheck.agrees(x.grad, g.numericGradient(of: y.id, wrt: x.id)))
    }

    @Test("a weight used by two branches: ∂L/∂w = a·(w·b) + (w·a + 1)·b")
    func twoBranches() throws {
        let (w0, a0, b0) = (0.7, -1.2, 2.5)
        let g = Graph()
        let w = g.leaf(w0, name: "w")
        let upper = try w * a0 + 1
        let lower = try w * b0
        let loss = try upper * lower
        loss.backward()
        let handDerived = a0 * (w0 * b0) + (w0 * a0 + 1) * b0
        #expect(exactCheck.agrees(w.grad.scalar, handDerived))
        let numeric = FiniteDifference.gradient(of: { ($0[0] * a0 + 1) * ($0[0] * b0) }, at: [w0])
        #expect(finiteDifferenceCheck.agrees(w.grad.scalar, numeric[0]))
    }

    @Test("the lecture's shared weight: L = (σ(w·x) + tanh(w·x) − y)², summed over both paths")
    func lectureSharedWeight() throws {
        let (w0, x0, y0) = (0.8, 1.5, 0.3)
        let g = Graph()
        let w = g.leaf(w0, name: "w1")
        let x = g.leaf(x0, name: "x1")
        let u = try w * x
        let loss = try (u.sigmoid() + u.tanh() - y0) ** 2
        loss.backward()
        let s = 1 / (1 + Foundation.exp(-w0 * x0))
        let t = Foundation.tanh(w0 * x0)
        let upper = 2 * (s + t - y0) * s * (1 - s) * x0
        let lower = 2 * (s + t - y0) * (1 - t * t) * x0
        #expect(exactCheck.agrees(w.grad.scalar, upper + lower))
        #expect(finiteDifferenceCheck.verify(g, output: loss.id, wrt: w.id))
    }

    @Test("a scalar broadcast over a vector collects every entry's gradient")
    func broadcastScalar() throws {
        let g = Graph()
        let s = g.leaf(2, name: "s")
        let v = g.leaf(try Tensor([1, -2, 4]), name: "v")
        let loss = try (s * v + s).sum()
        loss.backward()
        #expect(s.grad == Tensor(1 - 2 + 4 + 3))
        #expect(v.grad == (try Tensor([2, 2, 2])))
    }

    @Test("a second backward pass replaces the gradients rather than adding to them")
    func repeatedBackward() throws {
        let g = Graph()
        let x = g.leaf(3)
        let y = try x * x
        y.backward()
        y.backward()
        #expect(x.grad == Tensor(6))
    }
}
