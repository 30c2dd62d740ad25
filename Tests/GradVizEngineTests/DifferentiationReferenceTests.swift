import Foundation
import GradVizEngine
import Testing
import _Differentiation

/// The engine against Swift's own automatic differentiation (`_Differentiation`): the same
/// functions written once as differentiable Swift and once on a graph must have the same
/// gradients, up to rounding.
@Suite("Gradients against Swift's _Differentiation")
struct DifferentiationReferenceTests {
    /// The lecture's regression with x = 3, y = 40 fixed.
    struct RegressionParameters: Differentiable {
        var w1, b1, w2, b2: Double
    }

    @differentiable(reverse)
    static func regressionLoss(_ p: RegressionParameters) -> Double {
        let yHat = p.w2 * (p.w1 * 3 + p.b1) + p.b2
        return (yHat - 40) * (yHat - 40)
    }

    @Test("the lecture's regression", arguments: [(5.0, 2.0, 2.0, 3.0), (-0.5, 1.25, 0.75, -2.0)])
    func regression(_ values: (Double, Double, Double, Double)) throws {
        let p = RegressionParameters(w1: values.0, b1: values.1, w2: values.2, b2: values.3)
        let reference = gradient(at: p, of: Self.regressionLoss)

        let g = Graph()
        let w1 = g.leaf(p.w1)
        let b1 = g.leaf(p.b1)
        let w2 = g.leaf(p.w2)
        let b2 = g.leaf(p.b2)
        let loss = try (w2 * (w1 * 3 + b1) + b2 - 40) ** 2
        loss.backward()
        #expect(exactCheck.agrees(loss.scalar, Self.regressionLoss(p)))
        #expect(exactCheck.agrees(w1.grad.scalar, reference.w1))
        #expect(exactCheck.agrees(b1.grad.scalar, reference.b1))
        #expect(exactCheck.agrees(w2.grad.scalar, reference.w2))
        #expect(exactCheck.agrees(b2.grad.scalar, reference.b2))
    }

    /// Two hidden units (tanh and sigmoid) on two inputs, an output through exp and log.
    struct NetworkParameters: Differentiable {
        var w11, w12, b1, w21, w22, b2, v1, v2: Double
    }

    @differentiable(reverse)
    static func networkLoss(_ p: NetworkParameters) -> Double {
        let x1 = 0.7
        let x2 = -1.3
        let target = 0.4
        let h1 = tanh(p.w11 * x1 + p.w12 * x2 + p.b1)
        let h2 = 1 / (1 + exp(-(p.w21 * x1 + p.w22 * x2 + p.b2)))
        let out = log(1 + exp(p.v1 * h1)) + p.v2 * h2 * h2
        return (out - target) * (out - target)
    }

    @Test("a two-layer scalar network with tanh, sigmoid, exp and log")
    func network() throws {
        let p = NetworkParameters(w11: 0.3, w12: -0.8, b1: 0.1, w21: 1.2, w22: 0.5, b2: -0.4, v1: 0.9, v2: -1.1)
        let reference = gradient(at: p, of: Self.networkLoss)

        let g = Graph()
        let w11 = g.leaf(p.w11)
        let w12 = g.leaf(p.w12)
        let b1 = g.leaf(p.b1)
        let w21 = g.leaf(p.w21)
        let w22 = g.leaf(p.w22)
        let b2 = g.leaf(p.b2)
        let v1 = g.leaf(p.v1)
        let v2 = g.leaf(p.v2)
        let h1 = try (w11 * 0.7 + w12 * -1.3 + b1).tanh()
        let h2 = try (w21 * 0.7 + w22 * -1.3 + b2).sigmoid()
        let out = try (1 + (v1 * h1).exp()).log() + v2 * h2 * h2
        let loss = try (out - 0.4) * (out - 0.4)
        loss.backward()

        #expect(exactCheck.agrees(loss.scalar, Self.networkLoss(p)))
        let engine = [w11, w12, b1, w21, w22, b2, v1, v2].map(\.grad.scalar)
        let expected = [
            reference.w11, reference.w12, reference.b1, reference.w21, reference.w22,
            reference.b2, reference.v1, reference.v2,
        ]
        for (actual, wanted) in zip(engine, expected) {
            #expect(exactCheck.agrees(actual, wanted), "\(actual) vs \(wanted)")
        }
    }

