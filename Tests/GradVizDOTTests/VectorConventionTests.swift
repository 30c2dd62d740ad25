import Foundation
import GradVizDOT
import GradVizEngine
import GradVizExplain
import GradVizFrames
import GradVizHTML
import GradVizScript
import Testing

/// One convention for vectors wherever a figure shows one: a column. Nodes and edge labels
/// draw it as a column of entries; legends, captions, expressions and the page, which write on
/// one line, write its transpose, `[0.9, −1]ᵀ`. Matrices are drawn and written row by row.
@Suite struct VectorConventionTests {
    /// samples/fully_connected_matrix.grad: o = w⁽³⁾ @ a⁽²⁾ with w⁽³⁾ = [0.9, −1], so
    /// ∂o/∂a⁽²⁾ = w⁽³⁾ and ∂o/∂w⁽³⁾ = a⁽²⁾.
    static func evaluation() throws -> Evaluation {
        try Script.load(path: SampleRenderTests.directory.appendingPathComponent("fully_connected_matrix.grad").path)
            .evaluate()
    }

    static func id(_ name: String, _ evaluation: Evaluation) throws -> String {
        try #require(evaluation.variable(named: name)).id.description
    }

    /// The rows of the innermost tables of an HTML label, each as its cells' visible texts.
    static func tableRows(_ statement: String) -> [[String]] {
        let row = try! NSRegularExpression(
            pattern: "<TR>((?:(?!<TR>|</TR>|<TABLE).)*)</TR>", options: [.dotMatchesLineSeparators])
        let ns = statement as NSString
        return row.matches(in: statement, range: NSRange(location: 0, length: ns.length)).map {
            DOTText.cells(ns.substring(with: $0.range(at: 1)))
        }.filter { !$0.isEmpty }
    }

    @Test func nodesAndEdgeLabelsDrawAVectorAsAColumn() throws {
        let evaluation = try Self.evaluation()
        let figure = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions())
        let dot = DOTText(figure.dot)
        // The node w⁽³⁾: its value one entry per row.
        let node = try #require(dot.node(try Self.id("W3", evaluation)))
        #expect(
            Self.tableRows(node).contains(["0.9"]) && Self.tableRows(node).contains(["−1"]), "\(Self.tableRows(node))")
        // The edge a⁽²⁾ → o carries w⁽³⁾ the same way: the symbol, then a column.
        let edge = try #require(dot.edges(from: try Self.id("a2", evaluation), to: try Self.id("o", evaluation)).first)
        let rows = Self.tableRows(edge)
        #expect(rows.suffix(2) == [["0.9"], ["−1"]], "\(rows)")
        #expect(!DOTText.label(edge).contains("["), "\(DOTText.label(edge))")
        // A matrix factor is drawn row by row, as a matrix node is (FigureContentTests).
    }

    @Test func textOnOneLineWritesAVectorAsATransposedRow() throws {
        let evaluation = try Self.evaluation()
        let graph = evaluation.graph
        let output = evaluation.output.id
        // The legend's factors: −2.627 · [0.9, −1]ᵀ · J… (the product, a matrix, is a table).
        let legend = try #require(
            DOTText(try Figure(graph: graph, output: output, options: FigureOptions(wrt: "W1")).dot).lines
                .first { $0.hasPrefix("  label=<") })
        #expect(DOTText.label(legend).contains("−2.627 · [0.9, −1]ᵀ · J"), "\(DOTText.label(legend))")

        // The page: values, gradients and factors as text.
        let page = try InteractiveFigure(graph: graph, output: output, options: FigureOptions())
        let json = try #require(try JSONSerialization.jsonObject(with: Data(page.data.text.utf8)) as? [String: Any])
        let nodes = try #require(json["nodes"] as? [String: [Any]])
        let names = try #require(nodes["name"] as? [String])
        let x = try #require(names.firstIndex(of: "x"))
        #expect(nodes["value"]?[x] as? String == "[1, 2]ᵀ")
        #expect(nodes["gradient"]?[x] as? String == "[0.04608, 0.05437]ᵀ")
        let w1 = try #require(names.firstIndex(of: "W1"))
        #expect(nodes["value"]?[w1] as? String == "[[0.1, −0.2], [0.3, 0.4]]")
        let edges = try #require(json["edges"] as? [String: [Any]])
        let factors = try #require(edges["factor"] as? [String])
        #expect(factors.contains("[0.9, −1]ᵀ") && !factors.contains("[0.9, −1]"), "\(factors)")

        // Captions of the slide build, and an expression with a constant vector.
        let captions = try FrameSequence.outline(graph: graph, output: output, options: FigureOptions()).map(\.caption)
        #expect(captions.contains { $0.contains("x = [1, 2]ᵀ") }, "\(captions)")
        #expect(captions.contains { $0.contains("−2.627 · [0.9, −1]ᵀ = [−2.365, 2.627]ᵀ") }, "\(captions)")
        let constant = try Script(source: "W = [[1, 2], [3, 4]]\nz = W @ [1, -1]\nL = sum(z)\n", file: "c.grad")
            .evaluate()
        let z = try #require(
            DOTText(try Figure(graph: constant.graph, output: constant.output.id, options: FigureOptions()).dot)
                .node(try Self.id("z", constant)))
        #expect(DOTText.label(z).contains("W @ [1, −1]ᵀ"), "\(DOTText.label(z))")
    }
}
