import GradVizEngine
import GradVizNotation

extension Explanation {
    /// A factor written as the lecture derives it, for the human formats: the formula (when
    /// there is one that is more than a constant) and the same formula with the values put in
    /// (when it reads at most ``maxSubstitutedOccurrences`` variables: 2(37 − 40), where
    /// w₁·x + b₁ is shown as its value, 17).
    struct WrittenFactor {
        /// The formula in the notation asked for, or `nil`.
        var formula: FormulaText.Piece?
        /// The formula with values substituted, or `nil` (then the number is shown).
        var substituted: FormulaText.Piece?
    }

    /// Formulas with at most this many variable occurrences are shown again with their values
    /// substituted in the derivation; longer ones by their value alone.
    static let maxSubstitutedOccurrences = 2

    /// The formula of `edge`'s factor written for `target` (`nil`: Unicode slide text).
    func writtenFactor(_ edge: FlowEdge, latex target: LaTeXMath.Target?, numbers: NumberFormat) -> WrittenFactor {
        guard let formula = view.formula(along: edge), formula.constant == nil else {
            return WrittenFactor(formula: nil, substituted: nil)
        }
        let written = view.formulaPiece(formula, latex: target, numbers: numbers)
        let isVariable = if case .variable = formula { true } else { false }
        let substitute = !isVariable && formula.variableOccurrences <= Explanation.maxSubstitutedOccurrences
        return WrittenFactor(
            formula: written,
            substituted: substitute ? view.substitutedPiece(formula, latex: target, numbers: numbers) : nil)
    }

    /// `∂L/∂ŷ = 2(ŷ − y) = −6`: a factor of the text and Markdown tables, its formula between
    /// the fraction and the number when it has one; a tensor factor with the op's backward
    /// rule after it, `(backward: δ·xᵀ, δ = ∂L/∂z)`. `fraction` is the fraction as written.
    func factorText(
        _ edge: FlowEdge, _ factor: Tensor, fraction: String, math: Bool, numbers: NumberFormat, column: Bool
    )
        -> String
    {
        let number = Explanation.summary(factor, numbers: numbers, limit: 4, column: column)
        if let rule = backwardRuleText(edge) {
            return fraction + " = " + number + " (backward: " + (math ? Explanation.markdownText(rule) : rule) + ")"
        }
        guard let formula = writtenFactor(edge, latex: math ? .web : nil, numbers: numbers).formula else {
            return fraction + " = " + number
        }
        return fraction + " = " + (math ? "$\(formula.text)$" : formula.text) + " = " + number
    }

    /// A factor as one term of a product: parenthesised when it is a sum or starts with a minus.
    static func chainTerm(_ piece: FormulaText.Piece) -> String {
        piece.level <= FormulaText.sumLevel || piece.level == FormulaText.negationLevel ? "(\(piece.text))" : piece.text
    }

    /// The textbook backward rule of a tensor edge that is one op (``Op/backwardRule(position:operands:)``)
    /// with the operands' labels put in: `δ·xᵀ, δ = ∂L/∂z`, `summed over the broadcast rows`
    /// for a broadcast operand. `nil` for a scalar edge, and for a vars-view edge that spans more
    /// than one op.
    func backwardRuleText(_ edge: FlowEdge) -> String? {
        let graph = view.graph
        let inputs = graph.inputs(of: edge.to)
        let fromShape = graph.shape(of: edge.from)
        let toShape = graph.shape(of: edge.to)
        guard !(fromShape.isScalar && toShape.isScalar) else { return nil }
        let position = view.kind == .ops ? edge.position : inputs.firstIndex(of: edge.from)
        guard let position, inputs.indices.contains(position), inputs[position] == edge.from,
            inputs.filter({ $0 == edge.from }).count == 1,
            inputs.allSatisfy({ view.contains($0) || graph.op(of: $0) == .constant }),
            var rule = graph.op(of: edge.to).backwardRule(position: position, operands: inputs.map(graph.shape(of:)))
        else { return nil }
        for (index, input) in inputs.enumerated() {
            let name =
                graph.op(of: input) == .constant
                ? Explanation.constantText(graph.value(of: input)) : view.label(of: input)
            rule = rule.replacingOccurrences(of: "{\(index)}", with: name)
        }
        var text = rule + (edge.to == of ? ", δ = 1" : ", δ = ∂\(displayLabel(of))/∂\(view.label(of: edge.to))")
        let op = graph.op(of: edge.to)
        if op.isElementwise, op.arity == 2, fromShape != toShape {
            text += fromShape.isScalar ? ", summed over every entry" : ", summed over the broadcast rows or columns"
        }
        return text
    }

    /// A constant operand as a rule writes it.
    static func constantText(_ value: Tensor) -> String {
        value.shape.isScalar ? NumberFormat().string(value.scalar) : "c"
    }
}
