import GradVizDOT
import GradVizEngine
import GradVizExplain
import GradVizNotation

/// A figure prepared for an interactive page (`render --format html`): the DOT of the same
/// drawing `render` makes, with an SVG id on every node and edge, the names a page attaches to
/// those elements, and for every node of the view the legend a `--wrt` figure would draw for it.
///
/// Everything a page shows is written here, with the figure's own names and numbers (a path's
/// product as the legend writes it, ``GradVizDOT/ProductText``), so the page and the static
/// figure can never disagree; a page only arranges it. Text meant as markup
/// (keys ending in `HTML`) is escaped piece by piece like every figure label (HTML-like label
/// markup is a subset of HTML: `<SUB>`, `<SUP>`, `<B>`, `<BR/>`); all other strings are plain
/// text for the page to insert as text.
///
/// ```swift
/// let page = try InteractiveFigure(graph: g, output: loss.id, options: FigureOptions())
/// page.figure.dot      // DOT with ids gvn0…, gve0…
/// page.nodes[0].name   // "x", the `data-name` of node gvn0's group
/// page.data.text       // the JSON the page's script reads
/// ```
public struct InteractiveFigure {
    /// A node's SVG group and the name a page gives it.
    public struct NodeElement: Sendable {
        /// The SVG id Graphviz writes (`gvn12`).
        public let id: String
        /// The script's name, or the view's stable name of an unnamed node (`mul#7`), as
        /// `explain` prints it.
        public let name: String
    }

    /// An edge's SVG group and the names of its ends.
    public struct EdgeElement: Sendable {
        /// The SVG id Graphviz writes (`gve5`).
        public let id: String
        /// The parent's name.
        public let from: String
        /// The child's name.
        public let to: String
    }

    /// The most paths listed per node by default.
    public static let defaultMaxPaths = 64
    /// The most paths a page lists over all its nodes together, whatever `maxPaths` is: the
    /// bound that keeps a 1 000-node graph's page small. Past it, each node lists
    /// `pathBudget / nodes` paths (at least one), and the page says a list is cut.
    public static let pathBudget = 16_384

    /// Past this many nodes a page's drawing leaves out edge labels, matrices and expressions
    /// (as a figure does past ``FigureOptions/largeGraphThreshold``): hovering shows them, and
    /// they would make the page of a 1 000-node graph several megabytes.
    public static let largeGraphThreshold = FigureOptions.defaultLargeGraphThreshold

    /// The figure (no `wrt` highlighting: the page lights paths itself).
    public let figure: Figure
    /// The options the drawing was made with (no `wrt`, element ids on): a slide build of the
    /// page (`FrameSequence`) must use these to share its ids.
    public let drawingOptions: FigureOptions
    /// With `wrt`, the options of the slide build `gradviz frames --wrt` makes for it
    /// (``drawingOptions`` with `wrt` set and `maxPaths` lowered to ``pathsPerNode``): its `pathK`
    /// and `sum` frames light paths the page lists for that node. `nil` without `wrt`.
    public let lessonOptions: FigureOptions?
    /// What the page is, for its header: `the gradient of l, node by node, by the chain rule`.
    public let subject: String
    /// The output as the figure writes it (`ŷ`, `l`).
    public let outputLabel: String
    /// The graph drawn.
    public let graph: Graph
    /// The output whose gradient is shown.
    public let output: NodeID
    /// The nodes of the view, in the view's order.
    public let nodes: [NodeElement]
    /// The edges of the view, in the view's order.
    public let edges: [EdgeElement]
    /// How many paths each node lists at most (``defaultMaxPaths`` or the caller's cap,
    /// lowered to stay within ``pathBudget`` and ``GradVizExplain/Explanation/maxListedPaths``).
    public let pathsPerNode: Int
    /// What the page says when ``pathsPerNode`` is below the paths asked for (the
    /// ``pathBudget`` shared out over many nodes); `nil` when every node lists what was asked.
    public let pathBudgetNote: String?
    /// The page's data; see ``InteractiveFigure`` for how its strings are escaped.
    ///
    /// `{"output", "view", "theme", "selected", "paths": [{"color", "dash"}],
    ///   "nodes": {"id", "name", "labelHTML", "kind", "shape", "value", "gradient",
    ///   "expressionHTML"},
    ///   "edges": {"id", "from", "to", "symbolHTML", "formulaHTML", "factor"},
    ///   "steps": [[edge, next]…],
    ///   "selections": {"pathCount", "shown", "gradient", "pathSum", "headingHTML",
    ///   "paths": [[step, product, factorsHTML, symbolsHTML]…], "sums": [[captionHTML, value, mark,
    ///   isGradient]…]}}`
    ///
    /// `nodes`, `edges` and `selections` are tables by column (each key's array has one entry
    /// per node, edge or node), so a thousand nodes do not repeat their keys a thousand times;
    /// `expressionHTML` is null for a node without one, `formulaHTML` (the local derivative's
    /// formula) for an edge without one. `from`/`to` index the nodes; a path is a chain through
    /// `steps` starting at its `step` (`[edge, next]`, `next` −1 at the output), so paths that
    /// end the same way share their tail; a path's `factorsHTML` is its local derivatives as the
    /// legend of a `--wrt` figure with `--edge-labels both` writes them (the formulas' product,
    /// then the numbers'; numbers only past ``largeGraphThreshold`` nodes), `symbolsHTML` the
    /// same without its numbers (what the panel shows while a frame has not revealed them; only
    /// on a page small enough for frames); `gradient` and `pathSum` are full-precision numbers (nested arrays
    /// for tensors) as `explain --format json` writes them.
    public let data: JSONValue

