import CGraphviz
import Foundation

/// The process's one Graphviz context and the lock that serialises every call into libgvc.
///
/// libgvc and cgraph keep global state (the parser, the error callback and count, the plugin
/// jobs), so concurrent calls crash them; everything that touches Graphviz runs here with `lock`
/// held.
final class GraphvizSession: @unchecked Sendable {
    /// The session every `Renderer.render` call uses.
    static let shared = GraphvizSession()

    /// Guards `context`, every Graphviz call and `GraphvizMessages`.
    let lock = NSLock()

    /// The `GVC_t`, created on first use and reused: loading the plugin configuration costs
    /// more than rendering a small graph.
    private var context: OpaquePointer?

    let clock = ContinuousClock()

    /// Parses, lays out and renders `dot`; see `Renderer.render`.
    func render(dot: String, format: RenderFormat, options: RenderOptions) throws(RenderError)
        -> RenderResult
    {
        guard let plugin = format.graphvizFormat else { return RenderResult(data: Array(dot.utf8)) }
        try Self.check(options)
        lock.lock()
        defer { lock.unlock() }
        let preparationStart = clock.now
        let gvc = try openContext()
        // cairo draws the pango layouts made while measuring, so PNG and PDF are measured by pango.
        Self.measureWithPango(format != .svg)
        defer { Self.measureWithPango(false) }
        let pangoSpansBefore = Self.pangoSpans()
        GraphvizMessages.reset()

        let (graph, extraGraphs) = try read(dot)
        defer { agclose(graph) }
        let capped = try prepare(graph, format: format, options: options)

        let layoutStart = clock.now
        let laidOut = gvLayout(gvc, graph, "dot")
        defer { gvFreeLayout(gvc, graph) }
        let layoutDuration = clock.now - layoutStart
        // Some errors (a malformed HTML label) are reported without failing the layout.
        guard laidOut == 0, agerrors() == 0 else {
            throw failure("Graphviz could not lay out the graph")
        }
        let overflow = DrawingScale.bound(graph, minimum: options.minimumScale)
        var result = try output(
            graph, gvc: gvc, plugin: plugin, format: format, extraGraphs: extraGraphs, capped: capped,
            preparationDuration: layoutStart - preparationStart, layoutDuration: layoutDuration,
            pangoSpansBefore: pangoSpansBefore)
        result.overflow = overflow
        return result
    }

    /// Refuses render options no graph can be drawn with.
    static func check(_ options: RenderOptions) throws(RenderError) {
        if let dpi = options.dpi, !(dpi.isFinite && dpi > 0) {
            throw RenderError(message: "dpi must be a positive number, not \(dpi)")
        }
        if let maximum = options.maxPNGDimension, maximum < 16 {
            throw RenderError(message: "the maximum PNG size must be at least 16 pixels, not \(maximum)")
        }
    }

    /// Checks a read graph's size and sets what the layout and `format` need (fonts, capped
    /// iterations for a large graph, PNG size or vector resolution); returns whether the layout is
    /// capped. Requires `lock`.
    func prepare(_ graph: UnsafeMutablePointer<Agraph_t>, format: RenderFormat, options: RenderOptions)
        throws(RenderError) -> Bool
    {
        let clusters = Self.clusters(of: graph)
        if let problem = options.sizeProblem(
            nodes: Int(agnnodes(graph)), edges: Int(agnedges(graph)), clusters: clusters.count,
            clusterDepth: clusters.depth)
        {
            throw RenderError(message: problem)
        }
        if let problem = DrawingMemory.problem(format: format) { throw RenderError(message: problem) }
        FontDefaults.apply(options.fontName, to: graph)
        let capped = LayoutCost.estimate(graph) > options.largeGraphThreshold && LayoutCaps.apply(to: graph)
        switch format {
        case .png: PNGSizing.apply(options, to: graph)
        case .svg, .pdf: VectorResolution.apply(to: graph)
        case .dot: break  // never read
        }
        return capped
    }

    /// How many clusters (subgraphs whose name starts with `cluster`, as `dot` tells them) a read
    /// graph has, and how deeply they nest (1 for clusters at the top level only). Requires
    /// `lock`.
    static func clusters(of graph: UnsafeMutablePointer<Agraph_t>) -> (count: Int, depth: Int) {
        var count = 0
        var depth = 0
        var pending = [(graph, 0)]
        while let (subgraph, level) = pending.popLast() {
            var child = agfstsubg(subgraph)
            while let found = child {
                let isCluster = agnameof(UnsafeMutableRawPointer(found)).map { strncmp($0, "cluster", 7) == 0 } ?? false
                if isCluster {
                    count += 1
                    depth = max(depth, level + 1)
                }
                pending.append((found, isCluster ? level + 1 : level))
                child = agnxtsubg(found)
            }
        }
        return (count, depth)
    }

