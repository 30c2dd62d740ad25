import Foundation
import GradVizDOT
import GradVizEngine
import GradVizScript
import Testing

/// Past ``FigureOptions/largeGraphThreshold`` a figure draws each node as one line of its name,
/// value and gradient, leaves the edges unlabelled, and says so; below it nothing changes.
@Suite struct LargeFigureTests {
    /// The lecture's regression with the threshold under its 8 variables.
    private static func regression(threshold: Int, showGradients: Bool = true) throws -> (Evaluation, Figure) {
        let evaluation = try LectureExamples.evaluate(LectureExamples.regression)
        var options = FigureOptions()
        options.largeGraphThreshold = threshold
        options.showGradients = showGradients
        return (evaluation, try Figure(graph: evaluation.graph, output: evaluation.output.id, options: options))
    }

    @Test func aLargeFigureDrawsEachNodeAsOneLineOfNameValueAndGradient() throws {
        let (evaluation, figure) = try Self.regression(threshold: 5)
        let dot = DOTText(figure.dot)
        // The lecture's numbers (FigureContentTests): w2 = 2, ∂L/∂w2 = −102; ŷ = 37, ∂L/∂ŷ = −6.
        for (name, shown) in [("w2", "w2  2  grad −102"), ("yhat", "ŷ  37  grad −6"), ("x", "x  3  grad −60")] {
            let statement = try FigureContentTests.node(name, in: evaluation, dot)
            #expect(!statement.contains("<TABLE"), "\(statement)")
            let label = try #require(dot.htmlLabels.first { statement.contains($0) })
            #expect(DOTText.visibleText(label) == shown, "\(label)")
        }
        // No edge carries its local derivative.
        #expect(!dot.edges.isEmpty)
        #expect(dot.edges.allSatisfy { !$0.contains("label=") }, "\(dot.edges)")
        let note = try #require(figure.notes.first { $0.hasPrefix("the figure has 8 nodes (more than 5)") })
        #expect(note.contains("edge labels, matrices and expressions are left out"))
        #expect(note.contains("nodes show only name, value and gradient"))
    }

    @Test func aFigureAtTheThresholdKeepsItsTablesAndEdgeLabels() throws {
        let (evaluation, figure) = try Self.regression(threshold: 8)
        let dot = DOTText(figure.dot)
        #expect(try FigureContentTests.node("w2", in: evaluation, dot).contains("<TABLE"))
        #expect(dot.edges.contains { $0.contains("label=") })
        #expect(!figure.notes.contains { $0.contains("nodes show only") })
    }

    @Test func aLargeForwardOnlyFigureShowsNoGradient() throws {
        let (evaluation, figure) = try Self.regression(threshold: 5, showGradients: false)
        let dot = DOTText(figure.dot)
        let statement = try FigureContentTests.node("w2", in: evaluation, dot)
        let label = try #require(dot.htmlLabels.first { statement.contains($0) })
        #expect(DOTText.visibleText(label) == "w2  2")
    }
}
