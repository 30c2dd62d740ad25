import GradVizDOT
import GradVizFrames
import GradVizRender
import Testing

/// A build is laid out once (`Renderer.renderFrames`): each frame drawn on the shared layout must
/// be byte for byte the frame laid out on its own.
@Suite struct OneLayoutTests {
    /// A build with paths lit (colours, pen widths, an invisible edge made visible), one with
    /// clusters (modules), and a training build.
    static let cases = ["weight_sharing.grad --wrt w1", "tensor_model.grad", "regression.grad --sgd"]

    static func sequence(_ testCase: String) throws -> FrameSequence {
        let parts = testCase.components(separatedBy: " --")
        var options = FigureOptions()
        if let wrt = parts.first(where: { $0.hasPrefix("wrt ") }) { options.wrt = String(wrt.dropFirst(4)) }
        let evaluation = try Samples.evaluate(parts[0])
        if parts.contains("sgd") {
            let leaves = try ["w1", "w2", "b1", "b2"].map { try #require(evaluation.graph.node(named: $0)) }
            return try FrameSequence(
                training: evaluation.graph, output: evaluation.output.id, options: options, parameters: leaves,
                learningRate: 0.05, steps: 3, measure: FrameSequence.graphvizMeasure)
        }
        return try FrameSequence(graph: evaluation.graph, output: evaluation.output.id, options: options)
    }

    @Test(arguments: cases, [RenderFormat.svg, .png])
    func framesDrawnOnOneLayoutEqualFramesLaidOutAlone(testCase: String, format: RenderFormat) throws {
        let sequence = try Self.sequence(testCase)
        var together: [[UInt8]] = []
        try sequence.renderAll(format: format) { (index, result) throws(RenderError) in
            #expect(index == together.count + 1)
            together.append(result.data)
        }
        let alone = try sequence.frames.map { try Renderer.render(dot: $0.dot, format: format).data }
        #expect(together.count == sequence.frames.count)
        for (offset, pair) in zip(together, alone).enumerated() {
            #expect(pair.0 == pair.1, "frame \(offset + 1) of \(testCase) as \(format.rawValue)")
        }
    }

    @Test func aBuildIsOneLayoutAndAFrameThatDoesNotFitGetsItsOwn() throws {
        let frames = try Self.sequence("weight_sharing.grad --wrt w1").frames.map(\.dot)
        #expect(try Renderer.renderFrames(dots: frames, format: .svg) { _, _ in } == 1)
        // Another graph between two frames: three layouts, each output still its own graph's.
        let other = "digraph { a -> b [label=\"a much longer label than any frame has\"] }"
        let dots = [frames[0], other, frames[1]]
        var results: [[UInt8]] = []
        let layouts = try Renderer.renderFrames(dots: dots, format: .svg) { _, result in results.append(result.data) }
        #expect(layouts == 3)
        #expect(results == (try dots.map { try Renderer.render(dot: $0, format: .svg).data }))
    }
}
