extension Op {
    /// The op's local derivative `∂out/∂operands[position]` as a formula over its operands,
    /// beside the number ``partials(_:_:output:)`` gives (and equal to it at every point: the
    /// kinked ops evaluate through ``partials(_:_:output:)`` itself). Simplified.
    ///
    /// Defined for scalar operands. `nil` for ops whose derivative is not a scalar formula of
    /// scalar operands (`matmul`, `softmax`, `crossEntropy`) and for `leaf` and `constant`,
    /// which have no operands. A new op adds its case here: the switch is exhaustive.
    public func localDerivative(_ operands: [Formula], position: Int) -> Formula? {
        guard operands.count == arity, (0..<arity).contains(position) else { return nil }
        let a = operands[0]
        let b = operands.count > 1 ? operands[1] : .number(0)
        switch self {
        case .add: return .number(1)
        case .sub: return .number(position == 0 ? 1 : -1)
        case .mul: return position == 0 ? b : a
        case .div:
            // ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = −a/b².
            return position == 0
                ? Formula.quotient(.number(1), b) : Formula.negation(Formula.quotient(a, Formula.raised(b, to: 2)))
        case .pow:
            // The exponent is a constant: ∂(a^p)/∂a = p·a^(p−1), as partials gives it (0 for p = 0).
            guard position == 0, let p = b.constant else { return position == 1 ? .number(0) : nil }
            return p == 0 ? .number(0) : Formula.product(.number(p), Formula.raised(a, to: p - 1))
        case .neg: return .number(-1)
        case .identity: return .number(1)
        case .exp: return .function(.exp, [a])
        case .log: return Formula.quotient(.number(1), a)
        case .sqrt: return Formula.quotient(.number(1), Formula.product(.number(2), .function(.sqrt, [a])))
        case .softplus: return .function(.sigmoid, [a])
        case .sigmoid, .tanh, .relu, .abs, .leakyRelu: return .derivative(self, [a], position: 0)
        case .maximum, .minimum: return .derivative(self, [a, b], position: position)
        // Scalar operands only: the sum, mean or transpose of a scalar is the scalar, the
        // softmax of one entry is 1, mse(p, t) of scalars is (p − t)².
        case .sum, .mean, .transpose: return .number(1)
        // The log-softmax of one entry is a − log eᵃ = 0, whatever a is.
        case .softmax, .logSoftmax: return .number(0)
        case .mse:
            let twice = Formula.product(.number(2), Formula.difference(a, b))
            return position == 0 ? twice : Formula.negation(twice)
        case .matmul, .crossEntropy, .leaf, .constant: return nil
        }
    }
}

extension Op {
    /// The op's forward value as a formula over its operands (`a + b`, `sigmoid(a)`),
    /// simplified; `nil` where ``localDerivative(_:position:)`` is `nil`.
    public func expression(_ operands: [Formula]) -> Formula? {
        guard operands.count == arity else { return nil }
        let a = operands[0]
        let b = operands.count > 1 ? operands[1] : .number(0)
        switch self {
        case .add: return Formula.sum(a, b)
        case .sub: return Formula.difference(a, b)
        case .mul: return Formula.product(a, b)
        case .div: return Formula.quotient(a, b)
        case .pow:
            guard let p = b.constant else { return nil }
            return Formula.raised(a, to: p)
        case .neg: return Formula.negation(a)
        case .identity, .sum, .mean, .transpose: return a
        case .relu, .sigmoid, .tanh, .exp, .log, .abs, .sqrt, .softplus, .leakyRelu:
            if let x = a.constant { return .number(apply(x, 0)) }
            return .function(self, [a])
        case .maximum, .minimum:
            if let x = a.constant, let y = b.constant { return .number(apply(x, y)) }
            return .function(self, [a, b])
        case .softmax: return .number(1)
        case .logSoftmax: return .number(0)
        case .mse: return Formula.power(Formula.difference(a, b), 2)
        case .matmul, .crossEntropy, .leaf, .constant: return nil
        }
    }
}

extension Op {
    /// The op's backward rule for tensors as textbooks write it, in Unicode: the gradient that
    /// reaches the operand at `position`, given δ, the gradient of the output (∂L/∂out). `{0}`
    /// and `{1}` stand for the operands (a printer puts their names in): z = W·x gives
    /// `δ·{1}ᵀ` for W and `{0}ᵀ·δ` for x; elementwise ops multiply δ entry by entry (⊙) by their
    /// derivative. An operand that an elementwise op broadcasts gets the rule summed over the
    /// repeated rows or columns (the printer says so). `operands` are the operands' shapes, for
    /// the rules that depend on them: the count n of `mean` and `mse`, and whether
    /// `cross_entropy`'s target is class indices (one-hot) and its logits rows (averaged);
    /// without them, `n` and the general forms. `nil` for `leaf` and `constant`.
    public func backwardRule(position: Int, operands: [Shape] = []) -> String? {
        guard (0..<arity).contains(position) else { return nil }
        let first = position == 0
        let n = operands.first.map { String($0.count) } ?? "n"
        switch self {
        case .add, .identity: return "δ"
        case .sub: return first ? "δ" : "−δ"
        case .neg: return "−δ"
        case .mul: return first ? "δ ⊙ {1}" : "δ ⊙ {0}"
        case .div: return first ? "δ ⊘ {1}" : "−δ ⊙ {0} ⊘ {1}²"
        case .pow: return first ? "δ ⊙ {1}·{0}^({1} − 1)" : nil
        case .relu: return "δ ⊙ relu′({0})"
        case .leakyRelu: return "δ ⊙ leaky_relu′({0})"
        case .sigmoid: return "δ ⊙ σ′({0})"
        case .tanh: return "δ ⊙ tanh′({0})"
        case .exp: return "δ ⊙ exp({0})"
        case .log: return "δ ⊘ {0}"
        case .abs: return "δ ⊙ sgn({0})"
        case .sqrt: return "δ ⊘ (2√{0})"
        case .softplus: return "δ ⊙ σ({0})"
        case .maximum: return first ? "δ ⊙ [{0} > {1}]" : "δ ⊙ [{1} > {0}]"
        case .minimum: return first ? "δ ⊙ [{0} < {1}]" : "δ ⊙ [{1} < {0}]"
        case .matmul: return first ? "δ·{1}ᵀ" : "{0}ᵀ·δ"
        case .transpose: return "δᵀ"
        case .sum: return "δ in every entry"
        case .mean: return "δ/\(n) in every entry"
        case .mse: return first ? "2δ({0} − {1})/\(n)" : "−2δ({0} − {1})/\(n)"
        case .softmax: return "s ⊙ (δ − δ·s), s = softmax({0})"
        case .logSoftmax: return "δ − softmax({0})·Σδ, per row"
        case .crossEntropy:
            guard operands.count == 2 else {
                return first ? "δ(softmax({0}) − onehot({1})), averaged over rows" : "−δ·log softmax({0})"
            }
            // Softmax minus the target: one-hot for class indices (a shape other than the
            // logits'); a matrix of logits averages over its rows.
            let target = operands[0] != operands[1] ? "onehot({1})" : "{1}"
            let rows = operands[0].rank == 2 ? "/\(operands[0].rows)" : ""
            return first ? "δ(softmax({0}) − \(target))\(rows)" : "−δ·log softmax({0})\(rows)"
        case .leaf, .constant: return nil
        }
    }
}
