import GradVizExplain

/// How a ``Figure`` draws a graph: which view, what to highlight, and how it looks.
///
/// The defaults give a figure that can go on a slide unedited: the variables view, left to
/// right, light theme, four significant digits, gradients and edge derivatives shown, DejaVu Sans
/// at 14 pt, and a PNG of at most about 1 400 × 1 000 pixels.
public struct FigureOptions: Sendable {
    /// The default cap on the drawing's size in inches (Graphviz's `size`): a slide's width.
    public static let defaultSize = "10,7"
    /// The default size of a top-to-bottom figure: a portrait page, so a tall stack of layers
    /// and clusters is not squeezed into a slide's height.
    public static let defaultSizeTopToBottom = "7.5,10"

    /// The default size for a layout direction: ``defaultSize`` left to right,
    /// ``defaultSizeTopToBottom`` top to bottom.
    public static func defaultSize(for rankdir: RankDirection) -> String {
        switch rankdir {
        case .LR: defaultSize
        case .TB: defaultSizeTopToBottom
        }
    }
    /// The default resolution of bitmap output: with ``defaultSize``, PNGs stay within
    /// 1 440 × 1 008 pixels, sharp when projected.
    public static let defaultDPI = 144.0
    /// How many paths of `wrt` are drawn in their own colour and listed in the legend by default.
    public static let defaultMaxPaths = 8
    /// Past this many nodes a figure drops edge labels, matrices and expressions and draws each
    /// node as one line (``FigureBuilder/compactLabel(_:)``): at the default size its labels
    /// are drawn at 1–2 pt, and the tables and edge labels cost half or more of the render time
    /// of a 600–1 000-node graph (bench/compact_labels.sh). The page uses the same number
    /// (``InteractiveFigure/largeGraphThreshold``). Capping `dot`'s layout work
    /// is the renderer's business (`RenderOptions.largeGraphThreshold` and its layout caps), so
    /// a figure never writes layout limits into its DOT.
    public static let defaultLargeGraphThreshold = 300
    /// Past this many nodes a slide build's frames (and a `--forward-only` figure, which is one)
    /// drop edge labels, matrices and expressions. Frames keep their tables, whose cells they
    /// blank and fill, and each frame reveals the local derivatives on the edges, so they stay
    /// detailed up to this size, the figures' threshold before compact labels.
    public static let slideBuildLargeGraphThreshold = 1500

    /// One node per named variable (the lecture's drawing) or one per primitive op.
    public var view: ViewKind
    /// A variable whose paths to the output are highlighted, each in its own colour, with a
    /// legend that sums the per-path products to the gradient.
    /// A tensor entry such as `W1[1,2]` highlights the tensor's paths with that entry's share
    /// of each product.
    public var wrt: String?
    /// Left to right or top to bottom.
    public var rankdir: RankDirection
    /// Colours (or grays, for ``Theme/print``).
    public var theme: Theme
    /// Significant digits of every number shown.
    public var precision: Int
    /// Whether nodes show their gradient ∂L/∂node; `false` draws the forward pass only (for a
    /// slide build: the forward pass first, then the backward).
    public var showGradients: Bool
    /// Whether edges show their local derivative.
    public var showEdgeLabels: Bool
    /// What edge labels and the legend's factors show of each local derivative: its number,
    /// its formula (``GradVizExplain/FlowView/formula(along:)``) or both.
    public var edgeLabels: EdgeLabelContent = .value
    /// The font of every label; DejaVu Sans covers the Greek letters, subscripts and ∂ in labels.
    public var fontName: String
    /// The body font size in points; titles are a little larger, annotations smaller.
    public var fontSize: Double
    /// Graphviz's `size` in inches (`"10,6"`; a trailing `!` also scales small drawings up);
    /// `nil` means ``defaultSize(for:)`` of ``rankdir``, and `"none"` draws at natural size however large.
    public var size: String?
    /// The slide the figure is drawn for, or `nil` for the default ``defaultSize(for:)`` at
    /// ``defaultDPI``. A slide sets the size (unless ``size`` is given) and the resolution
    /// (unless ``dpi`` is), draws captions and edge labels at ``fontSize`` rather than smaller,
    /// and bounds how far the renderer may shrink the drawing to fit (``minimumScale``).
    public var slide: SlideFormat?
    /// Resolution of bitmap output in dots per inch; `nil` means the ``slide``'s or ``defaultDPI``.
    ///
    /// Written as the graph's `dpi`. GradVizRender applies it to PNGs only and draws SVG and PDF
    /// at natural size; Graphviz's `dot` program would scale those by dpi/72 as well, so render
    /// exported DOT to vector formats with `dot -Gdpi=72`.
    public var dpi: Double?
    /// Whether the background is transparent instead of the theme's colour.
    public var transparent: Bool
    /// The DOT graph's name.
    public var graphName: String
    /// How many of `wrt`'s paths are highlighted and listed (those of largest |product|); the
    /// legend states the total count.
    public var maxPaths: Int
    /// The order of `wrt`'s listed paths in the legend, their colours and a slide build's path
    /// frames: the figure's top to bottom (the default) or largest first.
    public var pathOrder: PathOrder = .default
    /// Past this many nodes, edge labels and matrices are dropped (the figure's
    /// ``Figure/notes`` say so).
    public var largeGraphThreshold: Int
    /// With ``wrt``: draw only the nodes of its listed paths to the output, plus a faint stub
    /// for each input they read from off the paths (see ``maxPaths``).
    public var prune: Bool
    /// Draw every module nested this deep (top-level modules are at depth 0) as one node with
    /// its name, the shapes going in and out and its parameter count; `nil` draws every node.
    public var collapse: Int?
    /// Whether every node and edge gets a DOT `id`, which Graphviz writes as the `id` of its SVG
    /// group: `gvn12` for the node at tape index 12, `gve5` for the view's edge 5. An
    /// interactive page finds the drawing's elements by them (see ``InteractiveFigure``).
    public var elementIDs: Bool = false
    /// Hand-worked numbers to mark on their nodes (a script's `expect` lines), or `nil` to mark
    /// none: each gets ✓, or ✗ with the right value, under the value or gradient it is about,
    /// with the verdict `gradviz check` gives
    /// (``GradVizExplain/Expectation/check(_:in:within:numbers:diagnosing:)`` with its default
    /// tolerance, or the expectation's `within`). An empty list marks nothing and says so in the
    /// figure's ``Figure/notes``.
    public var expectations: [Expectation]?
    /// The size check of the renderer that will lay the figure out, or `nil` for a figure of
    /// any size (DOT that is written out, not laid out). Given what the figure draws
    /// (``FigureSize``: its nodes, a lower bound on its edges, every edge but the invisible ones
    /// that keep leaves in order, and its module clusters), it returns why that is too large,
    /// or `nil`.
    /// ``Figure/init(graph:output:options:)`` calls it once it knows what it
    /// will draw and before it writes any label or DOT, and throws its answer as
    /// ``FigureError/Kind/tooLarge``, so a graph the renderer would refuse is refused in
    /// moments rather than after minutes of building DOT. Pass GradVizRender's
    /// `RenderOptions.sizeProblem(nodes:edges:clusters:clusterDepth:)`, which the renderer
    /// itself applies to the DOT it reads: one limit, one message, checked twice.
    public var sizeCheck: (@Sendable (FigureSize) -> String?)?

