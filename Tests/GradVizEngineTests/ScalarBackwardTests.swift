import Testing

@testable import GradVizEngine

/// The backward pass of an all-scalar tape (inputs found by index, constants by flag) gives the
/// general pass's gradients.
@Suite("Scalar backward")
struct ScalarBackwardTests {
    /// One-element matrices and vectors keep a tape "all scalar"; `extra` appends a two-entry
    /// leaf that sends the same graph down the general route.
    private static func model(extra: Bool) throws -> (Graph, NodeID) {
        let g = Graph()
        let m = g.leaf(try Tensor([[2.0]]))
        let v = g.leaf(try Tensor([3.0]))
        let s = g.leaf(5)
        let c = g.constant(7)
        let product = try m.matmul(m)
        let sum = try (product.sum() * s + c) * (v * 2).sum()
        let out = try (2 - (sum - c).relu() / 100) ** 2
        if extra { _ = g.leaf(try Tensor([1.0, 2.0])) }
        return (g, out.id)
    }

    @Test("one-element tensors, constants on either side: the same gradients as the general pass")
    func sameAsGeneralPass() throws {
        let (fast, out) = try Self.model(extra: false)
        let (general, same) = try Self.model(extra: true)
        #expect(fast.scalarsOnly && !general.scalarsOnly)
        fast.backward(from: out)
        general.backward(from: same)
        for i in 0..<fast.count {
            #expect(fast.gradient(of: NodeID(i)) == general.gradient(of: NodeID(i)), "node \(i)")
        }
        // By hand: sum = (4·5 + 7)·6 = 162, out = (2 − 1.55)², ∂out/∂s = 2·0.45·(−1/100)·4·6.
        let expected: Double = 2 * 0.45 * -0.01 * 24
        let gradient = fast.gradient(of: NodeID(2))?.scalar ?? .nan
        #expect(Swift.abs(gradient - expected) < 1e-12)
    }
}
