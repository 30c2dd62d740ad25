import GradVizEngine
import GradVizExplain
import GradVizNotation

extension FigureBuilder {
    /// The most local derivatives a legend row spells out; longer paths show only the product.
    package static let maxLegendFactors = 8

    /// The legend of a `wrt` figure: one row per highlighted path (its line sample, nodes,
    /// factors and product), then the sum of the products beside the backward gradient.
    func legendHTML() -> String? {
        guard let listing else { return nil }
        var rows: [String] = []
        let heading = legendHeading(listing)
        let headingShown = frame.map { $0.reveal.legend != .hidden } ?? true
        rows.append(
            "<TR>"
                + legendCell(
                    "legend.heading", " COLSPAN=\"\(Self.legendColumns)\" ALIGN=\"LEFT\"", heading.html,
                    shown: headingShown)
                + "</TR>")
        if !listing.paths.isEmpty {
            let header = ["", "path", "local derivatives", "", "product", ""].enumerated().map { column, text in
                legendCell(
                    "legend.header.\(column)", " ALIGN=\"LEFT\"",
                    LabelText(text).font(color: style.muted, size: smallSize).html, shown: headingShown)
            }
            rows.append("<TR>" + spaced(header) + "</TR>")
        }
        for (number, path) in listing.paths.enumerated() {
            let look = style.paths[number % style.paths.count]
            let sample = LabelText(look.sample).font(color: look.color).html
            let route = LabelText.joined(path.nodes.map { shortName(of: $0) }, separator: LabelText(" → "))
            let cells = [sample, route.html, factorsText(path).html, "", productHTML(path.product), ""]
            let shown = frame?.reveal.showsLegendRow(path: number) ?? true
            let row = cells.enumerated().map { column, html in
                legendCell("legend.path\(number).\(column)", " ALIGN=\"LEFT\"", html, shown: shown)
            }
            rows.append("<TR>" + spaced(row) + "</TR>")
        }
        rows.append("<HR/>")
        rows += sumRows(listing)
        let hidden = frame?.reveal.legend == .hidden
        return "<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"4\" COLOR=\""
            + DOTEscape.html(hidden ? "transparent" : style.legendBorder) + "\""
            + (hidden ? "" : " BGCOLOR=\"" + DOTEscape.html(style.legendFill) + "\"") + ">"
            + rows.joined() + "</TABLE>"
    }

    /// The legend's columns: the line sample, the path, a gap, the local derivatives, a gap,
    /// an empty column, the product, a gap and the check mark.
    static let legendColumns = 9

    /// The gap between the legend's path, local derivatives, product and mark columns, in
    /// points: half the font size, so that at every font size (and drawn at any scale, where
    /// hinting makes a text a little wider than measured) each column stays clear of the next.
    var legendGap: String { Self.decimal(max(4, (options.fontSize / 2).rounded())) }

    /// A gap cell of ``legendGap``, the same in every frame of a build.
    private var gapCell: String { "<TD WIDTH=\"" + legendGap + "\"></TD>" }

    /// A row of the six legend cells (sample, path, local derivatives, empty, product, mark)
    /// with the gaps between them: after the path, the local derivatives and the product.
    private func spaced(_ cells: [String]) -> String {
        var html = ""
        for (column, cell) in cells.enumerated() {
            html += cell
            if column == 1 || column == 2 || column == 4 { html += gapCell }
        }
        return html
    }

    /// How one entry of a tensor node is displayed (w₁,₁⁽¹⁾ for entry 0 of W⁽¹⁾).
    private func entryName(of node: NodeID, entry: Int) -> LabelText {
        let shape = graph.shape(of: node)
        let indices = EntryName(tensor: "", shape: shape, entry: entry).indices
        return DisplayName.scripted(
            DisplayLabel.entry(ofTensor: view.label(of: node), rank: shape.rank, indices: indices))
    }

