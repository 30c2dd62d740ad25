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
        let source =
            inputs.enumerated().map { "\($1) = \($0)" }.joined(separator: "\n")
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
        #expect(
            last.dot.split(separator: "\n").contains {
                $0.contains(" -> n") && $0.contains("label=<<TABLE") && $0.contains(">1</TD>")
            })
        #expect(!build.notes.contains { $0.contains("nodes show only") })
    }

    /// A build's layout work is bounded by frames × (nodes + edges): `inputs` summed, then 100
    /// tanh in a chain, is 205 frames; with 1 100 inputs some 2 400 nodes and edges, refused
    /// from the plan before any frame is drawn, with 100 inputs well within the bound.
    @Test func aBuildPastTheLayoutWorkBoundIsRefusedFromItsPlan() throws {
        func outline(inputs count: Int) throws -> [FrameSequence.Outline] {
            let inputs = (0..<count).map { "x\($0)" }
            var lines = inputs.map { "\($0) = 0.001" }
            lines.append("a0 = tanh(" + inputs.joined(separator: " + ") + ")")
            lines += (1...100).map { "a\($0) = tanh(a\($0 - 1))" }
            let evaluation = try Script(source: lines.joined(separator: "\n") + "\n", file: "deep.grad").evaluate()
            return try FrameSequence.outline(
                graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions())
        }
        #expect(try outline(inputs: 100).count == 205)
        var refusal: FigureError?
        do {
            _ = try outline(inputs: 1_100)
        } catch let error as FigureError {
            refusal = error
        }
        let error = try #require(refusal)
        #expect(error.kind == .tooManyFrames)
        #expect(error.description.contains("205 frames of 1201 nodes and 1200 edges"), "\(error)")
        #expect(error.description.contains("at most \(FrameSequence.maxFrameWork)"))
        #expect(error.description.contains("--prune --wrt"))
    }
}
