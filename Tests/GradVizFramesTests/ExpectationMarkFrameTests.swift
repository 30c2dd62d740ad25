import Foundation
import GradVizDOT
import GradVizEngine
import GradVizExplain
import GradVizFrames
import GradVizScript
import Testing

/// A slide build of a graded script: each mark appears once its frame shows the number it is
/// about (a value in the forward frames, a gradient once it is final), on a layout that never
/// moves.
@Suite struct ExpectationMarkFrameTests {
    /// A student's regression: right and wrong values and gradients, and a gradient of ŷ.
    static let student = """
        x = 3
        w1 = 5
        b1 = 2
        w2 = 2
        b2 = 3
        y = 40
        yhat = w2 * (w1 * x + b1) + b2
        L = (yhat - y)^2
        expect yhat = 36
        expect L = 9
        expect dL/dw1 = -18
        expect dL/dw2 = -102
        expect dyhat/db1 = 2

        """

    /// The script's `expect` lines as `gradviz check` reads them.
    static func expectations(_ evaluation: Evaluation) -> [GradVizExplain.Expectation] {
        evaluation.expectations.map { written in
            let id = { (name: String) in evaluation.variable(named: name)?.id ?? NodeID(-1) }
            let quantity: GradVizExplain.Expectation.Quantity =
                switch written.quantity {
                case .value(let name): .value(id(name))
                case .gradient(let of, let wrt): .gradient(of: id(of), wrt: id(wrt))
                }
            return GradVizExplain.Expectation(
                quantity: quantity, expected: written.expected, tolerance: written.tolerance, line: written.line,
                source: written.source)
        }
    }

    /// The student's script, and every sample (each has its hand-derived numbers as expect lines).
    static let cases = ["student"] + Samples.names

    @Test(arguments: cases)
    func marksAppearWithTheirNumbersOnOneUnmovingLayout(name: String) throws {
        let evaluation =
            name == "student"
            ? try Script(source: Self.student, file: "student.grad").evaluate() : try Samples.evaluate(name)
        let expectations = Self.expectations(evaluation)
        #expect(!expectations.isEmpty)
        var options = FigureOptions()
        options.expectations = expectations
        let sequence = try FrameSequence(
            graph: evaluation.graph, output: evaluation.output.id, options: options,
            measure: FrameSequence.graphvizMeasure
        )
        let svgs = try sequence.frames.map { try Samples.svg($0.dot) }
        let reference = try #require(svgs.last)
        // How many marks each node has about its value and about a gradient.
        var valueMarks: [String: Int] = [:]
        var gradientMarks: [String: Int] = [:]
        for expectation in expectations {
            switch expectation.quantity {
            case .value(let node): valueMarks[node.description, default: 0] += 1
            case .gradient(_, let wrt): gradientMarks[wrt.description, default: 0] += 1
            }
        }
        func marks(_ object: FrameSVG.Object?) -> Int {
            (object?.texts ?? []).filter { $0.content.contains("expected") }.count
        }
        for node in Set(valueMarks.keys).union(gradientMarks.keys) {
            #expect(marks(reference.objects[node]) == valueMarks[node, default: 0] + gradientMarks[node, default: 0])
        }
        for (frame, svg) in zip(sequence.frames, svgs) {
            #expect(svg.viewBox == reference.viewBox, "frame \(frame.index)")
            for (key, object) in reference.objects {
                #expect(svg.objects[key]?.outline == object.outline, "frame \(frame.index) \(frame.step): \(key) moved")
            }
            for node in Set(valueMarks.keys).union(gradientMarks.keys) {
                let object = svg.objects[node]
                let texts = (object?.texts ?? []).map(\.content)
                // A value has appeared when the node shows more than in the structure frame.
                let valueShown = texts.count > (svgs[0].objects[node]?.texts.count ?? 0)
                let gradientFinal =
                    texts.contains { $0.hasPrefix("∂") } && !texts.contains { $0.contains("+ …") }
                    && !["structure", "forward"].contains(frame.step)
                let shown = marks(object)
                switch frame.step {
                case "structure":
                    #expect(shown == 0, "frame \(frame.index): \(node) \(texts)")
                case "forward":
                    #expect(shown == (valueShown ? valueMarks[node, default: 0] : 0), "frame \(frame.index): \(node)")
                default:
                    let expected = valueMarks[node, default: 0] + (gradientFinal ? gradientMarks[node, default: 0] : 0)
                    #expect(shown == expected, "frame \(frame.index) \(frame.step): \(node) \(texts)")
                }
            }
        }
    }

    /// `render --forward-only --mark-expectations` lies exactly over the marked figure, its value
    /// marks shown and its gradient marks blank.
    @Test func theMarkedForwardFigureHasTheMarkedFiguresLayout() throws {
        let evaluation = try Script(source: Self.student, file: "student.grad").evaluate()
        var options = FigureOptions()
        options.expectations = Self.expectations(evaluation)
        let output = evaluation.output.id
        let full = try Samples.svg(try Figure(graph: evaluation.graph, output: output, options: options).dot)
        let forward = try Samples.svg(
            try FrameSequence.forwardFigure(graph: evaluation.graph, output: output, options: options))
        #expect(forward.viewBox == full.viewBox)
        for (key, object) in full.objects {
            #expect(forward.objects[key]?.outline == object.outline, "\(key)")
        }
        let marks = { (svg: FrameSVG) in
            svg.objects.values.flatMap(\.texts).filter { $0.content.contains("expected") }.count
        }
        #expect(marks(full) == 5 && marks(forward) == 2)
    }

    @Test func aTrainingBuildMarksNoExpectations() throws {
        let evaluation = try Script(source: Self.student, file: "student.grad").evaluate()
        var options = FigureOptions()
        options.expectations = Self.expectations(evaluation)
        #expect(throws: FigureError.self) {
            try FrameSequence(
                training: evaluation.graph, output: evaluation.output.id, options: options,
                parameters: FrameSequence.defaultParameters(of: evaluation.graph), learningRate: 0.01, steps: 2,
                measure: FrameSequence.graphvizMeasure)
        }
    }
}
