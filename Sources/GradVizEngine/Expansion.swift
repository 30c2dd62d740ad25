/// A tensor graph redrawn with one scalar node per entry (`--expand`): the fully connected
/// picture of a network written with matrices.
///
/// Every entry of every tensor node becomes a scalar node of a new graph, named `W1[1,2]` (see
/// ``EntryName``) when its tensor is named, and recorded in its tensor's module. A scalar keeps
/// its name and label; entries get no label here (how they are displayed is the notation's
/// business: GradVizScript's `Evaluation.expanded()` labels them). Edges follow
/// what each entry really reads: `z = W @ x` gives `z[i]` the products `W[i,j]·x[j]` summed;
/// elementwise ops connect entry to entry (a scalar operand to every entry, a broadcast vector's
/// entry to every row it is added to); `transpose` gives each entry a node `0 + x` of its own read
/// from the transposed position; `sum`, `mean`,
/// `mse`, `softmax` and `log_softmax` (per row) and `cross_entropy` read every entry they combine. In the
/// variables view the unnamed products and sums fold into edges, so `z[i]` has one edge from
/// each `W[i,j]` and `x[j]` carrying ∂z[i]/∂W[i,j] = x[j].
///
/// Leaves keep the tensor's entries as they are. Every other entry is recorded with the same
/// scalar operations, in the same order, as the tensor kernels in `Op+Tensor.swift` perform
/// them (`total = 0; total += a·b`; softmax and log-sum-exp shifted by the row's largest entry,
/// recorded as a constant, which changes neither value nor derivative; a mean over one entry or
/// one row is not divided by 1, which changes nothing either), so the entries' values
/// are the tensor's values bit for bit, and its backward pass gives the tensor's gradients up to
/// the order of additions in the vector-Jacobian products (``mismatches(within:)`` measures
/// both). ``backward()`` then gives every entry its tensor's value and gradient exactly: the
/// numbers shown for an entry are the tensor's, with no second computation that could disagree,
/// while the local derivatives on the edges, and so the per-path products and their sum, come
/// from the scalar graph, a check of the tensor engine's backward pass at neuron level.
///
/// Expansion is bounded: past ``maxScalarNodes`` entries it throws, naming the largest tensors.
public struct Expansion {
    /// The most scalar entries an expansion draws: past it a figure is a grey mass of nodes.
    public static let maxScalarNodes = 2000

    /// The tensor graph expanded.
    public let source: Graph
    /// The scalar graph: one node per entry, plus the unnamed products and sums between them.
    public let graph: Graph
    /// The source's output.
    public let sourceOutput: NodeID
    /// The output's node in ``graph``.
    public let output: NodeID
    private let entryIDs: [[NodeID]]

