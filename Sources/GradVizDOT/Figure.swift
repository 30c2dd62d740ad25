import GradVizEngine
import GradVizExplain
import GradVizNotation

/// An annotated Graphviz DOT figure of a computation graph, ready for a slide.
///
/// Each node shows its display label, its op or expression, its forward value and its gradient
/// ∂L/∂node; each edge its local derivative. Leaves, computed variables and the output differ
/// in shape and border (in every theme, including grayscale ``Theme/print``), modules are
/// labelled clusters, and with ``FigureOptions/wrt`` every path from that variable to the output
/// is drawn in its own colour with a legend that sums the paths' products to the gradient.
///
/// ```swift
/// let figure = try Figure(graph: g, output: loss.id, options: FigureOptions(wrt: "w1"))
/// try figure.dot.write(toFile: "regression.dot", atomically: true, encoding: .utf8)
/// ```
///
/// The text is deterministic: the same graph and options give byte-identical DOT, so figures
/// can be snapshot-tested and diffed.
public struct Figure {
    /// The DOT text.
    public var dot: String
    /// Things a person should know about the figure, such as a capped path listing or a graph
    /// too large for edge labels; empty for an ordinary figure.
    public var notes: [String]
    /// For a figure too large to read (past ``FigureOptions/largeGraphThreshold`` nodes), the
    /// options that would shrink it, as a command line spells them (`try --prune --wrt w1`);
    /// `nil` otherwise. The large-graph note ends with it; a command whose renderer refuses the
    /// graph should add it to the error.
    public var suggestion: String?
    /// The expectations it marks, checked (``FigureOptions/expectations``); `nil` when none are
    /// asked for. A slide build's frames reuse them.
    package var marks: ExpectationMarks?
    /// The options that would shrink the figure whatever its size (`try --collapse 0 or --prune
    /// --wrt w1`), or `nil` when it is pruned already: what a figure drawn larger than its
    /// ``FigureOptions/slide`` suggests (``SlideFormat/overflowNote(width:height:suggestion:)``).
    public var reductions: String?

    /// Draws `graph` up to `output`.
    ///
    /// If the graph's gradients are not those of `output` (no backward pass yet, or one from
    /// another node), this runs `graph.backward(from: output)` so nodes can show ∂output/∂node.
    ///
    /// - Throws: ``FigureError`` when `output` is not in the graph, `wrt` names no variable, an
    ///   option is out of range, `maxPaths` asks for more paths than can be listed
    ///   (``GradVizExplain/Explanation/listingProblem(view:wrt:maxPaths:)``), or the figure
    ///   would draw more than ``FigureOptions/sizeCheck`` allows (checked before any DOT is
    ///   written).
    public init(graph: Graph, output: NodeID, options: FigureOptions) throws(FigureError) {
        try Figure.validate(options)
        guard output.index >= 0, output.index < graph.count else {
            throw FigureError(.unknownOutput, "the output \(output) is not a node of the graph")
        }
        var wrt: NodeID?
        var entry: Int?
        if let name = options.wrt {
            // A variable, or one entry of a tensor (`W1[1,1]`): the tensor's paths, the entry's share.
            guard let selection = graph.selection(named: name) else {
                throw FigureError(.unknownVariable, graph.selectionProblem(name))
            }
            guard selection.entry != nil || !graph.isData(selection.id) else {
                throw FigureError(
                    .dataVariable, "'\(name)' is data (marked 'constant'): it has no gradient and no paths to highlight"
                )
            }
            (wrt, entry) = (selection.id, selection.entry)
        }
        if graph.gradientOrigin != output && (options.showGradients || wrt != nil) {
            graph.backward(from: output)
        }
        // Checked before the view is read: checking gradients of another output runs backward
        // passes, and leaves the graph with `output`'s gradients again.
        let marks = options.expectations.map {
            ExpectationMarks(graph: graph, output: output, expectations: $0)
        }
        let view = FlowView(graph: graph, output: output, kind: options.view, afterOutput: true)
        if let wrt, let problem = Explanation.listingProblem(view: view, wrt: wrt, maxPaths: options.maxPaths) {
            throw FigureError(.tooManyPaths, "--max-paths: " + problem)
        }
        let listing = wrt.map {
            PathListing(
                view: view, wrt: $0, maxPaths: max(0, options.maxPaths), entry: entry, order: options.pathOrder)
        }
        let extent = FigureExtent(view: view, options: options, listing: listing)
        if let problem = options.sizeCheck?(extent.size) {
            let suggestion = FigureSuggestion.text(view: view, options: options, tree: extent.tree)
            throw FigureError(.tooLarge, problem + (suggestion.map { "; " + $0 } ?? ""))
        }
        let builder = FigureBuilder(view: view, options: options, listing: listing, extent: extent, marks: marks)
        dot = builder.render()
        self.marks = marks
        notes = builder.expectationNotes
        if let pruning = builder.pruning, let listing, let name = options.wrt {
            let stubs = pruning.stubs.count + pruning.counted.count
            let which =
                listing.isComplete
                ? "all \(listing.totalCount)" : "the \(listing.paths.count) listed of \(listing.totalCount)"
            notes.append(
                "pruned to the \(pruning.shown.count) nodes of \(which) paths from \(name), with \(stubs) stubs "
                    + "for the inputs they read (the graph has \(view.nodes.count) nodes)")
        }
        reductions = FigureSuggestion.text(view: view, options: options, tree: builder.tree)
        suggestion = nil
        if builder.isLarge {
            suggestion = FigureSuggestion.text(view: view, options: options, tree: builder.tree)
            notes.append(
                "the figure has \(builder.drawnCount) nodes (more than \(options.largeGraphThreshold)): "
                    + "edge labels, matrices and expressions are left out, and nodes show only name, value and gradient"
                    + (suggestion.map { "; " + $0 } ?? ""))
        }
        // A variable off every path has gradient 0; data has no gradient to speak of, and may
        // still be read by value without an edge (an expanded cross_entropy's class index).
        let unreachable = view.nodes.filter { builder.unreachable.contains($0) && graph.name(of: $0) != nil }
        let outputName = graph.name(of: output) ?? output.description
        for (nodes, data) in [
            (unreachable.filter { !graph.isData($0) }, false), (unreachable.filter(graph.isData), true),
        ]
        where !nodes.isEmpty {
            let names = nodes.prefix(3).compactMap { graph.name(of: $0) }.joined(separator: ", ")
            let more = nodes.count > 3 ? ", …" : ""
            notes.append(
                data
                    ? "\(names)\(more) (data) \(nodes.count == 1 ? "has" : "have") no edge to the output \(outputName): "
                        + "drawn muted"
                    : "\(names)\(more) \(nodes.count == 1 ? "does" : "do") not reach the output \(outputName): "
                        + "drawn muted, gradient 0")
        }
        let kinks = graph.kinks.filter { $0 <= output }
        if !kinks.isEmpty {
            let names = kinks.prefix(3).map { graph.name(of: $0) ?? "\(graph.op(of: $0).symbol) (\($0))" }
            notes.append(
                "evaluated exactly at a kink (\(names.joined(separator: ", "))\(kinks.count > 3 ? ", …" : "")): "
                    + "the derivative does not exist there; the convention 0 is used")
        }
        if let listing, let name = options.wrt {
            if !listing.isComplete {
                notes.append(
                    "\(name) has \(listing.totalCount) paths to the output; the legend lists the "
                        + "\(listing.paths.count) with the largest |product|")
            }
        }
    }

