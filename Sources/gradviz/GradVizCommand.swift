import ArgumentParser

/// `gradviz`: see and check how gradients flow through a computation graph.
///
/// A thin layer of argument parsing over the GradViz libraries. Exit status: 0 success,
/// 1 a gradient check failed, 2 bad input (with `file:line:column: error:` diagnostics),
/// 64 bad command-line usage.
@main
struct GradVizCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradviz",
        abstract: "See and check how gradients flow through a computation graph.",
        discussion: """
            Models are small `.grad` scripts: one `name = expression` per line. \
            Exit status: 0 success, 1 a gradient check failed, 2 bad input, 64 bad usage.
            """,
        subcommands: [EvalCommand.self, RenderCommand.self, FramesCommand.self, ExplainCommand.self, CheckCommand.self]
    )
}