    /// Prepares `graph` up to `output` for a page.
    ///
    /// - Parameters:
    ///   - options: The figure's options; `wrt`, if set, is the node selected when the page
    ///     opens (it must be a node of the view). `prune` and `collapse` are ignored: the page
    ///     draws every node.
    ///   - maxPaths: The most paths listed per node (largest |product| first).
    /// - Throws: ``FigureError`` as ``Figure/init(graph:output:options:)`` does, and when `wrt`
    ///   is not a node of the view.
    public init(
        graph: Graph, output: NodeID, options: FigureOptions, maxPaths: Int = InteractiveFigure.defaultMaxPaths
    ) throws(FigureError) {
        var drawing = options
        drawing.wrt = nil
        // The page lights any node's paths, so it draws every node: pruning and folding modules
        // are for static figures.
        drawing.prune = false
        drawing.collapse = nil
        drawing.elementIDs = true
        drawing.largeGraphThreshold = min(options.largeGraphThreshold, InteractiveFigure.largeGraphThreshold)
        figure = try Figure(graph: graph, output: output, options: drawing)
        drawingOptions = drawing
        self.graph = graph
        self.output = output
        let view = FlowView(graph: graph, output: output, kind: options.view, afterOutput: true)
        var selected: Int?
        if let name = options.wrt {
            guard let id = graph.node(named: name), let position = view.nodes.firstIndex(of: id) else {
                throw FigureError(.unknownVariable, "no variable named '\(name)' in the figure to select")
            }
            selected = position
        }
        // The data keeps the expressions a large drawing leaves out: hovering shows them.
        var described = drawing
        described.largeGraphThreshold = Int.max
        // The panel's paths and an edge's hover give the formula and the number; past the
        // large-graph threshold the number alone (formulas on every listed path would more than
        // triple the data of a 1 000-node page).
        described.edgeLabels = view.nodes.count <= InteractiveFigure.largeGraphThreshold ? .both : .value
        let builder = FigureBuilder(view: view, options: described, listing: nil)
        outputLabel = builder.shortName(of: output).plain
        subject = "the gradient of " + outputLabel + ", node by node, by the chain rule"
        let budget = InteractiveFigure.pathBudget / max(1, view.nodes.count)
        pathsPerNode = max(0, min(maxPaths, max(1, budget), Explanation.maxListedPaths))
        pathBudgetNote =
            pathsPerNode < maxPaths
            ? "the page lists at most \(pathsPerNode) paths per node "
                + "(\(InteractiveFigure.pathBudget) over all \(view.nodes.count) nodes)"
            : nil
        var position: [NodeID: Int] = [:]
        for (index, node) in view.nodes.enumerated() { position[node] = index }
        nodes = view.nodes.map { NodeElement(id: FigureBuilder.elementID(of: $0), name: view.name(of: $0)) }
        edges = view.edges.enumerated().map { index, edge in
            EdgeElement(
                id: FigureBuilder.elementID(ofEdge: index), from: view.name(of: edge.from), to: view.name(of: edge.to))
        }
        if let name = options.wrt {
            var lesson = drawing
            lesson.wrt = name
            lesson.maxPaths = min(options.maxPaths, pathsPerNode)
            lessonOptions = lesson
        } else {
            lessonOptions = nil
        }
        var writer = PageDataWriter(builder: builder, position: position)
        data = writer.json(selected: selected, pathsPerNode: pathsPerNode)
    }

