import GradVizEngine
import GradVizNotation

extension NumberFormat {
    /// A tensor's entries: `3`, `[1, −2]` or `[[1, 2], [3, 4]]`.
    public func string(_ tensor: Tensor) -> String {
        string(tensor.scalars, dimensions: tensor.shape.dimensions)
    }

    /// A tensor on one line as figures write it, where a vector is a column (as the lecture
    /// writes ŷ = W·x, and as figures draw it in a node): `3`, the transpose of a row
    /// `[1, −2]ᵀ`, or a matrix row by row `[[1, 2], [3, 4]]`.
    public func columnString(_ tensor: Tensor) -> String {
        tensor.shape.rank == 1 ? string(tensor) + "ᵀ" : string(tensor)
    }
}

extension LaTeXMath {
    /// A tensor as LaTeX display math: a number, or a `bmatrix` with long dimensions elided.
    /// A vector is a column, as figures draw it and as the lecture writes ŷ = W·x (text on one
    /// line writes it transposed, ``NumberFormat/columnString(_:)``); a matrix is row by row.
    public static func tensor(_ tensor: Tensor, format: NumberFormat) -> String {
        switch tensor.shape.rank {
        case 0: number(tensor.scalar, format: format)
        case 1: matrix(rows: tensor.scalars.map { [$0] }, format: format)
        default: matrix(rows: tensor.rows, format: format)
        }
    }
}
