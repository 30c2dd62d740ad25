import GradVizEngine
import GradVizNotation

extension Script {
    /// Runs the script forward, recording every variable on a new ``Graph``, then takes the
    /// gradient of the output with respect to every node.
    ///
    /// Each operation's result is checked as it is recorded, so `1/(1/0)` fails at the inner
    /// `/` and `exp(1000)` at `exp`. Assignments inside `module NAME { … }` are recorded in a
    /// graph module of that name; every variable gets a display label.
    ///
    /// - Parameter output: The variable to differentiate; default: the `output` directive's
    ///   name, or else the last assignment.
    /// - Throws: ``Diagnostic`` for an unknown output name (a requested name is not in the
    /// script, so that diagnostic has no position; line 0), a shape mismatch, a value
    ///   that is not finite, or a gradient that is not finite (at the variable's assignment).
    public func evaluate(output requested: String? = nil) throws(Diagnostic) -> Evaluation {
        let outputName = requested ?? defaultOutput
        // A name asked for (`--of`) has no place in the script to point at.
        let outputLine = requested == nil ? 1 : 0
        guard definitions[outputName] != nil else {
            throw Diagnostic(
                file: file, line: outputLine, column: outputLine,
                message: "unknown output '\(outputName)': the script has no variable of that name"
                    + Suggestion.didYouMean(outputName, among: definitions.keys.sorted()))
        }
        let graph = Graph()
        var nodes: [String: NodeID] = [:]
        var variables: [Variable] = []
        var offsets: [Int] = []
        for statement in statements {
            switch statement.kind {
            case .assignment(let name, let expression):
                let id = try record(expression, line: statement.line, named: name, on: graph, nodes)
                nodes[name] = id
                let label = labels[name] ?? DisplayLabel(name: name).text
                graph.setLabel(label, for: id)
                let isData = data.contains(name)
                if isData { graph.markAsData(id) }
                variables.append(
                    Variable(
                        name: name, id: id, line: statement.line, isLeaf: expression.isLiteral, label: label,
                        isData: isData))
                offsets.append(statement.offset)
            case .beginModule(let name):
                graph.beginModule(name, kind: "")
            case .endModule:
                graph.endModule()
            case .output, .label, .data, .expectation:
                break
            }
        }
        guard let outputIndex = variables.firstIndex(where: { $0.name == outputName }) else {
            throw Diagnostic(
                file: file, line: outputLine, column: outputLine, message: "unknown output '\(outputName)'")
        }
        let output = variables[outputIndex]
        graph.backward(from: output.id)
        for (index, variable) in variables.enumerated() {
            guard let gradient = graph.gradient(of: variable.id),
                let bad = gradient.scalars.first(where: { !$0.isFinite })
            else { continue }
            throw diagnostic(
                line: variable.line, offset: offsets[index],
                "the gradient ∂\(outputName)/∂\(variable.name) is not finite (\(Script.spell(bad)))")
        }
        return Evaluation(
            graph: graph, file: file, output: output, variables: variables, expectations: expectations,
            assignments: assignmentTexts)
    }

    private enum Operand {
        case node(NodeID)
        /// A folded constant exponent, not on the graph.
        case number(Double)
    }

