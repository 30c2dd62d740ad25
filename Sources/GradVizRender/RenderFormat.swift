/// An output format the renderer can produce from DOT text: the one list of figure formats, which
/// the command line offers as `--format` (with its HTML page) and reads from file extensions.
public enum RenderFormat: String, CaseIterable, Sendable {
    /// Scalable Vector Graphics, from Graphviz's core SVG writer, at natural size (the same
    /// bytes as `dot -Tsvg -Gdpi=72`).
    case svg
    /// A PNG bitmap drawn with cairo; its resolution follows `RenderOptions.dpi`.
    case png
    /// A PDF document drawn with cairo, at natural size.
    case pdf
    /// The DOT text itself, unchanged and not laid out: for editing, or for another Graphviz.
    case dot

    /// Whether the format is a drawing Graphviz lays out (svg, png, pdf), not the DOT source.
    public var isDrawn: Bool { graphvizFormat != nil }

    /// The Graphviz output format string, naming the plugin explicitly so the result does not
    /// depend on which other renderers happen to be installed; `nil` for ``dot``, which is not
    /// drawn.
    var graphvizFormat: String? {
        switch self {
        case .svg: "svg:svg:core"
        case .png: "png:cairo"
        case .pdf: "pdf:cairo"
        case .dot: nil
        }
    }
}
