import GradVizEngine
import Testing

/// The Swift examples of Documentation/SwiftLibrary.md (the first also in the DocC catalog, run
/// there through `import GradViz` by `DocumentationExampleTests`), against the lecture's
/// hand-derived numbers, with the engine module alone.
@Suite struct ReadmeExampleTests {
    @Test func theReadmeExampleGivesTheLecturesGradient() throws {
        let g = Graph()
        let x = g.leaf(3, name: "x")
        let w1 = g.leaf(5, name: "w1")
        let b1 = g.leaf(2, name: "b1")
        let w2 = g.leaf(2, name: "w2")
        let b2 = g.leaf(3, name: "b2")
        let y = g.leaf(40, name: "y")
        let yhat = try (w2 * (w1 * x + b1) + b2).named("yhat", label: "ŷ")
        let loss = try ((yhat - y) ** 2).named("L")
        loss.backward()
        #expect(w2.grad.scalar == -102)
        #expect(yhat.scalar == 37)
        #expect(g.label(of: yhat.id) == "ŷ")
        #expect(g.node(named: "L") == loss.id)
    }

    @Test func theReadmeScopedExampleGivesTheHandDerivedGradient() throws {
        let g = Graph()
        let (loss, w) = try g.withRecordingScope { scope throws(GraphError) in
            let w = scope.leaf(0.5, name: "w")
            let b = scope.leaf(0.1, name: "b")
            return (try ((w * 3 + b).relu() - 2).id, w.id)
        }
        g.backward(from: loss)
        // loss = relu(3w + b) − 2 with 3w + b = 1.6 > 0: ∂loss/∂w = 3.
        #expect(g.gradient(of: w)?.scalar == 3)
        #expect(abs(g.scalarValue(of: loss) - (-0.4)) < 1e-15)
    }
}
