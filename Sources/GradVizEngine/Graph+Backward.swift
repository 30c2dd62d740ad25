extension Graph {
    /// Computes ∂output/∂node for every node recorded up to `output`.
    ///
    /// Walks the tape once in reverse recording order; each node adds its upstream gradient times
    /// its local derivative into its inputs, so gradients of a value used several times
    /// accumulate. A non-scalar output is seeded with ones (the gradient of its sum). Gradients
    /// from an earlier call are replaced, not added to.
    public func backward(from output: NodeID) {
        grads = TapeBuffer(zeros: values.count)
        gradientOrigin = output
        let seed = nodes[output.index]
        for k in 0..<seed.count { grads[seed.offset + k] = 1 }
        let nodes = UnsafeBufferPointer(self.nodes.buffer)
        guard let v = values.buffer.baseAddress, let g = grads.buffer.baseAddress else { return }
        if scalarsOnly {
            backwardScalars(from: output.index, nodes, v, g)
            return
        }
        for i in stride(from: output.index, through: 0, by: -1) {
            let node = nodes[i]
            guard node.lhs >= 0 else { continue }
            let lhs = nodes[Int(node.lhs)]
            let rhs = node.rhs >= 0 ? nodes[Int(node.rhs)] : nil
            if node.rank == 0 && node.op.isElementwise {
                // A scalar elementwise node has scalar inputs: the hot path of scalar networks,
                // the same product of upstream and local derivative without tensor bookkeeping.
                let (da, db) = node.op.partials(v[lhs.offset], rhs.map { v[$0.offset] } ?? 0, output: v[node.offset])
                let upstream = g[node.offset]
                if lhs.op != .constant { g[lhs.offset] += upstream * da }
                if let rhs, rhs.op != .constant { g[rhs.offset] += upstream * db }
                continue
            }
            let intoLHS = lhs.op == .constant ? nil : g + lhs.offset
            let intoRHS = rhs.flatMap { $0.op == .constant ? nil : g + $0.offset }
            Graph.accumulateVJP(nodes, v, i, upstream: g + node.offset, intoLHS, intoRHS)
        }
    }

    /// ``backward(from:)`` on a graph whose node `i` has its one value at `values[i]`: the same
    /// products, with inputs found by index and, for scalar elementwise nodes (the bulk of a
    /// scalar network), constants by their flags, so those read no input's node (such reads
    /// were a third of the pass). Other nodes take the general route.
    private func backwardScalars(
        from output: Int, _ nodes: UnsafeBufferPointer<Node>, _ v: UnsafePointer<Double>,
        _ g: UnsafeMutablePointer<Double>
    ) {
        for i in stride(from: output, through: 0, by: -1) {
            let node = nodes[i]
            guard node.lhs >= 0 else { continue }
            let (lhs, rhs) = (Int(node.lhs), Int(node.rhs))
            guard node.rank == 0 && node.op.isElementwise else {
                let intoLHS = nodes[lhs].op == .constant ? nil : g + lhs
                let intoRHS = rhs >= 0 && nodes[rhs].op != .constant ? g + rhs : nil
                Graph.accumulateVJP(nodes, v, i, upstream: g + i, intoLHS, intoRHS)
                continue
            }
            let (da, db) = node.op.partials(v[lhs], rhs >= 0 ? v[rhs] : 0, output: v[i])
            let upstream = g[i]
            if node.flags & Node.lhsConstantFlag == 0 { g[lhs] += upstream * da }
            if rhs >= 0 && node.flags & Node.rhsConstantFlag == 0 { g[rhs] += upstream * db }
        }
    }

    /// Adds `upstream · ∂node/∂input` into each input's buffer (skipping `nil` buffers).
    ///
    /// The vector-Jacobian product of any op at any shape: the backward pass calls it for every
    /// node but scalar elementwise ones, and so do ``vectorJacobianProduct(of:input:upstream:)``
    /// (ops-view edges, path pullbacks) and ``backpropagate(from:upstream:stoppingAt:)``
    /// (vars-view edges with a tensor). Scalar elementwise nodes, the bulk of a scalar network,
    /// take shorter routes to the same numbers: ``backward(from:)``'s scalar branch and the
    /// explainer's `VarsEdgeFactors` multiply upstream by ``Op/partials(_:_:output:)`` directly,
    /// and `FlowView` reads an ops-view edge's factor from it. So an op's local derivative is
    /// defined once (``Op/partials(_:_:output:)`` or its `…VJP` in `Op+Tensor.swift`), but chained
    /// in those three places as well as here.
    static func accumulateVJP(
        _ nodes: UnsafeBufferPointer<Node>, _ values: UnsafePointer<Double>, _ index: Int,
        upstream g: UnsafePointer<Double>,
        _ intoLHS: UnsafeMutablePointer<Double>?, _ intoRHS: UnsafeMutablePointer<Double>?
    ) {
        let node = nodes[index]
        let a = nodes[Int(node.lhs)]
        let op = node.op
        let lhs = Operand(values + a.offset, a.shape)
        let rhs: Operand? =
            node.rhs >= 0
            ? Operand(values + nodes[Int(node.rhs)].offset, nodes[Int(node.rhs)].shape) : nil
        switch op.kernel {
        case .elementwise:
            Op.elementwiseVJP(op, lhs, rhs, node.shape, values + node.offset, g, intoLHS, intoRHS)
        case .matmul: if let rhs { Op.matmulVJP(lhs, rhs, g, intoLHS, intoRHS) }
        case .reduction: if let intoLHS { Op.reduceVJP(op, lhs, g, intoLHS) }
        case .transpose: if let intoLHS { Op.transposeVJP(lhs, g, intoLHS) }
        case .mse: if let rhs { Op.mseVJP(lhs, rhs, g, intoLHS, intoRHS) }
        case .softmax:
            if let intoLHS { Op.softmaxVJP(Operand(values + node.offset, node.shape), g, intoLHS) }
        case .logSoftmax:
            if let intoLHS { Op.logSoftmaxVJP(Operand(values + node.offset, node.shape), g, intoLHS) }
        case .crossEntropy: if let rhs { Op.crossEntropyVJP(lhs, rhs, g, intoLHS, intoRHS) }
        case .input: break  // no inputs
        }
    }

    /// `upstream · ∂node/∂(its input at position inputIndex)`: the gradient that flows along one
    /// edge of the ops view, with the shape of that input.
    ///
    /// For `x * x`, positions 0 and 1 are the two edges into `x`. Returns a zero tensor for a
    /// position the node does not have.
    public func vectorJacobianProduct(of id: NodeID, input inputIndex: Int, upstream: Tensor) -> Tensor {
        let node = nodes[id.index]
        let inputs = inputs(of: id)
        guard inputs.indices.contains(inputIndex), upstream.shape == node.shape else {
            return Tensor(repeating: 0, shape: inputIndex < inputs.count ? shape(of: inputs[inputIndex]) : .scalar)
        }
        let inputShape = shape(of: inputs[inputIndex])
        var result = [Double](repeating: 0, count: inputShape.count)
        let nodes = UnsafeBufferPointer(self.nodes.buffer)
        let values = self.values.buffer
        upstream.scalars.withUnsafeBufferPointer { upstream in
            result.withUnsafeMutableBufferPointer { result in
                guard let v = values.baseAddress, let g = upstream.baseAddress, let r = result.baseAddress
                else { return }
                Graph.accumulateVJP(
                    nodes, v, id.index, upstream: g, inputIndex == 0 ? r : nil, inputIndex == 1 ? r : nil)
            }
        }
        return Tensor(unchecked: inputShape, scalars: result)
    }

    /// ∂node/∂input along one ops-view edge when both are scalars, else `nil`.
    public func localDerivative(of id: NodeID, input inputIndex: Int) -> Double? {
        let inputs = inputs(of: id)
        guard inputs.indices.contains(inputIndex), shape(of: id).isScalar,
            shape(of: inputs[inputIndex]).isScalar
        else { return nil }
        return vectorJacobianProduct(of: id, input: inputIndex, upstream: Tensor(1)).scalar
    }

    /// Backpropagates `upstream` from `id` through its sub-expression, stopping at every node
    /// for which `isBoundary` is true, and returns the gradient that reached each boundary node.
    ///
    /// This is the derivative of one variable's expression with respect to the variables it
    /// reads, the others held fixed: the edge factor of the variables view. Constants are not
    /// boundaries and receive nothing. Runs over the sub-expression only, without recursion.
    public func backpropagate(
        from id: NodeID, upstream: Tensor, stoppingAt isBoundary: (NodeID) -> Bool
    ) -> [NodeID: Tensor] {
        guard upstream.shape == shape(of: id) else { return [:] }
        // Collect the sub-expression: nodes reachable from `id` without passing a boundary.
        var inside: Set<Int> = [id.index]
        var boundary: Set<Int> = []
        var stack = [id.index]
        while let i = stack.popLast() {
            for input in inputs(of: NodeID(i)) where nodes[input.index].op != .constant {
                if isBoundary(input) || nodes[input.index].lhs < 0 {
                    boundary.insert(input.index)
                } else if inside.insert(input.index).inserted {
                    stack.append(input.index)
                }
            }
        }
        var buffers: [Int: [Double]] = [:]
        for i in inside.union(boundary) { buffers[i] = Array(repeating: 0, count: nodes[i].count) }
        buffers[id.index] = upstream.scalars
        for i in inside.sorted(by: >) {
            let node = nodes[i]
            // A leaf or constant (only ever `id` itself) has no inputs to pass anything to.
            guard node.lhs >= 0, let g = buffers[i] else { continue }
            let lhs = Int(node.lhs)
            let rhs = Int(node.rhs)
            var intoLHS = buffers[lhs] ?? []
            var intoRHS = rhs >= 0 && rhs != lhs ? buffers[rhs] ?? [] : []
            let nodes = UnsafeBufferPointer(self.nodes.buffer)
            let values = self.values.buffer
            g.withUnsafeBufferPointer { g in
                intoLHS.withUnsafeMutableBufferPointer { l in
                    intoRHS.withUnsafeMutableBufferPointer { r in
                        guard let v = values.baseAddress, let up = g.baseAddress else { return }
                        let left = l.isEmpty ? nil : l.baseAddress
                        let right = rhs == lhs ? left : (r.isEmpty ? nil : r.baseAddress)
                        Graph.accumulateVJP(nodes, v, i, upstream: up, left, right)
                    }
                }
            }
            if buffers[lhs] != nil { buffers[lhs] = intoLHS }
            if rhs >= 0 && rhs != lhs && buffers[rhs] != nil { buffers[rhs] = intoRHS }
        }
        var result: [NodeID: Tensor] = [:]
        for i in boundary {
            result[NodeID(i)] = Tensor(unchecked: nodes[i].shape, scalars: buffers[i] ?? [])
        }
        return result
    }
}
