import ArgumentParser
import GradVizEngine
import GradVizExplain
import GradVizNotation
import GradVizScript

extension ExplanationFormat: ExpressibleByArgument {}

/// `gradviz explain FILE --wrt NAME`: every chain-rule path from a variable to the output.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "List every path from a variable to the output with its chain-rule product, and check their sum.",
        discussion: """
            The products of local derivatives along the paths sum to the backward gradient \
            (the multivariable chain rule); the finite-difference estimate checks both. \
            The exit status is 0 whenever the explanation is printed, agreeing or not (the \
            verdict is in the output); `gradviz check` exits 1 on a disagreement.

            Example: gradviz explain samples/weight_sharing.grad --wrt w1 --format latex
            """
    )

    @Argument(help: "The .grad script.")
    var file: String

    @Flag(help: "Expand tensors into their scalar entries (neurons), named W1[1,2], h[3].")
    var expand = false

    @Option(help: "The variable, or tensor entry such as 'W1[1,2]', to differentiate with respect to.")
    var wrt: String

    @Option(help: "The variable differentiated (default: the script's output).")
    var of: String?

    @Option(help: "vars: paths over named variables; ops: over primitive ops.")
    var view: ViewKind = .vars

    @Option(
        help: """
            List at most this many paths, those of largest |product|: at most \(Explanation.maxListedPaths) \
            (asking for more is an error when there are more paths than that).
            """)
    var maxPaths: Int = 64

    @Option(help: ArgumentHelp(PathOrder.help))
    var pathOrder: PathOrder = .default

    @Option(help: "text, json, latex or markdown.")
    var format: ExplanationFormat = .text

    @Flag(help: "With --format latex: a complete document rather than an align* block.")
    var standalone = false

    @Option(help: "Significant digits of the numbers shown (text, latex, markdown).")
    var precision: Int = 6

    func validate() throws {
        guard maxPaths >= 0 else { throw ValidationError("--max-paths must be 0 or more") }
        if let problem = NumberFormat.precisionProblem(precision) { throw ValidationError(problem) }
    }

    func run() throws {
        let progress = ProgressLine.shared
        let evaluation = try progress.stage("\(file): evaluate") {
            try ScriptInput.evaluate(file, output: of, expand: expand)
        }
        let variable: Variable
        let entry: Int?
        do {
            (variable, entry) = try evaluation.gradientTarget(named: wrt)
        } catch {
            throw ScriptInput.report(file: file, error.description)
        }
        if let problem = Explanation.listingProblem(
            graph: evaluation.graph, wrt: variable.id, of: evaluation.output.id, view: view, maxPaths: maxPaths)
        {
            throw ScriptInput.report(file: file, "--max-paths: " + problem)
        }
        let text = progress.stage("\(file): explain") {
            let explanation = Explanation(
                graph: evaluation.graph, wrt: variable.id, of: evaluation.output.id, view: view, maxPaths: maxPaths,
                entry: entry, pathOrder: pathOrder)
            return explanation.render(
                format, numbers: NumberFormat(significantDigits: precision), standalone: standalone)
        }
        try StandardOutput.write(line: text)
    }
}
