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

    func recording(_ op: Op, _ other: Value? = nil) throws(GraphError) -> Value {
        if let other, other.graph !== graph { throw .differentGraphs }
        return Value(graph: graph, id: try graph.record(op, id.index, other?.id.index ?? -1))
    }
}
