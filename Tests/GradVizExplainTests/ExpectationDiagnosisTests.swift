import Foundation
import GradVizEngine
import GradVizExplain
import GradVizNotation
import GradVizScript
import Testing

/// GradVizExplain's expectation (Swift Testing has an `Expectation` of its own).
private typealias HandExpectation = GradVizExplain.Expectation

/// Hand-worked numbers checked against the graph, and where a wrong one went wrong, on the
/// lecture's cases. Reference numbers are worked by hand (closed forms below), not read back
/// from the engine.
@Suite struct ExpectationDiagnosisTests {
    /// The script's `expect` lines checked, as `gradviz check` reads them.
    static func check(_ source: String, within check: GradientCheck = GradientCheck()) throws -> [ExpectationResult] {
        let evaluation = try Script(source: source, file: "t.grad").evaluate()
        let expectations = evaluation.expectations.map { written -> HandExpectation in
            let id = { (name: String) in evaluation.variable(named: name)?.id ?? NodeID(-1) }
            switch written.quantity {
            case .value(let name):
                let definition = evaluation.assignment(of: name).map {
                    HandExpectation.Definition(expression: $0.expression, operands: $0.reads.map(id))
                }
                return HandExpectation(
                    quantity: .value(id(name)), expected: written.expected, tolerance: written.tolerance,
                    line: written.line, source: written.source,
                    definition: evaluation.variable(named: name)?.isLeaf == true ? nil : definition)
            case .gradient(let of, let wrt):
                return HandExpectation(
                    quantity: .gradient(of: id(of), wrt: id(wrt)), expected: written.expected,
                    tolerance: written.tolerance, line: written.line, source: written.source)
            }
        }
        return HandExpectation.check(expectations, in: evaluation.graph, within: check)
    }

    static let weightSharing = """
        x1 = 2
        w1 = 0.5
        y = 1
        a1 = sigmoid(w1 * x1)
        a2 = tanh(w1 * x1)
        o = sigmoid(a1 + a2)
        l = (o - y)^2

        """

    /// The two paths of the shared weight by hand: ∂ℓ/∂o·∂o/∂a₁·∂a₁/∂w₁ and the same through a₂.
    static var weightSharingPaths: (upper: Double, lower: Double) {
        let a1 = 1 / (1 + exp(-1.0))
        let a2 = tanh(1.0)
        let o = 1 / (1 + exp(-(a1 + a2)))
        let dl = 2 * (o - 1) * o * (1 - o)
        return (dl * a1 * (1 - a1) * 2, dl * (1 - a2 * a2) * 2)
    }

    static let regression =
        "x = 3\nw1 = 5\nb1 = 2\nw2 = 2\nb2 = 3\ny = 40\nyhat = w2 * (w1 * x + b1) + b2\nL = (yhat - y)^2\n"

