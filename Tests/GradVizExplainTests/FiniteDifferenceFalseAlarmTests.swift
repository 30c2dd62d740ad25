import Foundation
import GradVizEngine
import GradVizExplain
import GradVizScript
import Testing

/// Issue 9's false alarms: a correct backward gradient reported as a MISMATCH because the
/// finite-difference estimate, not the gradient, was off. The estimate now carries its error;
/// where it cannot decide, the check says "inconclusive" and rests on the exact path sum.
@Suite struct FiniteDifferenceFalseAlarmTests {
    static func report(_ source: String) throws -> CheckReport {
        let evaluation = try Script(source: source, file: "f.grad").evaluate()
        return CheckReport(
            graph: evaluation.graph, of: evaluation.output.id,
            leaves: evaluation.variables.filter(\.isLeaf).map(\.id))
    }

    @Test func aSmallGradientUnderAHugeOutputIsInconclusiveNotAMismatch() throws {
        // L = x + w^4 at w = 600: |L| ≈ 1.3e11, so rounding swamps ∂L/∂x = 1 (was 1.25992).
        let report = try Self.report("x = 2\nw = 600\nL = x + w^4\n")
        #expect(report.passed)
        let x = try #require(report.rows.first { $0.name == "x" })
        #expect(x.gradient.scalar == 1 && x.pathSum.scalar == 1)
        #expect(x.status == .inconclusive || x.status == .agrees)
        let numeric = try #require(x.numeric?.scalar)
        let error = try #require(x.numericError?.scalar)
        // The error bound is honest: it covers the true derivative 1.
        #expect(abs(numeric - 1) <= GradientCheck.errorSafetyFactor * error)
        if x.status == .inconclusive {
            #expect(report.render().contains("note: x: finite differences inconclusive"))
        }
        // ∂L/∂w = 4·600³ is large and resolvable.
        #expect(report.rows.first { $0.name == "w" }?.status == .agrees)
    }

    @Test func aSteepPowerNearZeroAgreesOnceTheStepFitsTheScale() throws {
        // a^-2 at a = 0.001: the old step (6e-6, 0.6 % of a) gave −2.00015e9 for −2e9.
        let report = try Self.report("a = 0.001\nL = a^-2\n")
        let row = try #require(report.rows.first)
        #expect(row.status == .agrees)
        #expect(abs((row.numeric?.scalar ?? 0) / -2e9 - 1) < 1e-7)
    }

    @Test func aHighPowerAgreesAfterRefinement() throws {
        // (x/3 + 0.001)^20000: a step of 6e-6 changes the output by 4 %; Ridders' extrapolation
        // finds the derivative 3.19907e12.
        let report = try Self.report("x = 3\nL = (x/3 + 0.001)^20000\n")
        #expect(report.rows.first?.status == .agrees)
    }

    @Test func aLongChainOfOneOperandAgrees() throws {
        let terms = Array(repeating: "x", count: 20_000).joined(separator: " - ")
        let report = try Self.report("x = 1\nL = \(terms)\n")
        #expect(report.passed)
        #expect(report.rows.first?.gradient.scalar == -19_998)
    }

    @Test func theEstimateOfASmoothFunctionIsTightEnoughToCatchARealMismatch() throws {
        // A gradient 0.1 % off must still be a mismatch: the error bound is no excuse for that.
        let g = Graph()
        let x = g.leaf(0.7, name: "x")
        let y = try (x.tanh() * x.exp()).named("y")
        let truth = (1 - tanh(0.7) * tanh(0.7)) * exp(0.7) + tanh(0.7) * exp(0.7)
        let estimate = g.finiteDifferences(of: y.id, wrt: x.id) { _, _, _ in true }
        #expect(abs(estimate.value.scalar - truth) <= estimate.error.scalar * GradientCheck.errorSafetyFactor + 1e-15)
        #expect(estimate.error.scalar < 1e-7 * truth)
        let check = GradientCheck()
        #expect(check.verdict(Tensor(truth), estimate) == .agrees)
        #expect(check.verdict(Tensor(truth * 1.001), estimate) == .disagrees)
    }

    @Test func theVerdictSeparatesAgreementUncertaintyAndMismatch() {
        let check = GradientCheck(relativeTolerance: 1e-5, absoluteTolerance: 0)
        #expect(check.verdict(1, 1.000001, error: 0) == .agrees)
        #expect(check.verdict(1, 1.001, error: 0.01) == .inconclusive)
        #expect(check.verdict(1, 1.1, error: 0.01) == .disagrees)
        #expect(check.verdict(1, .nan, error: .infinity) == .inconclusive)
        #expect(check.verdict(.nan, 1, error: 0) == .disagrees)
    }

    @Test func explainJSONSaysWhyAndKeepsAgreesOnTheExactComparison() throws {
        let evaluation = try Script(source: "x = 2\nw = 600\nL = x + w^4\n", file: "f.grad").evaluate()
        let x = try #require(evaluation.variable(named: "x")).id
        let explanation = Explanation(graph: evaluation.graph, wrt: x, of: evaluation.output.id)
        #expect(explanation.agrees)
        let json = try #require(
            JSONSerialization.jsonObject(with: Data(explanation.render(.json).utf8)) as? [String: Any])
        #expect(json["agrees"] as? Bool == true)
        let error = try #require(json["numericError"] as? Double)
        let numeric = try #require(json["numeric"] as? Double)
        #expect(error > 0 && abs(numeric - 1) <= GradientCheck.errorSafetyFactor * error)
        #expect(["inconclusive", "agrees"].contains(json["finiteDifferences"] as? String))
    }
}