    /// The size of titles (variable names) in points: 1.2 × ``fontSize``, on a ``slide`` in whole (rounded down)
    /// points (Graphviz draws an HTML label's `POINT-SIZE` in whole points).
    public var titleFontSize: Double {
        slide == nil ? fontSize * 1.2 : (fontSize * 1.2).rounded(.down)
    }

    /// The size of captions, edge labels and annotations in points: 0.8 × ``fontSize``, and on a
    /// ``slide`` ``fontSize`` itself in whole points, so that no text of a slide figure is
    /// smaller than the size asked for but sub- and superscripts (which Pango draws at 1/1.2).
    public var smallFontSize: Double {
        slide == nil ? fontSize * 0.8 : fontSize.rounded()
    }

    /// On a ``slide``, the smallest factor by which the drawing may be shrunk to fit the slide:
    /// the scale at which its smallest text (a subscript of a caption, 1/1.2 of
    /// ``smallFontSize`` in the whole points Graphviz draws) is the slide's
    /// ``SlideFormat/minimumTextSize``; at most 1. `nil` without a slide. Pass it to the renderer
    /// (GradVizRender's `RenderOptions.minimumScale`).
    public var minimumScale: Double? {
        guard let slide else { return nil }
        let smallest = smallFontSize.rounded(.down) / 1.2
        guard smallest > 0 else { return 1 }
        return min(1, slide.minimumTextSize / smallest)
    }

    /// Options for a figure; every parameter has a slide-friendly default.
    public init(
        view: ViewKind = .vars,
        wrt: String? = nil,
        rankdir: RankDirection = .LR,
        theme: Theme = .light,
        precision: Int = 4,
        showGradients: Bool = true,
        showEdgeLabels: Bool = true,
        fontName: String = "DejaVu Sans",
        fontSize: Double = 14,
        size: String? = nil,
        dpi: Double? = nil,
        transparent: Bool = false,
        graphName: String = "gradviz",
        maxPaths: Int = FigureOptions.defaultMaxPaths,
        largeGraphThreshold: Int = FigureOptions.defaultLargeGraphThreshold,
        prune: Bool = false,
        collapse: Int? = nil
    ) {
        self.view = view
        self.wrt = wrt
        self.rankdir = rankdir
        self.theme = theme
        self.precision = precision
        self.showGradients = showGradients
        self.showEdgeLabels = showEdgeLabels
        self.fontName = fontName
        self.fontSize = fontSize
        self.size = size
        self.dpi = dpi
        self.transparent = transparent
        self.graphName = graphName
        self.maxPaths = maxPaths
        self.largeGraphThreshold = largeGraphThreshold
        self.prune = prune
        self.collapse = collapse
    }
}