    @Test func oneOfTheSharedWeightsTwoPathsAloneIsNamedWithTheOtherAndTheSum() throws {
        let (upper, lower) = Self.weightSharingPaths
        #expect(abs(upper - -0.02163) < 1e-5 && abs(lower - -0.0462) < 1e-4)
        let results = try Self.check(Self.weightSharing + "expect dl/dw1 = -0.0462\nexpect dl/dw1 = -0.02163\n")
        #expect(results.allSatisfy { !$0.passed })
        #expect(abs(results[0].actual.scalar - (upper + lower)) < 1e-12)
        #expect(
            results[0].diagnosis
                == "your −0.0462 is the path w₁ → a₂ → o → ℓ alone; ∂ℓ/∂w₁ also has the path w₁ → a₁ → o → ℓ, −0.02163, and their sum is −0.06782"
        )
        #expect(
            results[1].diagnosis
                == "your −0.02163 is the path w₁ → a₁ → o → ℓ alone; ∂ℓ/∂w₁ also has the path w₁ → a₂ → o → ℓ, −0.0462, and their sum is −0.06782"
        )
    }

    @Test func theRightSumWithinToleranceIsNeverReportedAsAMissingPath() throws {
        let (upper, lower) = Self.weightSharingPaths
        let sum = String(format: "%.5f", upper + lower)
        let results = try Self.check(
            Self.weightSharing + "expect dl/dw1 = \(sum) within 1e-5\nexpect dl/dw1 = \(sum)\n")
        #expect(results[0].passed && results[0].diagnosis == nil)
        // Past the default tolerance the same digits are the right value rounded, not a path.
        let rounded = try #require(results[1].diagnosis)
        #expect(!results[1].passed)
        #expect(rounded.contains("rounded") && rounded.contains("tolerance"))
        #expect(!rounded.contains("path"))
    }

    @Test func theRightValueWithTheWrongSign() throws {
        let results = try Self.check(Self.regression + "expect dL/dw2 = 102\n")
        #expect(results[0].diagnosis == "your 102 has the wrong sign: ∂L/∂w₂ = −102")
    }

    @Test func theRegressionsMissingLocalDerivativeIsNamedWithItsRightValue() throws {
        // ∂L/∂w₁ = 2(ŷ − y)·w₂·x = 2·(37 − 40)·2·3 = −36; the new user's 2(ŷ − y)·x = −18 misses w₂.
        let results = try Self.check(Self.regression + "expect dL/dw1 = -18\nexpect dL/dw1 = -6\n")
        let missingW2 = try #require(results[0].diagnosis)
        #expect(missingW2.hasPrefix("your −18 leaves out one local derivative, "))
        #expect(missingW2.contains("= w₂ = 2, a factor of ∂ŷ/∂w₁ = 6, on the path w₁ → ŷ → L; with it, ∂L/∂w₁ = −36"))
        // Leaving out the whole vars edge ∂ŷ/∂w₁ = w₂·x = 6 is named in the vars view.
        #expect(
            results[1].diagnosis
                == "your −6 leaves out one local derivative, ∂ŷ/∂w₁ = 6, on the path w₁ → ŷ → L; with it, ∂L/∂w₁ = −36")
    }

    @Test func aWrongValueIsReportedWithItsExpressionAndOperands() throws {
        let results = try Self.check(Self.regression + "expect yhat = 36\nexpect L = 9\nexpect w1 = 4\n")
        #expect(
            results[0].diagnosis
                == "yhat = w2 * (w1 * x + b1) + b2 is 37 with w2 = 2, w1 = 5, x = 3, b1 = 2, b2 = 3, not 36")
        #expect(results[1].passed)
        #expect(results[2].diagnosis == "w1 is 5, not 4")
    }

    @Test func theFullyConnectedWeightsPathThroughTheLowerUnitAlone() throws {
        let source = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../samples/fully_connected.grad"), encoding: .utf8)
        // By hand: one path runs through a₂⁽²⁾, the other through a₁⁽²⁾.
        func σ(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
        let a11 = σ(0.1 - 0.4)
        let a21 = σ(0.3 + 0.8)
        let a12 = σ(0.5 * a11 - 0.6 * a21)
        let a22 = σ(0.7 * a11 + 0.8 * a21)
        let o = 0.9 * a12 - a22
        let common = 2 * (o - 1)
        let into = a11 * (1 - a11) * 1
        let throughLower = common * -1.0 * a22 * (1 - a22) * 0.7 * into
        let throughUpper = common * 0.9 * a12 * (1 - a12) * 0.5 * into
        let written = String(format: "%.4g", throughLower)
        let all = try Self.check(
            source + "expect dl/dw_11_1 = \(written)\nexpect dl/da1_1 = \(throughLower + throughUpper)\n")
        // The sample's own expectations hold; the two added last are the student's.
        #expect(all.dropLast(2).allSatisfy { $0.passed })
        let results = Array(all.suffix(2))
        let diagnosis = try #require(results[0].diagnosis)
        #expect(diagnosis.hasPrefix("your \(written) is the path w₁,₁⁽¹⁾ → a₁⁽¹⁾ → a₂⁽²⁾ → o → ℓ alone"))
        #expect(diagnosis.contains("also has the path w₁,₁⁽¹⁾ → a₁⁽¹⁾ → a₁⁽²⁾ → o → ℓ"))
        #expect(abs(results[0].actual.scalar - (throughLower + throughUpper)) < 1e-12)
        // ∂ℓ/∂w₁,₁⁽¹⁾ written for ∂ℓ/∂a₁⁽¹⁾: the gradient of another variable.
        #expect(
            results[1].diagnosis?.hasPrefix("your 0.02122 is ∂ℓ/∂w₁,₁⁽¹⁾, the gradient of another variable") == true)
    }

    @Test func aSumOverSomeOfThePathsNamesThemAndTheOnesLeftOut() throws {
        // ∂L/∂w over three paths: through a = w², b = 3w and c = exp(w); at w = 1: 2, 3, e.
        let source = "w = 1\na = w^2\nb = 3 * w\nc = exp(w)\nL = a + b + c\nexpect dL/dw = 5\n"
        let diagnosis = try #require(try Self.check(source)[0].diagnosis)
        #expect(diagnosis.hasPrefix("your 5 is the sum over the paths "))
        #expect(diagnosis.contains("w → a → L (2)") && diagnosis.contains("w → b → L (3)"))
        #expect(diagnosis.contains("also has the path w → c → L, 2.718"))
        #expect(diagnosis.hasSuffix("and the sum over all 3 is 7.718"))
    }

    @Test func alongAPathTheFirstWrongGradientBackwardIsNamedWithTheLocalDerivativeItNeeded() throws {
        // l = (o − 1)², o = σ(a₁), a₁ = σ(w₁·x₁): ∂ℓ/∂o right, ∂ℓ/∂a₁ wrong, ∂ℓ/∂w₁ follows from it.
        let a1 = 1 / (1 + exp(-1.0))
        let o = 1 / (1 + exp(-a1))
        let dlo = 2 * (o - 1)
        let doa = o * (1 - o)
        let source =
            "x1 = 2\nw1 = 0.5\ny = 1\na1 = sigmoid(w1 * x1)\no = sigmoid(a1)\nl = (o - y)^2\n"
            + "expect dl/do = \(dlo)\nexpect dl/da1 = -0.2\nexpect dl/dw1 = \(-0.2 * a1 * (1 - a1) * 2)\n"
        let results = try Self.check(source)
        #expect(results.map(\.passed) == [true, false, false])
        let first = try #require(results[1].diagnosis)
        #expect(first.hasPrefix("the first wrong one in backward order: ∂ℓ/∂a₁ = ∂ℓ/∂o · ∂o/∂a₁"))
        #expect(first.contains("it needed ∂o/∂a₁ = \(NumberFormat(significantDigits: 4).string(doa))"))
        #expect(first.contains("your −0.2 implies ∂o/∂a₁ = \(NumberFormat(significantDigits: 4).string(-0.2 / dlo))"))
        let follows = try #require(results[2].diagnosis)
        #expect(follows.contains("follows from your ∂ℓ/∂a₁ = −0.2 (line 8), which is wrong"))
        #expect(follows.hasSuffix("fix line 8 first"))
    }

    @Test func theSearchIsBoundedAndSaysWhenItGaveUp() throws {
        // Four layers of two branches: 2⁴ = 16 paths, more than the diagnosis considers.
        var lines = ["w = 0.3"]
        var previous = "w"
        for layer in 1...4 {
            lines.append("u\(layer) = tanh(\(previous))")
            lines.append("v\(layer) = sigmoid(\(previous))")
            lines.append("s\(layer) = u\(layer) + v\(layer)")
            previous = "s\(layer)"
        }
        lines.append("L = s4 * 1")
        lines.append("expect dL/dw = 1234")
        #expect(HandExpectation.maxDiagnosedPaths < 16)
        let diagnosis = try #require(try Self.check(lines.joined(separator: "\n") + "\n")[0].diagnosis)
        #expect(
            diagnosis.contains("gave up: searched the \(HandExpectation.maxDiagnosedPaths) largest of its 16 paths"))
        #expect(diagnosis.contains("(12 more)"))
    }

    @Test func aWrongShapeAndAKinkAreSaid() throws {
        let results = try Self.check(
            "x = [1, 2]\nw = 0\nh = relu(w * x)\nL = sum(h)\nexpect dL/dx = 0\nexpect dL/dw = 0\n")
        #expect(results[0].diagnosis == "your 0 is a number, but ∂L/∂x is a vector of 2: [0, 0]")
        #expect(results[1].passed)
        #expect(results[1].warnings.first?.hasPrefix("relu at exactly 0") == true)
    }

    @Test func checkingLeavesTheGraphsGradientsThoseOfItsOutput() throws {
        let evaluation = try Script(source: Self.weightSharing, file: "w.grad").evaluate()
        let a1 = try #require(evaluation.variable(named: "a1")).id
        let w1 = try #require(evaluation.variable(named: "w1")).id
        let before = evaluation.graph.gradient(of: w1)
        let results = HandExpectation.check(
            [HandExpectation(quantity: .gradient(of: a1, wrt: w1), expected: Tensor(0.3932), tolerance: 1e-4)],
            in: evaluation.graph)
        // ∂a₁/∂w₁ = σ′(1)·x₁ by hand.
        let s = 1 / (1 + exp(-1.0))
        #expect(abs(results[0].actual.scalar - s * (1 - s) * 2) < 1e-12)
        #expect(results[0].passed)
        #expect(evaluation.graph.gradientOrigin == evaluation.output.id)
        #expect(evaluation.graph.gradient(of: w1) == before)
    }
}
