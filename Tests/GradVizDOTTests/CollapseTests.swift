import Foundation
import GradVizDOT
import GradVizEngine
import GradVizRender
import GradVizScript
import Testing

/// `--collapse DEPTH`: modules nested DEPTH deep drawn as one node each.
@Suite struct CollapseTests {
    /// Three levels of modules: model ⊃ encoder, decoder ⊃ linear1, act1, linear2.
    static let nested = """
        x = [1, 2]
        y = [0.5]
        module model {
          module encoder {
            module linear1 {
              W1 = [[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]]
              z1 = W1 @ x
            }
            module act1 {
              h1 = sigmoid(z1)
            }
          }
          module decoder {
            module linear2 {
              W2 = [[0.7, -0.8, 0.9]]
              yhat = W2 @ h1
            }
          }
        }
        L = mse(yhat, y)
        """

    /// The module nodes a figure draws: DOT id → label text (rows run together).
    static func moduleNodes(_ dot: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in DOTText(dot).lines where line.contains("class=\"module\"") {
            let statement = line.trimmingCharacters(in: .whitespaces)
            guard let space = statement.firstIndex(of: " ") else { continue }
            result[String(statement[..<space])] = DOTText.visibleText(DOTText.label(statement))
        }
        return result
    }

    /// The graph's `label=<…>` line: the legend with every path's product and the gradient.
    static func legend(_ dot: String) -> String? {
        DOTText(dot).lines.first { $0.hasPrefix("  label=<") }
    }

    @Test(arguments: [0, 1, 2, 3])
    func everyDepthDrawsWithTheSameLegend(depth: Int) throws {
        let evaluation = try LectureExamples.evaluate(Self.nested)
        func figure(_ collapse: Int?) throws -> Figure {
            try Figure(
                graph: evaluation.graph, output: evaluation.output.id,
                options: FigureOptions(wrt: "W1", collapse: collapse))
        }
        let whole = try figure(nil)
        let collapsed = try figure(depth)
        #expect(Self.legend(collapsed.dot) != nil)
        #expect(Self.legend(collapsed.dot) == Self.legend(whole.dot))
        let result = try Renderer.render(dot: collapsed.dot, format: .svg)
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        #expect(RenderedSVG(result.data) != nil)

        let modules = Self.moduleNodes(collapsed.dot)
        let names = Set(modules.values.compactMap { $0.components(separatedBy: "in [").first })
        let expected: [Int: Set<String>] = [
            0: ["model"], 1: ["encoder", "decoder"], 2: ["linear1", "act1", "linear2"], 3: [],
        ]
        #expect(names == expected[depth], "\(modules)")
        let w1 = try #require(evaluation.variable(named: "W1")).id.description
        let x = try #require(evaluation.variable(named: "x")).id.description
        // W1 is folded away unless nothing is deep enough to fold.
        #expect((DOTText(collapsed.dot).node(w1) == nil) == (depth < 3))
        #expect(DOTText(collapsed.dot).node(x) != nil)
        if depth == 3 { #expect(collapsed.dot == whole.dot) }
    }

    @Test func aFoldedModuleShowsItsShapesAndParametersAndIsLitOnAPath() throws {
        let evaluation = try LectureExamples.evaluate(Self.nested)
        let figure = try Figure(
            graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions(wrt: "W1", collapse: 1))
        let modules = Self.moduleNodes(figure.dot)
        #expect(modules.values.contains("encoderin [2] → out [3]parameters 6"), "\(modules)")
        #expect(modules.values.contains("decoderin [3] → out [1]parameters 3"), "\(modules)")
        // Both lie on W1's path: lit in its colour, and the edges between them carry it.
        for line in DOTText(figure.dot).lines where line.contains("class=\"module\"") {
            #expect(line.contains("penwidth=\"3\""), "\(line)")
        }
        let x = try #require(evaluation.variable(named: "x")).id.description
        let into = DOTText(figure.dot).edges.filter { $0.contains(x + " -> \"module_") }
        #expect(into.count == 1)
        #expect(into.first.map { DOTText.visibleText(DOTText.label($0)) } == "J: [3]×[2]")
        let between = DOTText(figure.dot).edges.filter { $0.hasPrefix("  \"module_") && $0.contains("-> \"module_") }
        #expect(between.count == 1 && between.first?.contains("penwidth=\"2.6\"") == true, "\(between)")
        #expect(throws: FigureError.self) {
            try Figure(graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions(collapse: -1))
        }
    }
}
