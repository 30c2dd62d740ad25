/// An output format the renderer can produce from DOT text.
public enum RenderFormat: String, CaseIterable, Sendable {
    /// Scalable Vector Graphics, from Graphviz's core SVG writer, at natural size (the same
    /// bytes as `dot -Tsvg -Gdpi=72`).
    case svg
    /// A PNG bitmap drawn with cairo; its resolution follows `RenderOptions.dpi`.
    case png
    /// A PDF document drawn with cairo, at natural size.
    case pdf

    /// The Graphviz output format string, naming the plugin explicitly so the result does not
    /// depend on which other renderers happen to be installed.
    var graphvizFormat: String {
        switch self {
        case .svg: "svg:svg:core"
        case .png: "png:cairo"
        case .pdf: "pdf:cairo"
        }
    }
}
