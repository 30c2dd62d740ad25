/// NumPy broadcasting for ranks ≤ 2.
///
/// Shapes are aligned on their last dimension: a vector `[n]` reads as one row `[1, n]`, a scalar
/// as `[1, 1]`. Two extents fit when they are equal or one of them is 1; the result takes the
/// larger extent and the larger rank. So `[4, 3] + [3]` adds the vector to every row, `[4, 1] * [3]`
/// is an outer product, and a scalar fits any shape.
extension Shape {
    /// The shape seen as rows × columns for broadcasting (a vector is one row, a scalar `1 × 1`).
    var broadcastGrid: (rows: Int, columns: Int) {
        switch rank {
        case 0: (1, 1)
        case 1: (1, rows)
        default: (rows, columns)
        }
    }

    /// The shape of an elementwise result of `a` and `b`, or `nil` when they do not broadcast.
    public static func broadcast(_ a: Shape, _ b: Shape) -> Shape? {
        if a == b || b.isScalar { return a }
        if a.isScalar { return b }
        let (ar, ac) = a.broadcastGrid
        let (br, bc) = b.broadcastGrid
        guard ar == br || ar == 1 || br == 1, ac == bc || ac == 1 || bc == 1 else { return nil }
        let rows = Swift.max(ar, br)
        let columns = Swift.max(ac, bc)
        return Swift.max(a.rank, b.rank) == 2 ? .matrix(rows, columns) : .vector(columns)
    }

    /// How far an entry of this shape moves per row and per column of a broadcast `result`
    /// (0 along a dimension it is repeated over): entry `(i, j)` of the result reads entry
    /// `i · row + j · column` of this shape.
    func strides(broadcastTo result: Shape) -> (row: Int, column: Int) {
        let (rows, columns) = broadcastGrid
        let (resultRows, resultColumns) = result.broadcastGrid
        return (rows == resultRows && rows > 1 ? columns : 0, columns == resultColumns && columns > 1 ? 1 : 0)
    }

    /// The entry of this shape that entry `e` (row-major) of the broadcast `result` reads.
    public func entry(_ e: Int, broadcastTo result: Shape) -> Int {
        if self == result { return e }
        let (row, column) = strides(broadcastTo: result)
        let columns = result.broadcastGrid.columns
        return (e / columns) * row + (e % columns) * column
    }

    /// Whether `result` repeats this shape's entries (a broadcast that is not the identity).
    public func isBroadcast(to result: Shape) -> Bool { self != result }
}
