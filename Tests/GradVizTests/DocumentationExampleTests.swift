import Foundation
import GradViz
import Testing

/// The Swift examples in the docs (the DocC catalog and Documentation/SwiftLibrary.md), run with
/// `import GradViz` alone, against the lecture's hand-derived numbers; and each example's code
/// is checked to appear in the docs as written here.
@Suite struct DocumentationExampleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func theUmbrellaExampleGivesTheLecturesGradient() throws {
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
        // 2(ŷ − y)·(w₁·x + b₁) = 2·(37 − 40)·17
        #expect(w2.grad.scalar == -102)
        for doc in ["Documentation/SwiftLibrary.md", "Sources/GradViz/GradViz.docc/TheEngine.md"] {
            let text = try Self.read(doc)
            #expect(text.contains("import GradViz\n"), "\(doc)")
            #expect(text.contains("let yhat = try (w2 * (w1 * x + b1) + b2).named(\"yhat\", label: \"ŷ\")"), "\(doc)")
        }
    }

    @Test func theFigureExampleRendersTheRegressionWithItsPathLit() throws {
        let evaluation = try Script.load(path: Self.root.appendingPathComponent("samples/regression.grad").path)
            .evaluate()
        var options = FigureOptions()
        options.wrt = "w2"
        let figure = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: options)
        let svg = String(decoding: try Renderer.render(dot: figure.dot, format: .svg).data, as: UTF8.self)
        #expect(svg.hasPrefix("<?xml") && svg.contains("</svg>"))
        #expect(svg.contains("−102"))  // ∂L/∂w₂ in the legend
        let article = try Self.read("Sources/GradViz/GradViz.docc/FiguresFromSwift.md")
        #expect(
            article.contains(
                "let figure = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: options)"))
        #expect(article.contains("options.wrt = \"w2\""))
    }
}
