/// Reads one line into a ``Statement`` (or nothing, for blank and comment lines).
///
/// A line is `name = expression`, `}`, or a directive: a line whose first word is `output`,
/// `label`, `constant`, `module` or `expect` and whose second token is not `=` (so those words
/// remain usable as variable names).
enum StatementParser {
    /// Parses the tokens of one statement; `line` is its text (lines joined by a space when a
    /// bracket continues it), which the tokens' offsets index.
    static func parse(_ tokens: [Token], _ line: [UInt8], number: Int) throws(LocatedError) -> Statement? {
        let first = tokens[0]
        switch first.kind {
        case .end:
            return nil
        case .symbol(UInt8(ascii: "}")):
            try expectEnd(tokens, at: 1, line, after: "'}'")
            return Statement(kind: .endModule, line: number, offset: first.offset)
        case .identifier(let word):
            let second = tokens[1]
            if second.isSymbol("=") {
                var parser = ExpressionParser(tokens: tokens, line: line, start: 2)
                var expression = try parser.parse()
                expression.source = text(line, from: tokens[2].offset, to: tokens[tokens.count - 1].offset)
                return Statement(
                    kind: .assignment(name: word, expression: expression), line: number, offset: first.offset)
            }
            switch word {
            case "output":
                let name = try identifier(tokens, at: 1, line, after: "'output'")
                try expectEnd(tokens, at: 2, line, after: "the output name")
                return Statement(kind: .output(name: name), line: number, offset: second.offset)
            case "label":
                let name = try identifier(tokens, at: 1, line, after: "'label'")
                guard case .string(let text) = tokens[2].kind else {
                    throw LocatedError(
                        tokens[2].offset,
                        "expected the label in double quotes after '\(name)', found \(tokens[2].quoted(in: line))")
                }
                guard !text.isEmpty else { throw LocatedError(tokens[2].offset, "empty label") }
                try expectEnd(tokens, at: 3, line, after: "the label")
                return Statement(kind: .label(name: name, text: text), line: number, offset: second.offset)
            case "constant":
                var names: [(name: String, offset: Int)] = []
                var index = 1
                while case .identifier(let name) = tokens[index].kind {
                    names.append((name, tokens[index].offset))
                    index += 1
                }
                guard !names.isEmpty else {
                    throw LocatedError(
                        tokens[1].offset,
                        "expected the names of data leaves after 'constant', found \(tokens[1].quoted(in: line))")
                }
                try expectEnd(tokens, at: index, line, after: "the names")
                return Statement(kind: .data(names: names), line: number, offset: second.offset)
            case "module":
                let name = try identifier(tokens, at: 1, line, after: "'module'")
                guard tokens[2].isSymbol("{") else {
                    throw LocatedError(
                        tokens[2].offset, "expected '{' after the module name, found \(tokens[2].quoted(in: line))")
                }
                try expectEnd(tokens, at: 3, line, after: "'{'")
                return Statement(kind: .beginModule(name: name), line: number, offset: second.offset)
            case "expect":
                return Statement(kind: .expectation(try expectation(tokens, line)), line: number, offset: second.offset)
            default:
                throw LocatedError(
                    second.offset, "expected '=' after '\(word)', found \(second.quoted(in: line))")
            }
        default:
            throw LocatedError(
                first.offset,
                "expected a statement ('name = expression' or a directive), found \(first.quoted(in: line))")
        }
    }

