import Foundation
import GradVizDOT
import GradVizEngine
import GradVizExplain
import GradVizRender
import GradVizScript
import Testing

/// `--path-order`: the listed paths in the figure's top-to-bottom order (the default, as the
/// lecture notes read the weight-sharing and fully connected figures) or largest first; the
/// same paths either way, and the layout order is the order Graphviz draws.
@Suite struct PathOrderTests {
    static func evaluate(_ sample: String) throws -> Evaluation {
        try Script.load(path: SampleRenderTests.directory.appendingPathComponent(sample).path).evaluate()
    }

    /// The names along each listed path of `wrt`, output first is not how they read: `wrt` first.
    static func routes(_ sample: String, wrt: String, order: PathOrder) throws -> [[String]] {
        let evaluation = try evaluate(sample)
        let graph = evaluation.graph
        let id = try #require(graph.node(named: wrt))
        let explanation = Explanation(graph: graph, wrt: id, of: evaluation.output.id, pathOrder: order)
        return explanation.paths.map { $0.nodes.map { graph.name(of: $0) ?? $0.description } }
    }

    @Test func theLectureReadsTheUpperPathFirstAndSizeListsTheLargestFirst() throws {
        // The notes: ∂ℓ/∂w₁ = ∂ℓ/∂o·∂o/∂a₁·∂a₁/∂w₁ (upper path) + ∂ℓ/∂o·∂o/∂a₂·∂a₂/∂w₁ (lower path);
        // the lower path is the larger (−0.0462 against −0.02163).
        #expect(PathOrder.default == .layout)
        #expect(
            try Self.routes("weight_sharing.grad", wrt: "w1", order: .layout) == [
                ["w1", "a1", "o", "l"], ["w1", "a2", "o", "l"],
            ])
        #expect(
            try Self.routes("weight_sharing.grad", wrt: "w1", order: .size) == [
                ["w1", "a2", "o", "l"], ["w1", "a1", "o", "l"],
            ])
        // ∂ℓ/∂w⁽¹⁾₁,₁: through a⁽²⁾₁ first in the notes, though through a⁽²⁾₂ is the larger (0.09247).
        #expect(
            try Self.routes("fully_connected.grad", wrt: "w_11_1", order: .layout) == [
                ["w_11_1", "a1_1", "a1_2", "o", "l"], ["w_11_1", "a1_1", "a2_2", "o", "l"],
            ])
        #expect(
            try Self.routes("fully_connected.grad", wrt: "w_11_1", order: .size) == [
                ["w_11_1", "a1_1", "a2_2", "o", "l"], ["w_11_1", "a1_1", "a1_2", "o", "l"],
            ])
    }

    @Test func bothOrdersListTheSameLargestPaths() throws {
        let evaluation = try Self.evaluate("fully_connected.grad")
        let graph = evaluation.graph
        let x1 = try #require(graph.node(named: "x1"))
        for maxPaths in [1, 2, 3, 64] {
            let size = Explanation(
                graph: graph, wrt: x1, of: evaluation.output.id, maxPaths: maxPaths, pathOrder: .size)
            let layout = Explanation(
                graph: graph, wrt: x1, of: evaluation.output.id, maxPaths: maxPaths, pathOrder: .layout)
            #expect(Set(size.paths.map(\.edgeIndices)) == Set(layout.paths.map(\.edgeIndices)))
            #expect(size.paths.count == min(maxPaths, 4))
            let magnitudes = size.paths.map { abs($0.product.scalar) }
            #expect(magnitudes == magnitudes.sorted(by: >))
        }
    }

    /// Of two consecutive listed paths, the first node where they part (from the output back)
    /// is drawn higher (LR) or further left (TB) for the earlier path, in the SVG Graphviz lays
    /// out, for every sample's leaves with more than one path.
    @Test(arguments: [RankDirection.LR, .TB])
    func layoutOrderIsTheOrderTheFigureIsDrawnIn(rankdir: RankDirection) throws {
        var compared = 0
        for path in SampleRenderTests.samples {
            let sample = (path as NSString).lastPathComponent
            let evaluation = try Self.evaluate(sample)
            let graph = evaluation.graph
            let view = FlowView(graph: graph, output: evaluation.output.id, kind: .vars)
            for leaf in view.nodes where graph.op(of: leaf) == .leaf && graph.name(of: leaf) != nil {
                let explanation = Explanation(view: view, wrt: leaf, maxPaths: 8, finiteDifferences: false)
                guard explanation.paths.count > 1 else { continue }
                let options = FigureOptions(wrt: graph.name(of: leaf), rankdir: rankdir)
                let figure = try Figure(graph: graph, output: evaluation.output.id, options: options)
                let svg = String(decoding: try Renderer.render(dot: figure.dot, format: .svg).data, as: UTF8.self)
                let centres = LeafOrderTests.centres(svg)
                for (a, b) in zip(explanation.paths, explanation.paths.dropFirst()) {
                    guard let (x, y) = zip(a.nodes.reversed(), b.nodes.reversed()).first(where: { $0 != $1 }),
                        let upper = centres[x.description], let lower = centres[y.description]
                    else { continue }
                    let names = "\(sample) wrt \(graph.name(of: leaf) ?? ""): \(view.name(of: x)), \(view.name(of: y))"
                    if rankdir == .LR {
                        #expect(upper.y < lower.y, "\(names) drawn bottom to top")
                    } else {
                        #expect(upper.x < lower.x, "\(names) drawn right to left")
                    }
                    compared += 1
                }
            }
        }
        #expect(compared >= 10)
    }

    @Test func theLegendAndItsColoursFollowThePathOrder() throws {
        for (order, first) in [(PathOrder.layout, "a₁"), (.size, "a₂")] {
            let evaluation = try Self.evaluate("weight_sharing.grad")
            var options = FigureOptions(wrt: "w1")
            options.pathOrder = order
            let figure = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: options)
            let svg = try #require(RenderedSVG(try Renderer.render(dot: figure.dot, format: .svg).data))
            // The legend's first path row: w₁ → a₁ → o → ℓ drawn as the runs "w", "1", " → a", "1", …
            let text = svg.texts.joined()
            let upper = try #require(text.range(of: "w1 → a1 → o → ℓ"))
            let lower = try #require(text.range(of: "w1 → a2 → o → ℓ"))
            #expect((upper.lowerBound < lower.lowerBound) == (first == "a₁"), "\(order)")
        }
    }
}
