import Foundation

/// A primitive operation of the engine.
///
/// Each op is defined once, here: its forward value and its local derivative. Elementwise ops
/// give both per entry (``apply(_:_:)`` and ``partials(_:_:output:)``); the tensor ops (`matmul`,
/// reductions, `softmax`, `crossEntropy`, `transpose`) give their forward value and
/// vector-Jacobian product in `Op+Tensor.swift`. Nothing else in the engine knows what an op computes.
public enum Op: UInt8, CaseIterable, Sendable, BitwiseCopyable {
    /// An input or parameter: a value set from outside, whose gradient is reported.
    case leaf
    /// A number written in an expression (such as the `2` in `2 * x`): no gradient is taken.
    case constant
    case add, sub, mul, div
    /// `x ^ p` with a constant exponent `p` (the second input is a ``constant`` node).
    case pow
    case neg, relu, sigmoid, tanh, exp, log, abs, sqrt
    /// log(1 + eˣ), a smooth relu; its derivative is the sigmoid.
    case softplus
    /// Matrix·matrix, matrix·vector, vector·matrix or vector·vector product.
    case matmul
    case sum, mean
    /// Mean squared error `mean((pred − target)²)`.
    case mse
    /// Softmax over the last dimension.
    case softmax
    /// Cross-entropy `−Σ target·log softmax(logits)`, averaged over rows for a matrix. The
    /// target is a distribution shaped like the logits, or class indices (0-based, as in
    /// PyTorch): a scalar for a vector of logits, a vector with one index per row for a matrix.
    case crossEntropy
    /// The transpose of a matrix (`transpose(W)` in scripts, `W.T` in Swift); a vector or a
    /// scalar is its own transpose, as in NumPy.
    case transpose
    /// `y = x`: a variable that names another's value (the lecture's a⁽⁰⁾ = x), a node of its
    /// own with local derivative 1.
    case identity
    /// The larger of two values per entry; at a tie each input gets half the gradient
    /// (PyTorch's `torch.maximum`), a kink recorded like relu's.
    case maximum
    /// The smaller of two values per entry; at a tie each input gets half the gradient
    /// (PyTorch's `torch.minimum`), a kink recorded like relu's.
    case minimum
    /// PyTorch's `leaky_relu` with its default slope: x for x > 0, else ``leakyReluSlope``·x.
    /// At 0 the derivative does not exist and the slope is used, as PyTorch does (a kink).
    case leakyRelu
    /// log softmax over the last dimension: xᵢ − log Σⱼ exp(xⱼ), per row, computed without
    /// forming the softmax (PyTorch's `log_softmax(x, dim=-1)`).
    case logSoftmax

    /// The slope of ``leakyRelu`` below 0: PyTorch's default `negative_slope`.
    public static let leakyReluSlope = 0.01

    /// The op's name as scripts spell it (`relu`, `mse`) or its operator symbol (`+`, `@`).
    public var symbol: String {
        switch self {
        case .leaf: "leaf"
        case .constant: "const"
        case .add: "+"
        case .sub: "−"
        case .mul: "×"
        case .div: "/"
        case .pow: "^"
        case .neg: "−"
        case .matmul: "@"
        case .crossEntropy: "cross_entropy"
        case .identity: "identity"
        case .maximum: "max"
        case .minimum: "min"
        case .relu: "relu"
        case .sigmoid: "sigmoid"
        case .tanh: "tanh"
        case .exp: "exp"
        case .log: "log"
        case .abs: "abs"
        case .sqrt: "sqrt"
        case .softplus: "softplus"
        case .sum: "sum"
        case .mean: "mean"
        case .mse: "mse"
        case .transpose: "transpose"
        case .softmax: "softmax"
        case .leakyRelu: "leaky_relu"
        case .logSoftmax: "log_softmax"
        }
    }

    /// How many inputs the op takes.
    public var arity: Int {
        switch self {
        case .leaf, .constant: 0
        case .neg, .relu, .sigmoid, .tanh, .exp, .log, .abs, .sqrt, .softplus, .sum, .mean, .softmax, .transpose,
            .identity, .leakyRelu, .logSoftmax:
            1
        case .add, .sub, .mul, .div, .pow, .matmul, .mse, .crossEntropy, .maximum, .minimum: 2
        }
    }

    /// How the engine computes an op's value and vector-Jacobian product.
    ///
    /// The forward pass, the backward pass and `--expand` dispatch on this, not on the op, so an
    /// elementwise op is defined here in full (its kernel, ``apply(_:_:)`` and
    /// ``partials(_:_:output:)``) and touches no other file of the engine; a tensor op adds its
    /// own kernel case, and the compiler then lists every place that must run it.
    public enum Kernel: Sendable, Hashable {
        /// No inputs: a leaf or a constant.
        case input
        /// Entry by entry (a scalar broadcasts): ``apply(_:_:)`` and ``partials(_:_:output:)``.
        case elementwise
        case matmul
        /// `sum` or `mean` of every entry.
        case reduction
        case mse, softmax, logSoftmax, transpose, crossEntropy
    }

