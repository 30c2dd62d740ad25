/// How GradViz writes a product of factors, as the lecture writes one by hand: the factors joined
/// by ` · `, a negative number after the first in parentheses (`2 · (−6)`). The legend of a
/// `--wrt` figure, the captions of a slide build and the interactive page (which gets the
/// finished text in its data) all write products through it, so they cannot disagree.
package enum ProductText {
    /// What stands between two factors.
    package static let separator = " · "

    /// A number written as a factor of a product (or a term of a sum): in parentheses when it
    /// is negative and not the first, `(−6)`.
    package static func factor(_ text: String, negative: Bool, first: Bool) -> String {
        negative && !first ? "(" + text + ")" : text
    }

    /// The factors joined by ``separator``.
    package static func joined(_ factors: [String]) -> String {
        factors.joined(separator: separator)
    }

    /// The factors joined by ``separator``.
    package static func joined(_ factors: [LabelText]) -> LabelText {
        LabelText.joined(factors, separator: LabelText(separator))
    }

    /// `∂l/∂o · ∂o/∂a₁ = −0.367 · 0.1498`: the symbols' product, then the numbers' (with
    /// `formulas`, the formulas' product between them and the numbers on a line of their own).
    /// The numbers alone when a factor has no symbol. With `numbers` `nil` (what a slide build
    /// shows before the numbers are revealed), the symbols' and formulas' products alone, or
    /// nothing when a factor has no symbol.
    package static func equation(symbols: [LabelText], formulas: [LabelText]? = nil, numbers: [LabelText]?)
        -> LabelText
    {
        guard let numbers else {
            guard !symbols.isEmpty, formulas.map({ $0.count == symbols.count }) ?? true else { return LabelText("") }
            return joined(symbols) + (formulas.map { LabelText(" = ") + joined($0) } ?? LabelText(""))
        }
        let numeric = joined(numbers)
        guard symbols.count == numbers.count, !symbols.isEmpty else { return numeric }
        let symbolic = joined(symbols) + LabelText(" = ")
        guard let formulas else { return symbolic + numeric }
        return symbolic + joined(formulas) + LabelText(html: "<BR/>", plain: " ") + LabelText("= ") + numeric
    }
}
