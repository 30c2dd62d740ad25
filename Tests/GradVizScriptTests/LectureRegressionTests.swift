import GradVizEngine
import GradVizTestFixtures
import Testing

@testable import GradVizScript

/// The worked example of the lecture notes: ŷ = w2·(w1·x + b1) + b2, L = (ŷ − y)².
@Suite struct LectureRegressionTests {
    /// `samples/regression.grad`.
    static let source = LectureFixtures.regression

    @Test func forwardValuesMatchTheLecture() throws {
        let run = try evaluate(Self.source)
        // ŷ = 2·(5·3 + 2) + 3 = 37, L = (37 − 40)² = 9.
        #expect(run.value("yhat") == 37)
        #expect(run.value("L") == 9)
    }

    @Test func gradientsMatchTheHandDerivation() throws {
        let run = try evaluate(Self.source)
        // ∂L/∂ŷ = 2(ŷ − y) = −6; ∂ŷ/∂w2 = w1·x + b1 = 17; ∂ŷ/∂(w1x+b1) = w2 = 2.
        #expect(run.gradient("yhat") == -6)
        #expect(run.gradient("w2") == -102)
        #expect(run.gradient("w1") == -36)
        #expect(run.gradient("b1") == -12)
        #expect(run.gradient("b2") == -6)
        #expect(run.gradient("x") == -60)
        #expect(run.gradient("y") == 6)
        #expect(run.gradient("L") == 1)
    }

    @Test func variablesComeInFileOrderWithLeavesMarked() throws {
        let run = try evaluate(Self.source)
        #expect(run.variables.map(\.name) == ["x", "w1", "b1", "w2", "b2", "y", "yhat", "L"])
        // samples/regression.grad opens with three comment lines; its assignments are lines 4–11.
        #expect(run.variables.map(\.line) == [4, 5, 6, 7, 8, 9, 10, 11])
        #expect(run.variables.map(\.isLeaf) == [true, true, true, true, true, true, false, false])
        #expect(run.output.name == "L")
        #expect(run.graph.gradientOrigin == run.output.id)
        for variable in run.variables {
            #expect(run.graph.name(of: variable.id) == variable.name)
            #expect(run.graph.op(of: variable.id) == (variable.isLeaf ? .leaf : variable.name == "L" ? .pow : .add))
        }
    }

    @Test func defaultLabelsUseLectureNotation() throws {
        let run = try evaluate(Self.source)
        // ŷ as y + U+0302 COMBINING CIRCUMFLEX ACCENT (canonically equal to the precomposed ŷ).
        #expect(run.variable(named: "yhat")?.label.unicodeScalars.map(\.value) == [0x79, 0x302])
        #expect(run.variable(named: "yhat")?.label == "ŷ")
        #expect(run.variable(named: "w1")?.label == "w₁")
        #expect(run.variable(named: "b2")?.label == "b₂")
        #expect(run.variable(named: "L")?.label == "L")
        for variable in run.variables {
            #expect(run.graph.label(of: variable.id) == variable.label)
        }
    }

    @Test func numbersInExpressionsAreConstantsAndTheExponentIsOneConstant() throws {
        let run = try evaluate(Self.source)
        let graph = run.graph
        let loss = try #require(run.variable(named: "L"))
        let inputs = graph.inputs(of: loss.id)
        #expect(inputs.count == 2)
        #expect(graph.op(of: inputs[1]) == .constant)
        #expect(graph.scalarValue(of: inputs[1]) == 2)
        // Leaves: 6 named; constants: just the exponent; ops: 3 mul/add + add + sub + pow.
        let constants = graph.nodeIDs.filter { graph.op(of: $0) == .constant }
        #expect(constants.count == 1)
    }
}
