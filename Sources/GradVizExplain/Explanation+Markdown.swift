import Foundation
import GradVizEngine
import GradVizNotation

extension Explanation {
    /// The explanation for notes and slides: a heading, the chain rule as `$$` display math
    /// (an `aligned` block, which MathJax and KaTeX both render), a table of the paths, and
    /// the checks as a list, kink warnings as quotes.
    func markdown(numbers: NumberFormat) -> String {
        var lines: [String] = []
        lines.append("### $\(latexWrtFraction)$ over the \(view.kind.rawValue) view: \(countPhrase)")
        lines.append("")
        lines.append("$$")
        lines.append(alignBody(numbers: numbers, environment: "aligned"))
        lines.append("$$")
        lines.append("")
        if !paths.isEmpty {
            lines.append("| # | path | factors | product |")
            lines.append("|--:|------|---------|--------:|")
            for (index, path) in paths.enumerated() {
                let route = path.nodes.map { "$\(latexLabel($0))$" }.joined(separator: " → ")
                let factors = path.factorsFromOutput.map { edge, factor in
                    let value =
                        factor.shape.count <= 4
                        ? numbers.string(factor) : Explanation.summary(factor, numbers: numbers, limit: 4)
                    return "$\(latexFraction(edge.to, edge.from))$ = \(value)"
                }
                let cells = [
                    String(index + 1), route, factors.isEmpty ? "—" : factors.joined(separator: " · "),
                    Explanation.summary(path.product, numbers: numbers),
                ]
                lines.append("| " + cells.map(Explanation.markdownCell).joined(separator: " | ") + " |")
            }
            lines.append("")
        }
        for line in summaryLines(numbers: numbers) {
            if line.hasPrefix("warning: ") {
                lines.append("> **Warning:** " + Explanation.markdownCell(String(line.dropFirst("warning: ".count))))
            } else {
                lines.append("- " + Explanation.markdownCell(line))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text safe inside a Markdown table cell or list item (pipes escaped).
    static func markdownCell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
