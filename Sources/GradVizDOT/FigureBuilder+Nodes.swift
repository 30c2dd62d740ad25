import GradVizEngine
import GradVizExplain

extension FigureBuilder {
    /// What a node is, which decides its shape and colours.
    package enum NodeKind {
        /// An input or parameter.
        case leaf
        /// A value computed from others.
        case computed
        /// The output whose gradient the figure shows.
        case output
    }

    package func kind(of node: NodeID) -> NodeKind {
        if node == view.output { return .output }
        return graph.op(of: node) == .leaf ? .leaf : .computed
    }

    /// The shape and colours of a node of this kind (before muting an unreachable one).
    func look(of node: NodeID) -> ThemeStyle.NodeLook {
        switch kind(of: node) {
        case .leaf: graph.isData(node) ? style.data : style.leaf
        case .computed: view.kind == .ops && names[node] == nil ? style.operation : style.computed
        case .output: style.output
        }
    }

    /// `n12 [label=<…>, shape=…];`
    func nodeStatement(_ node: NodeID) -> String {
        if let pruning, pruning.stubs.contains(node) {
            return node.description + " " + stubAttributes(LabelText("") + shortName(of: node)).text + ";"
        }
        var look = look(of: node)
        if unreachable.contains(node) {
            let shape = look.shape
            look = style.unreachable
            look.shape = shape
        }
        var attributes: DOTAttributes = [
            "color": .text(look.border),
            "fillcolor": .text(look.fill),
            "label": .html(nodeLabel(node)),
            "penwidth": .text(look.penwidth),
            "shape": .text(look.shape),
            "style": .text(look.style),
        ]
        if look.peripheries != 1 { attributes["peripheries"] = .text(String(look.peripheries)) }
        // A cut name is whole in the tooltip (SVG `<title>` of the node's link).
        if let full = fullNames[node] { attributes["tooltip"] = .text(DOTEscape.tooltip(full)) }
        if options.elementIDs { attributes["id"] = .text(Self.elementID(of: node)) }
        if unreachable.contains(node) { attributes["fontcolor"] = .text(style.muted) }
        if let listing, listing.wrt == node, frame?.reveal.legend != .hidden {
            attributes["color"] = .text(style.highlight)
            attributes["penwidth"] = .text("3")
        }
        return node.description + " " + attributes.text + ";"
    }

    /// A pruned figure's stub: an input read from off the listed paths, faint and small, with
    /// only its name (`class="stub"` in SVG).
    func stubAttributes(_ label: LabelText) -> DOTAttributes {
        [
            "class": .text("stub"),
            "color": .text(style.dimmedEdge),
            "fontcolor": .text(style.muted),
            "fontsize": .text(smallSize),
            "label": .html(label.html),
            "shape": .text("box"),
            "style": .text("rounded,dashed"),
        ]
    }

    /// The stub that stands for a node's many off-path inputs: `+ 20 inputs`.
    func countedStubAttributes(_ inputs: Int) -> DOTAttributes {
        stubAttributes(LabelText("+ \(inputs) inputs"))
    }

    /// The SVG id of a node's group when ``FigureOptions/elementIDs`` is set.
    package static func elementID(of node: NodeID) -> String { "gvn\(node.index)" }

    /// The SVG id of edge `index` of the view (its first statement).
    package static func elementID(ofEdge index: Int) -> String { "gve\(index)" }

    /// How a node is called in text: its display name, or its op for an unnamed op node.
    package func shortName(of node: NodeID) -> LabelText {
        if let name = names[node] { return name }
        let op = graph.op(of: node)
        return LabelText(op == .leaf ? node.description : op.symbol)
    }

    /// `∂L/∂x` with display names, or `nil` when either end is unnamed.
    package func partial(of numerator: NodeID, by denominator: NodeID) -> LabelText? {
        guard let top = names[numerator], let bottom = names[denominator] else { return nil }
        return LabelText("∂") + top + LabelText("/∂") + bottom
    }

