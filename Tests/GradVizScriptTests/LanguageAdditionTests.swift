import Foundation
import GradVizEngine
import Testing

@testable import GradVizScript

/// What new users reach for first: identity lines, data leaves, multi-line brackets, `**`,
/// class indices in `cross_entropy`, `max` and `min`.
@Suite struct LanguageAdditionTests {
    // MARK: Identity nodes

    @Test func anIdentityLineIsANodeOfItsOwnWithDerivativeOne() throws {
        let e = try evaluate("x = 3\nw = -2\na0 = x\nL = (w * a0)^2")
        let a0 = try #require(e.variable(named: "a0"))
        let x = try #require(e.variable(named: "x"))
        #expect(a0.id != x.id)
        #expect(e.graph.op(of: a0.id) == .identity)
        #expect(e.graph.inputs(of: a0.id) == [x.id])
        #expect(e.graph.localDerivative(of: a0.id, input: 0) == 1)
        #expect(e.value("a0") == 3)
        // ∂L/∂x = ∂L/∂a0 · 1 = 2(w·x)·w
        #expect(e.gradient("x") == 24)
        #expect(e.gradient("a0") == 24)
        #expect(!a0.isLeaf)
    }

    @Test func aParenthesisedNameIsAnIdentityToo() throws {
        let e = try evaluate("x = 1\ny = (x)\nz = y * 2")
        #expect(e.graph.op(of: try #require(e.variable(named: "y")).id) == .identity)
        #expect(e.gradient("x") == 2)
    }

    @Test func identityOfATensorKeepsItsShape() throws {
        let e = try evaluate("x = [1, 2]\na = x\nL = sum(a * a)")
        #expect(e.graph.shape(of: try #require(e.variable(named: "a")).id) == .vector(2))
        #expect(close(e.gradientTensor("x"), [2, 4]))
    }

    // MARK: Data leaves

    @Test func constantMarksLeavesAsData() throws {
        let e = try evaluate("constant x y\nx = 2\nw = 3\ny = 1\nL = (w * x - y)^2")
        #expect(e.variable(named: "x")?.isData == true)
        #expect(e.variable(named: "y")?.isData == true)
        #expect(e.variable(named: "w")?.isData == false)
        #expect(e.graph.isData(try #require(e.variable(named: "x")).id))
        #expect(!e.graph.wantsGradient(try #require(e.variable(named: "y")).id))
        #expect(e.gradient("w") == 20)  // data changes nothing about the other gradients
    }

    @Test func constantMayFollowTheAssignmentsAndSpanOneLinePerName() throws {
        let e = try evaluate("x = 2\ny = 1\nL = x * y\nconstant x\nconstant y")
        #expect(e.variables.filter(\.isData).map(\.name) == ["x", "y"])
    }

    @Test func constantRejectsComputedUnknownAndRepeatedNames() {
        expectDiagnostic("x = 1\nh = x * 2\nconstant h", line: 3, column: 10, "'h' is computed, not a leaf")
        expectDiagnostic(
            "x = 1\nh = x * 2\nconstant xx", line: 3, column: 10, "unknown variable 'xx'; did you mean 'x'?")
        expectDiagnostic(
            "constant x\nx = 1\nconstant x\nh = x * 2", line: 3, column: 10, "already marked as data at line 1")
        expectDiagnostic("x = 1\nh = x * 2\nconstant", line: 3, column: 9, "expected the names of data leaves")
        expectDiagnostic("x = 1\nh = x * 2\nconstant x 2", line: 3, column: 12, "unexpected '2' after the names")
    }

    @Test func constantIsStillAVariableName() throws {
        let e = try evaluate("constant = 2\nx = constant * 3")
        #expect(e.value("x") == 6)
    }

