import Foundation

/// The tensor ops: forward value and vector-Jacobian product, side by side.
///
/// Each `…Forward` writes the op's value into `out`; each `…VJP` adds upstream · ∂out/∂input
/// into the input's gradient buffer (`nil` when that input's gradient is not wanted).
extension Op {
    // MARK: matmul — out = A·B (a vector on the left is one row, on the right one column)

    static func matmulDimensions(_ a: Operand, _ b: Operand) -> (m: Int, k: Int, n: Int) {
        let (m, k) = a.shape.rank == 2 ? (a.shape.rows, a.shape.columns) : (1, a.shape.rows)
        let n = b.shape.rank == 2 ? b.shape.columns : 1
        return (m, k, n)
    }

    static func matmulForward(_ a: Operand, _ b: Operand, _ out: UnsafeMutablePointer<Double>) {
        let (m, k, n) = matmulDimensions(a, b)
        // Row i of the result accumulates a[i, p] · (row p of B) for p in order: each entry is
        // the sum 0 + a[i,0]·b[0,j] + a[i,1]·b[1,j] + … in that order (as `--expand` records it),
        // with an inner loop over contiguous columns that the compiler vectorises.
        for i in 0..<m {
            let row = out + i * n
            for j in 0..<n { row[j] = 0 }
            for p in 0..<k {
                let x = a[i * k + p]
                let bRow = b.base + p * n
                for j in 0..<n { row[j] += x * bRow[j] }
            }
        }
    }

    /// ∂/∂A = G·Bᵀ, ∂/∂B = Aᵀ·G.
    static func matmulVJP(
        _ a: Operand, _ b: Operand, _ g: UnsafePointer<Double>,
        _ da: UnsafeMutablePointer<Double>?, _ db: UnsafeMutablePointer<Double>?
    ) {
        let (m, k, n) = matmulDimensions(a, b)
        if let da {
            for i in 0..<m {
                for p in 0..<k {
                    var total = 0.0
                    for j in 0..<n { total += g[i * n + j] * b[p * n + j] }
                    da[i * k + p] += total
                }
            }
        }
        if let db {
            // Σᵢ a[i,p]·g[i,j] summed from 0 in order of i into scratch, then added: the same
            // numbers as a dot product per entry, with contiguous inner loops.
            let totals = UnsafeMutablePointer<Double>.allocate(capacity: k * n)
            defer { totals.deallocate() }
            totals.initialize(repeating: 0, count: k * n)
            for i in 0..<m {
                let gRow = g + i * n
                for p in 0..<k {
                    let x = a[i * k + p]
                    let row = totals + p * n
                    for j in 0..<n { row[j] += x * gRow[j] }
                }
            }
            for e in 0..<k * n { db[e] += totals[e] }
        }
    }

    // MARK: transpose — out[j, i] = a[i, j]

    static func transposeForward(_ a: Operand, _ out: UnsafeMutablePointer<Double>) {
        let (rows, columns) = a.shape.rank == 2 ? (a.shape.rows, a.shape.columns) : (1, a.count)
        for i in 0..<rows {
            for j in 0..<columns { out[j * rows + i] = a[i * columns + j] }
        }
    }

    /// ∂/∂A = Gᵀ.
    static func transposeVJP(_ a: Operand, _ g: UnsafePointer<Double>, _ da: UnsafeMutablePointer<Double>) {
        let (rows, columns) = a.shape.rank == 2 ? (a.shape.rows, a.shape.columns) : (1, a.count)
        for i in 0..<rows {
            for j in 0..<columns { da[i * columns + j] += g[j * rows + i] }
        }
    }

    // MARK: elementwise ops over broadcast operands

    /// Strides 0 or 1 for each operand when neither needs row/column bookkeeping (its shape is
    /// the result's, or it has one entry); `nil` for a broadcast over rows or columns.
    @inline(__always)
    static func flatStrides(_ a: Operand, _ b: Operand?, _ result: Shape) -> (Int, Int)? {
        func stride(_ shape: Shape) -> Int? { shape.count == 1 ? 0 : (shape == result ? 1 : nil) }
        guard let strideA = stride(a.shape) else { return nil }
        guard let b else { return (strideA, 0) }
        guard let strideB = stride(b.shape) else { return nil }
        return (strideA, strideB)
    }

