/// The bytes of one rendered graph and what Graphviz had to say about it.
public struct RenderResult: Sendable {
    /// The encoded image: SVG text as UTF-8, or PNG or PDF bytes.
    public let data: [UInt8]

    /// Graphviz's warnings (e.g. an unknown shape it replaced), one message each, without the
    /// `Warning:` prefix.
    public let warnings: [String]

    /// Whether the graph was large enough that its layout iterations were capped: the figure is
    /// complete but may have more edge crossings than an uncapped layout.
    public let layoutCapped: Bool

    /// Time spent before the layout: the Graphviz context (created on the first render of the
    /// process, which loads the plugin configuration) and reading the DOT text.
    public let preparationDuration: Duration

    /// Time spent in Graphviz's `dot` layout.
    public let layoutDuration: Duration

    /// Time spent writing the laid-out graph in the requested format.
    public let renderDuration: Duration

    /// How a drawing larger than its `size` was drawn: at ``RenderOptions/minimumScale``, its
    /// size then in inches beside the `size` it did not fit.
    public struct Overflow: Sendable, Equatable {
        /// The drawing's width and height in inches, pad included, as drawn.
        public let width: Double
        public let height: Double
        /// The scale it was drawn at (``RenderOptions/minimumScale``).
        public let scale: Double
        /// The graph's `size` in inches, which the drawing exceeds.
        public let sizeWidth: Double
        public let sizeHeight: Double
    }

    /// Set when fitting the drawing into the graph's `size` would have shrunk it below
    /// ``RenderOptions/minimumScale``: it was drawn at that scale, larger than `size`.
    public internal(set) var overflow: Overflow?

    /// How many text spans of this render pango measured: 0 for an SVG whose text the embedded
    /// metrics cover (see `EmbeddedTextLayout`), every span for PNG and PDF.
    var pangoMeasuredSpans = 0

    /// Creates a result; the renderer makes these, tests and callers may too.
    public init(
        data: [UInt8],
        warnings: [String] = [],
        layoutCapped: Bool = false,
        preparationDuration: Duration = .zero,
        layoutDuration: Duration = .zero,
        renderDuration: Duration = .zero
    ) {
        self.data = data
        self.warnings = warnings
        self.layoutCapped = layoutCapped
        self.preparationDuration = preparationDuration
        self.layoutDuration = layoutDuration
        self.renderDuration = renderDuration
    }
}
