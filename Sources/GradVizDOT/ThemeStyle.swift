/// The concrete look of a ``Theme``: every colour, shape and line style a figure uses.
///
/// Node kinds differ in shape and border as well as colour (leaves are square-cornered boxes,
/// computed variables rounded boxes, unnamed ops of the ops view ellipses, the output a
/// double-bordered rounded box), so they stay distinguishable in the grayscale ``Theme/print``
/// theme, where highlighted paths also differ by dash pattern.
package struct ThemeStyle {
    /// How one kind of node looks.
    package struct NodeLook {
        var shape: String
        var style: String
        package var fill: String
        package var border: String
        var penwidth: String
        var peripheries: Int
    }

    /// How one highlighted path's edges look.
    package struct PathLook {
        package var color: String
        package var style: String
        /// A short run of line glyphs for the legend, imitating the edge's dash pattern.
        var sample: String
    }

    package var background: String
    package var text: String
    /// Secondary text: row captions, op expressions, edge labels.
    package var muted: String
    /// The gradient ∂L/∂node, set apart from forward values.
    package var gradient: String
    /// Warnings such as a relu evaluated at its kink.
    package var warning: String
    /// A met expectation's mark (✓); the glyph, not the colour, tells it from a wrong one.
    package var right: String
    /// A wrong expectation's mark (✗).
    package var wrong: String
    package var edge: String
    /// Edges off every highlighted path, when a `wrt` variable is highlighted.
    package var dimmedEdge: String
    package var leaf: NodeLook
    package var computed: NodeLook
    package var output: NodeLook

    /// An unnamed op of the ops view: the computed look as an ellipse, micrograd style.
    var operation: NodeLook {
        var look = computed
        look.shape = "ellipse"
        look.style = "filled"
        return look
    }
    /// A data leaf (no gradient, like PyTorch's `requires_grad=False`): the leaf look as a note
    /// (a sheet with a folded corner), so it reads as data in every theme.
    var data: NodeLook {
        var look = leaf
        look.shape = "note"
        return look
    }
    /// A node that does not reach the output: dashed, faint border, on the background.
    var unreachable: NodeLook {
        NodeLook(
            shape: "box", style: "rounded,dashed,filled", fill: background, border: dimmedEdge,
            penwidth: "1.2", peripheries: 1)
    }
    /// The border of the `wrt` variable.
    package var highlight: String
    package var clusterFill: String
    package var clusterBorder: String
    package var legendFill: String
    package var legendBorder: String
    package var paths: [PathLook]

    package static func style(for theme: Theme) -> ThemeStyle {
        switch theme {
        case .light: light
        case .dark: dark
        case .print: print
        }
    }

    private static let solid = "━━━━"
    private static let dashed = "╺━╸╺━╸"
    private static let dotted = "┅┅┅┅"

    static let light = ThemeStyle(
        background: "#FFFFFF", text: "#1F2328", muted: "#59636E", gradient: "#C0392B",
        warning: "#B35C00", right: "#0E6B2E", wrong: "#B31D28", edge: "#57606A", dimmedEdge: "#C4C9CF",
        leaf: NodeLook(
            shape: "box", style: "filled", fill: "#E7F0FB", border: "#2F6DB5",
            penwidth: "1.4", peripheries: 1),
        computed: NodeLook(
            shape: "box", style: "rounded,filled", fill: "#FFF4DB", border: "#C98A12",
            penwidth: "1.4", peripheries: 1),
        output: NodeLook(
            shape: "box", style: "rounded,filled", fill: "#FBE3E6", border: "#B4233C",
            penwidth: "2", peripheries: 2),
        highlight: "#1F2328", clusterFill: "#F6F8FA", clusterBorder: "#8C959F",
        legendFill: "#FFFFFF", legendBorder: "#D0D7DE",
        paths: [
            PathLook(color: "#D55E00", style: "solid", sample: solid),
            PathLook(color: "#0072B2", style: "solid", sample: solid),
            PathLook(color: "#009E73", style: "solid", sample: solid),
            PathLook(color: "#CC79A7", style: "solid", sample: solid),
            PathLook(color: "#E69F00", style: "solid", sample: solid),
            PathLook(color: "#56B4E9", style: "solid", sample: solid),
            PathLook(color: "#7B3294", style: "solid", sample: solid),
            PathLook(color: "#8C510A", style: "solid", sample: solid),
        ])

    static let dark = ThemeStyle(
        background: "#1E2228", text: "#E6EDF3", muted: "#9DA7B3", gradient: "#FF8A80",
        warning: "#FFB74D", right: "#56D364", wrong: "#FF6A69", edge: "#9DA7B3", dimmedEdge: "#4A525C",
        leaf: NodeLook(
            shape: "box", style: "filled", fill: "#16304F", border: "#6CB6FF",
            penwidth: "1.4", peripheries: 1),
        computed: NodeLook(
            shape: "box", style: "rounded,filled", fill: "#3A2F12", border: "#E3B341",
            penwidth: "1.4", peripheries: 1),
        output: NodeLook(
            shape: "box", style: "rounded,filled", fill: "#4A1B26", border: "#FF7B93",
            penwidth: "2", peripheries: 2),
        highlight: "#FFFFFF", clusterFill: "#262B33", clusterBorder: "#6E7781",
        legendFill: "#262B33", legendBorder: "#4A525C",
        paths: [
            PathLook(color: "#FF8C42", style: "solid", sample: solid),
            PathLook(color: "#58A6FF", style: "solid", sample: solid),
            PathLook(color: "#3FD99B", style: "solid", sample: solid),
            PathLook(color: "#F29FD3", style: "solid", sample: solid),
            PathLook(color: "#FFD166", style: "solid", sample: solid),
            PathLook(color: "#9BE0FF", style: "solid", sample: solid),
            PathLook(color: "#C39BFF", style: "solid", sample: solid),
            PathLook(color: "#E0B088", style: "solid", sample: solid),
        ])

    static let print = ThemeStyle(
        background: "#FFFFFF", text: "#000000", muted: "#4D4D4D", gradient: "#000000",
        warning: "#000000", right: "#000000", wrong: "#000000", edge: "#333333", dimmedEdge: "#BBBBBB",
        leaf: NodeLook(
            shape: "box", style: "filled", fill: "#FFFFFF", border: "#000000",
            penwidth: "1.4", peripheries: 1),
        computed: NodeLook(
            shape: "box", style: "rounded,filled", fill: "#EBEBEB", border: "#000000",
            penwidth: "1.4", peripheries: 1),
        output: NodeLook(
            shape: "box", style: "rounded,filled", fill: "#C8C8C8", border: "#000000",
            penwidth: "2.4", peripheries: 2),
        highlight: "#000000", clusterFill: "#F7F7F7", clusterBorder: "#666666",
        legendFill: "#FFFFFF", legendBorder: "#999999",
        paths: [
            PathLook(color: "#000000", style: "solid", sample: solid),
            PathLook(color: "#000000", style: "dashed", sample: dashed),
            PathLook(color: "#000000", style: "dotted", sample: dotted),
            PathLook(color: "#666666", style: "solid", sample: solid),
            PathLook(color: "#666666", style: "dashed", sample: dashed),
            PathLook(color: "#666666", style: "dotted", sample: dotted),
            PathLook(color: "#999999", style: "solid", sample: solid),
            PathLook(color: "#999999", style: "dashed", sample: dashed),
        ])
}
