import CGradVizRecording

/// A node recorded inside a ``RecordingScope``, as a value you compute with: the operators of
/// ``Value`` without a reference to the graph.
///
/// It is a node id and its scope's number, so making and dropping one costs no reference
/// counting: on micrograd's 10⁶-node workload it records as fast as the tape API
/// (`graph.record(op, a, b)`), where ``Value`` is about a third slower. Every operator,
/// unary ones included, throws ``GraphError/outsideRecordingScope`` when used outside the scope
/// that made the value, and otherwise throws only as ``Value``'s do (shapes that do not fit).
/// That check is what makes it safe to copy and send anywhere: elsewhere it records nothing.
public struct ScopedValue: Sendable, CustomStringConvertible {
    /// The node's position on the graph's tape: what to read the value and gradient by once the
    /// scope has ended (`graph.value(of: id)`, `graph.gradient(of: id)`).
    public let id: NodeID
    /// The number of the scope that made the value.
    @usableFromInline let scope: UInt64

    @usableFromInline
    init(id: NodeID, scope: UInt64) {
        self.id = id
        self.scope = scope
    }

    /// `n12 (scoped)`: the node; its name and value live on the graph.
    public var description: String { "\(id) (scoped)" }

    // The operators are inlinable, so that a client's loop checks the scope and calls the tape
    // directly: without that, the extra call per node cost 14.1 against 12.3 ms per 10⁶ nodes.

    /// The graph of the current scope, if `self` (and `other`, when given) belong to it.
    @inlinable @inline(__always)
    func scopeGraph(_ other: UInt64? = nil) throws(GraphError) -> Unmanaged<Graph> {
        let current = gv_recording_scope_current()
        guard current.number == scope, other == nil || other == scope, let graph = current.graph else {
            throw .outsideRecordingScope
        }
        return Unmanaged.fromOpaque(graph)
    }

    /// Runs `body` on the current scope's graph, borrowed for the call (no retain).
    @inlinable @inline(__always)
    func recording(
        _ other: UInt64? = nil, _ body: (Graph) throws(GraphError) -> NodeID
    ) throws(GraphError) -> ScopedValue {
        let id = try scopeGraph(other)._withUnsafeGuaranteedRef { graph in
            Swift.Result { () throws(GraphError) in try body(graph) }
        }.get()
        return ScopedValue(id: id, scope: scope)
    }

    /// `self op other`.
    @inlinable @inline(__always)
    func recording(_ op: Op, _ other: ScopedValue) throws(GraphError) -> ScopedValue {
        try recording(other.scope) { graph throws(GraphError) in try graph.record(op, id.index, other.id.index) }
    }

    /// `op(self)`.
    @inlinable @inline(__always)
    func recording(_ op: Op) throws(GraphError) -> ScopedValue {
        try recording { graph throws(GraphError) in try graph.record(op, id.index, -1) }
    }

    /// `self op number`, the number recorded as a constant node.
    @inlinable @inline(__always)
    func recording(_ op: Op, constant: Double) throws(GraphError) -> ScopedValue {
        try recording { graph throws(GraphError) in try graph.record(op, id.index, graph.appendConstant(constant)) }
    }

    /// `number op self`, the number recorded as a constant node.
    @inlinable @inline(__always)
    func recording(_ op: Op, constantFirst constant: Double) throws(GraphError) -> ScopedValue {
        try recording { graph throws(GraphError) in try graph.record(op, graph.appendConstant(constant), id.index) }
    }
}

extension ScopedValue {
    /// Elementwise sum; a scalar broadcasts against any shape.
    @inlinable public static func + (lhs: ScopedValue, rhs: ScopedValue) throws(GraphError) -> ScopedValue {
        try lhs.recording(.add, rhs)
    }
    /// Elementwise difference; a scalar broadcasts against any shape.
    @inlinable public static func - (lhs: ScopedValue, rhs: ScopedValue) throws(GraphError) -> ScopedValue {
        try lhs.recording(.sub, rhs)
    }
    /// Elementwise product; a scalar broadcasts against any shape.
    @inlinable public static func * (lhs: ScopedValue, rhs: ScopedValue) throws(GraphError) -> ScopedValue {
        try lhs.recording(.mul, rhs)
    }
    /// Elementwise quotient; a scalar broadcasts against any shape.
    @inlinable public static func / (lhs: ScopedValue, rhs: ScopedValue) throws(GraphError) -> ScopedValue {
        try lhs.recording(.div, rhs)
    }

