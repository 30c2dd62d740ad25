import ArgumentParser
import Foundation

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
    /// (``InterruptCleanup``) from the start.
    static func main() {
        signal(SIGXFSZ, SIG_IGN)
        InterruptCleanup.install()
        main(nil)
    }
}
