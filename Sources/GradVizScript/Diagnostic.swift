import GradVizNotation

/// A problem in a `.grad` script, reported the way compilers do:
///
/// ```
/// model.grad:3:9: error: unknown name 'z'
/// y = x + z
///         ^
/// ```
///
/// Lines and columns start at 1; columns count characters (a tab is one column). The CLI prints
/// ``description`` on standard error and exits with status 2 for an error; a warning
/// (``Script/warnings``, such as a literal that underflows to 0) is printed the same way with
/// `warning:` and leaves the exit status alone.
public struct Diagnostic: Error, CustomStringConvertible, Sendable {
    /// Whether the script cannot be used (an error) or works but probably not as meant.
    public enum Severity: String, Sendable {
        case error, warning
    }

    /// The script's path as given by the caller.
    public let file: String
    /// The 1-based line of the problem; 0 for a problem of the whole file (missing, not text),
    /// printed without a position.
    public let line: Int
    /// The 1-based column of the problem, in characters.
    public let column: Int
    /// What is wrong, in one line.
    public let message: String
    /// The text of the offending line (without its line break), when there is one.
    public let sourceLine: String?
    /// Error or warning.
    public let severity: Severity

    /// A diagnostic at `line`:`column` of `file`.
    public init(
        file: String, line: Int, column: Int, message: String, sourceLine: String? = nil, severity: Severity = .error
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.sourceLine = sourceLine
        self.severity = severity
    }

    /// How much of a long source line is shown around the column.
    static let window = 100

    /// `FILE:LINE:COLUMN: error: MESSAGE` (`warning:` for a warning), then the source line and
    /// a caret under the column.
    ///
    /// Lines longer than a screen are shown as an excerpt around the column, marked with `…`.
    /// The file name, the message and the source line are escaped for a terminal
    /// (``TerminalText``): a control character or a bidirectional override in the script is
    /// shown as `\u{1B}`, and the caret still points at it. No trailing newline.
    public var description: String {
        let file = TerminalText.escaped(self.file, keepingLineBreaks: false)
        let message = TerminalText.escaped(self.message, keepingLineBreaks: false)
        guard line > 0 else { return "\(file): \(severity.rawValue): \(message)" }
        let header = "\(file):\(line):\(column): \(severity.rawValue): \(message)"
        guard let sourceLine else { return header }
        let characters = Array(sourceLine)
        var start = 0
        var end = characters.count
        if characters.count > Diagnostic.window {
            start = max(0, min(column - 1 - Diagnostic.window / 2, characters.count - Diagnostic.window))
            end = min(characters.count, start + Diagnostic.window)
        }
        var excerpt = start > 0 ? "…" : ""
        var caret = start > 0 ? " " : ""
        let caretColumn = min(max(column - 1, start), characters.count)
        for (index, character) in characters[start..<end].enumerated() {
            // A tab stays a tab (under it, the caret line has one too); anything a terminal
            // would act on is written as its escape, and the caret moves past all of it.
            let shown = character == "\t" ? "\t" : TerminalText.escaped(String(character), keepingLineBreaks: false)
            excerpt += shown
            if start + index < caretColumn {
                caret += character == "\t" ? "\t" : String(repeating: " ", count: shown.count)
            }
        }
        if end < characters.count { excerpt += "…" }
        caret.append("^")
        return header + "\n" + excerpt + "\n" + caret
    }
}
