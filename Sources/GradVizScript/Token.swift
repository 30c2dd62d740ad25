/// One lexical unit of a line of a `.grad` script.
struct Token {
    enum Kind: Equatable {
        /// A name: ASCII letters, digits and `_`, not starting with a digit.
        case identifier(String)
        /// A number literal such as `3`, `0.5` or `1e-3` (always non-negative and finite).
        case number(Double)
        /// A string literal with its escapes resolved.
        case string(String)
        /// One of `= + - * / ^ @ ( ) , [ ] { }`, as its ASCII code.
        case symbol(UInt8)
        /// The end of the line (or the start of a comment).
        case end
    }

    let kind: Kind
    /// 0-based offset of the first byte in the line's UTF-8.
    let offset: Int
    /// Length in bytes (0 for ``Kind/end``).
    let length: Int

    func isSymbol(_ symbol: Unicode.Scalar) -> Bool { kind == .symbol(UInt8(ascii: symbol)) }

    /// The token as a person would quote it in a message: `'x'`, `'3'`, `a string`, `end of line`.
    func quoted(in line: [UInt8]) -> String {
        switch kind {
        case .end: return "end of line"
        case .string: return "a string"
        default: return "'" + String(decoding: line[offset..<min(line.count, offset + length)], as: UTF8.self) + "'"
        }
    }
}
