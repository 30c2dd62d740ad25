/// A value of the engine: `Double` entries in row-major order with a ``Shape``.
///
/// Tensors are what goes into and comes out of a ``Graph``; inside the graph values live in
/// contiguous storage.
public struct Tensor: Hashable, Sendable, CustomStringConvertible {
    /// The tensor's shape.
    public let shape: Shape
    /// The entries, row-major; `shape.count` of them.
    public let scalars: [Double]

    /// A tensor of `shape` with the given row-major entries.
    /// - Throws: ``GraphError/invalidLiteral(_:)`` when the count does not match the shape or
    ///   the shape has no entries.
    public init(shape: Shape, scalars: [Double]) throws(GraphError) {
        guard shape.rows > 0, shape.columns > 0 else { throw .invalidLiteral("empty tensor of shape \(shape)") }
        guard shape.count == scalars.count else {
            throw .invalidLiteral("\(scalars.count) entries do not fill shape \(shape)")
        }
        self.shape = shape
        self.scalars = scalars
    }

    init(unchecked shape: Shape, scalars: [Double]) {
        self.shape = shape
        self.scalars = scalars
    }

    /// A scalar.
    public init(_ scalar: Double) {
        self.init(unchecked: .scalar, scalars: [scalar])
    }

    /// A vector.
    /// - Throws: ``GraphError/invalidLiteral(_:)`` for an empty vector.
    public init(_ vector: [Double]) throws(GraphError) {
        guard !vector.isEmpty else { throw .invalidLiteral("empty vector") }
        self.init(unchecked: .vector(vector.count), scalars: vector)
    }

    /// A matrix from its rows.
    /// - Throws: ``GraphError/invalidLiteral(_:)`` for empty or ragged rows.
    public init(_ rows: [[Double]]) throws(GraphError) {
        guard let first = rows.first, !first.isEmpty else { throw .invalidLiteral("empty matrix") }
        for (index, row) in rows.enumerated() where row.count != first.count {
            throw .invalidLiteral(
                "ragged matrix: row \(index + 1) has \(row.count) entries, row 1 has \(first.count)")
        }
        self.init(unchecked: .matrix(rows.count, first.count), scalars: rows.flatMap { $0 })
    }

    /// A tensor of `shape` filled with `value` (no entries for a shape with none).
    public init(repeating value: Double, shape: Shape) {
        self.init(unchecked: shape, scalars: Array(repeating: value, count: max(0, shape.count)))
    }

    /// The single entry of a scalar (the first entry otherwise, NaN for a tensor without entries).
    public var scalar: Double { scalars.first ?? .nan }

    /// Whether every entry is finite (no infinity, no NaN).
    public var isFinite: Bool { scalars.allSatisfy(\.isFinite) }

    /// The entries as rows (a matrix), one row (a vector) or one row of one entry (a scalar).
    public var rows: [[Double]] {
        let columns = shape.rank == 1 ? shape.count : shape.columns
        return stride(from: 0, to: scalars.count, by: columns).map {
            Array(scalars[$0..<($0 + columns)])
        }
    }

    /// The transpose of a matrix; a vector or a scalar is its own transpose (NumPy's `.T`).
    public func transposed() -> Tensor {
        guard shape.rank == 2 else { return self }
        let (rows, columns) = (shape.rows, shape.columns)
        var result = [Double](repeating: 0, count: scalars.count)
        for i in 0..<rows {
            for j in 0..<columns { result[j * rows + i] = scalars[i * columns + j] }
        }
        return Tensor(unchecked: .matrix(columns, rows), scalars: result)
    }

    /// The transpose, spelled as in NumPy: `W.T`.
    public var T: Tensor { transposed() }

    /// The Frobenius norm: the square root of the sum of squared entries (|x| for a scalar).
    public var norm: Double { scalars.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    /// One number as plain text: a whole number below 10¹⁵ without a decimal point (`3`), any
    /// other as Swift writes it (`0.5`, `1e+19`, `inf`, `nan`); never a conversion that traps.
    static func plainText(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }

    /// Compact text such as `3`, `[1, 2]` or `[[1, 2], [3, 4]]`.
    public var description: String {
        let text = Tensor.plainText
        switch shape.rank {
        case 0: return text(scalar)
        case 1: return "[" + scalars.map(text).joined(separator: ", ") + "]"
        default:
            return "["
                + rows.map { "[" + $0.map(text).joined(separator: ", ") + "]" }
                .joined(separator: ", ") + "]"
        }
    }
}
