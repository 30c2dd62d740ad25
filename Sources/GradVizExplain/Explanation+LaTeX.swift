import BigInt
import GradVizEngine
import GradVizNotation

extension Explanation {
    /// The explanation in the lecture's notation: an `align*` block with the symbolic chain
    /// rule (one term per path, ∂ fractions of display labels, from the output down), the same
    /// terms with each local derivative's formula (``FlowView/formula(along:)``), then with
    /// numbers (a short formula with its values put in: 2(37 − 40)), the products, and the
    /// total; the sum over paths, backward and finite-difference values follow as `%` comments
    /// (in a standalone document too, which shows the math alone, as a slide does).
    ///
    /// The block needs `amsmath`. The standalone document is cropped to its content for a
    /// slide, with packages every TeX install has (`article`, `amsmath`): the math is set in a box whose size becomes the PDF page (pdfTeX's `\pdfpagewidth`), so
    /// compile it with pdflatex.
    func latex(numbers: NumberFormat, standalone: Bool) -> String {
        var ascii = numbers
        ascii.asciiMinus = true
        let lines = summaryLines(numbers: ascii)
        // ASCII like the rest of the block: a transposed vector's ᵀ as ^T.
        let comments = lines.map { "% " + $0.replacingOccurrences(of: "ᵀ", with: "^T") }
        guard standalone else {
            return alignBody(numbers: ascii, environment: "align*", target: .pdflatex) + "\n"
                + comments.joined(separator: "\n") + "\n"
        }
        let math = alignBody(numbers: ascii, environment: "aligned", target: .pdflatex)
        return """
            \\documentclass{article}
            \\usepackage{amsmath}
            \\pagestyle{empty}
            \\begin{document}
            % Cropped to the content: the math in one box, the page its size; the checks are comments.
            \\setbox0=\\vbox{%
            \\hbox{$\\displaystyle
            \(math)
            $}}
            \(comments.joined(separator: "\n"))
            \\pdfpagewidth=\\dimexpr\\wd0+20pt\\relax
            \\pdfpageheight=\\dimexpr\\ht0+\\dp0+20pt\\relax
            \\shipout\\vbox{\\vskip\\dimexpr-1in+10pt\\relax\\hbox{\\kern\\dimexpr-1in+10pt\\relax\\box0}}
            \\end{document}

            """
    }

    /// `\frac{\partial l}{\partial o}` for the labels of `to` and `from`.
    func latexFraction(_ to: NodeID, _ from: NodeID, target: LaTeXMath.Target) -> String {
        "\\frac{\\partial \(latexLabel(to, target: target))}{\\partial \(latexLabel(from, target: target))}"
    }

    /// `\frac{\partial l}{\partial w}`: the derivative explained, of `of` by `wrt` (or its entry).
    func latexWrtFraction(target: LaTeXMath.Target) -> String {
        "\\frac{\\partial \(latexLabel(of, target: target))}{\\partial \(LaTeXMath.label(wrtLabel, for: target))}"
    }

    /// A node's label as math for `target` (pdflatex, or MathJax/KaTeX in Markdown).
    func latexLabel(_ id: NodeID, target: LaTeXMath.Target) -> String {
        LaTeXMath.label(view.label(of: id), for: target)
    }

    /// The symbolic term of a path: its factors from the output down.
    /// (At most ``ChainPath/maxShownFactors``, the rest as ``latexElided(_:)``.)
    func latexSymbolic(_ path: ChainPath, target: LaTeXMath.Target) -> String {
        guard !path.edges.isEmpty else { return "1" }
        return path.shownFactorsFromOutput.map { shown in
            shown.text(elided: latexElided) { edge, _ in latexFraction(edge.to, edge.from, target: target) }
        }.joined(separator: " \\cdot ")
    }

    /// The factors a long path leaves out, in math: a brace under dots saying how many.
    func latexElided(_ count: Int) -> String {
        "\\underbrace{\\cdots}_{\\text{\(count) factor\(count == 1 ? "" : "s")}}"
    }

