import Foundation
import GradVizEngine
import GradVizNotation

/// How a ``Formula`` is written: as slide text (Unicode, display labels), as LaTeX math, or in
/// the `.grad` expression language over the script's names (so `F = <formula>` appended to the
/// script gives the factor's value with `gradviz eval`).
///
/// One printer for the three, so precedence and parentheses are decided once: sums loosest,
/// then products and quotients, then unary minus, then powers, then atoms (numbers, names,
/// function calls). Activations' derivatives are written σ′(z) (sigmoid), tanh′(z), relu′(z),
/// sgn(z) (abs′) and, for max and min, the bracket [a > b] (1 when true, else 0, ½ at a tie).
/// The `.grad` language writes σ′(z) as `sigmoid(z) * (1 - sigmoid(z))` and tanh′(z) as
/// `1 - tanh(z)^2`; it has no step function (each of its functions is continuous), so a formula
/// with relu′, sgn or a max/min bracket cannot be written there (``script(_:name:)`` is `nil`).
public enum FormulaText {
    /// Where a formula is written.
    public enum Notation: Sendable {
        /// Unicode slide text with display labels: `2(ŷ − y)`, `σ′(w₁·x₁)·x₁`.
        case text
        /// LaTeX math for `target`: `2(\hat{y} - y)`, `\sigma'(w_{1} x_{1}) x_{1}`.
        case latex(LaTeXMath.Target)
        /// The `.grad` expression language: `2 * (yhat - y)`.
        case script
    }

    /// A variable as written: its text, and whether it reads as a negative number (a value
    /// substituted for it), which is parenthesised wherever a unary minus would be.
    public struct Atom: Sendable {
        /// The text.
        public var text: String
        /// Whether the text starts with a minus sign.
        public var isNegative: Bool

        /// An atom of `text`.
        public init(_ text: String, isNegative: Bool = false) {
            self.text = text
            self.isNegative = isNegative
        }
    }

    /// `formula` in `notation`, each variable written by `variable`, constants by `numbers`;
    /// `nil` when a variable cannot be written (`variable` returns `nil`) or, in the `.grad`
    /// language, when the formula has relu′, sgn or a max/min bracket.
    public static func write(
        _ formula: Formula, in notation: Notation, numbers: NumberFormat, variable: (NodeID) -> Atom?
    ) -> String? {
        piece(formula, in: notation, numbers: numbers, variable: variable)?.text
    }

    /// ``write(_:in:numbers:variable:)`` with the precedence of the outermost operator.
    static func piece(
        _ formula: Formula, in notation: Notation, numbers: NumberFormat, variable: (NodeID) -> Atom?
    ) -> Piece? {
        withoutActuallyEscaping(variable) { variable in
            var printer = Printer(notation: notation, numbers: numbers, variable: variable)
            return printer.write(formula)
        }
    }

    /// `formula` in the `.grad` language over the script's names, a variable with no name of
    /// that language (an unnamed node) written as its own expression over named nodes; `nil`
    /// when that is not possible. Constants are written so they read back exactly.
    public static func script(_ formula: Formula, in graph: Graph) -> String? {
        let identifier = /[A-Za-z_][A-Za-z0-9_]*/
        var expanded: [NodeID: Formula] = [:]
        for id in formula.variables {
            if let name = graph.name(of: id), name.wholeMatch(of: identifier) != nil { continue }
            guard graph.op(of: id) != .leaf,
                let expression = graph.formulas(of: id, wrt: nil, isBoundary: { graph.name(of: $0) != nil })?
                    .expression,
                expression.variables.allSatisfy({ graph.name(of: $0)?.wholeMatch(of: identifier) != nil })
            else { return nil }
            expanded[id] = expression
        }
        let substituted = formula.replacingVariables { expanded[$0] }
        return write(substituted, in: .script, numbers: NumberFormat(significantDigits: 17, asciiMinus: true)) { id in
            graph.name(of: id).map { Atom($0) }
        }
    }

    /// A written piece with the precedence of its outermost operator.
    struct Piece {
        var text: String
        var level: Int
        /// Whether the text begins with `(`, so a coefficient can be written against it: 2(ŷ − y).
        var opensWithParenthesis: Bool = false
    }

    static let sumLevel = 1, productLevel = 2, negationLevel = 3, powerLevel = 4, atomLevel = 5

    struct Printer {
        let notation: Notation
        let numbers: NumberFormat
        let variable: (NodeID) -> Atom?

