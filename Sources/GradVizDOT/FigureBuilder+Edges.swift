import GradVizEngine
import GradVizExplain

extension FigureBuilder {
    /// The attributes of one edge of the view: plain, or on highlighted paths in their colours
    /// (``pathEdgeAttributes(_:)``). An edge from a data leaf (``carriesDerivative(_:)``) has no
    /// label.
    func edgeAttributes(index: Int, edge: FlowEdge) -> DOTAttributes {
        if let pruning, pruning.stubs.contains(edge.from) { return stubEdgeAttributes() }
        var label: DOTAttributes.Value?
        if options.showEdgeLabels && !isLarge && carriesDerivative(edge) {
            label = .html(
                frame == nil ? edgeLabel(edge).html : frameEdgeLabel(index: index, html: edgeLabel(edge).html))
        }
        var attributes: DOTAttributes
        if let numbers = pathsOfEdge[index], !numbers.isEmpty {
            attributes = pathEdgeAttributes(numbers)
        } else {
            attributes = [:]
            if unreachable.contains(edge.to) {
                attributes["color"] = .text(style.dimmedEdge)
                attributes["style"] = .text("dashed")
            }
        }
        attributes["label"] = label
        if label != nil, entersCluster(edge) { attributes["minlen"] = .text("2") }
        if options.elementIDs { attributes["id"] = .text(Self.elementID(ofEdge: index)) }
        return attributes
    }

    /// Whether `edge` runs from a computed node drawn outside every cluster into a module's
    /// cluster. Graphviz puts such an edge's label in the rank just before its head, beside the
    /// cluster's block, where it sat on the cluster's border (`∂ŷ/∂h` on `fc2`'s, with the
    /// activation drawn between the layers); one rank more (`minlen=2`, set only on labelled
    /// edges) puts the label beside the cluster's first nodes, clear of its border. A leaf takes
    /// the rank before its head anyway, and between two clusters (the tensor model's
    /// `activation` into `linear2`) the longer edge put the label on the border instead, so
    /// both are left alone, as are figures past ``maxSymbolicEdgeLabels`` edges (the expanded
    /// MLP, whose three h → ŷ₁ edges, one rank longer, reshuffled `fc2`'s weights).
    func entersCluster(_ edge: FlowEdge) -> Bool {
        symbolicEdgeLabels && graph.op(of: edge.from) != .leaf
            && tree.cluster(ofModule: graph.module(of: edge.from)) == nil
            && tree.cluster(ofModule: graph.module(of: edge.to)) != nil
    }

    /// How an edge on the highlighted paths `numbers` (as listed) is drawn: one edge with a
    /// colour list, `color="#D55E00:#0072B2"`, which Graphviz draws as one line per colour side
    /// by side, so an edge that several paths share is still one edge of the layout.
    ///
    /// Slot i of the list is path `numbers[i]`, in its colour when lit; a slot a frame does not
    /// light is transparent, except the first, which keeps the plain edge colour, so the edge
    /// and its arrowhead (drawn in the first colour) stay visible. Every frame thus draws the
    /// same lines in the same places. The dash pattern (the print theme's) is the first lit
    /// path's.
    func pathEdgeAttributes(_ numbers: [Int]) -> DOTAttributes {
        let lit = numbers.map { frame?.reveal.lights(path: $0) ?? true }
        guard let first = numbers.indices.first(where: { lit[$0] }) else {
            var attributes: DOTAttributes = [:]
            if numbers.count > 1 {
                let unlit = [plainEdgeColor] + Array(repeating: "transparent", count: numbers.count - 1)
                attributes["color"] = .text(unlit.joined(separator: ":"))
            }
            return attributes
        }
        let colors = numbers.indices.map { slot in
            lit[slot]
                ? style.paths[numbers[slot] % style.paths.count].color : slot == 0 ? plainEdgeColor : "transparent"
        }
        return [
            "color": .text(colors.joined(separator: ":")),
            "fontcolor": .text(style.text),
            "penwidth": .text("2.6"),
            "style": .text(style.paths[numbers[first] % style.paths.count].style),
        ]
    }

    /// Whether the figure writes a local derivative on `edge`: not when it leaves a data leaf
    /// (`constant x`), which gets no gradient, so nothing flows back along the edge.
    package func carriesDerivative(_ edge: FlowEdge) -> Bool {
        !graph.isData(edge.from)
    }

    /// The most edges for which edge labels spell out `∂v/∂u = …`; busier figures show only the
    /// numbers, which keeps them narrow enough for a slide (the ends name the derivative).
    static let maxSymbolicEdgeLabels = 12

