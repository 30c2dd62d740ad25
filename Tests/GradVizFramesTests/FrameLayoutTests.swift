import Foundation
import GradVizDOT
import GradVizEngine
import GradVizExplain
import GradVizFrames
import GradVizNotation
import GradVizRender
import GradVizScript
import Testing

/// A slide that switches frames must not move a pixel: every frame of a build has the full
/// figure's layout, and shows only what the step has reached.
@Suite struct FrameLayoutTests {
    /// Every sample with its default figure, and the two lecture examples with paths lit.
    static let cases: [String] = Samples.names + ["weight_sharing.grad --wrt w1", "regression.grad --wrt w2"]

    /// `frames --wrt NAME` of every sample for each variable with several paths to the output
    /// (their shared edges are drawn in several colours once lit), else its first variable with
    /// a gradient: the builds where frames light paths.
    static let wrtCases: [String] = Samples.names.flatMap { name -> [String] in
        guard let evaluation = try? Samples.evaluate(name) else { return ["\(name) (does not evaluate)"] }
        let graph = evaluation.graph
        let view = FlowView(graph: graph, output: evaluation.output.id, kind: FigureOptions().view)
        let leaves = evaluation.variables.filter { graph.op(of: $0.id) == .leaf && !graph.isData($0.id) }
        let shared = leaves.filter {
            Explanation(view: view, wrt: $0.id, maxPaths: 1, finiteDifferences: false).pathCount > 1
        }
        return (shared.isEmpty ? Array(leaves.prefix(1)) : shared).map { name + " --wrt " + $0.name }
    }

    static func build(_ testCase: String, captions: Bool = true) throws -> (Evaluation, FrameSequence, [FrameSVG]) {
        let parts = testCase.components(separatedBy: " --wrt ")
        var options = FigureOptions()
        options.wrt = parts.count > 1 ? parts[1] : nil
        let (evaluation, sequence) = try Samples.frames(parts[0], options: options, captions: captions)
        let svgs = try sequence.frames.map { try Samples.svg($0.dot) }
        return (evaluation, sequence, svgs)
    }