    @Test func gradientTargetRefusesDataAndSuggestsCloseNames() throws {
        let e = try evaluate("constant y\nw1 = 3\ny = 1\nL = (w1 - y)^2")
        #expect(throws: Evaluation.TargetError.self) { try e.gradientTarget(named: "y") }
        do {
            _ = try e.gradientTarget(named: "y")
        } catch {
            #expect(error.description.contains("'y' is data"))
        }
        do {
            _ = try e.gradientTarget(named: "w2")
        } catch {
            #expect(error.description == "unknown variable 'w2' for --wrt; did you mean 'w1'?")
        }
        #expect(try e.gradientTarget(named: "w1").variable.name == "w1")
    }

    // MARK: Multi-line brackets

    @Test func aMatrixMayBeWrittenOneRowPerLine() throws {
        let e = try evaluate(
            """
            W = [[1, 2],   # first row
                 [3, 4]]
            x = [1,
                 -1]
            h = W @ (x +
                     1)
            L = sum(h)
            """)
        #expect(e.tensor("W") == (try Tensor([[1, 2], [3, 4]])))
        #expect(close(e.tensor("h"), [2, 6]))
        #expect(e.variable(named: "h")?.line == 5)
        #expect(e.variable(named: "L")?.line == 7)
    }

    @Test func errorsOnAContinuationLinePointAtThatLine() {
        expectDiagnostic("x = 1\ny = (x +\n     z)", line: 3, column: 6, "unknown name 'z'")
        expectDiagnostic("x = 1\ny = [1,\n  2, a]", line: 3, column: 6, "expected a number in tensor literal")
        expectDiagnostic("x = [1, 2]\nW = [[1, 2],\n     [3]]\nh = W @ x", line: 3, column: 6, "ragged matrix literal")
        expectDiagnostic(
            "x = [1, 2]\ny = [1,\n 2]\nz = x +\n y", line: 4, column: 8, "expected an expression, found end of line")
    }

    @Test func anUnclosedBracketAtTheEndOfTheFileIsReportedOnItsLastLine() {
        expectDiagnostic(
            "x = [1, 2\n\n# done\n", line: 1, column: 10, "expected ',' or ']' in tensor literal, found end of line")
        expectDiagnostic("x = 1\ny = (x +\n  2\n\n", line: 2, column: 5, "'(' is never closed")
    }

    @Test func anUnclosedBracketBeforeTheNextStatementIsReportedAtTheBracket() {
        expectDiagnostic("x = 1\ny = (x + 1\nz = y * 2", line: 2, column: 5, "'(' is never closed")
        expectDiagnostic("x = 1\ny = relu(x\n\nz = 3", line: 2, column: 9, "'(' is never closed")
    }

    // MARK: `**`

    @Test func doubleStarSuggestsTheCaret() {
        expectDiagnostic("x = 2\ny = x ** 2", line: 2, column: 7, "use '^' for powers")
        // Two separate stars are still the plain error.
        expectDiagnostic("x = 2\ny = x * * 2", line: 2, column: 9, "expected an expression, found '*'")
    }

    // MARK: cross_entropy with class indices

    @Test func crossEntropyWithAClassIndexEqualsTheOneHotTarget() throws {
        let indexed = try evaluate("z = [1, -2, 0.5]\nL = cross_entropy(z, 2)")
        let oneHot = try evaluate("z = [1, -2, 0.5]\nL = cross_entropy(z, [0, 0, 1])")
        #expect(close(indexed.value("L"), try #require(oneHot.value("L"))))
        #expect(close(indexed.gradientTensor("z"), try #require(oneHot.gradientTensor("z")).scalars))
        // −log softmax(z)[2], by hand.
        let lse = log(exp(1) + exp(-2) + exp(0.5))
        #expect(close(indexed.value("L"), lse - 0.5))
    }

    @Test func crossEntropyOfAMatrixTakesOneIndexPerRow() throws {
        let indexed = try evaluate("Z = [[1, 2], [0, -1], [3, 3]]\nL = cross_entropy(Z, [1, 0, 0])")
        let oneHot = try evaluate("Z = [[1, 2], [0, -1], [3, 3]]\nL = cross_entropy(Z, [[0, 1], [1, 0], [1, 0]])")
        #expect(close(indexed.value("L"), try #require(oneHot.value("L"))))
        #expect(close(indexed.gradientTensor("Z"), try #require(oneHot.gradientTensor("Z")).scalars))
    }

