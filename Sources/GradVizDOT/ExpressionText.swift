import GradVizEngine
import GradVizExplain
import GradVizNotation

/// The right-hand side of a variable as the lecture writes it, `w₂·h + b₂` or `(ŷ − y)²`,
/// rebuilt from the recorded ops of the variable's sub-expression.
///
/// Nodes of the view (named variables) appear by their display name, constants as numbers,
/// unnamed ops as infix or function notation with the parentheses precedence needs. Built
/// bottom-up with an explicit stack. A node's label writes an expression longer than
/// ``maxLength`` on up to ``maxLines`` lines, broken before a `+` or `−` of its outermost sum
/// (``lines(of:)``); past that it gives up and the figure shows only the root op (`… + …`), so
/// long expressions cannot blow up a label.
struct ExpressionText {
    /// The longest expression written on one line, in visible characters.
    static let maxLength = 40
    /// The most lines a wrapped expression takes in a node's label.
    static let maxLines = 3

    /// The most ops of a hidden sub-expression walked to write it: four times the characters
    /// it may take (an op writes at least one), so the walk is bounded by what can be shown,
    /// not by the script.
    static let maxWalk = 4 * maxLength * maxLines

    let graph: Graph
    let numbers: NumberFormat
    /// The display name of a node that appears as an atom, or `nil` for an op to expand.
    let atomName: (NodeID) -> LabelText?

    private struct Piece {
        var text: LabelText
        /// Binding strength: 10 atom or call, 8 power, 6 negation, 4 product, 2 sum.
        var precedence: Int
        /// The terms of an outermost sum, where a line may break: the operator before each term
        /// (empty for the first) and the term. One term for anything but a sum.
        var terms: [(joiner: String, text: LabelText)]

        init(text: LabelText, precedence: Int, terms: [(joiner: String, text: LabelText)]? = nil) {
            self.text = text
            self.precedence = precedence
            self.terms = terms ?? [("", text)]
        }
    }

    /// `root`'s expression on one line, or `nil` when it is longer than ``maxLength``.
    func expression(of root: NodeID) -> LabelText? {
        guard let piece = piece(of: root), piece.text.plain.count <= Self.maxLength else { return nil }
        return piece.text
    }

    /// `root`'s expression in lines of at most ``maxLength`` characters, each line after the
    /// first starting with the `+` or `−` it was broken before (`w₁,₁·h₁ + w₁,₂·h₂` then
    /// `+ w₁,₃·h₃ + b₁`); `nil` when that takes more than ``maxLines`` lines or a term alone is
    /// longer than a line.
    func lines(of root: NodeID) -> [LabelText]? {
        guard let piece = piece(of: root) else { return nil }
        var lines: [LabelText] = []
        var current: LabelText?
        for (joiner, term) in piece.terms {
            if let line = current, line.plain.count + joiner.count + term.plain.count <= Self.maxLength {
                current = line + LabelText(joiner) + term
                continue
            }
            if let line = current { lines.append(line) }
            let start = LabelText(String(joiner.drop { $0 == " " })) + term
            guard start.plain.count <= Self.maxLength else { return nil }
            current = start
        }
        if let current { lines.append(current) }
        return lines.count <= Self.maxLines ? lines : nil
    }

    /// The expression of `root` with its breakable terms, or `nil` when it is longer than
    /// ``maxLength`` × ``maxLines`` characters.
    private func piece(of root: NodeID) -> Piece? {
        var done: [NodeID: Piece] = [:]
        var stack: [(NodeID, Bool)] = [(root, false)]
        var walked = 0
        while let (id, expanded) = stack.popLast() {
            if done[id] != nil { continue }
            if id != root, let atom = atom(id) {
                done[id] = atom
                continue
            }
            let inputs = graph.inputs(of: id)
            if !expanded {
                // Every op writes at least one character, so an expression of more ops than
                // ``maxWalk`` cannot be shown: it is known too long before it is walked whole
                // (a 10⁶-deep chain of negations under one variable was walked for every frame).
                walked += 1
                if walked > Self.maxWalk { return nil }
                stack.append((id, true))
                for input in inputs.reversed() where done[input] == nil { stack.append((input, false)) }
                continue
            }
            let operands = inputs.compactMap { done[$0] }
            guard operands.count == inputs.count else { return nil }
            let piece = combine(graph.op(of: id), operands, inputs)
            if piece.text.plain.count > Self.maxLength * Self.maxLines { return nil }
            done[id] = piece
        }
        return done[root]
    }

