import GradVizEngine

/// Turns the tokens of an expression into a postfix ``Expression`` with an operator-precedence
/// (shunting-yard) parser.
///
/// Operators and open parentheses wait on an explicit stack, so 10⁵ nested parentheses or
/// chained minus signs cost memory, not call depth, and parsing is linear in the line length.
/// Precedence, loosest first: `+ -` (left), `* / @` (left), unary `-`, `^` (right). So
/// `-x^2` is `-(x^2)`, `2*-x` and `x^-1` parse, and `a^b^c` is `a^(b^c)`.
struct ExpressionParser {
    private enum Pending {
        case operation(Op, offset: Int)
        /// An open parenthesis; `function` is set when it opened a call's argument list.
        case parenthesis(offset: Int, function: Op?, functionOffset: Int, commas: Int)
    }

    private let tokens: [Token]
    private let line: [UInt8]
    private var index: Int
    private var items: [Expression.Item] = []
    private var stack: [Pending] = []

    /// A parser for the expression starting at `tokens[start]` and running to the line's end.
    init(tokens: [Token], line: [UInt8], start: Int) {
        self.tokens = tokens
        self.line = line
        self.index = start
    }

    static func precedence(of op: Op) -> Int {
        switch op {
        case .add, .sub: 1
        case .mul, .div, .matmul: 2
        case .neg: 3
        case .pow: 4
        // Not operators: calls and operands never wait on the operator stack; they bind tightest.
        case .leaf, .constant, .relu, .sigmoid, .tanh, .exp, .log, .abs, .sqrt, .softplus, .sum, .mean, .mse,
            .softmax, .crossEntropy, .transpose, .identity, .maximum, .minimum, .leakyRelu, .logSoftmax:
            5
        }
    }

    static let binaryOperators: [UInt8: Op] = [
        UInt8(ascii: "+"): .add, UInt8(ascii: "-"): .sub, UInt8(ascii: "*"): .mul,
        UInt8(ascii: "/"): .div, UInt8(ascii: "@"): .matmul, UInt8(ascii: "^"): .pow,
    ]
    private static let closing = UInt8(ascii: ")")
    private static let comma = UInt8(ascii: ",")
    private static let minus = UInt8(ascii: "-")
    private static let opening = UInt8(ascii: "(")
    private static let bracket = UInt8(ascii: "[")

    mutating func parse() throws(LocatedError) -> Expression {
        var expectOperand = true
        while true {
            let token = tokens[index]
            if expectOperand {
                expectOperand = try !operand(token)
                continue
            }
            switch token.kind {
            case .symbol(let symbol) where ExpressionParser.binaryOperators[symbol] != nil:
                let op = ExpressionParser.binaryOperators[symbol] ?? .add
                let precedence = ExpressionParser.precedence(of: op)
                while case .operation(let top, let offset)? = stack.last {
                    let topPrecedence = ExpressionParser.precedence(of: top)
                    guard topPrecedence > precedence || (topPrecedence == precedence && op != .pow) else { break }
                    stack.removeLast()
                    try emit(top, offset)
                }
                stack.append(.operation(op, offset: token.offset))
                expectOperand = true
            case .symbol(ExpressionParser.closing):
                guard case .parenthesis(_, let function, let functionOffset, let commas) = try popToParenthesis() else {
                    throw LocatedError(token.offset, "unmatched ')'")
                }
                if let function {
                    guard commas + 1 == function.arity else {
                        throw LocatedError(
                            functionOffset,
                            "'\(function.scriptSpelling)' takes \(Function.arguments(function.arity)), got \(commas + 1)"
                        )
                    }
                    try emit(function, functionOffset)
                }
            case .symbol(ExpressionParser.comma):
                guard
                    case .parenthesis(let offset, let function?, let functionOffset, let commas) =
                        try popToParenthesis()
                else {
                    throw LocatedError(token.offset, "unexpected ',' outside the arguments of a function call")
                }
                stack.append(
                    .parenthesis(offset: offset, function: function, functionOffset: functionOffset, commas: commas + 1)
                )
                expectOperand = true
            case .end:
                while let pending = stack.popLast() {
                    switch pending {
                    case .operation(let op, let offset): try emit(op, offset)
                    case .parenthesis(let offset, _, _, _):
                        throw LocatedError(offset, "'(' is never closed: expected ')' before the end of the line")
                    }
                }
                return Expression(items: items)
            default:
                let expected =
                    stack.contains { if case .parenthesis = $0 { true } else { false } }
                    ? "an operator, ',' or ')'" : "an operator or the end of the line"
                var message = "expected \(expected), found \(token.quoted(in: line))"
                // `2w2` or `2(x + 1)`, as the notes write a product: name the missing `*`.
                if index > 0, case .number = tokens[index - 1].kind,
                    tokens[index - 1].offset + tokens[index - 1].length == token.offset
                {
                    let factor = tokens[index - 1].quoted(in: line).dropFirst().dropLast()
                    switch token.kind {
                    case .identifier(let name): message += "; to multiply, write '\(factor) * \(name)'"
                    case .symbol(UInt8(ascii: "(")): message += "; to multiply, write '\(factor) * (…)'"
                    default: break
                    }
                }
                throw LocatedError(token.offset, message)
            }
            index += 1
        }
    }

