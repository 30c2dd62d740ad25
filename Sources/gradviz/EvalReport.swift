import GradVizEngine
import GradVizExplain
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
                ("grad", JSONValue(graph.gradient(of: variable.id) ?? zero)),
            ])
        }
        return JSONValue.object([("output", .string(evaluation.output.name)), ("nodes", .array(nodes))]).text
    }

    /// A table: name, shape, value, gradient, one variable per line.
    func text(_ numbers: NumberFormat) -> String {
        let graph = evaluation.graph
        let output = evaluation.output.name
        var rows = [["name", "shape", "value", "∂\(output)/∂name"]]
        for variable in evaluation.variables {
            let gradient = graph.gradient(of: variable.id).map(numbers.string) ?? "—"
            rows.append([
                variable.name, graph.shape(of: variable.id).description,
                numbers.string(graph.value(of: variable.id)), gradient,
            ])
        }
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var text = ""
        for row in rows {
            let cells = zip(row, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }
            text += cells.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }
        return text
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
