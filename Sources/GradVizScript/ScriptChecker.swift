import GradVizEngine

/// The checks that need the whole file but no values: names, reassignment, the constant
/// exponents of `^`, directives and module braces.
///
/// Everything is a linear pass over each expression's postfix items with explicit stacks.
struct ScriptChecker {
    struct Failure: Error {
        let line: Int
        /// Byte offset in the line; -1 for a problem of the whole file (reported at 1:1).
        let offset: Int
        let message: String
    }

    /// Every assigned name with where it is assigned.
    private(set) var definitions: [String: (line: Int, offset: Int)] = [:]
    /// The name of the output (after ``check(_:)``).
    private(set) var output = ""
    private(set) var labels: [String: String] = [:]
    /// The leaves named by `constant` directives: data, with no gradient.
    private(set) var data: Set<String> = []

    /// Checks the statements and marks the items of constant exponents as folded.
    mutating func check(_ statements: inout [Statement]) throws(Failure) {
        var firstDefinition: [String: Int] = [:]
        for statement in statements {
            if case .assignment(let name, _) = statement.kind, firstDefinition[name] == nil {
                firstDefinition[name] = statement.line
            }
        }
        var modules: [(name: String, line: Int, offset: Int)] = []
        var moduleNames: [String: Int] = [:]
        var outputDirective: (name: String, line: Int, offset: Int)?
        var labelDirectives: [(name: String, text: String, line: Int, offset: Int)] = []
        var labelLines: [String: Int] = [:]
        var dataDirectives: [(name: String, line: Int, offset: Int)] = []
        var dataLines: [String: Int] = [:]
        var leaves: Set<String> = []
        var expectations: [(syntax: ExpectationSyntax, line: Int)] = []
        var lastAssignment: (name: String, line: Int, offset: Int)?
        var computed = 0

        for index in statements.indices {
            let statement = statements[index]
            let line = statement.line
            switch statement.kind {
            case .assignment(let name, let expression):
                if let previous = definitions[name] {
                    throw Failure(
                        line: line, offset: statement.offset,
                        message: "'\(name)' is already defined at line \(previous.line); each name is assigned once")
                }
                var folded = expression
                try checkNames(in: expression, assigning: name, line: line, laterDefinitions: firstDefinition)
                try foldConstantExponents(in: &folded, line: line)
                statements[index].kind = .assignment(name: name, expression: folded)
                if expression.isLiteral { leaves.insert(name) } else { computed += 1 }
                definitions[name] = (line, statement.offset)
                lastAssignment = (name, line, statement.offset)
            case .output(let name):
                if let outputDirective {
                    throw Failure(
                        line: line, offset: statement.offset,
                        message: "the output is already chosen at line \(outputDirective.line)")
                }
                outputDirective = (name, line, statement.offset)
            case .label(let name, let text):
                if let previous = labelLines[name] {
                    throw Failure(
                        line: line, offset: statement.offset,
                        message: "'\(name)' already has a label at line \(previous)")
                }
                labelLines[name] = line
                labelDirectives.append((name, text, line, statement.offset))
            case .data(let names):
                for (name, offset) in names {
                    if let previous = dataLines[name] {
                        throw Failure(
                            line: line, offset: offset,
                            message: "'\(name)' is already marked as data at line \(previous)")
                    }
                    dataLines[name] = line
                    dataDirectives.append((name, line, offset))
                }
            case .beginModule(let name):
                if let previous = moduleNames[name] {
                    throw Failure(
                        line: line, offset: statement.offset,
                        message: "module '\(name)' is already defined at line \(previous)")
                }
                moduleNames[name] = line
                modules.append((name, line, statement.offset))
            case .expectation(let syntax):
                expectations.append((syntax, line))
            case .endModule:
                guard modules.popLast() != nil else {
                    throw Failure(
                        line: line, offset: statement.offset,
                        message: "'}' without a matching 'module NAME {'")
                }
            }
        }
        if let open = modules.last {
            throw Failure(
                line: open.line, offset: open.offset,
                message: "module '\(open.name)' is never closed: expected '}'")
        }
        guard let lastAssignment else {
            throw Failure(
                line: 1, offset: -1,
                message: "nothing to compute: the file has no assignments ('name = expression')")
        }
        guard computed > 0 else {
            throw Failure(
                line: lastAssignment.line, offset: lastAssignment.offset,
                message: "nothing to compute: every variable is a literal; add an expression such as 'L = (yhat - y)^2'"
            )
        }
        for label in labelDirectives where definitions[label.name] == nil {
            throw Failure(
                line: label.line, offset: label.offset,
                message: "label for unknown variable '\(label.name)'"
                    + Suggestion.didYouMean(label.name, among: definitions.keys.sorted()))
        }
        for label in labelDirectives { labels[label.name] = label.text }
        for entry in dataDirectives where !leaves.contains(entry.name) {
            throw Failure(
                line: entry.line, offset: entry.offset,
                message: definitions[entry.name] == nil
                    ? "'constant' names unknown variable '\(entry.name)'"
                        + Suggestion.didYouMean(entry.name, among: definitions.keys.sorted())
                    : "'\(entry.name)' is computed, not a leaf: only a variable assigned a literal can be data")
        }
        data = Set(dataDirectives.map(\.name))
        for (syntax, line) in expectations {
            let names: [String] =
                switch syntax.quantity {
                case .value(let name): [name]
                case .gradient(let of, let wrt): [of, wrt]
                }
            for (name, offset) in zip(names, syntax.nameOffsets) where definitions[name] == nil {
                throw Failure(
                    line: line, offset: offset,
                    message: "'expect' names unknown variable '\(name)'"
                        + Suggestion.didYouMean(name, among: definitions.keys.sorted()))
            }
            if case .gradient(_, let wrt) = syntax.quantity, data.contains(wrt) {
                throw Failure(
                    line: line, offset: syntax.nameOffsets[1],
                    message: "'\(wrt)' is data (marked 'constant'): it has no gradient to expect")
            }
        }
        if let outputDirective {
            guard definitions[outputDirective.name] != nil else {
                throw Failure(
                    line: outputDirective.line, offset: outputDirective.offset,
                    message: "unknown output '\(outputDirective.name)': no variable of that name"
                        + Suggestion.didYouMean(outputDirective.name, among: definitions.keys.sorted()))
            }
            output = outputDirective.name
        } else {
            output = lastAssignment.name
        }
    }

