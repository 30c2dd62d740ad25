import Foundation
import GradVizEngine

/// The forward value of every op written again in plain Swift, straight from its textbook
/// definition (no max-shift in softmax, cross-entropy through log of softmax): the function
/// whose finite differences the engine's gradients must match.
enum ReferenceOps {
    /// `op` applied to `a` (and `b`), entries row-major.
    static func forward(_ op: Op, _ a: [Double], _ aShape: Shape, _ b: [Double], _ bShape: Shape?) -> [Double] {
        switch op {
        case .add, .sub, .mul, .div, .pow, .maximum, .minimum:
            // NumPy broadcasting, written out: align the last dimension, repeat extents of 1.
            let bShape = bShape ?? .scalar
            func grid(_ s: Shape) -> (Int, Int) { s.rank == 2 ? (s.rows, s.columns) : (1, s.rank == 1 ? s.rows : 1) }
            let (ar, ac) = grid(aShape)
            let (br, bc) = grid(bShape)
            let (rows, columns) = (max(ar, br), max(ac, bc))
            return (0..<rows * columns).map { e in
                let (i, j) = (e / columns, e % columns)
                let x = a[(ar == 1 ? 0 : i) * ac + (ac == 1 ? 0 : j)]
                let y = b[(br == 1 ? 0 : i) * bc + (bc == 1 ? 0 : j)]
                switch op {
                case .add: return x + y
                case .sub: return x - y
                case .mul: return x * y
                case .div: return x / y
                case .maximum: return x > y ? x : y
                case .minimum: return x < y ? x : y
                default: return Foundation.pow(x, y)
                }
            }
        case .neg: return a.map { -$0 }
        case .relu: return a.map { max(0, $0) }
        case .sigmoid: return a.map { 1 / (1 + Foundation.exp(-$0)) }
        case .tanh: return a.map { Foundation.tanh($0) }
        case .exp: return a.map { Foundation.exp($0) }
        case .log: return a.map { Foundation.log($0) }
        case .abs: return a.map { Swift.abs($0) }
        case .sqrt: return a.map { Foundation.sqrt($0) }
        case .softplus: return a.map { Foundation.log(1 + Foundation.exp($0)) }
        case .leakyRelu: return a.map { $0 > 0 ? $0 : 0.01 * $0 }
        case .sum: return [a.reduce(0, +)]
        case .mean: return [a.reduce(0, +) / Double(a.count)]
        case .mse: return [zip(a, b).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / Double(a.count)]
        case .matmul: return matmul(a, aShape, b, bShape ?? .scalar)
        case .softmax: return rows(a, aShape).flatMap(softmax)
        case .logSoftmax: return rows(a, aShape).flatMap { softmax($0).map { Foundation.log($0) } }
        case .crossEntropy where bShape != aShape:
            // Class indices, 0-based: one per row of logits.
            let logits = rows(a, aShape)
            var total = 0.0
            for (z, index) in zip(logits, b) { total -= Foundation.log(softmax(z)[Int(index.rounded())]) }
            return [total / Double(logits.count)]
        case .crossEntropy:
            let logits = rows(a, aShape)
            let targets = rows(b, bShape ?? aShape)
            var total = 0.0
            for (z, t) in zip(logits, targets) {
                for (p, q) in zip(softmax(z), t) { total -= q * Foundation.log(p) }
            }
            return [total / Double(logits.count)]
        case .transpose:
            guard aShape.rank == 2 else { return a }
            return (0..<a.count).map { e in a[(e % aShape.rows) * aShape.columns + e / aShape.rows] }
        case .leaf, .constant, .identity: return a
        }
    }

    /// Σⱼ exp(xᵢ) / Σⱼ exp(xⱼ), as written.
    static func softmax(_ x: [Double]) -> [Double] {
        let e = x.map { Foundation.exp($0) }
        let total = e.reduce(0, +)
        return e.map { $0 / total }
    }

    /// The entries as rows over the last dimension (a vector is one row).
    static func rows(_ x: [Double], _ shape: Shape) -> [[Double]] {
        let columns = shape.dimensions.last ?? 1
        return stride(from: 0, to: x.count, by: columns).map { Array(x[$0..<$0 + columns]) }
    }

    /// NumPy's `@`: matrix·matrix, matrix·vector, vector·matrix, vector·vector.
    static func matmul(_ a: [Double], _ aShape: Shape, _ b: [Double], _ bShape: Shape) -> [Double] {
        let d = aShape.dimensions
        let e = bShape.dimensions
        let m = d.count == 2 ? d[0] : 1
        let k = d.last ?? 1
        let n = e.count == 2 ? e[1] : 1
        var result: [Double] = []
        for i in 0..<m {
            for j in 0..<n {
                var total = 0.0
                for p in 0..<k { total += a[i * k + p] * b[p * n + j] }
                result.append(total)
            }
        }
        return result
    }
}
