import GradVizEngine

/// The order in which listed paths appear: in an explanation (text, Markdown, LaTeX, JSON), a
/// `--wrt` legend, a slide build's path frames and the page. Which paths are listed does not
/// depend on it: always the `maxPaths` largest |product|.
public enum PathOrder: String, Sendable, CaseIterable {
    /// The figure's order, top to bottom (left to right with `--rankdir TB`), as lecture notes
    /// read a drawing: the upper path first. Walking both paths back from the output, the first
    /// node where they part decides: the one recorded first (the script's order, which the
    /// figure draws top to bottom) comes first. Computed from the graph alone, without a layout.
    case layout
    /// Largest |product| first (Frobenius norm for a tensor path, or a tensor entry's share).
    case size

    /// The order used unless one is asked for: the lecture's.
    public static let `default` = PathOrder.layout

    /// What `--path-order` does, for the commands' help.
    public static let help =
        "The order of the listed paths: layout (the figure's, top to bottom, as lecture notes read it) or size "
        + "(largest |product| first). Default: \(PathOrder.default.rawValue)."

    /// `paths` (given largest first) in this order; stable, so paths that tie keep their order.
    func arrange(_ paths: [ChainPath]) -> [ChainPath] {
        switch self {
        case .size: return paths
        case .layout:
            return paths.enumerated().sorted { a, b in
                let order = Self.layoutOrder(a.element, b.element)
                return order != 0 ? order < 0 : a.offset < b.offset
            }.map(\.element)
        }
    }

    /// −1 when `a` comes before `b` in layout order, 1 when after, 0 when neither: from the
    /// output back, the first differing node (the earlier recorded first), then, for paths over
    /// the same nodes (parallel edges, `x * x`), the first differing edge (the earlier operand first).
    static func layoutOrder(_ a: ChainPath, _ b: ChainPath) -> Int {
        for (x, y) in zip(a.nodes.reversed(), b.nodes.reversed()) where x != y {
            return x.index < y.index ? -1 : 1
        }
        if a.nodes.count != b.nodes.count { return a.nodes.count < b.nodes.count ? -1 : 1 }
        for (x, y) in zip(a.edgeIndices.reversed(), b.edgeIndices.reversed()) where x != y {
            return x < y ? -1 : 1
        }
        return 0
    }
}
