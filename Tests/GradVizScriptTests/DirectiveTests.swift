import GradVizEngine
import GradVizNotation
import Testing

@testable import GradVizScript

/// `output`, `label` and `module` directives.
@Suite struct DirectiveTests {
    @Test func theLastAssignmentIsTheDefaultOutput() throws {
        let run = try evaluate("x = 3\ny = x^2\nz = 2 * x")
        #expect(run.output.name == "z")
        #expect(run.gradient("x") == 2)
        #expect(run.gradient("y") == 0)
    }

    @Test func outputDirectivePicksTheVariableWhereverItStands() throws {
        let run = try evaluate("output y\nx = 3\ny = x^2\nz = 2 * x")
        #expect(run.output.name == "y")
        #expect(run.gradient("x") == 6)
    }

    @Test func outputArgumentOverridesTheDirective() throws {
        let run = try evaluate("x = 3\ny = x^2\nz = 2 * x\noutput y", output: "z")
        #expect(run.output.name == "z")
        #expect(run.gradient("x") == 2)
    }

    @Test func directiveWordsRemainUsableAsVariableNames() throws {
        let run = try evaluate(
            """
            output = 2
            label = 3
            module = output * label
            output module
            """)
        #expect(run.value("module") == 6)
        #expect(run.output.name == "module")
        #expect(run.gradient("output") == 3)
    }

    @Test func labelDirectiveSetsUnicodeLabels() throws {
        let run = try evaluate(
            """
            w_111 = 2
            yhat = 3 * w_111
            label yhat "ŷ"
            label w_111 "w₁₁⁽¹⁾ \\"q\\" \\\\ 😀"
            """)
        #expect(run.variable(named: "yhat")?.label == "ŷ")
        #expect(run.variable(named: "w_111")?.label == "w₁₁⁽¹⁾ \"q\" \\ 😀")
        let w = try #require(run.variable(named: "w_111"))
        #expect(run.graph.label(of: w.id) == "w₁₁⁽¹⁾ \"q\" \\ 😀")
    }

    @Test func unlabelledVariablesGetTheDefaultDisplayLabel() throws {
        let run = try evaluate("sigma3 = 1\nx_11 = 2\nL = sigma3 * x_11")
        #expect(run.variable(named: "sigma3")?.label == "σ₃")
        #expect(run.variable(named: "x_11")?.label == "x₁₁")
    }

    @Test func modulesGroupAssignmentsAndNest() throws {
        let run = try evaluate(
            """
            x = [1, 2]
            module model {
              module hidden {
                W1 = [[1, 0], [0, 1]]
                h = sigmoid(W1 @ x)
              }
              W2 = [[1, 1]]
              yhat = W2 @ h
            }
            L = sum(yhat)
            """)
        let graph = run.graph
        #expect(graph.modules.map(\.name) == ["model", "hidden"])
        #expect(graph.modules.map(\.kind) == ["", ""])
        #expect(graph.modules[1].parent == 0)
        #expect(graph.modules[0].parent == nil)
        func module(_ name: String) -> String? {
            run.variable(named: name).flatMap { graph.module(of: $0.id) }.map { graph.modules[$0].name }
        }
        #expect(module("x") == nil)
        #expect(module("W1") == "hidden")
        #expect(module("h") == "hidden")
        #expect(module("W2") == "model")
        #expect(module("yhat") == "model")
        #expect(module("L") == nil)
        // The unnamed matmul inside hidden belongs to hidden too.
        let h = try #require(run.variable(named: "h"))
        #expect(graph.module(of: graph.inputs(of: h.id)[0]) == 1)
    }

    @Test func evaluatingTwiceGivesIndependentGraphs() throws {
        let script = try Script(source: "x = 3\ny = x^2", file: "t.grad")
        let first = try script.evaluate()
        let second = try script.evaluate()
        #expect(first.graph !== second.graph)
        #expect(first.value("y") == 9 && second.value("y") == 9)
    }
}
