import Foundation
import GradVizDOT
import GradVizEngine
import GradVizExplain
import GradVizScript
import Testing

/// What a figure shows, checked against values derived by hand from the lecture, not against
/// the code's own output.
@Suite struct FigureContentTests {
    /// The node statement of a script variable.
    static func node(_ name: String, in evaluation: Evaluation, _ dot: DOTText) throws -> String {
        let variable = try #require(evaluation.variable(named: name))
        return try #require(dot.node(variable.id.description))
    }

    @Test func regressionNodesShowTheLectureNumbers() throws {
        // x=3, w1=5, b1=2, w2=2, b2=3, y=40: h = w1·x + b1 = 17, ŷ = w2·h + b2 = 37,
        // L = (ŷ − y)² = 9, ∂L/∂ŷ = 2(ŷ − y) = −6, ∂L/∂w2 = −6·17 = −102, ∂L/∂w1 = −6·w2·x = −36,
        // ∂L/∂b1 = −6·w2 = −12, ∂L/∂b2 = −6, ∂L/∂x = −6·w2·w1 = −60, ∂L/∂y = 6.
        let evaluation = try LectureExamples.evaluate(LectureExamples.regression)
        let figure = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions())
        let dot = DOTText(figure.dot)
        let expected: [(String, String, String)] = [
            ("x", "3", "−60"), ("w1", "5", "−36"), ("b1", "2", "−12"), ("w2", "2", "−102"),
            ("b2", "3", "−6"), ("y", "40", "6"), ("yhat", "37", "−6"), ("L", "9", "1"),
        ]
        for (name, value, gradient) in expected {
            // Cell by cell: the name (and formula), the value's caption and value, the gradient's
            // caption and gradient, each number whole ("6" is not the end of "−6").
            let cells = DOTText.cells(try Self.node(name, in: evaluation, dot))
            let caption = try #require(cells.firstIndex(of: "value"), "\(name): \(cells)")
            #expect(Array(cells[(caption + 1)...]).count == 3, "\(name): \(cells)")
            #expect(cells.dropFirst(caption + 1).first == value, "\(name): \(cells)")
            #expect(cells.dropFirst(caption + 2).first?.hasPrefix("∂L/∂") == true, "\(name): \(cells)")
            #expect(cells.last == gradient, "\(name): \(cells)")
        }
        // Edge factors of the vars view: ∂ŷ/∂w2 = h = 17, ∂ŷ/∂w1 = w2·x = 6, ∂ŷ/∂x = w2·w1 = 10,
        // ∂ŷ/∂b1 = w2 = 2, ∂ŷ/∂b2 = 1, ∂L/∂ŷ = −6, ∂L/∂y = 6.
        let yhat = try #require(evaluation.variable(named: "yhat")).id.description
        let loss = evaluation.output.id.description
        let factors: [(String, String, String)] = [
            ("w2", yhat, "17"), ("w1", yhat, "6"), ("x", yhat, "10"), ("b1", yhat, "2"), ("b2", yhat, "1"),
            ("yhat", loss, "−6"), ("y", loss, "6"),
        ]
        for (parent, child, factor) in factors {
            let from = try #require(evaluation.variable(named: parent)).id.description
            let edges = dot.edges(from: from, to: child)
            #expect(edges.count == 1)
            #expect(edges.map(DOTText.label).first?.hasSuffix("= " + factor) == true, "\(edges)")
        }
        // The output is the only doubly outlined node.
        #expect(dot.lines.filter { $0.contains("peripheries=\"2\"") }.count == 1)
        #expect(try Self.node("L", in: evaluation, dot).contains("peripheries=\"2\""))
    }

    @Test func squareHasTwoEdgesInTheOpsViewAndOneFactorTwoXInTheVarsView() throws {
        // y = x·x at x = 3: each operand edge of the product carries ∂(x·x)/∂operand = x = 3;
        // the vars view folds both uses into one edge with dy/dx = 2x = 6.
        let evaluation = try LectureExamples.evaluate(LectureExamples.square)
        let x = try #require(evaluation.variable(named: "x")).id.description
        let y = evaluation.output.id.description
        let ops = DOTText(
            try Figure(graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions(view: .ops)).dot)
        let vars = DOTText(
            try Figure(graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions(view: .vars)).dot)
        let opsEdges = ops.edges(from: x, to: y)
        #expect(opsEdges.count == 2)
        #expect(opsEdges.allSatisfy { DOTText.label($0) == "3" })
        #expect(ops.edges.count == 2)
        let varsEdges = vars.edges(from: x, to: y)
        #expect(varsEdges.count == 1)
        #expect(vars.edges.count == 1)
        #expect(DOTText.label(varsEdges[0]) == "∂y/∂x = 6")
    }

    @Test func forwardOnlyFiguresShowNoGradientsAndNoEdgeLabels() throws {
        let options = FigureOptions(showGradients: false, showEdgeLabels: false)
        let dot = DOTText(try LectureExamples.figure(LectureExamples.regression, options).dot)
        #expect(!dot.text.contains("∂L/∂"))
        #expect(!dot.text.contains("−102"))
        #expect(dot.edges.count == 7)
        #expect(dot.edges.allSatisfy { !$0.contains("label=") })
    }

    @Test func fontAndSizeOptionsReachTheGraphNodesAndEdges() throws {
        let options = FigureOptions(
            fontName: "Fira Sans", fontSize: 20, size: "7.5,4!", dpi: 200, transparent: true, graphName: "slide3")
        let dot = DOTText(try LectureExamples.figure(LectureExamples.add, options).dot)
        #expect(dot.text.hasPrefix("digraph \"slide3\" {\n"))
        #expect(dot.lines.contains("  fontname=\"Fira Sans\";"))
        #expect(dot.lines.contains { $0.hasPrefix("  node [") && $0.contains("fontname=\"Fira Sans\"") })
        #expect(dot.lines.contains { $0.hasPrefix("  edge [") && $0.contains("fontname=\"Fira Sans\"") })
        #expect(dot.lines.contains("  size=\"7.5,4!\";"))
        #expect(dot.lines.contains("  dpi=\"200\";"))
        #expect(dot.lines.contains("  bgcolor=\"transparent\";"))
        #expect(dot.lines.contains { $0.hasPrefix("  node [") && $0.contains("fontsize=\"20\"") })
    }

    @Test func defaultsCapTheDrawingAtSlideSize() throws {
        let dot = DOTText(try LectureExamples.figure(LectureExamples.add).dot)
        #expect(dot.lines.contains("  size=\"\(FigureOptions.defaultSize)\";"))
        let size = FigureOptions.defaultSize.split(separator: ",").compactMap { Double($0) }
        #expect(size.count == 2 && size[0] * FigureOptions.defaultDPI <= 1600)
        // Top to bottom, the default is a portrait page, so tall figures are not squeezed.
        let tall = DOTText(try LectureExamples.figure(LectureExamples.add, FigureOptions(rankdir: .TB)).dot)
        #expect(tall.lines.contains("  size=\"7.5,10\";"))
        #expect(FigureOptions.defaultSize(for: .TB) == "7.5,10" && FigureOptions.defaultSize(for: .LR) == "10,7")
        let natural = DOTText(try LectureExamples.figure(LectureExamples.add, FigureOptions(size: "none")).dot)
        #expect(!natural.lines.contains { $0.hasPrefix("  size=") })
    }

    @Test func leavesComputedVariablesAndTheOutputDifferInShape() throws {
        let evaluation = try LectureExamples.evaluate(LectureExamples.reluNeuron)
        for theme in Theme.allCases {
            let options = FigureOptions(theme: theme)
            let dot = DOTText(try Figure(graph: evaluation.graph, output: evaluation.output.id, options: options).dot)
            let leaf = try Self.node("w", in: evaluation, dot)
            let computed = try Self.node("v", in: evaluation, dot)
            let output = try Self.node("a", in: evaluation, dot)
            // Leaves: square corners; computed: rounded; output: rounded and doubly outlined.
            #expect(!leaf.contains("rounded") && computed.contains("rounded") && output.contains("rounded"))
            #expect(!computed.contains("peripheries") && output.contains("peripheries=\"2\""))
        }
    }

    @Test func kinkIsFlaggedOnTheNodeEvaluatedAtZero() throws {
        let evaluation = try LectureExamples.evaluate(LectureExamples.reluAtZero)
        let dot = DOTText(
            try Figure(graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions()).dot)
        #expect(DOTText.label(try Self.node("a", in: evaluation, dot)).contains("relu at 0"))
        #expect(!DOTText.label(try Self.node("v", in: evaluation, dot)).contains("relu at 0"))
        let healthy = DOTText(try LectureExamples.figure(LectureExamples.reluNeuron).dot)
        #expect(!healthy.text.contains("relu at 0"))
    }

    @Test func smallTensorsShowTheirEntriesAndLargeOnesTheirNorm() throws {
        let g = Graph()
        let small = g.leaf(try Tensor([[1, -2], [3, 4]]), name: "S")
        let large = g.leaf(Tensor(repeating: 0.5, shape: .matrix(5, 5)), name: "B")
        let loss = try (small.sum() + large.sum()).named("L")
        let dot = DOTText(try Figure(graph: g, output: loss.id, options: FigureOptions()).dot)
        let smallNode = DOTText.label(try #require(dot.node(small.id.description)))
        #expect(smallNode.contains("value [2, 2]") && smallNode.contains("1−234"))
        let largeNode = DOTText.label(try #require(dot.node(large.id.description)))
        // ‖B‖ = √(25 · 0.25) = 2.5; ∂L/∂B is all ones, ‖·‖ = 5.
        #expect(largeNode.contains("value [5, 5]") && largeNode.contains("‖·‖ = 2.5") && largeNode.contains("‖·‖ = 5"))
        // Edges into a scalar carry the gradient-shaped factor: the 2×2 of ones drawn as a
        // node draws it, or its shape.
        #expect(dot.edges.contains { DOTText.cells($0).suffix(4) == ["1", "1", "1", "1"] })
        #expect(dot.edges.map(DOTText.label).contains { $0.contains("[5, 5]") })
    }

    @Test func tensorEdgesShowTheJacobianShape() throws {
        let dot = DOTText(try LectureExamples.figure(LectureExamples.tensorModules).dot)
        let labels = dot.edges.map(DOTText.label)
        // h = σ(W⁽¹⁾ @ x): h is [3], W⁽¹⁾ is [3, 2], x is [2]. Two lines, the symbol over the
        // shape, so the label does not widen the gap between the ranks.
        #expect(labels.contains("∂h/∂W(1)[3]×[3, 2]"))
        #expect(labels.contains("∂h/∂x[3]×[2]"))
        #expect(dot.text.contains("∂h/∂W<SUP>(1)</SUP><BR/>[3]×[3, 2]"))
    }
}

extension FigureContentTests {
    @Test func kinkIsReportedInTheNotes() throws {
        let figure = try LectureExamples.figure(LectureExamples.reluAtZero)
        #expect(figure.notes.contains { $0.contains("kink") && $0.contains("a") })
        #expect(try LectureExamples.figure(LectureExamples.reluNeuron).notes.isEmpty)
    }
}

extension FigureContentTests {
    @Test func aBroadcastOperandsEdgeSaysItIsBroadcast() throws {
        // Z = X @ W + b: b [3] is added to each of X's 4 rows; W [2, 3] is not broadcast.
        let evaluation = try Script(
            source:
                "X = [[1, 2], [3, 4], [5, 6], [7, 8]]\nW = [[1, 0, 1], [0, 1, 1]]\nb = [1, 2, 3]\nZ = X @ W + b\nL = sum(Z)\n",
            file: "batch.grad"
        ).evaluate()
        for view in ViewKind.allCases {
            var options = FigureOptions()
            options.view = view
            let figure = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: options)
            let labels = DOTText(figure.dot).edges.map(DOTText.label)
            #expect(labels.filter { $0.contains("broadcast [3] → [4, 3]") }.count == 1, "\(view): \(labels)")
            #expect(!labels.contains { $0.contains("broadcast [2, 3]") }, "\(view)")
        }
    }
}
