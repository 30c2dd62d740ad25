import Foundation
import GradVizEngine
import GradVizExplain
import GradVizScript
import GradVizTestFixtures
import Testing

/// Random scripts written the way a lecture writes them, with identity lines (`a0 = x`),
/// `max`/`min` and data leaves: they evaluate, explain and check like any other.
@Suite struct RandomScriptTests {
    /// A random scalar script in the lecture's style (``ScriptGenerator/lectureScript(using:)``,
    /// shared with the fuzz test).
    static func script(seed: UInt64) -> String {
        var generator = SeededGenerator(seed: seed)
        return ScriptGenerator.lectureScript(using: &generator)
    }

    @Test(arguments: Array(UInt64(1)...16)) func scriptsWithIdentityLinesExplainAndCheck(seed: UInt64) throws {
        let source = Self.script(seed: seed)
        let evaluation = try Script(source: source, file: "random.grad").evaluate()
        let graph = evaluation.graph
        let leaves = evaluation.variables.filter { $0.isLeaf && !$0.isData }
        #expect(leaves.count == 3)
        for leaf in leaves {
            for view in ViewKind.allCases {
                let explanation = Explanation(
                    graph: graph, wrt: leaf.id, of: evaluation.output.id, view: view, maxPaths: 100_000)
                let backward = explanation.gradient.scalar
                #expect(close([explanation.pathSum.scalar], [backward], relative: 1e-9), "\(source)")
                let reference = BruteForcePaths(view: explanation.view, wrt: leaf.id, of: evaluation.output.id)
                #expect(explanation.pathCount == reference.paths.count)
                #expect(
                    close(
                        [backward], [finiteDifferences(graph, of: evaluation.output.id, wrt: leaf.id).scalar],
                        relative: 1e-5, absolute: 1e-7), "\(source)")
            }
        }
        let report = CheckReport(
            graph: graph, of: evaluation.output.id, leaves: leaves.map(\.id), check: GradientCheck())
        #expect(report.passed, "\(report.render())")
        // Every identity line is a node of the vars view whose edge carries 1.
        let view = FlowView(graph: graph, output: evaluation.output.id, kind: .vars)
        for variable in evaluation.variables where graph.op(of: variable.id) == .identity {
            #expect(view.contains(variable.id))
            let into = view.edges.filter { $0.to == variable.id }
            #expect(into.count == 1 && into[0].scalarFactor == 1)
        }
    }

    @Test func anIdentityLineAddsOneNodeToEveryPathThroughIt() throws {
        let direct = try Script(source: "x = 2\nw = 3\nh = w * x\ng = x + h\nL = g * h\n", file: "a.grad").evaluate()
        let named = try Script(
            source: "x = 2\nw = 3\na0 = x\nh = w * a0\ng = a0 + h\nL = g * h\n", file: "b.grad"
        ).evaluate()
        let before = Explanation(
            graph: direct.graph, wrt: try #require(direct.variable(named: "x")).id, of: direct.output.id)
        let after = Explanation(
            graph: named.graph, wrt: try #require(named.variable(named: "x")).id, of: named.output.id)
        #expect(before.pathCount == after.pathCount)
        #expect(before.gradient == after.gradient)
        let lengths = { (e: Explanation) in e.paths.map(\.nodes.count).sorted() }
        #expect(lengths(after) == lengths(before).map { $0 + 1 })
        #expect(after.paths.allSatisfy { e in e.nodes.map { after.view.name(of: $0) }.starts(with: ["x", "a0"]) })
    }
}
