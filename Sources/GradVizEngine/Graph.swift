/// A computation graph recorded as a tape: GradViz's autodiff engine.
///
/// Every operation appends a node holding its op, the indices of its inputs (in order: `x * x`
/// has two input edges to `x`), its shape and an offset into one flat array of values. Backward
/// walks the tape in reverse recording order and accumulates gradients, so a value used on
/// several paths (a shared weight) receives the sum of their contributions. Nothing is recursive
/// and nothing is an object per node: a graph of millions of nodes builds, backpropagates and
/// frees in a few flat buffers (about 50 bytes per scalar node).
///
/// ```swift
/// let g = Graph()
/// let x = g.leaf(3, name: "x")
/// let w = g.leaf(-2, name: "w")
/// let loss = try (w * x + 1) ** 2
/// loss.backward()
/// w.grad  // ∂loss/∂w
/// ```
///
/// A graph is not thread-safe; use one from one task at a time.
public final class Graph {
    // The tape. Swift checks every access to a class's stored property at run time for
    // overlapping writes; on a scalar network those checks took ~40% of recording. The engine
    // never holds one of these buffers across a call that could touch it again (user closures,
    // such as `backpropagate`'s boundary test, run outside every buffer access), so the run-time
    // check is switched off for them.
    @exclusivity(unchecked) var nodes = TapeBuffer<Node>()
    @exclusivity(unchecked) var values = TapeBuffer<Double>()
    /// Gradients, laid out like `values`; empty until ``backward(from:)`` runs.
    @exclusivity(unchecked) var grads = TapeBuffer<Double>()
    private var names: [Int: String] = [:]
    private var idsByName: [String: NodeID] = [:]
    private var labels: [Int: String] = [:]
    /// The modules that recorded nodes, in the order they were entered.
    public private(set) var modules: [ModuleInfo] = []
    @exclusivity(unchecked) var currentModule: Int32 = -1
    /// Whether every node so far has one value entry, so node `i`'s value is `values[i]`: true
    /// for scalar networks, where the backward pass then reads no input's node.
    @exclusivity(unchecked) var scalarsOnly = true
    /// The node whose gradient ``backward(from:)`` last computed.
    public internal(set) var gradientOrigin: NodeID?

    /// An empty graph, with room for `capacity` scalar nodes before its storage grows.
    public init(reservingCapacity capacity: Int = 0) {
        if capacity > 0 {
            nodes.reserveCapacity(capacity)
            values.reserveCapacity(capacity)
        }
    }

    /// The number of recorded nodes.
    public var count: Int { nodes.count }

    /// The number of value entries over all nodes (a matrix counts each of its entries).
    public var valueCount: Int { values.count }

    /// Every node id in recording order.
    public var nodeIDs: [NodeID] { (0..<nodes.count).map(NodeID.init) }

    /// Bytes of memory that nodes, values and gradients occupy (including room reserved for
    /// more nodes, but not address space that was never written). Storage reused from a freed
    /// graph may hold more written pages than this graph wrote; those, and the storage kept for
    /// reuse (``releaseKeptStorage()``), are not counted.
    public var allocatedBytes: Int { nodes.allocatedBytes + values.allocatedBytes + grads.allocatedBytes }

    /// Returns to the system the storage that freed graphs left for the next ones to reuse.
    ///
    /// A freed graph's large buffers are kept (at most six, holding at most 512 MiB written),
    /// so that a loop recording a graph per step writes into pages it already has. Call this
    /// when no more large graphs will be recorded for a while. Safe from any thread.
    public static func releaseKeptStorage() {
        #if os(Linux)
            MappingCache.releaseAll()
        #endif
    }

    // MARK: Recording

    /// Records an input or parameter with the given value.
    public func leaf(_ value: Tensor, name: String? = nil) -> Value {
        let id = appendNode(.leaf, -1, -1, shape: value.shape, initial: value.scalars)
        if let name { setName(name, for: id) }
        return Value(graph: self, id: id)
    }

    /// Records a scalar input or parameter.
    public func leaf(_ value: Double, name: String? = nil) -> Value {
        Value(graph: self, id: record(leaf: value, name: name))
    }