    /// Consumes what may start an operand: a literal or a name (returns `true`: the operand is
    /// complete), or a call's `name(`, `(` or a unary `-` (returns `false`: an operand follows).
    private mutating func operand(_ token: Token) throws(LocatedError) -> Bool {
        switch token.kind {
        case .number(let value):
            items.append(Expression.Item(kind: .literal(Tensor(value)), offset: token.offset))
            index += 1
            return true
        case .identifier(let name):
            guard tokens[index + 1].isSymbol("(") else {
                items.append(Expression.Item(kind: .name(name), offset: token.offset))
                index += 1
                return true
            }
            guard let function = Function.table[name] else {
                let suggestion = Suggestion.closest(to: name, among: Function.table.keys.sorted())
                throw LocatedError(
                    token.offset,
                    suggestion.map { "unknown function '\(name)'; did you mean '\($0)'?" }
                        ?? "unknown function '\(name)' (functions: \(Function.names)); "
                        + "to multiply by a variable '\(name)', write '\(name) * (…)'")
            }
            if tokens[index + 2].isSymbol(")") {
                throw LocatedError(token.offset, "'\(name)' takes \(Function.arguments(function.arity)), got 0")
            }
            stack.append(
                .parenthesis(
                    offset: tokens[index + 1].offset, function: function, functionOffset: token.offset, commas: 0))
            index += 2
            return false
        case .symbol(ExpressionParser.minus):
            stack.append(.operation(.neg, offset: token.offset))
            index += 1
            return false
        case .symbol(ExpressionParser.opening):
            stack.append(.parenthesis(offset: token.offset, function: nil, functionOffset: 0, commas: 0))
            index += 1
            return false
        case .symbol(ExpressionParser.bracket):
            let offset = token.offset
            let tensor = try tensorLiteral()
            items.append(Expression.Item(kind: .literal(tensor), offset: offset))
            return true
        default:
            if token.isSymbol("*"), index > 0, tokens[index - 1].isSymbol("*"),
                tokens[index - 1].offset + 1 == token.offset
            {
                throw LocatedError(tokens[index - 1].offset, "'**' is not an operator: use '^' for powers, as in x^2")
            }
            throw LocatedError(token.offset, "expected an expression, found \(token.quoted(in: line))")
        }
    }

    /// Pops and emits operators down to the innermost open parenthesis, which it pops and
    /// returns; `nil` when there is none.
    private mutating func popToParenthesis() throws(LocatedError) -> Pending? {
        while let pending = stack.popLast() {
            switch pending {
            case .operation(let op, let offset): try emit(op, offset)
            case .parenthesis: return pending
            }
        }
        return nil
    }

