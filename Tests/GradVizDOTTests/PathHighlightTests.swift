import Foundation
import GradVizDOT
import GradVizEngine
import GradVizExplain
import GradVizRender
import GradVizScript
import Testing

/// `wrt`: each path in its own colour, and a legend whose products sum to the gradient.
@Suite struct PathHighlightTests {
    /// Every number the legend lists in its product column, the Σ row and the backward row.
    static func legendNumbers(_ dot: DOTText) throws -> (products: [Double], sum: Double?, gradient: Double) {
        let legend = try #require(dot.htmlLabels.first { $0.contains("by the chain rule") })
        let rows = legend.components(separatedBy: "<TR>").dropFirst()
        func number(_ cell: String) -> Double? {
            Double(DOTText.visibleText(cell).replacingOccurrences(of: "−", with: "-"))
        }
        var products: [Double] = []
        var sum: Double?
        var gradient: Double?
        for row in rows {
            // Path rows: line sample, path, gap, factors, gap, empty, product, gap, mark. Sum
            // rows: empty, caption (four columns wide), empty, value, gap, mark.
            let cells = Array(row.components(separatedBy: "<TD").dropFirst().map { "<TD" + $0 })
            let caption = cells.count > 1 ? DOTText.visibleText(cells[1]) : ""
            if cells.count == 6 && caption.hasPrefix("Σ over all") {
                sum = number(cells[3])
            } else if cells.count == 6 && caption.contains("from the backward pass") {
                gradient = number(cells[3])
            } else if cells.count == 9, let value = number(cells[6]) {
                products.append(value)
            }
        }
        return (products, sum, try #require(gradient))
    }

    @Test func weightSharingListsTheUpperAndLowerPathAndTheirSumIsTheGradient() throws {
        let evaluation = try LectureExamples.evaluate(LectureExamples.weightSharing)
        let w1 = try #require(evaluation.variable(named: "w1")).id
        let figure = try Figure(
            graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions(wrt: "w1", precision: 12))
        let dot = DOTText(figure.dot)
        let (products, sum, gradient) = try Self.legendNumbers(dot)
        // The reference: central finite differences on the recorded graph.
        let numeric = evaluation.graph.numericGradient(of: evaluation.output.id, wrt: w1, step: 1e-6).scalar
        #expect(products.count == 2)
        #expect(Swift.abs(products.reduce(0, +) - numeric) < 1e-8)
        #expect(Swift.abs((sum ?? .nan) - numeric) < 1e-8)
        #expect(Swift.abs(gradient - numeric) < 1e-8)
        #expect(dot.text.contains("2 paths from w<SUB>1</SUB>"))
        #expect(dot.text.contains("✓"))
        // The legend writes each path's factors from the output inward, as the lecture does.
        let legend = DOTText.visibleText(try #require(dot.htmlLabels.first { $0.contains("by the chain rule") }))
        #expect(legend.contains("∂ℓ/∂o · ∂o/∂a1 · ∂a1/∂w1 = "))
        #expect(legend.contains("∂ℓ/∂o · ∂o/∂a2 · ∂a2/∂w1 = "))
        // By hand: the upper path w₁ → a₁ → o → ℓ has product ∂a₁/∂w₁ · ∂o/∂a₁ · ∂ℓ/∂o with
        // ∂a₁/∂w₁ = σ′(w₁x₁)·x₁, ∂o/∂a₁ = σ′(a₁ + a₂), ∂ℓ/∂o = 2(o − y).
        func sigmoid(_ z: Double) -> Double { 1 / (1 + Foundation.exp(-z)) }
        let (x1, w1v, y) = (1.5, 0.8, 1.0)
        let a1 = sigmoid(w1v * x1)
        let a2 = Foundation.tanh(w1v * x1)
        let o = sigmoid(a1 + a2)
        let upper = a1 * (1 - a1) * x1 * o * (1 - o) * 2 * (o - y)
        let lower = (1 - a2 * a2) * x1 * o * (1 - o) * 2 * (o - y)
        #expect(products.contains { Swift.abs($0 - upper) < 1e-10 })
        #expect(products.contains { Swift.abs($0 - lower) < 1e-10 })
    }

    /// The colours of a DOT edge statement's `color` attribute, a colour list split at `:`.
    static func colours(_ edge: String) -> [String] {
        guard let range = edge.range(of: #"\[color="[^"]*""#, options: .regularExpression) else { return [] }
        return edge[range].dropFirst(8).dropLast().split(separator: ":").map(String.init)
    }

    @Test func eachPathGetsItsOwnColourAndASharedEdgeIsOneEdgeInBoth() throws {
        let evaluation = try LectureExamples.evaluate(LectureExamples.weightSharing)
        let dot = DOTText(
            try Figure(graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions(wrt: "w1")).dot)
        let highlighted = dot.edges.filter { $0.contains("penwidth=\"2.6\"") }
        // Path 1: w₁→a₁, a₁→o, o→l; path 2: w₁→a₂, a₂→o, o→l: five edges, o→l on both.
        #expect(highlighted.count == 5)
        let single = Set(highlighted.map(Self.colours).filter { $0.count == 1 }.map { $0[0] })
        #expect(single.count == 2)
        let loss = evaluation.output.id.description
        let o = try #require(evaluation.variable(named: "o")).id.description
        let shared = dot.edges(from: o, to: loss)
        #expect(shared.count == 1)
        // One Graphviz edge drawn in a colour list, a line per path.
        #expect(Set(Self.colours(try #require(shared.first))) == single)
        #expect(Self.colours(try #require(shared.first)).count == 2)
    }

    /// `render samples/fully_connected.grad --wrt w_11_1`: the two paths share w⁽¹⁾₁,₁ → a⁽¹⁾₁
    /// and o → l, and each is still one edge of the drawing, with a line per path.
    @Test func theFullyConnectedFigureDrawsOneSVGEdgePerGraphEdge() throws {
        let evaluation = try Script.load(
            path: SampleRenderTests.directory.appendingPathComponent("fully_connected.grad").path
        ).evaluate()
        let options = FigureOptions(wrt: "w_11_1")
        let figure = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: options)
        let svg = String(decoding: try Renderer.render(dot: figure.dot, format: .svg).data, as: UTF8.self)
        let group = try NSRegularExpression(
            pattern: #"<g id="[a-z]+[0-9]+" class="edge">\s*<title>(.*?)</title>(.*?)</g>"#,
            options: [.dotMatchesLineSeparators])
        let text = svg as NSString
        let edges = group.matches(in: svg, range: NSRange(location: 0, length: text.length)).map {
            (
                title: text.substring(with: $0.range(at: 1)).replacingOccurrences(of: "&#45;&gt;", with: "->"),
                body: text.substring(with: $0.range(at: 2))
            )
        }
        let view = FlowView(graph: evaluation.graph, output: evaluation.output.id, kind: options.view)
        #expect(edges.count == view.edges.count)
        #expect(Set(edges.map(\.title)).count == edges.count)
        let w = try #require(evaluation.variable(named: "w_11_1")).id
        let a = try #require(evaluation.variable(named: "a1_1")).id
        let first = try #require(edges.first { $0.title == "\(w)->\(a)" })
        let strokes = try NSRegularExpression(pattern: #"<path [^>]*stroke="([^"]*)""#)
        let lines = strokes.matches(
            in: first.body, range: NSRange(location: 0, length: (first.body as NSString).length)
        )
        .map { (first.body as NSString).substring(with: $0.range(at: 1)) }
        let style = ThemeStyle.style(for: options.theme)
        #expect(lines == style.paths.prefix(2).map { $0.color.lowercased() })
    }

    @Test func singlePathRegressionWeight() throws {
        // ∂L/∂w₂ = ∂L/∂ŷ · ∂ŷ/∂w₂ = (−6) · 17 = −102 along the only path w₂ → ŷ → L, the factors
        // written from the output inward as the lecture does.
        let dot = DOTText(try LectureExamples.figure(LectureExamples.regression, FigureOptions(wrt: "w2")).dot)
        let (products, sum, gradient) = try Self.legendNumbers(dot)
        #expect(products == [-102])
        #expect(sum == nil)
        #expect(gradient == -102)
        let legend = try #require(dot.htmlLabels.first { $0.contains("by the chain rule") })
        #expect(DOTText.visibleText(legend).contains("∂L/∂ŷ · ∂ŷ/∂w2 = −6 · 17"))
    }

    @Test func fullyConnectedHasTwoPathsForTheFirstLayerWeight() throws {
        let evaluation = try LectureExamples.evaluate(LectureExamples.fullyConnected)
        let w = try #require(evaluation.variable(named: "w_1_1__1")).id
        let figure = try Figure(
            graph: evaluation.graph, output: evaluation.output.id,
            options: FigureOptions(wrt: "w_1_1__1", precision: 12))
        let (products, sum, gradient) = try Self.legendNumbers(DOTText(figure.dot))
        let numeric = evaluation.graph.numericGradient(of: evaluation.output.id, wrt: w, step: 1e-6).scalar
        #expect(products.count == 2)
        #expect(Swift.abs(products.reduce(0, +) - numeric) < 1e-8)
        #expect(Swift.abs((sum ?? .nan) - gradient) < 1e-11)
    }

    @Test func manyPathsAreCappedAndTheTotalIsStated() throws {
        // A chain of 12 diamonds, each node feeding two that rejoin: 2¹² = 4096 paths.
        var lines = ["x0 = 0.3"]
        for k in 0..<12 {
            lines.append("p\(k) = sigmoid(x\(k))")
            lines.append("q\(k) = tanh(x\(k))")
            lines.append("x\(k + 1) = p\(k) * q\(k)")
        }
        let source = lines.joined(separator: "\n")
        let figure = try LectureExamples.figure(source, FigureOptions(wrt: "x0", maxPaths: 5))
        let dot = DOTText(figure.dot)
        #expect(dot.text.contains("4096 paths"))
        #expect(dot.text.contains("the 5 largest shown"))
        #expect(figure.notes.contains { $0.contains("4096") })
        #expect(try Self.legendNumbers(dot).products.count == 5)
        let evaluation = try LectureExamples.evaluate(source)
        let x0 = try #require(evaluation.variable(named: "x0")).id
        let numeric = evaluation.graph.numericGradient(of: evaluation.output.id, wrt: x0, step: 1e-6).scalar
        let (_, sum, gradient) = try Self.legendNumbers(
            DOTText(try LectureExamples.figure(source, FigureOptions(wrt: "x0", precision: 12, maxPaths: 5)).dot))
        #expect(Swift.abs((sum ?? .nan) - numeric) < 1e-7 * max(1, Swift.abs(numeric)))
        #expect(Swift.abs(gradient - numeric) < 1e-7 * max(1, Swift.abs(numeric)))
    }

    @Test func variableWithoutPathSaysSo() throws {
        let source = """
            a = 2
            unused = 5
            b = a * 3
            """
        let dot = DOTText(try LectureExamples.figure(source, FigureOptions(wrt: "unused")).dot)
        #expect(dot.text.contains("0 paths"))
        #expect(dot.text.contains("no path reaches"))
    }

    @Test func unknownWrtIsAFigureError() throws {
        let evaluation = try LectureExamples.evaluate(LectureExamples.regression)
        #expect(throws: FigureError.self) {
            _ = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions(wrt: "w3"))
        }
        do {
            _ = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions(wrt: "w3"))
        } catch {
            #expect(error.kind == .unknownVariable)
            #expect(error.description.contains("w3"))
        }
    }
}