    /// Expands every node of `source`; `output`, whose gradients the entries get, must be a
    /// scalar.
    ///
    /// - Throws: ``ExpansionError`` when the graph has more than ``maxScalarNodes`` entries or
    ///   the output is not a scalar.
    public init(of source: Graph, output: NodeID) throws(ExpansionError) {
        guard output.index >= 0, output.index < source.count else {
            throw ExpansionError("the output \(output) is not a node of the graph")
        }
        guard source.shape(of: output).isScalar else {
            throw ExpansionError(
                "--expand needs a scalar output; \(source.name(of: output) ?? "the output") has shape \(source.shape(of: output))"
            )
        }
        var total = 0
        var sizes: [(id: Int, count: Int)] = []
        for index in 0..<source.count where source.nodes[index].op != .constant {
            let count = source.nodes[index].count
            total += count
            if count > 1 { sizes.append((index, count)) }
        }
        guard total <= Expansion.maxScalarNodes else {
            let largest = sizes.sorted { $0.count != $1.count ? $0.count > $1.count : $0.id < $1.id }.prefix(3)
            let named = largest.map { entry -> String in
                let id = NodeID(entry.id)
                let name = source.name(of: id) ?? "\(source.op(of: id))#\(entry.id)"
                return "\(name) \(source.shape(of: id)) (\(entry.count) entries)"
            }
            // One entry of the largest named tensor can still be explained without expanding.
            let entryHint = sizes.sorted { $0.count > $1.count }.lazy.compactMap { entry -> String? in
                let id = NodeID(entry.id)
                guard source.op(of: id) == .leaf, let name = source.name(of: id) else { return nil }
                return EntryName(tensor: name, shape: source.shape(of: id), entry: 0).description
            }.first
            throw ExpansionError(
                "expanding gives \(total) scalar nodes, more than \(Expansion.maxScalarNodes); the largest tensors: "
                    + named.joined(separator: ", ")
                    + (entryHint.map { "; without --expand, --wrt '\($0)' explains one entry" } ?? ""))
        }
        let graph = Graph(reservingCapacity: total * 2)
        for module in source.modules {
            graph.currentModule = Int32(module.parent ?? -1)
            graph.beginModule(module.name, kind: module.kind)
        }
        var entryIDs: [[NodeID]] = []
        entryIDs.reserveCapacity(source.count)
        // Nodes after the output too: a figure draws a variable assigned after it muted, as it
        // draws one before it that does not reach it.
        for index in 0..<source.count {
            let node = source.nodes[index]
            graph.currentModule = node.module
            let ids: [NodeID]
            do {
                ids = try Expansion.record(index, of: source, into: graph, entries: entryIDs)
            } catch {
                throw ExpansionError("cannot expand \(source.op(of: NodeID(index)).symbol): \(error.description)")
            }
            entryIDs.append(ids)
            let id = NodeID(index)
            guard node.op != .constant, let name = source.name(of: id) else { continue }
            for (entry, scalar) in ids.enumerated() {
                graph.setName(EntryName(tensor: name, shape: node.shape, entry: entry).description, for: scalar)
                if node.rank == 0, let label = source.label(of: id) { graph.setLabel(label, for: scalar) }
            }
        }
        graph.currentModule = -1
        self.source = source
        self.graph = graph
        self.sourceOutput = output
        self.output = entryIDs[output.index][0]
        self.entryIDs = entryIDs
    }

    /// Runs the scalar graph's backward pass from its output (so the unnamed products and sums
    /// between entries have gradients), then gives every entry its tensor's value and gradient
    /// exactly, running the source's backward pass first if its gradients are not those of the
    /// output.
    public func backward() {
        if source.gradientOrigin != sourceOutput { source.backward(from: sourceOutput) }
        graph.backward(from: output)
        for (index, ids) in entryIDs.enumerated() where source.nodes[index].op != .constant {
            let offset = source.nodes[index].offset
            for (entry, id) in ids.enumerated() {
                let target = graph.nodes[id.index].offset
                graph.values[target] = source.values[offset + entry]
                graph.grads[target] = source.grads[offset + entry]
            }
        }
    }

    /// The scalar nodes of `id`'s entries, row-major; empty for a node not in the source.
    public func entries(of id: NodeID) -> [NodeID] {
        entryIDs.indices.contains(id.index) ? entryIDs[id.index] : []
    }

    /// Entries of the expanded graph whose value, or gradient (when both graphs have one),
    /// differs from their tensor's entry by more than `tolerance` relative to its size:
    /// `(tensor node, entry)` pairs, empty when the expansion is faithful.
    public func mismatches(within tolerance: Double = 1e-12) -> [(NodeID, Int)] {
        var result: [(NodeID, Int)] = []
        for (index, ids) in entryIDs.enumerated() where source.nodes[index].op != .constant {
            let id = NodeID(index)
            let value = source.value(of: id).scalars
            let gradient = source.gradient(of: id)?.scalars
            for (entry, scalar) in ids.enumerated() {
                var far = !Expansion.close(graph.scalarValue(of: scalar), value[entry], tolerance)
                if let gradient, let expanded = graph.gradient(of: scalar)?.scalar {
                    far = far || !Expansion.close(expanded, gradient[entry], tolerance)
                }
                if far { result.append((id, entry)) }
            }
        }
        return result
    }

