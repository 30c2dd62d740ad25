import Foundation
import GradVizDOT
import GradVizEngine
import GradVizExplain
import GradVizFrames
import GradVizHTML
import GradVizScript
import Testing

/// Data leaves (`constant x y`) are drawn as data without a gradient; a variable that does not
/// reach the output is drawn muted with a note; an identity line is a node of its own.
@Suite struct DataAndReachTests {
    static let source = """
        constant x y
        x = 2
        y = 1
        w = 3
        a0 = x
        z = w * 4
        L = (w * a0 - y)^2
        """

    static func figure(_ options: FigureOptions = FigureOptions(), source: String = source) throws -> (
        Evaluation, Figure, DOTText
    ) {
        let evaluation = try Script(source: source, file: "d.grad").evaluate()
        let figure = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: options)
        return (evaluation, figure, DOTText(figure.dot))
    }

    static func node(_ name: String, _ evaluation: Evaluation, _ dot: DOTText) throws -> String {
        let variable = try #require(evaluation.variable(named: name))
        return try #require(dot.node(variable.id.description))
    }

    @Test func dataLeavesHaveNoGradientRowAndAreDrawnAsData() throws {
        let (evaluation, _, dot) = try Self.figure()
        for name in ["x", "y"] {
            let node = try Self.node(name, evaluation, dot)
            let text = DOTText.label(node)
            #expect(!text.contains("∂L/∂"), "\(name): \(text)")
            #expect(text.contains("data, no gradient"))
            #expect(node.contains("shape=\"note\""))
        }
        // w is a parameter: its gradient is shown, ∂L/∂w = 2(w·x − y)·x = 20.
        let w = try Self.node("w", evaluation, dot)
        #expect(DOTText.label(w).hasSuffix("∂L/∂w20"))
        #expect(!w.contains("shape=\"note\""))
    }

    @Test func aVariableThatDoesNotReachTheOutputIsMutedWithANote() throws {
        let (evaluation, figure, dot) = try Self.figure()
        let z = try Self.node("z", evaluation, dot)
        #expect(z.contains("dashed"))
        #expect(DOTText.label(z).contains("does not reach L"))
        #expect(figure.notes.contains { $0.hasPrefix("z does not reach the output L") })
        let w = try Self.node("w", evaluation, dot)
        #expect(!w.contains("dashed") && !DOTText.label(w).contains("does not reach"))
        // The edge into z is dashed and dimmed as well.
        let wID = try #require(evaluation.variable(named: "w")).id.description
        let zID = try #require(evaluation.variable(named: "z")).id.description
        #expect(dot.edges(from: wID, to: zID).allSatisfy { $0.contains("style=\"dashed\"") })
    }

    @Test func dataLeafEdgesCarryNoLocalDerivative() throws {
        let (evaluation, _, dot) = try Self.figure()
        func id(_ name: String) throws -> String { try #require(evaluation.variable(named: name)).id.description }
        // x → a0 and y → L leave data: nothing flows back along them, so no label.
        for (from, to) in [("x", "a0"), ("y", "L")] {
            let edges = dot.edges(from: try id(from), to: try id(to))
            #expect(!edges.isEmpty)
            #expect(edges.allSatisfy { !$0.contains("label=") }, "\(from) → \(to): \(edges)")
        }
        // A parameter's edge keeps its derivative: ∂L/∂w = 2(w·a0 − y)·a0 = 20.
        let w = try #require(dot.edges(from: try id("w"), to: try id("L")).first)
        #expect(DOTText.label(w).hasSuffix("= 20"))

        // The page: no gradient, no paths and no derivative for data.
        let page = try InteractiveFigure(
            graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions())
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(page.data.text.utf8)) as? [String: Any])
        let nodes = try #require(json["nodes"] as? [String: [Any]])
        let selections = try #require(json["selections"] as? [String: [Any]])
        let edges = try #require(json["edges"] as? [String: [Any]])
        let names = try #require(nodes["name"] as? [String])
        let x = try #require(names.firstIndex(of: "x"))
        let wIndex = try #require(names.firstIndex(of: "w"))
        #expect(nodes["gradient"]?[x] is NSNull)
        #expect(selections["pathCount"]?[x] as? String == "0")
        #expect((selections["paths"]?[x] as? [Any])?.isEmpty == true)
        #expect(selections["gradient"]?[x] is NSNull)
        #expect(selections["pathCount"]?[wIndex] as? String == "1")
        let froms = try #require(edges["from"] as? [Int])
        for (index, from) in froms.enumerated() {
            let isData = names[from] == "x" || names[from] == "y"
            if isData { #expect(edges["symbolHTML"]?[index] is NSNull, "edge \(index)") }
            #expect((edges["factor"]?[index] as? String == "data, no gradient") == isData, "edge \(index)")
        }
    }

    @Test func anIdentityLineIsItsOwnNodeWithEdgeOne() throws {
        // x is a parameter here: an edge from data would have no label.
        let (evaluation, _, dot) = try Self.figure(
            source: Self.source.replacingOccurrences(of: "constant x y", with: "constant y"))
        let a0 = try Self.node("a0", evaluation, dot)
        #expect(DOTText.label(a0).contains("= x"))
        let x = try #require(evaluation.variable(named: "x")).id.description
        let a0ID = try #require(evaluation.variable(named: "a0")).id.description
        let edge = try #require(dot.edges(from: x, to: a0ID).first)
        #expect(DOTText.label(edge).hasSuffix("= 1"))
    }

    @Test func highlightingTheDataLeafIsAClearError() throws {
        #expect(
            throws: FigureError(
                .dataVariable, "'y' is data (marked 'constant'): it has no gradient and no paths to highlight")
        ) {
            _ = try Self.figure(FigureOptions(wrt: "y"))
        }
        do {
            _ = try Self.figure(FigureOptions(wrt: "ww"))
            Issue.record("expected an error")
        } catch {
            // The one --wrt message.
            #expect((error as? FigureError)?.message == "unknown variable 'ww' for --wrt; did you mean 'w'?")
        }
    }

    /// A variable assigned after the output (`output L` above it) was listed by `eval` but left
    /// out of figures without a note; it is drawn as the same line before the output is:
    /// muted, with the note, in figures, expanded figures and slide builds.
    @Test func aVariableAfterTheOutputIsDrawnAsOneBeforeItIs() throws {
        let before = "x = 2\nw = 3\nz = x + 1\nL = w * x\noutput L\n"
        let after = "x = 2\nw = 3\nL = w * x\nz = x + 1\noutput L\n"
        for source in [before, after] {
            for expand in [false, true] {
                var evaluation = try Script(source: source, file: "a.grad").evaluate()
                if expand { evaluation = try evaluation.expanded() }
                let figure = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions())
                let dot = DOTText(figure.dot)
                let z = try Self.node("z", evaluation, dot)
                #expect(z.contains("dashed") && DOTText.label(z).contains("does not reach L"), "\(source)")
                #expect(figure.notes.contains { $0.hasPrefix("z does not reach the output L") }, "\(figure.notes)")
                let xID = try #require(evaluation.variable(named: "x")).id.description
                let zID = try #require(evaluation.variable(named: "z")).id.description
                #expect(dot.edges(from: xID, to: zID).count == 1)
                // Paths and the check are those of L alone either way.
                let x = try #require(evaluation.variable(named: "x")).id
                #expect(Explanation(graph: evaluation.graph, wrt: x, of: evaluation.output.id).pathCount == 1)
            }
            let evaluation = try Script(source: source, file: "a.grad").evaluate()
            let outline = try FrameSequence.outline(
                graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions())
            #expect(outline.contains { $0.caption.contains("z") }, "\(outline.map(\.caption))")
        }
    }

    /// A slide build passes nothing back into data: no backward caption gives x or y a
    /// gradient, and a0 = x, whose only input is data, takes no backward step of its own.
    @Test func framesPassNothingBackIntoData() throws {
        let (evaluation, _, _) = try Self.figure()
        let outline = try FrameSequence.outline(
            graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions())
        let backward = outline.filter { $0.step == "backward" }.map(\.caption)
        #expect(backward.allSatisfy { !$0.contains("∂L/∂x") && !$0.contains("∂L/∂y") }, "\(backward)")
        // ∂L/∂L = 1; L's step, into w and a0 (∂L/∂a0 = 2(w·a0 − y)·w = 30), not into y; the
        // step of z = w·4, which does not reach L; and none for a0.
        #expect(backward.count == 3, "\(backward)")
        #expect(backward.contains { $0.hasSuffix("; ∂L/∂a₀ = 2(w·a₀ − y)·w = 30") }, "\(backward)")
    }
    /// Data that no edge leads from to the output (unused, or an expanded cross_entropy's class
    /// index, which the expansion reads by value) has no gradient to be 0: its note and label say
    /// only that it has no edge to the output.
    @Test func dataWithNoEdgeToTheOutputIsNotSaidToHaveGradientZero() throws {
        let unused = Self.source.replacingOccurrences(of: "constant x y", with: "constant x y t\nt = 7")
        let (evaluation, figure, dot) = try Self.figure(source: unused)
        let t = try Self.node("t", evaluation, dot)
        #expect(t.contains("dashed"))
        #expect(DOTText.label(t).contains("no edge to L") && !DOTText.label(t).contains("does not reach"))
        #expect(figure.notes.contains("t (data) has no edge to the output L: drawn muted"), "\(figure.notes)")
        #expect(figure.notes.contains { $0.hasPrefix("z does not reach the output L") && $0.hasSuffix("gradient 0") })
        #expect(!figure.notes.contains { $0.hasPrefix("t") && $0.contains("gradient 0") }, "\(figure.notes)")

        let classifier = try Script(
            source: "x = [2, 1]\ny = 1\nconstant x y\nW = [[0.25, 0.5], [-0.25, -0.5]]\nL = cross_entropy(W @ x, y)",
            file: "c.grad"
        )
        .evaluate().expanded()
        let expanded = try Figure(graph: classifier.graph, output: classifier.output.id, options: FigureOptions())
        #expect(expanded.notes.contains("y (data) has no edge to the output L: drawn muted"), "\(expanded.notes)")
    }
}
