import Foundation
import GradVizDOT
import GradVizEngine
import GradVizExplain
import GradVizFrames
import GradVizHTML
import GradVizRender
import GradVizScript
import Testing

/// `--prune --wrt`: only the listed paths' nodes, plus faint stubs for the inputs they read.
@Suite struct PruneTests {
    /// The node ids a figure's DOT defines, split into stubs (`class="stub"`) and full nodes.
    static func drawnNodes(_ dot: String) -> (full: Set<String>, stubs: Set<String>) {
        var full = Set<String>()
        var stubs = Set<String>()
        for line in DOTText(dot).lines {
            let statement = line.trimmingCharacters(in: .whitespaces)
            guard !statement.contains(" -> "), let space = statement.firstIndex(of: " "),
                statement[space...].hasPrefix(" [")
            else { continue }
            let id = String(statement[..<space])
            guard id.hasPrefix("\"stub_") || (id.hasPrefix("n") && id.dropFirst().allSatisfy(\.isNumber)) else {
                continue
            }
            if statement.contains("class=\"stub\"") { stubs.insert(id) } else { full.insert(id) }
        }
        return (full, stubs)
    }

    @Test func thePrunedFigureHoldsExactlyThePathsNodesPlusStubsForWhatTheyRead() throws {
        let sample = SampleRenderTests.directory.appendingPathComponent("fully_connected.grad").path
        let evaluation = try Script.load(path: sample).evaluate()
        let figure = try Figure(
            graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions(wrt: "w_11_1", prune: true))
        func ids(_ names: [String]) throws -> Set<String> {
            Set(try names.map { try #require(evaluation.variable(named: $0), "\($0)").id.description })
        }
        let drawn = Self.drawnNodes(figure.dot)
        // The two paths: w₁,₁⁽¹⁾ → a₁⁽¹⁾ → a₁⁽²⁾ or a₂⁽²⁾ → o → l.
        #expect(drawn.full == (try ids(["w_11_1", "a1_1", "a1_2", "a2_2", "o", "l"])))
        // Every other input those nodes read, and nothing else (a2_1's own weights are not read
        // by a path node, so they are not drawn).
        #expect(
            drawn.stubs
                == (try ids([
                    "x1", "x2", "w_12_1", "w_11_2", "w_12_2", "a2_1", "w_21_2", "w_22_2", "w_11_3", "w_12_3", "y",
                ])))
        #expect(DOTText(figure.dot).node(try #require(evaluation.variable(named: "w_21_1")).id.description) == nil)
        // Stub edges are faint and unlabelled; path edges keep their local derivative.
        let x1 = try #require(evaluation.variable(named: "x1")).id.description
        let a11 = try #require(evaluation.variable(named: "a1_1")).id.description
        let stubEdge = try #require(DOTText(figure.dot).edges(from: x1, to: a11).first)
        #expect(stubEdge.contains("style=\"dashed\"") && !stubEdge.contains("label="))
        #expect(
            figure.notes.contains { $0.hasPrefix("pruned to the 6 nodes of all 2 paths from w_11_1, with 11 stubs") })
        // The legend still comes from the whole graph: the same DOT label as without pruning.
        let full = try Figure(
            graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions(wrt: "w_11_1"))
        func legend(_ dot: String) -> String? {
            DOTText(dot).lines.first { $0.contains("label=<") && $0.hasPrefix("  label") }
        }
        #expect(legend(figure.dot) != nil && legend(figure.dot) == legend(full.dot))
        #expect(throws: FigureError.self) {
            try Figure(graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions(prune: true))
        }
    }

    /// A micrograd-style MLP, every weight and unit a named scalar: `depth` tanh layers of
    /// `width` units, then `o = Σⱼ vⱼ·hⱼ`.
    static func scalarMLP(width: Int, depth: Int) throws -> (Graph, NodeID) {
        let g = Graph()
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func random() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53) - 0.5
        }
        var previous = (0..<width).map { g.leaf(random(), name: "x\($0)") }
        for layer in 1...depth {
            var next: [Value] = []
            for j in 0..<width {
                var total = g.leaf(random() / 5, name: "b\(layer)_\(j)")
                for (k, input) in previous.enumerated() {
                    total = try total + g.leaf(random() / 2, name: "w\(layer)_\(j)_\(k)") * input
                }
                next.append(total.tanh().named("h\(layer)_\(j)"))
            }
            previous = next
        }
        var output = try previous[0] * g.leaf(random(), name: "v0")
        for j in 1..<width { output = try output + previous[j] * g.leaf(random(), name: "v\(j)") }
        return (g, output.named("o").id)
    }

    @Test func aTwentyThousandNodeNetworkRendersPrunedWhereTheFullFigureIsRefused() throws {
        let (graph, output) = try Self.scalarMLP(width: 20, depth: 45)
        // The whole figure draws every node and edge of the variables view: more than the
        // renderer's limit, past which it refuses (GraphSizeLimitTests pin the refusal).
        let view = FlowView(graph: graph, output: output, kind: .vars)
        #expect(view.nodes.count >= 19_000, "\(view.nodes.count) nodes")
        #expect(view.nodes.count + view.edges.count > RenderOptions.defaultMaxObjects)

        let pruned = try Figure(graph: graph, output: output, options: FigureOptions(wrt: "w1_0_0", prune: true))
        let drawn = Self.drawnNodes(pruned.dot)
        // The 8 listed paths run through one unit per layer at most: a few dozen nodes, and one
        // stub counting the 40 or so other inputs of each.
        #expect(drawn.full.count <= 8 * 48, "\(drawn.full.count)")
        #expect(drawn.full.count >= 47)
        #expect(drawn.stubs.count == drawn.full.count - 1, "every node but the weight reads more than 4 others")
        #expect(pruned.dot.contains("+ 40 inputs"))
        let svg = try Renderer.render(dot: pruned.dot, format: .svg)
        #expect(svg.warnings.isEmpty, "\(svg.warnings)")
        #expect(RenderedSVG(svg.data) != nil)
    }

    @Test func aFigureTooLargeToReadSuggestsPruningToAWeight() throws {
        let sample = SampleRenderTests.directory.appendingPathComponent("fully_connected.grad").path
        let evaluation = try Script.load(path: sample).evaluate()
        func figure(_ options: FigureOptions) throws -> Figure {
            var options = options
            options.largeGraphThreshold = 5
            return try Figure(graph: evaluation.graph, output: evaluation.output.id, options: options)
        }
        // The first weight (x1, x2 and y are leaves too, but not weights).
        let large = try figure(FigureOptions())
        #expect(large.suggestion == "try --prune --wrt w_11_1")
        #expect(
            large.notes.contains {
                $0.hasPrefix("the figure has 19 nodes") && $0.hasSuffix("; try --prune --wrt w_11_1")
            })
        #expect(try figure(FigureOptions(wrt: "a2_1")).suggestion == "try --prune --wrt a2_1")
        #expect(try figure(FigureOptions(wrt: "a2_1", prune: true)).suggestion == nil)
        // A figure small enough to read suggests nothing.
        #expect(
            try Figure(graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions()).suggestion
                == nil)
        // Entry names are quoted for the shell.
        let expanded = try Script.load(
            path: SampleRenderTests.directory.appendingPathComponent("tensor_model.grad").path
        )
        .evaluate().expanded()
        var options = FigureOptions()
        options.largeGraphThreshold = 5
        let entries = try Figure(graph: expanded.graph, output: expanded.output.id, options: options)
        // tensor_model's modules nest (model ⊃ linear1, …): folding them helps too.
        #expect(entries.suggestion == "try --collapse 1 or --prune --wrt 'W1[1,1]'")
        options.collapse = 1
        let folded = try Figure(graph: expanded.graph, output: expanded.output.id, options: options)
        #expect(folded.suggestion == "try --prune --wrt 'W1[1,1]'")
    }

    @Test func anInteractivePageDrawsEveryNodeWhateverThePruneAndCollapseOptions() throws {
        let sample = SampleRenderTests.directory.appendingPathComponent("fully_connected.grad").path
        let evaluation = try Script.load(path: sample).evaluate()
        let page = try InteractiveFigure(
            graph: evaluation.graph, output: evaluation.output.id,
            options: FigureOptions(wrt: "w_11_1", prune: true, collapse: 0))
        #expect(!page.figure.dot.contains("class=\"stub\""))
        #expect(Self.drawnNodes(page.figure.dot).full.count == evaluation.variables.count)
    }
}