    @Test("compositions of products, powers, square roots and absolute values")
    func compositions() throws {
        // |u| as a conditional: Swift registers no derivative for `abs`.
        @differentiable(reverse)
        func magnitude(_ u: Double) -> Double { u < 0 ? -u : u }
        @differentiable(reverse)
        func f(_ x: Double, _ y: Double) -> Double {
            x * x * y + y / x - sqrt(x * y) + magnitude(x - 3 * y) + pow(x, 3) * pow(y, -2)
        }
        for (x0, y0) in [(1.5, 0.25), (2.0, 1.75), (0.6, 0.9)] {
            let reference = gradient(at: x0, y0, of: f)
            let g = Graph()
            let x = g.leaf(x0)
            let y = g.leaf(y0)
            let value = try x * x * y + y / x - (x * y).sqrt() + (x - 3 * y).abs() + (x ** 3) * (y ** -2)
            value.backward()
            #expect(exactCheck.agrees(value.scalar, f(x0, y0)))
            #expect(exactCheck.agrees(x.grad.scalar, reference.0), "∂/∂x at (\(x0), \(y0))")
            #expect(exactCheck.agrees(y.grad.scalar, reference.1), "∂/∂y at (\(x0), \(y0))")
        }
    }

    @Test("division chains and negation")
    func divisionChains() throws {
        @differentiable(reverse)
        func f(_ a: Double, _ b: Double, _ c: Double) -> Double {
            -((a / b) / c) / (a + c) + 1 / (a * b - c)
        }
        let (a0, b0, c0) = (1.3, -0.7, 2.1)
        let reference = gradient(at: a0, b0, c0, of: f)
        let g = Graph()
        let a = g.leaf(a0)
        let b = g.leaf(b0)
        let c = g.leaf(c0)
        let value = try -((a / b) / c) / (a + c) + 1 / (a * b - c)
        value.backward()
        #expect(exactCheck.agrees(value.scalar, f(a0, b0, c0)))
        #expect(exactCheck.agrees(a.grad.scalar, reference.0))
        #expect(exactCheck.agrees(b.grad.scalar, reference.1))
        #expect(exactCheck.agrees(c.grad.scalar, reference.2))
    }

    @Test("relu away from its kink, as a conditional in Swift")
    func reluNetwork() throws {
        @differentiable(reverse)
        func relu(_ x: Double) -> Double { x > 0 ? x : 0 }
        @differentiable(reverse)
        func f(_ w: Double, _ b: Double) -> Double {
            let h1 = relu(w * 2 + b)
            let h2 = relu(w * -3 + b)
            let out = h1 * 0.5 - h2 * 1.5 + h1 * h2
            return out * out
        }
        for (w0, b0) in [(0.4, 0.3), (-0.6, 0.5), (0.2, -1.0)] {
            let reference = gradient(at: w0, b0, of: f)
            let g = Graph()
            let w = g.leaf(w0)
            let b = g.leaf(b0)
            let h1 = try (w * 2 + b).relu()
            let h2 = try (w * -3 + b).relu()
            let out = try h1 * 0.5 - h2 * 1.5 + h1 * h2
            let value = try out * out
            value.backward()
            #expect(g.kinks.isEmpty)
            #expect(exactCheck.agrees(w.grad.scalar, reference.0), "∂/∂w at (\(w0), \(b0))")
            #expect(exactCheck.agrees(b.grad.scalar, reference.1), "∂/∂b at (\(w0), \(b0))")
        }
    }
}
