import CGraphviz
import Testing

@testable import GradVizRender

/// Graphs too large for Graphviz's layout are refused with an error instead of crashing the
/// process or running for minutes.
@Suite struct GraphSizeLimitTests {
    static func chain(_ count: Int) -> String {
        "digraph chain {\n" + (1..<count).map { "  n\($0 - 1) -> n\($0);\n" }.joined() + "}\n"
    }

    @Test func aGraphPastTheObjectLimitIsRefusedWithAnError() throws {
        // 20 nodes and 19 edges: 39 objects against a limit of 30.
        let error = #expect(throws: RenderError.self) {
            try Renderer.render(dot: Self.chain(20), format: .svg, options: RenderOptions(maxObjects: 30))
        }
        #expect(error?.message.contains("too large to draw") == true)
        #expect(error?.message.contains("20 nodes and 19 edges") == true)
    }

    /// A DOT's `minlen` is counted as Graphviz keeps it, at most 65 535 ranks, so the layout
    /// estimate's sums of ranks cannot overflow: 9223372036854775807 twice used to trap.
    @Test func theLayoutEstimateCountsAHugeMinlenAsGraphvizKeepsIt() throws {
        let huge = "9223372036854775807"
        let session = GraphvizSession.shared
        session.lock.lock()
        defer { session.lock.unlock() }
        let (graph, _) = try session.read(
            "digraph g { a -> b [minlen=\(huge)]; b -> c [minlen=\(huge)]; c -> d [minlen=-3] }")
        defer { agclose(graph) }
        // 4 nodes, and 65 534 virtual nodes in each long edge; d shares c's rank.
        #expect(LayoutCost.estimate(graph) == 4 + 2 * 65_534)
    }

    @Test func aGraphAtTheLimitStillRenders() throws {
        let result = try Renderer.render(dot: Self.chain(20), format: .svg, options: RenderOptions(maxObjects: 39))
        #expect(String(decoding: result.data, as: UTF8.self).contains("<svg"))
    }

    @Test func theSizeProblemIsTheRenderersOwnRefusalAndNilWithinTheLimit() throws {
        let options = RenderOptions(maxObjects: 30)
        #expect(options.sizeProblem(nodes: 16, edges: 14) == nil)
        let problem = try #require(options.sizeProblem(nodes: 16, edges: 15))
        #expect(problem.hasPrefix("the graph is too large to draw (16 nodes and 15 edges; the limit is 30 in all)"))
        // The renderer refuses DOT with the same words (one message for both checks).
        let error = #expect(throws: RenderError.self) {
            try Renderer.render(dot: Self.chain(16), format: .svg, options: RenderOptions(maxObjects: 20))
        }
        #expect(error?.message == RenderOptions(maxObjects: 20).sizeProblem(nodes: 16, edges: 15))
        // Counts that overflow when added are too large, not a crash.
        #expect(options.sizeProblem(nodes: Int.max, edges: 1) != nil)
    }

    @Test func theDefaultLimitLeavesRoomForMicrogradSizedGraphs() {
        // micrograd's MLP(2, [16, 16, 1]) draw_dot graph has about 1 600 nodes and 2 000 edges.
        #expect(RenderOptions().maxObjects >= 5 * 3_600)
    }
}
