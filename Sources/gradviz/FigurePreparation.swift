import GradVizDOT
import GradVizFrames
import GradVizScript

/// The work of `render` on one file before Graphviz: evaluating the script and writing its
/// figure as DOT.
///
/// Graphviz lays out one graph at a time (``GradVizRender`` serialises every call into libgvc),
/// but evaluation and DOT need no Graphviz, so a batch prepares the next file on a second thread
/// while the main thread lays out the current one (``Prefetch``). Preparing prints nothing: its
/// warnings, notes and error are kept in order for the main thread to print with the file's
/// other lines.
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

    /// One file made ready for Graphviz.
    struct Prepared {
        /// Lines for standard error in the order they arose: the script's warnings, then the
        /// figure's notes or the error that stopped it.
        var messages: [String] = []
        /// The evaluated script; `nil` when it failed.
        var evaluation: Evaluation?
        /// The figure and the DOT to lay out, when ``drawsFigure``.
        var drawn: (figure: Figure, dot: String)?
        /// Whether the file failed (its error is the last message).
        var failed = false
        /// How long evaluating and drawing took, for `--timings`.
        var stages = RenderTimings()
    }

    /// Evaluates `file` and draws its figure. `stage` wraps each step (the progress line, when
    /// it runs on the main thread).
    func prepare(
        _ file: String, stage: (String, () -> Void) -> Void = { _, body in body() }
    ) -> Prepared {
        var prepared = Prepared()
        var outcome: (warnings: [String], result: Result<Evaluation, InputError.Failure>)?
        stage("evaluate") {
            outcome = prepared.stages.measure("evaluate") {
                InputError.evaluated(file, output: output, expand: expand)
            }
        }
        guard let outcome else { return prepared }
        prepared.messages = outcome.warnings
        let evaluation: Evaluation
        switch outcome.result {
        case .success(let evaluated): evaluation = evaluated
        case .failure(let failure):
            prepared.messages.append(failure.message)
            prepared.failed = true
            return prepared
        }
        prepared.evaluation = evaluation
        guard drawsFigure else { return prepared }
        stage("figure and DOT") {
            prepared.stages.measure("figure and DOT") {
                do {
                    let figure = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: options)
                    let dot = forwardOnly
                        ? try FrameSequence.forwardFigure(graph: evaluation.graph, output: evaluation.output.id, options: options)
                        : figure.dot
                    prepared.drawn = (figure, dot)
                    prepared.messages += figure.notes.map { "\(file): note: \($0)" }
                } catch {
                    prepared.messages.append(InputError.line(file: file, String(describing: error)))
                    prepared.failed = true
                }
            }
        }
        return prepared
    }
}
