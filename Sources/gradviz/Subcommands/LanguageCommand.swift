import ArgumentParser
import GradVizScript

/// `gradviz language`: the `.grad` language summary and its functions (also `gradviz help
/// language`).
struct LanguageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "language",
        abstract: "Print a summary of the .grad script language and its functions.",
        discussion: Script.languageSummary
    )

    func run() throws {
        try StandardOutput.write(line: Script.languageSummary)
    }
}
