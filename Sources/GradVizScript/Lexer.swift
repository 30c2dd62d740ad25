/// Splits one line of a script into tokens.
///
/// The grammar is ASCII (names, numbers, operators), so the lexer reads UTF-8 bytes; any other
/// character is only allowed inside a string or a comment. Whitespace is spaces and tabs; `#`
/// outside a string starts a comment that runs to the end of the line. Every token list ends
/// with an ``Token/Kind/end`` token placed just after the last token, where "expected …" errors
/// at the end of a line point.
enum Lexer {
    static func tokens(in line: [UInt8]) throws(LocatedError) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        var end = 0
        scanning: while i < line.count {
            let c = line[i]
            let start = i
            switch c {
            case space, tab:
                i += 1
                continue scanning
            case hash:
                break scanning
            case _ where isIdentifierStart(c):
                while i < line.count, isIdentifierStart(line[i]) || isDigit(line[i]) { i += 1 }
                tokens.append(
                    Token(
                        kind: .identifier(String(decoding: line[start..<i], as: UTF8.self)), offset: start,
                        length: i - start))
            case _ where isDigit(c) || (c == dot && i + 1 < line.count && isDigit(line[i + 1])):
                let value = try number(in: line, at: &i)
                tokens.append(Token(kind: .number(value), offset: start, length: i - start))
            case quote:
                let text = try string(in: line, at: &i)
                tokens.append(Token(kind: .string(text), offset: start, length: i - start))
            case _ where symbols.contains(c):
                i += 1
                tokens.append(Token(kind: .symbol(c), offset: start, length: 1))
            default:
                throw LocatedError(
                    start, "unexpected character \(describeCharacter(at: start, in: line))" + hint(at: start, in: line))
            }
            end = i
        }
        tokens.append(Token(kind: .end, offset: end, length: 0))
        return tokens
    }

    /// `digits [. digits] [e [+-] digits]` or `. digits …`; `i` is left after the number.
    private static func number(in line: [UInt8], at i: inout Int) throws(LocatedError) -> Double {
        let start = i
        while i < line.count, isDigit(line[i]) { i += 1 }
        if i < line.count, line[i] == dot {
            i += 1
            while i < line.count, isDigit(line[i]) { i += 1 }
        }
        if i < line.count, line[i] == UInt8(ascii: "e") || line[i] == UInt8(ascii: "E") {
            var j = i + 1
            if j < line.count, line[j] == UInt8(ascii: "+") || line[j] == UInt8(ascii: "-") { j += 1 }
            guard j < line.count, isDigit(line[j]) else {
                let text = String(decoding: line[start..<j], as: UTF8.self)
                throw LocatedError(start, "malformed number '\(text)': expected digits in the exponent")
            }
            i = j
            while i < line.count, isDigit(line[i]) { i += 1 }
        }
        let text = String(decoding: line[start..<i], as: UTF8.self)
        guard let value = Double(text) else {
            throw LocatedError(start, "malformed number '\(text)'")
        }
        guard value.isFinite else {
            throw LocatedError(start, "number '\(text)' is too large (not a finite Double)")
        }
        return value
    }

    /// Why a number literal does not read as written though it is finite, or `nil` when it
    /// does: `text` has a nonzero digit but its `value` is 0 (`1e-400`), or it is subnormal,
    /// below the smallest normal Double, where precision runs out (`2.5e-310`). A warning, not
    /// an error: the script still means something, but probably not what was written.
    static func underflow(_ text: ArraySlice<UInt8>, value: Double) -> String? {
        guard value == 0 || value.isSubnormal else { return nil }
        let mantissa = text.prefix { $0 != UInt8(ascii: "e") && $0 != UInt8(ascii: "E") }
        guard mantissa.contains(where: { isDigit($0) && $0 != UInt8(ascii: "0") }) else { return nil }
        let written = String(decoding: text, as: UTF8.self)
        if value == 0 {
            return "number '\(written)' is too small for a Double and reads as 0"
        }
        // A subnormal keeps the bits from its exponent down to 2⁻¹⁰⁷⁴ (a normal Double has 53).
        let bits = Int(value.exponent) + 1075
        return "number '\(written)' is below the smallest normal Double (\(Double.leastNormalMagnitude)) "
            + "and keeps only \(bits) of 53 bits of precision"
    }

    /// A string in double quotes with `\"` and `\\` escapes; `i` starts at the opening quote.
    private static func string(in line: [UInt8], at i: inout Int) throws(LocatedError) -> String {
        let start = i
        var bytes: [UInt8] = []
        i += 1
        while i < line.count {
            let c = line[i]
            if c == quote {
                i += 1
                return String(decoding: bytes, as: UTF8.self)
            }
            if c == backslash {
                guard i + 1 < line.count else { break }
                let escaped = line[i + 1]
                guard escaped == quote || escaped == backslash else {
                    let shown = describeCharacter(at: i + 1, in: line, quoted: false)
                    throw LocatedError(i, "unknown escape '\\\(shown)' in string (only \\\" and \\\\ are allowed)")
                }
                bytes.append(escaped)
                i += 2
            } else {
                bytes.append(c)
                i += 1
            }
        }
        throw LocatedError(start, "unterminated string: missing closing '\"'")
    }

    /// How many `(` and `[` the tokens leave open (never negative).
    static func openBrackets(in tokens: [Token]) -> Int {
        var depth = 0
        for token in tokens {
            if token.isSymbol("(") || token.isSymbol("[") {
                depth += 1
            } else if token.isSymbol(")") || token.isSymbol("]") {
                depth = max(0, depth - 1)
            }
        }
        return depth
    }

    /// Whether a line's tokens start a statement of their own (`name =` or `}`), which never
    /// continues an expression.
    static func startsStatement(_ tokens: [Token]) -> Bool {
        if tokens[0].isSymbol("}") { return true }
        guard case .identifier = tokens[0].kind, tokens.count > 1 else { return false }
        return tokens[1].isSymbol("=")
    }

    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")
    private static let hash = UInt8(ascii: "#")
    private static let dot = UInt8(ascii: ".")
    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")
    private static let symbols: Set<UInt8> = Set("=+-*/^@(),[]{}".utf8)

    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    static func isIdentifierStart(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
    }

    /// The character starting at byte `offset`: `'é' (U+00E9)`, or just `U+00A0` for one that
    /// does not show.
    static func describeCharacter(at offset: Int, in line: [UInt8], quoted: Bool = true) -> String {
        guard let character = String(decoding: line[offset...], as: UTF8.self).first else { return "end of line" }
        let codes = character.unicodeScalars.map { "U+" + hex($0.value) }.joined(separator: " ")
        let visible = character.unicodeScalars.allSatisfy {
            !$0.properties.isWhitespace && $0.properties.generalCategory != .control
                && $0.properties.generalCategory != .format
        }
        guard quoted else { return visible ? String(character) : codes }
        return visible ? "'\(character)' (\(codes))" : codes
    }

    /// What to write instead of a character the language does not have, as the lecture notes
    /// write it: `w2 · h`, `W × x`, `ŷ − y`, `x²`, or a display label without its quotes.
    static func hint(at offset: Int, in line: [UInt8]) -> String {
        guard let character = String(decoding: line[offset...], as: UTF8.self).first else { return "" }
        switch character {
        case "·", "×", "⋅", "∗", "✕": return ": write '*' to multiply"
        case "−", "–", "—": return ": write '-' for minus"
        case "÷", "∕": return ": write '/' to divide"
        case "²": return ": write '^2' for a square"
        case "³": return ": write '^3' for a cube"
        case "√": return ": write 'sqrt(…)'"
        default: break
        }
        guard character.isLetter else { return "" }
        let words = String(decoding: line, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\t" })
        if words.first == "label", words.count >= 2 {
            return ": a display label is written in double quotes: label \(words[1]) \"…\""
        }
        return ": names are ASCII letters, digits and '_'; give a name a display form with label NAME \"…\""
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
