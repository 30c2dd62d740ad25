/// Reads one line into a ``Statement`` (or nothing, for blank and comment lines).
///
/// A line is `name = expression`, `}`, or a directive: a line whose first word is `output`,
/// `label`, `constant` or `module` and whose second token is not `=` (so those words remain
/// usable as variable names).
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
        case let .identifier(word):
            let second = tokens[1]
            if second.isSymbol("=") {
                var parser = ExpressionParser(tokens: tokens, line: line, start: 2)
                let expression = try parser.parse()
                return Statement(kind: .assignment(name: word, expression: expression), line: number, offset: first.offset)
            }
            switch word {
            case "output":
                let name = try identifier(tokens, at: 1, line, after: "'output'")
                try expectEnd(tokens, at: 2, line, after: "the output name")
                return Statement(kind: .output(name: name), line: number, offset: second.offset)
            case "label":
                let name = try identifier(tokens, at: 1, line, after: "'label'")
                guard case let .string(text) = tokens[2].kind else {
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
                while case let .identifier(name) = tokens[index].kind {
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

    private static func identifier(
        _ tokens: [Token], at index: Int, _ line: [UInt8], after what: String
    ) throws(LocatedError) -> String {
        guard case let .identifier(name) = tokens[index].kind else {
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