    /// The kernel that computes the op (see ``Kernel``).
    public var kernel: Kernel {
        switch self {
        case .leaf, .constant: .input
        case .add, .sub, .mul, .div, .pow, .neg, .relu, .sigmoid, .tanh, .exp, .log, .abs, .sqrt, .softplus,
            .identity, .maximum, .minimum, .leakyRelu:
            .elementwise
        case .matmul: .matmul
        case .sum, .mean: .reduction
        case .mse: .mse
        case .softmax: .softmax
        case .logSoftmax: .logSoftmax
        case .transpose: .transpose
        case .crossEntropy: .crossEntropy
        }
    }

    /// Whether the op combines its inputs entry by entry (a scalar broadcasts).
    @inline(__always)
    public var isElementwise: Bool { kernel == .elementwise }

    /// Whether the op has points where its derivative does not exist: relu, leaky relu and abs
    /// at 0, max and min where the two inputs tie.
    public var hasKink: Bool {
        switch self {
        case .relu, .abs, .maximum, .minimum, .leakyRelu: true
        case .leaf, .constant, .add, .sub, .mul, .div, .pow, .neg, .sigmoid, .tanh, .exp, .log, .sqrt, .softplus,
            .matmul, .sum, .mean, .mse, .softmax, .crossEntropy, .transpose, .identity, .logSoftmax:
            false
        }
    }

    // MARK: Elementwise ops: forward value and local derivative, side by side.

    /// The forward value of an elementwise op at one entry (`b` is ignored by unary ops).
    @inline(__always)
    public func apply(_ a: Double, _ b: Double) -> Double {
        switch self {
        case .add: a + b
        case .sub: a - b
        case .mul: a * b
        case .div: a / b
        case .pow: b == 2 ? a * a : Foundation.pow(a, b)
        case .neg: -a
        case .relu: a > 0 ? a : 0
        case .sigmoid: 1 / (1 + Foundation.exp(-a))
        case .tanh: Foundation.tanh(a)
        case .exp: Foundation.exp(a)
        case .log: Foundation.log(a)
        case .abs: Swift.abs(a)
        case .sqrt: a.squareRoot()
        // max(a, 0) + log(1 + e^−|a|): no overflow for large a, full precision for very negative a.
        case .softplus: Swift.max(a, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(a)))
        case .identity: a
        case .maximum: Swift.max(a, b)
        case .minimum: Swift.min(a, b)
        case .leakyRelu: a > 0 ? a : Op.leakyReluSlope * a
        // Not elementwise (``isElementwise`` is false): computed in `Op+Tensor.swift`, or not at all.
        case .leaf, .constant, .matmul, .sum, .mean, .mse, .softmax, .crossEntropy, .transpose, .logSoftmax: .nan
        }
    }

    /// The local derivatives `(∂out/∂a, ∂out/∂b)` of an elementwise op at one entry.
    ///
    /// relu′(0) = abs′(0) = 0 and leaky_relu′(0) = its slope, PyTorch's conventions where the
    /// derivative does not exist; at a
    /// tie of `max` or `min` each input gets ½, PyTorch's convention too (and what a central
    /// finite difference sees). The exponent of `pow` is a constant, so its partial is 0.
    @inline(__always)
    public func partials(_ a: Double, _ b: Double, output y: Double) -> (Double, Double) {
        switch self {
        case .add: (1, 1)
        case .sub: (1, -1)
        case .mul: (b, a)
        case .div: (1 / b, -a / (b * b))
        case .pow: (b == 0 ? 0 : b == 2 ? 2 * a : b * Foundation.pow(a, b - 1), 0)
        case .neg: (-1, 0)
        case .relu: (a > 0 ? 1 : 0, 0)
        case .sigmoid: (y * (1 - y), 0)
        case .tanh: (1 - y * y, 0)
        case .exp: (y, 0)
        case .log: (1 / a, 0)
        case .abs: (a > 0 ? 1 : (a < 0 ? -1 : 0), 0)
        case .sqrt: (0.5 / y, 0)
        case .softplus: (1 / (1 + Foundation.exp(-a)), 0)
        case .identity: (1, 0)
        case .maximum: a > b ? (1, 0) : (a < b ? (0, 1) : (0.5, 0.5))
        case .minimum: a < b ? (1, 0) : (a > b ? (0, 1) : (0.5, 0.5))
        case .leakyRelu: (a > 0 ? 1 : Op.leakyReluSlope, 0)
        // Not elementwise (``isElementwise`` is false): their vector-Jacobian products are in
        // `Op+Tensor.swift`; leaves and constants have no inputs.
        case .leaf, .constant, .matmul, .sum, .mean, .mse, .softmax, .crossEntropy, .transpose, .logSoftmax:
            (.nan, .nan)
        }
    }

    /// Whether an entry sits exactly on the op's kink, where the derivative does not exist:
    /// `a` = 0 for relu, leaky relu and abs, `a` = `b` for max and min.
    func isKink(at a: Double, _ b: Double = 0) -> Bool {
        switch self {
        case .relu, .abs, .leakyRelu: a == 0
        case .maximum, .minimum: a == b
        case .leaf, .constant, .add, .sub, .mul, .div, .pow, .neg, .sigmoid, .tanh, .exp, .log, .sqrt, .softplus,
            .matmul, .sum, .mean, .mse, .softmax, .crossEntropy, .identity, .transpose, .logSoftmax:
            false
        }
    }
}
