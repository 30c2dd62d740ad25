import GradVizEngine

/// The result of evaluating a ``Script``: the recorded graph with forward values and the
/// gradients of the output, and the script's variables in file order.
///
/// Not `Sendable`: it holds the ``Graph``, which is a mutable reference type.
public struct Evaluation {
    /// The recorded graph; every variable is a named node, every gradient is ∂output/∂node.
    public let graph: Graph
    /// The script's file name, for messages.
    public let file: String
    /// The variable whose gradient was taken (the loss).
    public let output: Variable
    /// Every named variable in file order.
    public let variables: [Variable]
    private let indexByName: [String: Int]

    init(graph: Graph, file: String, output: Variable, variables: [Variable]) {
        self.graph = graph
        self.file = file
        self.output = output
        self.variables = variables
        var indexByName: [String: Int] = [:]
        for (index, variable) in variables.enumerated() { indexByName[variable.name] = index }
        self.indexByName = indexByName
    }

    /// The variable with the given name, if the script assigns it.
    public func variable(named name: String) -> Variable? {
        indexByName[name].map { variables[$0] }
    }
}