    /// The CSS colours of a page in `theme`: custom property names (`--background`, …, and
    /// `--path0`, `--path1`, … for the colours of lit paths, as ``data``'s `paths` lists them)
    /// and values, from the same palette as the figure.
    public static func pageColors(_ theme: Theme) -> [(String, String)] {
        let style = ThemeStyle.style(for: theme)
        return [
            ("--background", style.background), ("--text", style.text), ("--muted", style.muted),
            ("--gradient", style.gradient), ("--highlight", style.highlight), ("--panel", style.legendFill),
            ("--border", style.legendBorder), ("--dimmed", style.dimmedEdge), ("--cluster", style.clusterFill),
        ] + style.paths.enumerated().map { ("--path\($0.offset)", $0.element.color) }
    }

    /// Pairs of colours (lower-case `#rrggbb`, as Graphviz writes them into SVG) that turn a
    /// drawing in `theme` into the same drawing in `other`, role by role (background to
    /// background, leaf fill to leaf fill, …). When two roles share a colour in `theme`, the
    /// first role listed wins.
    public static func colorMap(from theme: Theme, to other: Theme) -> [(String, String)] {
        func roles(_ style: ThemeStyle) -> [String] {
            var colors = [
                style.background, style.text, style.muted, style.gradient, style.warning, style.edge,
                style.dimmedEdge, style.highlight, style.clusterFill, style.clusterBorder, style.legendFill,
                style.legendBorder, style.right, style.wrong,
            ]
            for look in [style.leaf, style.computed, style.output] { colors += [look.fill, look.border] }
            colors += style.paths.map(\.color)
            return colors
        }
        var seen = Set<String>()
        var pairs: [(String, String)] = []
        for (from, to) in zip(roles(ThemeStyle.style(for: theme)), roles(ThemeStyle.style(for: other))) {
            let key = from.lowercased()
            if seen.insert(key).inserted && key != to.lowercased() { pairs.append((key, to.lowercased())) }
        }
        return pairs
    }
}

/// Writes ``InteractiveFigure/data``: the nodes, edges and per-node path listings, with the
/// figure builder's names and numbers.
private struct PageDataWriter {
    let builder: FigureBuilder
    let position: [NodeID: Int]
    /// `[edge, next]` chains, shared between paths with the same tail.
    var steps: [JSONValue] = []
    var stepIndex: [StepKey: Int] = [:]

    struct StepKey: Hashable {
        let edge: Int
        let next: Int
    }

    init(builder: FigureBuilder, position: [NodeID: Int]) {
        self.builder = builder
        self.position = position
    }

    mutating func json(selected: Int?, pathsPerNode: Int) -> JSONValue {
        let view = builder.view
        let style = builder.style
        let nodes = Self.columns(view.nodes.map(node))
        let edges = Self.columns(view.edges.enumerated().map { edge($1, index: $0) })
        var selections: [[(String, JSONValue)]] = []
        for wrt in view.nodes {
            guard builder.graph.wantsGradient(wrt) else {
                selections.append(dataSelection(wrt))
                continue
            }
            let listing = PathListing(view: view, wrt: wrt, maxPaths: pathsPerNode, order: builder.options.pathOrder)
            selections.append(selection(listing))
        }
        let paths: [JSONValue] = style.paths.map { look in
            .object([("color", .string(look.color)), ("dash", .string(look.style))])
        }
        return .object([
            ("output", .string(view.name(of: view.output))),
            ("view", .string(view.kind.rawValue)),
            ("theme", .string(builder.options.theme.rawValue)),
            ("selected", selected.map { .integer($0) } ?? .null),
            ("paths", .array(paths)),
            ("nodes", nodes),
            ("edges", edges),
            ("steps", .array(steps)),
            ("selections", Self.columns(selections)),
        ])
    }

    /// Rows with the same keys in the same order (the first row's; a key a row lacks is null)
    /// as one object of columns.
    static func columns(_ rows: [[(String, JSONValue)]]) -> JSONValue {
        var keys: [String] = []
        for row in rows { for (key, _) in row where !keys.contains(key) { keys.append(key) } }
        return .object(
            keys.map { key in
                (key, .array(rows.map { row in row.first { $0.0 == key }?.1 ?? .null }))
            })
    }

    private func text(_ tensor: Tensor) -> String {
        tensor.shape.count <= 16
            ? builder.numbers.columnString(tensor)
            : tensor.shape.description + ", ‖·‖ = " + builder.numbers.string(tensor.norm)
    }

