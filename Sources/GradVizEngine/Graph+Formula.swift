extension Graph {
    /// The expression of `child` and its derivative with respect to `parent`, as formulas over
    /// the nodes where `isBoundary` holds (and constants, as numbers): the unnamed
    /// sub-expression between them is written out, every node of it differentiated with
    /// ``Op/localDerivative(_:position:)`` and combined by the chain rule (forward mode), each
    /// step simplified.
    ///
    /// `child` itself is never a boundary. `nil` when a node of the expression is not a scalar,
    /// an op has no scalar formula (``Op/localDerivative(_:position:)`` is `nil`), or either
    /// formula would have more than ``Formula/maxSize`` nodes. No recursion over the graph: the
    /// expression has at most ``Formula/maxSize`` nodes, found with an explicit stack.
    public func formulas(
        of child: NodeID, wrt parent: NodeID?, isBoundary: (NodeID) -> Bool
    ) -> (expression: Formula, derivative: Formula?)? {
        guard (0..<count).contains(child.index), shape(of: child).isScalar else { return nil }
        var inside: Set<NodeID> = [child]
        var stack = [child]
        while let id = stack.popLast() {
            for input in inputs(of: id) where !inside.contains(input) {
                guard shape(of: input).isScalar else { return nil }
                guard op(of: input) != .constant, op(of: input) != .leaf, !isBoundary(input) else { continue }
                inside.insert(input)
                guard inside.count <= Formula.maxSize else { return nil }
                stack.append(input)
            }
        }
        // Operands as formulas, and their derivatives, for the nodes built so far.
        var expressions: [NodeID: Formula] = [:]
        var derivatives: [NodeID: Formula] = [:]
        func operand(_ id: NodeID) -> (Formula, Formula) {
            if let expression = expressions[id] { return (expression, derivatives[id] ?? .number(0)) }
            let formula: Formula = op(of: id) == .constant ? .number(scalarValue(of: id)) : .variable(id)
            return (formula, .number(id == parent ? 1 : 0))
        }
        let limit = 4 * Formula.maxSize
        for id in inside.sorted() {
            let operands = inputs(of: id).map(operand)
            let values = operands.map(\.0)
            guard let expression = op(of: id).expression(values), expression.size <= limit else { return nil }
            expressions[id] = expression
            guard parent != nil else { continue }
            var derivative = Formula.number(0)
            for (position, (_, inner)) in operands.enumerated() where inner.constant != 0 {
                guard let local = op(of: id).localDerivative(values, position: position) else { return nil }
                derivative = Formula.sum(derivative, Formula.product(local, inner))
            }
            guard derivative.size <= limit else { return nil }
            derivatives[id] = derivative
        }
        guard let expression = expressions[child], expression.size <= Formula.maxSize else { return nil }
        guard parent != nil else { return (expression, nil) }
        guard let derivative = derivatives[child], derivative.size <= Formula.maxSize else { return nil }
        return (expression, derivative)
    }
}

extension Graph {
    /// ∂child/∂(its input at `position`) as a formula over its operands (view nodes as
    /// variables, constants as numbers): the op's own ``Op/localDerivative(_:position:)``, one
    /// operand position at a time, so `x * x` has the factor `x` at each of its two edges.
    /// `nil` when an operand is not a scalar or the op has no scalar formula.
    public func localDerivativeFormula(of child: NodeID, input position: Int) -> Formula? {
        guard (0..<count).contains(child.index), shape(of: child).isScalar else { return nil }
        let inputs = inputs(of: child)
        guard inputs.allSatisfy({ shape(of: $0).isScalar }) else { return nil }
        let operands = inputs.map { op(of: $0) == .constant ? Formula.number(scalarValue(of: $0)) : .variable($0) }
        return op(of: child).localDerivative(operands, position: position)
    }
}