    /// `expect NAME = LITERAL [within NUMBER]` or `expect dOF/dWRT = LITERAL [within NUMBER]`.
    private static func expectation(_ tokens: [Token], _ line: [UInt8]) throws(LocatedError) -> ExpectationSyntax {
        let form = "'expect NAME = number' or 'expect dL/dNAME = number'"
        guard case .identifier(let first) = tokens[1].kind else {
            throw LocatedError(tokens[1].offset, "expected \(form), found \(tokens[1].quoted(in: line))")
        }
        let quantity: Script.Expectation.Quantity
        let nameOffsets: [Int]
        var index: Int
        if tokens[2].isSymbol("/") {
            guard first.count > 1, first.hasPrefix("d") else {
                throw LocatedError(
                    tokens[1].offset, "a gradient is written 'dL/dNAME' (d, then the variable), found '\(first)'")
            }
            guard case .identifier(let second) = tokens[3].kind, second.count > 1, second.hasPrefix("d") else {
                throw LocatedError(
                    tokens[3].offset,
                    "expected 'dNAME' after '\(first)/' (the gradient d\(first.dropFirst())/dNAME), found \(tokens[3].quoted(in: line))"
                )
            }
            quantity = .gradient(of: String(first.dropFirst()), wrt: String(second.dropFirst()))
            nameOffsets = [tokens[1].offset + 1, tokens[3].offset + 1]
            index = 4
        } else {
            quantity = .value(first)
            nameOffsets = [tokens[1].offset]
            index = 2
        }
        guard tokens[index].isSymbol("=") else {
            throw LocatedError(
                tokens[index].offset,
                "expected '=' and the expected number after 'expect \(text(line, from: tokens[1].offset, to: tokens[index - 1].offset + tokens[index - 1].length))', found \(tokens[index].quoted(in: line))"
            )
        }
        index += 1
        let literalStart = index
        // The literal runs to `within` (outside brackets) or the end of the line.
        var depth = 0
        var withinIndex: Int?
        while tokens[index].kind != .end {
            if tokens[index].isSymbol("[") || tokens[index].isSymbol("(") { depth += 1 }
            if tokens[index].isSymbol("]") || tokens[index].isSymbol(")") { depth -= 1 }
            if depth == 0, tokens[index].kind == .identifier("within") {
                withinIndex = index
                break
            }
            index += 1
        }
        let literalEnd = withinIndex ?? index
        guard literalEnd > literalStart else {
            throw LocatedError(
                tokens[literalStart].offset,
                "expected the expected number after '=' (a number, [1, 2] or [[1, 2], [3, 4]]), found \(tokens[literalStart].quoted(in: line))"
            )
        }
        var literalTokens = Array(tokens[literalStart..<literalEnd])
        literalTokens.append(Token(kind: .end, offset: tokens[literalEnd].offset, length: 0))
        var parser = ExpressionParser(tokens: literalTokens, line: line, start: 0)
        let expression = try parser.parse()
        guard expression.isLiteral, case .literal(let expected) = expression.items[0].kind else {
            throw LocatedError(
                tokens[literalStart].offset,
                "an expectation is a number, a vector [1, 2] or a matrix [[1, 2], [3, 4]], not an expression")
        }
        var tolerance: Double?
        var end = literalEnd
        if let withinIndex {
            guard case .number(let value) = tokens[withinIndex + 1].kind else {
                throw LocatedError(
                    tokens[withinIndex + 1].offset,
                    "expected a tolerance after 'within' (an absolute difference such as 1e-3), found \(tokens[withinIndex + 1].quoted(in: line))"
                )
            }
            tolerance = value
            end = withinIndex + 2
            guard case .end = tokens[end].kind else {
                throw LocatedError(
                    tokens[end].offset,
                    "unexpected \(tokens[end].quoted(in: line)) after the tolerance: an expectation takes the whole line"
                )
            }
        }
        return ExpectationSyntax(
            quantity: quantity, expected: expected, tolerance: tolerance, nameOffsets: nameOffsets,
            source: text(line, from: tokens[0].offset, to: tokens[end].offset))
    }

    /// Bytes `from..<to` of the line as one line of text: runs of spaces and tabs as one space.
    private static func text(_ line: [UInt8], from: Int, to: Int) -> String {
        var bytes: [UInt8] = []
        for byte in line[min(from, line.count)..<min(max(from, to), line.count)] {
            let blank = byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
            if blank {
                if bytes.last != UInt8(ascii: " ") { bytes.append(UInt8(ascii: " ")) }
            } else {
                bytes.append(byte)
            }
        }
        while bytes.last == UInt8(ascii: " ") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func identifier(
        _ tokens: [Token], at index: Int, _ line: [UInt8], after what: String
    ) throws(LocatedError) -> String {
        guard case .identifier(let name) = tokens[index].kind else {
            throw LocatedError(
                tokens[index].offset, "expected a name after \(what), found \(tokens[index].quoted(in: line))")
        }
        return name
    }

    private static func expectEnd(
        _ tokens: [Token], at index: Int, _ line: [UInt8], after what: String
    ) throws(LocatedError) {
        guard case .end = tokens[index].kind else {
            throw LocatedError(
                tokens[index].offset,
                "unexpected \(tokens[index].quoted(in: line)) after \(what): a directive takes the whole line")
        }
    }
}
