import GradVizDOT
import GradVizEngine
import GradVizExplain
import GradVizNotation

/// A slide build: numbered figures of one graph, all on one fixed layout, that step through
/// backpropagation the way a lecture does (or through training steps of gradient descent).
///
/// The teaching sequence (``init(graph:output:options:by:captions:measure:)``):
/// 1. `structure`: nodes with their names and expressions, edges, no numbers;
/// 2. `forward`: the values appear in evaluation order, one frame per layer (all nodes of the
///    same depth from the leaves) or per node;
/// 3. `backward`: the output's gradient 1, then one frame per node in reverse order, in which its
///    gradient flows back along its incoming edges: the local derivatives on those edges appear
///    and each input's gradient shows what has arrived so far, a partial sum marked `+ …` until
///    its last term arrives (a shared weight visibly adds its paths);
/// 4. with ``FigureOptions/wrt``: `path1`, `path2`, … each path lit in turn with its product,
///    then `sum`: every path, the legend, and the check that their sum is the gradient.
///
/// Every frame has the same canvas and identical node, edge and label geometry: the figure is
/// drawn with all its rows and labels in every frame, and what a frame does not show yet is a
/// blank cell of exactly the size it will take (see `SlotBook`), so Graphviz lays every frame out
/// the same way. Without captions (`captions: false`) that layout is the full figure's (``Figure``),
/// except where a partial sum (`−0.0462 + …`) needs more room than the final gradient and widens
/// its node; ``forwardFigure(graph:output:options:measure:)`` always has the full figure's layout.
///
/// Building a sequence needs Graphviz's own measure of the labels, passed in as `measure`
/// (GradVizRender's `Renderer.measureNodes`), so this module stays free of the renderer.
public struct FrameSequence {
    /// One frame of the build.
    public struct Frame: Sendable, Hashable {
        /// The frame's number, from 1.
        public let index: Int
        /// A short word for what the frame shows: `structure`, `forward`, `backward`, `path3`,
        /// `sum`; `start` and `step4` in a training sequence.
        public let step: String
        /// What just happened, in the lecture's notation (`backward: ∂l/∂w₁ = −0.02163 +
        /// (−0.0462) = −0.06782`); lines are separated by `; `.
        public let caption: String
        /// The frame's DOT text, to render with `dot`.
        public let dot: String
    }

    /// One frame of the teaching sequence as planned, without its drawing
    /// (``outline(graph:output:options:by:)``): what an interactive page shows its own way.
    public struct Outline: Sendable, Hashable {
        /// Which of the `wrt` paths a frame lights.
        public enum Highlight: Sendable, Hashable {
            /// None (structure, forward and backward frames).
            case none
            /// Only the listed path with this number (0-based, in the options' path order): `pathK`.
            case path(Int)
            /// Every listed path, with their sum and the check: `sum`.
            case every
        }

        /// The frame's number, from 1, as ``Frame/index``.
        public let index: Int
        /// The frame's step word, as ``Frame/step``.
        public let step: String
        /// The frame's caption, as ``Frame/caption``.
        public let caption: String
        /// The `wrt` paths the frame lights.
        public let highlight: Highlight
    }

    /// How forward frames group the nodes.
    public enum Grouping: String, Sendable, CaseIterable {
        /// One frame per layer: all nodes at the same depth from the leaves.
        case layer
        /// One frame per node, in evaluation order.
        case node
    }

    /// Measures labels: given DOT text of `shape=plain` nodes, returns each node's laid-out size
    /// in points, by node name.
    public typealias Measure = (_ dot: String) throws -> [String: (width: Double, height: Double)]

    /// The most frames a sequence may have: a build is meant for slides, and each frame costs a
    /// layout. Longer builds are refused with an error suggesting a coarser one.
    public static let maxFrames = 300