    /// `∂L/∂w₁` (`∂L/∂w₁,₁⁽¹⁾` for one entry of a tensor), with the op or tape name for an
    /// unnamed end.
    func gradientSymbol(for listing: PathListing) -> LabelText {
        let wrt = listing.wrt
        let wrtName = listing.entry.map { entryName(of: wrt, entry: $0) } ?? shortName(of: wrt)
        return (listing.entry == nil ? partial(of: view.output, by: wrt) : nil)
            ?? (LabelText("∂") + shortName(of: view.output) + LabelText("/∂") + wrtName)
    }

    /// `∂L/∂w₁ by the chain rule: 2 paths from w₁ to L` (`, the 8 largest shown` when cut).
    package func legendHeading(_ listing: PathListing) -> LabelText {
        let wrt = listing.wrt
        let count = listing.totalCount
        let noun = count == "1" ? "path" : "paths"
        var heading =
            gradientSymbol(for: listing).bold
            + LabelText(" by the chain rule: " + count + " " + noun + " from ")
            + shortName(of: wrt) + LabelText(" to ") + shortName(of: view.output)
        if let entry = listing.entry {
            heading += LabelText(", ") + entryName(of: wrt, entry: entry) + LabelText("'s share of each")
        }
        if !listing.isComplete {
            heading += LabelText(", the \(listing.paths.count) largest shown")
        }
        return heading
    }

    /// One cell of the legend; in a slide-build frame, a slot blank unless `shown`.
    private func legendCell(_ slot: String, _ attributes: String, _ html: String, shown: Bool) -> String {
        cell(slot, legendContext, attributes: attributes, html: html, shown: shown)
    }

    /// `∂L/∂o · ∂o/∂a₁ · ∂a₁/∂w₁ = 2 · 0.5 · 3`: the factors from the output inward, as the
    /// lecture writes the chain rule (``ChainPath/factorsFromOutput``); numbers only when a
    /// node is unnamed.
    /// `formulas` (by default with `--edge-labels formula` or `both`) puts the formulas' product
    /// on a line between the symbols and the numbers; without `numbers`, the symbols' and the
    /// formulas' products alone (``ProductText/equation(symbols:formulas:numbers:)``).
    package func factorsText(
        _ path: PathListing.Path, formulas withFormulas: Bool? = nil, numbers withNumbers: Bool = true
    )
        -> LabelText
    {
        let withFormulas = withFormulas ?? (options.edgeLabels != .value)
        guard path.factors.count <= Self.maxLegendFactors else {
            return LabelText("\(path.factors.count) factors").font(color: style.muted)
        }
        var symbols: [LabelText] = []
        var values: [LabelText] = []
        var formulas: [LabelText] = []
        var hasFormula = false
        for (index, factor) in path.factors.enumerated().reversed() where index + 1 < path.nodes.count {
            let (parent, child) = (path.nodes[index], path.nodes[index + 1])
            if let symbol = edgePartial(of: child, by: parent) { symbols.append(symbol) }
            if withFormulas {
                // A factor as a formula (a sum in parentheses), or as its number without one.
                let edge = path.edges.indices.contains(index) ? view.edges[path.edges[index]] : nil
                if let edge, let formula = formulaFactor(edge, inProduct: path.factors.count > 1) {
                    formulas.append(formula)
                    hasFormula = true
                } else if let factor, factor.shape.isScalar {
                    formulas.append(
                        LabelText(
                            ProductText.factor(
                                numbers.string(factor.scalar), negative: factor.scalar < 0, first: formulas.isEmpty)))
                } else {
                    formulas.append(symbols.last ?? LabelText("J"))
                }
            }
            if let factor, factor.isShownInline {
                let negative = factor.shape.isScalar && factor.scalar < 0
                values.append(
                    LabelText(
                        ProductText.factor(numbers.columnString(factor), negative: negative, first: values.isEmpty)))
            } else {
                let shape =
                    factor?.shape.description
                    ?? graph.shape(of: child).description + "×" + graph.shape(of: parent).description
                values.append(LabelText("J" + shape))
            }
        }
        // With a formula, the formula line, then the numbers under it.
        return ProductText.equation(
            symbols: symbols, formulas: hasFormula ? formulas : nil, numbers: withNumbers ? values : nil)
    }

