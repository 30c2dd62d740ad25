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
    /// The script's `expect` lines, in file order (none for an expanded evaluation, whose
    /// variables are entries: check them on the evaluation they were expanded from).
    public let expectations: [Script.Expectation]
    private let assignments: [String: Assignment]
    private let indexByName: [String: Int]

    init(
        graph: Graph, file: String, output: Variable, variables: [Variable], expectations: [Script.Expectation] = [],
        assignments: [String: Assignment] = [:]
    ) {
        self.graph = graph
        self.file = file
        self.output = output
        self.variables = variables
        self.expectations = expectations
        self.assignments = assignments
        var indexByName: [String: Int] = [:]
        for (index, variable) in variables.enumerated() { indexByName[variable.name] = index }
        self.indexByName = indexByName
    }

    /// How the script computes `name`: its right-hand side as written and the variables it
    /// reads; `nil` for a name the script does not assign (or an expanded entry).
    public func assignment(of name: String) -> Assignment? { assignments[name] }

    /// The variable with the given name, if the script assigns it.
    public func variable(named name: String) -> Variable? {
        indexByName[name].map { variables[$0] }
    }
}
