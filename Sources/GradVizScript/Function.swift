import GradVizEngine

/// The functions a script may call, by name.
enum Function {
    static let table: [String: Op] = [
        "relu": .relu, "sigmoid": .sigmoid, "tanh": .tanh, "exp": .exp, "log": .log, "abs": .abs,
        "sqrt": .sqrt, "softplus": .softplus, "sum": .sum, "mean": .mean, "softmax": .softmax, "mse": .mse,
        "cross_entropy": .crossEntropy, "transpose": .transpose, "max": .maximum,
        "min": .minimum, "leaky_relu": .leakyRelu, "log_softmax": .logSoftmax,
    ]

    /// Every function name, sorted, for "unknown function" messages.
    static let names: String = table.keys.sorted().joined(separator: ", ")

    /// "1 argument" / "2 arguments".
    static func arguments(_ count: Int) -> String {
        count == 1 ? "1 argument" : "\(count) arguments"
    }
}