    /// The most work a build may take, as frames × (nodes + edges) drawn. Measured when every
    /// frame was laid out on its own: about 0.1–0.15 ms per node and edge (a 145-node chain's 292
    /// frames: 9 s; bench/RESULTS.md), so this kept a build within about half a minute. Frames
    /// now share one layout (`Renderer.renderFrames`), which makes a build cheaper (the MLP of
    /// bench/one_layout.sh: 3×), but planning and drawing each frame still grow with this count;
    /// the bound is kept until it is measured again. Bigger builds are refused before any frame
    /// is drawn, with what to draw instead.
    public static let maxFrameWork = 300_000

    /// Refuses a build of `count` frames of `setup`'s figure past ``maxFrameWork``.
    static func checkWork(frames count: Int, setup: FrameSetup) throws(FigureError) {
        let extent = FigureExtent(view: setup.view, options: setup.options, listing: setup.listing)
        let work = count * (extent.nodeCount + extent.edgeCount)
        guard work <= maxFrameWork else {
            throw FigureError(
                .tooManyFrames,
                "the build would lay out \(count) frames of \(extent.nodeCount) nodes and \(extent.edgeCount) edges "
                    + "(frames × (nodes + edges) = \(work), at most \(maxFrameWork)): choose fewer paths or steps, "
                    + "draw part of the graph (--prune --wrt NAME), or draw a smaller graph")
        }
    }

    /// The frames, in order.
    public let frames: [Frame]
    /// Things a person should know about the figure (as ``Figure/notes``).
    public let notes: [String]
    /// The options that would shrink the figure (``Figure/reductions``): what a build drawn
    /// larger than its slide suggests.
    public let reductions: String?
    /// For a training sequence, the output (the loss) before the first step and after each
    /// step; empty otherwise.
    public let losses: [Double]
    /// Draws every frame's part (the graph without its legend, or the legend alone) on the
    /// frames' measured slots, for a Beamer slide that places them apart.
    private let drawPart: (FrameDrawing.Part) -> [String]

    /// The teaching sequence of `graph` up to `output`: structure, forward, backward and, with
    /// `options.wrt`, each path and their sum.
    ///
    /// - Parameters:
    ///   - grouping: Forward frames per layer (the default) or per node.
    ///   - captions: Whether each frame's caption is drawn under the figure (it is always in
    ///     ``Frame/caption``).
    ///   - measure: Graphviz's measure of labels (`Renderer.measureNodes`).
    /// - Throws: ``FigureError`` for a bad option, an unknown output or `wrt`, or a build of more
    ///   than ``maxFrames`` frames; whatever `measure` throws.
    public init(
        graph: Graph, output: NodeID, options: FigureOptions, by grouping: Grouping = .layer, captions: Bool = true,
        measure: Measure
    ) throws {
        let setup = try FrameSetup(graph: graph, output: output, options: options)
        let planner = LessonPlanner(setup: setup)
        let plans = try planner.plans(by: grouping)
        (frames, drawPart) = try Self.draw(plans, setup: setup, captions: captions, states: nil, measure: measure)
        notes = setup.notes
        reductions = setup.reductions
        losses = []
    }

    /// The frames the teaching sequence of `graph` would have, with their step words and
    /// captions, without drawing any (no measure, no DOT): the same plan as
    /// ``init(graph:output:options:by:captions:measure:)``.
    ///
    /// - Throws: ``FigureError`` as that initializer does.
    public static func outline(
        graph: Graph, output: NodeID, options: FigureOptions, by grouping: Grouping = .layer
    ) throws(FigureError) -> [Outline] {
        let setup = try FrameSetup(graph: graph, output: output, options: options)
        let plans = try LessonPlanner(setup: setup).plans(by: grouping)
        return plans.enumerated().map { offset, plan in
            let highlight: Outline.Highlight =
                switch plan.reveal.legend {
                case .hidden: .none
                case .paths(let count): .path(count - 1)
                case .complete: .every
                }
            return Outline(
                index: offset + 1, step: plan.step, caption: plan.reveal.caption?.plain ?? "", highlight: highlight)
        }
    }