    /// Records a constant: a number in an expression whose gradient is not wanted.
    public func constant(_ value: Tensor) -> Value {
        Value(graph: self, id: appendNode(.constant, -1, -1, shape: value.shape, initial: value.scalars))
    }

    /// Records a scalar constant.
    public func constant(_ value: Double) -> Value { Value(graph: self, id: NodeID(appendConstant(value))) }

    /// Records a scalar constant and returns its index.
    @usableFromInline func appendConstant(_ value: Double) -> Int {
        appendScalar(.constant, -1, -1, value, kink: false).index
    }

    /// Records a scalar constant and returns its id (the tape API's ``constant(_:)-(Double)``).
    @discardableResult
    public func record(constant value: Double) -> NodeID { NodeID(appendConstant(value)) }

    /// Records a scalar input or parameter and returns its id (the tape API's ``leaf(_:name:)``).
    @discardableResult
    public func record(leaf value: Double, name: String? = nil) -> NodeID {
        let id = appendScalar(.leaf, -1, -1, value, kink: false)
        if let name { setName(name, for: id) }
        return id
    }

    /// Records `op` applied to `inputs` and computes its forward value.
    ///
    /// - Throws: ``GraphError`` when the inputs' shapes do not fit the op, when an id does not
    ///   belong to this graph, or when the exponent of `pow` is not a constant.
    @discardableResult
    public func record(_ op: Op, _ inputs: NodeID...) throws(GraphError) -> NodeID {
        switch inputs.count {
        case 1: return try record(op, inputs[0])
        case 2: return try record(op, inputs[0], inputs[1])
        default: throw Graph.arityError(op, inputs.count)
        }
    }

    /// Records the unary `op` applied to `input` (no array of inputs, for tight loops).
    @discardableResult
    public func record(_ op: Op, _ input: NodeID) throws(GraphError) -> NodeID {
        guard op.arity == 1 else { throw Graph.arityError(op, 1) }
        guard contains(input) else { throw .differentGraphs }
        return try record(op, input.index, -1)
    }

    /// Records the binary `op` applied to `lhs` and `rhs` (no array of inputs, for tight loops).
    @discardableResult
    public func record(_ op: Op, _ lhs: NodeID, _ rhs: NodeID) throws(GraphError) -> NodeID {
        guard op.arity == 2 else { throw Graph.arityError(op, 2) }
        guard contains(lhs), contains(rhs) else { throw .differentGraphs }
        return try record(op, lhs.index, rhs.index)
    }

    /// Whether `id` is a node of this graph.
    func contains(_ id: NodeID) -> Bool { UInt(bitPattern: id.index) < UInt(nodes.count) }

    private static func arityError(_ op: Op, _ count: Int) -> GraphError {
        .invalidLiteral("'\(op.symbol)' takes \(op.arity) inputs, got \(count)")
    }

    /// Records `op` on the nodes at `lhs` and `rhs` (`-1` for a unary op), which exist.
    @usableFromInline func record(_ op: Op, _ lhs: Int, _ rhs: Int) throws(GraphError) -> NodeID {
        let a = nodes[lhs]
        if rhs < 0 {
            // Unary ops on scalars are the hot path of scalar networks: no shape work.
            if a.rank == 0 && op.isElementwise {
                return appendScalar(
                    op, lhs, -1, op.apply(values[a.offset], 0), kink: op.isKink(at: values[a.offset]),
                    inputs: a.op == .constant ? Node.lhsConstantFlag : 0)
            }
            return appendNode(op, lhs, -1, shape: try op.resultShape(a.shape, nil))
        }
        let b = nodes[rhs]
        if op == .pow && (b.op != .constant || b.rank != 0) { throw .nonConstantExponent }
        if a.rank == 0 && b.rank == 0 && op.isElementwise {
            let (x, y) = (values[a.offset], values[b.offset])
            let constants =
                (a.op == .constant ? Node.lhsConstantFlag : 0) | (b.op == .constant ? Node.rhsConstantFlag : 0)
            return appendScalar(op, lhs, rhs, op.apply(x, y), kink: op.isKink(at: x, y), inputs: constants)
        }
        let shape = try op.resultShape(a.shape, b.shape)
        if op == .crossEntropy && b.shape != a.shape {
            try checkClassIndices(
                values.elements(b.offset..<b.offset + b.count),
                classes: a.shape.rank == 2 ? a.shape.columns : a.shape.count)
        }
        return appendNode(op, lhs, rhs, shape: shape)
    }

