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
            formula: written, substituted: substitute ? view.substitutedPiece(formula, latex: target, numbers: numbers) : nil)
    }

    /// `∂L/∂ŷ = 2(ŷ − y) = −6`: a factor of the text and Markdown tables, its formula between
    /// the fraction and the number when it has one. `fraction` is the fraction as written.
    func factorText(_ edge: FlowEdge, _ factor: Tensor, fraction: String, math: Bool, numbers: NumberFormat, column: Bool)
        -> String
    {
        let number = Explanation.summary(factor, numbers: numbers, limit: 4, column: column)
        guard let formula = writtenFactor(edge, latex: math ? .web : nil, numbers: numbers).formula else {
            return fraction + " = " + number
        }
        return fraction + " = " + (math ? "$\(formula.text)$" : formula.text) + " = " + number
    }

    /// A factor as one term of a product: parenthesised when it is a sum or starts with a minus.
    static func chainTerm(_ piece: FormulaText.Piece) -> String {
        piece.level <= FormulaText.sumLevel || piece.level == FormulaText.negationLevel ? "(\(piece.text))" : piece.text
    }
}
