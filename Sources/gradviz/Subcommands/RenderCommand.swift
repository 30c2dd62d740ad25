import ArgumentParser
import Foundation
import GradVizDOT
import GradVizExplain
import GradVizFrames
import GradVizHTML
import GradVizRender
import GradVizScript

/// `gradviz render FILE…`: annotated figures of the scripts' computation graphs.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render annotated figures of computation graphs (SVG, PNG, PDF, DOT or an interactive HTML page).",
        discussion: """
            The format comes from --format (several allowed: svg,png) or from -o's extension. \
            Without -o, files go to output/<name>.<format>; when -o is a directory, one file per \
            input per format goes there. Files are written atomically. The html format is one \
            self-contained interactive page: click a node to light its paths to the output. It \
            steps through the slide build of gradviz frames when that is quick to draw: at most \
            \(InteractivePage.maxFrameNodes) nodes and at most \(InteractivePage.maxPageFrameWork) for \
            frames × (nodes + edges); otherwise the page says why it has no frames.

            Example: gradviz render samples/weight_sharing.grad --wrt w1 -o figures/ --format svg,png
            """
    )

    @Argument(help: "The .grad scripts.")
    var files: [String]

    @Option(
        name: .shortAndLong,
        help: """
            Output file, or a directory: one ending in /, an existing one, or a name without an \
            extension when several files would be written (several inputs or formats). '-' writes \
            one input in one format (default svg) to standard output.
            """)
    var output: String?

    @Flag(help: ArgumentHelp(OutputFile.quietHelp))
    var quiet = false

    @Flag(help: ScriptWatcher.help)
    var watch = false

    /// For tests: stop watching after this many re-renders.
    @Option(help: .hidden)
    var watchLimit: Int?

    /// Every format `render` writes: the renderer's (``RenderFormat``), then the HTML page.
    static let formatNames = RenderFormat.allCases.map(\.rawValue) + ["html"]

    @Option(help: "Comma-separated formats: \(RenderCommand.formatNames.joined(separator: ", ")).")
    var format: String?

    @Option(
        help: ArgumentHelp(
            "Paths listed per node: in the html page (default \(InteractiveFigure.defaultMaxPaths)) and the --wrt legend "
                + "(default \(FigureOptions.defaultMaxPaths)); "
                + "at most \(Explanation.maxListedPaths) (more is an error when --wrt has more paths).",
            valueName: "n"))
    var maxPaths: Int?

    @Option(name: .customLong("of"), help: "The variable whose gradient is taken (default: the script's output).")
    var of: String?

    @OptionGroup var figure: FigureArguments

    @Flag(help: "Print how long each stage took (start-up, evaluation, figure, Graphviz, writing) to standard error.")
    var timings = false

    @Option(
        help: ArgumentHelp(
            "Processes that render a batch at once (default: one per core, with at least "
                + "\(BatchWorkers.minWeightPerWorker) small scripts' worth each; at most \(BatchWorkers.maxWorkers)). "
                + "Files, messages and their order are those of one process.",
            valueName: "n"))
    var jobs: Int?

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one .grad file") }
        if watch, files.contains("-") { throw ValidationError("--watch cannot watch standard input ('-')") }
        if watch, output == "-" { throw ValidationError("--watch cannot write to standard output (-o -)") }
        if let maxPaths, maxPaths < 0 { throw ValidationError("--max-paths must be 0 or more") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more") }
        if let jobs, jobs > 1, watch { throw ValidationError("--watch renders in one process: leave out --jobs") }
        if let jobs, jobs > 1, files.contains("-") {
            throw ValidationError("standard input ('-') is read by one process: leave out --jobs")
        }
        let plan = try plan()
        if plan.formats.contains("html") && (figure.prune || figure.collapse != nil) {
            throw ValidationError("--prune and --collapse draw static figures; the html page draws every node")
        }
        var inputs: [String: String] = [:]
        for file in files {
            for format in plan.formats {
                let destination = plan.destination(for: file, format: format)
                if let other = inputs[destination], other != file {
                    throw ValidationError("'\(other)' and '\(file)' would both be written to '\(destination)'")
                }
                inputs[destination] = file
            }
        }
    }

    func run() throws {
        if timings {
            let startUp = String(format: "%.2f ms", RenderTimings.processCPUSeconds() * 1000)
            StandardError.write("gradviz: timings: start-up and argument parsing \(startUp) CPU\n")
        }
        let plan = try plan()
        let preparation = preparation(plan)
        // A batch read from standard input or watched afterwards stays in this process
        // (`validate` refuses --jobs for them).
        let weights = files.count > 1 ? files.map(BatchWorkers.weight(of:)) : [1]
        let workers = watch || files.contains("-") ? 1 : BatchWorkers.workerCount(weights: weights, jobs: jobs)
        let chunks = BatchWorkers.chunks(weights: weights, workers: workers)
        let outcome = BatchWorkers.run(chunks) { render(files: $0, plan: plan, preparation: preparation) }
        if timings {
            for chunk in outcome.inWorkers {
                StandardError.write(
                    "gradviz: timings: \(BatchWorkers.describe(chunk, of: files.count)) rendered by a worker process\n")
            }
        }
        if watch {
            ScriptWatcher(files: files, limit: watchLimit).run { file in
                let index = files.firstIndex(of: file) ?? 0
                try render(file, at: index, plan: plan, prepared: prepare(file, at: index, preparation))
            }
            return
        }
        if !outcome.succeeded { throw ExitCode(2) }
    }

    /// Renders the files at `indices` in order and returns whether every one succeeded.
    private func render(files indices: Range<Int>, plan: OutputPlan, preparation: FigurePreparation) -> Bool {
        var succeeded = true
        // Past one file, the next is evaluated and drawn as DOT on a second thread while this
        // one is laid out (Graphviz lays out one graph at a time).
        let prefetch =
            indices.count > 1
            ? Prefetch(count: indices.count) { [files] in preparation.prepare(files[indices.lowerBound + $0]) } : nil
        for index in indices {
            let file = files[index]
            do {
                let prepared = prefetch.map { prefetch in
                    // Waiting for the second thread shows on the progress line as its work would.
                    ProgressLine.shared.stage("\(label(of: file, at: index)): evaluate and draw") {
                        prefetch.take(index - indices.lowerBound)
                    }
                }
                try render(file, at: index, plan: plan, prepared: prepared ?? prepare(file, at: index, preparation))
            } catch {
                // Every failure has been reported as it was found (an `ExitCode`); any other
                // error is reported here, as the file's.
                if !(error is ExitCode) { StandardError.write(ScriptInput.line(file: file, "\(error)") + "\n") }
                succeeded = false
            }
        }
        return succeeded
    }

    /// On the progress line: `file`, the input at `index`, and with several inputs which one of
    /// how many.
    private func label(of file: String, at index: Int) -> String {
        files.count > 1 ? "\(file) (\(index + 1)/\(files.count))" : file
    }

    /// What evaluating and drawing a file needs from the command line.
    private func preparation(_ plan: OutputPlan) -> FigurePreparation {
        // DOT is written out, not laid out: a figure of any size. Every other format is laid
        // out, so its figure is refused before it is drawn when the renderer would refuse it
        // (with dot among the formats, the figure is drawn for it and the renderer refuses the
        // others).
        var options = plan.formats.contains(RenderFormat.dot.rawValue) ? figure.options : figure.laidOutOptions
        if let maxPaths { options.maxPaths = maxPaths }
        return FigurePreparation(
            output: of, expand: figure.expand, options: options, forwardOnly: figure.forwardOnly,
            drawsFigure: plan.formats.contains { $0 != "html" }, markExpectations: figure.markExpectations)
    }

    /// Prepares `file` on this thread, its steps shown on the progress line.
    private func prepare(_ file: String, at index: Int, _ preparation: FigurePreparation) -> FigurePreparation.Prepared
    {
        preparation.prepare(file, label: label(of: file, at: index))
    }

    private func render(_ file: String, at index: Int, plan: OutputPlan, prepared: FigurePreparation.Prepared) throws {
        var stages = prepared.stages
        defer {
            if timings { StandardError.write("\(file): timings: \(stages.summary)\n") }
        }
        for message in prepared.messages { StandardError.write(message + "\n") }
        guard let evaluation = prepared.evaluation else { throw ExitCode(2) }
        var figureReported = false
        var overflowReported = false
        let label = label(of: file, at: index)
        var pageOptions = FigureArguments.options(
            preparation(plan).options, for: evaluation, marking: figure.markExpectations)
        pageOptions.sizeCheck = figure.laidOutOptions.sizeCheck
        for format in plan.formats {
            let destination = plan.destination(for: file, format: format)
            let bytes: [UInt8]
            if format == "html" {
                bytes = try stage("html page", of: label, &stages) {
                    try page(file, evaluation: evaluation, options: pageOptions)
                }
            } else {
                if !figureReported {
                    // The figure's notes or error, where drawing it on this thread printed them.
                    figureReported = true
                    if let duration = prepared.figureDuration { stages.record("figure and DOT", duration) }
                    for message in prepared.figureMessages { StandardError.write(message + "\n") }
                }
                guard let drawn = prepared.drawn else { throw ExitCode(2) }
                do {
                    let renderFormat = RenderFormat(rawValue: format) ?? .dot
                    let result = try ProgressLine.shared.stage("\(label): layout and \(format) output") {
                        try Renderer.render(dot: drawn.dot, format: renderFormat, options: figure.renderOptions)
                    }
                    stages.record("graphviz context and DOT reading", result.preparationDuration)
                    stages.record("layout", result.layoutDuration)
                    stages.record("\(format) output", result.renderDuration)
                    report(file, warnings: result.warnings, layoutCapped: result.layoutCapped)
                    if let overflow = result.overflow, let slide = figure.options.slide, !overflowReported {
                        overflowReported = true
                        let note = slide.overflowNote(
                            width: overflow.width, height: overflow.height, suggestion: drawn.figure.reductions)
                        StandardError.write("\(file): note: \(note)\n")
                    }
                    bytes = result.data
                } catch {
                    throw ScriptInput.report(
                        file: file,
                        "graphviz: \(String(describing: error))" + (drawn.figure.suggestion.map { "; " + $0 } ?? ""))
                }
            }
            if destination == "-" {
                try StandardOutput.write(bytes)
                continue
            }
            do {
                try stage("write \(format)", of: label, &stages) {
                    try OutputFile.write(bytes, to: destination, protecting: file)
                }
            } catch {
                throw ScriptInput.report(file: destination, String(describing: error))
            }
            if !quiet { StandardError.write("wrote \(destination)\n") }
        }
    }

    /// Runs one stage of rendering a file: timed for `--timings` under `name`, and shown on the
    /// progress line as `label: name` while it runs long.
    private func stage<R>(_ name: String, of label: String, _ stages: inout RenderTimings, _ body: () throws -> R)
        rethrows -> R
    {
        try stages.measure(name) { try ProgressLine.shared.stage("\(label): \(name)", body) }
    }

    /// The interactive page of one script.
    private func page(_ file: String, evaluation: Evaluation, options: FigureOptions) throws -> [UInt8] {
        let prepared: InteractiveFigure
        do {
            prepared = try InteractiveFigure(
                graph: evaluation.graph, output: evaluation.output.id, options: options,
                maxPaths: maxPaths ?? InteractiveFigure.defaultMaxPaths)
        } catch {
            throw ScriptInput.report(file: file, error.description)
        }
        for note in prepared.figure.notes { StandardError.write("\(file): note: \(note)\n") }
        if let note = prepared.pathBudgetNote { StandardError.write("\(file): note: \(note)\n") }
        let title = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        do {
            let page = try InteractivePage(
                figure: prepared, title: title, theme: options.theme, renderOptions: figure.renderOptions)
            report(file, warnings: page.warnings, layoutCapped: page.layoutCapped)
            for note in page.notes { StandardError.write("\(file): note: \(note)\n") }
            return Array(page.html.utf8)
        } catch {
            throw ScriptInput.report(file: file, "graphviz: \(error.description)")
        }
    }

    private func report(_ file: String, warnings: [String], layoutCapped: Bool) {
        for warning in warnings {
            StandardError.write("\(file): warning: graphviz: \(warning)\n")
        }
        if layoutCapped {
            StandardError.write("\(file): note: large graph: layout iterations capped\n")
        }
    }

    /// Where the files go, from `-o`, `--format` and the inputs (``OutputPlan``).
    private func plan() throws -> OutputPlan {
        try OutputPlan(output: output, format: format, files: files, known: RenderCommand.formatNames)
    }
}
