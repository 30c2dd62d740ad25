import Foundation
import GradVizDOT
import GradVizEngine
import GradVizExplain
import GradVizRender
import Testing

/// Modules as clusters, large graphs, and option validation.
@Suite struct StructureTests {
    /// The lines of the `subgraph "cluster_…"` block that contains `marker`, and its depth.
    static func enclosingClusters(of marker: String, in dot: DOTText) -> [String] {
        var stack: [String] = []
        for line in dot.lines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("subgraph \"cluster_") {
                stack.append(trimmed)
            } else if trimmed == "}" {
                _ = stack.popLast()
            } else if trimmed.hasPrefix(marker + " [") {
                return stack
            }
        }
        return []
    }

    @Test func modulesDrawAsNestedLabelledClusters() throws {
        // Parameters are created outside the Sequential that later calls the layers, as in
        // PyTorch; they still land in their layer's cluster, nested in the model's.
        let g = Graph()
        var generator = SeededGenerator(seed: 7)
        let layer1 = Linear(in: g, inputs: 2, outputs: 3, name: "hidden", using: &generator)
        let layer2 = Linear(in: g, inputs: 3, outputs: 1, name: "out", using: &generator)
        let model = Sequential([layer1, ReLU(), layer2], name: "model")
        let x = g.leaf(try Tensor([0.5, -1]), name: "x")
        let target = g.leaf(try Tensor([1]), name: "y")
        let prediction = try model(x).named("yhat")
        let loss = try MSELoss()(prediction, target).named("L")
        let dot = DOTText(try Figure(graph: g, output: loss.id, options: FigureOptions(view: .ops)).dot)
        let weight = Self.enclosingClusters(of: layer1.weight.id.description, in: dot)
        #expect(weight.count == 2)
        let labels = dot.htmlLabels.map(DOTText.visibleText)
        #expect(labels.contains("model  Sequential"))
        #expect(labels.contains("hidden  Linear"))
        #expect(labels.contains("ReLU"))
        #expect(Self.enclosingClusters(of: x.id.description, in: dot).isEmpty)
        let relu = try #require(g.nodeIDs.first { g.op(of: $0) == .relu })
        #expect(Self.enclosingClusters(of: relu.description, in: dot).count == 2)
        // Every cluster is opened and closed once; ids are unique.
        let opened = dot.lines.filter { $0.contains("subgraph \"cluster_") }
        #expect(Set(opened.map { $0.trimmingCharacters(in: .whitespaces) }).count == opened.count)
        #expect(opened.count == 5)  // model, hidden, ReLU, out, MSELoss
    }

    @Test func scriptModulesDrawAsClusters() throws {
        let dot = DOTText(try LectureExamples.figure(LectureExamples.tensorModules).dot)
        let evaluation = try LectureExamples.evaluate(LectureExamples.tensorModules)
        let w = try #require(evaluation.variable(named: "W__1")).id.description
        let clusters = Self.enclosingClusters(of: w, in: dot)
        #expect(clusters.count == 1)
        let x = try #require(evaluation.variable(named: "x")).id.description
        #expect(Self.enclosingClusters(of: x, in: dot).isEmpty)
        #expect(dot.htmlLabels.map(DOTText.visibleText).contains("layer1"))
    }

    @Test func largeGraphsDropEdgeLabelsAndTheRendererCapsTheirLayoutEffort() throws {
        let g = Graph()
        var x = g.leaf(0.5, name: "x")
        for _ in 0..<1600 { x = try x * 1.001 + 0.001 }
        let loss = x.named("L")
        let figure = try Figure(graph: g, output: loss.id, options: FigureOptions(view: .ops))
        let dot = DOTText(figure.dot)
        #expect(!figure.notes.isEmpty)
        #expect(dot.edges.count == 3200)
        #expect(dot.edges.allSatisfy { !$0.contains("label=") })
        // Layout limits are the renderer's alone: the figure writes none, and the renderer caps
        // a graph this size with its defaults.
        #expect(!figure.dot.contains("nslimit") && !figure.dot.contains("searchsize"))
        #expect(try Renderer.render(dot: figure.dot, format: .svg).layoutCapped)
        let small = try LectureExamples.figure(LectureExamples.regression, FigureOptions(view: .ops))
        #expect(small.notes.isEmpty)
        #expect(try !Renderer.render(dot: small.dot, format: .svg).layoutCapped)
    }

    @Test func invalidOptionsAreFigureErrors() throws {
        let evaluation = try LectureExamples.evaluate(LectureExamples.add)
        let bad: [FigureOptions] = [
            FigureOptions(size: "ten,6"), FigureOptions(size: "10,6,2"), FigureOptions(size: "-1"),
            FigureOptions(dpi: 0), FigureOptions(dpi: .nan), FigureOptions(precision: 0),
            FigureOptions(fontName: ""), FigureOptions(fontSize: .infinity),
        ]
        for options in bad {
            #expect(throws: FigureError.self) {
                _ = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: options)
            }
        }
        for size in ["10", "10,6", "7.5,4!", "none"] {
            _ = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions(size: size))
        }
        #expect(throws: FigureError.self) {
            _ = try Figure(graph: evaluation.graph, output: NodeID(999), options: FigureOptions())
        }
    }

    @Test func runsTheBackwardPassOfTheOutputItDraws() throws {
        // The graph's gradients are those of `c`; a figure of `d` must show ∂d/∂node instead.
        let g = Graph()
        let a = g.leaf(2, name: "a")
        let c = try (a * 3).named("c")
        let d = try (a * a).named("d")
        c.backward()
        let dot = DOTText(try Figure(graph: g, output: d.id, options: FigureOptions()).dot)
        // ∂d/∂a = 2a = 4.
        #expect(DOTText.label(try #require(dot.node(a.id.description))).hasSuffix("∂d/∂a4"))
    }
}