    private static func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
        a == b || Swift.abs(a - b) <= tolerance * Swift.max(1, Swift.abs(a), Swift.abs(b))
    }

    // MARK: Recording one node's entries

    /// Records the entries of source node `index` into `graph`, the entries of earlier nodes
    /// being `entries`; returns them row-major.
    private static func record(
        _ index: Int, of source: Graph, into graph: Graph, entries: [[NodeID]]
    ) throws(GraphError) -> [NodeID] {
        let node = source.nodes[index]
        let value = source.values.elements(node.offset..<node.offset + node.count)
        switch node.op.kernel {
        case .input:
            return node.op == .leaf ? value.map { graph.record(leaf: $0) } : value.map { graph.record(constant: $0) }
        case .elementwise:
            let a = entries[Int(node.lhs)]
            let b = node.rhs >= 0 ? entries[Int(node.rhs)] : []
            let aShape = source.nodes[Int(node.lhs)].shape
            let bShape = node.rhs >= 0 ? source.nodes[Int(node.rhs)].shape : .scalar
            var result: [NodeID] = []
            for e in 0..<node.count {
                // Broadcasting repeats an entry: the same scalar node feeds every entry it reaches.
                let lhs = a[aShape.entry(e, broadcastTo: node.shape)]
                if b.isEmpty {
                    result.append(try graph.record(node.op, lhs.index, -1))
                } else {
                    result.append(
                        try graph.record(node.op, lhs.index, b[bShape.entry(e, broadcastTo: node.shape)].index))
                }
            }
            return result
        case .transpose:
            // The transpose's entries are its input's entries reordered, each a node of its own
            // (0 + x, as for the sum of one entry) so that both keep their names and gradients.
            let a = entries[Int(node.lhs)]
            let shape = source.nodes[Int(node.lhs)].shape
            var result: [NodeID] = []
            for e in 0..<a.count {
                let read = shape.rank == 2 ? (e % shape.rows) * shape.columns + e / shape.rows : e
                result.append(try graph.binary(.add, graph.record(constant: 0), a[read]))
            }
            return result
        case .matmul:
            let lhsShape = source.nodes[Int(node.lhs)].shape
            let rhsShape = source.nodes[Int(node.rhs)].shape
            let a = entries[Int(node.lhs)]
            let b = entries[Int(node.rhs)]
            let (m, k) = lhsShape.rank == 2 ? (lhsShape.rows, lhsShape.columns) : (1, lhsShape.rows)
            let n = rhsShape.rank == 2 ? rhsShape.columns : 1
            var result: [NodeID] = []
            for i in 0..<m {
                for j in 0..<n {
                    var terms: [NodeID] = []
                    for p in 0..<k { terms.append(try graph.binary(.mul, a[i * k + p], b[p * n + j])) }
                    result.append(try sum(terms, in: graph))
                }
            }
            return result
        case .reduction:
            let a = entries[Int(node.lhs)]
            // The sum of one entry is a node of its own (0 + x, the kernel's first step), so the
            // entry and the sum keep their own names.
            let total = a.count == 1 ? try graph.binary(.add, graph.record(constant: 0), a[0]) : try sum(a, in: graph)
            // The mean of one entry is that sum itself: x / 1 is x, bit for bit.
            guard node.op == .mean, a.count > 1 else { return [total] }
            return [try graph.binary(.div, total, graph.record(constant: Double(a.count)))]
        case .mse:
            let p = entries[Int(node.lhs)]
            let t = entries[Int(node.rhs)]
            var squares: [NodeID] = []
            for e in p.indices {
                let difference = try graph.binary(.sub, p[e], t[e])
                squares.append(try graph.binary(.pow, difference, graph.record(constant: 2)))
            }
            // One entry's mean square is its square: x / 1 is x, bit for bit, and a figure would
            // write the division, (ŷ₁ − y₁)²/1.
            guard squares.count > 1 else { return [try sum(squares, in: graph)] }
            return [try graph.binary(.div, sum(squares, in: graph), graph.record(constant: Double(p.count)))]
        case .softmax:
            let x = entries[Int(node.lhs)]
            let (rows, columns) = rowsAndColumns(source.nodes[Int(node.lhs)].shape)
            var result: [NodeID] = []
            for r in 0..<rows {
                let row = Array(x[(r * columns)..<((r + 1) * columns)])
                let exponentials = try shiftedExponentials(of: row, in: graph).exponentials
                let total = try sum(exponentials, in: graph)
                for exponential in exponentials { result.append(try graph.binary(.div, exponential, total)) }
            }
            return result
        case .logSoftmax:
            // xᵢ − (shift + log Σⱼ exp(xⱼ − shift)), the kernel's log-sum-exp, per row.
            let x = entries[Int(node.lhs)]
            let (rows, columns) = rowsAndColumns(source.nodes[Int(node.lhs)].shape)
            var result: [NodeID] = []
            for r in 0..<rows {
                let row = Array(x[(r * columns)..<((r + 1) * columns)])
                let (shift, exponentials) = try shiftedExponentials(of: row, in: graph)
                let logSumExp = try graph.binary(.add, shift, graph.unary(.log, sum(exponentials, in: graph)))
                for entry in row { result.append(try graph.binary(.sub, entry, logSumExp)) }
            }
            return result
        case .crossEntropy:
            let z = entries[Int(node.lhs)]
            let t = entries[Int(node.rhs)]
            let (rows, columns) = rowsAndColumns(source.nodes[Int(node.lhs)].shape)
            var total: NodeID?
            for r in 0..<rows {
                let row = Array(z[(r * columns)..<((r + 1) * columns)])
                let largest = row.map { graph.scalarValue(of: $0) }.max() ?? 0
                let shift = graph.record(constant: largest)
                var exponentials: [NodeID] = []
                for entry in row { exponentials.append(try graph.unary(.exp, graph.binary(.sub, entry, shift))) }
                let logSumExp = try graph.binary(.add, shift, graph.unary(.log, sum(exponentials, in: graph)))
                if t.count != z.count {
                    // A class index (0-based) per row: −log softmax(z)[index].
                    let index = Op.clampedIndex(graph.scalarValue(of: t[r]), columns: columns)
                    let term = try graph.binary(.sub, row[index], logSumExp)
                    if let accumulated = total {
                        total = try graph.binary(.sub, accumulated, term)
                    } else {
                        total = try graph.unary(.neg, term)
                    }
                    continue
                }
                for c in 0..<columns {
                    let logProbability = try graph.binary(.sub, row[c], logSumExp)
                    let term = try graph.binary(.mul, t[r * columns + c], logProbability)
                    if let accumulated = total {
                        total = try graph.binary(.sub, accumulated, term)
                    } else {
                        total = try graph.unary(.neg, term)
                    }
                }
            }
            guard let total else { throw GraphError.invalidLiteral("cross_entropy of an empty tensor") }
            guard rows > 1 else { return [total] }  // the mean over one row is that row's loss
            return [try graph.binary(.div, total, graph.record(constant: Double(rows)))]
        }
    }

    /// `((t₀ + t₁) + t₂) + …`: the kernels' running total (which starts from 0, and 0 + t₀ = t₀).
    private static func sum(_ terms: [NodeID], in graph: Graph) throws(GraphError) -> NodeID {
        guard var total = terms.first else { return graph.record(constant: 0) }
        for term in terms.dropFirst() { total = try graph.binary(.add, total, term) }
        return total
    }

    /// A row's entries shifted by its largest value and exponentiated, exp(xⱼ − shift), with the
    /// shift: what softmax and log_softmax both build on, so neither overflows.
    private static func shiftedExponentials(of row: [NodeID], in graph: Graph) throws(GraphError) -> (
        shift: NodeID, exponentials: [NodeID]
    ) {
        let shift = graph.record(constant: row.map { graph.scalarValue(of: $0) }.max() ?? 0)
        var exponentials: [NodeID] = []
        for entry in row { exponentials.append(try graph.unary(.exp, graph.binary(.sub, entry, shift))) }
        return (shift, exponentials)
    }

    private static func rowsAndColumns(_ shape: Shape) -> (Int, Int) {
        shape.rank == 2 ? (shape.rows, shape.columns) : (1, shape.count)
    }
}

/// Why a graph could not be expanded into scalars.
public struct ExpansionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A one-line explanation for a person.
    public let message: String

    init(_ message: String) { self.message = message }

    public var description: String { message }
}

extension Graph {
    /// Records a binary op on two existing nodes (the expansion's own ids, always valid).
    fileprivate func binary(_ op: Op, _ lhs: NodeID, _ rhs: NodeID) throws(GraphError) -> NodeID {
        try record(op, lhs.index, rhs.index)
    }

    /// Records a unary op on an existing node.
    fileprivate func unary(_ op: Op, _ input: NodeID) throws(GraphError) -> NodeID {
        try record(op, input.index, -1)
    }
}
