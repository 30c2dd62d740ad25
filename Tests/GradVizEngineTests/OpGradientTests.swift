import Foundation
import GradVizEngine
import Testing

/// One op applied to operands of given shapes, with where its inputs are drawn from (away from
/// kinks and outside the domain's edges, where finite differences would not apply).
struct OpCase: Sendable, CustomTestStringConvertible {
    enum Domain: Sendable {
        /// Uniform in −1.5…1.5.
        case anywhere
        /// Uniform in 0.5…2 (log, sqrt, fractional powers).
        case positive
        /// At least 0.2 away from 0, either sign (relu and abs kinks, denominators).
        case awayFromZero
        /// Whole numbers in 0..<n: class indices of `cross_entropy`.
        case classIndex(Int)
    }

    var op: Op
    var lhs: Shape
    /// The second operand's shape, `nil` for a unary op.
    var rhs: Shape?
    /// For `pow`: the constant exponent (the second operand is then a constant, not a leaf).
    var exponent: Double?
    var lhsDomain: Domain = .anywhere
    var rhsDomain: Domain = .anywhere

    var testDescription: String {
        let operands = [lhs.description] + (exponent.map { ["\($0)"] } ?? rhs.map { [$0.description] } ?? [])
        return "\(op)(\(operands.joined(separator: ", ")))"
    }

    static let s = Shape.scalar
    static let v3 = Shape.vector(3)
    static let m23 = Shape.matrix(2, 3)

    /// Every op, scalar and tensor, both sides of broadcasting, the four matmul shapes.
    static let all: [OpCase] = {
        var cases: [OpCase] = []
        // Equal shapes, a scalar either side, and NumPy broadcasting: a row vector against every
        // row, a column against every column, a column against a row (an outer combination).
        let pairs: [(Shape, Shape)] = [
            (s, s), (v3, v3), (m23, m23), (s, v3), (v3, s), (s, m23), (m23, s),
            (m23, v3), (v3, m23), (.matrix(2, 1), m23), (m23, .matrix(1, 3)), (.matrix(2, 1), v3),
            (.vector(1), v3), (m23, .matrix(1, 1)),
        ]
        for op in [Op.add, .sub, .mul, .div] {
            for (a, b) in pairs {
                cases.append(OpCase(op: op, lhs: a, rhs: b, rhsDomain: op == .div ? .awayFromZero : .anywhere))
            }
        }
        for exponent in [2.0, 3, 1, 0, -1, 0.5, 1.5, -2.5] {
            let integral = exponent == exponent.rounded() && exponent >= 0
            for shape in [s, v3, m23] {
                cases.append(
                    OpCase(
                        op: .pow, lhs: shape, rhs: .scalar, exponent: exponent,
                        lhsDomain: integral ? .anywhere : .positive))
            }
        }
        let unaryDomains: [(Op, Domain)] = [
            (.neg, .anywhere), (.relu, .awayFromZero), (.sigmoid, .anywhere), (.tanh, .anywhere),
            (.exp, .anywhere), (.log, .positive), (.abs, .awayFromZero), (.sqrt, .positive), (.softplus, .anywhere),
            (.sum, .anywhere), (.mean, .anywhere), (.identity, .anywhere), (.leakyRelu, .awayFromZero),
        ]
        for (op, domain) in unaryDomains {
            for shape in [s, .vector(4), m23] { cases.append(OpCase(op: op, lhs: shape, lhsDomain: domain)) }
        }
        for (a, b) in [
            (Shape.matrix(2, 3), Shape.matrix(3, 4)), (.matrix(2, 3), .vector(3)),
            (.vector(2), .matrix(2, 3)), (.vector(4), .vector(4)),
        ] {
            cases.append(OpCase(op: .matmul, lhs: a, rhs: b))
        }
        for shape in [s, .vector(4), m23] { cases.append(OpCase(op: .mse, lhs: shape, rhs: shape)) }
        cases.append(OpCase(op: .transpose, lhs: s))
        for shape in [Shape.vector(4), .matrix(3, 4)] {
            cases.append(OpCase(op: .softmax, lhs: shape))
            cases.append(OpCase(op: .logSoftmax, lhs: shape))
            cases.append(OpCase(op: .transpose, lhs: shape))
            cases.append(OpCase(op: .crossEntropy, lhs: shape, rhs: shape))
        }
        // Class indices: one for a vector of logits, one per row of a matrix.
        cases.append(OpCase(op: .crossEntropy, lhs: .vector(4), rhs: .scalar, rhsDomain: .classIndex(4)))
        cases.append(OpCase(op: .crossEntropy, lhs: .matrix(3, 4), rhs: .vector(3), rhsDomain: .classIndex(4)))
        // max and min away from ties (a random draw never ties); ties are pinned in KinkTests.
        for op in [Op.maximum, .minimum] {
            for (a, b) in pairs { cases.append(OpCase(op: op, lhs: a, rhs: b)) }
        }
        return cases
    }()
}

