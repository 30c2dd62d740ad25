import ArgumentParser
import Foundation
import GradVizDOT
import GradVizEngine
import GradVizFrames
import GradVizRender

extension FrameSequence.Grouping: ExpressibleByArgument {}

/// `gradviz frames FILE`: a slide build, the forward and backward pass step by step on one fixed
/// layout, or the steps of gradient descent.
struct FramesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frames",
        abstract: "Write a slide build: numbered figures stepping through forward, backward and the chain rule.",
        discussion: """
            Writes DIR/NAME-NN-STEP.FORMAT (structure, forward, backward, pathK, sum), the manifest \
            DIR/NAME.frames.json and, with pdf or png frames, the Beamer overlay DIR/NAME.frames.tex. \
            Every frame has the same canvas and layout. With --sgd, one frame per step of gradient \
            descent instead, and DIR/NAME.loss.svg. The files are written together: a failure or an \
            interrupted run leaves no partial sequence. A build has at most \(FrameSequence.maxFrames) \
            frames, and at most \(FrameSequence.maxFrameWork) for frames × (nodes + edges): a larger one is \
            refused before anything is drawn.

            Example: gradviz frames samples/regression.grad --wrt w1 -o frames/ --format pdf
            """
    )

    @Argument(help: "The .grad script.")
    var file: String

    @Option(name: .shortAndLong, help: "The directory to write into.")
    var output: String = "output"

    @Option(help: "Comma-separated formats of the frames: \(Self.formatNames.joined(separator: ", ")).")
    var format: String = "svg,pdf"

    @Option(name: .customLong("of"), help: "The variable whose gradient is taken (default: the script's output).")
    var of: String?

    @Option(help: "Forward frames per layer (all nodes of one depth) or per node.")
    var by: FrameSequence.Grouping = .layer

    @Flag(inversion: .prefixedNo, help: "Draw each frame's caption under the figure.")
    var captions = true

    @Option(help: "With --wrt, how many paths get a frame of their own (the largest, in --path-order).")
    var maxPaths: Int = FigureOptions.defaultMaxPaths

    @Option(help: "The title of the Beamer frame in NAME.frames.tex (default: NAME, the script's name).")
    var title: String?

    @Option(help: "Instead of backpropagation, this many steps of gradient descent (one frame each).")
    var sgd: Int?

    @Option(help: "The learning rate η of --sgd.")
    var lr: Double?

    @Option(parsing: .upToNextOption, help: "The leaves --sgd trains (default: every leaf that is not data).")
    var params: [String] = []

    @Flag(help: ArgumentHelp(OutputFile.quietHelp))
    var quiet = false

    @Flag(help: ScriptWatcher.help)
    var watch = false

    /// For tests: stop watching after this many re-renders.
    @Option(help: .hidden)
    var watchLimit: Int?

    @OptionGroup var figure: FigureArguments

    func validate() throws {
        _ = try formats()
        if output == "-" {
            throw ValidationError("frames writes a directory of files: -o - (standard output) cannot hold them")
        }
        if watch, file == "-" { throw ValidationError("--watch cannot watch standard input ('-')") }
        if figure.forwardOnly {
            throw ValidationError("--forward-only is for render; frames already step through the forward pass")
        }
        guard (0...FrameSequence.maxFrames).contains(maxPaths) else {
            throw ValidationError("--max-paths must be between 0 and \(FrameSequence.maxFrames)")
        }
        if sgd != nil, figure.markExpectations {
            throw ValidationError(
                "--mark-expectations marks the script's values, which --sgd changes: leave out one of them")
        }
        if let sgd {
            guard (1..<FrameSequence.maxFrames).contains(sgd) else {
                throw ValidationError("--sgd must be between 1 and \(FrameSequence.maxFrames - 1) steps")
            }
            guard let lr, lr.isFinite, lr > 0 else {
                throw ValidationError("--sgd needs --lr, a positive learning rate")
            }
        } else if lr != nil || !params.isEmpty {
            throw ValidationError("--lr and --params go with --sgd")
        }
    }

    func run() throws {
        guard watch else { return try writeFrames() }
        try? writeFrames()  // errors are already reported on standard error
        ScriptWatcher(files: [file], limit: watchLimit).run { _ in try writeFrames() }
    }

    /// Evaluates the script and writes its frames; bad input is reported on standard error and
    /// thrown as exit status 2.
    private func writeFrames() throws {
        let progress = ProgressLine.shared
        let evaluation = try progress.stage("\(file): evaluate") {
            try ScriptInput.evaluate(file, output: of, expand: figure.expand)
        }
        var options = FigureArguments.options(
            figure.laidOutOptions, for: evaluation, marking: figure.markExpectations)
        options.maxPaths = maxPaths
        let graph = evaluation.graph
        let output = evaluation.output.id
        let sequence: FrameSequence
        do {
            sequence = try progress.stage("\(file): plan the frames") {
                if let sgd, let lr {
                    return try FrameSequence(
                        training: graph, output: output, options: options, parameters: try parameters(graph),
                        learningRate: lr, steps: sgd, captions: captions, measure: FrameSequence.graphvizMeasure)
                }
                return try FrameSequence(graph: graph, output: output, options: options, by: by, captions: captions)
            }
        } catch let error as ExitCode {
            throw error
        } catch {
            throw ScriptInput.report(file: file, String(describing: error))
        }
        for note in sequence.notes { StandardError.write("\(file): note: \(note)\n") }

        let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        let formats = try formats()
        let files: FrameFiles
        do {
            files = try progress.stage("\(file): rendering frame") {
                try FrameFiles(
                    sequence: sequence, name: name, source: file, formats: formats,
                    renderOptions: figure.renderOptions, title: title, progress: { progress.detail("\($0)/\($1)") })
            }
        } catch {
            throw ScriptInput.report(file: file, "graphviz: \(String(describing: error))")
        }
        for message in files.messages { StandardError.write("\(file): \(message)\n") }
        if let overflow = files.overflow, let slide = options.slide {
            let note = slide.overflowNote(
                width: overflow.width, height: overflow.height, suggestion: sequence.reductions)
            StandardError.write("\(file): note: \(note)\n")
        }
        let cleanup = InterruptCleanup()
        do {
            try progress.stage("\(file): write") {
                try FrameDirectory.write(
                    files, name: name, to: self.output, protecting: [file], willWrite: { cleanup.watch($0) },
                    willMove: { cleanup.holdSignals() })
            }
        } catch {
            cleanup.finish()
            throw ScriptInput.report(file: self.output, String(describing: error))
        }
        cleanup.finish()
        if !quiet {
            // As render lists its files: what was written, and (watching) when the slides changed.
            let count = sequence.frames.count
            StandardError.write("\(file): wrote \(count) frame\(count == 1 ? "" : "s") to \(self.output)\n")
        }
    }

    /// The leaves `--params` names, or every named leaf of the graph that is not data.
    private func parameters(_ graph: Graph) throws -> [NodeID] {
        guard !params.isEmpty else { return FrameSequence.defaultParameters(of: graph) }
        return try params.map { name in
            guard let id = graph.node(named: name) else {
                throw ScriptInput.report(file: file, "no variable named '\(name)' to train")
            }
            return id
        }
    }

    /// The names `--format` accepts, from the library's list.
    static let formatNames = RenderFormat.framesFormats.map(\.rawValue)

    private func formats() throws -> [RenderFormat] {
        let names = format.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var formats: [RenderFormat] = []
        for name in names {
            guard let format = RenderFormat(rawValue: name), RenderFormat.framesFormats.contains(format) else {
                throw ValidationError(
                    "unknown format '\(name)' for frames: use \(Self.formatNames.dropLast().joined(separator: ", ")) "
                        + "or \(Self.formatNames.last ?? "")")
            }
            if !formats.contains(format) { formats.append(format) }
        }
        guard !formats.isEmpty else { throw ValidationError("give at least one format") }
        return formats
    }
}
