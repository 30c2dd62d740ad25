import Foundation
import GradVizRender

/// The graph sizes where in-process layout time crosses 1 s and 10 s, uncapped and with the
/// large-graph caps: micrograd's `draw_dot` DOT of MLP(2, [w, w, 1]) for growing w.
///
/// Time is the rendering thread's CPU time for the whole SVG render (layout is nearly all of it
/// at these sizes): on a shared machine wall time swings by 2× from run to run, CPU time much less.
///
/// Bounded by design: w grows by half each step and each series stops at its first layout over
/// 10 s or when the graph is refused as too large to draw (`RenderOptions.maxObjects`); then
/// each crossing found is narrowed by at most three bisections of w. So a series lays out at
/// most about twenty graphs, none more than a few times slower than 10 s.
enum LayoutCrossings {
    static let thresholds: [Duration] = [.seconds(1), .seconds(10)]
    static let bisections = 3

    /// One measured size: the hidden width, the graph's node count and its render CPU time.
    struct Size {
        var width: Int
        var nodes: Int
        var layout: Duration
    }

    static func run() {
        print("  layout time by graph size, micrograd MLP(2,[w,w,1]) draw_dot DOT (SVG, 1 run each, CPU time):")
        let series: [(String, RenderOptions)] = [
            ("uncapped", RenderOptions(largeGraphThreshold: .max)),
            ("capped", RenderOptions(largeGraphThreshold: 0)),
        ]
        for (label, options) in series {
            var sizes: [Size] = []
            var refused: Int?
            var width = 4
            while let size = measure(width: width, label: label, options: options, refused: &refused) {
                sizes.append(size)
                if size.layout > thresholds[thresholds.count - 1] { break }
                width += max(1, width / 2)
            }
            for threshold in thresholds {
                for _ in 0..<bisections {
                    guard let below = sizes.last(where: { $0.layout <= threshold }),
                        let above = sizes.first(where: { $0.layout > threshold }), above.width - below.width > 1,
                        let size = measure(
                            width: (below.width + above.width) / 2, label: label, options: options, refused: &refused)
                    else { break }
                    sizes.append(size)
                    sizes.sort { $0.width < $1.width }
                }
                print(
                    "    \(label): layout crosses \(RenderBenchmark.format(threshold)) "
                        + crossing(threshold, sizes: sizes, refused: refused))
            }
        }
    }

    /// Lays out MLP(2, [width, width, 1]) once; `nil` (and `refused` set) when it is refused.
    static func measure(width: Int, label: String, options: RenderOptions, refused: inout Int?) -> Size? {
        let graph = MicrogradGraph.dot(inputs: 2, layers: [width, width, 1], batch: 1)
        do {
            let start = threadCPUTime()
            let result = try Renderer.render(dot: graph.text, format: .svg, options: options)
            let cpu = threadCPUTime() - start
            print(
                "    \(label), w = \(width), \(graph.nodes) nodes: \(RenderBenchmark.format(cpu)) CPU"
                    + " (layout \(RenderBenchmark.format(result.layoutDuration)) wall)")
            return Size(width: width, nodes: graph.nodes, layout: cpu)
        } catch {
            print("    \(label), w = \(width), \(graph.nodes) nodes: refused as too large to draw")
            refused = min(refused ?? .max, graph.nodes)
            return nil
        }
    }

    /// The calling thread's CPU time (the renderer runs on it).
    static func threadCPUTime() -> Duration {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
    }

    static func crossing(_ threshold: Duration, sizes: [Size], refused: Int?) -> String {
        let below = sizes.last { $0.layout <= threshold }
        let above = sizes.first { $0.layout > threshold }
        switch (below, above) {
        case (let below?, let above?): return "between \(below.nodes) and \(above.nodes) nodes"
        case (nil, let above?): return "already at \(above.nodes) nodes"
        case (let below?, nil):
            let limit = refused.map { ", the largest drawn (\($0) nodes are refused)" } ?? ""
            return "not reached up to \(below.nodes) nodes\(limit)"
        case (nil, nil): return "not measured"
        }
    }
}
