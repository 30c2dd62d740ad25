import ArgumentParser
import Foundation
import GradVizScript

/// A script as the command line's input: loading and evaluating it, and reporting what is wrong
/// with it (or with what was made of it) the way the rest of GradViz does, with status 2.
///
/// Every subcommand funnels script diagnostics, figure and render errors through here, so the
/// message format and the exit status are the same everywhere.
enum ScriptInput {
    /// Prints `message` (already in `file:line:column: error:` form, or prefixed here) to
    /// standard error and returns the exit code for bad input.
    static func report(_ message: String) -> ExitCode {
        StandardError.write(message + "\n")
        return ExitCode(2)
    }

    /// `file: error: message`, for failures that have no position in the file.
    static func report(file: String, _ message: String) -> ExitCode {
        report(line(file: file, message))
    }

    /// `file: error: message`, the line ``report(file:_:)`` prints.
    static func line(file: String, _ message: String) -> String { "\(file): error: \(message)" }

    /// Reads and checks a script, printing its warnings (`file:line:column: warning: …`) on
    /// standard error; they do not change the exit status.
    static func load(_ file: String) throws(Diagnostic) -> Script {
        let script = try Script.load(path: file)
        for warning in script.warnings {
            StandardError.write(warning.description + "\n")
        }
        return script
    }

    /// Loads and evaluates a script, reporting its diagnostic and exiting with status 2 on bad
    /// input.
    ///
    /// With `expand`, tensor variables are expanded into their scalar entries (`--expand`); a
    /// graph too large to expand is bad input too.
    static func evaluate(_ file: String, output: String?, expand: Bool = false) throws -> Evaluation {
        let outcome = evaluated(file, output: output, expand: expand) { warnings in
            for warning in warnings { StandardError.write(warning + "\n") }
        }
        switch outcome.result {
        case .success(let evaluation): return evaluation
        case .failure(let failure): throw report(failure.message)
        }
    }

    /// A failure to load, evaluate or expand a script: its line for standard error.
    struct Failure: Error {
        let message: String
    }

    /// ``evaluate(_:output:expand:)`` without printing: the script's warnings (also handed to
    /// `loaded` as soon as the script is read, before it is evaluated) and the evaluation or the
    /// line that says why there is none, for a caller that prints them later (a batch evaluates
    /// the next file while the previous one is laid out).
    static func evaluated(
        _ file: String, output: String?, expand: Bool, loaded: ([String]) -> Void = { _ in }
    ) -> (warnings: [String], result: Result<Evaluation, Failure>) {
        let script: Script
        do {
            script = try Script.load(path: file)
        } catch {
            return ([], .failure(Failure(message: error.description)))
        }
        let warnings = script.warnings.map(\.description)
        loaded(warnings)
        let evaluation: Evaluation
        do {
            evaluation = try script.evaluate(output: output)
        } catch {
            return (warnings, .failure(Failure(message: error.description)))
        }
        guard expand else { return (warnings, .success(evaluation)) }
        do {
            return (warnings, .success(try evaluation.expanded()))
        } catch {
            return (warnings, .failure(Failure(message: line(file: file, error.description))))
        }
    }
}
