import Foundation
import GradVizEngine
import Testing

/// The library's own gradient check: replaying the tape and central differences.
@Suite("Replay and finite differences")
struct FiniteDifferenceCheckTests {
    @Test("numericGradient is accurate to about 1e-9 on a cubic, where the step size shows")
    func accuracy() throws {
        for x0 in [0.3, 2.0, -7.5, 150.0] {
            let g = Graph()
            let x = g.leaf(x0)
            let y = try x ** 3 - 2 * x * x
            let numeric = g.numericGradient(of: y.id, wrt: x.id).scalar
            let exact = 3 * x0 * x0 - 4 * x0
            #expect(abs(numeric - exact) <= 1e-8 * max(1, abs(exact)), "at \(x0): \(numeric) vs \(exact)")
        }
    }

    @Test("numericGradient of a tensor output differentiates its sum, like backward's seed")
    func tensorOutput() throws {
        let g = Graph()
        let x = g.leaf(try Tensor([0.5, -1, 2]))
        let y = try x * x * 3
        let numeric = g.numericGradient(of: y.id, wrt: x.id)
        y.backward()
        #expect(finiteDifferenceCheck.agrees(numeric, x.grad))
        #expect(finiteDifferenceCheck.agrees(numeric, try Tensor([3, -6, 12])))
    }

    @Test("replayedValue recomputes the output for a new leaf value and leaves the graph unchanged")
    func replay() throws {
        let g = Graph()
        let a = g.leaf(2)
        let b = g.leaf(5)
        let c = try a * b + a.exp()
        let unrelated = try b * 10
        #expect(g.replayedValue(of: c.id, setting: a.id, to: Tensor(1)) == Tensor(5 + Foundation.exp(1)))
        #expect(c.scalar == 10 + Foundation.exp(2))
        #expect(g.replayedValue(of: unrelated.id, setting: a.id, to: Tensor(1)) == Tensor(50))
        #expect(g.replayedValue(of: a.id, setting: a.id, to: Tensor(7)) == Tensor(7))
        // A leaf recorded after the output cannot change it.
        let late = g.leaf(1)
        #expect(g.replayedValue(of: c.id, setting: late.id, to: Tensor(100)) == c.value)
    }

    @Test("GradientCheck compares like numpy.isclose")
    func tolerance() throws {
        let check = GradientCheck(relativeTolerance: 1e-3, absoluteTolerance: 1e-6)
        #expect(check.agrees(1.0005, 1.0))
        #expect(!check.agrees(1.002, 1.0))
        #expect(check.agrees(5e-7, 0))
        #expect(!check.agrees(.nan, 1))
        #expect(check.agrees(Double.infinity, .infinity))
        #expect(!check.agrees(try Tensor([1, 2]), try Tensor([[1, 2]])))
    }

    @Test("setValue and recompute replay the tape with new leaf values")
    func recompute() throws {
        let g = Graph()
        let x = g.leaf(2)
        let y = try x * x + 1
        y.backward()
        try g.setValue(Tensor(3), for: x.id)
        g.recompute()
        #expect(y.scalar == 10)
        #expect(g.gradient(of: x.id) == nil, "recompute clears stale gradients")
        #expect(throws: GraphError.self) { try g.setValue(try Tensor([1, 2]), for: x.id) }
    }
}

/// Finite differences near the edge of a function's domain.
@Suite struct FiniteDifferenceDomainTests {
    @Test(arguments: [1e-6, 1e-9, 3e-12])
    func aStepThatWouldLeaveLogsDomainIsShrunk(x: Double) throws {
        let graph = Graph()
        let leaf = graph.leaf(x, name: "x")
        let output = leaf.log()
        let estimate = graph.numericGradient(of: output.id, wrt: leaf.id).scalar
        // d/dx log x = 1/x, derived by hand.
        #expect(estimate.isFinite)
        #expect(Swift.abs(estimate - 1 / x) <= 1e-5 / x)
    }

    @Test func sqrtJustAboveZeroGetsAFiniteEstimate() throws {
        let graph = Graph()
        let leaf = graph.leaf(1e-8, name: "x")
        let output = leaf.sqrt()
        let estimate = graph.numericGradient(of: output.id, wrt: leaf.id).scalar
        // d/dx √x = 1/(2√x) = 5000 at 10⁻⁸.
        #expect(Swift.abs(estimate - 5000) <= 5000 * 1e-4)
    }
}