    /// `out = op(a, b)` entry by entry, `a` and `b` repeated along the dimensions they broadcast
    /// over; returns whether an entry sat on the op's kink.
    static func elementwiseForward(
        _ op: Op, _ a: Operand, _ b: Operand?, _ result: Shape, _ out: UnsafeMutablePointer<Double>
    ) -> Bool {
        var kink = false
        if let (strideA, strideB) = flatStrides(a, b, result) {
            // Equal shapes or a single entry against any shape: one flat loop.
            for e in 0..<result.count {
                let x = a[e * strideA]
                let y = b?[e * strideB] ?? 0
                out[e] = op.apply(x, y)
                if op.isKink(at: x, y) { kink = true }
            }
            return kink
        }
        let (rows, columns) = result.broadcastGrid
        let (aRow, aColumn) = a.shape.strides(broadcastTo: result)
        let (bRow, bColumn) = b?.shape.strides(broadcastTo: result) ?? (0, 0)
        for i in 0..<rows {
            for j in 0..<columns {
                let x = a[i * aRow + j * aColumn]
                let y = b?[i * bRow + j * bColumn] ?? 0
                out[i * columns + j] = op.apply(x, y)
                if op.isKink(at: x, y) { kink = true }
            }
        }
        return kink
    }

    /// Adds `g ⊙ ∂out/∂a` into `da` and `g ⊙ ∂out/∂b` into `db`; an operand repeated along a
    /// dimension receives the sum over it (the bias of `X @ W + b` gets the sum over rows).
    static func elementwiseVJP(
        _ op: Op, _ a: Operand, _ b: Operand?, _ result: Shape, _ out: UnsafePointer<Double>,
        _ g: UnsafePointer<Double>, _ da: UnsafeMutablePointer<Double>?, _ db: UnsafeMutablePointer<Double>?
    ) {
        if let (strideA, strideB) = flatStrides(a, b, result) {
            for e in 0..<result.count {
                let (pa, pb) = op.partials(a[e * strideA], b?[e * strideB] ?? 0, output: out[e])
                da?[e * strideA] += g[e] * pa
                if b != nil { db?[e * strideB] += g[e] * pb }
            }
            return
        }
        let (rows, columns) = result.broadcastGrid
        let (aRow, aColumn) = a.shape.strides(broadcastTo: result)
        let (bRow, bColumn) = b?.shape.strides(broadcastTo: result) ?? (0, 0)
        for i in 0..<rows {
            for j in 0..<columns {
                let e = i * columns + j
                let ia = i * aRow + j * aColumn
                let ib = i * bRow + j * bColumn
                let (pa, pb) = op.partials(a[ia], b?[ib] ?? 0, output: out[e])
                da?[ia] += g[e] * pa
                if b != nil { db?[ib] += g[e] * pb }
            }
        }
    }

    // MARK: sum and mean — out = Σx, out = Σx / n

    static func reduceForward(_ op: Op, _ a: Operand, _ out: UnsafeMutablePointer<Double>) {
        var total = 0.0
        for e in 0..<a.count { total += a[e] }
        out[0] = op == .mean ? total / Double(a.count) : total
    }

    /// ∂sum/∂xᵢ = 1, ∂mean/∂xᵢ = 1/n.
    static func reduceVJP(_ op: Op, _ a: Operand, _ g: UnsafePointer<Double>, _ da: UnsafeMutablePointer<Double>) {
        let local = op == .mean ? 1 / Double(a.count) : 1
        for e in 0..<a.count { da[e] += g[0] * local }
    }

    // MARK: mse — out = Σ(p − t)² / n

    static func mseForward(_ p: Operand, _ t: Operand, _ out: UnsafeMutablePointer<Double>) {
        var total = 0.0
        for e in 0..<p.count {
            let d = p[e] - t[e]
            total += d * d
        }
        out[0] = total / Double(p.count)
    }

    /// ∂/∂pᵢ = 2(pᵢ − tᵢ)/n, ∂/∂tᵢ = −2(pᵢ − tᵢ)/n.
    static func mseVJP(
        _ p: Operand, _ t: Operand, _ g: UnsafePointer<Double>,
        _ dp: UnsafeMutablePointer<Double>?, _ dt: UnsafeMutablePointer<Double>?
    ) {
        let scale = 2 * g[0] / Double(p.count)
        for e in 0..<p.count {
            let d = scale * (p[e] - t[e])
            dp?[e] += d
            dt?[e] -= d
        }
    }

    // MARK: softmax — outᵢ = exp(xᵢ) / Σⱼ exp(xⱼ), per row

    static func softmaxForward(_ a: Operand, _ out: UnsafeMutablePointer<Double>) {
        let (rows, columns) = a.asRows
        for r in 0..<rows {
            let row = r * columns
            var largest = -Double.infinity
            for c in 0..<columns { largest = max(largest, a[row + c]) }
            var total = 0.0
            for c in 0..<columns {
                out[row + c] = Foundation.exp(a[row + c] - largest)
                total += out[row + c]
            }
            for c in 0..<columns { out[row + c] /= total }
        }
    }