    /// The forward figure (`render --forward-only`): every value, and blank space where the
    /// gradients, local derivatives and legend go, laid out exactly like the full figure (the
    /// last frame of a two-frame build: this one, then the full figure; no caption).
    public static func forwardFigure(
        graph: Graph, output: NodeID, options: FigureOptions, measure: Measure
    ) throws -> String {
        let setup = try FrameSetup(graph: graph, output: output, options: options)
        var forward = FrameReveal()
        forward.values = Set(setup.view.nodes)
        var full = forward
        full.edgeLabels = Set(setup.view.edges.indices)
        for node in setup.view.nodes {
            if let gradient = graph.gradient(of: node) { full.gradients[node] = gradient }
        }
        full.legend = setup.listing == nil ? .hidden : .complete
        let plans = [PlannedFrame(step: "forward", reveal: forward), PlannedFrame(step: "full", reveal: full)]
        return try draw(plans, setup: setup, captions: false, states: nil, measure: measure).frames[0].dot
    }

    /// What a training sequence trains when no parameters are named: every named leaf that is
    /// not data (`constant NAME`), in the order the script defines them.
    public static func defaultParameters(of graph: Graph) -> [NodeID] {
        graph.namedNodes.filter { graph.op(of: $0) == .leaf && !graph.isData($0) }
    }

    /// A training sequence: plain gradient descent on `parameters`, one frame for the start and
    /// one after each of `steps` updates p ← p − η·∂output/∂p, each showing the whole figure at
    /// the new values, the update in its caption. `graph` is left at the last step's values.
    ///
    /// - Throws: ``FigureError`` when `steps` is not in 1..<``maxFrames``, the learning rate is
    ///   not a positive number, a parameter is not a leaf or is data, the output is not a scalar, or the
    ///   loss stops being finite, or `options` has expectations to mark (they are about the
    ///   script's values, which training changes); whatever `measure` throws.
    public init(
        training graph: Graph, output: NodeID, options: FigureOptions, parameters: [NodeID], learningRate: Double,
        steps: Int, captions: Bool = true, measure: Measure
    ) throws {
        guard options.expectations == nil else {
            throw FigureError(
                .invalidOption,
                "a training build changes the values that expectations are about: it marks no expectations")
        }
        let setup = try FrameSetup(graph: graph, output: output, options: options)
        var trainer = try TrainingPlanner(
            setup: setup, parameters: parameters, learningRate: learningRate, steps: steps)
        let plans = try trainer.plans()
        (frames, drawPart) = try Self.draw(
            plans, setup: setup, captions: captions, states: trainer.states, measure: measure)
        notes = setup.notes
        reductions = setup.reductions
        losses = trainer.losses
    }

    /// Each frame's DOT in two parts for a Beamer slide: the graph with its caption and no
    /// legend, and the legend alone (`nil` without `wrt`), each the same size in every frame.
    func beamerParts() -> (graphs: [String], legends: [String]?) {
        let legends = drawPart(.legend)
        return (drawPart(.graph), legends.isEmpty ? nil : legends)
    }

    /// Draws every frame twice: once to learn what each slot shows, then, with the slots
    /// measured, for real; and a way to draw a part of every frame on the same slots.
    /// `states` (training) holds each state's parameter values.
    private static func draw(
        _ plans: [PlannedFrame], setup: FrameSetup, captions: Bool, states: [[(NodeID, Tensor)]]?, measure: Measure
    ) throws -> (frames: [Frame], drawPart: (FrameDrawing.Part) -> [String]) {
        let book = SlotBook(fontName: setup.options.fontName)
        func pass(_ part: FrameDrawing.Part = .whole) -> [String] {
            if part == .legend && setup.listing == nil { return [] }
            var current = -1
            var view = setup.view
            var listing = setup.listing
            var dots: [String] = []
            for plan in plans {
                if let states, plan.state != current {
                    current = plan.state
                    TrainingPlanner.apply(states[plan.state], to: setup.graph, output: setup.output)
                    view = FlowView(
                        graph: setup.graph, output: setup.output, kind: setup.options.view, afterOutput: true)
                    listing = setup.wrt.map {
                        PathListing(
                            view: view, wrt: $0, maxPaths: max(0, setup.options.maxPaths),
                            order: setup.options.pathOrder)
                    }
                }
                let drawing = FrameDrawing(reveal: plan.reveal, book: book, captions: captions, part: part)
                dots.append(
                    FigureBuilder(
                        view: view, options: setup.options, listing: listing, frame: drawing, marks: setup.marks
                    )
                    .render())
            }
            return dots
        }
        _ = pass()
        book.setSizes(try measure(book.measurementDOT))
        let frames = zip(plans, pass()).enumerated().map { offset, pair in
            Frame(index: offset + 1, step: pair.0.step, caption: pair.0.reveal.caption?.plain ?? "", dot: pair.1)
        }
        return (frames, pass)
    }
}

