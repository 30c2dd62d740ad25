import Foundation
import GradVizEngine

/// A `.grad` script, read and checked: the model a teacher writes, ready to evaluate.
///
/// ```
/// # the lecture's regression
/// x = 3
/// w1 = 5
/// yhat = w2 * (w1 * x + b1) + b2
/// L = (yhat - y)^2
/// ```
///
/// Creating a script lexes, parses and checks everything that does not need values: syntax,
/// names, functions and their argument counts, literals, directives and module braces. Shapes
/// and finiteness are checked by ``evaluate(output:)``. Every problem is a ``Diagnostic`` at
/// the line and column that caused it.
public struct Script: Sendable {
    /// The path or name the script was read from, used in diagnostics.
    public let file: String
    /// The source as UTF-8, and the byte range of each line without its line break.
    let bytes: [UInt8]
    let lineRanges: [Range<Int>]
    /// The statements in file order.
    let statements: [Statement]
    /// The output chosen in the file: the `output` directive's name or the last assignment.
    let defaultOutput: String
    /// Display labels given with `label` directives.
    let labels: [String: String]
    /// Leaves marked as data with `constant` directives.
    let data: Set<String>
    /// Every assigned name with its line and byte offset.
    let definitions: [String: (line: Int, offset: Int)]
    /// What reads as meant but probably is not, in file order: a nonzero literal that
    /// underflows to 0 or to a subnormal Double (`1e-400`). Callers print them (the CLI on
    /// standard error, `file:line:column: warning: …`); they never stop a script.
    public let warnings: [Diagnostic]

