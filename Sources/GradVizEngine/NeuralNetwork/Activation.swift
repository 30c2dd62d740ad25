/// An activation applied entry by entry, recorded as its own module (`ReLU`, `Sigmoid`, `Tanh`).
///
/// Given a name (`ReLU(name: "relu1")`), its output is named after it; inside a ``Sequential``
/// an unnamed activation's output is numbered (`relu1`, `relu2`).
public struct Activation: Module {
    public let name: String
    /// The elementwise op applied.
    public let op: Op

    /// An activation module for `op`, named like PyTorch's class by default.
    public init(_ op: Op, name: String? = nil) {
        self.op = op
        self.name = name ?? Activation.className(op)
    }

    public func callAsFunction(_ input: Value) throws(GraphError) -> Value {
        try input.graph.withModule(name, kind: Activation.className(op)) { () throws(GraphError) -> Value in
            let output = Value(graph: input.graph, id: try input.graph.record(op, input.id))
            if name != Activation.className(op) { input.graph.nameIfFree(name, for: output.id) }
            return output
        }
    }

    public var kindName: String { Activation.className(op) }

    static func className(_ op: Op) -> String {
        switch op {
        case .relu: "ReLU"
        case .sigmoid: "Sigmoid"
        case .tanh: "Tanh"
        case .softplus: "Softplus"
        case .leakyRelu: "LeakyReLU"
        case .leaf, .constant, .add, .sub, .mul, .div, .pow, .neg, .exp, .log, .abs, .sqrt, .matmul, .sum, .mean,
            .mse, .softmax, .crossEntropy, .transpose, .identity, .maximum, .minimum, .logSoftmax:
            op.symbol
        }
    }
}

/// max(0, x) as a module, like `nn.ReLU`.
public func ReLU(name: String? = nil) -> Activation { Activation(.relu, name: name) }
/// The logistic sigmoid as a module, like `nn.Sigmoid`.
public func Sigmoid(name: String? = nil) -> Activation { Activation(.sigmoid, name: name) }
/// tanh as a module, like `nn.Tanh`.
public func Tanh(name: String? = nil) -> Activation { Activation(.tanh, name: name) }
