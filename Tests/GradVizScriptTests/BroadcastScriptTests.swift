import GradVizEngine
import Testing

@testable import GradVizScript

/// Batches written the way PyTorch writes them: `X @ W + b`, `transpose(W)`.
@Suite struct BroadcastScriptTests {
    @Test func aBiasVectorIsAddedToEveryRowAndItsGradientSumsOverRows() throws {
        let evaluation = try evaluate(
            "X = [[1, 2], [3, 4], [5, 6]]\nW = [[1, 0], [0, 1]]\nb = [1, -1]\nZ = X @ transpose(W) + b\nL = sum(Z)\n")
        let graph = evaluation.graph
        let z = try #require(evaluation.variable(named: "Z"))
        #expect(graph.value(of: z.id) == (try Tensor([[2, 1], [4, 3], [6, 5]])))
        let b = try #require(evaluation.variable(named: "b"))
        #expect(graph.gradient(of: b.id) == (try Tensor([3, 3])))
        let w = try #require(evaluation.variable(named: "W"))
        // ∂L/∂W = (Σ rows of X, as a column) per output: Xᵀ·1 transposed back, [[9, 9], [12, 12]]ᵀ.
        #expect(graph.gradient(of: w.id) == (try Tensor([[9, 12], [9, 12]])))
    }

    @Test func shapesThatDoNotBroadcastNameBothShapesWhereTheOperatorIs() {
        expectDiagnostic(
            "X = [[1, 2], [3, 4]]\nb = [1, 2, 3]\nZ = X + b", line: 3, column: 7,
            "shape mismatch in '+': [2, 2] and [3]")
        expectDiagnostic(
            "X = [[1, 2], [3, 4]]\nc = [[1], [2], [3]]\nZ = c * X", line: 3, column: 7,
            "shape mismatch in '*': [3, 1] and [2, 2]")
        expectDiagnostic(
            "W = [[1, 2, 3]]\nx = [1, 2, 3]\nh = transpose(W) @ x", line: 3, column: 18,
            "shape mismatch in '@': [3, 1] and [3]")
        expectDiagnostic("W = [[1, 2]]\nh = transpose(W, W)", line: 2, column: 5, "'transpose' takes 1 argument, got 2")
    }
}