    /// Reads and checks a script.
    ///
    /// - Parameters:
    ///   - source: The script's text. Lines may end in LF, CRLF or CR; a leading byte-order mark
    ///     is ignored.
    ///   - file: The name diagnostics report (usually the path).
    /// - Throws: ``Diagnostic`` for the first problem in the file.
    public init(source: String, file: String) throws(Diagnostic) {
        var bytes = Array(source.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        self.file = file
        self.bytes = bytes
        self.lineRanges = Script.lineRanges(of: bytes)

        var statements: [Statement] = []
        var warnings: [Diagnostic] = []
        var index = 0
        while index < lineRanges.count {
            let first = index + 1
            do {
                let (text, tokens, next) = try Script.logicalLine(startingAt: index, of: bytes, lineRanges)
                index = next
                for token in tokens {
                    guard case .number(let value) = token.kind,
                        let message = Lexer.underflow(text[token.offset..<token.offset + token.length], value: value)
                    else { continue }
                    warnings.append(
                        Script.diagnostic(
                            file, bytes, lineRanges, line: first, offset: token.offset, message, severity: .warning))
                }
                if let statement = try StatementParser.parse(tokens, text, number: first) {
                    statements.append(statement)
                }
            } catch {
                throw Script.diagnostic(file, bytes, lineRanges, line: first, offset: error.offset, error.message)
            }
        }
        var checker = ScriptChecker()
        do {
            try checker.check(&statements)
        } catch {
            throw Script.diagnostic(file, bytes, lineRanges, line: error.line, offset: error.offset, error.message)
        }
        self.statements = statements
        self.defaultOutput = checker.output
        self.labels = checker.labels
        self.data = checker.data
        self.definitions = checker.definitions
        self.warnings = warnings
    }

    /// Reads and checks the script at `path`.
    ///
    /// - Throws: ``Diagnostic`` of the whole file (line 0, printed `FILE: error: …`) when the
    ///   file is missing, unreadable, a directory or not UTF-8 text, or too large to evaluate
    ///   within the process's memory limits (see `ScriptMemory`); otherwise as
    ///   ``init(source:file:)``.
    public static func load(path: String) throws(Diagnostic) -> Script {
        if path == "-" {
            // The throwing read: a closed standard input is a diagnostic, not a stop.
            let data: Data
            do {
                data = try FileHandle.standardInput.readToEnd() ?? Data()
            } catch {
                throw Diagnostic(file: standardInputName, line: 0, column: 0, message: "cannot read standard input")
            }
            return try load(data: data, file: standardInputName)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Diagnostic(file: path, line: 0, column: 0, message: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw Diagnostic(file: path, line: 0, column: 0, message: "is a directory, not a .grad script")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Diagnostic(file: path, line: 0, column: 0, message: "cannot read the file")
        }
        return try load(data: data, file: path)
    }

    /// How diagnostics name a script read from standard input (`-` as the path).
    public static let standardInputName = "<stdin>"

    private static func load(data: Data, file: String) throws(Diagnostic) -> Script {
        if let problem = ScriptMemory.problem(sourceBytes: data.count) {
            throw Diagnostic(file: file, line: 0, column: 0, message: problem)
        }
        guard let source = String(validating: data, as: UTF8.self) else {
            throw Diagnostic(file: file, line: 0, column: 0, message: "the file is not UTF-8 text")
        }
        return try Script(source: source, file: file)
    }

    /// The statement starting at line `index` (0-based): its text, its tokens and the index of
    /// the line after it.
    ///
    /// A line that ends inside `(` or `[` continues on the next, so a matrix can be written one
    /// row per line, unless the next line starts a statement of its own (`name =` or `}`): then
    /// the bracket is reported as never closed. The text is the lines joined by one space, so a
    /// byte offset past the end of the first line counts on into the next ones (as
    /// ``diagnostic(_:_:_:line:offset:_:)`` reads it).
    static func logicalLine(
        startingAt index: Int, of bytes: [UInt8], _ lineRanges: [Range<Int>]
    ) throws(LocatedError) -> (text: [UInt8], tokens: [Token], next: Int) {
        var text = Array(bytes[lineRanges[index]])
        var tokens = try Lexer.tokens(in: text)
        var next = index + 1
        while next < lineRanges.count, Lexer.openBrackets(in: tokens) > 0 {
            let line = Array(bytes[lineRanges[next]])
            let more: [Token]
            do {
                more = try Lexer.tokens(in: line)
            } catch {
                throw LocatedError(text.count + 1 + error.offset, error.message)
            }
            if Lexer.startsStatement(more) { break }
            let shift = text.count + 1
            if more.count > 1 {
                // The statement's end moves to this line; a blank or comment line keeps it where
                // the last token was, so "expected ']'" at the end of a file points there.
                tokens.removeLast()
                tokens += more.map { Token(kind: $0.kind, offset: $0.offset + shift, length: $0.length) }
            }
            text.append(UInt8(ascii: " "))
            text += line
            next += 1
        }
        return (text, tokens, next)
    }

    /// The byte ranges of the lines, split at LF, CRLF and CR (line breaks excluded).
    static func lineRanges(of bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0x0A || byte == 0x0D {
                ranges.append(start..<i)
                i += byte == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A ? 2 : 1
                start = i
            } else {
                i += 1
            }
        }
        ranges.append(start..<bytes.count)
        return ranges
    }

    /// A diagnostic at byte `offset` of `line` (1-based) of this script, with the source line.
    func diagnostic(line: Int, offset: Int, _ message: String) -> Diagnostic {
        Script.diagnostic(file, bytes, lineRanges, line: line, offset: offset, message)
    }

    /// A diagnostic whose column counts the characters before byte `offset` of the line; a
    /// negative offset is a problem of the whole file, at column 1 without a source line.
    static func diagnostic(
        _ file: String, _ bytes: [UInt8], _ lineRanges: [Range<Int>], line: Int, offset: Int, _ message: String,
        severity: Diagnostic.Severity = .error
    ) -> Diagnostic {
        guard line >= 1, line <= lineRanges.count, offset >= 0 else {
            return Diagnostic(file: file, line: line, column: 1, message: message, severity: severity)
        }
        // An offset past the end of the line lies in a continuation line of the statement.
        var line = line
        var offset = offset
        while offset > lineRanges[line - 1].count, line < lineRanges.count {
            offset -= lineRanges[line - 1].count + 1
            line += 1
        }
        let range = lineRanges[line - 1]
        let text = bytes[range]
        let prefix = text.prefix(max(0, offset))
        let column =
            prefix.allSatisfy { $0 < 0x80 }
            ? prefix.count + 1 : String(decoding: prefix, as: UTF8.self).count + 1
        return Diagnostic(
            file: file, line: line, column: column, message: message,
            sourceLine: String(decoding: text, as: UTF8.self), severity: severity)
    }
}