        var isLaTeX: Bool { if case .latex = notation { true } else { false } }
        var target: LaTeXMath.Target { if case .latex(let target) = notation { target } else { .pdflatex } }
        var minus: String {
            switch notation {
            case .text: "−"
            case .latex, .script: "-"
            }
        }

        func parenthesised(_ text: String) -> String { "(" + text + ")" }

        /// `piece` wrapped in parentheses unless its level is at least `level`.
        func at(_ piece: Piece, _ level: Int) -> Piece {
            piece.level >= level
                ? piece
                : Piece(text: parenthesised(piece.text), level: FormulaText.atomLevel, opensWithParenthesis: true)
        }

        func number(_ x: Double) -> Piece {
            let text: String
            switch notation {
            case .text: text = numbers.string(Swift.abs(x))
            case .latex: text = LaTeXMath.number(Swift.abs(x), format: numbers)
            case .script:
                let magnitude = Swift.abs(x)
                text = magnitude == magnitude.rounded() && magnitude < 1e15 ? String(Int64(magnitude)) : "\(magnitude)"
            }
            return x < 0
                ? Piece(text: minus + text, level: FormulaText.negationLevel)
                : Piece(text: text, level: FormulaText.atomLevel)
        }

        func call(_ name: String, _ arguments: [Piece]) -> Piece {
            let separator = ", "
            return Piece(
                text: name + "(" + arguments.map(\.text).joined(separator: separator) + ")",
                level: FormulaText.atomLevel)
        }

        func functionName(_ op: Op) -> String {
            switch notation {
            case .script: return op.symbol
            case .text:
                return op == .sigmoid ? "σ" : op.symbol
            case .latex:
                switch op {
                case .sigmoid: return "\\sigma"
                case .tanh: return "\\tanh"
                case .exp: return "\\exp"
                case .log: return "\\log"
                case .maximum: return "\\max"
                case .minimum: return "\\min"
                default: return "\\mathrm{\(op.symbol)}"
                }
            }
        }

        mutating func write(_ formula: Formula) -> Piece? {
            switch formula {
            case .number(let x):
                return number(x)
            case .variable(let id):
                guard let atom = variable(id) else { return nil }
                return Piece(
                    text: atom.text, level: atom.isNegative ? FormulaText.negationLevel : FormulaText.atomLevel)
            case .add(let a, let b), .subtract(let a, let b):
                guard let left = write(a), let right = write(b) else { return nil }
                let isSum = if case .add = formula { true } else { false }
                let sign = isSum ? "+" : minus
                // The right operand of − is parenthesised when it is a sum; of either, when it
                // starts with a minus.
                let rightLevel = isSum ? FormulaText.sumLevel : FormulaText.productLevel
                let shownRight =
                    right.level == FormulaText.negationLevel ? at(right, FormulaText.powerLevel) : at(right, rightLevel)
                return Piece(
                    text: "\(at(left, FormulaText.sumLevel).text) \(sign) \(shownRight.text)",
                    level: FormulaText.sumLevel)
            case .multiply(let factors):
                var pieces: [Piece] = []
                for factor in factors {
                    guard let piece = write(factor) else { return nil }
                    pieces.append(at(piece, FormulaText.powerLevel))
                }
                var text = ""
                for (index, piece) in pieces.enumerated() {
                    if index > 0 {
                        let previousIsNumber = factors[index - 1].constant != nil
                        switch notation {
                        case .script: text += " * "
                        case .text: text += previousIsNumber && index == 1 && piece.opensWithParenthesis ? "" : "·"
                        case .latex:
                            let startsWithDigit = piece.text.first.map { $0.isNumber } ?? false
                            text +=
                                startsWithDigit
                                ? " \\cdot " : (previousIsNumber && piece.opensWithParenthesis ? "" : " ")
                        }
                    }
                    text += piece.text
                }
                return Piece(text: text, level: FormulaText.productLevel)
            case .divide(let a, let b):
                guard let top = write(a), let bottom = write(b) else { return nil }
                if isLaTeX {
                    return Piece(text: "\\frac{\(top.text)}{\(bottom.text)}", level: FormulaText.atomLevel)
                }
                let separator = if case .script = notation { " / " } else { "/" }
                return Piece(
                    text: at(top, FormulaText.productLevel).text + separator + at(bottom, FormulaText.powerLevel).text,
                    level: FormulaText.productLevel)
            case .power(let a, let p):
                guard let base = write(a) else { return nil }
                let shownBase = at(base, FormulaText.atomLevel).text
                let exponent = number(p)
                switch notation {
                case .script:
                    return Piece(
                        text: shownBase + "^" + at(exponent, FormulaText.atomLevel).text, level: FormulaText.powerLevel)
                case .latex:
                    return Piece(text: shownBase + "^{\(exponent.text)}", level: FormulaText.powerLevel)
                case .text:
                    if let scripted = UnicodeScripts.scripted(exponent.text, .superscript) {
                        return Piece(text: shownBase + scripted, level: FormulaText.powerLevel)
                    }
                    return Piece(
                        text: shownBase + "^" + at(exponent, FormulaText.atomLevel).text, level: FormulaText.powerLevel)
                }
            case .negate(let a):
                guard let inner = write(a) else { return nil }
                return Piece(text: minus + at(inner, FormulaText.productLevel).text, level: FormulaText.negationLevel)
            case .function(let op, let arguments):
                var pieces: [Piece] = []
                for argument in arguments {
                    guard let piece = write(argument) else { return nil }
                    pieces.append(piece)
                }
                switch (op, notation) {
                case (.abs, .text): return Piece(text: "|\(pieces[0].text)|", level: FormulaText.atomLevel)
                case (.abs, .latex):
                    return Piece(text: "\\lvert \(pieces[0].text) \\rvert", level: FormulaText.atomLevel)
                case (.sqrt, .text):
                    return Piece(text: "√" + at(pieces[0], FormulaText.atomLevel).text, level: FormulaText.atomLevel)
                case (.sqrt, .latex): return Piece(text: "\\sqrt{\(pieces[0].text)}", level: FormulaText.atomLevel)
                default: return call(functionName(op), pieces)
                }
            case .derivative(let op, let arguments, let position):
                var pieces: [Piece] = []
                for argument in arguments {
                    guard let piece = write(argument) else { return nil }
                    pieces.append(piece)
                }
                return derivative(op, arguments, pieces, position)
            }
        }