    /// Whether edge labels name their derivative.
    var symbolicEdgeLabels: Bool { drawnEdges.count <= Self.maxSymbolicEdgeLabels }

    /// A faint edge from a pruned figure's stub: an input read from off the paths.
    func stubEdgeAttributes() -> DOTAttributes {
        [
            "arrowsize": .text("0.5"), "color": .text(style.dimmedEdge), "penwidth": .text("0.8"),
            "style": .text("dashed"),
        ]
    }

    /// The local derivative on an edge: `∂v/∂u = 1`, `∂L/∂ŷ =` and a small vector drawn as a
    /// column (a matrix row by row) as nodes draw them, the numbers alone when an end is unnamed, or for a Jacobian (or a gradient too large to print) its shape under
    /// its symbol, `∂h/∂W` over `[2]×[2, 3]` (`J: [2]×[2, 3]` when an end is unnamed).
    ///
    /// Two short lines rather than one long one: in a left-to-right layout every edge label
    /// widens the gap between two ranks. An input that an elementwise op broadcasts (the bias of
    /// `X @ W + b`) gets a third line saying so, `broadcast [3] → [4, 3]`: its gradient is the
    /// sum over the repeated rows or columns.
    func edgeLabel(_ edge: FlowEdge) -> LabelText {
        let symbol = symbolicEdgeLabels ? edgePartial(of: edge.to, by: edge.from) : nil
        func shape(_ text: String) -> LabelText {
            guard let symbol else { return LabelText((edge.factor == nil ? "J: " : "∂: ") + text) }
            return symbol + LabelText(html: "<BR/>", plain: " ") + LabelText(text)
        }
        guard let factor = edge.factor else {
            let jacobian = shape(graph.shape(of: edge.to).description + "×" + graph.shape(of: edge.from).description)
            guard let broadcast = broadcastNote(edge) else { return jacobian }
            return jacobian + LabelText(html: "<BR/>", plain: " ") + LabelText(broadcast)
        }
        if factor.shape.isScalar {
            let text = LabelText(numbers.string(factor.scalar))
            if options.edgeLabels != .value, let formula = formulaLabel(edge) {
                // The formula, and with `both` the number under it.
                let head = symbol.map { $0 + LabelText(" = ") } ?? LabelText("")
                guard options.edgeLabels == .both else { return head + formula }
                return head + formula + LabelText(html: "<BR/>", plain: " ") + LabelText("= ") + text
            }
            guard let symbol else { return text }
            return symbol + LabelText(" = ") + text
        }
        if MatrixTable.fits(factor.shape) && factor.isShownInline {
            // Drawn as a node draws it (a vector as a column); an HTML label holding a table is
            // all table, so the symbol gets a cell of its own.
            let table = MatrixTable.html(factor, numbers: numbers, color: style.muted, inheritText: true)
            let plain = numbers.columnString(factor)
            guard let symbol else { return LabelText(html: table, plain: plain) }
            return LabelText(
                html: "<TABLE" + Self.bareTable(padding: 0) + "><TR><TD>" + (symbol + LabelText(" =\u{A0}")).html
                    + "</TD><TD>" + table + "</TD></TR></TABLE>",
                plain: symbol.plain + " =\u{A0}" + plain)
        }
        return shape(factor.shape.description)
    }

    /// `broadcast [3] → [4, 3]` when `edge.from` is a non-scalar operand that the elementwise op
    /// at `edge.to` repeats over rows or columns; `nil` otherwise (a scalar operand is the
    /// ordinary case and says nothing).
    func broadcastNote(_ edge: FlowEdge) -> String? {
        let op = graph.op(of: edge.to)
        let from = graph.shape(of: edge.from)
        let to = graph.shape(of: edge.to)
        guard op.isElementwise, op.arity == 2, !from.isScalar, from.isBroadcast(to: to),
            graph.inputs(of: edge.to).contains(edge.from)
        else { return nil }
        return "broadcast \(from) → \(to)"
    }

    /// The local derivative's formula on `edge` as label text, subscripts and superscripts set
    /// as such (w<SUB>1</SUB>·x + b<SUB>1</SUB>); `nil` when the edge has no formula or its
    /// formula is a constant (the number says it).
    func formulaLabel(_ edge: FlowEdge) -> LabelText? {
        guard let formula = view.formula(along: edge), formula.constant == nil else { return nil }
        return DisplayName.scripted(view.formulaText(formula, numbers: numbers), limit: nil)
    }
}
