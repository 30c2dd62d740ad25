/// The shape of a value: a scalar, a vector of `n` entries or an `r × c` matrix.
///
/// GradViz follows PyTorch/NumPy: a scalar has shape `[]`, a vector `[n]`, a matrix `[r, c]`.
/// A shape is a plain value (no heap storage), so the engine can pass it around freely.
public struct Shape: Hashable, Sendable, CustomStringConvertible {
    /// The number of dimensions: 0, 1 or 2.
    public let rank: Int
    /// Rows of a matrix, entries of a vector, 1 for a scalar.
    public let rows: Int
    /// Columns of a matrix, 1 for vectors and scalars.
    public let columns: Int

    /// The shape of a single number.
    public static let scalar = Shape(rank: 0, rows: 1, columns: 1)

    /// The shape of a vector with `count` entries.
    public static func vector(_ count: Int) -> Shape { Shape(rank: 1, rows: count, columns: 1) }

    /// The shape of a matrix with `rows` rows and `columns` columns.
    public static func matrix(_ rows: Int, _ columns: Int) -> Shape {
        Shape(rank: 2, rows: rows, columns: columns)
    }

    init(rank: Int, rows: Int, columns: Int) {
        self.rank = rank
        self.rows = rows
        self.columns = columns
    }

    /// The extent of each dimension, outermost first: `[]`, `[n]` or `[r, c]`.
    public var dimensions: [Int] {
        switch rank {
        case 0: []
        case 1: [rows]
        default: [rows, columns]
        }
    }

    /// The number of entries (1 for a scalar).
    public var count: Int { rows * columns }

    /// Whether this is the shape of a single number.
    public var isScalar: Bool { rank == 0 }

    /// `[]`, `[3]` or `[2, 3]`, as PyTorch prints `tensor.shape`.
    public var description: String {
        "[" + dimensions.map(String.init).joined(separator: ", ") + "]"
    }
}