    /// `… + …`, `relu(…)` or `(…)²`: the root op alone, for an expression too long to show.
    func summary(of root: NodeID) -> LabelText {
        let op = graph.op(of: root)
        let inputs = graph.inputs(of: root)
        let operands = inputs.map { input in atom(input) ?? Piece(text: LabelText("…"), precedence: 10) }
        return combine(op, operands, inputs).text
    }

    private func atom(_ id: NodeID) -> Piece? {
        if graph.op(of: id) == .constant {
            let value = graph.value(of: id)
            let text = value.isShownInline ? numbers.columnString(value) : "const" + value.shape.description
            return Piece(text: LabelText(text), precedence: value.shape.isScalar && value.scalar < 0 ? 6 : 10)
        }
        if let name = atomName(id) { return Piece(text: name, precedence: 10) }
        if graph.op(of: id) == .leaf { return Piece(text: LabelText(id.description), precedence: 10) }
        return nil
    }

    private func combine(_ op: Op, _ operands: [Piece], _ inputs: [NodeID]) -> Piece {
        func wrap(_ piece: Piece, below precedence: Int) -> LabelText {
            piece.precedence < precedence ? LabelText("(") + piece.text + LabelText(")") : piece.text
        }
        func infix(_ symbol: String, _ precedence: Int) -> Piece {
            guard operands.count == 2 else { return call(op.symbol) }
            let right = wrap(operands[1], below: precedence + 1)
            let text = wrap(operands[0], below: precedence) + LabelText(symbol) + right
            // A sum continues the terms of a sum on its left, unbracketed: a + b + c.
            guard precedence == 2 else { return Piece(text: text, precedence: precedence) }
            let left = operands[0].precedence == 2 ? operands[0].terms : [("", wrap(operands[0], below: precedence))]
            return Piece(text: text, precedence: precedence, terms: left + [(symbol, right)])
        }
        func call(_ name: String) -> Piece {
            let arguments = LabelText.joined(operands.map(\.text), separator: LabelText(", "))
            return Piece(text: LabelText(name + "(") + arguments + LabelText(")"), precedence: 10)
        }
        switch op {
        case .add: return infix(" + ", 2)
        case .sub: return infix(" − ", 2)
        case .mul: return infix("·", 4)
        case .div: return infix(" / ", 4)
        case .matmul: return infix(" @ ", 4)
        case .pow:
            guard operands.count == 2, inputs.count == 2 else { return call("pow") }
            let exponent =
                graph.op(of: inputs[1]) == .constant
                ? LabelText(numbers.string(graph.scalarValue(of: inputs[1]))) : operands[1].text
            return Piece(text: wrap(operands[0], below: 9) + exponent.superscript, precedence: 8)
        case .neg:
            guard let operand = operands.first else { return call("neg") }
            return Piece(text: LabelText("−") + wrap(operand, below: 7), precedence: 6)
        case .transpose:
            guard let operand = operands.first else { return call("transpose") }
            return Piece(text: wrap(operand, below: 9) + LabelText("ᵀ"), precedence: 8)  // Wᵀ, as written
        case .leaf, .constant:
            return Piece(text: LabelText(op.symbol), precedence: 10)
        case .sigmoid:
            return call("σ")  // as the lecture writes it
        case .identity:
            return operands.first ?? call(op.symbol)  // `a⁽⁰⁾ = x`: the value itself
        case .relu, .tanh, .exp, .log, .abs, .sqrt, .softplus, .sum, .mean, .mse, .softmax, .crossEntropy, .maximum,
            .minimum, .leakyRelu, .logSoftmax:
            return call(op.symbol)
        }
    }
}
