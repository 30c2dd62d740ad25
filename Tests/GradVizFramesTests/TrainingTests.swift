import Foundation
import GradVizDOT
import GradVizEngine
import GradVizFrames
import GradVizScript
import Testing

/// `frames --sgd`: the lecture's "SGD for linear models" on the regression example.
@Suite struct TrainingTests {
    /// The regression with every leaf or only the weights and biases trained.
    static func train(_ names: [String]?, steps: Int, rate: Double) throws -> (Graph, FrameSequence) {
        let evaluation = try Samples.evaluate("regression.grad")
        let graph = evaluation.graph
        let leaves = graph.namedNodes.filter { graph.op(of: $0) == .leaf }
        let parameters = try names.map { try $0.map { try #require(graph.node(named: $0)) } } ?? leaves
        let sequence = try FrameSequence(
            training: graph, output: evaluation.output.id, options: FigureOptions(), parameters: parameters,
            learningRate: rate, steps: steps, measure: FrameSequence.graphvizMeasure)
        return (graph, sequence)
    }

    @Test func theFirstStepMatchesTheHandCalculation() throws {
        // ŷ = w2·(w1·x + b1) + b2 = 37, L = (ŷ − y)² = 9; ∂L/∂w2 = 2(ŷ − y)·(w1·x + b1) = −102,
        // ∂L/∂w1 = 2(ŷ − y)·w2·x = −36, ∂L/∂b1 = −12, ∂L/∂b2 = −6.
        let (graph, sequence) = try Self.train(["w1", "b1", "w2", "b2"], steps: 1, rate: 0.001)
        let value = { (name: String) in graph.scalarValue(of: graph.node(named: name)!) }
        #expect(Swift.abs(value("w2") - 2.102) < 1e-12)
        #expect(Swift.abs(value("w1") - 5.036) < 1e-12)
        #expect(Swift.abs(value("b1") - 2.012) < 1e-12)
        #expect(Swift.abs(value("b2") - 3.006) < 1e-12)
        #expect(value("x") == 3 && value("y") == 40)
        let yhat = 2.102 * (5.036 * 3 + 2.012) + 3.006
        #expect(sequence.losses.count == 2)
        #expect(sequence.losses[0] == 9)
        #expect(Swift.abs(sequence.losses[1] - (yhat - 40) * (yhat - 40)) < 1e-9)
        #expect(sequence.frames.map(\.step) == ["start", "step1"])
        #expect(sequence.frames[1].caption.contains("w₂ ← 2 − 0.001 · (−102) = 2.102"), "\(sequence.frames[1].caption)")
    }

    @Test func theLossFallsOverTwentySteps() throws {
        // The weights and biases, the data fixed: the loss falls at every step, about tenfold.
        let (_, weights) = try Self.train(["w1", "b1", "w2", "b2"], steps: 20, rate: 0.001)
        #expect(weights.losses.count == 21)
        for (before, after) in zip(weights.losses, weights.losses.dropFirst()) {
            #expect(after < before)
        }
        #expect(weights.losses[20] < 1e-15)
        // Every leaf (the default until data can be marked): it never rises and reaches 0.
        let (_, leaves) = try Self.train(nil, steps: 20, rate: 0.001)
        for (before, after) in zip(leaves.losses, leaves.losses.dropFirst()) {
            #expect(after <= before)
        }
        #expect(leaves.losses[20] < 1e-20)
    }

    @Test func everyStepIsDrawnOnTheSameLayout() throws {
        let (_, sequence) = try Self.train(["w1", "w2"], steps: 5, rate: 0.001)
        let svgs = try sequence.frames.map { try Samples.svg($0.dot) }
        let reference = try #require(svgs.first)
        for svg in svgs {
            #expect(svg.viewBox == reference.viewBox)
            for (key, object) in reference.objects {
                #expect(svg.objects[key]?.outline == object.outline, "\(key)")
            }
        }
    }

    @Test func theLossCurveDrawsEveryStepFallingAndTheManifestListsTheLosses() throws {
        let (_, sequence) = try Self.train(["w1", "b1", "w2", "b2"], steps: 20, rate: 0.001)
        let files = try FrameFiles(sequence: sequence, name: "regression", source: "r.grad", formats: [.svg])
        let curve = try #require(files.files.first { $0.name == "regression.loss.svg" })
        let svg = String(decoding: curve.bytes, as: UTF8.self)
        let heights = svg.components(separatedBy: "<circle ").dropFirst().compactMap { element in
            element.components(separatedBy: "cy=\"").dropFirst().first?.split(separator: "\"").first.flatMap {
                Double($0)
            }
        }
        #expect(heights.count == 21)
        // SVG's y grows downwards: a falling loss is a rising y.
        for (before, after) in zip(heights, heights.dropFirst()) { #expect(after > before) }
        #expect(svg.contains("log scale"))
        let manifest = try #require(files.files.last)
        let object = try JSONSerialization.jsonObject(with: Data(manifest.bytes)) as? [String: Any]
        #expect((object?["losses"] as? [Double])?.count == 21)
        #expect(object?["lossCurve"] as? String == "regression.loss.svg")
    }

    @Test func aDivergingRateIsAnErrorNotAFigureOfInfinities() throws {
        #expect(throws: FigureError.self) { try Self.train(nil, steps: 200, rate: 10) }
    }

    /// Plans a training sequence of `source` on `names` (every trainable leaf when `nil`).
    static func train(source: String, _ names: [String]?, steps: Int, rate: Double) throws -> (Graph, FrameSequence) {
        let evaluation = try Script(source: source, file: "t.grad").evaluate()
        let graph = evaluation.graph
        let parameters =
            try names.map { try $0.map { try #require(graph.node(named: $0)) } }
            ?? FrameSequence.defaultParameters(of: graph)
        let sequence = try FrameSequence(
            training: graph, output: evaluation.output.id, options: FigureOptions(), parameters: parameters,
            learningRate: rate, steps: steps, measure: FrameSequence.graphvizMeasure)
        return (graph, sequence)
    }

    static let dataScript = "constant x t\nx = 2\nt = 5\nw = 1\nL = (w * x - t)^2\n"

    @Test func dataIsNotTrainedByDefault() throws {
        // ∂L/∂w = 2(w·x − t)·x = 2·(2 − 5)·2 = −12: w ← 1 − 0.1·(−12) = 2.2; x and t stay.
        let (graph, sequence) = try Self.train(source: Self.dataScript, nil, steps: 1, rate: 0.1)
        let value = { (name: String) in graph.scalarValue(of: graph.node(named: name)!) }
        #expect(Swift.abs(value("w") - 2.2) < 1e-12)
        #expect(value("x") == 2 && value("t") == 5)
        #expect(!sequence.frames[1].caption.contains("x ←") && !sequence.frames[1].caption.contains("t ←"))
    }

    @Test func namingDataAsAParameterIsRefused() throws {
        let error = try #require(throws: FigureError.self) {
            try Self.train(source: Self.dataScript, ["w", "t"], steps: 1, rate: 0.1)
        }
        #expect(error.description.contains("'t' is data"), "\(error)")
    }

    @Test func aParameterThatOverflowsStopsTrainingWhileTheLossIsFinite() throws {
        // relu(2w) at w = 1: ∂/∂w = 2, so w ← 1 − 1e308·2 = −∞ while the loss relu(−∞) = 0.
        let error = try #require(throws: FigureError.self) {
            try Self.train(source: "w = 1\nL = relu(2 * w)\n", nil, steps: 3, rate: 1e308)
        }
        #expect(error.description.contains("'w' is no longer finite after step 1"), "\(error)")
        #expect(error.description.contains("diverged"))
    }
}
