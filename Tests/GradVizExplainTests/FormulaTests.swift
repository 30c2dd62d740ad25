import Foundation
import GradVizEngine
import GradVizNotation
import GradVizScript
import GradVizTestFixtures
import Testing

@testable import GradVizExplain

/// Local derivatives as formulas: simplified, equal to the engine's numbers at the point, and
/// true as functions (at other values of the leaves they equal a finite-difference derivative
/// of their edge's expression), written in Unicode, LaTeX and the `.grad` language.
@Suite struct FormulaTests {
    // MARK: Formulas as functions

    /// What checking a view's formulas as functions saw.
    struct FunctionCheck {
        var formulas = 0
        var points = 0
        var failures: [String] = []
    }

    /// For every edge of `view` with a formula, at `trials` points near the recorded one
    /// (every variable the edge's expression reads moved at random), the formula against the
    /// central finite difference of the edge's expression in `edge.from`, the other variables
    /// held. Points where the expression is not finite, or where the difference quotient is
    /// not stable under a smaller step (a kink nearby), are skipped.
    static func checkAsFunctions(_ view: FlowView, seed: UInt64, trials: Int = 4) -> FunctionCheck {
        var generator = SeededGenerator(seed: seed)
        var check = FunctionCheck()
        let graph = view.graph
        for edge in view.edges {
            guard let derivative = view.formula(along: edge) else { continue }
            check.formulas += 1
            // An op reading one node twice (`x * x`) has an edge per operand, each with its own
            // partial: the expression's derivative is their sum, checked at the point only.
            if view.kind == .ops, graph.inputs(of: edge.to).filter({ $0 == edge.from }).count > 1 { continue }
            let boundary: (NodeID) -> Bool = { $0 != edge.to && view.contains($0) }
            guard let expression = graph.formulas(of: edge.to, wrt: nil, isBoundary: boundary)?.expression else {
                check.failures.append("no expression for \(view.name(of: edge.to))")
                continue
            }
            let variables = Set(expression.variables + derivative.variables + [edge.from])
            for _ in 0..<trials {
                var point: [NodeID: Double] = [:]
                for id in variables {
                    let x = graph.scalarValue(of: id)
                    point[id] = x + Double.random(in: -0.3...0.3, using: &generator) * Swift.max(1, Swift.abs(x))
                }
                func value(_ from: Double) -> Double {
                    expression.evaluate { $0 == edge.from ? from : point[$0] ?? graph.scalarValue(of: $0) }
                }
                let x = point[edge.from] ?? 0
                let h = 1e-5 * Swift.max(1, Swift.abs(x))
                let quotient = (value(x + h) - value(x - h)) / (2 * h)
                let finer = (value(x + h / 10) - value(x - h / 10)) / (h / 5)
                // Rounding of the expression's value, divided by the step, must stay small.
                let rounding = Swift.abs(value(x)) * 1e-15 / h
                guard quotient.isFinite, finer.isFinite, rounding < 1e-7 * Swift.max(1, Swift.abs(quotient)),
                    Swift.abs(quotient - finer) <= 1e-4 * Swift.max(1, Swift.abs(quotient))
                else { continue }
                let formula = derivative.evaluate { point[$0] ?? graph.scalarValue(of: $0) }
                guard formula.isFinite else { continue }
                check.points += 1
                if Swift.abs(formula - quotient) > 1e-5 * Swift.max(1, Swift.abs(quotient)) {
                    check.failures.append(
                        "∂\(view.name(of: edge.to))/∂\(view.name(of: edge.from)) = "
                            + "\(view.formulaText(derivative, numbers: NumberFormat())) is \(formula) at \(point), "
                            + "finite differences \(quotient)")
                }
            }
        }
        return check
    }

    /// The operands each op is checked at (`leaf` and `constant` have none).
    static func operands(_ op: Op) -> [[Double]] {
        switch op {
        case .leaf, .constant: []
        case .log, .sqrt: [[0.7], [2.5]]
        case .relu, .abs, .leakyRelu: [[-1.2], [0.8]]
        case .maximum, .minimum: [[0.4, -0.9], [-1, 1.5]]
        case .div: [[1.5, 0.8], [-2, -1.25]]
        case .pow: [[1.3, 2], [1.7, 3], [2.2, 0.5], [0.9, -1]]
        case .add, .sub, .mul, .mse, .matmul, .crossEntropy: [[0.6, -1.1], [2, 0.3]]
        case .neg, .sigmoid, .tanh, .exp, .softplus, .sum, .mean, .softmax, .logSoftmax, .transpose, .identity:
            [[-0.4], [1.3]]
        }
    }

