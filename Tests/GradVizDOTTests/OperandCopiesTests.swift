import Foundation
import GradVizExplain
import GradVizRender
import GradVizScript
import Testing

@testable import GradVizDOT

/// A heavily shared operand (`z − z − … − z`) is drawn from a dashed copy beside each use far
/// from it, so Graphviz lays out no long edges (232 s for 100 terms before); every use stays an
/// edge, and figures below the budget keep their direct edges.
@Suite struct OperandCopiesTests {
    /// `z = 1`, `zchain = z − z − … − z` with `terms` terms.
    static func chain(_ terms: Int) -> String {
        "z = 1\nzchain = " + Array(repeating: "z", count: terms).joined(separator: " - ") + "\n"
    }

    /// `z = 1`, `s1 = z − z`, `s2 = s1 − z`, … one statement per line.
    static func statements(_ count: Int) -> String {
        "z = 1\ns1 = z - z\n" + (2...count).map { "s\($0) = s\($0 - 1) - z\n" }.joined()
    }

    static func dot(_ source: String, view: ViewKind) throws -> (zID: String, dot: DOTText) {
        let evaluation = try Script(source: source, file: "chain.grad").evaluate()
        var options = FigureOptions()
        options.view = view
        let figure = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: options)
        let z = try #require(evaluation.variable(named: "z")).id.description
        return (z, DOTText(figure.dot))
    }

    /// Tail and head of every edge statement.
    static func ends(_ dot: DOTText) -> [(tail: String, head: String)] {
        dot.edges.map { line in
            let parts = line.trimmingCharacters(in: .whitespaces).components(separatedBy: " -> ")
            let head = parts[1].prefix { $0 != " " }
            return (parts[0], String(head))
        }
    }

    /// Rank spans past one, summed over the drawn edges, with ranks by longest path from the
    /// sources and each source then placed just before its nearest use: what Graphviz turns
    /// into virtual nodes.
    static func extraRanks(_ edges: [(tail: String, head: String)]) -> Int {
        var rank: [String: Int] = [:]
        var changed = true
        while changed {
            changed = false
            for edge in edges where rank[edge.head, default: 0] < rank[edge.tail, default: 0] + 1 {
                rank[edge.head] = rank[edge.tail, default: 0] + 1
                changed = true
            }
        }
        let heads = Set(edges.map(\.head))
        for tail in Set(edges.map(\.tail)) where !heads.contains(tail) {
            rank[tail] = (edges.filter { $0.tail == tail }.map { rank[$0.head, default: 0] }.min() ?? 1) - 1
        }
        return edges.reduce(0) { $0 + max(0, rank[$1.head, default: 0] - rank[$1.tail, default: 0] - 1) }
    }

    static let copyClass = "class=\"copy\""

    @Test func aHundredTermChainDrawsEachFarUseOfZFromACopyBesideIt() throws {
        let (z, dot) = try Self.dot(Self.chain(100), view: .ops)
        let copies = dot.lines.filter { $0.contains(Self.copyClass) }
        // z − z is the first op; the 98 later uses are one rank or more away from z.
        #expect(copies.count == 98)
        #expect(copies.allSatisfy { $0.contains("label=<z>") && $0.contains("dashed") })
        let ends = Self.ends(dot)
        let copyIDs = Set(copies.map { String($0.trimmingCharacters(in: .whitespaces).prefix { $0 != " " }) })
        // Every use of z is an edge: from z itself or from one copy each.
        let uses = ends.filter { $0.tail == z || copyIDs.contains($0.tail) }
        #expect(uses.count == 100)
        #expect(Set(uses.filter { copyIDs.contains($0.tail) }.map(\.tail)) == copyIDs)
        #expect(Set(uses.map(\.head)).count == 99)
        // z itself says so.
        let label = DOTText.label(try #require(dot.node(z)))
        #expect(label.contains("used 100×, dashed copies at 98"))
        // No long edges are left for Graphviz (without copies: 4 851 ranks of long edges).
        #expect(Self.extraRanks(ends) <= OperandCopies.maxSpannedRanks)
    }

    @Test func theSizeCheckCountsTheCopiesAsNodes() throws {
        let evaluation = try Script(source: Self.chain(100), file: "chain.grad").evaluate()
        var options = FigureOptions()
        options.view = .ops
        let nodeStatements = DOTText(
            try Figure(graph: evaluation.graph, output: evaluation.output.id, options: options).dot
        ).lines.filter { $0.contains(/^  (n[0-9]+|"copy_e[0-9]+") \[/) }
        options.sizeCheck = { size in "nodes \(size.nodes)" }
        do {
            _ = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: options)
            Issue.record("the size check was not consulted")
        } catch {
            #expect(error.message.hasPrefix("nodes \(nodeStatements.count)"), "\(error.message)")
        }
        #expect(nodeStatements.count == 100 + 98)
    }

    @Test func aChainWithinTheBudgetKeepsEveryEdgeFromZItself() throws {
        let (z, dot) = try Self.dot(Self.chain(20), view: .ops)
        let ends = Self.ends(dot)
        #expect(Self.extraRanks(ends) > 0)
        #expect(Self.extraRanks(ends) <= OperandCopies.maxSpannedRanks)
        #expect(!dot.text.contains(Self.copyClass))
        #expect(ends.filter { $0.tail == z }.count == 20)
        #expect(!DOTText.label(try #require(dot.node(z))).contains("used"))
    }

    @Test func aVariableUsedByManyStatementsIsCopiedInTheVarsView() throws {
        let (z, dot) = try Self.dot(Self.statements(60), view: .vars)
        let ends = Self.ends(dot)
        let copyIDs = Set(
            dot.lines.filter { $0.contains(Self.copyClass) }
                .map { String($0.trimmingCharacters(in: .whitespaces).prefix { $0 != " " }) })
        #expect(!copyIDs.isEmpty)
        // s1 reads z twice (one edge per operand in the vars view or one merged: either way
        // every statement s1 … s60 has an edge from z or from a copy of it).
        let heads = Set(ends.filter { $0.tail == z || copyIDs.contains($0.tail) }.map(\.head))
        #expect(heads.count == 60)
        #expect(Self.extraRanks(ends) <= OperandCopies.maxSpannedRanks)
    }

    @Test func aModerateChainRendersWithItsCopiesAsNodesNamedZ() throws {
        let (_, dot) = try Self.dot(Self.chain(40), view: .ops)
        let result = try Renderer.render(dot: dot.text, format: .svg)
        #expect(RenderedSVG(result.data) != nil)
        // Graphviz writes a copy's group as `<g id="node41" class="node copy"><title>copy_e3</title>`
        // with the one text `z`.
        let groups = String(decoding: result.data, as: UTF8.self).components(separatedBy: "<g id=\"node").dropFirst()
        let copies = groups.filter { $0.contains("class=\"node copy\"") }
        #expect(copies.count == 38)
        #expect(copies.allSatisfy { $0.contains("<title>copy_e") && $0.contains(">z</text>") })
    }
}
