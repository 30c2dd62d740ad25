import GradVizEngine
import GradVizScript
import Testing

/// Issue 9: `x^0` is 1 with derivative 0 everywhere, x = 0 included (PyTorch gives 0), not
/// "gradient not finite (nan)".
@Suite struct ZeroPowerTests {
    @Test(arguments: [0.0, 2.0, -3.0])
    func xToTheZeroHasGradientZero(x: Double) throws {
        let evaluation = try Script(source: "x = \(x)\ny = x^0\n", file: "p.grad").evaluate()
        let id = try #require(evaluation.variable(named: "x")).id
        #expect(evaluation.graph.value(of: evaluation.output.id).scalar == 1)
        #expect(evaluation.graph.gradient(of: id)?.scalar == 0)
    }
}
