import GradVizEngine
import GradVizNotation

extension NumberFormat {
    /// A tensor's entries: `3`, `[1, −2]` or `[[1, 2], [3, 4]]`.
    public func string(_ tensor: Tensor) -> String {
        string(tensor.scalars, dimensions: tensor.shape.dimensions)
    }
}

extension LaTeXMath {
    /// A tensor as LaTeX: a number, or a `bmatrix` (a vector as one row) with long dimensions
    /// elided.
    public static func tensor(_ tensor: Tensor, format: NumberFormat) -> String {
        tensor.shape.isScalar ? number(tensor.scalar, format: format) : matrix(rows: tensor.rows, format: format)
    }
}
