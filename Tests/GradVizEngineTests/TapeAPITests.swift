import GradVizEngine
import Testing

/// The tape API (node ids and `record`) builds the same graphs as `Value` operators.
@Suite("The tape API")
struct TapeAPITests {
    @Test("record on node ids gives the regression's values and gradients")
    func regressionOnIDs() throws {
        let g = Graph()
        let x = g.record(leaf: 3, name: "x")
        let w1 = g.record(leaf: 5)
        let b1 = g.record(leaf: 2)
        let w2 = g.record(leaf: 2)
        let b2 = g.record(leaf: 3)
        let h = try g.record(.add, g.record(.mul, w1, x), b1)
        let yHat = try g.record(.add, g.record(.mul, w2, h), b2)
        let loss = try g.record(.pow, g.record(.sub, yHat, g.record(constant: 40)), g.record(constant: 2))
        g.backward(from: loss)
        #expect(g.scalarValue(of: loss) == 9)
        #expect([w1, b1, w2, b2].map { g.gradient(of: $0)?.scalar } == [-36, -12, -102, -6])
        #expect(g.node(named: "x") == x)
        #expect(g.op(of: g.inputs(of: loss)[1]) == .constant)
    }

    @Test("record checks the number of inputs and that they belong to the graph")
    func recordChecks() throws {
        let g = Graph()
        let a = g.record(leaf: 0.5)
        let b = g.record(leaf: -2)
        #expect(g.scalarValue(of: try g.record(.mul, a, b)) == -1)
        #expect(g.scalarValue(of: try g.record(.neg, a)) == -0.5)
        #expect(throws: GraphError.self) { try g.record(.mul, a) }
        #expect(throws: GraphError.self) { try g.record(.tanh, a, b) }
        #expect(throws: GraphError.self) { try g.record(.add, a, b, a) }
        #expect(throws: GraphError.differentGraphs) { try g.record(.mul, a, NodeID(-1)) }
        #expect(throws: GraphError.differentGraphs) { try g.record(.exp, NodeID(g.count)) }
    }

    @Test("a large scalar graph stays under 64 bytes per node, reserved or grown")
    func memoryPerNode() throws {
        for reserve in [0, 300_000] {
            let g = Graph(reservingCapacity: reserve)
            let x = g.record(leaf: 1)
            let c = g.record(constant: 0.5)
            var y = x
            while g.count < 300_000 { y = try g.record(.add, g.record(.mul, y, c), x) }
            g.backward(from: y)
            let perNode = Double(g.allocatedBytes) / Double(g.count)
            #expect(perNode >= 48 && perNode <= 64, "\(perNode) bytes per node (reserved \(reserve))")
            // y ← y/2 + x converges to 2x: ∂y/∂x → 2.
            #expect(abs((g.gradient(of: x)?.scalar ?? 0) - 2) < 1e-12)
        }
    }

    @Test("tensor values larger than the small-block limit grow and read back intact")
    func largeTensorValues() throws {
        let g = Graph()
        let entries = (0..<700_000).map { Double($0 % 1000) / 1000 }
        let v = g.leaf(try Tensor(entries), name: "v")
        var total = v
        for _ in 0..<3 { total = try total * 0.5 + v }
        let loss = total.sum()
        loss.backward()
        #expect(total.value.scalars[123_456] == entries[123_456] * 1.875)
        #expect(v.grad.scalars.allSatisfy { $0 == 1.875 })
        #expect(g.allocatedBytes >= 700_000 * 8 * 9)
    }
}
