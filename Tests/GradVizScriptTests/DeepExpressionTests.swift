import GradVizEngine
import Testing

@testable import GradVizScript

/// Very long and very deeply nested expressions evaluate (or fail cleanly) without recursion.
///
/// Each case uses 10⁵ levels or terms for real: a recursive parser or evaluator would overflow
/// the stack here.
@Suite struct DeepExpressionTests {
    static let n = 100_000

    @Test func hundredThousandNestedParentheses() throws {
        let source =
            "x = 3\ny = " + String(repeating: "(", count: Self.n) + "x * 2" + String(repeating: ")", count: Self.n)
        let run = try evaluate(source)
        #expect(run.value("y") == 6)
        #expect(run.gradient("x") == 2)
    }

    @Test func hundredThousandNestedParenthesesWithAnOperationAtEachLevel() throws {
        // (((x + 1) + 1) … + 1): y = x + n, dy/dx = 1.
        let source =
            "x = 3\ny = " + String(repeating: "(", count: Self.n) + "x" + String(repeating: " + 1)", count: Self.n)
        let run = try evaluate(source)
        #expect(run.value("y") == Double(3 + Self.n))
        #expect(run.gradient("x") == 1)
    }

    @Test func hundredThousandNestedCalls() throws {
        // relu(relu(…relu(x)…)) with x = 3 is 3, with derivative 1 through every relu.
        let source =
            "x = 3\ny = " + String(repeating: "relu(", count: Self.n) + "x" + String(repeating: ")", count: Self.n)
        let run = try evaluate(source)
        #expect(run.value("y") == 3)
        #expect(run.gradient("x") == 1)
        #expect(run.graph.count == Self.n + 1)
    }

    @Test func hundredThousandChainedUnaryMinuses() throws {
        // An odd number of minus signs negates: y = −x, dy/dx = −1.
        let source = "x = 3\ny = " + String(repeating: "-", count: Self.n + 1) + "x"
        let run = try evaluate(source)
        #expect(run.value("y") == -3)
        #expect(run.gradient("x") == -1)
    }

    @Test func hundredThousandUnaryMinusesOnALiteral() throws {
        let source = "x = 3\ny = x * " + String(repeating: "-", count: Self.n + 1) + "2"
        let run = try evaluate(source)
        #expect(run.value("y") == -6)
        #expect(run.graph.count == 3)  // x, the constant −2 and the product
    }

    @Test func hundredThousandTermSum() throws {
        let source = "x = 3\ny = " + Array(repeating: "x", count: Self.n).joined(separator: " + ")
        let run = try evaluate(source)
        #expect(run.value("y") == Double(3 * Self.n))
        #expect(run.gradient("x") == Double(Self.n))
    }

    @Test func hundredThousandTermMixedPrecedence() throws {
        // x*2 - x*2 + x*2 - … : pairs cancel; with an odd count the result is 2x.
        let terms = (0..<(Self.n + 1)).map { $0 == 0 ? "x * 2" : $0 % 2 == 0 ? "+ x * 2" : "- x * 2" }
        let run = try evaluate("x = 3\ny = " + terms.joined(separator: " ") + "\n")
        #expect(run.value("y") == 6)
        #expect(run.gradient("x") == 2)
    }

    @Test func hundredThousandLevelRightAssociativePowerOfOnes() throws {
        // x^1^1^…^1 = x^(1^(1^…)) = x.
        let source = "x = 3\ny = x" + String(repeating: "^1", count: Self.n)
        let run = try evaluate(source)
        #expect(run.value("y") == 3)
        #expect(run.gradient("x") == 1)
        #expect(run.graph.count == 3)  // x, one folded constant exponent, the power
    }

    @Test func rightAssociativePowerChainThatOverflowsFailsAtTheOverflowingPower() {
        // x^2^2^…^2: from the right 2^2 = 4, 2^4 = 16, 2^16 = 65536, 2^65536 = inf at the
        // fourth '^' from the right. The k-th '^' is at column 2k + 4 of "y = x^2^2…".
        let m = Self.n
        expectDiagnostic(
            "x = 3\ny = x" + String(repeating: "^2", count: m), line: 2, column: 2 * (m - 3) + 4,
            "'^' produced a non-finite value (inf)")
    }

    @Test func powerChainOfVariablesIsRejectedNotRecursed() {
        // x^x^…^x: the innermost exponent (the last '^', column 2k + 4 for k = n − 1) is checked first.
        let source = "x = 3\ny = " + Array(repeating: "x", count: Self.n).joined(separator: "^")
        expectDiagnostic(source, line: 2, column: 2 * (Self.n - 1) + 4, "exponent of '^' must be a constant")
    }

    @Test func hundredThousandUnclosedParenthesesFailCleanly() {
        let source = "x = 3\ny = " + String(repeating: "(", count: Self.n) + "x"
        expectDiagnostic(source, line: 2, column: 4 + Self.n, "'(' is never closed")
    }

    @Test func hundredThousandLineChain() throws {
        var lines = ["x0 = 1"]
        for i in 1..<Self.n { lines.append("x\(i) = x\(i - 1) + 1") }
        let run = try evaluate(lines.joined(separator: "\n"))
        #expect(run.variables.count == Self.n)
        #expect(run.output.name == "x\(Self.n - 1)")
        #expect(run.value("x\(Self.n - 1)") == Double(Self.n))
        #expect(run.gradient("x0") == 1)
    }
}