    @Test func aClassIndexOutOfRangeOrFractionalIsAnError() {
        expectDiagnostic(
            "z = [1, 2]\nL = cross_entropy(z, 2)", line: 2, column: 5,
            "not a whole number in 0...1 (indices are 0-based)")
        expectDiagnostic("z = [1, 2]\nL = cross_entropy(z, 0.5)", line: 2, column: 5, "class index 0.5")
        expectDiagnostic("z = [1, 2]\nL = cross_entropy(z, -1)", line: 2, column: 5, "class index -1")
        expectDiagnostic("Z = [[1, 2], [3, 4]]\nL = cross_entropy(Z, [0, 1, 1])", line: 2, column: 5, "shape mismatch")
    }

    /// A class index of magnitude 2⁶³ or more is a whole number no `Int` holds: the located
    /// error, not a trap, as a literal, a constant leaf and an entry of a per-row vector.
    @Test func aClassIndexTooLargeForAnIntegerIsTheSameLocatedError() {
        expectDiagnostic(
            "z = [1, 2]\nL = cross_entropy(z, 1e19)", line: 2, column: 5,
            "class index 1e+19 of 'cross_entropy' is not a whole number in 0...1")
        expectDiagnostic("z = [1, 2]\nL = cross_entropy(z, -1e300)", line: 2, column: 5, "class index -1e+300")
        expectDiagnostic(
            "z = [1, 2]\nt = 9.3e18\nconstant t\nL = cross_entropy(z, t)", line: 4, column: 5, "class index 9.3e+18")
        expectDiagnostic(
            "Z = [[1, 2], [3, 4]]\nL = cross_entropy(Z, [0, 1e19])", line: 2, column: 5, "class index 1e+19")
        expectDiagnostic("z = [1, 2]\nL = cross_entropy(z, 9.2e18)", line: 2, column: 5, "class index 9.2e+18")
        expectDiagnostic("z = [1, 2]\nL = cross_entropy(z, 3)", line: 2, column: 5, "class index 3 of")
    }

    // MARK: max and min

    @Test func maxAndMinPickAnInputAndPassItTheGradient() throws {
        let e = try evaluate("a = 3\nb = -1\nM = max(a, b)\nm = min(a, b)\nL = 2 * M + 5 * m")
        #expect(e.value("M") == 3)
        #expect(e.value("m") == -1)
        #expect(e.gradient("a") == 2)
        #expect(e.gradient("b") == 5)
        #expect(e.graph.kinks.isEmpty)
    }

    @Test func aTieIsAKinkThatSplitsTheGradientLikePyTorch() throws {
        let e = try evaluate("a = 2\nb = 2\nL = max(a, b) + 3 * min(a, b)")
        #expect(e.gradient("a") == 2)  // ½ + 3·½
        #expect(e.gradient("b") == 2)
        #expect(e.graph.kinks.count == 2)
    }

    @Test func maxBroadcastsAScalarAndRecordsKinksPerEntry() throws {
        let e = try evaluate("x = [-1, 0, 2]\nh = max(x, 0)\nL = sum(h)")
        #expect(close(e.tensor("h"), [0, 0, 2]))
        #expect(close(e.gradientTensor("x"), [0, 0.5, 1]))
        #expect(e.graph.isKink(try #require(e.variable(named: "h")).id))
    }

    @Test func maxTakesTwoArgumentsAndMisspeltFunctionsGetASuggestion() {
        expectDiagnostic("x = 1\ny = max(x)", line: 2, column: 5, "'max' takes 2 arguments, got 1")
        expectDiagnostic(
            "x = 1\ny = sigmod(x)", line: 2, column: 5, "unknown function 'sigmod'; did you mean 'sigmoid'?")
        expectDiagnostic("x = 1\ny = qqqq(x)", line: 2, column: 5, "unknown function 'qqqq' (functions: ")
        expectDiagnostic(
            "weight = 1\ny = wieght * 2", line: 2, column: 5, "unknown name 'wieght'; did you mean 'weight'?")
    }
}
