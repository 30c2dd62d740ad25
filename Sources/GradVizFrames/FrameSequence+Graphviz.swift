import GradVizDOT
import GradVizEngine
import GradVizRender

extension FrameSequence {
    /// Measures labels with Graphviz in-process (``FrameSequence/Measure``).
    public static func graphvizMeasure(_ dot: String) throws -> [String: (width: Double, height: Double)] {
        try Renderer.measureNodes(dot: dot).mapValues { (width: $0.width, height: $0.height) }
    }

    /// The teaching sequence of `graph` up to `output`, its labels measured by Graphviz; see
    /// ``FrameSequence/init(graph:output:options:by:captions:measure:)``.
    public init(
        graph: Graph, output: NodeID, options: FigureOptions, by grouping: Grouping = .layer, captions: Bool = true
    ) throws {
        try self.init(
            graph: graph, output: output, options: options, by: grouping, captions: captions,
            measure: FrameSequence.graphvizMeasure)
    }

    /// The forward figure (`render --forward-only`), its labels measured by Graphviz; see
    /// ``FrameSequence/forwardFigure(graph:output:options:measure:)``.
    public static func forwardFigure(graph: Graph, output: NodeID, options: FigureOptions) throws -> String {
        try forwardFigure(graph: graph, output: output, options: options, measure: graphvizMeasure)
    }

    /// Renders frame `index` (from 1) as `format`.
    public func render(
        frame index: Int, format: RenderFormat, options: RenderOptions = RenderOptions()
    ) throws(RenderError) -> RenderResult {
        guard frames.indices.contains(index - 1) else {
            throw RenderError(message: "there is no frame \(index) (the sequence has \(frames.count))")
        }
        return try Renderer.render(dot: frames[index - 1].dot, format: format, options: options)
    }

    /// Renders every frame as `format` on one layout (``Renderer/renderFrames(dots:format:options:rendered:)``):
    /// each frame's bytes are those of ``render(frame:format:options:)``.
    ///
    /// - Parameter rendered: Called after each frame with its number (from 1) and result.
    public func renderAll(
        format: RenderFormat, options: RenderOptions = RenderOptions(),
        rendered: (Int, RenderResult) throws(RenderError) -> Void
    ) throws(RenderError) {
        try Renderer.renderFrames(dots: frames.map(\.dot), format: format, options: options) {
            (offset, result) throws(RenderError) in try rendered(offset + 1, result)
        }
    }
}