/// A recorded op on random inputs: `loss = sum(op(a, b) ⊙ w)` with random constant weights `w`,
/// so every entry of the op's output reaches the loss with its own weight (a plain sum would
/// hide errors that cancel, such as a softmax gradient that is wrong by a constant per row).
struct RecordedOpCase {
    let graph = Graph()
    let a: Value
    let b: Value?
    let output: Value
    let weights: Tensor
    let loss: Value

    init(_ c: OpCase, seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        func draw(_ shape: Shape, _ domain: OpCase.Domain) -> Tensor {
            switch domain {
            case .anywhere: .random(shape, in: -1.5...1.5, using: &generator)
            case .positive: .random(shape, in: 0.5...2, using: &generator)
            case .awayFromZero: .awayFromZero(shape, margin: 0.2, using: &generator)
            case .classIndex(let n):
                Tensor(
                    unchecked: shape, (0..<shape.count).map { _ in Double(Int.random(in: 0..<n, using: &generator)) })
            }
        }
        let graph = graph
        let a = graph.leaf(draw(c.lhs, c.lhsDomain), name: "a")
        var b: Value?
        if let exponent = c.exponent {
            b = graph.constant(exponent)
        } else if let rhs = c.rhs {
            b = graph.leaf(draw(rhs, c.rhsDomain), name: "b")
        }
        let id = if let b { try graph.record(c.op, a.id, b.id) } else { try graph.record(c.op, a.id) }
        let output = Value(graph: graph, id: id)
        weights = .random(output.shape, in: -1...1, using: &generator)
        loss = try (output * graph.constant(weights)).sum()
        loss.backward()
        (self.a, self.b, self.output) = (a, b, output)
    }

    /// The loss as a plain Swift function of `a`'s entries (`b` fixed), from ``ReferenceOps``.
    func referenceLoss(_ c: OpCase, a x: [Double]) -> Double {
        let y = ReferenceOps.forward(c.op, x, c.lhs, b?.value.scalars ?? [], c.rhs)
        return zip(y, weights.scalars).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// The loss as a plain Swift function of `b`'s entries (`a` fixed).
    func referenceLoss(_ c: OpCase, b y: [Double]) -> Double {
        let z = ReferenceOps.forward(c.op, a.value.scalars, c.lhs, y, c.rhs)
        return zip(z, weights.scalars).reduce(0) { $0 + $1.0 * $1.1 }
    }
}

@Suite("Every op's gradient against finite differences")
struct OpGradientTests {
    @Test("every op but leaves and constants has gradient cases against the reference")
    func everyComputingOpIsCovered() {
        let covered = Set(OpCase.all.map(\.op))
        for op in Op.allCases where op != .leaf && op != .constant {
            #expect(covered.contains(op), "no gradient case for \(op)")
        }
    }

    @Test("softplus: log 2 and slope ½ at 0, no overflow far out, slope σ(x) by hand")
    func softplusByHand() throws {
        let g = Graph()
        let zero = g.leaf(0)
        let far = g.leaf(1000)
        let low = g.leaf(-40)
        let one = g.leaf(1)
        let (a, b, c, d) = (zero.softplus(), far.softplus(), low.softplus(), one.softplus())
        try (a + b + c + d).backward()
        #expect(Swift.abs(a.scalar - Foundation.log(2)) < 1e-15)
        #expect(b.scalar == 1000)  // log(1 + e¹⁰⁰⁰) written naively overflows
        // log(1 + e⁻⁴⁰) = e⁻⁴⁰ to double precision, which log(1 + tiny) would round to 0.
        #expect(Swift.abs(c.scalar / Foundation.exp(-40) - 1) < 1e-12)
        #expect(zero.grad.scalar == 0.5 && far.grad.scalar == 1)
        #expect(Swift.abs(one.grad.scalar - 1 / (1 + Foundation.exp(-1))) < 1e-15)
    }

    @Test("leaky_relu: x above 0, 0.01·x below, PyTorch's slope 0.01 at exactly 0, by hand")
    func leakyReluByHand() throws {
        let g = Graph()
        let above = g.leaf(2)
        let below = g.leaf(-3)
        let zero = g.leaf(0)
        let (a, b, c) = (above.leakyRelu(), below.leakyRelu(), zero.leakyRelu())
        try (a * 5 + b * 7 + c).backward()
        #expect(a.scalar == 2 && b.scalar == -0.03 && c.scalar == 0)
        #expect(above.grad.scalar == 5 && below.grad.scalar == 7 * 0.01 && zero.grad.scalar == 0.01)
        #expect(Op.leakyRelu.hasKink)
    }

