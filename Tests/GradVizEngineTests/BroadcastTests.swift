import GradVizEngine
import Testing

/// NumPy broadcasting for ranks ≤ 2 and the transpose, against values worked out by hand.
@Suite("Broadcasting and transpose")
struct BroadcastTests {
    @Test("broadcast shapes follow NumPy: rows, columns, outer, and refusals")
    func shapes() {
        #expect(Shape.broadcast(.matrix(4, 3), .vector(3)) == .matrix(4, 3))
        #expect(Shape.broadcast(.vector(3), .matrix(4, 3)) == .matrix(4, 3))
        #expect(Shape.broadcast(.matrix(4, 1), .matrix(4, 3)) == .matrix(4, 3))
        #expect(Shape.broadcast(.matrix(4, 1), .vector(3)) == .matrix(4, 3))
        #expect(Shape.broadcast(.matrix(1, 3), .matrix(4, 1)) == .matrix(4, 3))
        #expect(Shape.broadcast(.vector(1), .vector(5)) == .vector(5))
        #expect(Shape.broadcast(.scalar, .matrix(2, 2)) == .matrix(2, 2))
        #expect(Shape.broadcast(.matrix(4, 3), .vector(4)) == nil)
        #expect(Shape.broadcast(.matrix(2, 3), .matrix(3, 2)) == nil)
        #expect(Shape.broadcast(.vector(2), .vector(3)) == nil)
    }

    @Test("X @ W + b: the bias is added to every row and its gradient sums over the rows")
    func batchWithBias() throws {
        let g = Graph()
        let x = g.leaf(try Tensor([[1, 2], [3, 4], [5, 6]]), name: "X")
        let w = g.leaf(try Tensor([[1, -1, 0.5], [2, 0, -1]]), name: "W")
        let b = g.leaf(try Tensor([10, 20, 30]), name: "b")
        let z = try x.matmul(w) + b
        #expect(z.shape == .matrix(3, 3))
        // Row i of X·W, plus b: [1+4, −1, 0.5−2] + b, [3+8, −3, 1.5−4] + b, [5+12, −5, 2.5−6] + b.
        #expect(z.value == (try Tensor([[15, 19, 28.5], [21, 17, 27.5], [27, 15, 26.5]])))
        let loss = try (z * z).sum()
        loss.backward()
        // ∂loss/∂b_j = Σ_i 2 z_ij: the column sums of 2Z.
        let columnSums: [Double] = [15 + 21 + 27, 19 + 17 + 15, 28.5 + 27.5 + 26.5]
        #expect(b.grad == (try Tensor(columnSums.map { 2 * $0 })))
        // ∂loss/∂W = Xᵀ · 2Z; ∂loss/∂X = 2Z · Wᵀ.
        let twoZ = z.value.scalars.map { 2 * $0 }
        let expectedW = (0..<2).flatMap { p in
            (0..<3).map { j in (0..<3).reduce(0.0) { $0 + x.value.scalars[$1 * 2 + p] * twoZ[$1 * 3 + j] } }
        }
        #expect(w.grad.scalars == expectedW)
        let expectedX = (0..<3).flatMap { i in
            (0..<2).map { p in (0..<3).reduce(0.0) { $0 + twoZ[i * 3 + $1] * w.value.scalars[p * 3 + $1] } }
        }
        #expect(x.grad.scalars == expectedX)
    }

    @Test("a column times a row: an outer product whose gradients sum over the repeated dimension")
    func columnTimesRow() throws {
        let g = Graph()
        let c = g.leaf(try Tensor([[1], [2]]))
        let v = g.leaf(try Tensor([10, 20, 30]))
        let p = try c * v
        #expect(p.value == (try Tensor([[10, 20, 30], [20, 40, 60]])))
        p.sum().backward()
        #expect(c.grad == (try Tensor([[60], [60]])))
        #expect(v.grad == (try Tensor([3, 3, 3])))
    }

    @Test("W.T swaps rows and columns, and its gradient is the upstream gradient transposed back")
    func transpose() throws {
        let g = Graph()
        let w = g.leaf(try Tensor([[1, 2, 3], [4, 5, 6]]))
        let m = g.constant(try Tensor([[1, 2], [3, 4], [5, 6]]))
        #expect(w.T.shape == .matrix(3, 2))
        #expect(w.transposed().value == (try Tensor([[1, 4], [2, 5], [3, 6]])))
        #expect(w.value.T == w.T.value)
        try (w.T * m).sum().backward()
        #expect(w.grad == (try Tensor([[1, 3, 5], [2, 4, 6]])))
        // A vector is its own transpose, as in NumPy.
        let v = g.leaf(try Tensor([1, 2]))
        #expect(v.T.shape == .vector(2) && v.T.value == v.value)
        #expect(w.T.T.value == w.value)
    }
}
