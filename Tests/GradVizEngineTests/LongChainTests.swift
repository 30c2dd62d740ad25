import Foundation
import GradVizEngine
import Testing

/// Graphs of a million nodes build, backpropagate and free without recursion (a web of objects
/// would overflow the stack when Swift frees it).
@Suite("Million-node graphs")
struct LongChainTests {
    static let length = 1_000_000

    @Test("a chain y ← y·c of 10⁶ nodes has ∂y/∂x = cⁿ")
    func multiplicativeChain() throws {
        let c = 1.000_000_1
        weak var freed: Graph?
        do {
            let g = Graph()
            freed = g
            let x = g.leaf(1, name: "x")
            let factor = g.constant(c)
            var y = x.id
            while g.count < Self.length { y = try g.record(.mul, y, factor.id) }
            let steps = g.count - 2
            g.backward(from: y)
            let expected = Foundation.pow(c, Double(steps))
            // Each of the 10⁶ roundings is at most half an ulp: allow 10⁶ ulps.
            let check = GradientCheck(relativeTolerance: 1e-9, absoluteTolerance: 0)
            #expect(check.agrees(x.grad.scalar, expected), "\(x.grad.scalar) vs \(expected)")
            #expect(check.agrees(g.scalarValue(of: y), expected))
            #expect(g.count == Self.length)
        }
        // Nothing kept the graph alive, and freeing its million nodes did not overflow the stack.
        #expect(freed == nil, "the graph was not freed at the end of its scope")
    }

    @Test("alternating adds and multiplies through Value operators, one leaf on every step")
    func alternatingChain() throws {
        let g = Graph()
        let x = g.leaf(0.5, name: "x")
        var y = x
        var adds = 0
        // y ← y + x, then y ← y · 1 (a constant each time): ∂y/∂x = 1 + number of adds.
        while g.count < Self.length - 3 {
            y = try y + x
            adds += 1
            y = try y * 1
        }
        y.backward()
        #expect(x.grad.scalar == Double(1 + adds))
        #expect(y.scalar == 0.5 * Double(1 + adds))
        #expect(g.count > Self.length - 10)
    }

    @Test("a deep tensor chain backpropagates without recursion")
    func tensorChain() throws {
        let g = Graph()
        let x = g.leaf(try Tensor([1, 2, 3]), name: "x")
        var y = x
        for _ in 0..<100_000 { y = try (y * 0.5 + 0.5 * y).tanh() + (-y.tanh() + y) }
        let loss = y.sum()
        loss.backward()
        // Each step maps y to tanh(y) − tanh(y) + y = y (up to rounding): the chain is the identity.
        #expect(finiteDifferenceCheck.agrees(y.value, x.value))
        #expect(finiteDifferenceCheck.agrees(x.grad, Tensor(repeating: 1, shape: .vector(3))))
    }
}