    @Test("log_softmax: −log 3 for equal logits, no overflow at 1000, gradient g − softmax·Σg by hand")
    func logSoftmaxByHand() throws {
        let g = Graph()
        let equal = g.leaf(try Tensor([0, 0, 0]))
        let far = g.leaf(try Tensor([1000, 0]))
        let a = try equal.logSoftmax()
        let b = try far.logSoftmax()
        // Pick entry 0 of each: ∂/∂x = onehot(0) − softmax(x).
        let pick = try (a * g.constant(Tensor([1, 0, 0]))).sum() + (b * g.constant(Tensor([1, 0]))).sum()
        pick.backward()
        for entry in a.value.scalars { #expect(Swift.abs(entry + Foundation.log(3)) < 1e-15) }
        #expect(b.value.scalars == [0, -1000])  // log(e¹⁰⁰⁰ / (e¹⁰⁰⁰ + 1)) written naively is nan
        let expected: [Double] = [2.0 / 3, -1.0 / 3, -1.0 / 3]
        #expect(zip(equal.grad.scalars, expected).allSatisfy { Swift.abs($0 - $1) < 1e-15 })
        #expect(far.grad.scalars == [0, 0])
        #expect(throws: GraphError.self) { try g.leaf(1).logSoftmax() }
    }

    @Test("forward value matches the textbook definition", arguments: OpCase.all)
    func forwardMatchesReference(_ c: OpCase) throws {
        for seed in UInt64(1)...3 {
            let recorded = try RecordedOpCase(c, seed: seed)
            let expected = ReferenceOps.forward(
                c.op, recorded.a.value.scalars, c.lhs, recorded.b?.value.scalars ?? [], c.rhs)
            let actual = recorded.output.value
            #expect(actual.scalars.count == expected.count)
            #expect(
                zip(actual.scalars, expected).allSatisfy { exactCheck.agrees($0.0, $0.1) },
                "\(actual) vs \(expected)")
        }
    }

    @Test(
        "backward agrees with independent central differences of a plain Swift function",
        arguments: OpCase.all)
    func backwardMatchesIndependentFiniteDifferences(_ c: OpCase) throws {
        for seed in UInt64(1)...3 {
            let recorded = try RecordedOpCase(c, seed: seed)
            let numericA = FiniteDifference.gradient(
                of: { recorded.referenceLoss(c, a: $0) }, at: recorded.a.value.scalars)
            let gradA = recorded.a.grad
            #expect(gradA.shape == c.lhs)
            #expect(
                finiteDifferenceCheck.agrees(gradA, Tensor(unchecked: c.lhs, numericA)),
                "∂loss/∂a = \(gradA), finite differences \(numericA)")
            if let b = recorded.b, b.op == .leaf, let rhs = c.rhs {
                let numericB = FiniteDifference.gradient(
                    of: { recorded.referenceLoss(c, b: $0) }, at: b.value.scalars)
                #expect(b.grad.shape == rhs)
                #expect(
                    finiteDifferenceCheck.agrees(b.grad, Tensor(unchecked: rhs, numericB)),
                    "∂loss/∂b = \(b.grad), finite differences \(numericB)")
            }
        }
    }

    @Test(
        "backward agrees with the engine's own finite differences (tape replay)",
        arguments: OpCase.all)
    func backwardMatchesEngineFiniteDifferences(_ c: OpCase) throws {
        for seed in UInt64(4)...6 {
            let recorded = try RecordedOpCase(c, seed: seed)
            let graph = recorded.graph
            for input in [recorded.a] + (recorded.b.map { [$0] } ?? []) where input.op == .leaf {
                let numeric = graph.numericGradient(of: recorded.loss.id, wrt: input.id)
                #expect(
                    finiteDifferenceCheck.agrees(input.grad, numeric),
                    "∂loss/∂\(input.name ?? "?") = \(input.grad), replayed differences \(numeric)")
                #expect(finiteDifferenceCheck.verify(graph, output: recorded.loss.id, wrt: input.id))
            }
        }
    }

    @Test("a constant operand receives no gradient")
    func constantsReceiveNoGradient() throws {
        let graph = Graph()
        let x = graph.leaf(3, name: "x")
        let two = graph.constant(2)
        let y = try x * two
        y.backward()
        #expect(x.grad == Tensor(2))
        #expect(two.grad == Tensor(0))
    }
}

extension Tensor {
    /// A tensor whose entries are known to fill the shape (test helper).
    init(unchecked shape: Shape, _ scalars: [Double]) {
        self = (try? Tensor(shape: shape, scalars: scalars)) ?? Tensor(repeating: .nan, shape: shape)
    }
}