    /// ∂/∂x = y ⊙ (g − ⟨g, y⟩), per row.
    static func softmaxVJP(
        _ y: Operand, _ g: UnsafePointer<Double>, _ da: UnsafeMutablePointer<Double>
    ) {
        let (rows, columns) = y.asRows
        for r in 0..<rows {
            let row = r * columns
            var dot = 0.0
            for c in 0..<columns { dot += g[row + c] * y[row + c] }
            for c in 0..<columns { da[row + c] += y[row + c] * (g[row + c] - dot) }
        }
    }

    // MARK: logSoftmax — outᵢ = xᵢ − log Σⱼ exp(xⱼ), per row

    static func logSoftmaxForward(_ a: Operand, _ out: UnsafeMutablePointer<Double>) {
        let (rows, columns) = a.asRows
        for r in 0..<rows {
            let row = r * columns
            let lse = logSumExp(a, row: row, columns: columns)
            for c in 0..<columns { out[row + c] = a[row + c] - lse }
        }
    }

    /// ∂/∂x = g − exp(y) · Σ g, per row (exp(y) is the softmax).
    static func logSoftmaxVJP(
        _ y: Operand, _ g: UnsafePointer<Double>, _ da: UnsafeMutablePointer<Double>
    ) {
        let (rows, columns) = y.asRows
        for r in 0..<rows {
            let row = r * columns
            var total = 0.0
            for c in 0..<columns { total += g[row + c] }
            for c in 0..<columns { da[row + c] += g[row + c] - Foundation.exp(y[row + c]) * total }
        }
    }

    // MARK: crossEntropy — out = mean over rows of −Σ t · log softmax(z)

    static func logSumExp(_ z: Operand, row: Int, columns: Int) -> Double {
        var largest = -Double.infinity
        for c in 0..<columns { largest = max(largest, z[row + c]) }
        var total = 0.0
        for c in 0..<columns { total += Foundation.exp(z[row + c] - largest) }
        return largest + Foundation.log(total)
    }

    /// The class of row `r` when the target holds class indices: the index rounded to the
    /// nearest whole number and kept in range (recording checks that it is a whole number in
    /// range; finite differences may nudge it).
    static func classIndex(_ t: Operand, row r: Int, columns: Int) -> Int {
        clampedIndex(t[r], columns: columns)
    }

    /// `index` rounded to the nearest whole number and kept in `0..<columns`, clamped while it
    /// is still a `Double` (an `Int(…)` of 1e19 would trap); NaN is 0.
    static func clampedIndex(_ index: Double, columns: Int) -> Int {
        let rounded = index.rounded()
        guard rounded.isFinite, rounded > 0 else { return 0 }
        return rounded >= Double(columns - 1) ? Swift.max(columns - 1, 0) : Int(rounded)
    }

    static func crossEntropyForward(_ z: Operand, _ t: Operand, _ out: UnsafeMutablePointer<Double>) {
        let (rows, columns) = z.asRows
        let indices = t.shape != z.shape
        var total = 0.0
        for r in 0..<rows {
            let row = r * columns
            let lse = logSumExp(z, row: row, columns: columns)
            if indices {
                total -= z[row + classIndex(t, row: r, columns: columns)] - lse
            } else {
                for c in 0..<columns { total -= t[row + c] * (z[row + c] - lse) }
            }
        }
        out[0] = total / Double(rows)
    }

    /// ∂/∂z = (softmax(z)·Σt − t)/rows, ∂/∂t = −log softmax(z)/rows; with class indices
    /// ∂/∂z = (softmax(z) − onehot)/rows and the indices get no gradient (they are discrete).
    static func crossEntropyVJP(
        _ z: Operand, _ t: Operand, _ g: UnsafePointer<Double>,
        _ dz: UnsafeMutablePointer<Double>?, _ dt: UnsafeMutablePointer<Double>?
    ) {
        let (rows, columns) = z.asRows
        let scale = g[0] / Double(rows)
        if t.shape != z.shape {
            guard let dz else { return }
            for r in 0..<rows {
                let row = r * columns
                let lse = logSumExp(z, row: row, columns: columns)
                let target = classIndex(t, row: r, columns: columns)
                for c in 0..<columns {
                    dz[row + c] += scale * (Foundation.exp(z[row + c] - lse) - (c == target ? 1 : 0))
                }
            }
            return
        }
        for r in 0..<rows {
            let row = r * columns
            let lse = logSumExp(z, row: row, columns: columns)
            var targetTotal = 0.0
            for c in 0..<columns { targetTotal += t[row + c] }
            for c in 0..<columns {
                let logProbability = z[row + c] - lse
                dz?[row + c] += scale * (Foundation.exp(logProbability) * targetTotal - t[row + c])
                dt?[row + c] -= scale * logProbability
            }
        }
    }
}
