/// Mean squared error as a module, like PyTorch's `nn.MSELoss`.
public struct MSELoss {
    /// The module's name, shown on its cluster.
    public let name: String

    /// A loss module.
    public init(name: String = "MSELoss") { self.name = name }

    /// mean((prediction − target)²), recorded as one `mse` node.
    public func callAsFunction(_ prediction: Value, _ target: Value) throws(GraphError) -> Value {
        try prediction.graph.withModule(name, kind: "MSELoss") { () throws(GraphError) -> Value in
            try prediction.mse(target)
        }
    }
}
