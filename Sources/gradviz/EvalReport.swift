import GradVizEngine
import GradVizExplain
import GradVizNotation
import GradVizScript

/// What `gradviz eval` prints: the variables of an evaluation as a table or as JSON.
struct EvalReport {
    let evaluation: Evaluation

    init(_ evaluation: Evaluation) { self.evaluation = evaluation }

    /// `{"output": "L", "nodes": [{"name": "x", "shape": [], "value": 3, "grad": -36}, …]}`.
    var json: String {
        let graph = evaluation.graph
        let nodes = evaluation.variables.map { variable -> JSONValue in
            let zero = Tensor(repeating: 0, shape: graph.shape(of: variable.id))
            return .object([
                ("name", .string(variable.name)),
                ("shape", .array(graph.shape(of: variable.id).dimensions.map { .integer($0) })),
                ("value", JSONValue(graph.value(of: variable.id))),
                ("grad", variable.isData ? .null : JSONValue(graph.gradient(of: variable.id) ?? zero)),
            ])
        }
        return JSONValue.object([("output", .string(evaluation.output.name)), ("nodes", .array(nodes))]).text
    }

    /// A table: name, shape, value, gradient, one variable per line.
    func text(_ numbers: NumberFormat) -> String {
        let graph = evaluation.graph
        var table = TextTable()
        table.append(["name", "shape", "value", "∂\(evaluation.output.name)/∂name"])
        for variable in evaluation.variables {
            table.append([
                variable.name, graph.shape(of: variable.id).description,
                numbers.string(graph.value(of: variable.id)),
                variable.isData ? "— (data)" : graph.gradient(of: variable.id).map(numbers.string) ?? "—",
            ])
        }
        return table.render(indent: "") + "\n"
    }
}
