import CGraphviz

/// Resolution and maximum size of PNG output.
///
/// A bitmap of a big graph at Graphviz's default 96 dpi is enormous (micrograd's 1 000-value MLP
/// comes out 21 000 px wide, half a gigabyte of pixels, seconds to draw); capping the longer
/// side keeps PNGs slide-sized. Graphviz's own `size` attribute does the scaling, so it only
/// shrinks drawings that are too big and keeps the aspect ratio.
enum PNGSizing {
    /// Graphviz's resolution for bitmap output when the graph sets none.
    static let graphvizDefaultDPI = 96.0

    /// Applies `options.dpi` and `options.maxPNGDimension` to `graph`, before layout. A `size`
    /// the DOT sets itself is left alone.
    static func apply(_ options: RenderOptions, to graph: UnsafeMutablePointer<Agraph_t>) {
        let object = UnsafeMutableRawPointer(graph)
        if let dpi = options.dpi {
            _ = gvz_safeset(object, "dpi", "\(dpi)", "")
        }
        guard let maximum = options.maxPNGDimension else { return }
        if let size = gvz_get(object, "size"), size.pointee != 0 { return }
        let dpi = options.dpi ?? graphDPI(graph) ?? graphvizDefaultDPI
        // `size` bounds the drawing; Graphviz adds its 4-point pad around it.
        let padPixels = 2 * 4 * dpi / 72
        let inches = max(Double(maximum) - padPixels - 1, 1) / dpi
        _ = gvz_safeset(object, "size", "\(inches),\(inches)", "")
    }

    /// The resolution the DOT sets (`dpi`, or its synonym `resolution`), if any.
    private static func graphDPI(_ graph: UnsafeMutablePointer<Agraph_t>) -> Double? {
        for name in ["dpi", "resolution"] {
            if let text = gvz_get(UnsafeMutableRawPointer(graph), name),
                let value = Double(String(cString: text)), value.isFinite, value > 0
            {
                return value
            }
        }
        return nil
    }
}
