import Foundation
import GradVizRender

/// Render benchmark: in-process libgvc against the `dot` executable on the same DOT, the cost of
/// writing the output over the layout itself, what the large-graph caps buy, and the graph sizes
/// where layout crosses 1 s and 10 s (`LayoutCrossings`).
enum RenderBenchmark {
    static func run() {
        print("render: Graphviz in-process (libgvc) vs /usr/bin/dot -Tsvg, medians of wall time")
        let clock = ContinuousClock()
        let first = clock.measure { _ = try? Renderer.render(dot: "digraph { a }", format: .svg) }
        print("  first render (creates the shared context, loads plugins): \(format(first))")

        let uncapped = RenderOptions(largeGraphThreshold: .max)
        for (name, dot) in smallGraphs {
            compare(name: name, dot: dot, runs: 20, options: uncapped)
        }
        let mlp = MicrogradGraph.dot(inputs: 2, layers: [16, 16, 1], batch: 1)
        compare(
            name: "micrograd MLP(2,[16,16,1]) draw_dot", dot: mlp.text, nodes: mlp.nodes, runs: 5, options: uncapped)
        let capped = repeated(3) { try Renderer.render(dot: mlp.text, format: .svg) }
        if let capped {
            print(
                "    same graph with default options (capped: \(capped.result.layoutCapped)): "
                    + "layout \(format(capped.layout)), total \(format(capped.total))")
        }
        let pngOptions: [(String, RenderOptions)] = [
            ("default options (longer side ≤ \(RenderOptions.defaultMaxPNGDimension) px)", RenderOptions()),
            ("full size, 96 dpi, like draw_dot", RenderOptions(maxPNGDimension: nil)),
        ]
        for (label, options) in pngOptions {
            guard let png = repeated(3, { try Renderer.render(dot: mlp.text, format: .png, options: options) }),
                png.result.data.count >= 24
            else { continue }
            let bytes = png.result.data
            let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
            let height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
            print(
                "    as PNG, \(label): \(width)×\(height) px, layout \(format(png.layout)),"
                    + " gvRenderData \(format(png.render)), total \(format(png.total))")
        }

        let big = MicrogradGraph.dot(inputs: 3, layers: [8, 8, 1], batch: 7)
        print("  micrograd training graph MLP(3,[8,8,1]) over 7 samples + MSE loss: \(big.nodes) nodes")
        if let slow = repeated(1, { try Renderer.render(dot: big.text, format: .svg, options: uncapped) }) {
            print("    uncapped: layout \(format(slow.layout)), total \(format(slow.total))  (1 run)")
        }
        if let fast = repeated(3, { try Renderer.render(dot: big.text, format: .svg) }) {
            print(
                "    capped (\(fast.result.layoutCapped)): layout \(format(fast.layout)), total \(format(fast.total))")
        }
        LayoutCrossings.run()
    }

    /// Lecture-sized figures, in the style GradVizDOT writes (HTML labels, edge labels).
    static let smallGraphs: [(String, String)] = [
        ("c = a + b", figure(nodes: ["a", "b", "c"], edges: [("a", "c", "1"), ("b", "c", "1")])),
        (
            "ReLU neuron u = w·x, v = u + b, y = relu(v)",
            figure(
                nodes: ["w", "x", "b", "u", "v", "y"],
                edges: [("w", "u", "x = 3"), ("x", "u", "w = −2"), ("u", "v", "1"), ("b", "v", "1"), ("v", "y", "0")])
        ),
        (
            "2-2-1 network, 9 variables",
            figure(
                nodes: ["x₁", "x₂", "h₁", "h₂", "σ₁", "σ₂", "ŷ", "y", "l"],
                edges: [
                    ("x₁", "h₁", "0.5"), ("x₂", "h₁", "−1.5"), ("x₁", "h₂", "2"), ("x₂", "h₂", "0.25"),
                    ("h₁", "σ₁", "0.19"), ("h₂", "σ₂", "0.1"), ("σ₁", "ŷ", "1.2"), ("σ₂", "ŷ", "−0.7"),
                    ("ŷ", "l", "2(ŷ − y)"), ("y", "l", "−2(ŷ − y)"),
                ])
        ),
    ]

    /// A small annotated figure: each node a table of name, value and gradient.
    static func figure(nodes: [String], edges: [(String, String, String)]) -> String {
        var dot = "digraph figure {\n  graph [rankdir=LR, fontname=\"DejaVu Sans\"];\n"
        dot += "  node [shape=plain, fontname=\"DejaVu Sans\"];\n  edge [fontname=\"DejaVu Sans\", fontsize=10];\n"
        for (index, name) in nodes.enumerated() {
            dot += "  \"\(name)\" [label=<<table border=\"1\" cellborder=\"0\" cellspacing=\"0\">"
            dot += "<tr><td><b>\(name)</b></td></tr><tr><td>value \(Double(index) * 0.75 - 1)</td></tr>"
            dot += "<tr><td>∂L/∂\(name) = \(Double(index) * 0.5)</td></tr></table>>];\n"
        }
        for (from, to, label) in edges { dot += "  \"\(from)\" -> \"\(to)\" [label=\"\(label)\"];\n" }
        return dot + "}\n"
    }

