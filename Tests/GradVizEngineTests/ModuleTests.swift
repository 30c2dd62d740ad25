import GradVizEngine
import Testing

/// PyTorch-style modules record which nodes they produced, name their parameters and train.
@Suite("Modules")
struct ModuleTests {
    @Test("Linear names its parameters NAME.weight and NAME.bias with PyTorch's shapes")
    func linearParameters() throws {
        let g = Graph()
        var generator = SeededGenerator(seed: 1)
        let layer = Linear(in: g, inputs: 3, outputs: 2, name: "fc1", using: &generator)
        #expect(layer.weight.name == "fc1.weight")
        #expect(layer.bias?.name == "fc1.bias")
        #expect(layer.weight.shape == .matrix(2, 3))
        #expect(layer.bias?.shape == .vector(2))
        #expect(layer.parameters.map(\.id) == [layer.weight.id, layer.bias?.id].compactMap { $0 })
        let bound = 1 / Double(3).squareRoot()
        #expect(layer.weight.value.scalars.allSatisfy { abs($0) <= bound })
        #expect(g.node(named: "fc1.weight") == layer.weight.id)
        let noBias = Linear(in: g, inputs: 3, outputs: 2, bias: false, name: "fc2", using: &generator)
        #expect(noBias.bias == nil && noBias.parameters.count == 1)
    }

    @Test("Linear computes W·x + b")
    func linearForward() throws {
        let g = Graph()
        let layer = Linear(
            in: g, weight: try Tensor([[1, 2], [3, 4], [5, 6]]), bias: try Tensor([1, 0, -1]), name: "l")
        let x = g.leaf(try Tensor([1, -1]))
        let y = try layer(x)
        #expect(y.value == (try Tensor([0, -1, -2])))
    }

    @Test("Sequential, Linear, ReLU and MSELoss record module membership, names, kinds and parents")
    func membership() throws {
        let g = Graph()
        var generator = SeededGenerator(seed: 7)
        let model = Sequential(
            [
                Linear(in: g, inputs: 2, outputs: 3, name: "hidden", using: &generator),
                ReLU(),
                Linear(in: g, inputs: 3, outputs: 1, name: "out", using: &generator),
            ], name: "net")
        let x = g.leaf(try Tensor([0.5, -1]), name: "x")
        let target = g.leaf(try Tensor([2]), name: "y")
        let prediction = try model(x)
        let loss = try MSELoss()(prediction, target)

        func module(_ id: NodeID) -> ModuleInfo? { g.module(of: id).map { g.modules[$0] } }
        #expect(module(x.id) == nil && module(target.id) == nil)
        #expect(module(loss.id)?.name == "MSELoss" && module(loss.id)?.kind == "MSELoss")
        #expect(module(loss.id)?.parent == nil)
        let output = try #require(module(prediction.id))
        #expect(output.name == "out" && output.kind == "Linear")
        let net = try #require(output.parent)
        #expect(g.modules[net].name == "net" && g.modules[net].kind == "Sequential")
        #expect(g.modules[net].parent == nil)
        // Parameters belong to a module of their layer's name and kind.
        let weight = try #require(g.node(named: "hidden.weight"))
        #expect(module(weight)?.name == "hidden" && module(weight)?.kind == "Linear")
        // The relu node sits in a ReLU module inside the Sequential.
        let relu = try #require(g.nodeIDs.first { g.op(of: $0) == .relu })
        #expect(module(relu)?.kind == "ReLU" && module(relu)?.parent == net)
        // Every computed node of the model is inside `net`.
        for id in g.nodeIDs where id > target.id && id < loss.id {
            var index = g.module(of: id)
            while let i = index, i != net { index = g.modules[i].parent }
            #expect(index == net, "\(id) (\(g.op(of: id))) is outside the Sequential")
        }
        #expect(model.parameters.count == 4)
    }

    @Test("withModule nests and restores the enclosing module")
    func nesting() throws {
        let g = Graph()
        let x = g.leaf(1)
        let (outer, inner, after) = try g.withModule("block", kind: "") { () throws(GraphError) in
            let inner = try g.withModule("inner") { () throws(GraphError) in try x * 2 }
            return (try inner + 1, inner, try x - 1)
        }
        let outside = try x + 3
        #expect(g.modules.map(\.name) == ["block", "inner"])
        #expect(g.modules[1].parent == 0)
        #expect(g.module(of: inner.id) == 1)
        #expect(g.module(of: outer.id) == 0 && g.module(of: after.id) == 0)
        #expect(g.module(of: outside.id) == nil)
    }

    @Test("SGD steps lower the loss of a small regression")
    func sgdLowersLoss() throws {
        let g = Graph()
        var generator = SeededGenerator(seed: 3)
        let layer = Linear(in: g, inputs: 3, outputs: 2, name: "fc", using: &generator)
        let x = g.leaf(try Tensor([0.5, -1, 2]), name: "x")
        let target = g.leaf(try Tensor([1, -2]), name: "y")
        let loss = try MSELoss()(layer(x), target)
        var optimizer = SGD(parameters: layer.parameters, learningRate: 0.05)
        var losses = [loss.scalar]
        for _ in 0..<30 {
            loss.backward()
            let before = layer.weight.value
            optimizer.step()
            // The step moved the weights against the gradient.
            #expect(layer.weight.value != before)
            losses.append(loss.scalar)
        }
        #expect(optimizer.steps == 30)
        #expect(zip(losses, losses.dropFirst()).allSatisfy { $1 < $0 }, "\(losses)")
        #expect(losses.last ?? .infinity < 0.01 * losses[0])
    }

    @Test("activation modules apply their op", arguments: [(Op.relu, 0.0), (.sigmoid, 0.5), (.tanh, 0.0)])
    func activations(_ op: Op, _ atZero: Double) throws {
        let g = Graph()
        let module: Activation =
            switch op {
            case .relu: ReLU()
            case .sigmoid: Sigmoid()
            default: Tanh()
            }
        let y = try module(g.leaf(0))
        #expect(y.op == op && y.scalar == atZero)
        #expect(g.modules.first?.kind == module.name)
    }

    @Test("modules name their outputs after themselves, so the variables view shows the layers")
    func modulesNameTheirOutputs() throws {
        let g = Graph()
        var generator = SeededGenerator(seed: 5)
        let model = Sequential([
            Linear(in: g, inputs: 2, outputs: 3, name: "fc1", using: &generator), ReLU(),
            Linear(in: g, inputs: 3, outputs: 3, using: &generator), ReLU(),
            Linear(in: g, inputs: 3, outputs: 1, name: "fc3", using: &generator), Sigmoid(name: "out"),
        ])
        let x = g.leaf(try Tensor([0.5, -1]), name: "x")
        let y = try model(x)
        let names = g.namedNodes.compactMap { g.name(of: $0) }.filter { !$0.contains(".") }
        #expect(names == ["x", "fc1", "relu1", "linear2", "relu2", "fc3", "out"])
        #expect(g.name(of: y.id) == "out")
        // A name already taken is kept by its first node.
        let again = try model(x)
        #expect(g.name(of: again.id) != "out" && g.node(named: "out") == y.id)
        let relu1 = try #require(g.node(named: "relu1"))
        #expect(g.op(of: relu1) == .relu)
    }
}
