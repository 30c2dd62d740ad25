import CGraphviz

/// Draws SVG and PDF at their natural size, one point per 1/72 inch, whatever resolution the DOT
/// asks for.
///
/// Graphviz scales vector output by the graph's `dpi` (or `resolution`) over 72 as well, so a
/// figure whose DOT sets `dpi=144` to get sharp PNGs would come out as an SVG or PDF twice its
/// size, its 14-point text drawn at 28 points. The resolution is a property of a bitmap, not of
/// the drawing: the renderer keeps the DOT's `dpi` for PNG (see `PNGSizing`) and sets it to 72
/// for vector formats.
enum VectorResolution {
    /// Points per inch: the resolution at which Graphviz draws vector output at natural size.
    static let pointsPerInch = 72.0

    /// Sets `graph`'s `dpi` to ``pointsPerInch``, before layout. (`dpi` takes precedence over
    /// its synonym `resolution`, so that one needs no change.)
    static func apply(to graph: UnsafeMutablePointer<Agraph_t>) {
        _ = gvz_safeset(UnsafeMutableRawPointer(graph), "dpi", "72", "")
    }
}
