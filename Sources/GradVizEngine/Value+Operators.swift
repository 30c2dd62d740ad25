precedencegroup ExponentiationPrecedence {
    higherThan: MultiplicationPrecedence
    associativity: right
}

/// Power with a constant exponent, as Python's `**`: `x ** 2`.
infix operator ** : ExponentiationPrecedence

extension Value {
    /// Elementwise sum; a scalar broadcasts against any shape.
    public static func + (lhs: consuming Value, rhs: Value) throws(GraphError) -> Value { try lhs.recording(.add, rhs) }
    /// Elementwise difference; a scalar broadcasts against any shape.
    public static func - (lhs: consuming Value, rhs: Value) throws(GraphError) -> Value { try lhs.recording(.sub, rhs) }
    /// Elementwise product; a scalar broadcasts against any shape.
    public static func * (lhs: consuming Value, rhs: Value) throws(GraphError) -> Value { try lhs.recording(.mul, rhs) }
    /// Elementwise quotient; a scalar broadcasts against any shape.
    public static func / (lhs: consuming Value, rhs: Value) throws(GraphError) -> Value { try lhs.recording(.div, rhs) }

    /// `lhs + rhs` with `rhs` recorded as a constant node.
    public static func + (lhs: consuming Value, rhs: Double) throws(GraphError) -> Value {
        try lhs.recording(.add, constant: rhs)
    }
    /// `lhs − rhs` with `rhs` recorded as a constant node.
    public static func - (lhs: consuming Value, rhs: Double) throws(GraphError) -> Value {
        try lhs.recording(.sub, constant: rhs)
    }
    /// `lhs · rhs` with `rhs` recorded as a constant node.
    public static func * (lhs: consuming Value, rhs: Double) throws(GraphError) -> Value {
        try lhs.recording(.mul, constant: rhs)
    }
    /// `lhs / rhs` with `rhs` recorded as a constant node.
    public static func / (lhs: consuming Value, rhs: Double) throws(GraphError) -> Value {
        try lhs.recording(.div, constant: rhs)
    }
    /// `lhs + rhs` with `lhs` recorded as a constant node.
    public static func + (lhs: Double, rhs: consuming Value) throws(GraphError) -> Value {
        try rhs.recording(.add, constantFirst: lhs)
    }
    /// `lhs − rhs` with `lhs` recorded as a constant node.
    public static func - (lhs: Double, rhs: consuming Value) throws(GraphError) -> Value {
        try rhs.recording(.sub, constantFirst: lhs)
    }
    /// `lhs · rhs` with `lhs` recorded as a constant node.
    public static func * (lhs: Double, rhs: consuming Value) throws(GraphError) -> Value {
        try rhs.recording(.mul, constantFirst: lhs)
    }
    /// `lhs / rhs` with `lhs` recorded as a constant node.
    public static func / (lhs: Double, rhs: consuming Value) throws(GraphError) -> Value {
        try rhs.recording(.div, constantFirst: lhs)
    }

    /// `lhs` raised to a constant exponent.
    public static func ** (lhs: consuming Value, exponent: Double) throws(GraphError) -> Value {
        try lhs.recording(.pow, constant: exponent)
    }

    /// Negation.
    public static prefix func - (operand: Value) -> Value {
        // A unary elementwise op accepts every shape.
        (try? operand.recording(.neg)) ?? operand
    }

    /// Matrix·matrix, matrix·vector, vector·matrix or vector·vector product.
    public func matmul(_ other: Value) throws(GraphError) -> Value { try recording(.matmul, other) }

    /// max(0, x) per entry; relu′(0) = 0.
    public func relu() -> Value { unary(.relu) }
    /// 1 / (1 + e⁻ˣ) per entry.
    public func sigmoid() -> Value { unary(.sigmoid) }
    /// tanh per entry.
    public func tanh() -> Value { unary(.tanh) }
    /// eˣ per entry.
    public func exp() -> Value { unary(.exp) }
    /// Natural logarithm per entry.
    public func log() -> Value { unary(.log) }
    /// |x| per entry; abs′(0) = 0.
    public func abs() -> Value { unary(.abs) }
    /// √x per entry.
    public func sqrt() -> Value { unary(.sqrt) }
    /// log(1 + eˣ) per entry, a smooth relu; its derivative is the sigmoid.
    public func softplus() -> Value { unary(.softplus) }
    /// x for x > 0, else ``Op/leakyReluSlope``·x, per entry (PyTorch's default `leaky_relu`).
    public func leakyRelu() -> Value { unary(.leakyRelu) }
    /// The sum of all entries.
    public func sum() -> Value { unary(.sum) }
    /// The mean of all entries.
    public func mean() -> Value { unary(.mean) }
    /// The transpose of a matrix (`[r, c]` → `[c, r]`); a vector or a scalar is returned as its
    /// own transpose, as NumPy's `.T` does. Recorded as a node, so gradients flow back through it.
    public func transposed() -> Value { unary(.transpose) }
    /// The transpose, spelled as in NumPy and PyTorch: `x @ W.T + b`.
    public var T: Value { transposed() }
    /// Softmax over the last dimension.
    public func softmax() throws(GraphError) -> Value { try recording(.softmax) }
    /// log softmax over the last dimension, without forming the softmax.
    public func logSoftmax() throws(GraphError) -> Value { try recording(.logSoftmax) }

    /// Mean squared error against `target`, of the same shape.
    public func mse(_ target: Value) throws(GraphError) -> Value { try recording(.mse, target) }

    /// Cross-entropy of these logits against a target distribution of the same shape, or
    /// against class indices (0-based, as in PyTorch): a scalar for a vector of logits, a vector
    /// of one index per row for a matrix.
    public func crossEntropy(_ target: Value) throws(GraphError) -> Value {
        try recording(.crossEntropy, target)
    }

    /// The larger of `self` and `other` per entry; at a tie each gets half the gradient.
    public func maximum(_ other: Value) throws(GraphError) -> Value { try recording(.maximum, other) }

    /// The smaller of `self` and `other` per entry; at a tie each gets half the gradient.
    public func minimum(_ other: Value) throws(GraphError) -> Value { try recording(.minimum, other) }

    /// A new node with the same value and local derivative 1: a variable that names another's
    /// value (a⁽⁰⁾ = x), drawn as a node of its own.
    public func identity() -> Value { unary(.identity) }

    private func unary(_ op: Op) -> Value {
        // Elementwise ops, reductions and transpose accept every shape, so recording cannot fail.
        (try? recording(op)) ?? self
    }
}
