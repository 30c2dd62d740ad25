import GradVizEngine
import Testing

/// relu and abs at exactly 0: the derivative does not exist, the convention 0 is used and the
/// graph records where.
@Suite("Kinks of relu and abs")
struct KinkTests {
    @Test("relu′(0) = 0 and the node is recorded as a kink")
    func reluAtZero() throws {
        let g = Graph()
        let x = g.leaf(0, name: "x")
        let y = x.relu()
        let loss = try y * 3
        loss.backward()
        #expect(y.scalar == 0)
        #expect(x.grad == Tensor(0))
        #expect(g.isKink(y.id))
        #expect(g.kinks == [y.id])
        #expect(g.localDerivative(of: y.id, input: 0) == 0)
    }

    @Test("abs′(0) = 0 and the node is recorded as a kink")
    func absAtZero() throws {
        let g = Graph()
        let x = g.leaf(0)
        let y = x.abs()
        y.backward()
        #expect(x.grad == Tensor(0))
        #expect(g.kinks == [y.id])
    }

    @Test("relu and abs away from 0 are not kinks", arguments: [-0.5, 1e-300, 2.0])
    func awayFromZero(_ value: Double) throws {
        let g = Graph()
        let x = g.leaf(value)
        let r = x.relu()
        let a = x.abs()
        let loss = try r + a
        loss.backward()
        #expect(g.kinks.isEmpty)
        #expect(!g.isKink(r.id) && !g.isKink(a.id))
        #expect(x.grad.scalar == (value > 0 ? 2 : -1))
    }

    @Test("an input computed to exactly 0 is a kink too; other ops never are")
    func computedZero() throws {
        let g = Graph()
        let w = g.leaf(2)
        let x = g.leaf(3)
        let b = g.leaf(-6)
        let pre = try w * x + b
        let r = pre.relu()
        let loss = try (r + pre).sigmoid()
        loss.backward()
        #expect(g.kinks == [r.id])
        #expect(w.grad.scalar == x.value.scalar * loss.scalar * (1 - loss.scalar))
    }

    @Test("a tensor with one entry at 0 flags its node; the other entries keep their derivative")
    func tensorEntry() throws {
        let g = Graph()
        let x = g.leaf(try Tensor([-1, 0, 2]))
        let y = x.relu()
        let loss = y.sum()
        loss.backward()
        #expect(g.kinks == [y.id])
        #expect(x.grad == (try Tensor([0, 0, 1])))
    }

    @Test("recomputing with new leaf values updates the kink flags")
    func recomputeRefreshesKinks() throws {
        let g = Graph()
        let x = g.leaf(0)
        let y = x.relu()
        #expect(g.kinks == [y.id])
        try g.setValue(Tensor(1.5), for: x.id)
        g.recompute()
        #expect(g.kinks.isEmpty)
        #expect(y.scalar == 1.5)
        try g.setValue(Tensor(0), for: x.id)
        g.recompute()
        #expect(g.kinks == [y.id])
    }

    @Test("max and min at a tie split the gradient ½–½ like torch.maximum, and the tie is a kink")
    func maxAndMinAtATie() throws {
        let g = Graph()
        let a = g.leaf(1.5)
        let b = g.leaf(1.5)
        let hi = try a.maximum(b)
        let lo = try a.minimum(b)
        let loss = try hi * 2 + lo
        loss.backward()
        #expect(hi.scalar == 1.5 && lo.scalar == 1.5)
        #expect(g.kinks == [hi.id, lo.id])
        #expect(a.grad == Tensor(1.5))  // 2·½ + ½
        #expect(b.grad == Tensor(1.5))
        // Central differences of max(a, b) in a at a tie see (h − 0)/2h = ½ as well.
        #expect(abs(g.numericGradient(of: loss.id, wrt: a.id).scalar - 1.5) < 1e-6)
        try g.setValue(Tensor(2), for: a.id)
        g.recompute()
        #expect(g.kinks.isEmpty)
    }

    @Test("an identity node passes the gradient through unchanged and is never a kink")
    func identityPassesTheGradient() throws {
        let g = Graph()
        let x = g.leaf(try Tensor([0, -2]))
        let a = x.identity()
        let loss = try (a * a).sum()
        loss.backward()
        #expect(a.op == .identity)
        #expect(x.grad == (try Tensor([0, -4])))
        #expect(g.kinks.isEmpty)
    }
}
