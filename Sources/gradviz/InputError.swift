import ArgumentParser
import Foundation
import GradVizScript

/// Reports bad input the way the rest of GradViz does and exits with status 2.
///
/// Every subcommand funnels script diagnostics, figure and render errors through here, so the
/// message format and the exit status are the same everywhere.
enum InputError {
    /// Prints `message` (already in `file:line:column: error:` form, or prefixed here) to
    /// standard error and returns the exit code for bad input.
    static func report(_ message: String) -> ExitCode {
        ProgressLine.shared.write(message + "\n")
        return ExitCode(2)
    }

    /// `file: error: message`, for failures that have no position in the file.
    static func report(file: String, _ message: String) -> ExitCode {
        report("\(file): error: \(message)")
    }

    /// Reads and checks a script, printing its warnings (`file:line:column: warning: …`) on
    /// standard error; they do not change the exit status.
    static func load(_ file: String) throws(Diagnostic) -> Script {
        let script = try Script.load(path: file)
        for warning in script.warnings {
            ProgressLine.shared.write(warning.description + "\n")
        }
        return script
    }

    /// Loads and evaluates a script, reporting its diagnostic and exiting with status 2 on bad
    /// input.
    ///
    /// With `expand`, tensor variables are expanded into their scalar entries (`--expand`); a
    /// graph too large to expand is bad input too.
    static func evaluate(_ file: String, output: String?, expand: Bool = false) throws -> Evaluation {
        let evaluation: Evaluation
        do {
            evaluation = try load(file).evaluate(output: output)
        } catch {
            throw report(error.description)
        }
        guard expand else { return evaluation }
        do {
            return try evaluation.expanded()
        } catch {
            throw report(file: file, error.description)
        }
    }
}
