import GradVizEngine
import Testing

/// The lecture's worked regression: ŷ = w2·(w1·x + b1) + b2, L = (ŷ − y)², at x = 3, w1 = 5,
/// b1 = 2, w2 = 2, b2 = 3, y = 40. The expected numbers are the lecture's, derived by hand:
/// ŷ = 2·17 + 3 = 37, L = 9, ∂L/∂ŷ = 2(ŷ − y) = −6, ∂L/∂w2 = −6·17, ∂L/∂w1 = −6·2·3,
/// ∂L/∂b1 = −6·2, ∂L/∂b2 = −6.
@Suite("The lecture's regression")
struct LectureRegressionTests {
    struct Regression {
        let graph = Graph()
        let x, w1, b1, w2, b2, y, h, yHat, loss: Value

        init() throws {
            x = graph.leaf(3, name: "x")
            w1 = graph.leaf(5, name: "w1")
            b1 = graph.leaf(2, name: "b1")
            w2 = graph.leaf(2, name: "w2")
            b2 = graph.leaf(3, name: "b2")
            y = graph.leaf(40, name: "y")
            h = try (w1 * x + b1).named("h")
            yHat = try (w2 * h + b2).named("yhat", label: "ŷ")
            loss = try ((yHat - y) ** 2).named("L")
        }
    }

    @Test("forward gives ŷ = 37 and L = 9")
    func forwardValues() throws {
        let r = try Regression()
        #expect(r.h.scalar == 17)
        #expect(r.yHat.scalar == 37)
        #expect(r.loss.scalar == 9)
    }

    @Test("backward gives the lecture's gradients")
    func gradients() throws {
        let r = try Regression()
        r.loss.backward()
        #expect(r.w2.grad == Tensor(-102))
        #expect(r.w1.grad == Tensor(-36))
        #expect(r.b1.grad == Tensor(-12))
        #expect(r.b2.grad == Tensor(-6))
        #expect(r.yHat.grad == Tensor(-6))
        #expect(r.x.grad == Tensor(-60))
        #expect(r.y.grad == Tensor(6))
        #expect(r.loss.grad == Tensor(1))
        #expect(r.graph.gradientOrigin == r.loss.id)
    }

    @Test("names and labels find their nodes")
    func namedNodes() throws {
        let r = try Regression()
        #expect(r.graph.node(named: "yhat") == r.yHat.id)
        #expect(r.graph.label(of: r.yHat.id) == "ŷ")
        #expect(r.graph.name(of: r.loss.id) == "L")
        #expect(r.graph.namedNodes == [r.x, r.w1, r.b1, r.w2, r.b2, r.y, r.h, r.yHat, r.loss].map(\.id))
    }

    @Test("the gradients agree with finite differences")
    func finiteDifferences() throws {
        let r = try Regression()
        for leaf in [r.x, r.w1, r.b1, r.w2, r.b2, r.y] {
            #expect(finiteDifferenceCheck.verify(r.graph, output: r.loss.id, wrt: leaf.id), "\(leaf)")
        }
        // Independently of the engine: L as a plain function of (w1, b1, w2, b2).
        let loss = { (p: [Double]) -> Double in
            let yHat = p[2] * (p[0] * 3 + p[1]) + p[3]
            return (yHat - 40) * (yHat - 40)
        }
        let numeric = FiniteDifference.gradient(of: loss, at: [5, 2, 2, 3])
        r.loss.backward()
        let analytic = [r.w1, r.b1, r.w2, r.b2].map(\.grad.scalar)
        #expect(zip(analytic, numeric).allSatisfy { finiteDifferenceCheck.agrees($0.0, $0.1) })
    }
}
