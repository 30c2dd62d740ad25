import BigInt
import Foundation
import GradVizEngine
import GradVizExplain
import GradVizNotation
import GradVizScript
import Testing

/// `--expand`: tensor scripts expanded into one scalar node per entry.
@Suite struct ExpansionTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func sample(_ name: String) throws -> Evaluation {
        try Script.load(path: repository.appendingPathComponent("samples/\(name)").path).evaluate()
    }

    /// Every tensor op the engine has, with every kind of operand: matrix·matrix, vector·matrix,
    /// vector·vector, broadcast scalars, softmax per row, cross-entropy over rows, and the sum of
    /// a one-entry tensor (a node of its own, so `k[1]` and `ks` keep their names).
    static let everyOp = """
        x = [[1, -2, 0.5], [0.3, 2, -1]]
        W = [[0.2, -0.4], [0.1, 0.3], [-0.5, 0.25]]
        v = [0.5, -1]
        z = x @ W
        s = softmax(z)
        r = relu(z - 0.1)
        u = v @ r
        t = [[0, 1], [1, 0]]
        c = cross_entropy(z, t)
        q = softmax(u)
        k = [2]
        ks = sum(k)
        m = mean(tanh(u) * 2) + sum(exp(s) / 3) + mse(u, v) + c + v @ v + sum(sqrt(abs(q)) ^ 3) + ks * ks
        """

    static func everyOpEvaluation() throws -> Evaluation {
        try Script(source: everyOp, file: "ops.grad").evaluate()
    }

    /// A batch written the way PyTorch writes it: a bias vector added to every row, a column
    /// scaling every column, transposes named and inline.
    static let batch = """
        X = [[1, -2], [0.5, 0.3], [2, -1]]
        W = [[0.2, -0.4, 0.1], [0.3, -0.5, 0.25]]
        b = [0.1, -0.2, 0.3]
        c = [[0.5], [-1], [2]]
        V = [[1, 0.5], [-0.3, 2], [0.7, -1]]
        h = tanh(X @ W + b)
        g = h * c - b
        Wt = transpose(W)
        L = mean((g @ Wt - V) ^ 2) + sum(transpose(V) @ b)
        """

    static func evaluation(_ name: String) throws -> Evaluation {
        switch name {
        case "ops": try everyOpEvaluation()
        case "batch": try Script(source: batch, file: "batch.grad").evaluate()
        default: try sample(name)
        }
    }

    @Test(arguments: ["tensor_model.grad", "fully_connected_matrix.grad", "ops", "batch"])
    func everyEntrysValueAndGradientAreTheTensorsEntries(_ name: String) throws {
        let evaluation = try Self.evaluation(name)
        let expanded = try evaluation.expanded()
        var checked = 0
        for variable in evaluation.variables {
            let shape = evaluation.graph.shape(of: variable.id)
            let value = evaluation.graph.value(of: variable.id).scalars
            let gradient = try #require(evaluation.graph.gradient(of: variable.id)).scalars
            for entry in 0..<shape.count {
                let entryName = EntryName(tensor: variable.name, shape: shape, entry: entry).description
                let scalar = try #require(expanded.variable(named: entryName), "\(entryName)")
                #expect(expanded.graph.scalarValue(of: scalar.id) == value[entry], "\(entryName)")
                #expect(expanded.graph.gradient(of: scalar.id)?.scalar == gradient[entry], "\(entryName)")
                // Its own node, by its own name (figures and explanations find it so).
                #expect(expanded.graph.name(of: scalar.id) == entryName)
                checked += 1
            }
        }
        #expect(checked == expanded.variables.count)
    }

    @Test(arguments: ["tensor_model.grad", "fully_connected_matrix.grad", "ops", "batch"])
    func theScalarGraphsOwnPassesAgreeWithTheTensorEngine(_ name: String) throws {
        // Before its entries take the tensor's numbers, the scalar graph computes its own: the
        // same values bit for bit (the kernels' operations in the kernels' order), and gradients
        // equal up to the order of additions, for every entry of every node, unnamed ones too.
        let evaluation = try Self.evaluation(name)
        let expansion = try Expansion(of: evaluation.graph, output: evaluation.output.id)
        expansion.graph.backward(from: expansion.output)
        var values = 0
        for index in 0...evaluation.output.id.index where evaluation.graph.op(of: NodeID(index)) != .constant {
            let id = NodeID(index)
            let tensor = evaluation.graph.value(of: id).scalars
            for (entry, scalar) in expansion.entries(of: id).enumerated() {
                #expect(expansion.graph.scalarValue(of: scalar) == tensor[entry], "\(id)[\(entry)]")
                values += 1
            }
        }
        #expect(
            values
                == evaluation.graph.nodeIDs.prefix(evaluation.output.id.index + 1)
                .filter { evaluation.graph.op(of: $0) != .constant }.map { evaluation.graph.shape(of: $0).count }
                .reduce(0, +))
        let far = expansion.mismatches(within: 1e-12)
        #expect(far.isEmpty, "\(far)")
        // The comparison can fail: move one leaf entry of the scalar graph and it finds the
        // entries that no longer match.
        let leaf = try #require(evaluation.variables.first { $0.isLeaf })
        let moved = try #require(expansion.entries(of: leaf.id).first)
        try expansion.graph.setValue(Tensor(expansion.graph.scalarValue(of: moved) + 0.5), for: moved)
        expansion.graph.recompute()
        #expect(expansion.mismatches(within: 1e-12).contains { $0.0 == leaf.id && $0.1 == 0 })
    }

    /// An MLP `sizes[0] → sizes[1] → … → 1` with sigmoid units, written with matrices and, by
    /// hand, with one scalar per weight (`w1_2_3`, as fully_connected.grad names them).
    static func mlp(_ sizes: [Int]) -> (matrices: String, scalars: String) {
        var matrices = "x = [" + (1...sizes[0]).map { "\(Double($0) / 4)" }.joined(separator: ", ") + "]\ny = 1\n"
        var scalars = (1...sizes[0]).map { "x\($0) = \(Double($0) / 4)" }.joined(separator: "\n") + "\ny = 1\n"
        func weight(_ layer: Int, _ j: Int, _ k: Int) -> String {
            String(Double((layer * 7 + j * 3 + k * 5) % 11 - 5) / 10)
        }
        var previous = "x"
        var previousScalars = (1...sizes[0]).map { "x\($0)" }
        for layer in 1..<sizes.count {
            let rows = sizes[layer]
            let columns = sizes[layer - 1]
            let matrix = (1...rows).map { j in
                "[" + (1...columns).map { k in weight(layer, j, k) }.joined(separator: ", ") + "]"
            }
            let last = layer == sizes.count - 1
            matrices += "W\(layer) = [" + matrix.joined(separator: ", ") + "]\n"
            matrices += last ? "o = W\(layer) @ \(previous)\n" : "a\(layer) = sigmoid(W\(layer) @ \(previous))\n"
            previous = "a\(layer)"
            var units: [String] = []
            for j in 1...rows {
                for k in 1...columns { scalars += "w\(layer)_\(j)_\(k) = \(weight(layer, j, k))\n" }
                let total = (1...columns).map { k in "w\(layer)_\(j)_\(k) * \(previousScalars[k - 1])" }
                    .joined(separator: " + ")
                let unit = last ? "o\(j)" : "a\(layer)_\(j)"
                scalars += last ? "\(unit) = \(total)\n" : "\(unit) = sigmoid(\(total))\n"
                units.append(unit)
            }
            previousScalars = units
        }
        matrices += "l = sum((o - y) ^ 2)\n"
        scalars += "l = " + previousScalars.map { "(\($0) - y) ^ 2" }.joined(separator: " + ") + "\n"
        return (matrices, scalars)
    }

    @Test func pathCountsFromEveryWeightEntryMatchAHandBuiltScalarNetwork() throws {
        let sizes = [3, 4, 3, 2]
        let (matrices, scalars) = Self.mlp(sizes)
        let expanded = try Script(source: matrices, file: "mlp.grad").evaluate().expanded()
        let byHand = try Script(source: scalars, file: "scalars.grad").evaluate()
        var checked = 0
        for layer in 1..<sizes.count {
            for j in 1...sizes[layer] {
                for k in 1...sizes[layer - 1] {
                    let entry = try #require(expanded.variable(named: "W\(layer)[\(j),\(k)]"))
                    let scalar = try #require(byHand.variable(named: "w\(layer)_\(j)_\(k)"))
                    let ofEntry = Explanation(graph: expanded.graph, wrt: entry.id, of: expanded.output.id)
                    let ofScalar = Explanation(graph: byHand.graph, wrt: scalar.id, of: byHand.output.id)
                    // Counted independently: a depth-first search over the hand-built graph.
                    let reference = BruteForcePaths(view: ofScalar.view, wrt: scalar.id, of: byHand.output.id)
                    #expect(ofEntry.pathCount == BigUInt(reference.paths.count), "W\(layer)[\(j),\(k)]")
                    // From a first-layer weight: one path through every unit of every later layer.
                    let expected = sizes[(layer + 1)...].reduce(1, *)
                    #expect(ofEntry.pathCount == BigUInt(expected), "W\(layer)[\(j),\(k)]")
                    // The path sum is the gradient, and both are the hand-built network's.
                    let sum = ofEntry.pathSum.scalar
                    #expect(abs(sum - ofEntry.gradient.scalar) <= 1e-12 * max(1, abs(sum)))
                    #expect(abs(ofEntry.gradient.scalar - ofScalar.gradient.scalar) <= 1e-12)
                    #expect(ofEntry.agrees)
                    checked += 1
                }
            }
        }
        #expect(checked == 3 * 4 + 4 * 3 + 3 * 2)
    }

    /// fully_connected.grad's names for the matrix sample's entries.
    static let scalarName: [String: String] = {
        var names = ["x[1]": "x1", "x[2]": "x2", "y": "y", "o": "o", "l": "l"]
        for j in 1...2 {
            names["a1[\(j)]"] = "a\(j)_1"
            names["a2[\(j)]"] = "a\(j)_2"
            names["W3[\(j)]"] = "w_1\(j)_3"
            for k in 1...2 {
                names["W1[\(j),\(k)]"] = "w_\(j)\(k)_1"
                names["W2[\(j),\(k)]"] = "w_\(j)\(k)_2"
            }
        }
        return names
    }()

    @Test func theMatrixFullyConnectedNetworkMatchesTheScalarSampleNumberForNumber() throws {
        let expanded = try Self.sample("fully_connected_matrix.grad").expanded()
        let scalar = try Self.sample("fully_connected.grad")
        #expect(Set(expanded.variables.map(\.name)) == Set(Self.scalarName.keys))
        for variable in expanded.variables {
            let other = try #require(scalar.variable(named: Self.scalarName[variable.name] ?? ""), "\(variable.name)")
            #expect(
                expanded.graph.scalarValue(of: variable.id) == scalar.graph.scalarValue(of: other.id),
                "\(variable.name)")
            let a = try #require(expanded.graph.gradient(of: variable.id)).scalar
            let b = try #require(scalar.graph.gradient(of: other.id)).scalar
            #expect(abs(a - b) <= 1e-15 * max(1, abs(b)), "\(variable.name): \(a) vs \(b)")
            guard variable.isLeaf else { continue }
            let ofEntry = Explanation(graph: expanded.graph, wrt: variable.id, of: expanded.output.id)
            let ofScalar = Explanation(graph: scalar.graph, wrt: other.id, of: scalar.output.id)
            #expect(ofEntry.pathCount == ofScalar.pathCount, "\(variable.name)")
            #expect(ofEntry.paths.count == ofScalar.paths.count)
            for (p, q) in zip(ofEntry.paths, ofScalar.paths) {
                #expect(
                    p.nodes.map { Self.scalarName[ofEntry.view.name(of: $0)] }
                        == q.nodes.map { ofScalar.view.name(of: $0) })
                #expect(
                    zip(p.factors, q.factors).allSatisfy {
                        abs($0.scalar - $1.scalar) <= 1e-15 * max(1, abs($1.scalar))
                    })
                #expect(abs(p.product.scalar - q.product.scalar) <= 1e-15 * max(1, abs(q.product.scalar)))
            }
        }
        // The slide's weight: two paths, through a₁⁽²⁾ and a₂⁽²⁾.
        let w = try #require(expanded.variable(named: "W1[1,1]"))
        let explanation = Explanation(graph: expanded.graph, wrt: w.id, of: expanded.output.id)
        #expect(explanation.pathCount == 2)
        #expect(
            Set(explanation.paths.map { $0.nodes.map { explanation.view.name(of: $0) } })
                == [["W1[1,1]", "a1[1]", "a2[1]", "o", "l"], ["W1[1,1]", "a1[1]", "a2[2]", "o", "l"]])
        #expect(explanation.agrees)
    }

    @Test func entriesAreNamedOneBasedAndDisplayedAsTheLectureWritesThem() throws {
        let expanded = try Self.sample("tensor_model.grad").expanded()
        func label(_ name: String) throws -> String { try #require(expanded.variable(named: name)).label }
        #expect(try label("W1[1,2]") == "w₁,₂⁽¹⁾")
        #expect(try label("W1[3,1]") == "w₃,₁⁽¹⁾")
        #expect(try label("h[3]") == "h₃")
        #expect(try label("z1[2]") == "z₂⁽¹⁾")
        #expect(try label("L") == "L")
        // Without a label directive, a name's subscript is the layer: W1 → w⁽¹⁾.
        #expect(DisplayLabel.entry(ofTensor: DisplayLabel(name: "W1").text, rank: 2, indices: [1, 2]) == "w₁,₂⁽¹⁾")
        #expect(DisplayLabel.entry(ofTensor: "W⁽²⁾", rank: 2, indices: [2, 1]) == "w₂,₁⁽²⁾")
        #expect(DisplayLabel.entry(ofTensor: "X", rank: 1, indices: [3]) == "X₃")
        #expect(DisplayLabel.entry(ofTensor: "₁", rank: 1, indices: [3]) == "₁₃")
        #expect(EntryName.parse("W1[1,2]") == EntryName(tensor: "W1", indices: [1, 2]))
        #expect(EntryName.parse("h[ 3]") == EntryName(tensor: "h", indices: [3]))
        for bad in ["W1", "W1[0,1]", "W1[1,]", "[1]", "W1[1,2,3]", "W1[a]", "W1[1]x"] {
            #expect(EntryName.parse(bad) == nil, "\(bad)")
        }
        #expect(EntryName(tensor: "W", indices: [2, 3]).entry(in: .matrix(2, 3)) == 5)
        #expect(EntryName(tensor: "W", indices: [3, 1]).entry(in: .matrix(2, 3)) == nil)
        #expect(EntryName(tensor: "W", indices: [2]).entry(in: .matrix(2, 3)) == nil)
        // Modules stay clusters: every entry is recorded in its tensor's module.
        let w = try #require(expanded.variable(named: "W1[2,2]"))
        let module = try #require(expanded.graph.module(of: w.id))
        #expect(expanded.graph.modules[module].name == "linear1")
        #expect(expanded.graph.modules[module].parent.map { expanded.graph.modules[$0].name } == "model")
    }

    @Test func expandingPastTheBoundIsAnErrorNamingTheLargestTensors() throws {
        let row = "[" + Array(repeating: "0.01", count: 50).joined(separator: ", ") + "]"
        let source = """
            x = \(row)
            W = [\(Array(repeating: row, count: 50).joined(separator: ", "))]
            h = tanh(W @ x)
            l = sum(h)
            """
        let evaluation = try Script(source: source, file: "big.grad").evaluate()
        #expect(throws: ExpansionError.self) { try evaluation.expanded() }
        do {
            _ = try evaluation.expanded()
        } catch {
            #expect(error.message.contains("more than \(Expansion.maxScalarNodes)"), "\(error)")
            #expect(error.message.contains("W [50, 50] (2500 entries)"), "\(error)")
            #expect(error.message.hasSuffix("; without --expand, --wrt 'W[1,1]' explains one entry"), "\(error)")
        }
        // A tensor output has no single loss to expand towards.
        let vector = try Script(source: "x = [1, 2]\ny = x * 2", file: "v.grad").evaluate()
        #expect(throws: ExpansionError.self) { try vector.expanded() }
    }

    @Test(arguments: ["tensor_model.grad", "fully_connected_matrix.grad"])
    func anEntryWithoutExpandingGetsItsShareOfEveryTensorPath(_ name: String) throws {
        let evaluation = try Self.sample(name)
        let expanded = try evaluation.expanded()
        let weights = evaluation.variables.filter { $0.isLeaf && !evaluation.graph.shape(of: $0.id).isScalar }
        #expect(!weights.isEmpty)
        for weight in weights {
            let shape = evaluation.graph.shape(of: weight.id)
            let whole = Explanation(graph: evaluation.graph, wrt: weight.id, of: evaluation.output.id)
            for entry in 0..<shape.count {
                let entryName = EntryName(tensor: weight.name, shape: shape, entry: entry).description
                let selected = try #require(evaluation.selection(named: entryName))
                #expect(selected.variable == weight && selected.entry == entry)
                let share = Explanation(
                    graph: evaluation.graph, wrt: weight.id, of: evaluation.output.id, entry: entry)
                #expect(share.entry == entry)
                // The tensor's paths, each contributing its entry.
                #expect(share.pathCount == whole.pathCount)
                #expect(
                    share.paths.map(\.product.scalar).sorted()
                        == whole.paths.map { $0.product.scalars[entry] }.sorted())
                #expect(share.gradient == Tensor(whole.gradient.scalars[entry]))
                let sum = share.paths.map(\.product.scalar).reduce(0, +)
                #expect(abs(sum - share.gradient.scalar) <= 1e-12 * max(1, abs(sum)), "\(entryName)")
                #expect(share.agrees, "\(entryName)")
                // And what the neuron-level graph says about the same entry.
                let neuron = try #require(expanded.variable(named: entryName))
                let reference = try #require(expanded.graph.gradient(of: neuron.id)).scalar
                #expect(abs(share.gradient.scalar - reference) <= 1e-12 * max(1, abs(reference)), "\(entryName)")
                #expect(share.render(.json).contains("\"wrt\": \"\(entryName)\""))
            }
        }
        #expect(evaluation.selection(named: "W1[9,9]") == nil)
        #expect(evaluation.selectionProblem("W1[9,9]", option: "--wrt").contains("no entry [9,9]"))
        #expect(expanded.selectionProblem("W1", option: "--wrt").contains("use --wrt 'W1[1,1]'"))
    }

    @Test func aMissingEntryOfAnExpandedTensorSuggestsOneOfItsEntries() throws {
        let evaluation = try Script(source: "W = [[2]]\nx = [3]\ny = sum(W @ x)\n", file: "m.grad").evaluate()
            .expanded()
        let problem = evaluation.selectionProblem("W[1]")
        #expect(problem.contains("'W' is expanded into its entries"), "\(problem)")
        #expect(problem.contains("'W[1,1]'") && !problem.contains("x[1]"), "\(problem)")
    }
}
