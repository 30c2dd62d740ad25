/// Plain stochastic gradient descent, like PyTorch's `optim.SGD` without momentum.
///
/// The graph is a tape: a step moves each parameter against its gradient and replays the tape,
/// so the recorded model's values are those of the new parameters. Call `backward()` again for
/// the next step.
public struct SGD {
    /// The leaves updated by ``step()``.
    public let parameters: [Value]
    /// How far each step moves along the negative gradient.
    public var learningRate: Double
    /// How many steps were taken. ``step()`` counts them, so it is `mutating`: write
    /// `var optimizer = SGD(…)` as in PyTorch code, without a "never mutated" warning.
    public private(set) var steps = 0

    /// An optimiser for `parameters` (all on one graph).
    public init(parameters: [Value], learningRate: Double) {
        self.parameters = parameters
        self.learningRate = learningRate
    }

    /// p ← p − learningRate · ∂loss/∂p for each parameter, then recomputes the graph.
    public mutating func step() {
        steps += 1
        guard let graph = parameters.first?.graph else { return }
        for parameter in parameters {
            guard let gradient = graph.gradient(of: parameter.id) else { continue }
            let current = parameter.value
            let updated = zip(current.scalars, gradient.scalars).map { $0 - learningRate * $1 }
            try? graph.setValue(Tensor(unchecked: current.shape, scalars: updated), for: parameter.id)
        }
        graph.recompute()
    }
}
