import Foundation
import GradVizDOT
import GradVizEngine
import GradVizExplain
import GradVizScript
import Testing

/// `--edge-labels formula|both`: each edge's local derivative as its formula (by hand from the
/// lecture's regression), the number under it with `both`, the `--wrt` legend with a formula
/// line; `value`, the default, draws what it always drew.
@Suite struct EdgeFormulaLabelTests {
    static func figure(_ source: String, _ content: EdgeLabelContent, wrt: String? = nil) throws -> (
        Evaluation, DOTText
    ) {
        let evaluation = try LectureExamples.evaluate(source)
        var options = FigureOptions(wrt: wrt)
        options.edgeLabels = content
        let figure = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: options)
        return (evaluation, DOTText(figure.dot))
    }

    static func label(_ from: String, _ to: String, _ evaluation: Evaluation, _ dot: DOTText) throws -> String {
        let parent = try #require(evaluation.variable(named: from)).id.description
        let child = try #require(evaluation.variable(named: to)).id.description
        return try #require(dot.edges(from: parent, to: child).first.map(DOTText.label))
    }

    @Test func formulaLabelsWriteEachLocalDerivativeOverTheScriptsNames() throws {
        let (evaluation, dot) = try Self.figure(LectureExamples.regression, .formula)
        // ∂L/∂ŷ = 2(ŷ − y), ∂ŷ/∂w₂ = w₁·x + b₁, ∂ŷ/∂w₁ = w₂·x; ∂ŷ/∂b₂ = 1 stays a number.
        #expect(try Self.label("yhat", "L", evaluation, dot) == "∂L/∂ŷ = 2(ŷ − y)")
        #expect(try Self.label("w2", "yhat", evaluation, dot) == "∂ŷ/∂w2 = w1·x + b1")
        #expect(try Self.label("w1", "yhat", evaluation, dot) == "∂ŷ/∂w1 = w2·x")
        #expect(try Self.label("b2", "yhat", evaluation, dot) == "∂ŷ/∂b2 = 1")
        // Subscripts are set as such in the markup.
        let w2 = try #require(evaluation.variable(named: "w2")).id.description
        let yhat = try #require(evaluation.variable(named: "yhat")).id.description
        #expect(dot.edges(from: w2, to: yhat).first?.contains("w<SUB>1</SUB>·x + b<SUB>1</SUB>") == true)
    }

    @Test func bothWritesTheFormulaThenTheNumber() throws {
        let (evaluation, dot) = try Self.figure(LectureExamples.regression, .both)
        #expect(try Self.label("yhat", "L", evaluation, dot) == "∂L/∂ŷ = 2(ŷ − y)= −6")
        #expect(try Self.label("w2", "yhat", evaluation, dot) == "∂ŷ/∂w2 = w1·x + b1= 17")
    }

    @Test func valueIsTheDefaultAndDrawsTheNumbers() throws {
        let (evaluation, dot) = try Self.figure(LectureExamples.regression, .value)
        #expect(FigureOptions().edgeLabels == .value)
        #expect(try Self.label("w2", "yhat", evaluation, dot) == "∂ŷ/∂w2 = 17")
        let plain = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions())
        #expect(DOTText(plain.dot).lines == dot.lines)
    }

    @Test func theLegendShowsTheFormulaLineWhenAsked() throws {
        let (_, dot) = try Self.figure(LectureExamples.regression, .formula, wrt: "w2")
        let legend = dot.lines.first { $0.contains("by the chain rule") } ?? ""
        let text = DOTText.visibleText(legend)
        #expect(text.contains("∂L/∂ŷ · ∂ŷ/∂w2 = 2(ŷ − y) · (w1·x + b1)= −6 · 17"), "\(text)")
        let (_, plain) = try Self.figure(LectureExamples.regression, .value, wrt: "w2")
        let plainText = DOTText.visibleText(plain.lines.first { $0.contains("by the chain rule") } ?? "")
        #expect(plainText.contains("∂L/∂ŷ · ∂ŷ/∂w2 = −6 · 17") && !plainText.contains("2(ŷ − y)"), "\(plainText)")
    }

    @Test func hostileLabelsInAFormulaAreEscaped() throws {
        let source = "x = 2\nw = 3\ny = w * x\nlabel x \"<b>&x\"\n"
        let (evaluation, dot) = try Self.figure(source, .formula)
        let w = try #require(evaluation.variable(named: "w")).id.description
        let y = try #require(evaluation.variable(named: "y")).id.description
        let statement = try #require(dot.edges(from: w, to: y).first)
        #expect(statement.contains("&lt;b&gt;&amp;x") && !statement.contains("<b>"), "\(statement)")
        #expect(DOTText.label(statement) == "∂y/∂w = <b>&x")
    }
}
