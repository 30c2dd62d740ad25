/// A fully connected layer `y = W·x + b` on a vector `x`, as PyTorch's `nn.Linear`.
///
/// Its parameters are leaves named `NAME.weight` (outputs × inputs) and `NAME.bias`; given a
/// name, its output is named `NAME` (the first time the layer is applied; inside a
/// ``Sequential`` an unnamed layer's output is `linear1`, …), so the variables view of a network
/// draws each layer's activation as the lecture does.
public struct Linear: Module {
    public let name: String
    /// The weight matrix, outputs × inputs.
    public let weight: Value
    /// The bias vector, or `nil` for a layer without bias.
    public let bias: Value?

    /// A layer with weights drawn uniformly from ±1/√inputs (PyTorch's default) by `generator`.
    public init<G: RandomNumberGenerator>(
        in graph: Graph, inputs: Int, outputs: Int, bias: Bool = true, name: String = "Linear",
        using generator: inout G
    ) {
        let bound = 1 / Double(max(inputs, 1)).squareRoot()
        let draw = { (count: Int, generator: inout G) in
            (0..<count).map { _ in Double.random(in: -bound...bound, using: &generator) }
        }
        let weights = draw(inputs * outputs, &generator)
        let biases = draw(outputs, &generator)
        self.init(
            in: graph, weight: Tensor(unchecked: .matrix(outputs, inputs), scalars: weights),
            bias: bias ? Tensor(unchecked: .vector(outputs), scalars: biases) : nil, name: name)
    }

    /// A layer with the given weight matrix and bias vector.
    public init(in graph: Graph, weight: Tensor, bias: Tensor?, name: String = "Linear") {
        self.name = name
        (self.weight, self.bias) = graph.withModule(name, kind: "Linear") {
            (
                graph.leaf(weight, name: "\(name).weight"),
                bias.map { graph.leaf($0, name: "\(name).bias") }
            )
        }
    }

    public var parameters: [Value] { [weight] + (bias.map { [$0] } ?? []) }

    public func callAsFunction(_ input: Value) throws(GraphError) -> Value {
        try input.graph.withModule(name, kind: "Linear") { () throws(GraphError) -> Value in
            let product = try weight.matmul(input)
            let output = try bias.map { (bias) throws(GraphError) in try product + bias } ?? product
            if name != "Linear" { input.graph.nameIfFree(name, for: output.id) }
            return output
        }
    }
}
