import GradVizEngine
import Testing

/// Operations whose operands do not fit are refused with an error that says why.
@Suite("Shape errors")
struct ShapeErrorTests {
    @Test("[2] + [3] is a shape mismatch naming both shapes")
    func elementwiseMismatch() throws {
        let g = Graph()
        let a = g.leaf(try Tensor([1, 2]))
        let b = g.leaf(try Tensor([1, 2, 3]))
        #expect(throws: GraphError.shapeMismatch(op: "+", lhs: .vector(2), rhs: .vector(3))) { try a + b }
        do {
            _ = try a * b
            Issue.record("no error")
        } catch {
            #expect(error.description.contains("[2]") && error.description.contains("[3]"), "\(error)")
        }
        #expect(g.count == 2, "nothing is recorded for a refused op")
    }

    @Test("a vector whose length is not the matrix's column count does not broadcast")
    func vectorAgainstMatrix() throws {
        let g = Graph()
        let v = g.leaf(try Tensor([1, 2]))
        let m = g.leaf(try Tensor([[1, 2, 3], [4, 5, 6]]))
        #expect(throws: GraphError.shapeMismatch(op: "−", lhs: .matrix(2, 3), rhs: .vector(2))) { try m - v }
        // A column of the wrong height, and two matrices that differ in both extents.
        let column = g.leaf(try Tensor([[1], [2], [3]]))
        #expect(throws: GraphError.shapeMismatch(op: "+", lhs: .matrix(3, 1), rhs: .matrix(2, 3))) { try column + m }
        #expect(throws: GraphError.shapeMismatch(op: "×", lhs: m.shape, rhs: .matrix(3, 2))) {
            try m * g.leaf(try Tensor([[1, 2], [3, 4], [5, 6]]))
        }
        #expect(g.count == 4, "nothing is recorded for a refused op")
    }

    @Test("matmul with inner dimensions that differ names both shapes")
    func matmulMismatch() throws {
        let g = Graph()
        let a = g.leaf(try Tensor([[1, 2, 3], [4, 5, 6]]))
        let v = g.leaf(try Tensor([1, 2]))
        #expect(throws: GraphError.shapeMismatch(op: "@", lhs: .matrix(2, 3), rhs: .vector(2))) { try a.matmul(v) }
        #expect(throws: GraphError.shapeMismatch(op: "@", lhs: .matrix(2, 3), rhs: .matrix(2, 3))) { try a.matmul(a) }
        let s = g.leaf(2)
        #expect(throws: GraphError.self) { try s.matmul(v) }
    }

    @Test("mse and cross-entropy need operands of one shape")
    func lossMismatch() throws {
        let g = Graph()
        let p = g.leaf(try Tensor([1, 2, 3]))
        let t = g.leaf(try Tensor([1, 2]))
        #expect(throws: GraphError.shapeMismatch(op: "mse", lhs: .vector(3), rhs: .vector(2))) { try p.mse(t) }
        #expect(throws: GraphError.shapeMismatch(op: "cross_entropy", lhs: .vector(3), rhs: .vector(2))) {
            try p.crossEntropy(t)
        }
    }

    @Test("softmax and cross-entropy of a scalar are refused")
    func scalarSoftmax() throws {
        let g = Graph()
        let s = g.leaf(1)
        #expect(throws: GraphError.self) { try s.softmax() }
        #expect(throws: GraphError.self) { try s.crossEntropy(s) }
    }

    @Test("pow with an exponent that is not a constant throws")
    func nonConstantExponent() throws {
        let g = Graph()
        let x = g.leaf(2)
        let p = g.leaf(3)
        #expect(throws: GraphError.nonConstantExponent) { try g.record(.pow, x.id, p.id) }
        let computed = try g.constant(1) + g.constant(2)
        #expect(throws: GraphError.nonConstantExponent) { try g.record(.pow, x.id, computed.id) }
        #expect(try Value(graph: g, id: g.record(.pow, x.id, g.constant(3).id)).scalar == 8)
    }

    @Test("record refuses a wrong number of inputs and ids from elsewhere")
    func recordValidation() throws {
        let g = Graph()
        let x = g.leaf(2)
        #expect(throws: GraphError.self) { try g.record(.add, x.id) }
        #expect(throws: GraphError.self) { try g.record(.relu, x.id, x.id) }
        #expect(throws: GraphError.self) { try g.record(.leaf) }
        #expect(throws: GraphError.differentGraphs) { try g.record(.relu, NodeID(7)) }
        let other = Graph().leaf(1)
        #expect(throws: GraphError.differentGraphs) { try x + other }
    }

    @Test("tensor literals must be non-empty and rectangular")
    func literals() throws {
        #expect(throws: GraphError.self) { try Tensor([Double]()) }
        #expect(throws: GraphError.self) { try Tensor([[1, 2], [3]]) }
        #expect(throws: GraphError.self) { try Tensor([[Double]]()) }
        #expect(throws: GraphError.self) { try Tensor(shape: .vector(3), scalars: [1, 2]) }
        #expect(throws: GraphError.self) { try Tensor(shape: .vector(0), scalars: []) }
        #expect(throws: GraphError.self) { try Tensor(shape: .matrix(0, 4), scalars: []) }
    }
}
