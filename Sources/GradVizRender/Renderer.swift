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
