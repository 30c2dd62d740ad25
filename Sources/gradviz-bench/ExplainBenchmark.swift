import Foundation
import GradVizEngine
import GradVizExplain

/// Path counting and top-64 listing on scalar-level MLPs of 4·10⁴ to 4·10⁵ nodes.
///
/// Two sweeps. Growing width at depth 4 keeps the path count within one machine word, so the
/// count's edges per second should stay flat: linear in the edges. Growing depth at width 64
/// also grows the count to 139 bits, so the same work is done on numbers of 1–4 words (and
/// the count restarts when it outgrows a width); edges per second then fall with the words, as
/// the bound O(E·words) says. The listing is the lazy k-best extraction, O(E + k·L·log d).
enum ExplainBenchmark {
    static func run() {
        print("explain: path count and top-64 listing on scalar MLPs (from a first-layer weight; best of 5)")
        print("  view  width  depth    nodes    edges  view build   count  count edges/s    top-64  paths")
        for view in [ViewKind.ops, .vars] {
            for width in [64, 96, 128, 181] { measure(width: width, depth: 4, view: view) }
            for depth in [8, 16, 24] { measure(width: 64, depth: depth, view: view) }
        }
    }

    private static func measure(width: Int, depth: Int, view: ViewKind) {
        let (graph, wrt, output) = scalarMLP(width: width, depth: depth, seed: 1)
        var flow: FlowView?
        let build = seconds { flow = FlowView(graph: graph, output: output, kind: view) }
        guard let flow else { return }
        var count = PathCount.count(in: flow, from: wrt, to: output)
        let counting = bestOf(5) { count = PathCount.count(in: flow, from: wrt, to: output) }
        var listed: [ChainPath] = []
        let listing = bestOf(5) { listed = ChainPath.largest(64, in: flow, from: wrt, to: output) }
        let bits = String(count, radix: 2).count
        let digits = String(count)
        let shown = digits.count > 12 ? "\(digits.prefix(3))… (\(digits.count) digits, \(bits) bits)" : digits
        print(
            [
                "  " + view.rawValue.padding(toLength: 4, withPad: " ", startingAt: 0), pad(width, 7), pad(depth, 7),
                pad(graph.count, 9), pad(flow.edges.count, 9), pad(milliseconds(build), 12),
                pad(milliseconds(counting), 8), pad(String(format: "%.3g", Double(flow.edges.count) / counting), 15),
                pad(milliseconds(listing), 10),
                "  " + (listed.count == 64 ? "" : "only \(listed.count) listed! ") + shown,
            ].joined())
    }

    /// micrograd-style MLP: every weight, product and partial sum a node; tanh units named,
    /// then `o = Σ hⱼ`.
    private static func scalarMLP(width: Int, depth: Int, seed: UInt64) -> (Graph, NodeID, NodeID) {
        var random = SeededGenerator(seed: seed)
        let graph = Graph(reservingCapacity: depth * width * (3 * width + 2) + 2 * width)
        let scale = 1 / Double(width).squareRoot()
        var activations = (0..<width).map { graph.leaf(Double.random(in: -1...1, using: &random), name: "x\($0)") }
        var first: NodeID?
        for layer in 1...depth {
            var next: [Value] = []
            for j in 0..<width {
                var total = graph.leaf(0.01, name: "b\(layer)_\(j)")
                for input in activations {
                    let w = graph.leaf(Double.random(in: -2 * scale...2 * scale, using: &random))
                    if first == nil { first = w.id }
                    total = (try? total + ((try? w * input) ?? w)) ?? total
                }
                next.append(total.tanh().named("h\(layer)_\(j)"))
            }
            activations = next
        }
        var output = activations[0]
        for h in activations.dropFirst() { output = (try? output + h) ?? output }
        output.named("o")
        return (graph, first ?? output.id, output.id)
    }

    private static func seconds(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    private static func bestOf(_ runs: Int, _ body: () -> Void) -> Double {
        (0..<runs).map { _ in seconds(body) }.min() ?? 0
    }

    private static func milliseconds(_ seconds: Double) -> String { String(format: "%.2f ms", seconds * 1000) }

    private static func pad(_ value: some CustomStringConvertible, _ width: Int) -> String {
        let text = value.description
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