    @Test(arguments: Op.allCases) func everyOpsLocalDerivativeFormulaEqualsItsNumberAndHoldsAsAFunction(op: Op) throws {
        for values in Self.operands(op) {
            let graph = Graph()
            let a = graph.record(leaf: values[0], name: "a")
            // pow's exponent is a constant, as the language writes it.
            let b =
                values.count > 1
                ? (op == .pow ? graph.record(constant: values[1]) : graph.record(leaf: values[1], name: "b")) : nil
            guard let child = try? (b.map { try graph.record(op, a, $0) } ?? graph.record(op, a)) else {
                // Ops a scalar cannot take (matmul, softmax, cross_entropy of scalars) have no
                // formula to check.
                #expect([.matmul, .crossEntropy, .softmax, .logSoftmax].contains(op), "\(op) refused scalars")
                continue
            }
            graph.setName("c", for: child)
            let view = FlowView(graph: graph, output: child, kind: .ops)
            for edge in view.edges {
                let number = try #require(graph.localDerivative(of: child, input: edge.position))
                let formula = view.formula(along: edge)
                if op == .crossEntropy || op == .matmul {
                    #expect(formula == nil)
                    continue
                }
                let written = try #require(formula, "\(op) at \(values) has no formula")
                #expect(FlowView.formulaAgrees(written.evaluate { graph.scalarValue(of: $0) }, number))
            }
            let check = Self.checkAsFunctions(view, seed: 7, trials: 8)
            #expect(check.failures.isEmpty, "\(check.failures)")
            if ![.crossEntropy, .matmul].contains(op) { #expect(check.points > 0, "\(op)") }
        }
    }

    @Test(arguments: Array(UInt64(1)...24)) func fuzzScriptsFormulasHoldAsFunctionsInBothViews(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        var checked = 0
        for index in 0..<4 {
            let source =
                index == 0
                ? ScriptGenerator.lectureScript(using: &generator) : ScriptGenerator.script(using: &generator)
            guard let evaluation = try? Script(source: source, file: "fuzz.grad").evaluate() else { continue }
            for kind in ViewKind.allCases {
                let view = FlowView(graph: evaluation.graph, output: evaluation.output.id, kind: kind)
                let check = Self.checkAsFunctions(view, seed: seed &* 31 &+ UInt64(index))
                #expect(check.failures.isEmpty, "\(check.failures)\n\(source)")
                checked += check.points
                // Every scalar edge of a scalar expression has its formula.
                for edge in view.edges where edge.scalarFactor?.isFinite == true {
                    let scalar =
                        kind == .ops
                        ? evaluation.graph.localDerivativeFormula(of: edge.to, input: edge.position)
                        : evaluation.graph.formulas(
                            of: edge.to, wrt: edge.from, isBoundary: { $0 != edge.to && view.contains($0) })?.derivative
                    if let derivative = scalar {
                        let value = derivative.evaluate { evaluation.graph.scalarValue(of: $0) }
                        #expect(
                            view.formula(along: edge) != nil,
                            "\(view.formulaText(derivative, numbers: NumberFormat(significantDigits: 17))) = \(value), not \(edge.scalarFactor ?? .nan)\n\(source)"
                        )
                    }
                }
            }
        }
        #expect(checked > 0)
    }

    // MARK: The .grad language

