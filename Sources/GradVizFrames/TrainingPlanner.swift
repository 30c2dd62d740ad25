import GradVizDOT
import GradVizEngine
import GradVizExplain
import GradVizNotation

/// Plans a training sequence of a ``FrameSequence``: plain gradient descent, the lecture's
/// "SGD for linear models", one full figure per step.
struct TrainingPlanner {
    let setup: FrameSetup
    let parameters: [NodeID]
    let learningRate: Double
    let steps: Int
    /// Each state's parameter values: the start, then after each step.
    private(set) var states: [[(NodeID, Tensor)]] = []
    /// The loss in each state.
    private(set) var losses: [Double] = []

    /// The most update lines a caption lists before counting the rest.
    static let maxCaptionLines = 6

    init(setup: FrameSetup, parameters: [NodeID], learningRate: Double, steps: Int) throws(FigureError) {
        guard (1..<FrameSequence.maxFrames).contains(steps) else {
            throw FigureError(
                .tooManyFrames, "the number of steps \(steps) is not between 1 and \(FrameSequence.maxFrames - 1)")
        }
        guard learningRate.isFinite, learningRate > 0 else {
            throw FigureError(.invalidOption, "the learning rate \(learningRate) is not a positive number")
        }
        guard !parameters.isEmpty else {
            throw FigureError(.invalidOption, "there are no parameters to train")
        }
        let graph = setup.graph
        for parameter in parameters
        where !(0..<graph.count).contains(parameter.index) || graph.op(of: parameter) != .leaf {
            let name = (0..<graph.count).contains(parameter.index) ? graph.name(of: parameter) : nil
            throw FigureError(
                .unknownVariable, "'\(name ?? parameter.description)' is not an input or parameter (a leaf) to train")
        }
        // Data (`constant NAME`) has no gradient: nothing flows back to it, so it is never a
        // parameter, whoever names it.
        for parameter in parameters where graph.isData(parameter) {
            throw FigureError(
                .invalidOption,
                "'\(graph.name(of: parameter) ?? parameter.description)' is data (marked 'constant'): it is not trained"
            )
        }
        guard graph.shape(of: setup.output).isScalar else {
            throw FigureError(.invalidOption, "gradient descent needs a scalar loss as the output")
        }
        // The start and one frame per step, each the whole figure.
        try FrameSequence.checkWork(frames: steps + 1, setup: setup)
        self.setup = setup
        self.parameters = parameters
        self.learningRate = learningRate
        self.steps = steps
    }

    /// The start, then one frame per step, each revealing the whole figure.
    mutating func plans() throws(FigureError) -> [PlannedFrame] {
        let graph = setup.graph
        let output = setup.output
        let builder = setup.builder
        let loss = builder.shortName(of: output)
        let rate = setup.builder.numbers.string(learningRate)
        states = [parameters.map { ($0, graph.value(of: $0)) }]
        losses = [graph.scalarValue(of: output)]
        var plans = [
            PlannedFrame(
                step: "start",
                reveal: fullReveal(
                    LabelText("start: ") + loss + LabelText(" = " + setup.number(graph.value(of: output)))))
        ]
        for step in 1...steps {
            var lines: [LabelText] = []
            var updated: [(NodeID, Tensor)] = []
            for parameter in parameters {
                let value = graph.value(of: parameter)
                let gradient = graph.gradient(of: parameter) ?? Tensor(repeating: 0, shape: value.shape)
                let scalars = zip(value.scalars, gradient.scalars).map { $0 - learningRate * $1 }
                let new = (try? Tensor(shape: value.shape, scalars: scalars)) ?? value
                // A parameter that overflows (or whose gradient already has) would be drawn as
                // w ← −∞ while the loss can still look finite: training has diverged, say so.
                guard new.isFinite else {
                    let what = gradient.isFinite ? "" : " (its gradient is \(setup.number(gradient)))"
                    throw FigureError(
                        .invalidOption,
                        "'\(graph.name(of: parameter) ?? parameter.description)' is no longer finite after step \(step)"
                            + "\(what): gradient descent diverged; the learning rate \(rate) is too large")
                }
                updated.append((parameter, new))
                let name = builder.shortName(of: parameter)
                lines.append(
                    name
                        + LabelText(
                            " ← " + setup.number(value) + " − " + rate + " · " + setup.term(gradient) + " = "
                                + setup.number(new)))
            }
            let before = graph.value(of: output)
            Self.apply(updated, to: graph, output: output)
            let after = graph.value(of: output)
            guard after.isFinite else {
                throw FigureError(
                    .invalidOption,
                    "the loss is no longer finite after step \(step): gradient descent diverged; the learning rate "
                        + "\(rate) is too large")
            }
            states.append(updated)
            losses.append(after.scalar)
            let heading =
                LabelText("step \(step): ") + loss
                + LabelText(" = " + setup.number(before) + " → " + setup.number(after))
            let caption = LabelText.joined(
                [heading, FrameSetup.caption(lines, limit: Self.maxCaptionLines)],
                separator: LabelText(html: "<BR/>", plain: "; "))
            plans.append(PlannedFrame(step: "step\(step)", reveal: fullReveal(caption), state: step))
        }
        return plans
    }

    /// Everything shown, as in the full figure.
    private func fullReveal(_ caption: LabelText) -> FrameReveal {
        var reveal = FrameReveal()
        reveal.values = Set(setup.view.nodes)
        reveal.edgeLabels = Set(setup.view.edges.indices)
        for node in setup.view.nodes {
            if let gradient = setup.graph.gradient(of: node) { reveal.gradients[node] = gradient }
        }
        reveal.legend = setup.listing == nil ? .hidden : .complete
        reveal.caption = caption
        return reveal
    }

    /// Sets the parameters, replays the tape and runs backward again.
    static func apply(_ values: [(NodeID, Tensor)], to graph: Graph, output: NodeID) {
        for (parameter, value) in values { try? graph.setValue(value, for: parameter) }
        graph.recompute()
        graph.backward(from: output)
    }
}