    /// Checks the option values a figure accepts (font size 4–96, precision within
    /// ``NumberFormat/precisionRange``, dpi 10–2400,
    /// a well-formed size, a font name), so a command line can reject bad values as usage
    /// errors before reading any input; ``init(graph:output:options:)`` runs the same check.
    ///
    /// - Throws: ``FigureError`` of kind ``FigureError/Kind/invalidOption``.
    public static func validate(_ options: FigureOptions) throws(FigureError) {
        guard options.fontSize.isFinite, options.fontSize >= 4, options.fontSize <= 96 else {
            throw FigureError(.invalidOption, "font size \(options.fontSize) is not between 4 and 96 points")
        }
        if let problem = NumberFormat.precisionProblem(options.precision) {
            throw FigureError(.invalidOption, problem)
        }
        if let dpi = options.dpi, !(dpi.isFinite && dpi >= 10 && dpi <= 2400) {
            throw FigureError(.invalidOption, "dpi \(dpi) is not between 10 and 2400")
        }
        if let size = options.size, size != "none", !isValidSize(size) {
            throw FigureError(
                .invalidOption, "size '\(size)' is not WIDTH or WIDTH,HEIGHT in inches (e.g. 10,6) or none")
        }
        guard !options.fontName.isEmpty else {
            throw FigureError(.invalidOption, "the font name is empty")
        }
        guard isValidFontName(options.fontName) else {
            throw FigureError(
                .invalidOption,
                "font name '\(options.fontName)' may contain only letters, digits, spaces and - _ . , : = +")
        }
        if let depth = options.collapse, depth < 0 {
            throw FigureError(.invalidOption, "collapse depth \(depth) is negative: 0 draws the top-level modules only")
        }
        guard !options.prune || options.wrt != nil else {
            throw FigureError(.invalidOption, "pruning needs --wrt: the variable whose paths the figure keeps")
        }
    }

    /// A font family or fontconfig pattern (`DejaVu Sans`, `Noto Sans CJK JP:bold`): letters,
    /// digits, spaces and `- _ . , : = +`, at most 200 characters. Graphviz copies the name
    /// unescaped into SVG's `font-family="…"`, so `&`, `<`, `"` and the like would break the file
    /// or inject markup: they are refused rather than escaped.
    static func isValidFontName(_ name: String) -> Bool {
        name.count <= 200
            && name.unicodeScalars.allSatisfy { scalar in
                scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || " -_.,:=+".unicodeScalars.contains(scalar)
            }
    }

    /// `10`, `10,6`, `7.5,4!`: one or two positive numbers, optionally ending in `!`.
    static func isValidSize(_ size: String) -> Bool {
        var text = Substring(size)
        if text.hasSuffix("!") { text = text.dropLast() }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { return false }
        return parts.allSatisfy { part in
            guard !part.isEmpty, part.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
                part.filter({ $0 == "." }).count <= 1, let value = Double(part)
            else { return false }
            return value > 0 && value.isFinite
        }
    }
}
