import GradVizEngine

/// A scalar-level MLP: every weight, product and sum its own node, as micrograd builds it.
///
/// `depth` tanh layers of `width` units on `width` inputs, then `o = Σⱼ vⱼ·hⱼ`. From a
/// first-layer weight there are width^(depth − 1) paths to `o`.
struct ScalarMLP {
    let graph: Graph
    /// w1_0_0: the weight from input 0 into unit 0 of the first layer.
    let firstWeight: NodeID
    let output: NodeID

    init(width: Int, depth: Int, seed: UInt64, named: Bool = true) throws {
        var random = SeededGenerator(seed: seed)
        let g = Graph()
        let scale = 1 / Double(width).squareRoot()
        var activations = (0..<width).map { g.leaf(Double.random(in: -1...1, using: &random), name: "x\($0)") }
        var first: NodeID?
        for layer in 1...depth {
            var next: [Value] = []
            for j in 0..<width {
                var total = g.leaf(Double.random(in: -0.1...0.1, using: &random), name: "b\(layer)_\(j)")
                for (k, input) in activations.enumerated() {
                    let w = g.leaf(
                        Double.random(in: -2 * scale...2 * scale, using: &random), name: "w\(layer)_\(j)_\(k)")
                    if first == nil { first = w.id }
                    total = try total + w * input
                }
                let h = total.tanh()
                if named { h.named("h\(layer)_\(j)") }
                next.append(h)
            }
            activations = next
        }
        var output = try activations[0] * g.leaf(1, name: "v0")
        for (j, h) in activations.enumerated().dropFirst() {
            output = try output + h * g.leaf(Double.random(in: -1...1, using: &random), name: "v\(j)")
        }
        output.named("o")
        self.graph = g
        self.firstWeight = first ?? output.id
        self.output = output.id
    }
}
