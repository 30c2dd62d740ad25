import GradVizEngine
import GradVizNotation

extension FlowView {
    /// The local derivative along `edge` as a formula over the view's nodes: in the ops view
    /// the op's own derivative over its operands, in the vars view the derivative of the
    /// child's expression (the unnamed sub-expression the edge spans written out), simplified.
    ///
    /// Never a wrong formula: it is evaluated at the point and must equal the edge's number
    /// (``FlowEdge/scalarFactor``) to within rounding, or `nil` is returned and the number is
    /// shown alone. Also `nil` for a tensor edge, an op with no scalar formula, or an expression
    /// past ``Formula/maxSize`` nodes.
    public func formula(along edge: FlowEdge) -> Formula? {
        guard let number = edge.scalarFactor, number.isFinite else { return nil }
        let formula: Formula? =
            switch kind {
            case .ops: graph.localDerivativeFormula(of: edge.to, input: edge.position)
            case .vars:
                graph.formulas(of: edge.to, wrt: edge.from, isBoundary: { $0 != edge.to && contains($0) })?.derivative
            }
        guard let derivative = formula else { return nil }
        let value = derivative.evaluate { graph.scalarValue(of: $0) }
        return FlowView.formulaAgrees(value, number) ? derivative : nil
    }

    /// Whether a formula's value equals the engine's number to within rounding (the two add
    /// the same terms in different orders).
    static func formulaAgrees(_ value: Double, _ number: Double) -> Bool {
        guard value.isFinite else { return false }
        return Swift.abs(value - number) <= 1e-9 * Swift.max(Swift.abs(value), Swift.abs(number))
    }

    /// `formula` as slide text (display labels, `2(ŷ − y)`) or LaTeX math for `target`.
    public func formulaText(_ formula: Formula, latex target: LaTeXMath.Target? = nil, numbers: NumberFormat) -> String
    {
        formulaPiece(formula, latex: target, numbers: numbers).text
    }

    /// ``formulaText(_:latex:numbers:)`` with each variable replaced by its value: 2(37 − 40).
    public func substitutedText(_ formula: Formula, latex target: LaTeXMath.Target? = nil, numbers: NumberFormat)
        -> String
    {
        substitutedPiece(formula, latex: target, numbers: numbers).text
    }

    func formulaPiece(_ formula: Formula, latex target: LaTeXMath.Target?, numbers: NumberFormat) -> FormulaText.Piece {
        let notation: FormulaText.Notation = target.map { .latex($0) } ?? .text
        return FormulaText.piece(formula, in: notation, numbers: numbers) { id in
            FormulaText.Atom(target.map { LaTeXMath.label(label(of: id), for: $0) } ?? label(of: id))
        } ?? FormulaText.Piece(text: "?", level: FormulaText.atomLevel)
    }

    func substitutedPiece(_ formula: Formula, latex target: LaTeXMath.Target?, numbers: NumberFormat)
        -> FormulaText.Piece
    {
        let notation: FormulaText.Notation = target.map { .latex($0) } ?? .text
        return FormulaText.piece(formula, in: notation, numbers: numbers) { id in
            let value = graph.scalarValue(of: id)
            let text = target == nil ? numbers.string(value) : LaTeXMath.number(value, format: numbers)
            return FormulaText.Atom(text, isNegative: value < 0)
        } ?? FormulaText.Piece(text: "?", level: FormulaText.atomLevel)
    }

    /// The formula in the `.grad` language over the script's names, or `nil` when it cannot
    /// be written there (see ``FormulaText/script(_:in:)``).
    public func scriptText(_ formula: Formula) -> String? {
        FormulaText.script(formula, in: graph)
    }
}
