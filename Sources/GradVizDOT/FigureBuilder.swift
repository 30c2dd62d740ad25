import Foundation
import GradVizEngine
import GradVizExplain
import GradVizNotation

/// Writes the DOT text of one figure: the graph header, nodes (inside their module clusters),
/// edges, and the `wrt` legend.
///
/// Every collection is walked in a fixed order (node ids, edge order of the view, cluster ids)
/// and every attribute list is sorted, so the same input always gives the same bytes.
package struct FigureBuilder {
    package let graph: Graph
    package let view: FlowView
    package let options: FigureOptions
    package let style: ThemeStyle
    package let numbers: NumberFormat
    /// Whether the graph is past ``FigureOptions/largeGraphThreshold``: no edge labels, no
    /// matrices, no expressions, tighter spacing.
    let isLarge: Bool
    /// The highlighted paths of `wrt`, if any.
    let listing: PathListing?
    /// Display names of the view's named nodes.
    let names: [NodeID: LabelText]
    /// The whole display text of the nodes whose names ``names`` shows cut, for their tooltips.
    package let fullNames: [NodeID: String]
    /// For each edge index, the numbers of the highlighted paths through it.
    let pathsOfEdge: [Int: [Int]]
    /// What a pruned figure draws (`--prune`), or `nil` to draw the whole view.
    let pruning: Pruning?
    /// Indices into the view's edges of the edges drawn.
    let drawnEdges: [Int]
    /// The module clusters.
    let tree: ClusterTree
    /// The modules a collapsed figure folds into single nodes (`--collapse`), or `nil`.
    let collapsing: Collapsing?
    /// Set when drawing one frame of a slide build rather than the full figure.
    let frame: FrameDrawing?
    /// How many nodes the figure draws (stubs and folded modules count one each).
    let drawnCount: Int
    /// The view's nodes with no path to the output, drawn muted: their gradient is 0.
    let unreachable: Set<NodeID>
    /// The long edges drawn from copies of a heavily shared operand.
    let copies: OperandCopies
    /// The expectations marked on their nodes (``FigureOptions/expectations``), or `nil`.
    let marks: ExpectationMarks?
    /// The first node evaluated at a kink, if any: a node's hidden sub-expression is searched
    /// for one (``kinkNote(_:)``) only when it can hold one, so a figure of a variable computed
    /// by a long expression does not walk it for every node and frame.
    let firstKink: NodeID?

    /// A builder for `view` with what it draws decided by `extent` (by default, from `options`
    /// and `listing`: see ``FigureExtent``), marking `marks` (checked once for every frame of a
    /// build: see ``ExpectationMarks``).
    package init(
        view: FlowView, options: FigureOptions, listing: PathListing?, frame: FrameDrawing? = nil,
        extent: FigureExtent? = nil, marks: ExpectationMarks? = nil
    ) {
        graph = view.graph
        self.view = view
        self.options = options
        style = ThemeStyle.style(for: options.theme)
        numbers = NumberFormat(significantDigits: options.precision)
        let extent = extent ?? FigureExtent(view: view, options: options, listing: listing)
        let pruning = extent.pruning
        self.pruning = pruning
        drawnEdges = extent.drawnEdges
        tree = extent.tree
        collapsing = extent.collapsing
        drawnCount = extent.nodeCount
        isLarge =
            drawnCount > (frame == nil ? options.largeGraphThreshold : FigureOptions.slideBuildLargeGraphThreshold)
        self.listing = listing
        var names: [NodeID: LabelText] = [:]
        var fullNames: [NodeID: String] = [:]
        for node in view.nodes where pruning?.draws(node) ?? true {
            if let name = DisplayName.of(node, in: view.graph) { names[node] = name }
            if let full = DisplayName.fullText(of: node, in: view.graph) { fullNames[node] = full }
        }
        self.names = names
        self.fullNames = fullNames
        var pathsOfEdge: [Int: [Int]] = [:]
        for (number, path) in (listing?.paths ?? []).enumerated() {
            for edge in path.edges where pathsOfEdge[edge]?.last != number {
                pathsOfEdge[edge, default: []].append(number)
            }
        }
        self.pathsOfEdge = pathsOfEdge
        self.frame = frame
        unreachable = FigureBuilder.nodesNotReaching(view.output, in: view)
        copies = extent.copies
        self.marks = marks
        firstKink = view.graph.kinks.first
    }

    /// The nodes of `view` from which no edge path leads to `output`.
    static func nodesNotReaching(_ output: NodeID, in view: FlowView) -> Set<NodeID> {
        var parents: [NodeID: [NodeID]] = [:]
        for edge in view.edges { parents[edge.to, default: []].append(edge.from) }
        var reaching: Set<NodeID> = [output]
        var stack = [output]
        while let node = stack.popLast() {
            for parent in parents[node] ?? [] where reaching.insert(parent).inserted { stack.append(parent) }
        }
        return Set(view.nodes.filter { !reaching.contains($0) })
    }

    // MARK: Sizes

    /// Titles (variable names).
    var titleSize: String { Self.decimal(options.titleFontSize) }
    /// Captions, edge labels and annotations.
    var smallSize: String { Self.decimal(options.smallFontSize) }
    var bodySize: String { Self.decimal(options.fontSize) }

    /// A number for an attribute: at most two decimals (or `places`), no trailing zeros, no
    /// float noise.
    static func decimal(_ x: Double, places: Int = 2) -> String {
        var unit = 1
        for _ in 0..<max(0, min(places, 6)) { unit *= 10 }
        let scaled = (x * Double(unit)).rounded()
        guard scaled.isFinite, Swift.abs(scaled) < 1e15 else { return "0" }
        let whole = Int(scaled)
        let sign = whole < 0 ? "-" : ""
        let magnitude = Swift.abs(whole)
        var text = sign + String(magnitude / unit)
        let fraction = magnitude % unit
        if fraction != 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: String(unit).count - 1 - digits.count) + digits
            while text.hasSuffix("0") { text.removeLast() }
        }
        return text
    }

    // MARK: The document

    /// The DOT text.
    package func render() -> String {
        if frame?.part == .legend { return frameLegendDOT() ?? "" }
        var lines: [String] = ["digraph " + DOTEscape.quoted(options.graphName) + " {"]
        lines += graphAttributes().statements.map { "  " + $0 + ";" }
        lines.append("  node " + nodeDefaults().text + ";")
        lines.append("  edge " + edgeDefaults().text + ";")
        lines += clusteredNodes()
        var folded: [String: [Int]] = [:]
        var foldedOrder: [String] = []
        for index in drawnEdges {
            let edge = view.edges[index]
            if let collapsing, collapsing.groupOfNode[edge.from] != nil || collapsing.groupOfNode[edge.to] != nil {
                let from = collapsing.drawnID(of: edge.from, tree: tree)
                let to = collapsing.drawnID(of: edge.to, tree: tree)
                guard from != to else { continue }
                let key = from + " -> " + to
                if folded[key] == nil { foldedOrder.append(key) }
                folded[key, default: []].append(index)
                continue
            }
            let attributes = edgeAttributes(index: index, edge: edge)
            lines.append(
                "  " + tailID(ofEdge: index, edge: edge) + " -> " + edge.to.description + " " + attributes.text + ";")
        }
        for key in foldedOrder {
            lines.append("  " + key + " " + foldedEdgeAttributes(folded[key] ?? []).text + ";")
        }
        for (node, inputs) in pruning?.counted ?? [] {
            let stub = DOTEscape.quoted(Pruning.countedStubID(of: node))
            lines.append("  " + stub + " " + countedStubAttributes(inputs).text + ";")
            lines.append("  " + stub + " -> " + node.description + " " + stubEdgeAttributes().text + ";")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    private func graphAttributes() -> DOTAttributes {
        var attributes: DOTAttributes = [
            "bgcolor": .text(options.transparent ? "transparent" : style.background),
            "charset": .text("UTF-8"),
            "fontcolor": .text(style.text),
            "fontname": .text(options.fontName),
            "fontsize": .text(bodySize),
            // No page margin: PDF output would otherwise get half an inch that the background
            // colour does not fill (a white frame around a dark figure); `pad` spaces the drawing.
            "margin": .text("0"),
            "newrank": .text("true"),
            "nodesep": .text(isLarge ? "0.15" : "0.3"),
            "outputorder": .text("edgesfirst"),
            // A slide's figure spends less of the slide on its margin.
            "pad": .text(options.slide == nil ? "0.3" : "0.05"),
            "rankdir": .text(options.rankdir.rawValue),
            "ranksep": .text(isLarge ? "0.3" : "0.45"),
        ]
        let size = options.size ?? options.slide?.graphvizSize ?? FigureOptions.defaultSize(for: options.rankdir)
        if size != "none" { attributes["size"] = .text(size) }
        attributes["dpi"] = .text(Self.decimal(options.dpi ?? options.slide?.dpi ?? FigureOptions.defaultDPI))
        if let label = frame == nil ? legendHTML() : frameGraphLabel() {
            attributes["label"] = .html(label)
            attributes["labelloc"] = .text("b")
            attributes["labeljust"] = .text("c")
        }
        return attributes
    }

    private func nodeDefaults() -> DOTAttributes {
        [
            "fontcolor": .text(style.text),
            "fontname": .text(options.fontName),
            "fontsize": .text(bodySize),
            "margin": .text("0.1,0.05"),
        ]
    }

    /// The colour of an edge that no lit path takes: dimmed once paths are lit (in a frame,
    /// once the legend shows).
    var plainEdgeColor: String {
        listing == nil || frame?.reveal.legend == .hidden ? style.edge : style.dimmedEdge
    }

    private func edgeDefaults() -> DOTAttributes {
        var attributes: DOTAttributes = [
            "arrowsize": .text("0.7"),
            "color": .text(plainEdgeColor),
            "fontcolor": .text(style.muted),
            "fontname": .text(options.fontName),
            "fontsize": .text(smallSize),
            "penwidth": .text("1.2"),
        ]
        // Each edge label underlined, with a leader line to its own edge (Graphviz's `decorate`):
        // a label between two edges (fully_connected's −0.1479 between crossing edges) belongs
        // to one. Not in a slide build's frames, whose blank labels would get leaders too.
        if options.showEdgeLabels && !isLarge && frame == nil { attributes["decorate"] = .text("true") }
        return attributes
    }

    // MARK: Clusters

    /// Node statements, the clustered ones inside nested `subgraph cluster_…` blocks.
    private func clusteredNodes() -> [String] {
        var direct: [Int: [String]] = [:]
        var topLevel: [String] = []
        var foldedDrawn = Set<Int>()
        for node in view.nodes where pruning?.draws(node) ?? true {
            if let group = collapsing?.groupOfNode[node] {
                // A folded module is drawn once, in its parent's cluster.
                guard let collapsing, foldedDrawn.insert(group).inserted else { continue }
                let cluster = tree.clusters[collapsing.groups[group].cluster]
                let statement = foldedModuleStatement(collapsing.groups[group], cluster: cluster)
                if let parent = cluster.parent {
                    direct[parent, default: []].append(statement)
                } else {
                    topLevel.append(statement)
                }
            } else if let cluster = tree.cluster(ofModule: graph.module(of: node)) {
                direct[cluster, default: []].append(nodeStatement(node))
            } else {
                topLevel.append(nodeStatement(node))
            }
        }
        let leafOrder = leafOrderStatements()
        topLevel += leafOrder[nil] ?? []
        for case (let cluster?, let statements) in leafOrder { direct[cluster, default: []] += statements }
        let copied = copyStatements()
        topLevel += copied[nil] ?? []
        for case (let cluster?, let statements) in copied { direct[cluster, default: []] += statements }
        // Clusters with nodes, directly or in a nested cluster.
        var shown = Set<Int>()
        for cluster in direct.keys.sorted() {
            var current: Int? = cluster
            var steps = 0
            while let index = current, steps <= tree.clusters.count, shown.insert(index).inserted {
                current = tree.clusters[index].parent
                steps += 1
            }
        }
        var children: [Int?: [Int]] = [:]
        for index in tree.clusters.indices where shown.contains(index) {
            let parent = tree.clusters[index].parent.flatMap { shown.contains($0) ? $0 : nil }
            children[parent, default: []].append(index)
        }
        var lines = topLevel.map { "  " + $0 }
        enum Step {
            case enter(Int, Int)
            case exit(Int)
        }
        var stack: [Step] = (children[nil] ?? []).reversed().map { .enter($0, 1) }
        var entered = Set<Int>()
        while let step = stack.popLast() {
            switch step {
            case .exit(let depth):
                lines.append(Self.indent(depth) + "}")
            case .enter(let index, let depth):
                guard entered.insert(index).inserted else { continue }
                let indent = Self.indent(depth)
                let cluster = tree.clusters[index]
                lines.append(indent + "subgraph " + DOTEscape.quoted("cluster_\(cluster.id)") + " {")
                lines += clusterAttributes(cluster).statements.map { indent + "  " + $0 + ";" }
                lines += (direct[index] ?? []).map { indent + "  " + $0 }
                stack.append(.exit(depth))
                for child in (children[index] ?? []).reversed() { stack.append(.enter(child, depth + 1)) }
            }
        }
        return lines
    }

    /// The indentation of a cluster nested `depth` deep: two spaces a level, up to
    /// ``maxIndentedDepth`` levels, so the DOT of deeply nested modules grows linearly with
    /// them (indenting every level made 5 000 nested modules 326 MB of spaces).
    static func indent(_ depth: Int) -> String {
        String(repeating: "  ", count: min(depth, maxIndentedDepth))
    }

    /// The deepest nesting that is indented further (lecture figures nest 3 or 4 deep).
    static let maxIndentedDepth = 16

    private func clusterAttributes(_ cluster: ClusterTree.Cluster) -> DOTAttributes {
        var label = DisplayName.module(cluster.name).bold
        if !cluster.kind.isEmpty && cluster.kind != cluster.name {
            label += LabelText("  ") + DisplayName.module(cluster.kind).font(color: style.muted, size: smallSize)
        }
        return [
            "color": .text(style.clusterBorder),
            "fillcolor": .text(style.clusterFill),
            "fontcolor": .text(style.text),
            "fontname": .text(options.fontName),
            "fontsize": .text(bodySize),
            "label": .html(label.html),
            "labeljust": .text("l"),
            "labelloc": .text("t"),
            "margin": .text("12"),
            "penwidth": .text("1"),
            "style": .text("rounded,dashed,filled"),
        ]
    }
}