    /// Appends an operation; a unary minus directly on a literal negates the literal instead,
    /// so `-2` and `[-1, 2]`-style constants stay single constants.
    private mutating func emit(_ op: Op, _ offset: Int) throws(LocatedError) {
        if op == .neg, let last = items.last, case .literal(let tensor) = last.kind {
            let negated: Tensor
            do {
                negated = try Tensor(shape: tensor.shape, scalars: tensor.scalars.map { -$0 })
            } catch {
                throw LocatedError(offset, error.description)
            }
            items[items.count - 1] = Expression.Item(kind: .literal(negated), offset: offset)
            return
        }
        items.append(Expression.Item(kind: .operation(op), offset: offset))
    }

    // MARK: Tensor literals

    /// `[1, -2]` or `[[1, 2], [3, 4]]`, starting at the `[`; entries are signed numbers.
    private mutating func tensorLiteral() throws(LocatedError) -> Tensor {
        let open = tokens[index]
        index += 1
        guard tokens[index].isSymbol("[") else {
            let entries = try numbers(afterBracket: open)
            guard !entries.isEmpty else {
                throw LocatedError(open.offset, "empty tensor literal: a vector needs at least one entry")
            }
            return try tensor(at: open.offset) { () throws(GraphError) in try Tensor(entries) }
        }
        var rows: [[Double]] = []
        while true {
            let rowOpen = tokens[index]
            guard rowOpen.isSymbol("[") else {
                throw LocatedError(
                    rowOpen.offset,
                    "expected '[' to start row \(rows.count + 1) of the matrix literal, found \(rowOpen.quoted(in: line))"
                )
            }
            index += 1
            if tokens[index].isSymbol("[") {
                throw LocatedError(tokens[index].offset, "tensor literals have at most two dimensions")
            }
            let row = try numbers(afterBracket: rowOpen)
            guard !row.isEmpty else {
                throw LocatedError(rowOpen.offset, "empty row in matrix literal")
            }
            if let first = rows.first, first.count != row.count {
                throw LocatedError(
                    rowOpen.offset,
                    "ragged matrix literal: row \(rows.count + 1) has \(entries(row.count)), row 1 has \(entries(first.count))"
                )
            }
            rows.append(row)
            let next = tokens[index]
            index += 1
            if next.isSymbol("]") { break }
            guard next.isSymbol(",") else {
                throw LocatedError(next.offset, "expected ',' or ']' in matrix literal, found \(next.quoted(in: line))")
            }
        }
        return try tensor(at: open.offset) { () throws(GraphError) in try Tensor(rows) }
    }

    /// The signed numbers after a `[`, up to and including the closing `]`.
    private mutating func numbers(afterBracket open: Token) throws(LocatedError) -> [Double] {
        var entries: [Double] = []
        if tokens[index].isSymbol("]") {
            index += 1
            return entries
        }
        while true {
            var sign = 1.0
            if tokens[index].isSymbol("-") || tokens[index].isSymbol("+") {
                if tokens[index].isSymbol("-") { sign = -1 }
                index += 1
            }
            let token = tokens[index]
            guard case .number(let value) = token.kind else {
                throw LocatedError(
                    token.offset, "expected a number in tensor literal, found \(token.quoted(in: line))")
            }
            entries.append(sign * value)
            let next = tokens[index + 1]
            index += 2
            if next.isSymbol("]") { return entries }
            guard next.isSymbol(",") else {
                throw LocatedError(next.offset, "expected ',' or ']' in tensor literal, found \(next.quoted(in: line))")
            }
        }
    }

    private func entries(_ count: Int) -> String { count == 1 ? "1 entry" : "\(count) entries" }

    private func tensor(
        at offset: Int, _ make: () throws(GraphError) -> Tensor
    ) throws(LocatedError) -> Tensor {
        do {
            return try make()
        } catch {
            throw LocatedError(offset, error.description)
        }
    }
}
