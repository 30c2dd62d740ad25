import CGraphviz

/// Graphviz's error and warning messages, captured through `agseterrf` instead of being printed
/// to standard error.
///
/// cgraph reports through one process-wide callback that cannot carry a context, so the text
/// collects in a global buffer. It is only touched while `GraphvizSession`'s lock is held: every
/// call that can make Graphviz report happens under that lock.
enum GraphvizMessages {
    /// The text received since the last `reset()`.
    nonisolated(unsafe) private static var text = ""

    /// The callback handed to `agseterrf`. cgraph calls it several times per message (the level,
    /// then `": "`, then the formatted text).
    static let capture: @convention(c) (UnsafeMutablePointer<CChar>?) -> Int32 = { chunk in
        if let chunk { GraphvizMessages.text += String(cString: chunk) }
        return 0
    }

    /// Routes Graphviz's messages here, and reports warnings as well as errors.
    static func install() {
        _ = agseterrf(capture)
        _ = agseterr(AGWARN)
    }

    /// Forgets captured text and Graphviz's error count, before a new render.
    static func reset() {
        text = ""
        _ = agreseterrors()
    }

    /// The messages captured since the last reset, split into errors and warnings, each without
    /// its `Error:`/`Warning:` prefix. A line without a prefix continues the previous message.
    static func drain() -> (errors: [String], warnings: [String]) {
        defer { text = "" }
        var errors: [String] = []
        var warnings: [String] = []
        var current: (isError: Bool, lines: [Substring])?
        func flush() {
            guard let message = current else { return }
            let joined = message.lines.joined(separator: "\n")
            if message.isError { errors.append(joined) } else { warnings.append(joined) }
            current = nil
        }
        for line in text.split(whereSeparator: \.isNewline) {
            var trimmed = line.drop { $0 == " " }
            while trimmed.last?.isWhitespace == true { trimmed = trimmed.dropLast() }
            if trimmed.isEmpty { continue }
            if let rest = strip(prefix: "Error", from: trimmed) {
                flush()
                current = (true, [rest])
            } else if let rest = strip(prefix: "Warning", from: trimmed) {
                flush()
                current = (false, [rest])
            } else if current != nil {
                current?.lines.append(trimmed)
            } else {
                current = (false, [trimmed])
            }
        }
        flush()
        return (errors, warnings)
    }

    /// `line` after `prefix` and the `:` that follows it, or `nil` when the line does not start
    /// that way.
    private static func strip(prefix: String, from line: Substring) -> Substring? {
        guard line.hasPrefix(prefix + ":") else { return nil }
        return line.dropFirst(prefix.count + 1).drop { $0 == " " }
    }
}
