import ArgumentParser
import Foundation
import GradVizNotation

/// `gradviz`: see and check how gradients flow through a computation graph.
///
/// A thin layer of argument parsing over the GradViz libraries. Exit status: 0 success,
/// 1 a gradient check failed, 2 bad input (with `file:line:column: error:` diagnostics),
/// 64 bad command-line usage.
@main
struct GradVizCommand: ParsableCommand {
    /// What `gradviz --version` prints.
    static let version = "gradviz 0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "gradviz",
        abstract: "See and check how gradients flow through a computation graph.",
        discussion: """
            Models are small `.grad` scripts: one `name = expression` per line. \
            Exit status: 0 success, 1 a gradient check failed, 2 bad input, 64 bad usage. \
            A FILE of '-' reads standard input. 'gradviz language' summarises the script language.

            Example: gradviz render samples/regression.grad -o output/ --format svg,png
            """,
        version: GradVizCommand.version,
        subcommands: [
            EvalCommand.self, RenderCommand.self, FramesCommand.self, ExplainCommand.self, CheckCommand.self,
            LanguageCommand.self,
        ]
    )

    /// Sets up the process, then parses the arguments and runs the command.
    ///
    /// SIGXFSZ is ignored: past a file-size limit (`ulimit -f`), `write(2)` then fails with
    /// EFBIG, which is reported like a full disk (exit 2, temporaries removed) instead of the
    /// signal killing the process part way. SIGINT and SIGTERM get the process's one handler
    /// (``InterruptCleanup``) when the first temporary is made, not here: the handler runs on
    /// a thread of its own, and a batch forks its workers only while the process has one.
    ///
    /// Parsing and running are ArgumentParser's `main()` spelled out, so that its messages,
    /// which echo option values as typed (`unknown format '…'`), reach standard error through
    /// ``ProgressLine/write(_:)`` and are escaped for the terminal like every other message;
    /// help and `--version` go to standard output through ``StandardOutput``.
    static func main() {
        signal(SIGXFSZ, SIG_IGN)
        do {
            var command = try parseAsRoot(nil)
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                if code == .success {
                    if (try? StandardOutput.write(line: TerminalText.escaped(message))) == nil { Foundation.exit(2) }
                } else {
                    StandardError.write(message + "\n")
                }
            }
            Foundation.exit(code.rawValue)
        }
    }
}