    /// Renders `dot` in-process and with the `dot` executable, and prints both and the ratio.
    static func compare(name: String, dot: String, nodes: Int? = nil, runs: Int, options: RenderOptions) {
        let size = nodes.map { count in " (\(count) nodes)" } ?? ""
        print("  \(name)\(size)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gradviz-bench-\(getpid()).dot")
        defer { try? FileManager.default.removeItem(at: file) }
        guard (try? Data(dot.utf8).write(to: file)) != nil else { return }
        // Alternate the two so load from other processes hits both alike.
        var inProcessRuns: [(total: Duration, layout: Duration, render: Duration, result: RenderResult)] = []
        var external: [Duration] = []
        var externalOutput = Data()
        let clock = ContinuousClock()
        for _ in 0..<runs {
            guard let run = repeated(1, { try Renderer.render(dot: dot, format: .svg, options: options) }) else {
                return
            }
            inProcessRuns.append(run)
            let start = clock.now
            guard let output = runDot(file: file.path) else {
                print("    /usr/bin/dot: could not run")
                return
            }
            external.append(clock.now - start)
            externalOutput = output
        }
        guard let last = inProcessRuns.last?.result else { return }
        let total = median(inProcessRuns.map(\.total))
        let layout = median(inProcessRuns.map(\.layout))
        let render = median(inProcessRuns.map(\.render))
        let rest = median(inProcessRuns.map { $0.total - $0.layout - $0.render })
        print(
            "    in-process: total \(format(total)) = gvLayout \(format(layout))"
                + " + gvRenderData (SVG) \(format(render)) + parse/defaults/free \(format(rest))")
        print(
            "      overhead over the layout: SVG writing \(percent(render, of: layout)),"
                + " everything else \(percent(rest, of: layout))")
        let externalMedian = median(external)
        let ratio = String(format: "%.2f", total > .zero ? externalMedian / total : 0)
        let same = externalOutput == Data(last.data)
        print("    /usr/bin/dot -Tsvg: \(format(externalMedian)); dot/in-process \(ratio)×; identical SVG: \(same)")
    }

    /// Medians over `runs` renders: total wall time, layout and output times, and the last result.
    static func repeated(_ runs: Int, _ body: () throws -> RenderResult)
        -> (total: Duration, layout: Duration, render: Duration, result: RenderResult)?
    {
        var totals: [Duration] = []
        var layouts: [Duration] = []
        var renders: [Duration] = []
        var last: RenderResult?
        let clock = ContinuousClock()
        for _ in 0..<runs {
            let start = clock.now
            do {
                let result = try body()
                totals.append(clock.now - start)
                layouts.append(result.layoutDuration)
                renders.append(result.renderDuration)
                last = result
            } catch {
                print("    render failed: \(error)")
                return nil
            }
        }
        guard let last else { return nil }
        return (median(totals), median(layouts), median(renders), last)
    }

    /// Runs `/usr/bin/dot -Tsvg file` and returns its output, or `nil` if it failed.
    static func runDot(file: String) -> Data? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/dot")
        process.arguments = ["-Tsvg", file]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? output : nil
    }

    static func percent(_ part: Duration, of whole: Duration) -> String {
        whole > .zero ? String(format: "%.1f %%", part / whole * 100) : "–"
    }

    static func median(_ values: [Duration]) -> Duration {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .zero }
        return sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return milliseconds >= 1000
            ? String(format: "%.2f s", milliseconds / 1000) : String(format: "%.1f ms", milliseconds)
    }
}

/// The DOT that micrograd's `draw_dot` writes for an MLP: a record node per value
/// (`{ label | data … | grad … }`) and an op node feeding each computed value.
enum MicrogradGraph {
    /// `batch` forward passes of MLP(`inputs`, `layers`) sharing its parameters (tanh hidden
    /// layers, linear output); for `batch` > 1 they are summed into a squared-error loss.
    static func dot(inputs: Int, layers: [Int], batch: Int) -> (text: String, nodes: Int) {
        var builder = Builder()
        var parameters: [[(weights: [Int], bias: Int)]] = []
        var width = inputs
        for size in layers {
            parameters.append((0..<size).map { _ in ((0..<width).map { _ in builder.value() }, builder.value()) })
            width = size
        }
        var loss: Int?
        for _ in 0..<batch {
            var activations = (0..<inputs).map { _ in builder.value() }
            for (depth, layer) in parameters.enumerated() {
                activations = layer.map { neuron in
                    var sum = neuron.bias
                    for (weight, input) in zip(neuron.weights, activations) {
                        sum = builder.value(op: "+", sum, builder.value(op: "*", weight, input))
                    }
                    return depth == parameters.count - 1 ? sum : builder.value(op: "tanh", sum)
                }
            }
            if batch > 1, let output = activations.first {
                let difference = builder.value(op: "-", output, builder.value())
                let square = builder.value(op: "**2", difference)
                loss = loss.map { builder.value(op: "+", $0, square) } ?? square
            }
        }
        return (
            "digraph mlp {\n  graph [rankdir=LR, fontname=\"DejaVu Sans\"];\n"
                + "  node [fontname=\"DejaVu Sans\"];\n  edge [fontname=\"DejaVu Sans\"];\n"
                + builder.lines.joined() + "}\n", builder.nodes
        )
    }

    private struct Builder {
        var lines: [String] = []
        var nodes = 0
        private var count = 0
        private var state: UInt64 = 0x9E37_79B9_7F4A_7C15

        /// A deterministic number in [-1, 1).
        private mutating func number() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53) * 2 - 1
        }

        mutating func value(op: String? = nil, _ children: Int...) -> Int {
            let id = count
            count += 1
            nodes += 1
            lines.append(
                String(
                    format: "  \"v%d\" [label=\"{  | data %.4f | grad %.4f }\", shape=record];\n",
                    id, number(), number()))
            if let op {
                nodes += 1
                lines.append("  \"v\(id)\(op)\" [label=\"\(op)\"];\n  \"v\(id)\(op)\" -> \"v\(id)\";\n")
                for child in children { lines.append("  \"v\(child)\" -> \"v\(id)\(op)\";\n") }
            }
            return id
        }
    }
}
