/// A block of a model, like PyTorch's `nn.Module`: it records its nodes inside a named module
/// of the graph, so figures draw it as a cluster.
public protocol Module {
    /// The module's name, shown on its cluster.
    var name: String { get }
    /// The leaves the module learns (empty for activations).
    var parameters: [Value] { get }
    /// Records the module's computation on `input`'s graph.
    func callAsFunction(_ input: Value) throws(GraphError) -> Value
    /// What kind of module this is (`Linear`, `ReLU`): how ``Sequential`` numbers the outputs
    /// it names (`linear1`, `relu2`). Default: the type's name.
    var kindName: String { get }
}

extension Module {
    public var kindName: String { String(describing: type(of: self)) }

    /// No parameters, for modules that only transform their input.
    public var parameters: [Value] { [] }
}
