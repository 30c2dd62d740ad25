import ArgumentParser
import Foundation
import GradVizDOT
import GradVizFrames
import GradVizRender
import GradVizScript

/// `gradviz render FILE…`: annotated figures of the scripts' computation graphs.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render annotated figures of computation graphs (SVG, PNG, PDF or DOT).",
        discussion: """
            The format comes from --format (several allowed: svg,png) or from -o's extension. \
            Without -o, files go to output/<name>.<format>; when -o is a directory, one file per \
            input per format goes there. Files are written atomically.
            """
    )

    @Argument(help: "The .grad scripts.")
    var files: [String]

    @Option(name: .shortAndLong, help: "Output file, or a directory (ending in / or existing).")
    var output: String?

    @Option(help: "Comma-separated formats: svg, png, pdf, dot.")
    var format: String?

    @Option(name: .customLong("of"), help: "The variable whose gradient is taken (default: the script's output).")
    var of: String?

    @OptionGroup var figure: FigureArguments

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one .grad file") }
        let plan = try plan()
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
        let plan = try plan()
        var failed = false
        for file in files {
            do {
                try render(file, plan: plan)
            } catch is ExitCode {
                failed = true
            }
        }
        if failed { throw ExitCode(2) }
    }

    private func render(_ file: String, plan: OutputPlan) throws {
        let evaluation = try InputError.evaluate(file, output: of, expand: figure.expand)
        let dot: String
        let suggestion: String?
        do {
            let made = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: figure.options)
            dot = figure.forwardOnly ? try forwardFrame(evaluation) : made.dot
            suggestion = made.suggestion
            for note in made.notes { FileHandle.standardError.write(Data("\(file): note: \(note)\n".utf8)) }
        } catch {
            throw InputError.report(file: file, String(describing: error))
        }
        for format in plan.formats {
            let destination = plan.destination(for: file, format: format)
            let bytes: [UInt8]
            if let renderFormat = RenderFormat(rawValue: format) {
                do {
                    let result = try Renderer.render(
                        dot: dot, format: renderFormat, options: RenderOptions(dpi: figure.dpi))
                    for warning in result.warnings {
                        FileHandle.standardError.write(Data("\(file): warning: graphviz: \(warning)\n".utf8))
                    }
                    if result.layoutCapped {
                        FileHandle.standardError.write(
                            Data("\(file): note: large graph: layout iterations capped\n".utf8))
                    }
                    bytes = result.data
                } catch {
                    throw InputError.report(
                        file: file, "graphviz: \(error.description)" + (suggestion.map { "; " + $0 } ?? ""))
                }
            } else {
                bytes = Array(dot.utf8)
            }
            do {
                try OutputFile.write(bytes, to: destination, protecting: file)
            } catch {
                throw InputError.report(file: destination, String(describing: error))
            }
        }
    }

    /// `--forward-only`: the forward frame of the slide build, laid out like the full figure:
    /// every value, and blank space where gradients, local derivatives and the legend go.
    private func forwardFrame(_ evaluation: Evaluation) throws -> String {
        try FrameSequence.forwardFigure(graph: evaluation.graph, output: evaluation.output.id, options: figure.options)
    }

    private func plan() throws -> OutputPlan {
        let known = ["svg", "png", "pdf", "dot"]
        var formats = format.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() } } ?? []
        for name in formats where !known.contains(name) {
            throw ValidationError("unknown format '\(name)': use svg, png, pdf or dot")
        }
        guard let output else {
            return OutputPlan(formats: formats.isEmpty ? ["svg"] : formats, directory: "output", file: nil)
        }
        var isDirectory: ObjCBool = false
        if output.hasSuffix("/") || (FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory) && isDirectory.boolValue) {
            return OutputPlan(formats: formats.isEmpty ? ["svg"] : formats, directory: output, file: nil)
        }
        let extensionFormat = (output as NSString).pathExtension.lowercased()
        if formats.isEmpty {
            guard known.contains(extensionFormat) else {
                throw ValidationError("cannot tell the format of '\(output)': use --format or a .svg/.png/.pdf/.dot name")
            }
            formats = [extensionFormat]
        }
        guard files.count == 1, formats.count == 1 else {
            throw ValidationError("-o names one file: give a directory for several inputs or formats")
        }
        return OutputPlan(formats: formats, directory: nil, file: output)
    }
}

/// Where each rendered file goes.
struct OutputPlan {
    let formats: [String]
    let directory: String?
    let file: String?

    func destination(for input: String, format: String) -> String {
        if let file { return file }
        let base = ((input as NSString).lastPathComponent as NSString).deletingPathExtension
        return ((directory ?? "output") as NSString).appendingPathComponent("\(base).\(format)")
    }
}