    /// `∂v/∂u` for the local derivative on an edge, or `nil` when an end is unnamed or when, in
    /// the ops view, `parent` is both operands of `child` (`x * x`): each of those two edges
    /// carries half of ∂v/∂u, so the symbol would be wrong.
    package func edgePartial(of child: NodeID, by parent: NodeID) -> LabelText? {
        if view.kind == .ops && graph.inputs(of: child).filter({ $0 == parent }).count > 1 { return nil }
        return partial(of: child, by: parent)
    }

    // MARK: Label

    /// What a data leaf (`constant x`) is drawn with instead of a gradient, and what the page
    /// says of it and of its edges.
    package static let dataCaption = "data, no gradient"

    /// The HTML-like table of a node: its title, value, gradient and any kink warning; in a
    /// large figure, its ``compactLabel(_:)``.
    func nodeLabel(_ node: NodeID) -> String {
        if isLarge && frame == nil { return compactLabel(node) }
        var rows: [String] = []
        rows.append(row(title(of: node).html, columns: 3))
        // A long expression's lines are rows of their own: a line break inside one cell set
        // the second line against the first one's subscripts.
        for line in subtitleLines(of: node) ?? [] {
            rows.append(row(line.font(size: smallSize).html, columns: 3))
        }
        if graph.isData(node) {
            rows.append(row(LabelText(Self.dataCaption).font(color: style.muted, size: smallSize).html, columns: 3))
        }
        let value = graph.value(of: node)
        var valueCaption = LabelText("value")
        if !value.shape.isScalar { valueCaption += LabelText(" " + value.shape.description) }
        let valueShown = frame?.reveal.values.contains(node) ?? true
        rows += tensorRows(
            slot: "\(node).value", caption: valueCaption.font(color: style.muted, size: smallSize), captionSlot: nil,
            tensor: value, color: style.text, shown: valueShown)
        rows += markRows(node, gradient: false, shown: valueShown)
        if let note = unreachableNote(node) { rows.append(row(note.html, columns: 3)) }
        if options.showGradients || frame != nil, graph.wantsGradient(node), let gradient = graph.gradient(of: node) {
            let caption = partial(of: view.output, by: node) ?? LabelText("grad")
            let shown = frame == nil ? gradient : frame?.reveal.gradients[node]
            rows += tensorRows(
                slot: "\(node).gradient", caption: caption.font(color: style.gradient, size: smallSize),
                captionSlot: "\(node).gradientCaption", tensor: shown ?? gradient, color: style.gradient,
                shown: shown != nil, partial: frame?.reveal.partial.contains(node) ?? false)
            // A gradient's mark shows with its final number, not with a partial sum.
            let final = frame.map { $0.reveal.gradients[node] != nil && !$0.reveal.partial.contains(node) } ?? true
            rows += markRows(node, gradient: true, shown: final)
        }
        if let copied = copiesCaption(of: node) {
            rows.append(row(copied.font(color: style.muted, size: smallSize).html, columns: 3))
        }
        if let kink = kinkNote(node) {
            let html = kink.font(color: style.warning, size: smallSize).html
            rows.append(
                "<TR>" + cell("\(node).kink", nodeContext, attributes: " COLSPAN=\"3\"", html: html, shown: valueShown)
                    + "</TR>")
        }
        return "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">"
            + rows.joined() + "</TABLE>"
    }

