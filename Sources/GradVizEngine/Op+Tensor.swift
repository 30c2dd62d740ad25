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
        for i in 0..<m {
            for j in 0..<n {
                var total = 0.0
                for p in 0..<k { total += a[i * k + p] * b[p * n + j] }
                out[i * n + j] = total
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
            for p in 0..<k {
                for j in 0..<n {
                    var total = 0.0
                    for i in 0..<m { total += a[i * k + p] * g[i * n + j] }
                    db[p * n + j] += total
                }
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

    // MARK: crossEntropy — out = mean over rows of −Σ t · log softmax(z)

    static func logSumExp(_ z: Operand, row: Int, columns: Int) -> Double {
        var largest = -Double.infinity
        for c in 0..<columns { largest = max(largest, z[row + c]) }
        var total = 0.0
        for c in 0..<columns { total += Foundation.exp(z[row + c] - largest) }
        return largest + Foundation.log(total)
    }

    static func crossEntropyForward(_ z: Operand, _ t: Operand, _ out: UnsafeMutablePointer<Double>) {
        let (rows, columns) = z.asRows
        var total = 0.0
        for r in 0..<rows {
            let row = r * columns
            let lse = logSumExp(z, row: row, columns: columns)
            for c in 0..<columns { total -= t[row + c] * (z[row + c] - lse) }
        }
        out[0] = total / Double(rows)
    }

    /// ∂/∂z = (softmax(z)·Σt − t)/rows, ∂/∂t = −log softmax(z)/rows.
    static func crossEntropyVJP(
        _ z: Operand, _ t: Operand, _ g: UnsafePointer<Double>,
        _ dz: UnsafeMutablePointer<Double>?, _ dt: UnsafeMutablePointer<Double>?
    ) {
        let (rows, columns) = z.asRows
        let scale = g[0] / Double(rows)
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
