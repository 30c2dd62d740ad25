import ArgumentParser
import Foundation
import GradVizEngine
import GradVizExplain
import GradVizNotation
import GradVizScript

/// `gradviz check FILE`: backward gradient vs sum over paths vs finite differences, per leaf, and
/// every `expect` line of the script.
///
/// What a course runs in CI over its figures: exit 0 when everything agrees, 1 when any row
/// disagrees, 2 on bad input.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract:
            "Check backward gradients against path sums and finite differences, and expect lines (exit 1 on a mismatch).",
        discussion: "Example: gradviz check samples/*.grad --junit check.xml"
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "The .grad scripts ('-' reads standard input).")
    var files: [String]

    @Option(help: "Output format: text (a table per file and one summary line) or json.")
    var format: Format = .text

    @Option(help: "Also write JUnit XML, as CI systems read it, to this path (in an existing directory).")
    var junit: String?

    @Flag(help: "Expand tensors into their scalar entries (neurons), named W1[1,2], h[3].")
    var expand = false

    @Option(
        parsing: .upToNextOption,
        help: "The leaves, or tensor entries such as 'W1[1,2]', to check (default: every leaf).")
    var wrt: [String] = []

    @Flag(help: ArgumentHelp(OutputFile.quietHelp))
    var quiet = false

    @Option(name: .customLong("of"), help: "The variable differentiated (default: the script's output).")
    var of: String?

    @Option(help: "Relative tolerance.")
    var rtol: Double = GradientCheck.defaultRelativeTolerance

    @Option(help: "Absolute tolerance.")
    var atol: Double = GradientCheck.defaultAbsoluteTolerance

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one .grad file") }
        guard rtol >= 0, atol >= 0 else { throw ValidationError("--rtol and --atol must not be negative") }
        guard files.filter({ $0 == "-" }).count <= 1 else {
            throw ValidationError("standard input ('-') can be read once")
        }
        if let junit {
            guard !junit.isEmpty else { throw ValidationError("--junit needs a path ('' names no file)") }
            let path = URL(fileURLWithPath: junit).standardizedFileURL.resolvingSymlinksInPath()
            for file in files where URL(fileURLWithPath: file).standardizedFileURL.resolvingSymlinksInPath() == path {
                throw ValidationError("--junit '\(junit)' would overwrite the input '\(file)'")
            }
        }
    }

    func run() throws {
        var checked: [CheckSummary.File] = []
        for file in files {
            let outcome = ProgressLine.shared.stage("\(file): check") { check(file) }
            checked.append(CheckSummary.File(path: file, outcome: outcome))
            guard format == .text else { continue }
            switch outcome {
            case .checked(let report):
                if files.count > 1 { try StandardOutput.write(line: TerminalText.escaped(file + ":")) }
                try StandardOutput.write(line: report.render())
            case .failed(let message):
                StandardError.write(message + "\n")
            }
        }
        let summary = CheckSummary(files: checked)
        switch format {
        case .text: if files.count > 1 { try StandardOutput.write(line: summary.summaryLine) }
        case .json: try StandardOutput.write(line: summary.json)
        }
        if let junit {
            do {
                // A report goes into an existing directory: a typo in the path is an error, not a
                // new tree of directories.
                try OutputFile.write(
                    Array(summary.junit.utf8), to: junit, protecting: files[0], creatingDirectory: false)
            } catch {
                throw ScriptInput.report(file: junit, String(describing: error))
            }
            if !quiet { StandardError.write("wrote \(junit)\n") }
        }
        if summary.exitStatus != 0 { throw ExitCode(summary.exitStatus) }
    }

    /// Evaluates and checks one file; bad input is its diagnostic, as printed.
    private func check(_ file: String) -> CheckSummary.Outcome {
        let evaluation: Evaluation
        do {
            evaluation = try ScriptInput.load(file).evaluate(output: of)
        } catch {
            return .failed(error.description)
        }
        let checked: Evaluation
        do {
            checked = expand ? try evaluation.expanded() : evaluation
        } catch {
            return .failed("\(file): error: \(error.description)")
        }
        var selections: [(leaf: NodeID, entry: Int?)] = []
        for name in wrt {
            do {
                let (variable, entry) = try checked.gradientTarget(named: name)
                selections.append((variable.id, entry))
            } catch {
                return .failed("\(file): error: \(error.description)")
            }
        }
        if selections.isEmpty { selections = checked.variables.filter { $0.isLeaf && !$0.isData }.map { ($0.id, nil) } }
        let tolerance = GradientCheck(relativeTolerance: rtol, absoluteTolerance: atol)
        // Expectations name the script's variables: checked on the evaluation before --expand.
        let expectations = Expectation.check(evaluation.checkableExpectations, in: evaluation.graph, within: tolerance)
        return .checked(
            CheckReport(
                graph: checked.graph, of: checked.output.id, selections: selections, check: tolerance,
                expectations: expectations))
    }
}
