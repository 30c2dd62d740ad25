/// Standard error, the one way the command line writes a message there (a note, a warning, an
/// error, `wrote PATH`): a progress line being shown is cleared first, so the message starts on
/// a line of its own and the progress line comes back under it, and every message is escaped for
/// a terminal (``ProgressLine/writeAbove(_:)``).
enum StandardError {
    /// Writes `message` (with its own line ending) to standard error.
    static func write(_ message: String) {
        ProgressLine.shared.writeAbove(message)
    }
}
