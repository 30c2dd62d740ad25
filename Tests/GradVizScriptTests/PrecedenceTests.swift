import GradVizEngine
import Testing

@testable import GradVizScript

/// Operator precedence and associativity, each case against a value computed by hand.
@Suite struct PrecedenceTests {
    /// `y = <expression>` with x = 2 and z = 3.
    static let cases: [(expression: String, value: Double)] = [
        ("-x^2", -4),  // ^ binds tighter than unary minus
        ("-2^2 + x", -2),  // -(2^2) + 2
        ("(-2)^2 + x", 6),
        ("2*-x", -4),  // unary minus after *
        ("x^-1", 0.5),  // unary minus in the exponent
        ("x^3^2", 512),  // right-associative: 2^(3^2) = 2^9
        ("x^2^0", 2),  // 2^(2^0) = 2^1
        ("x^2^-1 * x", 2 * 2.0.squareRoot()),  // 2^(2^-1) = √2
        ("x - 3 - 1", -2),  // left-associative
        ("x / 4 / 2", 0.25),
        ("1 + x * z", 7),
        ("(1 + x) * z", 9),
        ("-x * z", -6),
        ("x^2 * z", 12),
        ("z * x^2", 12),
        ("--x", 2),
        ("x - -x", 4),
        ("x - z + 1", 0),  // (x − z) + 1, not x − (z + 1)
        ("z / x * 4", 6),  // (3/2)·4
        ("x^(1 + 1)", 4),  // constant exponent expression
        ("x^sqrt(4)", 4),  // constant exponent through a function
        ("exp(log(x))", 2),
        ("-(x + z)", -5),
        ("2 * x^2^2 / 8", 4),  // 2·2^(2^2)/8 = 32/8
        ("x*z - z*x + x", 2),
        ("x ^ 2 - z ^ 2", -5),
        ("1e-3 * x + 0.5e1 + .5", 5.502),
    ]

    @Test(arguments: cases)
    func evaluatesWithUsualPrecedence(expression: String, value: Double) throws {
        let run = try evaluate("x = 2\nz = 3\ny = \(expression)\n")
        #expect(close(run.value("y"), value), "\(expression)")
    }

    @Test func unaryMinusBelowPowerGivesTheRightGradient() throws {
        // y = -(x²): dy/dx = −2x = −4. If it were (−x)², it would be +4.
        let run = try evaluate("x = 2\ny = -x^2")
        #expect(run.value("y") == -4)
        #expect(run.gradient("x") == -4)
    }

    @Test func negativeExponentGradient() throws {
        // y = x^-1: dy/dx = −x⁻² = −0.25.
        let run = try evaluate("x = 2\ny = x^-1")
        #expect(run.gradient("x") == -0.25)
    }

    @Test func aNegatedLiteralIsOneConstantAndANegatedNameIsANegNode() throws {
        let run = try evaluate("x = 2\ny = x * -3\nz = -x")
        let graph = run.graph
        let y = try #require(run.variable(named: "y"))
        let factor = graph.inputs(of: y.id)[1]
        #expect(graph.op(of: factor) == .constant)
        #expect(graph.scalarValue(of: factor) == -3)
        let z = try #require(run.variable(named: "z"))
        #expect(graph.op(of: z.id) == .neg)
    }

    @Test func aNegatedLiteralIsStillALeaf() throws {
        let run = try evaluate("a = -0.5\nb = (-2)\nc = -[1, 2]\nd = a + b")
        #expect(run.variables.map(\.isLeaf) == [true, true, true, false])
        #expect(run.value("a") == -0.5)
        #expect(run.value("b") == -2)
        #expect(run.tensor("c")?.scalars == [-1, -2])
    }

    @Test func squareOfSumExpandsCorrectly() throws {
        // Repeated use of one leaf accumulates: y = x·x + x → dy/dx = 2x + 1 = 5.
        let run = try evaluate("x = 2\ny = x * x + x")
        #expect(run.gradient("x") == 5)
        let y = try #require(run.variable(named: "y"))
        let product = run.graph.inputs(of: y.id)[0]
        let x = try #require(run.variable(named: "x")).id
        #expect(run.graph.inputs(of: product) == [x, x])
    }
}
