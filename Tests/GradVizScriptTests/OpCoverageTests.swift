import Foundation
import GradVizEngine
import Testing

@testable import GradVizScript

/// Every op the engine computes can be written in a script, and the README lists exactly the
/// functions a script can call: adding an op without its spelling or its documentation fails here.
@Suite struct OpCoverageTests {
    /// The ops a script writes as an operator: `+ - * / @ ^` and unary `-`.
    static let operators: Set<Op> = Set(ExpressionParser.binaryOperators.values).union([.neg])

    @Test func everyComputingOpIsAnOperatorOrAFunction() {
        let functions = Set(Function.table.values)
        // An identity is written as a plain assignment, `a0 = x` (LanguageAdditionTests).
        for op in Op.allCases where op != .leaf && op != .constant && op != .identity {
            #expect(Self.operators.contains(op) || functions.contains(op), "no way to write \(op) in a script")
        }
    }

    @Test func everyFunctionTakesItsOpsNumberOfArguments() throws {
        for (name, op) in Function.table {
            let arguments = Array(repeating: "x", count: op.arity).joined(separator: ", ")
            let evaluation = try evaluate("x = [1, 2]\ny = \(name)(\(arguments))\n")
            let y = try #require(evaluation.variable(named: "y"))
            #expect(evaluation.graph.op(of: y.id) == op, "\(name)")
        }
    }

    @Test func theLanguageReferenceListsExactlyTheScriptFunctions() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Documentation/Language.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let start = try #require(text.range(of: "- **Functions**:"))
        let rest = text[start.upperBound...]
        let item = rest[..<(rest.range(of: "\n- ")?.lowerBound ?? rest.endIndex)]
        // Code spans: `relu sigmoid …` lists names; `mse(pred, target)` shows a call.
        let spans = item.split(separator: "`", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map(\.element)
        let names = spans.flatMap { span -> [String] in
            if let call = span.firstIndex(of: "(") { return [String(span[..<call])] }
            return span.split(separator: " ").map(String.init)
        }
        #expect(Set(names) == Set(Function.table.keys))
    }
}
