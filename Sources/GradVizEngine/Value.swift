/// A node of a ``Graph`` as a value you compute with, micrograd style.
///
/// Operators record new nodes on the same graph: `try w * x + b`. Arithmetic throws only when
/// shapes do not fit (a scalar combines with anything), so scalar code reads like math with one
/// `try` in front.
public struct Value: CustomStringConvertible {
    /// The graph the node is recorded on.
    public let graph: Graph
    /// The node's position on the graph's tape.
    public let id: NodeID

    /// The value handle of node `id` in `graph`.
    public init(graph: Graph, id: NodeID) {
        self.graph = graph
        self.id = id
    }

    /// The forward value.
    public var value: Tensor { graph.value(of: id) }

    /// The forward value's first entry (its value, for a scalar).
    public var scalar: Double { graph.scalarValue(of: id) }

    /// ∂origin/∂self after a ``backward()`` (zero before any backward pass).
    public var grad: Tensor { graph.gradient(of: id) ?? Tensor(repeating: 0, shape: shape) }

    /// The shape of the value.
    public var shape: Shape { graph.shape(of: id) }

    /// The op that produced the value.
    public var op: Op { graph.op(of: id) }

    /// The node's name, if any.
    public var name: String? { graph.name(of: id) }

    /// Names the node (for figures and explanations) and returns it.
    @discardableResult
    public func named(_ name: String, label: String? = nil) -> Value {
        graph.setName(name, for: id)
        if let label { graph.setLabel(label, for: id) }
        return self
    }

    /// Computes the gradient of this value with respect to every node that produced it.
    public func backward() { graph.backward(from: id) }

    /// `name = value` or `n12 = value` for an unnamed node.
    public var description: String { "\(name ?? id.description) = \(value)" }

    // Recording helpers. `self` is consumed: in `acc = acc + x` or `w * x + b` the left operand
    // is dead afterwards, so its reference to the graph moves into the result instead of being
    // retained for the result and released with the operand (two atomic operations per node on
    // a scalar network).

    /// `self op other`.
    consuming func recording(_ op: Op, _ other: borrowing Value) throws(GraphError) -> Value {
        guard other.graph === graph else { throw .differentGraphs }
        let id = try graph.record(op, id.index, other.id.index)
        return Value(graph: graph, id: id)
    }

    /// `op(self)`.
    func recording(_ op: Op) throws(GraphError) -> Value {
        Value(graph: graph, id: try graph.record(op, id.index, -1))
    }

    /// `self op number`, the number recorded as a constant node (micrograd's `Value(other)`).
    consuming func recording(_ op: Op, constant: Double) throws(GraphError) -> Value {
        let number = graph.appendConstant(constant)
        let id = try graph.record(op, id.index, number)
        return Value(graph: graph, id: id)
    }

    /// `number op self`, the number recorded as a constant node.
    consuming func recording(_ op: Op, constantFirst constant: Double) throws(GraphError) -> Value {
        let number = graph.appendConstant(constant)
        let id = try graph.record(op, number, id.index)
        return Value(graph: graph, id: id)
    }
}