    /// Every name read must be assigned on an earlier line.
    private func checkNames(
        in expression: Expression, assigning assigned: String, line: Int, laterDefinitions: [String: Int]
    ) throws(Failure) {
        for item in expression.items {
            guard case .name(let name) = item.kind, definitions[name] == nil else { continue }
            let message: String
            if name == assigned {
                message = "'\(name)' is used in its own definition"
            } else if let later = laterDefinitions[name] {
                message = "'\(name)' is used before it is defined (at line \(later))"
            } else if Function.table[name] != nil {
                message = "'\(name)' is a function: call it as \(name)(…)"
            } else {
                message = "unknown name '\(name)'" + Suggestion.didYouMean(name, among: definitions.keys.sorted())
            }
            throw Failure(line: line, offset: item.offset, message: message)
        }
    }

    /// Checks that the exponent of every `^` is a constant and marks its items as folded.
    ///
    /// A constant is built from numbers with `+ - * / ^`, unary minus and the elementwise
    /// functions; the evaluator computes it as a plain number and records one constant node.
    private func foldConstantExponents(in expression: inout Expression, line: Int) throws(Failure) {
        let items = expression.items
        // Forward: the start of each item's subtree and whether the subtree is constant.
        var starts: [Int] = []
        var constants: [Bool] = []
        var exponentStart = [Int](repeating: -1, count: items.count)
        for (index, item) in items.enumerated() {
            switch item.kind {
            case .literal(let tensor):
                starts.append(index)
                constants.append(tensor.shape.isScalar)
            case .name:
                starts.append(index)
                constants.append(false)
            case .operation(let op):
                if op.arity == 1 {
                    let constant = (constants.popLast() ?? false) && (op == .neg || op.isElementwise)
                    constants.append(constant)
                } else {
                    let rhsStart = starts.popLast() ?? index
                    let rhsConstant = constants.popLast() ?? false
                    let lhsConstant = constants.popLast() ?? false
                    if op == .pow {
                        guard rhsConstant else {
                            throw Failure(
                                line: line, offset: item.offset, message: "exponent of '^' must be a constant")
                        }
                        exponentStart[index] = rhsStart
                    }
                    constants.append(lhsConstant && rhsConstant && op.isElementwise)
                }
            }
        }
        // Backward: mark each outermost exponent's range [start, index - 1] once.
        var low = Int.max
        var index = items.count - 1
        while index >= 0 {
            if index >= low {
                expression.items[index].folded = true
            } else if exponentStart[index] >= 0 {
                low = exponentStart[index]
            }
            index -= 1
        }
    }
}