    private func node(_ id: NodeID) -> [(String, JSONValue)] {
        let graph = builder.graph
        let kind: String
        switch builder.kind(of: id) {
        case .leaf: kind = "leaf"
        case .computed: kind = "computed"
        case .output: kind = "output"
        }
        let shape = graph.shape(of: id)
        var members: [(String, JSONValue)] = [
            ("id", .string(FigureBuilder.elementID(of: id))),
            ("name", .string(builder.view.name(of: id))),
            // The page's panel has room for a name the drawing cuts: it gets the whole text.
            ("labelHTML", .string(builder.fullNames[id].map { LabelText($0).html } ?? builder.shortName(of: id).html)),
            ("kind", .string(kind)),
            ("shape", .string(shape.isScalar ? "scalar" : shape.description)),
            ("value", .string(text(graph.value(of: id)))),
            ("gradient", graph.wantsGradient(id) ? graph.gradient(of: id).map { .string(text($0)) } ?? .null : .null),
        ]
        if let subtitle = builder.subtitle(of: id) {
            members.append(("expressionHTML", .string(subtitle.html)))
        }
        return members
    }

    private func edge(_ edge: FlowEdge, index: Int) -> [(String, JSONValue)] {
        let graph = builder.graph
        var factor: String
        let carries = builder.carriesDerivative(edge)
        if !carries {
            factor = FigureBuilder.dataCaption
        } else if let value = edge.factor, value.isShownInline {
            factor = builder.numbers.columnString(value)
        } else {
            factor =
                "J"
                + (edge.factor?.shape.description
                    ?? graph.shape(of: edge.to).description + "×" + graph.shape(of: edge.from).description)
        }
        let formula = carries ? builder.formulaFactor(edge, inProduct: false) : nil
        return [
            ("id", .string(FigureBuilder.elementID(ofEdge: index))),
            ("from", position[edge.from].map { .integer($0) } ?? .null),
            ("to", position[edge.to].map { .integer($0) } ?? .null),
            (
                "symbolHTML",
                carries ? builder.edgePartial(of: edge.to, by: edge.from).map { .string($0.html) } ?? .null : .null
            ),
            ("formulaHTML", formula.map { .string($0.html) } ?? .null),
            ("factor", .string(factor)),
        ]
    }

    /// The first step of a path, adding the steps of its tail as needed.
    private mutating func step(_ edges: ArraySlice<Int>) -> Int {
        var next = -1
        for edge in edges.reversed() {
            let key = StepKey(edge: edge, next: next)
            if let known = stepIndex[key] {
                next = known
            } else {
                steps.append(.array([.integer(edge), .integer(next)]))
                stepIndex[key] = steps.count - 1
                next = steps.count - 1
            }
        }
        return next
    }

    /// A data leaf's selection: no gradient and no paths, the heading saying why.
    private func dataSelection(_ wrt: NodeID) -> [(String, JSONValue)] {
        [
            ("pathCount", .string("0")),
            ("shown", .integer(0)),
            ("gradient", .null),
            ("pathSum", .null),
            (
                "headingHTML",
                .string((builder.shortName(of: wrt).bold + LabelText(": " + FigureBuilder.dataCaption)).html)
            ),
            ("paths", .array([])),
            ("sums", .array([])),
        ]
    }

    private mutating func selection(_ listing: PathListing) -> [(String, JSONValue)] {
        // Only a page with frames (InteractivePage.maxFrameNodes) hides numbers a frame has not revealed.
        let framed = builder.view.nodes.count <= InteractivePage.maxFrameNodes
        let paths: [JSONValue] = listing.paths.map { path in
            .array(
                [.integer(step(path.edges[...])), .string(text(path.product)), .string(builder.factorsText(path).html)]
                    + (framed ? [.string(builder.factorsText(path, numbers: false).html)] : []))
        }
        let sums: [JSONValue] = builder.sumLines(listing).map { line in
            .array([
                .string(line.caption.html), .string(line.value.map(text) ?? line.text?.plain ?? ""),
                .string(line.mark), .integer(line.isGradient ? 1 : 0),
            ])
        }
        return [
            ("pathCount", .string(listing.totalCount)),
            ("shown", .integer(listing.paths.count)),
            ("gradient", JSONValue(listing.gradient)),
            ("pathSum", JSONValue(listing.pathSum)),
            ("headingHTML", .string(builder.legendHeading(listing).html)),
            ("paths", .array(paths)),
            ("sums", .array(sums)),
        ]
    }
}