    /// The lines of the math: `lhs &= term \\ &\quad + term …`, in `environment` (`align*`,
    /// or `aligned` inside Markdown's `$$`), labels written for `target`.
    func alignBody(numbers: NumberFormat, environment: String, target: LaTeXMath.Target) -> String {
        let lhs = latexWrtFraction(target: target)
        var lines: [String] = []
        let rest =
            pathCount > BigUInt(paths.count)
            ? " + \\cdots \\quad \\text{(\(pathCount - BigUInt(paths.count)) more)}" : ""
        if paths.isEmpty {
            let value = pathSum
            let why = pathCount == 0 ? " \\quad \\text{(no path)}" : " \\quad \\text{(sum over \(countPhrase))}"
            lines.append("\(lhs) &= \(LaTeXMath.tensor(value, format: numbers))\(why)")
        } else {
            // Symbolic, one term per line.
            for (index, path) in paths.enumerated() {
                let term = latexSymbolic(path, target: target)
                lines.append(index == 0 ? "\(lhs) &= \(term)" : "&\\quad + \(term)")
            }
            lines[lines.count - 1] += rest
            // The factors as formulas, where the local derivatives have them.
            let written = paths.map { path in
                path.shownFactorsFromOutput.map { shown -> ChainPath.Shown<(FlowEdge, Tensor, WrittenFactor)> in
                    switch shown {
                    case .item(let item):
                        .item((item.edge, item.factor, writtenFactor(item.edge, latex: target, numbers: numbers)))
                    case .elided(let count): .elided(count)
                    }
                }
            }
            let hasFormulas = written.contains {
                $0.contains { if case .item(let item) = $0 { item.2.formula != nil } else { false } }
            }
            if hasFormulas {
                for (index, factors) in written.enumerated() {
                    let term =
                        factors.isEmpty
                        ? "1"
                        : factors.map { shown in
                            shown.text(elided: latexElided) { edge, _, factor in
                                factor.formula.map(Explanation.chainTerm)
                                    ?? latexFraction(edge.to, edge.from, target: target)
                            }
                        }.joined(separator: " \\cdot ")
                    lines.append(index == 0 ? "&= \(term)" : "&\\quad + \(term)")
                }
                lines[lines.count - 1] += rest
            }
            let hasSubstitutions = written.contains {
                $0.contains { if case .item(let item) = $0 { item.2.substituted != nil } else { false } }
            }
            // The factors as numbers (short formulas with their values put in), for scalar paths.
            if paths.allSatisfy({ $0.factors.allSatisfy(\.shape.isScalar) })
                && (paths.contains(where: { $0.factors.count > 1 }) || hasSubstitutions)
            {
                for (index, factors) in written.enumerated() {
                    let term =
                        factors.isEmpty
                        ? "1"
                        : factors.map { shown in
                            shown.text(elided: latexElided) { _, number, factor in
                                if let substituted = factor.substituted { return Explanation.chainTerm(substituted) }
                                let text = LaTeXMath.tensor(number, format: numbers)
                                return number.shape.isScalar && number.scalar < 0 ? "(\(text))" : text
                            }
                        }.joined(separator: " \\cdot ")
                    lines.append(index == 0 ? "&= \(term)" : "&\\quad + \(term)")
                }
                lines[lines.count - 1] += rest
            }
            // The products, a few per line.
            let perLine = paths.allSatisfy({ $0.product.shape.isScalar }) ? 4 : 1
            var products: [String] = []
            for (index, path) in paths.enumerated() {
                let text = LaTeXMath.tensor(path.product, format: numbers)
                let signed = index == 0 ? text : (text.hasPrefix("-") ? "- " + text.dropFirst() : "+ " + text)
                products.append(signed)
            }
            for start in stride(from: 0, to: products.count, by: perLine) {
                let chunk = products[start..<min(start + perLine, products.count)].joined(separator: " ")
                lines.append(start == 0 ? "&= \(chunk)" : "&\\quad \(chunk)")
            }
            lines[lines.count - 1] += rest
            if paths.count > 1 || !rest.isEmpty {
                lines.append("&= \(LaTeXMath.tensor(pathSum, format: numbers))")
            }
        }
        return "\\begin{\(environment)}\n" + lines.joined(separator: " \\\\\n") + "\n\\end{\(environment)}"
    }

    /// The checks in words for LaTeX and Markdown: the sum, backward, finite differences,
    /// agreement, warnings. A vector is written on one line as slides write it, transposed
    /// (`[0.9, −1]ᵀ`, ``NumberFormat/columnString(_:)``).
    func summaryLines(numbers: NumberFormat) -> [String] {
        var lines: [String] = []
        if let note = listingNote { lines.append(note) }
        let over = pathCount == 1 ? "the path" : "all \(countPhrase)"
        lines.append("sum over \(over): \(numbers.columnString(pathSum)) (\(sumNote))")
        lines.append("backward gradient: \(numbers.columnString(gradient))")
        lines.append("finite differences: \(numeric.map { numbers.columnString($0) } ?? Explanation.skippedText)")
        lines.append("agree: \(agreementText(GradientCheck(), numbers: numbers))")
        for warning in kinkWarnings(numbers: numbers) { lines.append("warning: " + warning) }
        return lines
    }
}
