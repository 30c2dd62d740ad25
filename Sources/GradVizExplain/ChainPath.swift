import GradVizEngine

/// One chain-rule path from a variable to the output, with the local derivative on each edge
/// and the path's contribution to the gradient.
///
/// The lecture's ∂l/∂w₁ = ∂l/∂o·∂o/∂a₁·∂a₁/∂w₁ + ∂l/∂o·∂o/∂a₂·∂a₂/∂w₁ has two paths; each term is
/// one `ChainPath`, and the terms of all paths sum to the backward gradient.
public struct ChainPath {
    /// The nodes from `wrt` (first) to `of` (last).
    public let nodes: [NodeID]
    /// The edges walked: `edges[i]` goes from `nodes[i]` to `nodes[i + 1]`.
    public let edges: [FlowEdge]
    /// Where each of ``edges`` sits in the view's `edges` array (for figures that style them).
    public let edgeIndices: [Int]
    /// `factors[i]` = ∂nodes[i+1]/∂nodes[i], in the order of ``nodes`` (from `wrt` outward): a
    /// number for a scalar edge, the local Jacobian for a tensor edge (see ``FactorForm`` and
    /// ``factorForms`` for the layout). People read them the other way: see
    /// ``factorsFromOutput``.
    public let factors: [Tensor]
    /// What each factor holds.
    public let factorForms: [FactorForm]
    /// The path's contribution to ∂of/∂wrt, shaped like `wrt`: for scalars the product of the
    /// factors (multiplied from `wrt` towards `of`); for tensors the vector-Jacobian product
    /// along this path only, seeded with ones at `of` as the backward pass is.
    public internal(set) var product: Tensor

    /// Jacobians larger than this many entries are not materialised as factors (see
    /// ``FactorForm/flow``).
    public static let maxJacobianEntries = 1 << 16

    /// A path of a scalar graph from its relevant edges, factors multiplied in order.
    init(scalarPath locals: [Int], in paths: PathGraph) {
        var nodes = [paths.wrt]
        var edges: [FlowEdge] = []
        var factors: [Tensor] = []
        nodes.reserveCapacity(locals.count + 1)
        edges.reserveCapacity(locals.count)
        factors.reserveCapacity(locals.count)
        var product = 1.0
        for local in locals {
            let edge = paths.edge(local)
            let factor = paths.scalarFactors[local]
            nodes.append(edge.to)
            edges.append(edge)
            // The edge's own tensor (shared storage, no allocation per factor) when it holds
            // the number.
            factors.append(edge.factor.flatMap { $0.shape.isScalar ? $0 : nil } ?? Tensor(factor))
            product *= factor
        }
        self.nodes = nodes
        self.edges = edges
        self.edgeIndices = locals.map { paths.edges[$0] }
        self.factors = factors
        self.factorForms = Array(repeating: .number, count: factors.count)
        // A scalar `wrt` with no edge (wrt is of) contributes the seed.
        self.product = locals.isEmpty ? paths.seed : Tensor(product)
    }

    /// A path of a tensor graph with its known contribution.
    init(tensorPath found: PathEnumeration.Found, in paths: PathGraph) {
        let view = paths.view
        let graph = view.graph
        let edges = found.edges.map(paths.edge)
        // What flows along each edge on this path: pull the seed back from `of`.
        var flows = [Tensor](repeating: paths.seed, count: edges.count)
        var upstream = paths.seed
        var needsFlows = false
        for edge in edges
        where graph.shape(of: edge.to).count * graph.shape(of: edge.from).count > ChainPath.maxJacobianEntries {
            needsFlows = true
        }
        if needsFlows {
            for (index, edge) in edges.enumerated().reversed() {
                upstream = view.pullback(along: edge, upstream: upstream)
                flows[index] = upstream
            }
        }
        var factors: [Tensor] = []
        var forms: [FactorForm] = []
        for (index, edge) in edges.enumerated() {
            let toShape = graph.shape(of: edge.to)
            let fromShape = graph.shape(of: edge.from)
            if toShape.isScalar && fromShape.isScalar {
                factors.append(view.jacobian(along: edge))
                forms.append(.number)
            } else if toShape.count * fromShape.count <= ChainPath.maxJacobianEntries {
                factors.append(view.jacobian(along: edge))
                forms.append(.jacobian)
            } else {
                factors.append(flows[index])
                forms.append(.flow)
            }
        }
        self.nodes = [paths.wrt] + edges.map(\.to)
        self.edges = edges
        self.edgeIndices = found.edges.map { paths.edges[$0] }
        self.factors = factors
        self.factorForms = forms
        self.product = found.contribution
    }

    /// The edges and their factors in the order the lecture writes the chain rule, from the
    /// output inward: ∂l/∂o · ∂o/∂a₁ · ∂a₁/∂w₁. Every format a person reads (text, LaTeX,
    /// Markdown, a figure's legend) lists factors in this order.
    public var factorsFromOutput: [(edge: FlowEdge, factor: Tensor)] {
        zip(edges, factors).reversed().map { (edge: $0.0, factor: $0.1) }
    }

    /// The size that ranks paths: |product| for a scalar, the Frobenius norm for a tensor.
    public var magnitude: Double { product.norm }
}
