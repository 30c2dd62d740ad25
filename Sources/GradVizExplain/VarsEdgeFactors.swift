import GradVizEngine

/// The vars-view edge factors of a scalar variable whose expression is scalar all the way
/// down: ∂child/∂parent for every variable the expression reads, by backpropagating through
/// the unnamed sub-expression with the ops' own partials.
///
/// The same result as ``Graph/backpropagate(from:upstream:stoppingAt:)`` (the fallback for
/// anything with a tensor in it), without a hash table or a tensor per node: scratch arrays
/// indexed by node are reused from one variable to the next, so building the view of a large
/// scalar network stays linear in its size.
struct VarsEdgeFactors {
    private let graph: Graph
    private var gradient: [Double]
    private var visited: [Int32]

    init(graph: Graph, count: Int) {
        self.graph = graph
        gradient = [Double](repeating: 0, count: count)
        visited = [Int32](repeating: -1, count: count)
    }

    /// The factor of each variable `child`'s expression reads, by node, in ascending order;
    /// `nil` when a tensor appears in the expression.
    mutating func factors(of child: NodeID, isVariable: (NodeID) -> Bool) -> [(NodeID, Double)]? {
        let stamp = Int32(truncatingIfNeeded: child.index)
        var inside = [child.index]
        var boundary: [Int] = []
        var stack = [child.index]
        visited[child.index] = stamp
        while let index = stack.popLast() {
            for input in graph.inputs(of: NodeID(index)) where graph.op(of: input) != .constant {
                guard graph.shape(of: input).isScalar else { return nil }
                guard visited[input.index] != stamp else { continue }
                visited[input.index] = stamp
                if isVariable(input) || graph.op(of: input) == .leaf {
                    boundary.append(input.index)
                } else {
                    inside.append(input.index)
                    stack.append(input.index)
                }
            }
        }
        inside.sort(by: >)
        gradient[child.index] = 1
        for index in inside {
            let id = NodeID(index)
            let op = graph.op(of: id)
            guard op.isElementwise else {
                reset(inside, boundary)
                return nil
            }
            let inputs = graph.inputs(of: id)
            let a = graph.scalarValue(of: inputs[0])
            let b = inputs.count > 1 ? graph.scalarValue(of: inputs[1]) : 0
            let (da, db) = op.partials(a, b, output: graph.scalarValue(of: id))
            let upstream = gradient[index]
            if graph.op(of: inputs[0]) != .constant { gradient[inputs[0].index] += upstream * da }
            if inputs.count > 1, graph.op(of: inputs[1]) != .constant { gradient[inputs[1].index] += upstream * db }
        }
        boundary.sort()
        let result = boundary.map { (NodeID($0), gradient[$0]) }
        reset(inside, boundary)
        return result
    }

    private mutating func reset(_ inside: [Int], _ boundary: [Int]) {
        for index in inside { gradient[index] = 0 }
        for index in boundary { gradient[index] = 0 }
    }
}
