import GradVizEngine
import Testing

@testable import GradVizScript

/// `expect` lines: what they read as, where a malformed one is reported, and that they change
/// nothing the script computes.
@Suite struct ExpectationSyntaxTests {
    static let regression =
        "x = 3\nw1 = 5\nb1 = 2\nw2 = 2\nb2 = 3\ny = 40\nyhat = w2 * (w1 * x + b1) + b2\nL = (yhat - y)^2\n"

    @Test func valueAndGradientFormsReadWithTheirToleranceAndPlace() throws {
        let source = Self.regression + "expect yhat = 37\n  expect dL/dw1 = -18 within 1e-3   # missing w2\n"
        let script = try Script(source: source, file: "r.grad")
        let expectations = script.expectations
        #expect(expectations.count == 2)
        #expect(expectations[0].quantity == .value("yhat"))
        #expect(expectations[0].expected == Tensor(37))
        #expect(expectations[0].tolerance == nil)
        #expect(expectations[0].line == 9 && expectations[0].column == 8)
        #expect(expectations[0].source == "expect yhat = 37")
        #expect(expectations[1].quantity == .gradient(of: "L", wrt: "w1"))
        #expect(expectations[1].expected == Tensor(-18))
        #expect(expectations[1].tolerance == 1e-3)
        #expect(expectations[1].line == 10 && expectations[1].column == 10)
        #expect(expectations[1].source == "expect dL/dw1 = -18 within 1e-3")
        #expect(expectations[1].subject == "dL/dw1")
    }

    @Test func vectorAndMatrixLiteralsMayRunOverSeveralLines() throws {
        let source =
            "x = [1, 2]\nW = [[1, 2], [3, 4]]\nz = W @ x\nL = sum(z)\n"
            + "expect z = [5, 11]\nexpect dL/dW = [[1, 2],\n               [1, 2]] within 0\nexpect L = 16\n"
        let expectations = try Script(source: source, file: "m.grad").expectations
        #expect(expectations.map(\.line) == [5, 6, 8])
        #expect(expectations[0].expected == (try Tensor([5, 11])))
        #expect(expectations[1].expected == (try Tensor([[1, 2], [1, 2]])))
        #expect(expectations[1].tolerance == 0)
        #expect(expectations[1].source == "expect dL/dW = [[1, 2], [1, 2]] within 0")
    }

    @Test func expectationsChangeNothingTheScriptComputes() throws {
        let plain = try evaluate(Self.regression)
        let expecting = try evaluate("expect L = 9\n" + Self.regression + "expect dL/dw1 = -36\n")
        #expect(expecting.graph.count == plain.graph.count)
        #expect(expecting.output.name == "L")
        #expect(expecting.variables.map(\.name) == plain.variables.map(\.name))
        #expect(expecting.expectations.count == 2)
        #expect(plain.expectations.isEmpty)
        // `expect` stays usable as a variable name.
        let named = try evaluate("expect = 2\nL = expect * 3\n")
        #expect(named.value("L") == 6)
    }

    @Test func anAssignmentKeepsItsExpressionAsWrittenForMessages() throws {
        let evaluation = try evaluate(Self.regression)
        let assignment = try #require(evaluation.assignment(of: "yhat"))
        #expect(assignment.expression == "w2 * (w1 * x + b1) + b2")
        #expect(assignment.reads == ["w2", "w1", "x", "b1", "b2"])
        #expect(evaluation.assignment(of: "nothing") == nil)
    }

    @Test func malformedExpectLinesAreReportedWhereTheyGoWrong() {
        let base = "x = 3\nw1 = 2\nL = w1 * x\n"
        expectDiagnostic(
            base + "expect\n", line: 4, column: 7, "expected 'expect NAME = number' or 'expect dL/dNAME = number'")
        expectDiagnostic(
            base + "expect L\n", line: 4, column: 9, "expected '=' and the expected number after 'expect L'")
        expectDiagnostic(base + "expect L =\n", line: 4, column: 11, "expected the expected number after '='")
        expectDiagnostic(base + "expect L = x\n", line: 4, column: 12, "not an expression")
        expectDiagnostic(base + "expect L = 2 * 3\n", line: 4, column: 12, "not an expression")
        expectDiagnostic(base + "expect L = 6 within\n", line: 4, column: 20, "expected a tolerance after 'within'")
        expectDiagnostic(base + "expect L = 6 within 1 2\n", line: 4, column: 23, "after the tolerance")
        expectDiagnostic(base + "expect dL/w1 = 3\n", line: 4, column: 11, "expected 'dNAME' after 'dL/'")
        expectDiagnostic(base + "expect L/dw1 = 3\n", line: 4, column: 8, "a gradient is written 'dL/dNAME'")
        expectDiagnostic(base + "expect dL/dq = 3\n", line: 4, column: 12, "'expect' names unknown variable 'q'")
        expectDiagnostic(base + "expect dLL/dw1 = 3\n", line: 4, column: 9, "unknown variable 'LL'; did you mean 'L'?")
        expectDiagnostic(base + "expect Lx = 3\n", line: 4, column: 8, "unknown variable 'Lx'")
        expectDiagnostic(base + "expect L = [1, 2\n", line: 4, column: 17, "expected ',' or ']'")
        expectDiagnostic(
            "x = 3\nconstant x\nw = 2\nL = w * x\nexpect dL/dx = 2\n", line: 5, column: 12,
            "'x' is data (marked 'constant'): it has no gradient to expect")
    }

    @Test func theLanguageSummaryShowsTheStatement() {
        let summary = Script.languageSummary
        #expect(summary.contains("expect yhat = 37"))
        #expect(summary.contains("expect dL/dw1 = -36"))
        #expect(summary.contains("within"))
    }
}
