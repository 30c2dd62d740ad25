import GradVizEngine
import Testing

/// What the graph tells about its nodes.
@Suite("Reading a graph")
struct GraphReadingTests {
    @Test("a node keeps its op, ordered inputs, shape and value")
    func nodeRecord() throws {
        let g = Graph()
        let m = g.leaf(try Tensor([[1, 2], [3, 4]]), name: "m")
        let v = g.leaf(try Tensor([1, -1]), name: "v")
        let p = try m.matmul(v)
        #expect(g.count == 3)
        #expect(g.op(of: p.id) == .matmul)
        #expect(g.inputs(of: p.id) == [m.id, v.id])
        #expect(g.inputs(of: m.id).isEmpty)
        #expect(g.shape(of: p.id) == .vector(2))
        #expect(p.value == (try Tensor([-1, -1])))
        #expect(g.scalarValue(of: m.id) == 1)
        #expect(g.gradient(of: p.id) == nil, "no gradient before backward")
        #expect(p.grad == Tensor(repeating: 0, shape: .vector(2)))
    }

    @Test("nodes recorded after a backward pass have zero gradient")
    func gradientOfLaterNode() throws {
        let g = Graph()
        let x = g.leaf(2)
        let y = try x * 3
        y.backward()
        let later = try y + g.leaf(try Tensor([1, 2, 3]))
        #expect(g.gradient(of: later.id) == Tensor(repeating: 0, shape: .vector(3)))
        #expect(later.grad == Tensor(repeating: 0, shape: .vector(3)))
        #expect(x.grad == Tensor(3))
    }

    @Test("a non-scalar output is seeded with ones")
    func tensorSeed() throws {
        let g = Graph()
        let x = g.leaf(try Tensor([1, 2]))
        let y = try x * x
        y.backward()
        #expect(y.grad == Tensor(repeating: 1, shape: .vector(2)))
        #expect(x.grad == (try Tensor([2, 4])))
    }

    @Test("renaming a node frees its old name")
    func renaming() throws {
        let g = Graph()
        let x = g.leaf(1, name: "a")
        x.named("b")
        #expect(g.node(named: "a") == nil)
        #expect(g.node(named: "b") == x.id)
        g.setName(nil, for: x.id)
        #expect(g.namedNodes.isEmpty)
    }

    @Test(
        "tensors print compactly and report their shape",
        arguments: [(Tensor(3), "3", "[]"), (Tensor(-0.5), "-0.5", "[]")])
    func scalarText(_ tensor: Tensor, _ text: String, _ shape: String) {
        #expect(tensor.description == text)
        #expect(tensor.shape.description == shape)
    }

    @Test("vector and matrix text is row-major")
    func tensorText() throws {
        #expect((try Tensor([1, 2.5])).description == "[1, 2.5]")
        #expect((try Tensor([[1, 2], [3, 4]])).description == "[[1, 2], [3, 4]]")
        #expect((try Tensor([[1, 2], [3, 4]])).shape.dimensions == [2, 2])
        #expect(Shape.vector(3).description == "[3]")
    }

    @Test("op metadata: arity, symbols, elementwise and kinks")
    func opMetadata() {
        for op in Op.allCases {
            #expect((0...2).contains(op.arity))
            #expect(!op.symbol.isEmpty)
        }
        #expect(Op.matmul.symbol == "@" && Op.crossEntropy.symbol == "cross_entropy")
        #expect(Op.allCases.filter(\.hasKink) == [.relu, .abs, .maximum, .minimum, .leakyRelu])
        #expect(!Op.matmul.isElementwise && Op.div.isElementwise)
    }
}