    /// Records one expression; returns the node of its value, named `name`.
    private func record(
        _ expression: Expression, line: Int, named name: String, on graph: Graph, _ nodes: [String: NodeID]
    ) throws(Diagnostic) -> NodeID {
        if expression.isLiteral, case .literal(let tensor) = expression.items[0].kind {
            return graph.leaf(tensor, name: name).id
        }
        if let alias = expression.aliasedName, let id = nodes[alias] {
            // `a0 = x`: an identity node of its own, with local derivative 1.
            let copy: NodeID
            do {
                copy = try graph.record(.identity, id)
            } catch {
                throw diagnostic(line: line, offset: expression.items[0].offset, error.description)
            }
            graph.setName(name, for: copy)
            return copy
        }
        var stack: [Operand] = []
        for item in expression.items {
            switch item.kind {
            case .literal(let tensor):
                stack.append(item.folded ? .number(tensor.scalar) : .node(graph.constant(tensor).id))
            case .name(let variable):
                guard let id = nodes[variable] else {
                    throw diagnostic(line: line, offset: item.offset, "unknown name '\(variable)'")
                }
                stack.append(.node(id))
            case .operation(let op):
                let rhs = op.arity == 2 ? stack.popLast() : nil
                guard let lhs = stack.popLast() else {
                    throw diagnostic(line: line, offset: item.offset, "malformed expression")
                }
                if item.folded {
                    guard case .number(let a) = lhs else {
                        throw diagnostic(line: line, offset: item.offset, "exponent of '^' must be a constant")
                    }
                    var b = 0.0
                    if case .number(let value)? = rhs { b = value }
                    let value = op.apply(a, b)
                    guard value.isFinite else {
                        throw nonFinite(op, value, line: line, offset: item.offset)
                    }
                    stack.append(.number(value))
                } else {
                    stack.append(.node(try apply(op, lhs, rhs, on: graph, line: line, offset: item.offset)))
                }
            }
        }
        guard stack.count == 1, case .node(let id) = stack[0] else {
            throw diagnostic(line: line, offset: 0, "malformed expression")
        }
        graph.setName(name, for: id)
        return id
    }

    /// Records `op` on the operands and checks that its value is finite.
    private func apply(
        _ op: Op, _ lhs: Operand, _ rhs: Operand?, on graph: Graph, line: Int, offset: Int
    ) throws(Diagnostic) -> NodeID {
        func node(_ operand: Operand) -> NodeID {
            switch operand {
            case .node(let id): id
            case .number(let value): graph.constant(value).id
            }
        }
        let id: NodeID
        do {
            if let rhs {
                id = try graph.record(op, node(lhs), node(rhs))
            } else {
                id = try graph.record(op, node(lhs))
            }
        } catch {
            // Name the operator as the script spells it (`-`, `*`), not as figures do (`−`, `×`).
            if case .shapeMismatch(_, let a, let b) = error {
                throw diagnostic(line: line, offset: offset, "shape mismatch in '\(op.scriptSpelling)': \(a) and \(b)")
            }
            throw diagnostic(line: line, offset: offset, error.description)
        }
        if graph.shape(of: id).isScalar {
            let value = graph.scalarValue(of: id)
            if !value.isFinite { throw nonFinite(op, value, line: line, offset: offset) }
        } else if let bad = graph.value(of: id).scalars.first(where: { !$0.isFinite }) {
            throw nonFinite(op, bad, line: line, offset: offset)
        }
        return id
    }

    private func nonFinite(_ op: Op, _ value: Double, line: Int, offset: Int) -> Diagnostic {
        let what = op == .neg ? "unary '-'" : "'\(op.scriptSpelling)'"
        let hint: String
        switch op {
        case .div: hint = " (division by zero?)"
        case .log: hint = " (log of zero or a negative number?)"
        case .sqrt: hint = " (square root of a negative number?)"
        case .pow: hint = value.isNaN ? " (negative base with a fractional exponent?)" : " (overflow?)"
        case .exp, .softplus, .mul, .add, .sub, .matmul: hint = value.isNaN ? "" : " (overflow?)"
        case .leaf, .constant, .neg, .relu, .sigmoid, .tanh, .abs, .sum, .mean, .mse, .softmax, .crossEntropy,
            .transpose, .identity, .maximum, .minimum, .leakyRelu, .logSoftmax:
            hint = ""
        }
        return diagnostic(
            line: line, offset: offset, "\(what) produced a non-finite value (\(Script.spell(value)))\(hint)")
    }

    /// `inf`, `-inf` or `nan` (never `-nan`).
    static func spell(_ value: Double) -> String {
        value.isNaN ? "nan" : "\(value)"
    }
}
