/// Modules applied one after another, like PyTorch's `nn.Sequential`.
///
/// Each layer's output that its module left unnamed is named after the module's kind and its
/// number among layers of that kind (`relu1`, `relu2`, `linear1`), so the default figure shows
/// the hidden activations rather than folding them into edges.
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
            var counts: [String: Int] = [:]
            for layer in layers {
                x = try layer(x)
                let kind = layer.kindName.lowercased()
                counts[kind, default: 0] += 1
                if x.graph.name(of: x.id) == nil { x.graph.nameIfFree("\(kind)\(counts[kind] ?? 1)", for: x.id) }
            }
            return x
        }
    }
}
