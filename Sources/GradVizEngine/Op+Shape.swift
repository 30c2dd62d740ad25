extension Op {
    /// The shape of the op's result for operands of the given shapes.
    ///
    /// Elementwise ops broadcast as NumPy does for ranks ≤ 2 (``Shape/broadcast(_:_:)``: a
    /// scalar against anything, a vector `[n]` against every row of an `[r, n]` matrix, `[r, 1]`
    /// against `[r, c]`); `@` accepts the matrix and vector products; `transpose` swaps a matrix's
    /// dimensions and leaves vectors and scalars as they are (NumPy's `.T`).
    /// - Throws: ``GraphError`` naming both shapes when they do not fit.
    func resultShape(_ a: Shape, _ b: Shape?) throws(GraphError) -> Shape {
        switch kernel {
        case .input:
            return a
        case .elementwise:
            // One operand keeps its shape; two broadcast.
            guard arity == 2 else { return a }
            let b = b ?? .scalar
            guard let result = Shape.broadcast(a, b) else { throw .shapeMismatch(op: symbol, lhs: a, rhs: b) }
            return result
        case .transpose:
            return a.rank == 2 ? .matrix(a.columns, a.rows) : a
        case .reduction:
            return .scalar
        case .softmax, .logSoftmax:
            guard !a.isScalar else {
                throw .unsupportedShape(op: symbol, shape: a, expected: "a vector or a matrix")
            }
            return a
        case .mse:
            let b = b ?? .scalar
            guard a == b else { throw .shapeMismatch(op: symbol, lhs: a, rhs: b) }
            return .scalar
        case .crossEntropy:
            let b = b ?? .scalar
            if a.isScalar {
                throw .unsupportedShape(op: symbol, shape: a, expected: "a vector or a matrix of logits")
            }
            // A distribution shaped like the logits, or class indices: one for a vector of
            // logits, one per row for a matrix.
            guard a == b || Op.isClassIndexTarget(logits: a, target: b) else {
                throw .shapeMismatch(op: symbol, lhs: a, rhs: b)
            }
            return .scalar
        case .matmul:
            let b = b ?? .scalar
            guard !a.isScalar, !b.isScalar else { throw .shapeMismatch(op: "@", lhs: a, rhs: b) }
            let inner = a.rank == 2 ? a.columns : a.rows
            guard inner == b.rows else { throw .shapeMismatch(op: "@", lhs: a, rhs: b) }
            switch (a.rank, b.rank) {
            case (2, 2): return .matrix(a.rows, b.columns)
            case (2, 1): return .vector(a.rows)
            case (1, 2): return .vector(b.columns)
            default: return .scalar
            }
        }
    }

    /// Whether `cross_entropy`'s target holds class indices rather than a distribution: a
    /// scalar for a vector of logits, a vector of one index per row for a matrix.
    static func isClassIndexTarget(logits a: Shape, target b: Shape) -> Bool {
        (a.rank == 1 && b.isScalar) || (a.rank == 2 && b.rank == 1 && b.rows == a.rows)
    }
}
