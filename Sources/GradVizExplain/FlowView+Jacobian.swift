import GradVizEngine

extension FlowView {
    /// The local derivative ∂edge.to/∂edge.from as one tensor: the factor a ``ChainPath``
    /// shows for the edge.
    ///
    /// The Jacobian is laid out by what each end is:
    /// - both scalars: a scalar;
    /// - a scalar `to`: shaped like `from` (the gradient of `to`, one row of the Jacobian);
    /// - a scalar `from`: shaped like `to` (one column of the Jacobian);
    /// - two tensors: a matrix with one row per entry of `to` and one column per entry of `from`,
    ///   both flattened row-major.
    ///
    /// Chaining these factors from the output down to the leaf, as matrices, gives the path's
    /// Jacobian. Computed with one vector-Jacobian product per entry of `to`.
    public func jacobian(along edge: FlowEdge) -> Tensor {
        let toShape = graph.shape(of: edge.to)
        let fromShape = graph.shape(of: edge.from)
        if toShape.isScalar {
            return edge.factor ?? pullback(along: edge, upstream: Tensor(1))
        }
        var rows: [[Double]] = []
        rows.reserveCapacity(toShape.count)
        for entry in 0..<toShape.count {
            rows.append(pullback(along: edge, upstream: FlowView.unit(entry, shape: toShape)).scalars)
        }
        if fromShape.isScalar {
            return FlowView.tensor(shape: toShape, scalars: rows.map { $0.first ?? 0 })
        }
        return FlowView.tensor(shape: .matrix(toShape.count, fromShape.count), scalars: rows.flatMap { $0 })
    }

    /// The Frobenius norm of ``jacobian(along:)`` without keeping the Jacobian: an upper bound
    /// on how much the edge can stretch a gradient (‖g·J‖ ≤ ‖g‖·‖J‖).
    func jacobianNorm(along edge: FlowEdge) -> Double {
        let toShape = graph.shape(of: edge.to)
        if toShape.isScalar { return jacobian(along: edge).norm }
        var total = 0.0
        for entry in 0..<toShape.count {
            let row = pullback(along: edge, upstream: FlowView.unit(entry, shape: toShape)).norm
            total += row * row
        }
        return total.squareRoot()
    }

    /// A tensor of zeros with a single 1 at row-major position `entry`.
    static func unit(_ entry: Int, shape: Shape) -> Tensor {
        var scalars = [Double](repeating: 0, count: shape.count)
        scalars[entry] = 1
        return tensor(shape: shape, scalars: scalars)
    }

    /// A tensor whose entries are known to fill its shape.
    static func tensor(shape: Shape, scalars: [Double]) -> Tensor {
        (try? Tensor(shape: shape, scalars: scalars)) ?? Tensor(repeating: .nan, shape: shape)
    }
}
