import GradVizDOT
import GradVizFrames
import GradVizScript
import Testing

/// A slide build keeps its tables and edge labels past the figures' large-graph threshold, up to
/// its own (``FigureOptions/slideBuildLargeGraphThreshold``): its frames blank and fill table
/// cells and reveal each edge's local derivative.
@Suite struct LargeBuildTests {
    @Test func framesPastTheFigureThresholdStayDetailed() throws {
        // 320 inputs summed, then squared: 322 variables, past the figures' 300.
        let inputs = (0..<320).map { "x\($0)" }
        let source = inputs.enumerated().map { "\($1) = \($0)" }.joined(separator: "\n")
            + "\ns = " + inputs.joined(separator: " + ") + "\nL = s * s\n"
        let evaluation = try Script(source: source, file: "wide.grad").evaluate()
        let figure = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions())
        #expect(!figure.dot.contains("<TABLE"))
        #expect(figure.notes.contains { $0.hasPrefix("the figure has 322 nodes (more than 300)") })
        let build = try FrameSequence(graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions())
        let last = try #require(build.frames.last)
        #expect(last.step == "backward")
        #expect(last.dot.contains("<TABLE"))
        // Edges into s carry their local derivative, 1 (in a frame, a cell it can blank).
        #expect(last.dot.split(separator: "\n").contains { $0.contains(" -> n") && $0.contains("label=<<TABLE") && $0.contains(">1</TD>") })
        #expect(!build.notes.contains { $0.contains("nodes show only") })
    }
}
