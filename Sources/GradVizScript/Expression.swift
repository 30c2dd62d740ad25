import GradVizEngine

/// The right-hand side of an assignment in postfix order: operands before the operation that
/// uses them, so evaluation is one loop over ``items`` with an explicit stack, whatever the
/// nesting.
struct Expression: Sendable {
    struct Item: Sendable {
        enum Kind: Sendable {
            /// A number or tensor literal (a unary minus directly on it is already applied).
            case literal(Tensor)
            /// A variable read.
            case name(String)
            /// An operator or function: `.neg`, binary ops, or a function such as `.relu`/`.mse`.
            case operation(Op)
        }

        var kind: Kind
        /// The byte offset in its line of the literal, name, operator symbol or function name.
        var offset: Int
        /// Whether the item belongs to the constant exponent of a `^`, computed as a plain number
        /// rather than recorded on the graph.
        var folded = false
    }

    var items: [Item]
    /// The expression as written, on one line (runs of spaces and line breaks as one space).
    var source = ""

    /// Whether the expression is a single literal: the assignment defines a leaf.
    var isLiteral: Bool {
        guard items.count == 1, case .literal = items[0].kind else { return false }
        return true
    }

    /// The name, when the expression is nothing but a variable read.
    var aliasedName: String? {
        guard items.count == 1, case .name(let name) = items[0].kind else { return nil }
        return name
    }
}

extension Op {
    /// How scripts spell the op, for messages: `+`, `-`, `^`, `relu`, `cross_entropy`.
    var scriptSpelling: String {
        switch self {
        case .sub, .neg: "-"
        case .mul: "*"
        case .leaf, .constant, .add, .div, .pow, .relu, .sigmoid, .tanh, .exp, .log, .abs, .sqrt, .softplus, .matmul,
            .sum,
            .mean, .mse, .softmax, .crossEntropy, .transpose, .identity, .maximum, .minimum, .leakyRelu, .logSoftmax:
            symbol
        }
    }
}
