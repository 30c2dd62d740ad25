import Foundation
import GradVizEngine
import GradVizNotation

extension Explanation {
    /// The explanation for notes and slides: a heading, the chain rule as `$$` display math
    /// (an `aligned` block, which MathJax and KaTeX both render), a table of the paths, and
    /// the checks as a list, kink warnings as quotes. Labels are math for MathJax and KaTeX,
    /// which show any character: one with no LaTeX command is kept as written
    /// (``LaTeXMath/Target/web``); plain text is escaped for Markdown. A vector is a column in
    /// the math and, written on one line in the table and the checks, a transposed row.
    func markdown(numbers: NumberFormat) -> String {
        var lines: [String] = []
        lines.append("### $\(latexWrtFraction(target: .web))$ over the \(view.kind.rawValue) view: \(countPhrase)")
        lines.append("")
        lines.append("$$")
        lines.append(alignBody(numbers: numbers, environment: "aligned", target: .web))
        lines.append("$$")
        lines.append("")
        if !paths.isEmpty {
            lines.append("| # | path | factors | product |")
            lines.append("|--:|------|---------|--------:|")
            for (index, path) in paths.enumerated() {
                let route = path.shownNodes.map { shown in
                    shown.text(noun: "node") { "$\(latexLabel($0, target: .web))$" }
                }.joined(separator: " → ")
                let factors = path.shownFactorsFromOutput.map { shown in
                    shown.text(noun: "factor") { edge, factor in
                        factorText(
                            edge, factor, fraction: "$\(latexFraction(edge.to, edge.from, target: .web))$", math: true,
                            numbers: numbers, column: true)
                    }
                }
                let cells = [
                    String(index + 1), route, factors.isEmpty ? "—" : factors.joined(separator: " · "),
                    Explanation.summary(path.product, numbers: numbers, column: true),
                ]
                lines.append("| " + cells.map(Explanation.markdownCell).joined(separator: " | ") + " |")
            }
            lines.append("")
        }
        for line in summaryLines(numbers: numbers) {
            if line.hasPrefix("warning: ") {
                lines.append("> **Warning:** " + Explanation.markdownText(String(line.dropFirst("warning: ".count))))
            } else {
                lines.append("- " + Explanation.markdownText(line))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A table cell that may hold `$…$` math: only pipes escaped (Markdown tables split cells
    /// at them before math is read), so the math stays intact.
    static func markdownCell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }

    /// Plain text (names, labels, numbers, notes) shown as written in Markdown inside a line:
    /// the ASCII characters that start inline markup there are backslash-escaped (CommonMark
    /// allows that for any ASCII punctuation), so `*w*`, `_x_`, `[a](b)`, `<b>`, `&amp;`,
    /// `` `c` ``, `$x$` or a pipe show as text. Unicode is kept as is.
    static func markdownText(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\`*_[]<>|$~&".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
