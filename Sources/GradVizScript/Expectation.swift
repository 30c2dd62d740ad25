import GradVizEngine

extension Script {
    /// An `expect` line: a number the script's author worked out by hand, to be checked.
    ///
    /// ```
    /// expect yhat = 37                 # a value (the forward pass)
    /// expect dL/dw1 = -36              # a gradient ∂L/∂w1
    /// expect dl/dw1 = -0.0678 within 1e-4
    /// expect dL/dW = [[1.762, 0.8808],
    ///                 [-1.762, -0.8808]] within 1e-3
    /// ```
    ///
    /// The expected number is a literal (a number, a vector or a matrix); `within A` is an
    /// absolute tolerance (|computed − expected| ≤ A entry by entry), and without it the
    /// checker's default tolerance applies. An expectation changes nothing the script computes
    /// or draws.
    public struct Expectation: Sendable {
        /// What is expected.
        public enum Quantity: Sendable, Hashable {
            /// The value of a variable.
            case value(String)
            /// The gradient ∂`of`/∂`wrt`.
            case gradient(of: String, wrt: String)
        }

        /// The variable or gradient expected.
        public let quantity: Quantity
        /// The number written after `=`.
        public let expected: Tensor
        /// The absolute tolerance written after `within`, or `nil` for the checker's default.
        public let tolerance: Double?
        /// The 1-based line of the `expect` line.
        public let line: Int
        /// The 1-based column (in characters) of the quantity, after `expect`.
        public let column: Int
        /// The statement as written, without its comment, on one line: `expect dL/dw1 = -36`.
        public let source: String

        /// How the quantity is written in the script: `yhat` or `dL/dw1`.
        public var subject: String {
            switch quantity {
            case .value(let name): name
            case .gradient(let of, let wrt): "d\(of)/d\(wrt)"
            }
        }
    }

    /// The expectations, in file order.
    public var expectations: [Expectation] {
        statements.compactMap { statement in
            guard case .expectation(let syntax) = statement.kind else { return nil }
            let column = diagnostic(line: statement.line, offset: statement.offset, "").column
            return Expectation(
                quantity: syntax.quantity, expected: syntax.expected, tolerance: syntax.tolerance,
                line: statement.line, column: column, source: syntax.source)
        }
    }

    /// The source text of each assignment's right-hand side and the variables it reads, for
    /// messages about a wrong expected value (`yhat = w2 * (w1 * x + b1) + b2`).
    var assignmentTexts: [String: Evaluation.Assignment] {
        var texts: [String: Evaluation.Assignment] = [:]
        for statement in statements {
            guard case .assignment(let name, let expression) = statement.kind else { continue }
            var reads: [String] = []
            for item in expression.items {
                if case .name(let read) = item.kind, !reads.contains(read) { reads.append(read) }
            }
            texts[name] = Evaluation.Assignment(expression: expression.source, reads: reads)
        }
        return texts
    }
}

extension Evaluation {
    /// An assignment as written: its right-hand side and the variables it reads, in order.
    public struct Assignment: Sendable {
        /// The right-hand side as written, on one line: `w2 * (w1 * x + b1) + b2`.
        public let expression: String
        /// The variables it reads, each once, in the order they first appear.
        public let reads: [String]
    }
}

/// An `expect` line as parsed, before it is placed (see ``Script/Expectation``).
struct ExpectationSyntax: Sendable {
    let quantity: Script.Expectation.Quantity
    let expected: Tensor
    let tolerance: Double?
    /// The byte offset of each name, for diagnostics: the value's name, or `of` then `wrt`.
    let nameOffsets: [Int]
    let source: String
}