    /// `lhs + rhs` with `rhs` recorded as a constant node.
    @inlinable public static func + (lhs: ScopedValue, rhs: Double) throws(GraphError) -> ScopedValue {
        try lhs.recording(.add, constant: rhs)
    }
    /// `lhs − rhs` with `rhs` recorded as a constant node.
    @inlinable public static func - (lhs: ScopedValue, rhs: Double) throws(GraphError) -> ScopedValue {
        try lhs.recording(.sub, constant: rhs)
    }
    /// `lhs · rhs` with `rhs` recorded as a constant node.
    @inlinable public static func * (lhs: ScopedValue, rhs: Double) throws(GraphError) -> ScopedValue {
        try lhs.recording(.mul, constant: rhs)
    }
    /// `lhs / rhs` with `rhs` recorded as a constant node.
    @inlinable public static func / (lhs: ScopedValue, rhs: Double) throws(GraphError) -> ScopedValue {
        try lhs.recording(.div, constant: rhs)
    }
    /// `lhs + rhs` with `lhs` recorded as a constant node.
    @inlinable public static func + (lhs: Double, rhs: ScopedValue) throws(GraphError) -> ScopedValue {
        try rhs.recording(.add, constantFirst: lhs)
    }
    /// `lhs − rhs` with `lhs` recorded as a constant node.
    @inlinable public static func - (lhs: Double, rhs: ScopedValue) throws(GraphError) -> ScopedValue {
        try rhs.recording(.sub, constantFirst: lhs)
    }
    /// `lhs · rhs` with `lhs` recorded as a constant node.
    @inlinable public static func * (lhs: Double, rhs: ScopedValue) throws(GraphError) -> ScopedValue {
        try rhs.recording(.mul, constantFirst: lhs)
    }
    /// `lhs / rhs` with `lhs` recorded as a constant node.
    @inlinable public static func / (lhs: Double, rhs: ScopedValue) throws(GraphError) -> ScopedValue {
        try rhs.recording(.div, constantFirst: lhs)
    }

    /// `lhs` raised to a constant exponent.
    @inlinable public static func ** (lhs: ScopedValue, exponent: Double) throws(GraphError) -> ScopedValue {
        try lhs.recording(.pow, constant: exponent)
    }

    /// Negation.
    @inlinable public static prefix func - (operand: ScopedValue) throws(GraphError) -> ScopedValue {
        try operand.recording(.neg)
    }

    /// Matrix·matrix, matrix·vector, vector·matrix or vector·vector product.
    @inlinable public func matmul(_ other: ScopedValue) throws(GraphError) -> ScopedValue {
        try recording(.matmul, other)
    }
    /// max(0, x) per entry; relu′(0) = 0.
    @inlinable public func relu() throws(GraphError) -> ScopedValue { try recording(.relu) }
    /// 1 / (1 + e⁻ˣ) per entry.
    @inlinable public func sigmoid() throws(GraphError) -> ScopedValue { try recording(.sigmoid) }
    /// tanh per entry.
    @inlinable public func tanh() throws(GraphError) -> ScopedValue { try recording(.tanh) }
    /// eˣ per entry.
    @inlinable public func exp() throws(GraphError) -> ScopedValue { try recording(.exp) }
    /// Natural logarithm per entry.
    @inlinable public func log() throws(GraphError) -> ScopedValue { try recording(.log) }
    /// |x| per entry; abs′(0) = 0.
    @inlinable public func abs() throws(GraphError) -> ScopedValue { try recording(.abs) }
    /// √x per entry.
    @inlinable public func sqrt() throws(GraphError) -> ScopedValue { try recording(.sqrt) }
    /// log(1 + eˣ) per entry, a smooth relu; its derivative is the sigmoid.
    @inlinable public func softplus() throws(GraphError) -> ScopedValue { try recording(.softplus) }
    /// x for x > 0, else ``Op/leakyReluSlope``·x, per entry (PyTorch's default `leaky_relu`).
    @inlinable public func leakyRelu() throws(GraphError) -> ScopedValue { try recording(.leakyRelu) }
    /// The sum of all entries.
    @inlinable public func sum() throws(GraphError) -> ScopedValue { try recording(.sum) }
    /// The mean of all entries.
    @inlinable public func mean() throws(GraphError) -> ScopedValue { try recording(.mean) }
    /// The transpose of a matrix; a vector or a scalar is its own transpose, as NumPy's `.T`.
    @inlinable public func transposed() throws(GraphError) -> ScopedValue { try recording(.transpose) }
    /// The transpose, spelled as in NumPy and PyTorch: `x @ W.T + b`.
    public var T: ScopedValue { get throws(GraphError) { try transposed() } }
    /// Softmax over the last dimension.
    @inlinable public func softmax() throws(GraphError) -> ScopedValue { try recording(.softmax) }
    /// log softmax over the last dimension.
    @inlinable public func logSoftmax() throws(GraphError) -> ScopedValue { try recording(.logSoftmax) }
    /// Mean squared error against `target`, of the same shape.
    @inlinable public func mse(_ target: ScopedValue) throws(GraphError) -> ScopedValue { try recording(.mse, target) }
    /// Cross-entropy of these logits against a target distribution or class indices, as
    /// ``Value/crossEntropy(_:)``.
    @inlinable public func crossEntropy(_ target: ScopedValue) throws(GraphError) -> ScopedValue {
        try recording(.crossEntropy, target)
    }
    /// The larger of `self` and `other` per entry; at a tie each gets half the gradient.
    @inlinable public func maximum(_ other: ScopedValue) throws(GraphError) -> ScopedValue {
        try recording(.maximum, other)
    }
    /// The smaller of `self` and `other` per entry; at a tie each gets half the gradient.
    @inlinable public func minimum(_ other: ScopedValue) throws(GraphError) -> ScopedValue {
        try recording(.minimum, other)
    }
    /// A new node with the same value and local derivative 1 (a⁽⁰⁾ = x).
    @inlinable public func identity() throws(GraphError) -> ScopedValue { try recording(.identity) }
}