/// One frame as planned: its step word, what it reveals (with its caption), and for training
/// the state (step) whose values it shows.
struct PlannedFrame {
    var step: String
    var reveal: FrameReveal
    var state: Int = 0
}

/// What every frame of a sequence shares: the checked options, the view, the `wrt` listing.
struct FrameSetup {
    let graph: Graph
    let output: NodeID
    /// The figure options, with gradients on (every frame reserves their rows).
    let options: FigureOptions
    let wrt: NodeID?
    let view: FlowView
    let listing: PathListing?
    let notes: [String]
    /// The options that would shrink the figure (``Figure/reductions``).
    let reductions: String?
    /// A builder of the full, unpruned figure, for names, symbols and numbers in captions.
    let builder: FigureBuilder
    /// The expectations every frame marks, checked once.
    let marks: ExpectationMarks?

    init(graph: Graph, output: NodeID, options: FigureOptions) throws(FigureError) {
        var options = options
        options.showGradients = true
        // Its notes speak for the frames, which stay detailed up to their own threshold.
        options.largeGraphThreshold = FigureOptions.slideBuildLargeGraphThreshold
        let figure = try Figure(graph: graph, output: output, options: options)
        self.graph = graph
        self.output = output
        self.options = options
        let wrt = options.wrt.flatMap { graph.node(named: $0) }
        marks = figure.marks
        let view = FlowView(graph: graph, output: output, kind: options.view, afterOutput: true)
        let listing = wrt.map {
            PathListing(view: view, wrt: $0, maxPaths: max(0, options.maxPaths), order: options.pathOrder)
        }
        self.wrt = wrt
        self.view = view
        self.listing = listing
        notes = figure.notes
        reductions = figure.reductions
        // Captions name every node, also those a pruned or collapsed figure leaves out.
        var naming = options
        naming.prune = false
        naming.collapse = nil
        builder = FigureBuilder(view: view, options: naming, listing: listing)
    }

    /// `∂l/∂x` with display names, also for unnamed nodes.
    func symbol(_ numerator: NodeID, by denominator: NodeID) -> LabelText {
        builder.partial(of: numerator, by: denominator)
            ?? LabelText("∂") + builder.shortName(of: numerator) + LabelText("/∂") + builder.shortName(of: denominator)
    }

    /// A value for a caption: a number, a small tensor's entries, or a large one's norm.
    func number(_ tensor: Tensor) -> String { builder.inlineText(tensor) }

    /// A number as a later term of a sum or product: a negative one in parentheses, `(−0.0462)`.
    func term(_ tensor: Tensor) -> String {
        ProductText.factor(number(tensor), negative: tensor.shape.isScalar && tensor.scalar < 0, first: false)
    }

    /// Caption lines under one heading word, the first `limit` of them and a count of the rest.
    static func caption(_ lines: [LabelText], limit: Int = 4) -> LabelText {
        var shown = Array(lines.prefix(limit))
        if lines.count > limit { shown.append(LabelText("… and \(lines.count - limit) more")) }
        return LabelText.joined(shown, separator: LabelText(html: "<BR/>", plain: "; "))
    }
}

extension Tensor {
    /// The entrywise sum of two tensors of one shape.
    func adding(_ other: Tensor) -> Tensor {
        guard shape == other.shape else { return self }
        return (try? Tensor(shape: shape, scalars: zip(scalars, other.scalars).map { $0 + $1 })) ?? self
    }
}
