import Foundation
import GradVizDOT
import GradVizEngine
import GradVizRender
import GradVizScript
import Testing

/// Modules nested thousands deep (issue 30, item 2): the DOT grows linearly with the script
/// (indenting every level and restating whole paths of names made 1 000, 2 000 and 5 000 levels
/// 13, 52 and 326 MB, and 10 000 levels ran out of memory), and the size check refuses a figure
/// nested deeper than Graphviz can read, or with more clusters than it lays out in reasonable
/// time, before any DOT is written, with the renderer's own message.
@Suite struct DeepModuleTests {
    /// `x` and `w` outside, `y = x * w` inside `depth` nested modules, `L = y + 1` outside.
    static func nested(_ depth: Int) -> String {
        (["x = 1", "w = 2"] + (0..<depth).map { "module m\($0) {" } + ["y = x * w"]
            + Array(repeating: "}", count: depth) + ["L = y + 1"]).joined(separator: "\n") + "\n"
    }

    /// `count` modules side by side, one variable each, summed into `L`.
    static func siblings(_ count: Int) -> String {
        ((0..<count).map { "module m\($0) {\na\($0) = \($0 % 5 + 1)\n}" }
            + ["L = " + (0..<count).map { "a\($0)" }.joined(separator: " + ")]).joined(separator: "\n") + "\n"
    }

    static func figure(_ source: String, _ options: FigureOptions = FigureOptions()) throws -> Figure {
        let evaluation = try Script(source: source, file: "deep.grad").evaluate()
        return try Figure(graph: evaluation.graph, output: evaluation.output.id, options: options)
    }

    /// Options checked by the renderer's own size check, recording what they were given.
    final class Checked: @unchecked Sendable {
        var sizes: [FigureSize] = []
        let lock = NSLock()

        var options: FigureOptions {
            var options = FigureOptions()
            options.sizeCheck = { [self] size in
                lock.lock()
                sizes.append(size)
                lock.unlock()
                return RenderOptions().sizeProblem(
                    nodes: size.nodes, edges: size.edges, clusters: size.clusters, clusterDepth: size.clusterDepth)
            }
            return options
        }
    }

    @Test func theDOTOfNestedModulesGrowsLinearlyWithTheirDepth() throws {
        let shallow = try Self.figure(Self.nested(500)).dot.utf8.count
        let deep = try Self.figure(Self.nested(1_000)).dot.utf8.count
        // Twice the levels, about twice the DOT (each level restating its indentation was 4×).
        #expect(Double(deep) < 2.1 * Double(shallow))
        // A level costs its own cluster's statements, not the levels around it: under 1 000 bytes.
        #expect(deep < 1_000 * 1_000)
    }

    @Test func tenThousandNestedModulesAreDOTOfAFewMegabytesAndRefusedForLayout() throws {
        let source = Self.nested(10_000)
        // Written out (no size check): every cluster, linear in the script.
        let dot = try Self.figure(source).dot
        #expect(dot.utf8.count < 10_000 * 1_000)
        #expect(dot.components(separatedBy: "subgraph \"cluster_").count - 1 == 10_000)
        // For layout: refused before any DOT, with the renderer's message and the size counted.
        let checked = Checked()
        let error = #expect(throws: FigureError.self) { try Self.figure(source, checked.options) }
        #expect(error?.kind == .tooLarge)
        #expect(checked.sizes.map { [$0.clusters, $0.clusterDepth] } == [[10_000, 10_000]])
        let size = try #require(checked.sizes.first)
        let problem = try #require(
            RenderOptions().sizeProblem(
                nodes: size.nodes, edges: size.edges, clusters: size.clusters, clusterDepth: size.clusterDepth))
        #expect(problem.contains("nest too deeply to draw (10000 levels of clusters; the limit is 1000)"))
        #expect(error?.message.hasPrefix(problem) == true)
    }

    @Test func nestingUpToTheLimitIsDrawnAndFoldingTheInnerModulesDrawsADeeperOne() throws {
        let atLimit = try Self.figure(Self.nested(RenderOptions.maxClusterDepth), Checked().options)
        let svg = try Renderer.render(dot: atLimit.dot, format: .svg).data
        #expect(String(decoding: svg, as: UTF8.self).contains("<svg"))
        // Past it, --collapse 1 folds everything inside the outermost module into one node.
        let checked = Checked()
        var options = checked.options
        options.collapse = 1
        let figure = try Self.figure(Self.nested(5_000), options)
        #expect(checked.sizes.map(\.clusterDepth) == [1])
        #expect(try Renderer.render(dot: figure.dot, format: .svg).data.count > 0)
    }

    @Test func moreModulesSideBySideThanTheLimitAreRefused() throws {
        let checked = Checked()
        let count = RenderOptions.defaultMaxClusters + 1
        let error = #expect(throws: FigureError.self) { try Self.figure(Self.siblings(count), checked.options) }
        #expect(error?.kind == .tooLarge)
        #expect(checked.sizes.map(\.clusters) == [count])
        #expect(checked.sizes.map(\.clusterDepth) == [1])
        #expect(error?.message.contains("too many modules to draw (\(count) clusters; the limit is 1000)") == true)
    }

    @Test func theRendererCountsTheClustersOfTheDOTItReads() throws {
        // DOT from anywhere, refused by the same limits before layout.
        func nestedDOT(_ depth: Int) -> String {
            "digraph g {\n" + (0..<depth).map { "subgraph \"cluster_\($0)\" {\n" }.joined() + "a -> b;\n"
                + String(repeating: "}\n", count: depth) + "}\n"
        }
        let deep = #expect(throws: RenderError.self) {
            try Renderer.render(dot: nestedDOT(RenderOptions.maxClusterDepth + 1), format: .svg)
        }
        #expect(
            deep?.message
                == RenderOptions().sizeProblem(
                    nodes: 2, edges: 1, clusters: RenderOptions.maxClusterDepth + 1,
                    clusterDepth: RenderOptions.maxClusterDepth + 1))
        // Subgraphs that are not clusters neither count nor nest.
        let plain =
            "digraph g {\n" + String(repeating: "subgraph s {\n", count: 50) + "a -> b;\n"
            + String(repeating: "}\n", count: 50) + "subgraph cluster_a { c; subgraph cluster_b { d; } }\n}\n"
        var oneCluster = RenderOptions()
        oneCluster.maxClusters = 1
        let few = #expect(throws: RenderError.self) {
            try Renderer.render(dot: plain, format: .svg, options: oneCluster)
        }
        #expect(few?.message.contains("(2 clusters; the limit is 1)") == true)
        #expect(try Renderer.render(dot: plain, format: .svg).data.count > 0)
    }
}