    /// Class indices of `cross_entropy` must be whole numbers in `0..<classes`.
    private func checkClassIndices(_ indices: [Double], classes: Int) throws(GraphError) {
        for index in indices where !(index >= 0 && index < Double(classes) && index.rounded() == index) {
            throw .invalidLiteral(
                "class index \(Tensor.plainText(index)) of 'cross_entropy' is not a whole number in 0...\(classes - 1) (indices are 0-based)"
            )
        }
    }

    @inline(__always)
    func appendScalar(_ op: Op, _ lhs: Int, _ rhs: Int, _ value: Double, kink: Bool, inputs: UInt8 = 0) -> NodeID {
        let id = nodes.count
        nodes.append(
            Node(
                op: op, rank: 0, flags: (kink ? Node.kinkFlag : 0) | inputs, rows: 1, columns: 1,
                lhs: Int32(lhs), rhs: Int32(rhs), module: currentModule, offset: values.count))
        values.append(value)
        return NodeID(id)
    }

    private func appendNode(
        _ op: Op, _ lhs: Int, _ rhs: Int, shape: Shape, initial: [Double]? = nil
    ) -> NodeID {
        let id = nodes.count
        let offset = values.count
        nodes.append(
            Node(
                op: op, rank: UInt8(shape.rank), flags: 0, rows: Int32(shape.rows),
                columns: Int32(shape.columns), lhs: Int32(lhs), rhs: Int32(rhs),
                module: currentModule, offset: offset))
        if let initial {
            values.append(contentsOf: initial)
        } else {
            values.append(contentsOf: repeatElement(0, count: shape.count))
            let kink = computeForward(id)
            if kink { nodes[id].flags |= Node.kinkFlag }
        }
        if values.count != nodes.count { scalarsOnly = false }
        return NodeID(id)
    }

    // MARK: Names, labels and modules

    /// Gives a node a name (a variable of a script, a parameter of a module); `nil` removes it.
    public func setName(_ name: String?, for id: NodeID) {
        if let old = names[id.index] { idsByName[old] = nil }
        names[id.index] = name
        if let name { idsByName[name] = id }
    }

    /// Names the node unless another node already has that name (a module applied twice keeps
    /// the name on its first output).
    public func nameIfFree(_ name: String, for id: NodeID) {
        guard idsByName[name] == nil else { return }
        setName(name, for: id)
    }

    /// The node's name, if it has one.
    public func name(of id: NodeID) -> String? { names[id.index] }

    /// The node with the given name.
    public func node(named name: String) -> NodeID? { idsByName[name] }

    /// Every named node in recording order.
    public var namedNodes: [NodeID] { names.keys.sorted().map(NodeID.init) }

    /// Sets how figures display a node (`ŷ`, `w₁₁⁽¹⁾`); `nil` falls back to the name.
    public func setLabel(_ label: String?, for id: NodeID) { labels[id.index] = label }

    /// The display label set with ``setLabel(_:for:)``, if any.
    public func label(of id: NodeID) -> String? { labels[id.index] }

    /// Starts recording into a module nested in the current one; returns its index.
    @discardableResult
    public func beginModule(_ name: String, kind: String = "") -> Int {
        modules.append(
            ModuleInfo(name: name, kind: kind, parent: currentModule < 0 ? nil : Int(currentModule)))
        currentModule = Int32(modules.count - 1)
        return modules.count - 1
    }

    /// Returns to recording into the enclosing module (or none).
    public func endModule() {
        guard currentModule >= 0 else { return }
        currentModule = Int32(modules[Int(currentModule)].parent ?? -1)
    }

    /// Records whatever `body` records inside a module named `name`.
    public func withModule<R, E: Error>(
        _ name: String, kind: String = "", _ body: () throws(E) -> R
    ) throws(E) -> R {
        beginModule(name, kind: kind)
        defer { endModule() }
        return try body()
    }