    /// Each formula the JSON gives, appended to its script as `F = <formula>`, evaluates to the
    /// factor it stands for.
    static func checkScriptFormulas(_ source: String, view kind: ViewKind) throws -> Int {
        let evaluation = try Script(source: source, file: "s.grad").evaluate()
        let view = FlowView(graph: evaluation.graph, output: evaluation.output.id, kind: kind)
        var checked = 0
        for edge in view.edges {
            guard let number = edge.scalarFactor, let formula = view.formula(along: edge),
                let text = view.scriptText(formula)
            else { continue }
            let appended = source + "\ngradviz_formula_check = \(text)\n"
            let reread = try Script(source: appended, file: "f.grad").evaluate()
            let f = try #require(reread.variable(named: "gradviz_formula_check"))
            let got = reread.graph.scalarValue(of: f.id)
            #expect(
                Swift.abs(got - number) <= 1e-9 * Swift.max(1, Swift.abs(number)), "\(text) = \(got), not \(number)")
            checked += 1
        }
        return checked
    }

    @Test func scriptFormulasOfEverySampleEvaluateToTheirFactors() throws {
        var checked = 0
        for name in ["regression", "weight_sharing", "fully_connected", "single_path", "relu_neuron", "add"] {
            for kind in ViewKind.allCases {
                checked += try Self.checkScriptFormulas(LectureFixtures.sample(name), view: kind)
            }
        }
        for seed in UInt64(1)...6 {
            var generator = SeededGenerator(seed: seed)
            checked += try Self.checkScriptFormulas(ScriptGenerator.lectureScript(using: &generator), view: .vars)
        }
        #expect(checked > 50, "\(checked)")
    }

    // MARK: Simplification and notation

    @Test func simplificationDropsOnesAndZerosFoldsConstantsAndWritesRepeatedFactorsAsPowers() {
        let x = Formula.variable(NodeID(0))
        let y = Formula.variable(NodeID(1))
        #expect(Formula.product(.number(1), x) == x)
        #expect(Formula.sum(x, .number(0)) == x)
        #expect(Formula.product(.number(0), x) == .number(0))
        #expect(Formula.product([.number(2), x, .number(3)]) == .multiply([.number(6), x]))
        #expect(Formula.product(x, x) == .power(x, 2))
        #expect(Formula.product([x, y, x, Formula.raised(x, to: 2)]) == .multiply([.power(x, 4), y]))
        #expect(Formula.sum(.number(2), .number(3)) == .number(5))
        #expect(Formula.sum(x, Formula.product(.number(-2), y)) == .subtract(x, .multiply([.number(2), y])))
        #expect(Formula.difference(x, x) == .number(0))
        #expect(Formula.negation(Formula.negation(x)) == x)
        #expect(Formula.quotient(x, .number(1)) == x)
        #expect(Formula.raised(x, to: 1) == x)
    }

    /// The regression's formulas in its own names, by hand: ∂L/∂ŷ = 2(ŷ − y), ∂ŷ/∂w₂ = w₁·x + b₁
    /// (h where the script names it), ∂ŷ/∂w₁ = w₂·x.
    @Test func regressionFormulasReadAsTheLectureWritesThem() throws {
        func formulas(_ source: String) throws -> [String: (text: String, latex: String, script: String?)] {
            let evaluation = try Script(source: source, file: "r.grad").evaluate()
            let view = FlowView(graph: evaluation.graph, output: evaluation.output.id, kind: .vars)
            var result: [String: (String, String, String?)] = [:]
            for edge in view.edges {
                guard let formula = view.formula(along: edge) else { continue }
                result["\(view.name(of: edge.to))/\(view.name(of: edge.from))"] = (
                    view.formulaText(formula, numbers: NumberFormat()),
                    view.formulaText(formula, latex: .pdflatex, numbers: NumberFormat()), view.scriptText(formula)
                )
            }
            return result
        }
        let plain = try formulas(LectureFixtures.regression)
        #expect(plain["L/yhat"]?.text == "2(ŷ − y)")
        #expect(plain["L/yhat"]?.latex == "2(\\hat{y} - y)")
        #expect(plain["L/yhat"]?.script == "2 * (yhat - y)")
        #expect(plain["L/y"]?.text == "−2(ŷ − y)")
        #expect(plain["yhat/w2"]?.text == "w₁·x + b₁")
        #expect(plain["yhat/w2"]?.latex == "w_{1} x + b_{1}")
        #expect(plain["yhat/w2"]?.script == "w1 * x + b1")
        #expect(plain["yhat/w1"]?.text == "w₂·x")
        #expect(plain["yhat/b1"]?.text == "w₂")
        #expect(plain["yhat/b2"]?.text == "1")
        let named = try formulas(LectureFixtures.regressionNamingH)
        #expect(named["yhat/w2"]?.text == "h")
        #expect(named["h/w1"]?.text == "x")
    }

    @Test func activationsAreWrittenAsDerivativesAtTheirArgument() throws {
        let source = """
            x1 = 2
            w1 = 0.5
            a1 = sigmoid(w1 * x1)
            a2 = tanh(w1 * x1)
            r = relu(w1 - x1)
            m = max(a1, a2)
            s = sqrt(a1) + log(a2) + abs(r - 1) + exp(m) + softplus(m) / a1
            """
        let evaluation = try Script(source: source, file: "a.grad").evaluate()
        let view = FlowView(graph: evaluation.graph, output: evaluation.output.id, kind: .vars)
        var text: [String: String] = [:]
        var script: [String: String?] = [:]
        for edge in view.edges {
            let formula = try #require(view.formula(along: edge))
            let key = "\(view.name(of: edge.to))/\(view.name(of: edge.from))"
            text[key] = view.formulaText(formula, numbers: NumberFormat())
            script[key] = view.scriptText(formula)
        }
        #expect(text["a1/w1"] == "σ′(w₁·x₁)·x₁")
        #expect(script["a1/w1"] == "(sigmoid(w1 * x1) * (1 - sigmoid(w1 * x1))) * x1")
        #expect(text["a2/w1"] == "tanh′(w₁·x₁)·x₁")
        #expect(script["a2/w1"] == "(1 - tanh(w1 * x1)^2) * x1")
        // relu′ and the max bracket follow the engine's convention and have no .grad spelling.
        #expect(text["r/w1"] == "relu′(w₁ − x₁)")
        #expect(script["r/w1"] == .some(nil))
        #expect(text["m/a1"] == "[a₁ > a₂]")
        #expect(text["s/r"] == "sgn(r − 1)")
        #expect(text["s/a2"] == "1/a₂")
        #expect(text["s/m"] == "exp(m) + (1/a₁)·σ(m)")
        #expect(text["s/a1"] == "1/(2·√a₁) − softplus(m)/a₁²")
    }

    @Test func aFormulaThatDisagreesWithItsNumberIsNotShown() {
        #expect(FlowView.formulaAgrees(-102, -102))
        #expect(FlowView.formulaAgrees(0.1 + 0.2, 0.3))
        #expect(!FlowView.formulaAgrees(-101.9, -102))
        #expect(!FlowView.formulaAgrees(.nan, 1))
        #expect(!FlowView.formulaAgrees(1, 0))
    }

    // MARK: Explanations

    @Test func regressionDerivationReadsAsItsComment() throws {
        let evaluation = try Script(source: LectureFixtures.regression, file: "r.grad").evaluate()
        let w2 = try #require(evaluation.variable(named: "w2"))
        let explanation = Explanation(graph: evaluation.graph, wrt: w2.id, of: evaluation.output.id)
        let latex = explanation.render(.latex)
        #expect(
            latex.contains(
                """
                \\frac{\\partial L}{\\partial w_{2}} &= \\frac{\\partial L}{\\partial \\hat{y}} \\cdot \\frac{\\partial \\hat{y}}{\\partial w_{2}} \\\\
                &= 2(\\hat{y} - y) \\cdot (w_{1} x + b_{1}) \\\\
                &= 2(37 - 40) \\cdot 17 \\\\
                &= -102
                """), "\(latex)")
        let text = explanation.render(.text)
        #expect(text.contains("∂L/∂ŷ = 2(ŷ − y) = −6 · ∂ŷ/∂w₂ = w₁·x + b₁ = 17"), "\(text)")
        let markdown = explanation.render(.markdown)
        #expect(markdown.contains("$\\frac{\\partial L}{\\partial \\hat{y}}$ = $2(\\hat{y} - y)$ = −6"), "\(markdown)")
        // The standalone document shows the derivation; the checks are comments.
        let standalone = explanation.render(.latex, standalone: true)
        #expect(standalone.contains("&= 2(37 - 40) \\cdot 17"))
        #expect(
            !standalone.contains("\n sum over") && standalone.contains("% sum over the path: -102"), "\(standalone)")
        for line in standalone.split(separator: "\n") where line.contains("summed path by path") {
            #expect(line.hasPrefix("%"), "\(line)")
        }
        let json = explanation.render(.json)
        #expect(json.contains("\"formula\": [\"w1 * x + b1\", \"2 * (yhat - y)\"]"), "\(json)")
    }

    /// The weight-sharing paths of ∂l/∂w₁ as the sample's comment writes them: ∂l/∂o · ∂o/∂a₁ ·
    /// ∂a₁/∂w₁ + ∂l/∂o · ∂o/∂a₂ · ∂a₂/∂w₁, each factor a formula.
    @Test func weightSharingPathsAreWrittenFactorByFactor() throws {
        let evaluation = try Script(source: LectureFixtures.sample("weight_sharing"), file: "w.grad").evaluate()
        let w1 = try #require(evaluation.variable(named: "w1"))
        let latex = Explanation(graph: evaluation.graph, wrt: w1.id, of: evaluation.output.id).render(.latex)
        // The upper path (through a₁) first, as the lecture writes it.
        #expect(
            latex.contains("&= 2(o - y) \\cdot \\sigma'(a_{1} + a_{2}) \\cdot \\sigma'(w_{1} x_{1}) x_{1} \\\\"),
            "\(latex)")
        #expect(
            latex.contains("&\\quad + 2(o - y) \\cdot \\sigma'(a_{1} + a_{2}) \\cdot \\tanh'(w_{1} x_{1}) x_{1} \\\\"),
            "\(latex)")
    }

    /// w⁽¹⁾₁,₁ of the fully connected network over its two paths, through a₁⁽²⁾ and a₂⁽²⁾.
    @Test func fullyConnectedTwoPathsAreWrittenFactorByFactor() throws {
        let evaluation = try Script(source: LectureFixtures.sample("fully_connected"), file: "f.grad").evaluate()
        let w = try #require(evaluation.variable(named: "w_11_1"))
        let text = Explanation(graph: evaluation.graph, wrt: w.id, of: evaluation.output.id).render(.text)
        #expect(
            text.contains("∂o/∂a₁⁽²⁾ = w₁,₁⁽³⁾ = 0.9 · ∂a₁⁽²⁾/∂a₁⁽¹⁾ = σ′(w₁,₁⁽²⁾·a₁⁽¹⁾ + w₁,₂⁽²⁾·a₂⁽¹⁾)·w₁,₁⁽²⁾"),
            "\(text)")
        #expect(
            text.contains("∂o/∂a₂⁽²⁾ = w₁,₂⁽³⁾ = −1 · ∂a₂⁽²⁾/∂a₁⁽¹⁾ = σ′(w₂,₁⁽²⁾·a₁⁽¹⁾ + w₂,₂⁽²⁾·a₂⁽¹⁾)·w₂,₁⁽²⁾"),
            "\(text)")
        #expect(text.components(separatedBy: "∂a₁⁽¹⁾/∂w₁,₁⁽¹⁾ = σ′(w₁,₁⁽¹⁾·x₁ + w₁,₂⁽¹⁾·x₂)·x₁").count == 3, "\(text)")
    }
}

