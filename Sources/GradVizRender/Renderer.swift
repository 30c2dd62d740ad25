/// Renders Graphviz DOT text to SVG, PNG or PDF in-process with libgvc: no `dot` executable is
/// run, so rendering works with an empty `PATH`.
///
/// Graphviz's C library is not thread-safe; every call into it is serialised behind one lock, so
/// `render` may be called from any number of threads or tasks at once.
public enum Renderer {
    /// Lays out `dot` with Graphviz's `dot` engine and renders it as `format` (``RenderFormat/dot``
    /// returns the text unchanged, without reading it).
    ///
    /// Graphviz's messages never reach standard error: warnings come back in the result, and
    /// anything Graphviz reports as an error (a DOT syntax error, a malformed HTML label, an
    /// unavailable plugin) throws a `RenderError` carrying its text. Objects without a
    /// `fontname` get `options.fontName`; graphs past `options.largeGraphThreshold` nodes (virtual
    /// nodes of long edges included) get capped layout iterations (`RenderResult.layoutCapped`); PNGs are scaled down to
    /// `options.maxPNGDimension`. A `dpi` in the DOT sets only the PNG's resolution: SVG and
    /// PDF are drawn at natural size, 1 point per 1/72 inch, where Graphviz alone would scale
    /// them by dpi/72. Only the first graph of the text is rendered.
    public static func render(
        dot: String, format: RenderFormat, options: RenderOptions = RenderOptions()
    ) throws(RenderError) -> RenderResult {
        try GraphvizSession.shared.render(dot: dot, format: format, options: options)
    }

    /// Lays out `dot` and returns the size of every node, by node name, in points.
    ///
    /// A way to measure labels exactly as Graphviz will draw them: give each label to a
    /// `shape=plain` node (no margin, so the node is the size of its label) and read the sizes
    /// back. Slide builds use it to reserve the space of text a frame leaves blank.
    public static func measureNodes(
        dot: String, options: RenderOptions = RenderOptions()
    ) throws(RenderError) -> [String: NodeSize] {
        try GraphvizSession.shared.measureNodes(dot: dot, options: options)
    }
}

extension Renderer {
    /// Renders the frames of a slide build, `dots`, as `format`, laying the build out once.
    ///
    /// Frames of one build share their layout: the same nodes, edges and clusters, and labels of
    /// the same sizes; they differ in what the labels show and in colours, pen widths and styles,
    /// which Graphviz reads only while drawing. So the first frame is laid out, and each next
    /// frame is drawn on that layout with its own labels and attributes (its labels measured
    /// again, each of which must have its old size). A frame that differs in anything else (a
    /// node, an edge, an attribute that moves things, a label's size) is laid out on its own, and
    /// the frames after it are drawn on its layout. Each frame's bytes are exactly what
    /// ``render(dot:format:options:)`` makes of it alone.
    ///
    /// - Parameter rendered: Called with each frame's number (from 0) and result, in order.
    /// - Returns: How many layouts were made (1 for a build whose frames all fit one layout).
    /// - Throws: `RenderError` as ``render(dot:format:options:)`` does, for the first frame that
    ///   fails; or whatever `rendered` throws.
    @discardableResult
    public static func renderFrames(
        dots: [String], format: RenderFormat, options: RenderOptions = RenderOptions(),
        rendered: (Int, RenderResult) throws(RenderError) -> Void
    ) throws(RenderError) -> Int {
        try GraphvizSession.shared.renderFrames(dots: dots, format: format, options: options, rendered: rendered)
    }
}
