precedencegroup ExponentiationPrecedence {
    higherThan: MultiplicationPrecedence
    associativity: right
}

/// Power with a constant exponent, as Python's `**`: `x ** 2`.
infix operator **: ExponentiationPrecedence

extension Value {
    public static func + (lhs: Value, rhs: Value) throws(GraphError) -> Value { try lhs.recording(.add, rhs) }
    public static func - (lhs: Value, rhs: Value) throws(GraphError) -> Value { try lhs.recording(.sub, rhs) }
    public static func * (lhs: Value, rhs: Value) throws(GraphError) -> Value { try lhs.recording(.mul, rhs) }
    public static func / (lhs: Value, rhs: Value) throws(GraphError) -> Value { try lhs.recording(.div, rhs) }

    public static func + (lhs: Value, rhs: Double) throws(GraphError) -> Value { try lhs + lhs.graph.constant(rhs) }
    public static func - (lhs: Value, rhs: Double) throws(GraphError) -> Value { try lhs - lhs.graph.constant(rhs) }
    public static func * (lhs: Value, rhs: Double) throws(GraphError) -> Value { try lhs * lhs.graph.constant(rhs) }
    public static func / (lhs: Value, rhs: Double) throws(GraphError) -> Value { try lhs / lhs.graph.constant(rhs) }
    public static func + (lhs: Double, rhs: Value) throws(GraphError) -> Value { try rhs.graph.constant(lhs) + rhs }
    public static func - (lhs: Double, rhs: Value) throws(GraphError) -> Value { try rhs.graph.constant(lhs) - rhs }
    public static func * (lhs: Double, rhs: Value) throws(GraphError) -> Value { try rhs.graph.constant(lhs) * rhs }
    public static func / (lhs: Double, rhs: Value) throws(GraphError) -> Value { try rhs.graph.constant(lhs) / rhs }

    /// `lhs` raised to a constant exponent.
    public static func ** (lhs: Value, exponent: Double) throws(GraphError) -> Value {
        try lhs.recording(.pow, lhs.graph.constant(exponent))
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
    /// The sum of all entries.
    public func sum() -> Value { unary(.sum) }
    /// The mean of all entries.
    public func mean() -> Value { unary(.mean) }
    /// Softmax over the last dimension.
    public func softmax() throws(GraphError) -> Value { try recording(.softmax) }

    /// Mean squared error against `target`, of the same shape.
    public func mse(_ target: Value) throws(GraphError) -> Value { try recording(.mse, target) }

    /// Cross-entropy of these logits against a target distribution of the same shape.
    public func crossEntropy(_ target: Value) throws(GraphError) -> Value {
        try recording(.crossEntropy, target)
    }

    private func unary(_ op: Op) -> Value {
        // Elementwise ops and reductions accept every shape, so recording cannot fail.
        (try? recording(op)) ?? self
    }
}
