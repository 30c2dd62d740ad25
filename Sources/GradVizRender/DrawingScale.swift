import CGraphviz

/// Bounds how far Graphviz's `size` shrinks a drawing (``RenderOptions/minimumScale``).
///
/// Graphviz reads `size` when it lays a graph out and fits the drawing (its bounding box and
/// pad) into it when it renders, shrinking it as far as it takes. A slide's figure may shrink
/// only until its smallest text is the smallest that reads on the slide; past that it is drawn
/// at that scale, larger than `size`.
enum DrawingScale {
    /// Graphviz's pad around the drawing when the graph sets none, in points.
    static let graphvizDefaultPad = 4.0

    /// After layout: when fitting the drawing into the graph's `size` would shrink it below
    /// `minimum`, makes Graphviz draw it at `minimum` instead; returns the drawing's size in
    /// inches then, or `nil` when it fits (or nothing bounds it). Requires the session's lock.
    static func bound(_ graph: UnsafeMutablePointer<Agraph_t>, minimum: Double?) -> RenderResult.Overflow? {
        guard let minimum, minimum.isFinite, minimum > 0 else { return nil }
        var sizeWidth = 0.0
        var sizeHeight = 0.0
        gvz_fit_size(graph, &sizeWidth, &sizeHeight)
        guard sizeWidth > 0.001, sizeHeight > 0.001 else { return nil }
        var width = 0.0
        var height = 0.0
        gvz_layout_extent(graph, &width, &height)
        let (padX, padY) = pad(graph)
        width += 2 * padX
        height += 2 * padY
        guard width > 0, height > 0 else { return nil }
        let fit = min(sizeWidth / width, sizeHeight / height)
        guard fit < minimum else { return nil }
        // Graphviz scales by min(size / drawing): a size of the drawing at `minimum` draws it so.
        gvz_set_fit_size(graph, width * minimum, height * minimum)
        return RenderResult.Overflow(
            width: width * minimum / 72, height: height * minimum / 72, scale: minimum,
            sizeWidth: sizeWidth / 72, sizeHeight: sizeHeight / 72)
    }

    /// The graph's `pad` in points (one number for both sides, or `x,y`, in inches).
    private static func pad(_ graph: UnsafeMutablePointer<Agraph_t>) -> (Double, Double) {
        guard let text = gvz_get(UnsafeMutableRawPointer(graph), "pad") else {
            return (graphvizDefaultPad, graphvizDefaultPad)
        }
        let parts = String(cString: text).split(separator: ",").compactMap { Double($0) }
        guard let first = parts.first, first.isFinite, first >= 0 else {
            return (graphvizDefaultPad, graphvizDefaultPad)
        }
        let second = parts.count > 1 && parts[1].isFinite && parts[1] >= 0 ? parts[1] : first
        return (first * 72, second * 72)
    }
}
