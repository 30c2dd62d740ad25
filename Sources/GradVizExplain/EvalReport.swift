import GradVizEngine
import GradVizNotation

/// What `gradviz eval` prints: named variables with their values and gradients, as a table or
/// as JSON.
///
/// It reads only the graph and the variables' names, so a script's evaluation, a hand-built
/// graph or an expanded one report alike.
public struct EvalReport {
    /// A variable to report: its name and its node.
    public typealias Variable = (name: String, id: NodeID)

    /// The graph, with gradients from `output` when a backward pass has run.
    public let graph: Graph
    /// The name of the differentiated variable.
    public let output: String
    /// The variables, in the order they are reported.
    public let variables: [Variable]
    /// The script's `expect` lines, checked (see ``Expectation/check(_:in:within:numbers:diagnosing:)``).
    public let expectations: [ExpectationResult]

    /// A report of `variables` of `graph`, whose gradients are ∂`output`/∂variable, and of the
    /// `expectations` checked on it.
    public init(graph: Graph, output: String, variables: [Variable], expectations: [ExpectationResult] = []) {
        self.graph = graph
        self.output = output
        self.variables = variables
        self.expectations = expectations
    }

    /// `{"output": "L", "nodes": [{"name": "x", "shape": [], "value": 3, "grad": -36}, …]}`;
    /// a variable the output does not depend on has a gradient of zeros, a data leaf `null`.
    /// A script with `expect` lines adds `"expectations": […]`, as `check --format json` writes
    /// them.
    public var json: String {
        let nodes = variables.map { variable -> JSONValue in
            let zero = Tensor(repeating: 0, shape: graph.shape(of: variable.id))
            return .object([
                ("name", .string(variable.name)),
                ("shape", .array(graph.shape(of: variable.id).dimensions.map { .integer($0) })),
                ("value", JSONValue(graph.value(of: variable.id))),
                ("grad", graph.isData(variable.id) ? .null : JSONValue(graph.gradient(of: variable.id) ?? zero)),
            ])
        }
        var fields: [(String, JSONValue)] = [("output", .string(output)), ("nodes", .array(nodes))]
        if !expectations.isEmpty { fields.append(("expectations", .array(expectations.map(CheckSummary.json)))) }
        return JSONValue.object(fields).text
    }

    /// A table: name, shape, value, gradient, one variable per line (`—` for no gradient,
    /// `— (data)` for a data leaf), then the expectations, if any.
    public func text(_ numbers: NumberFormat) -> String {
        var table = TextTable()
        table.append(["name", "shape", "value", "∂\(output)/∂name"])
        for variable in variables {
            table.append([
                variable.name, graph.shape(of: variable.id).description,
                numbers.string(graph.value(of: variable.id)),
                graph.isData(variable.id) ? "— (data)" : graph.gradient(of: variable.id).map(numbers.string) ?? "—",
            ])
        }
        return table.render(indent: "") + "\n" + ExpectationResult.report(expectations, numbers: numbers)
    }
}
