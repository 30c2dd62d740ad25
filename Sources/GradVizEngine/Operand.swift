/// A read-only view of one node's entries during a kernel: where they start and their shape.

struct Operand {
    let base: UnsafePointer<Double>
    let shape: Shape

    init(_ base: UnsafePointer<Double>, _ shape: Shape) {
        self.base = base
        self.shape = shape
    }

    subscript(_ index: Int) -> Double { base[index] }

    var count: Int { shape.count }

    /// Rows × columns when the operand is read as a matrix (a vector as one row).
    var asRows: (rows: Int, columns: Int) {
        shape.rank == 2 ? (shape.rows, shape.columns) : (1, shape.count)
    }
}
