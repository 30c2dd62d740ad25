import ArgumentParser
import GradVizEngine
import GradVizExplain
import GradVizScript

/// `gradviz check FILE`: backward gradient vs sum over paths vs finite differences, per leaf.
///
/// What a course runs in CI over its figures: exit 0 when everything agrees, 1 when any row
/// disagrees, 2 on bad input.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check backward gradients against path sums and finite differences (exit 1 on a mismatch)."
    )

    @Argument(help: "The .grad script.")
    var file: String

    @Flag(help: "Expand tensors into their scalar entries (neurons), named W1[1,2], h[3].")
    var expand = false

    @Option(parsing: .upToNextOption, help: "The leaves, or tensor entries such as 'W1[1,2]', to check (default: every leaf).")
    var wrt: [String] = []

    @Option(name: .customLong("of"), help: "The variable differentiated (default: the script's output).")
    var of: String?

    @Option(help: "Relative tolerance.")
    var rtol: Double = 1e-5

    @Option(help: "Absolute tolerance.")
    var atol: Double = 1e-6

    func validate() throws {
        guard rtol >= 0, atol >= 0 else { throw ValidationError("--rtol and --atol must not be negative") }
    }

    func run() throws {
        let evaluation = try InputError.evaluate(file, output: of, expand: expand)
        var selections: [(leaf: NodeID, entry: Int?)] = []
        for name in wrt {
            do {
                let (variable, entry) = try evaluation.gradientTarget(named: name)
                selections.append((variable.id, entry))
            } catch {
                throw InputError.report(file: file, error.description)
            }
        }
        if selections.isEmpty { selections = evaluation.variables.filter { $0.isLeaf && !$0.isData }.map { ($0.id, nil) } }
        let report = CheckReport(
            graph: evaluation.graph, of: evaluation.output.id, selections: selections,
            check: GradientCheck(relativeTolerance: rtol, absoluteTolerance: atol))
        print(report.render(), terminator: "")
        if !report.passed { throw ExitCode(1) }
    }
}
