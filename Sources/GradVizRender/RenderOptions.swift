/// How to render one DOT graph.
public struct RenderOptions: Sendable {
    /// The layout size past which layout iterations are capped, so huge graphs lay out in seconds
    /// rather than minutes (`dot`'s layout time grows superlinearly with the graph). The size
    /// counts the nodes `dot` lays out: the graph's own plus the virtual nodes of edges longer
    /// than one rank (`LayoutCost`), so 200 nodes whose edges span thousands of ranks are capped
    /// too.
    ///
    /// Chosen by measurement (`bench/layout_caps.sh`, ops views of scalar MLPs, CPU time): up to
    /// ~300 nodes the caps save nothing (1.0–1.1×), so smaller figures keep the best layout;
    /// past it they pay off more and more: 1.2× at 436 nodes, 1.5× at 594, 2.2× at 982
    /// (micrograd's MLP(2, [16, 16, 1]), which the former threshold of 1 500 left uncapped).
    /// (Named apart from `FigureOptions`'s large-graph threshold, 300 nodes, past which a
    /// figure is drawn compact: that one decides what is drawn, this one how hard it is laid out.)
    public static let defaultLayoutCapThreshold = 400

    /// The former name of ``defaultLayoutCapThreshold``.
    @available(*, deprecated, renamed: "defaultLayoutCapThreshold")
    public static var defaultLargeGraphThreshold: Int { defaultLayoutCapThreshold }

    /// The default bound on a PNG's longer side, in pixels: sharp on a 4K projector, and quick
    /// to draw even for graphs of thousands of nodes.
    public static let defaultMaxPNGDimension = 4096

    /// The default limit on the objects (nodes plus edges) of a graph that is laid out. Past a
    /// few tens of thousands, Graphviz 2.42's `dot` layout runs out of memory and crashes the
    /// process, or runs for minutes even with capped iterations (a fan-in of 15 000 leaves took
    /// 36 s, one of 40 000 over two minutes), so such graphs are refused with an error instead.
    /// A figure that large is unreadable anyway.
    public static let defaultMaxObjects = 20_000

    /// The default limit on the clusters (subgraphs named `cluster…`) of a graph that is laid
    /// out. `dot` lays each cluster out on its own and then fits them together, in time that
    /// grows much faster than their number: 200, 500 and 1 000 clusters of one node each took
    /// 0.03, 0.9 and 7.5 s of CPU (Graphviz 2.43). Lecture figures have a few dozen (one per
    /// neuron, layer and network of an MLP).
    public static let defaultMaxClusters = 1_000

    /// How deeply the clusters of a graph that is laid out may nest. Graphviz 2.43's parser
    /// holds every enclosing subgraph on its stack of 10 000 entries and refuses 2 500 nested
    /// ones ("memory exhausted"); 1 000 nested clusters lay out in 0.07 s.
    public static let maxClusterDepth = 1_000

    /// The font used for graphs, clusters, nodes and edges whose DOT does not name one.
    public static let defaultFontName = "DejaVu Sans"

    /// PNG resolution in dots per inch; `nil` keeps the graph's own `dpi` (Graphviz's default
    /// is 96). SVG and PDF ignore it and also any `dpi` the DOT sets: they are always drawn at
    /// natural size, one point per 1/72 inch, where Graphviz would scale them by dpi/72.
    public var dpi: Double?

    /// The most pixels a PNG may have along its longer side; larger drawings are scaled down to
    /// fit (unless the DOT sets its own `size`). `nil` draws at full size whatever it costs.
    public var maxPNGDimension: Int?

    /// Graphs whose layout has more nodes than this, virtual nodes of long edges included, get
    /// capped layout iterations, and the result says so.
    public var largeGraphThreshold: Int

    /// Graphs with more nodes plus edges than this are refused with a ``RenderError`` rather
    /// than laid out (see ``defaultMaxObjects``).
    public var maxObjects: Int

    /// Graphs with more clusters than this are refused with a ``RenderError`` rather than laid
    /// out (see ``defaultMaxClusters``).
    public var maxClusters = RenderOptions.defaultMaxClusters

    /// The font for every object whose DOT sets no `fontname`.
    public var fontName: String

    /// The smallest factor by which the DOT's `size` may shrink the drawing; a drawing that
    /// would need more is drawn at this scale, larger than `size`, and the result's
    /// ``RenderResult/overflow`` says so. `nil` (the default) shrinks as far as `size` takes.
    /// A slide's figure passes GradVizDOT's `FigureOptions.minimumScale`, so its text stays
    /// readable.
    public var minimumScale: Double?

    /// Creates options; the defaults suit lecture figures.
    public init(
        dpi: Double? = nil,
        maxPNGDimension: Int? = RenderOptions.defaultMaxPNGDimension,
        largeGraphThreshold: Int = RenderOptions.defaultLayoutCapThreshold,
        maxObjects: Int = RenderOptions.defaultMaxObjects,
        fontName: String = RenderOptions.defaultFontName,
        minimumScale: Double? = nil
    ) {
        self.minimumScale = minimumScale
        self.maxObjects = maxObjects
        self.dpi = dpi
        self.maxPNGDimension = maxPNGDimension
        self.largeGraphThreshold = largeGraphThreshold
        self.fontName = fontName
    }

    /// Why a graph of `nodes` nodes, `edges` edges and `clusters` clusters nested `clusterDepth`
    /// deep (1 for clusters at the top level only) is not laid out, or `nil` when its objects
    /// (nodes plus edges) are within ``maxObjects``, its clusters within ``maxClusters`` and their
    /// nesting within ``maxClusterDepth``: the one place for the limits' tests and messages. The
    /// renderer checks every graph it reads with it; a figure is checked with it before its DOT
    /// is even written (GradVizDOT's `FigureOptions.sizeCheck`), since counting what a figure
    /// draws takes moments and writing a huge figure takes minutes.
    public func sizeProblem(nodes: Int, edges: Int, clusters: Int = 0, clusterDepth: Int = 0) -> String? {
        let (objects, overflow) = nodes.addingReportingOverflow(edges)
        if overflow || objects > maxObjects {
            return
                "the graph is too large to draw (\(nodes) nodes and \(edges) edges; the limit is \(maxObjects) in all): "
                + "Graphviz's layout would run out of memory or take minutes; write DOT instead, "
                + "or explain the gradients with `gradviz explain`"
        }
        if clusterDepth > Self.maxClusterDepth {
            return "the graph's modules nest too deeply to draw (\(clusterDepth) levels of clusters; the limit is "
                + "\(Self.maxClusterDepth)): Graphviz's parser cannot read them; write DOT instead, "
                + "or fold the inner modules into nodes with --collapse"
        }
        if clusters > maxClusters {
            return "the graph has too many modules to draw (\(clusters) clusters; the limit is \(maxClusters)): "
                + "Graphviz's layout of clusters would take minutes; write DOT instead, "
                + "or fold modules into nodes with --collapse"
        }
        return nil
    }
}
