import GradVizDOT
import GradVizEngine
import GradVizScript
import GradVizTestFixtures

/// The lecture notes' worked examples as `.grad` scripts, shared by the DOT tests.
enum LectureExamples {
    /// c = a + b: the smallest graph.
    static let add = """
        a = 2
        b = 3
        c = a + b
        """

    /// a = relu(w·x + b) with the named intermediates u = w·x and v = u + b.
    static let reluNeuron = """
        x = 2
        w = 3
        b = -1
        u = w * x
        v = u + b
        a = relu(v)
        """

    /// The same neuron evaluated exactly at relu's kink (v = 0).
    static let reluAtZero = """
        x = 1
        w = 2
        b = -2
        u = w * x
        v = u + b
        a = relu(v)
        """

    /// L(y, σ₁(w₁·x₁)) with o = σ(a₁): one path from w₁ to the loss.
    static let singlePath = """
        x1 = 1.5
        w1 = 0.8
        y = 1
        a1 = sigmoid(w1 * x1)
        o = sigmoid(a1)
        l = (o - y)^2
        """

    /// L(y, σ₃[σ₁(w₁·x₁), σ₂(w₁·x₁)]): w₁ reaches the loss along an upper and a lower path.
    static let weightSharing = """
        x1 = 1.5
        w1 = 0.8
        y = 1
        a1 = sigmoid(w1 * x1)
        a2 = tanh(w1 * x1)
        o = sigmoid(a1 + a2)
        l = (o - y)^2
        """

    /// The regression ŷ = w₂·(w₁·x + b₁) + b₂, L = (ŷ − y)², with the lecture's numbers
    /// (`samples/regression.grad`): ŷ = 37, L = 9, ∂L/∂w₂ = −102.
    static let regression = LectureFixtures.regression

    /// A fully connected 2-2-1 network: w⁽¹⁾₁,₁ reaches the loss through a₁⁽²⁾ and a₂⁽²⁾.
    static let fullyConnected = """
        x1 = 1
        x2 = -0.5
        y = 1
        w_1_1__1 = 0.5
        w_1_2__1 = -0.3
        w_2_1__1 = 0.8
        w_2_2__1 = 0.2
        a_1__1 = sigmoid(w_1_1__1 * x1 + w_1_2__1 * x2)
        a_2__1 = sigmoid(w_2_1__1 * x1 + w_2_2__1 * x2)
        w_1_1__2 = 0.7
        w_1_2__2 = -0.4
        w_2_1__2 = 0.1
        w_2_2__2 = 0.9
        a_1__2 = sigmoid(w_1_1__2 * a_1__1 + w_1_2__2 * a_2__1)
        a_2__2 = sigmoid(w_2_1__2 * a_1__1 + w_2_2__2 * a_2__1)
        w_1__3 = 1.5
        w_2__3 = -1
        o = w_1__3 * a_1__2 + w_2__3 * a_2__2
        l = (o - y)^2
        """

    /// ŷ = W⁽²⁾·σ(W⁽¹⁾·x) with tensors, each layer a module.
    static let tensorModules = """
        x = [1, 2]
        y = [0.5]
        module layer1 {
          W__1 = [[0.1, -0.2], [0.4, 0.3], [-0.5, 0.6]]
          h = sigmoid(W__1 @ x)
        }
        module layer2 {
          W__2 = [[0.7, -0.1, 0.2]]
          yhat = W__2 @ h
        }
        L = mse(yhat, y)
        """

    /// x·x: one operand used twice.
    static let square = """
        x = 3
        y = x * x
        """

    /// Evaluates a script.
    static func evaluate(_ source: String, file: String = "test.grad") throws -> Evaluation {
        try Script(source: source, file: file).evaluate()
    }

    /// The figure of a script.
    static func figure(_ source: String, _ options: FigureOptions = FigureOptions()) throws -> Figure {
        let evaluation = try evaluate(source)
        return try Figure(graph: evaluation.graph, output: evaluation.output.id, options: options)
    }
}
