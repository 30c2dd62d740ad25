import ArgumentParser
import GradVizEngine
import GradVizExplain
import GradVizNotation
import GradVizScript

/// `gradviz eval FILE`: every named variable with its value and its gradient.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Print every named variable's value and gradient ∂output/∂variable.",
        discussion: "Example: gradviz eval samples/regression.grad --format json"
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "The .grad script.")
    var file: String

    @Flag(help: "Expand tensors into their scalar entries (neurons), named W1[1,2], h[3].")
    var expand = false

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(name: .customLong("of"), help: "The variable whose gradient is taken (default: the script's output).")
    var output: String?

    @Option(help: "Significant digits in text output.")
    var precision: Int = 6

    func validate() throws {
        if let problem = NumberFormat.precisionProblem(precision) { throw ValidationError(problem) }
    }

    func run() throws {
        let text = try ProgressLine.shared.stage("\(file): evaluate") {
            let evaluation = try ScriptInput.evaluate(file, output: output, expand: expand)
            let report = EvalReport(
                graph: evaluation.graph, output: evaluation.output.name,
                variables: evaluation.variables.map { (name: $0.name, id: $0.id) },
                expectations: Expectation.check(evaluation.checkableExpectations, in: evaluation.graph))
            switch format {
            case .json: return report.json + "\n"
            case .text: return report.text(NumberFormat(significantDigits: precision))
            }
        }
        try StandardOutput.write(Array(text.utf8))
    }
}
