import Foundation
import GradVizDOT
import GradVizEngine
import GradVizExplain
import GradVizRender
import GradVizScript
import Testing

/// A figure too large for the renderer is refused once the figure knows what it draws, before
/// any DOT is written (issue 9: a 10⁶-line chain built its DOT for 51 s before the renderer
/// refused it), with the renderer's own limit and message; and nothing the renderer would lay
/// out is refused.
@Suite struct FigureSizeCheckTests {
    /// `a0 = 1`, `a1 = a0 + 1`, …: `count` variables in a chain.
    static func chain(_ count: Int, then extra: String = "") -> String {
        (["a0 = 1"] + (1..<count).map { "a\($0) = a\($0 - 1) + 1" }).joined(separator: "\n") + "\n" + extra
    }

    /// What a figure passed to its size check (and the check's answer, the renderer's).
    final class Checks: @unchecked Sendable {
        var calls: [(nodes: Int, edges: Int)] = []
        var sizes: [FigureSize] = []
        let lock = NSLock()

        func options(_ base: FigureOptions = FigureOptions(), limit: RenderOptions = RenderOptions()) -> FigureOptions {
            var options = base
            options.sizeCheck = { [self] size in
                lock.lock()
                calls.append((size.nodes, size.edges))
                sizes.append(size)
                lock.unlock()
                return limit.sizeProblem(
                    nodes: size.nodes, edges: size.edges, clusters: size.clusters, clusterDepth: size.clusterDepth)
            }
            return options
        }
    }

    /// Graphviz's own count of a DOT graph's nodes and edges, from the renderer's refusal of it.
    static func graphvizCount(_ dot: String) throws -> (nodes: Int, edges: Int) {
        let error = #expect(throws: RenderError.self) {
            try Renderer.render(dot: dot, format: .svg, options: RenderOptions(maxObjects: 0))
        }
        let message = try #require(error?.message)
        let numbers = try #require(message.firstMatch(of: /\((\d+) nodes and (\d+) edges;/))
        return (try #require(Int(numbers.1)), try #require(Int(numbers.2)))
    }

    @Test func theChainReproducerIsRefusedByTheFigureBeforeAnyDOTIsWritten() throws {
        // 10 001 nodes and 10 000 edges: past the renderer's 20 000 objects.
        let evaluation = try Script(source: Self.chain(10_001), file: "chain.grad").evaluate()
        let checks = Checks()
        // Thrown by the initializer: no Figure, and so no DOT, ever exists. The renderer's
        // refusal would be a RenderError from the DOT it had read.
        let error = #expect(throws: FigureError.self) {
            try Figure(graph: evaluation.graph, output: evaluation.output.id, options: checks.options())
        }
        #expect(error?.kind == .tooLarge)
        #expect(checks.calls.count == 1)
        #expect(checks.calls.first.map { [$0.nodes, $0.edges] } == [10_001, 10_000])
        // The renderer's message (the one place), with what to try instead.
        let problem = try #require(RenderOptions().sizeProblem(nodes: 10_001, edges: 10_000))
        #expect(error?.message == problem + "; try --prune --wrt a0")
    }

    @Test func aPrunedFigureOfAGraphTooLargeToDrawWholeIsCheckedByWhatItDraws() throws {
        // The chain read by L = x · a10000: whole, 10 003 nodes and 10 002 edges; pruned to the
        // path from x, x and L with a stub for a10000.
        let evaluation = try Script(source: Self.chain(10_001, then: "x = 2\nL = x * a10000\n"), file: "c.grad")
            .evaluate()
        let whole = #expect(throws: FigureError.self) {
            try Figure(graph: evaluation.graph, output: evaluation.output.id, options: Checks().options())
        }
        #expect(whole?.kind == .tooLarge)
        #expect(whole?.message.hasSuffix("; try --prune --wrt a0") == true)

        let checks = Checks()
        let pruned = try Figure(
            graph: evaluation.graph, output: evaluation.output.id,
            options: checks.options(FigureOptions(wrt: "x", prune: true)))
        #expect(checks.calls.map { [$0.nodes, $0.edges] } == [[3, 2]])
        let result = try Renderer.render(dot: pruned.dot, format: .svg, options: RenderOptions())
        #expect(String(decoding: result.data, as: UTF8.self).contains("<svg"))
    }

    @Test func theCountsAreGraphvizsNodesAndAtMostItsEdgesForEveryViewAndOption() throws {
        // So a check with them refuses nothing the renderer would lay out: for every sample, in
        // both views, whole, with --wrt, pruned and collapsed, and a nested-module script.
        var scripts = try SampleRenderTests.samples.map { path in
            ((path as NSString).lastPathComponent, try String(contentsOfFile: path, encoding: .utf8))
        }
        scripts.append(("nested", CollapseTests.nested))
        var compared = 0
        for (name, source) in scripts {
            let evaluation = try Script(source: source, file: name).evaluate()
            let leaf = evaluation.variables.first { $0.isLeaf && !$0.isData }?.name
            var variants: [FigureOptions] = []
            for view in [ViewKind.vars, .ops] {
                variants.append(FigureOptions(view: view))
                variants.append(FigureOptions(view: view, collapse: 0))
                variants.append(FigureOptions(view: view, collapse: 1))
                if let leaf {
                    variants.append(FigureOptions(view: view, wrt: leaf))
                    variants.append(FigureOptions(view: view, wrt: leaf, prune: true))
                    variants.append(FigureOptions(view: view, wrt: leaf, prune: true, collapse: 0))
                }
            }
            for options in variants {
                let checks = Checks()
                let figure = try Figure(
                    graph: evaluation.graph, output: evaluation.output.id, options: checks.options(options))
                let counted = try #require(checks.calls.first)
                let graphviz = try Self.graphvizCount(figure.dot)
                let context =
                    "\(name) \(options.view) wrt \(options.wrt ?? "-") prune \(options.prune) collapse \(options.collapse.map(String.init) ?? "-")"
                #expect(counted.nodes == graphviz.nodes, "\(context)")
                #expect(counted.edges <= graphviz.edges, "\(context)")
                if options.wrt == nil {
                    // Without highlighted paths, the only edges not counted keep the leaves in
                    // order: invisible, chained `a -> b -> c [style=invis]`.
                    let invisible = DOTText(figure.dot).lines.filter { $0.contains("style=invis") }
                        .map { $0.components(separatedBy: " -> ").count - 1 }.reduce(0, +)
                    #expect(counted.edges == graphviz.edges - invisible, "\(context)")
                }
                compared += 1
            }
        }
        #expect(compared >= 9 * 6)
    }

    @Test func withoutASizeCheckAFigureOfAnySizeIsDrawn() throws {
        // DOT that is written out, not laid out, has no limit: the renderer's is Graphviz's.
        let evaluation = try Script(source: Self.chain(12), file: "chain.grad").evaluate()
        let tiny = RenderOptions(maxObjects: 10)
        #expect(throws: FigureError.self) {
            try Figure(graph: evaluation.graph, output: evaluation.output.id, options: Checks().options(limit: tiny))
        }
        let figure = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions())
        #expect(try Self.graphvizCount(figure.dot).nodes == 12)
    }
}
