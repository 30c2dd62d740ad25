extension FigureBuilder {
    /// The attributes of a table without border or spacing, holding cells padded by `padding`.
    static func bareTable(padding: Int) -> String {
        " BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"\(padding)\""
    }

    /// Slots in a node's label table.
    var nodeContext: SlotBook.Context { SlotBook.Context(table: Self.bareTable(padding: 1), fontSize: bodySize) }
    /// The slot of an edge label.
    var edgeContext: SlotBook.Context { SlotBook.Context(table: Self.bareTable(padding: 0), fontSize: smallSize) }
    /// Slots in the `wrt` legend.
    var legendContext: SlotBook.Context { SlotBook.Context(table: Self.bareTable(padding: 4), fontSize: bodySize) }
    /// The caption's slot.
    var captionContext: SlotBook.Context { SlotBook.Context(table: Self.bareTable(padding: 0), fontSize: bodySize) }

    /// A table cell showing `html`: `<TD attributes>html</TD>` in the full figure. In a frame of
    /// a slide build the cell is the slot `slot`, sized to the largest thing it shows in any
    /// frame, and empty unless `shown`.
    func cell(_ slot: String, _ context: SlotBook.Context, attributes: String, html: String, shown: Bool) -> String {
        guard let frame else { return "<TD" + attributes + ">" + html + "</TD>" }
        frame.book.note(slot, context: context, attributes: attributes, html: html)
        var size = ""
        if let fixed = frame.book.sizes[slot] {
            size = " WIDTH=\"\(fixed.width)\" HEIGHT=\"\(fixed.height)\""
        }
        return "<TD" + attributes + size + ">" + (shown ? html : "") + "</TD>"
    }

    /// An edge's label in a frame: its local derivative in a slot, shown once the backward pass
    /// has reached the edge.
    func frameEdgeLabel(index: Int, html: String) -> String {
        let shown = frame?.reveal.edgeLabels.contains(index) ?? true
        return "<TABLE" + Self.bareTable(padding: 0) + "><TR>"
            + cell("edge\(index)", edgeContext, attributes: "", html: html, shown: shown) + "</TR></TABLE>"
    }

    /// The graph label of a frame: the caption (unless captions are off) above the legend
    /// (unless the frame draws its graph part only).
    func frameGraphLabel() -> String? {
        let legend = frame?.part == .graph ? nil : legendHTML()
        guard let frame, frame.captions else { return legend }
        let caption = captionHTML(frame.reveal.caption)
        var rows =
            "<TR>" + cell("caption", captionContext, attributes: " CELLPADDING=\"6\"", html: caption, shown: true)
            + "</TR>"
        if let legend { rows += "<TR><TD>" + legend + "</TD></TR>" }
        return "<TABLE" + Self.bareTable(padding: 0) + ">" + rows + "</TABLE>"
    }

    /// A caption in the text colour, its lines (`<BR/>`) spaced apart: Graphviz sets lines
    /// one font height apart, so a line's subscripts (w₁⁽¹⁾) touched the superscripts of the
    /// line under it. A blank line of half the body size goes between them (lines about 1.5 times as far apart).
    func captionHTML(_ caption: LabelText?) -> String {
        guard let caption else { return "" }
        let gap = "<BR/><FONT POINT-SIZE=\"" + Self.decimal(options.fontSize / 2) + "\"> </FONT><BR/>"
        return caption.font(color: style.text).html.replacingOccurrences(of: "<BR/>", with: gap)
    }

    /// A frame's legend alone, as a DOT graph of one node on the figure's background, or
    /// `nil` without a `wrt` legend. Every frame's legend has the same size (its cells are
    /// slots), so a slide that places it apart from the graph keeps its geometry.
    func frameLegendDOT() -> String? {
        guard let legend = legendHTML() else { return nil }
        let graph: DOTAttributes = [
            "bgcolor": .text(options.transparent ? "transparent" : style.background),
            "charset": .text("UTF-8"), "margin": .text("0"), "pad": .text("0.1"),
            "dpi": .text(Self.decimal(options.dpi ?? FigureOptions.defaultDPI)),
        ]
        let node: DOTAttributes = [
            "shape": .text("plain"), "fontname": .text(options.fontName), "fontsize": .text(bodySize),
            "fontcolor": .text(style.text), "label": .html(legend),
        ]
        return "digraph " + DOTEscape.quoted(options.graphName) + " {\n"
            + graph.statements.map { "  " + $0 + ";\n" }.joined() + "  legend " + node.text + ";\n}\n"
    }
}
