extension Graph {
    /// Computes node `index`'s value into the graph's own storage; returns whether it hit a kink.
    func computeForward(_ index: Int) -> Bool {
        guard let base = values.buffer.baseAddress else { return false }
        return Graph.forward(UnsafeBufferPointer(nodes.buffer), index, base)
    }

    /// Computes node `index`'s value from its inputs' values in `values`.
    ///
    /// Works on any buffer laid out like the graph's values, which is how finite differences
    /// replay the tape with a perturbed leaf without touching the graph.
    static func forward(
        _ nodes: UnsafeBufferPointer<Node>, _ index: Int, _ values: UnsafeMutablePointer<Double>
    ) -> Bool {
        let node = nodes[index]
        guard node.lhs >= 0 else { return false }
        let a = nodes[Int(node.lhs)]
        let lhs = Operand(values + a.offset, a.shape)
        let out = values + node.offset
        let rhs: Operand? =
            node.rhs >= 0
            ? Operand(values + nodes[Int(node.rhs)].offset, nodes[Int(node.rhs)].shape) : nil
        let op = node.op
        switch op.kernel {
        case .elementwise:
            return Op.elementwiseForward(op, lhs, rhs, node.shape, out)
        case .matmul: if let rhs { Op.matmulForward(lhs, rhs, out) }
        case .reduction: Op.reduceForward(op, lhs, out)
        case .mse: if let rhs { Op.mseForward(lhs, rhs, out) }
        case .softmax: Op.softmaxForward(lhs, out)
        case .logSoftmax: Op.logSoftmaxForward(lhs, out)
        case .transpose: Op.transposeForward(lhs, out)
        case .crossEntropy: if let rhs { Op.crossEntropyForward(lhs, rhs, out) }
        case .input: break  // no inputs
        }
        return false
    }

    /// The value `output` would have if `leaf` held `value`, by replaying the tape on a copy;
    /// the graph itself is unchanged.
    public func replayedValue(of output: NodeID, setting leaf: NodeID, to value: Tensor) -> Tensor {
        var scratch = values.elements(values.indices)
        let target = nodes[leaf.index]
        for (k, x) in value.scalars.prefix(target.count).enumerated() { scratch[target.offset + k] = x }
        let nodes = UnsafeBufferPointer(self.nodes.buffer)
        scratch.withUnsafeMutableBufferPointer { scratch in
            guard let base = scratch.baseAddress, leaf.index < output.index else { return }
            for i in (leaf.index + 1)...output.index where nodes[i].op != .constant {
                _ = Graph.forward(nodes, i, base)
            }
        }
        let node = nodes[output.index]
        return Tensor(unchecked: node.shape, scalars: Array(scratch[node.offset..<node.offset + node.count]))
    }
}