    /// The formula of `edge`'s local derivative, subscripts set as such, as a factor of a
    /// product when `inProduct` (a sum or a negation in parentheses, `(w₁·x + b₁)`); `nil` when
    /// the edge has no formula or its formula is a constant (the number says it).
    package func formulaFactor(_ edge: FlowEdge, inProduct: Bool) -> LabelText? {
        guard let formula = view.formula(along: edge), formula.constant == nil else { return nil }
        let text = view.formulaText(formula, numbers: numbers)
        let wrap = inProduct && Self.needsParentheses(formula)
        return DisplayName.scripted(wrap ? "(" + text + ")" : text, limit: nil)
    }

    /// Whether a formula written as one factor of a product needs parentheses: a sum or
    /// difference, or a negation.
    static func needsParentheses(_ formula: Formula) -> Bool {
        switch formula {
        case .add, .subtract, .negate: true
        default: false
        }
    }

    /// A product or gradient: a number, a small matrix, or the norm of a large tensor.
    private func productHTML(_ tensor: Tensor, color: String? = nil) -> String {
        let color = color ?? style.text
        if tensor.shape.isScalar { return LabelText(numbers.string(tensor.scalar)).bold.font(color: color).html }
        if MatrixTable.fits(tensor.shape) { return MatrixTable.html(tensor, numbers: numbers, color: color) }
        return LabelText("‖·‖ = " + numbers.string(tensor.norm)).bold.font(color: color).html
    }

    /// One line under the paths: a caption, a value (a tensor, or text such as "0")
    /// and the check mark.
    package struct SumLine {
        package var caption: LabelText
        package var value: Tensor?
        package var text: LabelText?
        package var mark: String
        /// Whether the value is the backward gradient (drawn in the gradient colour).
        package var isGradient: Bool
    }

    /// The sum of the products, then the backward gradient, marked ✓ when they agree (to 1e-9
    /// relative): the chain rule's claim, checked.
    package func sumLines(_ listing: PathListing) -> [SumLine] {
        var lines: [SumLine] = []
        var mark = ""
        let count = listing.totalCount
        if count == "0" {
            lines.append(
                SumLine(
                    caption: LabelText("no path reaches ") + shortName(of: view.output), value: nil,
                    text: LabelText("0").bold, mark: "", isGradient: false))
        } else {
            let sum = listing.pathSum
            let agrees = listing.sumAgrees
            mark = agrees ? "✓" : "≠ sum"
            // One path: its product is the whole sum, shown just above.
            if count != "1" {
                lines.append(
                    SumLine(
                        caption: LabelText("Σ over all \(count) paths"), value: sum, text: nil, mark: "",
                        isGradient: false))
            }
        }
        let caption = gradientSymbol(for: listing).font(color: style.gradient) + LabelText(" from the backward pass")
        lines.append(SumLine(caption: caption, value: listing.gradient, text: nil, mark: mark, isGradient: true))
        return lines
    }

    /// The sum rows of the legend, the numbers under the product column.
    private func sumRows(_ listing: PathListing) -> [String] {
        let shown = frame.map { $0.reveal.legend == .complete } ?? true
        return sumLines(listing).enumerated().map { index, line in
            let slot = "legend.sum\(index)."
            let color = line.isGradient ? style.gradient : style.text
            let value = line.value.map { productHTML($0, color: color) } ?? (line.text?.html ?? "")
            // The caption spans the path, its gap, the local derivatives and theirs.
            return "<TR><TD></TD>"
                + legendCell(slot + "1", " COLSPAN=\"4\" ALIGN=\"RIGHT\"", line.caption.html, shown: shown)
                + "<TD></TD>" + legendCell(slot + "4", " ALIGN=\"LEFT\"", value, shown: shown) + gapCell
                + legendCell(
                    slot + "5", " ALIGN=\"LEFT\"", LabelText(line.mark).font(color: style.muted).html, shown: shown)
                + "</TR>"
        }
    }
}
