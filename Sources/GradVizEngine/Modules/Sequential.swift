/// Modules applied one after another, like PyTorch's `nn.Sequential`.
public struct Sequential: Module {
    public let name: String
    /// The modules in the order they are applied.
    public let layers: [any Module]

    /// A chain of `layers`.
    public init(_ layers: [any Module], name: String = "Sequential") {
        self.layers = layers
        self.name = name
    }

    public var parameters: [Value] { layers.flatMap(\.parameters) }

    public func callAsFunction(_ input: Value) throws(GraphError) -> Value {
        try input.graph.withModule(name, kind: "Sequential") { () throws(GraphError) -> Value in
            var x = input
            for layer in layers { x = try layer(x) }
            return x
        }
    }
}
