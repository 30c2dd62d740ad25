import GradVizEngine
import Testing

/// The per-edge views of backpropagation used by figures and explanations agree with backward.
@Suite("Edge derivatives and partial backpropagation")
struct EdgeDerivativeTests {
    /// Small graphs mixing scalars and tensors, shared inputs and constants.
    static func graphs() throws -> [(Graph, NodeID)] {
        var result: [(Graph, NodeID)] = []
        do {
            let g = Graph()
            let x = g.leaf(3)
            let w1 = g.leaf(5)
            let b1 = g.leaf(2)
            let w2 = g.leaf(2)
            let b2 = g.leaf(3)
            let y = g.leaf(40)
            let loss = try (w2 * (w1 * x + b1) + b2 - y) ** 2
            result.append((g, loss.id))
        }
        do {
            let g = Graph()
            let x = g.leaf(0.7)
            let loss = try (x * x).tanh() * x + x.sigmoid() / (x * x + 1)
            result.append((g, loss.id))
        }
        do {
            let g = Graph()
            var generator = SeededGenerator(seed: 11)
            let w = g.leaf(.random(.matrix(3, 2), in: -1...1, using: &generator))
            let x = g.leaf(.random(.vector(2), in: -1...1, using: &generator))
            let s = g.leaf(0.4)
            let hidden = try (w.matmul(x) * s + s).tanh()
            let logits = try hidden.matmul(w) + x
            let target = g.leaf(try Tensor([0.25, 0.75]))
            let loss = try logits.crossEntropy(target) + logits.softmax().mse(target) + (hidden * hidden).mean()
            result.append((g, loss.id))
        }
        return result
    }

    @Test("for every node, the sum of the VJPs along its outgoing edges is its gradient")
    func edgesSumToGradient() throws {
        for (g, output) in try Self.graphs() {
            g.backward(from: output)
            var sums: [NodeID: [Double]] = [:]
            for id in g.nodeIDs where id <= output {
                guard let upstream = g.gradient(of: id) else { continue }
                for (position, input) in g.inputs(of: id).enumerated() {
                    let contribution = g.vectorJacobianProduct(of: id, input: position, upstream: upstream)
                    #expect(contribution.shape == g.shape(of: input))
                    let previous = sums[input] ?? Array(repeating: 0, count: contribution.scalars.count)
                    sums[input] = zip(previous, contribution.scalars).map(+)
                }
            }
            for id in g.nodeIDs where id < output && g.op(of: id) != .constant {
                let expected = Tensor(
                    unchecked: g.shape(of: id), sums[id] ?? Array(repeating: 0, count: g.shape(of: id).count))
                #expect(exactCheck.agrees(try #require(g.gradient(of: id)), expected), "\(id) \(g.op(of: id))")
            }
        }
    }

    @Test("localDerivative gives the scalar partials: ∂(x·y)/∂x = y, ∂(x/y)/∂y = −x/y², ∂σ/∂x = σ(1 − σ)")
    func localDerivatives() throws {
        let g = Graph()
        let x = g.leaf(1.5)
        let y = g.leaf(-0.5)
        let product = try x * y
        let quotient = try x / y
        let sigma = x.sigmoid()
        let square = try x * x
        #expect(g.localDerivative(of: product.id, input: 0) == -0.5)
        #expect(g.localDerivative(of: product.id, input: 1) == 1.5)
        #expect(g.localDerivative(of: quotient.id, input: 1) == -1.5 / 0.25)
        #expect(g.localDerivative(of: sigma.id, input: 0) == sigma.scalar * (1 - sigma.scalar))
        #expect(g.localDerivative(of: square.id, input: 0) == 1.5)
        #expect(g.localDerivative(of: square.id, input: 1) == 1.5)
        #expect(g.localDerivative(of: sigma.id, input: 1) == nil)
        #expect(g.localDerivative(of: x.id, input: 0) == nil)
        let v = g.leaf(try Tensor([1, 2]))
        #expect(g.localDerivative(of: v.sum().id, input: 0) == nil)
    }

    @Test("backpropagate to the leaves equals backward")
    func backpropagateToLeaves() throws {
        for (g, output) in try Self.graphs() {
            g.backward(from: output)
            let reached = g.backpropagate(from: output, upstream: Tensor(1)) { g.op(of: $0) == .leaf }
            let leaves = g.nodeIDs.filter { g.op(of: $0) == .leaf }
            #expect(Set(reached.keys) == Set(leaves))
            for leaf in leaves {
                #expect(exactCheck.agrees(try #require(reached[leaf]), try #require(g.gradient(of: leaf))))
            }
        }
    }

    @Test("backpropagate stops at a boundary: the chain rule through ŷ")
    func backpropagateThroughBoundary() throws {
        let g = Graph()
        let x = g.leaf(3)
        let w1 = g.leaf(5)
        let b1 = g.leaf(2)
        let w2 = g.leaf(2)
        let b2 = g.leaf(3)
        let y = g.leaf(40)
        let yHat = try w2 * (w1 * x + b1) + b2
        let loss = try (yHat - y) ** 2
        let outer = g.backpropagate(from: loss.id, upstream: Tensor(1)) { $0 == yHat.id }
        #expect(outer == [yHat.id: Tensor(-6), y.id: Tensor(6)])
        let inner = g.backpropagate(from: yHat.id, upstream: Tensor(-6)) { _ in false }
        #expect(
            inner == [
                w1.id: Tensor(-36), x.id: Tensor(-60), b1.id: Tensor(-12), w2.id: Tensor(-102), b2.id: Tensor(-6),
            ])
        // Scaling the upstream scales the result: the factor is linear.
        let twice = g.backpropagate(from: yHat.id, upstream: Tensor(-12)) { _ in false }
        #expect(twice[w2.id] == Tensor(-204))
    }

    @Test("backpropagate through x·x adds both edges; constants receive nothing")
    func backpropagateSquare() throws {
        let g = Graph()
        let x = g.leaf(3)
        let y = try 2 * (x * x)
        let reached = g.backpropagate(from: y.id, upstream: Tensor(1)) { _ in false }
        #expect(reached == [x.id: Tensor(12)])
        let square = g.inputs(of: y.id)[1]
        let atSquare = g.backpropagate(from: y.id, upstream: Tensor(1)) { $0 == square }
        #expect(atSquare == [square: Tensor(2)])
    }

    @Test("backpropagate from a leaf or a constant reaches nothing")
    func backpropagateFromLeaf() throws {
        let g = Graph()
        let x = g.leaf(3)
        let c = g.constant(2)
        #expect(g.backpropagate(from: x.id, upstream: Tensor(1)) { _ in false }.isEmpty)
        #expect(g.backpropagate(from: c.id, upstream: Tensor(1)) { _ in true }.isEmpty)
    }

    @Test("backpropagate with an upstream of the wrong shape reaches nothing")
    func backpropagateWrongShape() throws {
        let g = Graph()
        let x = g.leaf(try Tensor([1, 2]))
        let y = x.relu()
        #expect(g.backpropagate(from: y.id, upstream: Tensor(1)) { _ in false }.isEmpty)
        #expect(
            g.vectorJacobianProduct(of: y.id, input: 0, upstream: Tensor(1)) == Tensor(repeating: 0, shape: .vector(2)))
    }
}