    /// A large figure's node: one line of its title, value and gradient (`grad −0.43`, in the
    /// gradient colour), with no table and no other captions; any note (a kink, a muted node's reason) on a
    /// second line. Graphviz sizes a table cell by cell, and at the scale a figure of hundreds
    /// of nodes is drawn the captions cannot be read: for the ops-view MLP(2, [16, 16, 1])
    /// (982 nodes) the tables and edge labels were three quarters of the render time
    /// (bench/RESULTS.md). One line keeps a left-to-right figure's columns short, so it is
    /// drawn larger.
    func compactLabel(_ node: NodeID) -> String {
        var parts = [title(of: node).html]
        if let subtitle = subtitle(of: node) { parts.append(subtitle.font(size: smallSize).html) }
        parts.append(tensorHTML(graph.value(of: node), color: style.text))
        if showsCompactGradient(node), let gradient = graph.gradient(of: node) {
            // Captioned as micrograd's draw_dot does, so the print theme, without colour, tells it
            // from the value.
            parts.append(
                LabelText("grad ").font(color: style.gradient, size: smallSize).html
                    + tensorHTML(gradient, color: style.gradient))
        }
        var notes: [String] = []
        if graph.isData(node) { notes.append(LabelText("data").font(color: style.muted, size: smallSize).html) }
        if let note = unreachableNote(node) { notes.append(note.html) }
        if let copied = copiesCaption(of: node) { notes.append(copied.font(color: style.muted, size: smallSize).html) }
        if let kink = kinkNote(node) { notes.append(kink.font(color: style.warning, size: smallSize).html) }
        notes += compactMarks(node)
        return ([parts.joined(separator: "  ")] + notes).joined(separator: "<BR/>")
    }

    /// Why a muted node is muted, `no edge to L` (data) or `does not reach L`; `nil` for a node
    /// on the way to the output.
    private func unreachableNote(_ node: NodeID) -> LabelText? {
        guard unreachable.contains(node), let output = names[view.output] else { return nil }
        return (LabelText(graph.isData(node) ? "no edge to " : "does not reach ") + output)
            .font(color: style.muted, size: smallSize)
    }

    private func row(_ html: String, columns: Int) -> String {
        "<TR><TD COLSPAN=\"\(columns)\">" + html + "</TD></TR>"
    }

    /// A value or gradient with its caption: side by side for a number or a norm, the caption
    /// above for a matrix of entries. Stacking keeps tensor nodes narrow, and a left-to-right
    /// figure runs out of width long before height: beside its matrix, the caption made the
    /// tensor model's figure a third wider and its text unreadably small on a slide.
    ///
    /// In a slide-build frame the value cell is the slot `slot` (and the caption the slot
    /// `captionSlot`, if given), blank unless `shown`; `partial` marks a gradient still summing.
    private func tensorRows(
        slot: String, caption: LabelText, captionSlot: String?, tensor: Tensor, color: String, shown: Bool,
        partial: Bool = false
    ) -> [String] {
        func captionCell(_ attributes: String) -> String {
            guard let captionSlot else { return "<TD" + attributes + ">" + caption.html + "</TD>" }
            return cell(captionSlot, nodeContext, attributes: attributes, html: caption.html, shown: shown)
        }
        let valueHTML = tensorHTML(tensor, color: color, partial: partial)
        guard showsEntries(tensor) else {
            return [
                "<TR>" + captionCell(" ALIGN=\"LEFT\"") + "<TD WIDTH=\"10\"></TD>"
                    + cell(slot, nodeContext, attributes: " ALIGN=\"RIGHT\"", html: valueHTML, shown: shown) + "</TR>"
            ]
        }
        return [
            "<TR>" + captionCell(" COLSPAN=\"3\" ALIGN=\"LEFT\" CELLPADDING=\"2\"") + "</TR>",
            "<TR>" + cell(slot, nodeContext, attributes: " COLSPAN=\"3\"", html: valueHTML, shown: shown) + "</TR>",
        ]
    }

    /// Whether a tensor is drawn entry by entry (a small matrix) rather than as one number.
    private func showsEntries(_ tensor: Tensor) -> Bool {
        !tensor.shape.isScalar && MatrixTable.fits(tensor.shape) && !isLarge
    }

    /// The node's name in the title font: `ŷ` (vars view), `a` or `×` (ops view).
    func title(of node: NodeID) -> LabelText {
        if let name = names[node] { return name.bold.font(size: titleSize) }
        if view.kind == .ops && graph.op(of: node) != .leaf { return opCaption(node).bold.font(size: titleSize) }
        return LabelText(node.description).bold.font(size: titleSize)
    }