    /// The index in ``modules`` of the innermost module that recorded the node.
    public func module(of id: NodeID) -> Int? {
        let module = nodes[id.index].module
        return module < 0 ? nil : Int(module)
    }

    // MARK: Reading

    /// The op that produced the node.
    public func op(of id: NodeID) -> Op { nodes[id.index].op }

    /// The node's inputs in order; an input used twice appears twice.
    public func inputs(of id: NodeID) -> [NodeID] {
        let node = nodes[id.index]
        var result: [NodeID] = []
        if node.lhs >= 0 { result.append(NodeID(Int(node.lhs))) }
        if node.rhs >= 0 { result.append(NodeID(Int(node.rhs))) }
        return result
    }

    /// The node's shape.
    public func shape(of id: NodeID) -> Shape { nodes[id.index].shape }

    /// The node's forward value.
    public func value(of id: NodeID) -> Tensor {
        let node = nodes[id.index]
        return Tensor(unchecked: node.shape, scalars: values.elements(node.offset..<node.offset + node.count))
    }

    /// The first entry of the node's value (its value, for a scalar).
    public func scalarValue(of id: NodeID) -> Double { values[nodes[id.index].offset] }

    /// ∂origin/∂node from the last ``backward(from:)``, or `nil` before any backward pass.
    ///
    /// A node recorded after that pass cannot influence the origin: its gradient is zero.
    public func gradient(of id: NodeID) -> Tensor? {
        guard !grads.isEmpty else { return nil }
        let node = nodes[id.index]
        guard node.offset + node.count <= grads.count else { return Tensor(repeating: 0, shape: node.shape) }
        return Tensor(unchecked: node.shape, scalars: grads.elements(node.offset..<node.offset + node.count))
    }

    /// Whether the forward pass evaluated this node exactly at a kink (relu or abs at input 0,
    /// max or min at a tie), where the derivative does not exist and a convention was used.
    public func isKink(_ id: NodeID) -> Bool { nodes[id.index].flags & Node.kinkFlag != 0 }

    /// Every node evaluated at a kink, in recording order.
    public var kinks: [NodeID] {
        nodes.indices.filter { nodes[$0].flags & Node.kinkFlag != 0 }.map(NodeID.init)
    }

    // MARK: Data

    /// Marks a leaf as data, such as an input or a target: like PyTorch's
    /// `requires_grad=False`, its gradient is not wanted. Backward still runs through the graph
    /// unchanged; figures leave the gradient off, reports show none and checks skip it. Does
    /// nothing to a node that is not a leaf.
    public func markAsData(_ id: NodeID) {
        guard contains(id), nodes[id.index].op == .leaf else { return }
        nodes[id.index].flags |= Node.dataFlag
    }

    /// Whether `id` is a leaf marked with ``markAsData(_:)``.
    public func isData(_ id: NodeID) -> Bool {
        contains(id) && nodes[id.index].flags & Node.dataFlag != 0
    }

    /// Whether a gradient ∂output/∂node is wanted and shown for `id`: every node except
    /// constants and data leaves.
    public func wantsGradient(_ id: NodeID) -> Bool {
        contains(id) && nodes[id.index].op != .constant && nodes[id.index].flags & Node.dataFlag == 0
    }

    // MARK: Changing values

    /// Replaces a leaf's value (for an optimiser step or a what-if); call ``recompute()`` after.
    /// - Throws: ``GraphError/shapeMismatch(op:lhs:rhs:)`` when the shape differs.
    public func setValue(_ value: Tensor, for id: NodeID) throws(GraphError) {
        let node = nodes[id.index]
        guard node.shape == value.shape else {
            throw .shapeMismatch(op: "assign", lhs: node.shape, rhs: value.shape)
        }
        for (k, x) in value.scalars.enumerated() { values[node.offset + k] = x }
    }

    /// Recomputes every forward value from the leaves, in recording order, and refreshes the
    /// kink flags. Gradients are cleared.
    public func recompute() {
        grads = TapeBuffer()
        gradientOrigin = nil
        for i in nodes.indices where nodes[i].op != .leaf && nodes[i].op != .constant {
            let kink = computeForward(i)
            nodes[i].flags = kink ? nodes[i].flags | Node.kinkFlag : nodes[i].flags & ~Node.kinkFlag
        }
    }
}
