import GradVizEngine
import Testing

@testable import GradVizScript

/// Vector and matrix literals, broadcasting, `@` and the tensor functions, against values
/// worked out by hand.
@Suite struct TensorScriptTests {
    @Test func matrixVectorProductAndItsGradients() throws {
        let run = try evaluate(
            """
            W = [[1, 2], [3, 4]]
            x = [1, -1]
            h = W @ x
            L = sum(h * h)
            """)
        // h = [1 − 2, 3 − 4] = [−1, −1]; L = 2; ∂L/∂h = 2h = [−2, −2];
        // ∂L/∂W = (2h) xᵀ = [[−2, 2], [−2, 2]]; ∂L/∂x = Wᵀ(2h) = [−8, −12].
        #expect(run.tensor("h")?.scalars == [-1, -1])
        #expect(run.value("L") == 2)
        #expect(run.tensor("W")?.shape == .matrix(2, 2))
        #expect(run.gradientTensor("W")?.scalars == [-2, 2, -2, 2])
        #expect(run.gradientTensor("x")?.scalars == [-8, -12])
    }

    @Test func aScalarBroadcastsAgainstAVector() throws {
        let run = try evaluate(
            """
            v = [1, 2, 3]
            s = 2
            y = s * v + 1
            L = mean(y)
            """)
        // y = [3, 5, 7], L = 5, ∂L/∂v = s/3 each, ∂L/∂s = Σv/3 = 2.
        #expect(run.tensor("y")?.scalars == [3, 5, 7])
        #expect(run.value("L") == 5)
        #expect(close(run.gradientTensor("v"), [2.0 / 3, 2.0 / 3, 2.0 / 3]))
        #expect(close(run.gradient("s"), 2))
    }

    @Test func vectorDotProductIsAScalar() throws {
        let run = try evaluate("a = [1, 2, 3]\nb = [4, -5, 6]\nd = a @ b")
        #expect(run.value("d") == 12)
        #expect(run.tensor("d")?.shape == .scalar)
        #expect(run.gradientTensor("a")?.scalars == [4, -5, 6])
    }

    @Test func signedAndScientificEntriesInLiterals() throws {
        let run = try evaluate("M = [[-1, +2], [3e0, -4.5e-1]]\nL = sum(M)")
        #expect(run.tensor("M")?.scalars == [-1, 2, 3, -0.45])
        #expect(close(run.value("L"), 3.55))
    }

    @Test func tensorLiteralInsideAnExpressionIsAConstant() throws {
        let run = try evaluate("x = [1, 2]\nL = sum(x * [3, 4])")
        #expect(run.value("L") == 11)
        #expect(run.gradientTensor("x")?.scalars == [3, 4])
        let constants = run.graph.nodeIDs.filter { run.graph.op(of: $0) == .constant }
        #expect(constants.count == 1)
        #expect(constants.first.map { run.graph.value(of: $0).scalars } == [3, 4])
    }

    @Test func mseAndCrossEntropyTakeTwoArguments() throws {
        let run = try evaluate(
            """
            p = [1, 2]
            t = [0, 1]
            m = mse(p, t)
            c = cross_entropy([0, 0], t)
            L = m + c
            """)
        // mse = ((1−0)² + (2−1)²)/2 = 1; ∂/∂p = 2(p − t)/2 = [1, 1].
        // cross-entropy of equal logits against a one-hot target = log 2.
        #expect(run.value("m") == 1)
        #expect(close(run.value("c"), 0.6931471805599453))
        #expect(run.gradientTensor("p")?.scalars == [1, 1])
    }

    @Test func softmaxOfAVectorSumsToOne() throws {
        let run = try evaluate("z = [1, 2, 3]\np = softmax(z)\nL = sum(p)")
        let p = try #require(run.tensor("p"))
        #expect(close(p.scalars.reduce(0, +), 1))
        // The sum of a softmax is constant: its gradient is zero.
        #expect(close(run.gradientTensor("z"), [0, 0, 0], tolerance: 1e-12))
    }

    @Test func twoLayerTensorModelAgreesWithFiniteDifferencesOfTheScript() throws {
        // Central differences by re-running the whole script with one literal entry nudged:
        // independent of the engine's backward pass.
        let body = """
            yhat = W2 @ sigmoid(W1 @ x)
            L = sum((yhat - y)^2)
            """
        let W1: [[Double]] = [[0.5, -1.0], [0.25, 2.0], [-0.75, 0.1]]
        let W2: [[Double]] = [[1.5, -0.5, 0.3]]
        func source(_ w1: [[Double]]) -> String {
            func literal(_ m: [[Double]]) -> String {
                "[" + m.map { "[" + $0.map { "\($0)" }.joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
            }
            return "x = [1, -2]\ny = [0.5]\nW1 = \(literal(w1))\nW2 = \(literal(W2))\n" + body
        }
        let run = try evaluate(source(W1))
        let analytic = try #require(run.gradientTensor("W1"))
        #expect(analytic.shape == .matrix(3, 2))
        let h = 1e-6
        for r in 0..<3 {
            for c in 0..<2 {
                var up = W1
                up[r][c] += h
                var down = W1
                down[r][c] -= h
                let upLoss = try #require(try evaluate(source(up)).value("L"))
                let downLoss = try #require(try evaluate(source(down)).value("L"))
                let numeric = (upLoss - downLoss) / (2 * h)
                #expect(abs(analytic.scalars[r * 2 + c] - numeric) <= 1e-6 * max(1, abs(numeric)))
            }
        }
    }
}