    /// What the node computes, under its name: `= w₂·h + b₂` in the vars view, the op in the
    /// ops view (`relu`, `× 2`); `nil` for leaves and for unnamed ops (whose title is the op).
    /// One line (captions and the page use it); a node's label writes it with ``subtitleLines(of:)``.
    package func subtitle(of node: NodeID) -> LabelText? {
        let op = graph.op(of: node)
        guard op != .leaf, op != .constant else { return nil }
        switch view.kind {
        case .vars:
            guard !isLarge else { return nil }
            let printer = ExpressionText(graph: graph, numbers: numbers) { id in
                view.contains(id) ? shortName(of: id) : nil
            }
            return LabelText("= ") + (printer.expression(of: node) ?? printer.summary(of: node))
        case .ops:
            return names[node] == nil ? nil : opCaption(node)
        }
    }

    /// ``subtitle(of:)`` as a node's label writes it: an expression longer than
    /// ``ExpressionText/maxLength`` on up to ``ExpressionText/maxLines`` lines, broken before a
    /// `+` or `−` of its outermost sum (``ExpressionText/lines(of:)``) rather than cut to its last
    /// operation; one line otherwise.
    func subtitleLines(of node: NodeID) -> [LabelText]? {
        guard let subtitle = subtitle(of: node) else { return nil }
        guard view.kind == .vars else { return [subtitle] }
        let printer = ExpressionText(graph: graph, numbers: numbers) { id in
            view.contains(id) ? shortName(of: id) : nil
        }
        guard printer.expression(of: node) == nil, var lines = printer.lines(of: node), !lines.isEmpty else {
            return [subtitle]
        }
        lines[0] = LabelText("= ") + lines[0]
        return lines
    }

    /// An op with its constant operands: `×`, `relu`, `(·)²`, `− 1`, `2 ×`.
    func opCaption(_ node: NodeID) -> LabelText {
        let op = graph.op(of: node)
        let inputs = graph.inputs(of: node)
        guard inputs.count == 2 else { return LabelText(op.symbol) }
        let constant = { (id: NodeID) -> String? in
            guard self.graph.op(of: id) == .constant, self.graph.shape(of: id).count <= Tensor.maxInlineEntries else {
                return nil
            }
            return self.numbers.columnString(self.graph.value(of: id))
        }
        if op == .pow, let exponent = constant(inputs[1]) {
            return LabelText("(·)") + LabelText(exponent).superscript
        }
        if let rhs = constant(inputs[1]) { return LabelText(op.symbol + " " + rhs) }
        if let lhs = constant(inputs[0]) { return LabelText(lhs + " " + op.symbol) }
        return LabelText(op.symbol)
    }

    /// A value or gradient: one number, a bracketed matrix of a small tensor, or the shape and
    /// norm of a large one.
    /// `partial` marks a scalar gradient that is still a partial sum (a slide build's frame).
    func tensorHTML(_ tensor: Tensor, color: String, partial: Bool = false) -> String {
        if tensor.shape.isScalar {
            return LabelText(numbers.string(tensor.scalar) + (partial ? " + …" : "")).font(color: color).html
        }
        if showsEntries(tensor) {
            return MatrixTable.html(tensor, numbers: numbers, color: color)
        }
        return LabelText("‖·‖ = " + numbers.string(tensor.norm)).font(color: color).html
    }

    /// A warning for a node evaluated at a kink (relu or abs at 0, max or min at a tie), where the
    /// derivative does not exist and the convention 0 is used. In the vars view this covers
    /// the unnamed ops folded into the node.
    func kinkNote(_ node: NodeID) -> LabelText? {
        var kinked: NodeID?
        if graph.isKink(node) {
            kinked = node
        } else if view.kind == .vars && graph.op(of: node) != .leaf && !isLarge, let firstKink, firstKink < node {
            var stack = graph.inputs(of: node)
            var seen = Set<NodeID>()
            while let id = stack.popLast(), kinked == nil {
                guard !view.contains(id), seen.insert(id).inserted else { continue }
                if graph.isKink(id) { kinked = id }
                stack += graph.inputs(of: id)
            }
        }
        guard let kinked else { return nil }
        return LabelText("⚠ " + KinkNote.caption(for: graph.op(of: kinked)))
    }
}
