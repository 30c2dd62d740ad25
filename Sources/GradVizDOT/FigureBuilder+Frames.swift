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

    /// The graph label of a frame: the caption (unless captions are off) above the legend.
    func frameGraphLabel() -> String? {
        let legend = legendHTML()
        guard let frame, frame.captions else { return legend }
        let caption = frame.reveal.caption?.font(color: style.text).html ?? ""
        var rows =
            "<TR>" + cell("caption", captionContext, attributes: " CELLPADDING=\"6\"", html: caption, shown: true)
            + "</TR>"
        if let legend { rows += "<TR><TD>" + legend + "</TD></TR>" }
        return "<TABLE" + Self.bareTable(padding: 0) + ">" + rows + "</TABLE>"
    }
}