    @Test(arguments: Array(Set(cases + wrtCases)).sorted())
    func everyFrameHasOneCanvasAndTheSameNodeAndEdgeGeometry(testCase: String) throws {
        let (_, sequence, svgs) = try Self.build(testCase)
        let reference = try #require(svgs.last)
        #expect(sequence.frames.count >= 4)
        for (frame, svg) in zip(sequence.frames, svgs) {
            #expect(svg.viewBox == reference.viewBox, "frame \(frame.index) \(frame.step)")
            for (key, object) in reference.objects where !key.contains("#") {
                let drawn = try #require(svg.objects[key], "frame \(frame.index): \(key) is missing")
                #expect(drawn.outline == object.outline, "frame \(frame.index) \(frame.step): \(key) moved")
                #expect(!drawn.outline.isEmpty)
                // Whatever text the frame shows that the full figure shows too sits in the same place.
                for text in drawn.texts {
                    let same = object.texts.filter { $0.content == text.content }.map { [$0.x, $0.y] }
                    if !same.isEmpty {
                        #expect(
                            same.contains([text.x, text.y]), "frame \(frame.index): \(key) '\(text.content)' moved")
                    }
                }
            }
            // Nothing more is drawn than in the full figure: an edge that lit paths share is one
            // edge, drawn with a line per path in every frame.
            for (key, object) in svg.objects {
                #expect(reference.objects[key]?.outline == object.outline, "frame \(frame.index): \(key)")
            }
            #expect(svg.objects.count == reference.objects.count, "frame \(frame.index)")
            #expect(!svg.objects.keys.contains { $0.contains("#") }, "frame \(frame.index): a parallel edge")
        }
    }

    @Test(arguments: cases)
    func structureAndForwardFramesShowNoGradientAndNoDerivative(testCase: String) throws {
        let (evaluation, sequence, svgs) = try Self.build(testCase)
        let forward = zip(sequence.frames, svgs).filter { ["structure", "forward"].contains($0.0.step) }
        #expect(forward.count >= 2)
        let gradientColor = "#c0392b"
        for (frame, svg) in forward {
            for text in svg.objectTexts + svg.labelTexts {
                #expect(!text.content.contains("∂"), "frame \(frame.index): \(text.content)")
                #expect(text.fill != gradientColor, "frame \(frame.index): \(text.content)")
            }
            for (key, object) in svg.objects where key.contains("->") {
                #expect(object.texts.isEmpty, "frame \(frame.index): edge \(key) is labelled")
            }
        }
        // The last forward frame shows every value; the structure frame none.
        let structure = try #require(forward.first?.1)
        let values = try #require(forward.last?.1)
        let numbers = NumberFormat(significantDigits: FigureOptions().precision)
        for variable in evaluation.variables where evaluation.graph.shape(of: variable.id).isScalar {
            let text = numbers.string(evaluation.graph.scalarValue(of: variable.id))
            let node = variable.id.description
            #expect(values.objects[node]?.texts.contains { $0.content == text } == true, "\(variable.name) = \(text)")
            // The structure frame shows the caption "value" and nothing after it.
            let texts = structure.objects[node]?.texts.map(\.content) ?? []
            let caption = try #require(texts.firstIndex(of: "value"), "\(variable.name): \(texts)")
            #expect(caption == texts.count - 1, "\(variable.name): \(texts)")
        }
    }

    /// `render --forward-only`: every value, on exactly the full figure's layout.
    @Test(arguments: cases)
    func theForwardFigureHasTheFullFiguresLayout(testCase: String) throws {
        let parts = testCase.components(separatedBy: " --wrt ")
        var options = FigureOptions()
        options.wrt = parts.count > 1 ? parts[1] : nil
        let evaluation = try Samples.evaluate(parts[0])
        let figure = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: options)
        let render = try Samples.svg(figure.dot)
        let forward = try Samples.svg(
            try FrameSequence.forwardFigure(graph: evaluation.graph, output: evaluation.output.id, options: options))
        #expect(forward.viewBox == render.viewBox)
        for (key, object) in render.objects where !key.contains("#") {
            #expect(forward.objects[key]?.outline == object.outline, "\(key)")
        }
        for text in forward.objectTexts + forward.labelTexts {
            #expect(!text.content.contains("∂"), "\(text.content)")
        }
    }

    @Test(arguments: cases)
    func theLastBackwardFrameShowsWhatRenderShows(testCase: String) throws {
        let (evaluation, sequence, svgs) = try Self.build(testCase, captions: false)
        var options = FigureOptions()
        let parts = testCase.components(separatedBy: " --wrt ")
        options.wrt = parts.count > 1 ? parts[1] : nil
        let figure = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: options)
        let render = try Samples.svg(figure.dot)
        let index = try #require(sequence.frames.lastIndex { $0.step == "backward" })
        let backward = svgs[index]
        for (key, object) in render.objects where !key.contains("#") {
            let drawn = try #require(backward.objects[key], "\(key)")
            #expect(drawn.texts.map(\.content) == object.texts.map(\.content), "\(key)")
        }
        // With paths lit, the final frame is the whole figure, legend included.
        if options.wrt != nil, let last = svgs.last {
            #expect(last.labelTexts.map(\.content) == render.labelTexts.map(\.content))
        }
    }

    /// Structure, one forward frame per layer (or node), the output's gradient, one backward
    /// frame per node with inputs, then each path and the sum.
    @Test(arguments: cases)
    func theNumberOfFramesFollowsFromTheGraph(testCase: String) throws {
        let parts = testCase.components(separatedBy: " --wrt ")
        var options = FigureOptions()
        options.wrt = parts.count > 1 ? parts[1] : nil
        for grouping in FrameSequence.Grouping.allCases {
            let (evaluation, sequence) = try Samples.frames(parts[0], options: options, by: grouping)
            let view = FlowView(graph: evaluation.graph, output: evaluation.output.id, kind: options.view)
            // Depth from the leaves, by repeated relaxation (independent of the build's order).
            var depth = Dictionary(uniqueKeysWithValues: view.nodes.map { ($0, 0) })
            var changed = true
            while changed {
                changed = false
                for edge in view.edges where depth[edge.to, default: 0] < depth[edge.from, default: 0] + 1 {
                    depth[edge.to] = depth[edge.from, default: 0] + 1
                    changed = true
                }
            }
            let layers = Set(depth.values).count
            // One backward step per node that passes its gradient on: nothing flows into data.
            let withInputs = Set(view.edges.filter { !evaluation.graph.isData($0.from) }.map(\.to))
                .filter { evaluation.graph.gradient(of: $0) != nil }.count
            var paths = 0
            if let wrt = options.wrt, let id = evaluation.graph.node(named: wrt) {
                let explanation = Explanation(view: view, wrt: id, maxPaths: options.maxPaths, finiteDifferences: false)
                paths = explanation.paths.count + 1
            }
            let forward = grouping == .layer ? layers : view.nodes.count
            #expect(sequence.frames.count == 1 + forward + 1 + withInputs + paths, "\(grouping)")
            #expect(sequence.frames.filter { $0.step == "forward" }.count == forward)
            #expect(sequence.frames.map(\.index) == Array(1...sequence.frames.count))
        }
    }
}
