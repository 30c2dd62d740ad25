import GradVizDOT
import GradVizFrames
import GradVizScript

/// The work of `render` on one file before its layout: evaluating the script and writing its
/// figure as DOT.
///
/// Graphviz lays out one graph at a time (``GradVizRender`` serialises every call into libgvc),
/// and evaluation and DOT need no layout (a `--forward-only` frame measures its labels, under the
/// same lock), so a batch prepares the next file on a second thread while the main thread lays
/// out the current one (``Prefetch``). Preparing prints nothing: its warnings, and the figure's
/// notes or error, are kept for the main thread to print where rendering one file at a time
/// printed them (the figure's at the first format that draws it).
struct FigurePreparation: Sendable {
    /// `--of`: the variable whose gradient is drawn.
    let output: String?
    /// `--expand`.
    let expand: Bool
    /// The figure's options.
    let options: FigureOptions
    /// `--forward-only`: the forward frame of the slide build instead of the full figure.
    let forwardOnly: Bool
    /// Whether a static figure is drawn (any format but the html page, which draws its own).
    let drawsFigure: Bool
    /// `--mark-expectations`: the script's `expect` lines are marked on the figure.
    let markExpectations: Bool

    /// One file made ready for Graphviz.
    struct Prepared {
        /// The script's warnings, or the line that says why it could not be evaluated.
        var messages: [String] = []
        /// The evaluated script; `nil` when it failed.
        var evaluation: Evaluation?
        /// The figure's notes, or its error (then ``drawn`` is `nil`): printed when the first
        /// format that draws the figure is reached.
        var figureMessages: [String] = []
        /// The figure and the DOT to lay out, when ``drawsFigure`` and it could be drawn.
        var drawn: (figure: Figure, dot: String)?
        /// How long evaluating took, for `--timings`.
        var stages = RenderTimings()
        /// How long drawing the figure took, recorded with the figure's messages.
        var figureDuration: Duration?
    }

    /// Evaluates `file` and draws its figure; with a `label`, each step shows on the progress
    /// line as `label: step` (on the main thread).
    func prepare(_ file: String, label: String? = nil) -> Prepared {
        var prepared = Prepared()
        let outcome = step("evaluate", label) {
            prepared.stages.measure("evaluate") { ScriptInput.evaluated(file, output: output, expand: expand) }
        }
        prepared.messages = outcome.warnings
        let evaluation: Evaluation
        switch outcome.result {
        case .success(let evaluated): evaluation = evaluated
        case .failure(let failure):
            prepared.messages.append(failure.message)
            return prepared
        }
        prepared.evaluation = evaluation
        guard drawsFigure else { return prepared }
        let clock = ContinuousClock()
        let start = clock.now
        step("figure and DOT", label) {
            do {
                let options = FigureArguments.options(options, for: evaluation, marking: markExpectations)
                var figureOptions = options
                // A forward-only figure is a frame: its notes follow the frames' threshold.
                if forwardOnly { figureOptions.largeGraphThreshold = FigureOptions.slideBuildLargeGraphThreshold }
                let figure = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: figureOptions)
                let dot =
                    forwardOnly
                    ? try FrameSequence.forwardFigure(
                        graph: evaluation.graph, output: evaluation.output.id, options: options)
                    : figure.dot
                prepared.drawn = (figure, dot)
                prepared.figureMessages = figure.notes.map { "\(file): note: \($0)" }
            } catch {
                prepared.figureMessages = [ScriptInput.line(file: file, String(describing: error))]
            }
        }
        prepared.figureDuration = clock.now - start
        return prepared
    }

    /// Runs one step, shown on the progress line when there is a `label`.
    private func step<R>(_ name: String, _ label: String?, _ body: () -> R) -> R {
        guard let label else { return body() }
        return ProgressLine.shared.stage("\(label): \(name)", body)
    }
}
