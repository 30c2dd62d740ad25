import Foundation
import GradVizEngine
import GradVizExplain

/// An independent reference: every path of a view listed one by one by a plain depth-first
/// search over `view.edges`, with its product multiplied from `wrt` towards `of` (scalars) or
/// its contribution pulled back from `of` (tensors).
struct BruteForcePaths {
    struct Path {
        var nodes: [NodeID]
        var product: Tensor
    }

    var paths: [Path] = []

    init(view: FlowView, wrt: NodeID, of: NodeID) {
        var outgoing: [NodeID: [FlowEdge]] = [:]
        for edge in view.edges { outgoing[edge.from, default: []].append(edge) }
        guard view.contains(wrt) else { return }
        var stack: [[FlowEdge]] = [[]]
        while let prefix = stack.popLast() {
            let end = prefix.last?.to ?? wrt
            if end == of {
                paths.append(
                    Path(
                        nodes: [wrt] + prefix.map(\.to),
                        product: BruteForcePaths.contribution(prefix, view: view, wrt: wrt, of: of)))
                continue
            }
            for edge in outgoing[end] ?? [] where edge.to <= of { stack.append(prefix + [edge]) }
        }
    }

    static func contribution(_ edges: [FlowEdge], view: FlowView, wrt: NodeID, of: NodeID) -> Tensor {
        let graph = view.graph
        if edges.allSatisfy({ $0.scalarFactor != nil }) && graph.shape(of: of).isScalar {
            return Tensor(edges.reduce(1.0) { $0 * ($1.scalarFactor ?? .nan) })
        }
        var upstream = Tensor(repeating: 1, shape: graph.shape(of: of))
        for edge in edges.reversed() { upstream = view.pullback(along: edge, upstream: upstream) }
        return upstream
    }

    /// Σ of the products, entry by entry.
    func sum(shape: Shape) -> [Double] {
        var total = [Double](repeating: 0, count: shape.count)
        for path in paths {
            for (index, x) in path.product.scalars.enumerated() { total[index] += x }
        }
        return total
    }
}

/// |a − b| ≤ 1e-9 + 1e-7·|b| for every entry.
func close(_ a: [Double], _ b: [Double], relative: Double = 1e-7, absolute: Double = 1e-9) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= absolute + relative * abs($1) }
}

/// Central finite differences with the step ∛ε·max(1, max|wrt|): an independent estimate that
/// uses forward values only.
func finiteDifferences(_ graph: Graph, of: NodeID, wrt: NodeID) -> Tensor {
    let largest = graph.value(of: wrt).scalars.reduce(1) { max($0, abs($1)) }
    return graph.numericGradient(of: of, wrt: wrt, step: cbrt(Double.ulpOfOne) * largest)
}