/// Tensor factors in the forms textbooks write backward: z = W·x gives ∂L/∂W = δ·xᵀ and
/// ∂L/∂x = Wᵀ·δ; elementwise ops ⊙ their derivative.
@Suite struct TensorBackwardRuleTests {
    static let source = """
        x = [1, 2]
        W = [[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]]
        z = W @ x
        h = sigmoid(z)
        L = sum(h)
        """

    /// `mean`, `mse` and `cross_entropy` write their operands' real count and target: n = 3 for
    /// a 3-vector, one-hot only for class indices, /rows for a matrix of logits; checked against
    /// the engine's pullback, which must be the rule with those numbers.
    @Test func countingRulesWriteTheOperandsRealCountAndTarget() throws {
        let source = """
            v = [1, 2, 4]
            t = [0, 2, 1]
            Z = [[1, 0, -1], [0.5, 0.5, 2]]
            c = [2, 0]
            P = [[0.2, 0.3, 0.5], [1, 0, 0]]
            m = mean(v)
            e = mse(v, t)
            k = cross_entropy(Z, c)
            q = cross_entropy(Z, P)
            """
        let evaluation = try Script(source: source, file: "r.grad").evaluate()
        let graph = evaluation.graph
        func node(_ name: String) throws -> NodeID { try #require(evaluation.variable(named: name)).id }
        func shapes(_ name: String) throws -> [Shape] { graph.inputs(of: try node(name)).map(graph.shape(of:)) }
        #expect(Op.mean.backwardRule(position: 0, operands: try shapes("m")) == "δ/3 in every entry")
        #expect(Op.mse.backwardRule(position: 0, operands: try shapes("e")) == "2δ({0} − {1})/3")
        #expect(
            Op.crossEntropy.backwardRule(position: 0, operands: try shapes("k")) == "δ(softmax({0}) − onehot({1}))/2")
        #expect(Op.crossEntropy.backwardRule(position: 0, operands: try shapes("q")) == "δ(softmax({0}) − {1})/2")
        let one = Tensor(1)
        #expect(
            graph.vectorJacobianProduct(of: try node("m"), input: 0, upstream: one).scalars == [1, 1, 1].map { $0 / 3 })
        let mse = graph.vectorJacobianProduct(of: try node("e"), input: 0, upstream: one).scalars
        #expect(zip(mse, [1.0, 0, 3].map { 2 * $0 / 3 }).allSatisfy { Swift.abs($0 - $1) < 1e-15 }, "\(mse)")
        // softmax of each row minus its target, over the 2 rows.
        func softmax(_ row: [Double]) -> [Double] {
            let e = row.map { Foundation.exp($0) }
            return e.map { $0 / e.reduce(0, +) }
        }
        let s = [softmax([1, 0, -1]), softmax([0.5, 0.5, 2])]
        let byHand = zip(s, [[0.0, 0, 1], [1, 0, 0]]).flatMap { zip($0, $1).map { ($0 - $1) / 2 } }
        let pulled = graph.vectorJacobianProduct(of: try node("k"), input: 0, upstream: one).scalars
        #expect(zip(pulled, byHand).allSatisfy { Swift.abs($0 - $1) < 1e-12 }, "\(pulled)")
        let soft = zip(s, [[0.2, 0.3, 0.5], [1, 0, 0]]).flatMap { zip($0, $1).map { ($0 - $1) / 2 } }
        let pulledSoft = graph.vectorJacobianProduct(of: try node("q"), input: 0, upstream: one).scalars
        #expect(zip(pulledSoft, soft).allSatisfy { Swift.abs($0 - $1) < 1e-12 }, "\(pulledSoft)")
    }

    @Test func matmulRulesAreTheTextbooksAndMatchTheEnginesPullback() throws {
        let evaluation = try Script(source: Self.source, file: "t.grad").evaluate()
        let graph = evaluation.graph
        let z = try #require(evaluation.variable(named: "z")).id
        #expect(Op.matmul.backwardRule(position: 0) == "δ·{1}ᵀ")
        #expect(Op.matmul.backwardRule(position: 1) == "{0}ᵀ·δ")
        // δ = [1, −2, 0.5] pulled back by hand: δ·xᵀ is the outer product, Wᵀ·δ a column.
        let delta = try Tensor([1, -2, 0.5])
        let byHandW: [Double] = [1, 2, -2, -4, 0.5, 1]
        let byHandX: [Double] = [0.1 * 1 + 0.3 * -2 + -0.5 * 0.5, -0.2 * 1 + 0.4 * -2 + 0.6 * 0.5]
        #expect(graph.vectorJacobianProduct(of: z, input: 0, upstream: delta).scalars == byHandW)
        let pulledX = graph.vectorJacobianProduct(of: z, input: 1, upstream: delta).scalars
        #expect(zip(pulledX, byHandX).allSatisfy { Swift.abs($0 - $1) < 1e-15 })
    }

    @Test func explainWritesEachTensorFactorsBackwardRule() throws {
        let evaluation = try Script(source: Self.source, file: "t.grad").evaluate()
        let w = try #require(evaluation.variable(named: "W"))
        let explanation = Explanation(graph: evaluation.graph, wrt: w.id, of: evaluation.output.id, view: .ops)
        let text = explanation.render(.text)
        #expect(text.contains("(backward: δ·xᵀ, δ = ∂L/∂z)"), "\(text)")
        #expect(text.contains("(backward: δ ⊙ σ′(z), δ = ∂L/∂h)"), "\(text)")
        #expect(text.contains("(backward: δ in every entry, δ = 1)"), "\(text)")
        let x = try #require(evaluation.variable(named: "x"))
        let fromX = Explanation(graph: evaluation.graph, wrt: x.id, of: evaluation.output.id, view: .ops).render(.text)
        #expect(fromX.contains("(backward: Wᵀ·δ, δ = ∂L/∂z)"), "\(fromX)")
        // The language cannot write a Jacobian: the JSON's formulas of tensor factors are null.
        let json = explanation.render(.json)
        #expect(json.contains("\"formula\": [null, null, null]"), "\(json)")
    }
}