    /// Renders the laid-out `graph` with `plugin` and collects the result. Requires `lock`.
    func output(
        _ graph: UnsafeMutablePointer<Agraph_t>, gvc: OpaquePointer, plugin: String, format: RenderFormat,
        extraGraphs: Int, capped: Bool, preparationDuration: Duration, layoutDuration: Duration,
        pangoSpansBefore: UInt
    ) throws(RenderError) -> RenderResult {
        let renderStart = clock.now
        var buffer: UnsafeMutablePointer<CChar>?
        var length: UInt32 = 0
        let rendered = gvRenderData(gvc, graph, plugin, &buffer, &length)
        defer { if let buffer { gvFreeRenderData(buffer) } }
        let renderDuration = clock.now - renderStart
        guard rendered == 0, agerrors() == 0, let buffer else {
            throw failure("Graphviz could not render the graph as \(format.rawValue)")
        }

        // Cairo writes nothing when scaling to `size` leaves the drawing under one pixel on a
        // side (a chain of thousands of nodes fitted to a slide); an empty file is no figure.
        guard length > 0 else {
            _ = GraphvizMessages.drain()
            throw RenderError(
                message: "Graphviz drew an empty \(format.rawValue): scaled to fit its size, the drawing is "
                    + "less than a pixel high or wide (the graph is too long or too wide for that size)")
        }
        var data = [UInt8](UnsafeRawBufferPointer(start: buffer, count: Int(length)))
        if format == .svg { data = SVGText.rewrite(data) }
        var warnings = GraphvizMessages.drain().warnings
        if extraGraphs > 0 {
            warnings.append("the DOT text holds \(extraGraphs + 1) graphs; only the first is rendered")
        }
        var result = RenderResult(
            data: data,
            warnings: warnings,
            layoutCapped: capped,
            preparationDuration: preparationDuration,
            layoutDuration: layoutDuration,
            renderDuration: renderDuration
        )
        result.pangoMeasuredSpans = Int(Self.pangoSpans() - pangoSpansBefore)
        return result
    }

    // The text layout's state is static storage of shim.h's inline functions, of which every
    // object file calling them gets its own copy. The plugin is installed from this file, so its
    // switch and counter are set and read in functions of this file that are never inlined
    // elsewhere (these two, `pangoMetrics` and `openContext`).

    /// Whether labels are measured by pango (PNG and PDF: cairo draws pango's layouts) rather
    /// than by the embedded metrics. Requires `lock`.
    @inline(never)
    static func measureWithPango(_ pango: Bool) { gvz_set_pango_only(pango ? 1 : 0) }

    /// How many text spans pango has measured in this process.
    @inline(never)
    static func pangoSpans() -> UInt { gvz_pango_spans() }

    /// What Graphviz's pango plugin reports for `text` (tests compare the embedded metrics with
    /// it), or `nil` when pango reports no size or is not installed.
    @inline(never)
    func pangoMetrics(_ text: String, fontName: String, size: Double, flags: UInt32) -> EmbeddedTextLayout.Metrics? {
        lock.lock()
        defer { lock.unlock() }
        var out = [Double](repeating: 0, count: 4)
        guard gvz_pango_measure(text, fontName, size, flags, &out) != 0 else { return nil }
        return EmbeddedTextLayout.Metrics(width: out[0], height: out[1], baseline: out[2], centerline: out[3])
    }

    /// Frees the context so the next render creates a new one (tests use this to check context
    /// creation itself, e.g. under an empty `PATH`).
    func discardContext() {
        lock.lock()
        defer { lock.unlock() }
        if let context {
            _ = gvFreeContext(context)
            self.context = nil
        }
        _ = GraphvizMessages.drain()
    }

    /// The shared context, created on first use with the plugins listed in Graphviz's
    /// configuration and GradViz's text layout. Requires `lock`.
    @inline(never)
    func openContext() throws(RenderError) -> OpaquePointer {
        if let context { return context }
        // Install the message callback first: plugin loading can report too.
        GraphvizMessages.install()
        GraphvizMessages.reset()
        // Graphviz's configured plugins, plus GradViz's text layout (embedded metrics for SVG and
        // DOT, pango for the rest; see `EmbeddedTextLayout`), which outranks pango's.
        gvz_set_measurer(EmbeddedTextLayout.measurer)
        guard let created = gvContextPlugins(gvz_builtins(), 1) else {
            throw failure("Graphviz could not create a context")
        }
        guard pluginNames(kind: "layout", in: created).contains("dot") else {
            _ = gvFreeContext(created)
            throw failure("Graphviz's dot layout plugin is not installed (libgvplugin_dot_layout)")
        }
        let renderers = pluginNames(kind: "render", in: created)
        for needed in ["svg", "cairo"] where !renderers.contains(needed) {
            _ = gvFreeContext(created)
            throw failure("Graphviz's \(needed) renderer plugin is not installed")
        }
        context = created
        return created
    }

    /// The plugin type names Graphviz has registered for one API kind ("layout", "render").
    private func pluginNames(kind: String, in gvc: OpaquePointer) -> Set<String> {
        var count: Int32 = 0
        guard let list = gvPluginList(gvc, kind, &count, nil) else { return [] }
        defer { free(list) }
        var names: Set<String> = []
        for index in 0..<Int(count) {
            guard let name = list[index] else { continue }
            names.insert(String(cString: name))
            free(name)
        }
        return names
    }

    /// An error carrying Graphviz's captured error text, or `fallback` when it reported none.
    /// Requires `lock`.
    func failure(_ fallback: String) -> RenderError {
        let (errors, warnings) = GraphvizMessages.drain()
        let text = errors.isEmpty ? warnings : errors
        return RenderError(message: text.isEmpty ? fallback : text.joined(separator: "\n"))
    }
}
