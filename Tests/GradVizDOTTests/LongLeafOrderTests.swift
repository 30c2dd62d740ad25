import Foundation
import GradVizDOT
import GradVizEngine
import GradVizRender
import GradVizScript
import Testing

/// The invisible chain that keeps twin leaves in file order is written in pieces Graphviz's
/// parser takes (issue 30, item 3): one statement `n0 -> n1 -> … -> n2499` was refused with
/// "memory exhausted in line … near 'n2498'", so a fan-in of 2 500 leaves could not be drawn.
@Suite struct LongLeafOrderTests {
    /// `a0 = 1` … and `L = a0 + a1 + …`: `count` leaves all feeding `L` in the vars view.
    static func fanIn(_ count: Int) -> String {
        (0..<count).map { "a\($0) = \($0 % 7 + 1)" }.joined(separator: "\n") + "\nL = "
            + (0..<count).map { "a\($0)" }.joined(separator: " + ") + "\n"
    }

    static func figure(_ count: Int) throws -> Figure {
        let evaluation = try Script(source: fanIn(count), file: "fan.grad").evaluate()
        return try Figure(graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions())
    }

    /// The node ids of each invisible leaf-order edge statement of the DOT, in order.
    static func chainStatements(_ dot: String) -> [[String]] {
        guard let start = dot.range(of: "{ rank=same; ") else { return [] }
        let rest = dot[start.upperBound...]
        guard let end = rest.range(of: " }") else { return [] }
        return rest[..<end.lowerBound].components(separatedBy: " [minlen=0, style=invis];").compactMap { piece in
            let ids = piece.trimmingCharacters(in: .whitespaces).components(separatedBy: " -> ")
            return ids == [""] ? nil : ids
        }
    }

    @Test func twentyThousandLeavesAreChainedInFileOrderByStatementsOfAtMostFiveHundredNodes() throws {
        let dot = try Self.figure(20_000).dot
        let statements = Self.chainStatements(dot)
        #expect(statements.count == 41)  // 19 999 links, 499 a statement
        #expect(statements.allSatisfy { $0.count <= 500 && $0.count >= 2 })
        // Each statement starts where the one before ended, so together they are one chain
        // through every leaf, in the order of the file (node ids follow it: a0 is n0).
        for (before, after) in zip(statements, statements.dropFirst()) { #expect(before.last == after.first) }
        let chain = statements.enumerated().flatMap { $0.offset == 0 ? $0.element : Array($0.element.dropFirst()) }
        #expect(chain == (0..<20_000).map { "n\($0)" })
        #expect(dot.components(separatedBy: "rank=same").count - 1 == 1)
    }

    @Test func aFanInOfThreeThousandLeavesIsLaidOutInFileOrder() throws {
        let figure = try Self.figure(3_000)
        #expect(Self.chainStatements(figure.dot).count == 7)
        let svg = String(decoding: try Renderer.render(dot: figure.dot, format: .svg).data, as: UTF8.self)
        let centres = LeafOrderTests.centres(svg)
        // Left to right, leaves one above another: a0 at the top, a2999 at the bottom.
        let ys = (0..<3_000).compactMap { centres["n\($0)"]?.y }
        #expect(ys.count == 3_000)
        #expect(zip(ys, ys.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func aChainOfFiveHundredOrFewerLeavesIsOneStatementAsBefore() throws {
        let statements = Self.chainStatements(try Self.figure(500).dot)
        #expect(statements.count == 1)
        #expect(statements.first == (0..<500).map { "n\($0)" })
    }
}