        mutating func derivative(_ op: Op, _ arguments: [Formula], _ pieces: [Piece], _ position: Int) -> Piece? {
            let prime = isLaTeX ? "'" : "′"
            switch op {
            case .sigmoid, .tanh, .relu:
                if case .script = notation {
                    // σ′(z) = σ(z)(1 − σ(z)), tanh′(z) = 1 − tanh²(z); relu′ is a step.
                    let z = arguments[0]
                    switch op {
                    case .sigmoid:
                        return write(
                            .multiply([.function(.sigmoid, [z]), .subtract(.number(1), .function(.sigmoid, [z]))]))
                    case .tanh: return write(.subtract(.number(1), .power(.function(.tanh, [z]), 2)))
                    default: return nil
                    }
                }
                return call(functionName(op) + prime, pieces)
            case .abs:
                switch notation {
                case .script: return nil
                case .text: return call("sgn", pieces)
                case .latex: return call("\\operatorname{sgn}", pieces)
                }
            case .maximum, .minimum:
                if case .script = notation { return nil }
                let (winner, loser) = position == 0 ? (pieces[0], pieces[1]) : (pieces[1], pieces[0])
                let relation = op == .maximum ? ">" : "<"
                return Piece(text: "[\(winner.text) \(relation) \(loser.text)]", level: FormulaText.atomLevel)
            default:
                return nil
            }
        }
    }
}

extension Formula {
    /// The formula with each variable `replacement` gives a formula for replaced by it (not
    /// simplified again).
    func replacingVariables(_ replacement: (NodeID) -> Formula?) -> Formula {
        switch self {
        case .number: return self
        case .variable(let id): return replacement(id) ?? self
        case .add(let a, let b): return .add(a.replacingVariables(replacement), b.replacingVariables(replacement))
        case .subtract(let a, let b):
            return .subtract(a.replacingVariables(replacement), b.replacingVariables(replacement))
        case .multiply(let factors): return .multiply(factors.map { $0.replacingVariables(replacement) })
        case .divide(let a, let b): return .divide(a.replacingVariables(replacement), b.replacingVariables(replacement))
        case .power(let a, let p): return .power(a.replacingVariables(replacement), p)
        case .negate(let a): return .negate(a.replacingVariables(replacement))
        case .function(let op, let arguments):
            return .function(op, arguments.map { $0.replacingVariables(replacement) })
        case .derivative(let op, let arguments, let position):
            return .derivative(op, arguments.map { $0.replacingVariables(replacement) }, position: position)
        }
    }
}
