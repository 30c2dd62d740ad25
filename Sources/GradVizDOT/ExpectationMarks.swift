import GradVizEngine
import GradVizExplain
import GradVizNotation

/// What a figure marks for ``FigureOptions/expectations``: each expectation's verdict and the
/// node it goes on.
///
/// The verdicts are ``GradVizExplain/Expectation/check(_:in:within:numbers:diagnosing:)``'s,
/// the ones `gradviz check` reports (with its default tolerance, or the expectation's `within`),
/// so a figure and `check` never disagree. A value's mark goes under the node's value, a
/// gradient ∂output/∂v's under v's gradient, and a gradient of another variable (∂ŷ/∂v in a
/// figure of L) under v's gradient too, naming itself.
package struct ExpectationMarks {
    /// Where on its node a mark goes.
    package enum Place: Equatable {
        /// Under the node's value.
        case value
        /// Under the node's gradient, ∂output/∂node: the one the figure shows.
        case gradient
        /// Under the node's gradient, naming itself: ∂of/∂node for another `of`.
        case otherGradient(of: NodeID)
    }

    /// One expectation's mark.
    package struct Mark {
        /// The verdict and the computed number.
        package let result: ExpectationResult
        /// The node it goes on: the value's node, or the gradient's variable.
        package let node: NodeID
        package let place: Place

        /// Whether its number is a gradient (shown with the backward pass).
        var isGradient: Bool { place != .value }
    }

    /// Every mark, in the order of the expectations.
    package let marks: [Mark]
    /// For each node, the indices of its marks in ``marks``.
    private let onNode: [NodeID: [Int]]

    /// Checks `expectations` against `graph` (leaving its gradients those of the node they were
    /// taken from) and places each on its node.
    package init(graph: Graph, output: NodeID, expectations: [Expectation]) {
        let results = Expectation.check(expectations, in: graph, diagnosing: false)
        var marks: [Mark] = []
        var onNode: [NodeID: [Int]] = [:]
        for result in results {
            let node: NodeID
            let place: Place
            switch result.expectation.quantity {
            case .value(let id):
                (node, place) = (id, .value)
            case .gradient(let of, let wrt):
                (node, place) = (wrt, of == output ? .gradient : .otherGradient(of: of))
            }
            onNode[node, default: []].append(marks.count)
            marks.append(Mark(result: result, node: node, place: place))
        }
        self.marks = marks
        self.onNode = onNode
    }

    /// The marks on `node` (value marks first, then gradient marks), with their indices in
    /// ``marks``.
    func marks(on node: NodeID) -> [(index: Int, mark: Mark)] {
        let indexed = (onNode[node] ?? []).map { ($0, marks[$0]) }
        return indexed.filter { !$0.1.isGradient } + indexed.filter { $0.1.isGradient }
    }
}

extension FigureBuilder {
    /// The rows of `node`'s marks about its value (`gradient: false`) or a gradient, each a
    /// cell that in a slide build is the slot `N.markK`, blank unless `shown`.
    func markRows(_ node: NodeID, gradient: Bool, shown: Bool) -> [String] {
        guard let marks else { return [] }
        return marks.marks(on: node).filter { $0.mark.isGradient == gradient }.map { index, mark in
            "<TR>"
                + cell(
                    "\(node).mark\(index)", nodeContext, attributes: " COLSPAN=\"3\" ALIGN=\"RIGHT\"",
                    html: markText(mark).html, shown: shown) + "</TR>"
        }
    }

    /// A mark: `✓ expected −36`, or `✗ expected −18, right −36` in bold; a gradient of another
    /// output is named first, `∂ŷ/∂w₁: ✓ expected 2`. Numbers have the figure's precision, or ten
    /// digits when a wrong number and the right one would read the same.
    func markText(_ mark: ExpectationMarks.Mark) -> LabelText {
        let result = mark.result
        var expected = inlineText(result.expectation.expected)
        var right = inlineText(result.actual)
        if !result.passed && expected == right {
            let digits = NumberFormat(significantDigits: 10)
            expected = inlineText(result.expectation.expected, numbers: digits)
            right = inlineText(result.actual, numbers: digits)
        }
        var text = (result.passed ? LabelText("✓").bold : LabelText("✗")) + LabelText(" expected " + expected)
        if !result.passed { text += LabelText(", right " + right) }
        if case .otherGradient(let of) = mark.place {
            text = (partial(of: of, by: mark.node) ?? LabelText(result.quantityText)) + LabelText(": ") + text
        }
        // A wrong mark is bold throughout: in the light theme its red is near the gradient's.
        if !result.passed { text = text.bold }
        return text.font(color: result.passed ? style.right : style.wrong, size: smallSize)
    }

    /// The marks of a large figure's one-line node (``compactLabel(_:)``), each on its own line.
    func compactMarks(_ node: NodeID) -> [String] {
        guard let marks else { return [] }
        return marks.marks(on: node).filter { !$0.mark.isGradient || showsCompactGradient(node) }.map {
            markText($0.mark).html
        }
    }

    /// Whether a large figure's node shows its gradient.
    func showsCompactGradient(_ node: NodeID) -> Bool {
        options.showGradients && graph.wantsGradient(node) && graph.gradient(of: node) != nil
    }

    /// Whether `node` is drawn with its own label (not left out, a stub or inside a folded module).
    private func drawsLabel(of node: NodeID) -> Bool {
        view.contains(node) && (pruning?.draws(node) ?? true) && !(pruning?.stubs.contains(node) ?? false)
            && collapsing?.groupOfNode[node] == nil
    }

    /// What the figure says about its marks: how many are met and wrong, and which expectations
    /// it cannot mark (their number is not drawn); one note when there are none to mark.
    var expectationNotes: [String] {
        guard let marks else { return [] }
        guard !marks.marks.isEmpty else { return ["no expectations to mark (the script has no expect lines)"] }
        var notes: [String] = []
        let drawsGradients = options.showGradients || frame != nil
        var marked: [ExpectationMarks.Mark] = []
        for mark in marks.marks {
            let drawn =
                drawsLabel(of: mark.node)
                && (!mark.isGradient
                    || (drawsGradients && graph.wantsGradient(mark.node) && graph.gradient(of: mark.node) != nil))
            if drawn {
                marked.append(mark)
                continue
            }
            let line = mark.result.expectation.line
            notes.append(
                "line \(line) (\(mark.result.expectation.source)) is not marked: the figure does not draw "
                    + (mark.isGradient ? "that gradient" : "that value"))
        }
        let wrong = marked.filter { !$0.result.passed }.map { String($0.result.expectation.line) }
        var tally =
            "marks \(marked.count) expectation\(marked.count == 1 ? "" : "s"): \(marked.count - wrong.count) met"
        if !wrong.isEmpty {
            tally += ", \(wrong.count) wrong (line\(wrong.count == 1 ? "" : "s") \(wrong.joined(separator: ", ")))"
        }
        return [tally] + notes
    }

    /// A tensor on one line, as captions and marks write it: a number, a small tensor's entries
    /// (`[0.9, −1]ᵀ`), or a large one's norm; in ``numbers`` unless given others.
    package func inlineText(_ tensor: Tensor, numbers: NumberFormat? = nil) -> String {
        let numbers = numbers ?? self.numbers
        if tensor.shape.isScalar { return numbers.string(tensor.scalar) }
        if tensor.isShownInline { return numbers.columnString(tensor) }
        return "‖·‖ = " + numbers.string(tensor.norm)
    }
}
