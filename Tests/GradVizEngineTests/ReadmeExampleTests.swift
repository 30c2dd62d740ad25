import GradVizEngine
import Testing

/// The Swift example in the README, verbatim, against the lecture's hand-derived numbers.
@Suite struct ReadmeExampleTests {
    @Test func theReadmeExampleGivesTheLecturesGradient() throws {
        let g = Graph()
        let x = g.leaf(3, name: "x"), w1 = g.leaf(5, name: "w1"), b1 = g.leaf(2, name: "b1")
        let w2 = g.leaf(2, name: "w2"), b2 = g.leaf(3, name: "b2"), y = g.leaf(40, name: "y")
        let yhat = try (w2 * (w1 * x + b1) + b2).named("yhat", label: "ŷ")
        let loss = try ((yhat - y) ** 2).named("L")
        loss.backward()
        #expect(w2.grad.scalar == -102)
        #expect(yhat.scalar == 37)
        #expect(g.label(of: yhat.id) == "ŷ")
        #expect(g.node(named: "L") == loss.id)
    }
}
