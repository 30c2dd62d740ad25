import GradVizScript
import Testing

/// A nonzero literal too small for a Double is a warning at its position (it still reads as 0
/// or as a subnormal, as IEEE 754 says); a literal too large stays an error.
@Suite struct LiteralUnderflowTests {
    @Test func aLiteralThatBecomesZeroIsAWarningAtItsColumn() throws {
        let script = try Script(source: "x = 1\ny = x * 1e-400\n", file: "u.grad")
        #expect(script.warnings.count == 1)
        let warning = try #require(script.warnings.first)
        #expect(warning.severity == .warning)
        #expect((warning.line, warning.column) == (2, 9))
        #expect(
            warning.description == """
                u.grad:2:9: warning: number '1e-400' is too small for a Double and reads as 0
                y = x * 1e-400
                        ^
                """)
        // It still means what IEEE 754 says: 0.
        let evaluation = try script.evaluate()
        #expect(evaluation.graph.scalarValue(of: evaluation.output.id) == 0)
    }

    @Test func aSubnormalLiteralSaysHowMuchPrecisionIsLeft() throws {
        let script = try Script(
            source: "x = 4.9e-324\ny = 1.5e-310\nz = 2.2250738585072014e-308\nL = x + y + z\n", file: "s.grad")
        #expect(script.warnings.map(\.line) == [1, 2])
        #expect(script.warnings[0].message.hasSuffix("keeps only 1 of 53 bits of precision"))
        #expect(script.warnings[1].message.hasSuffix("keeps only 45 of 53 bits of precision"))
    }

    @Test func aWarningInAContinuedTensorLiteralPointsAtItsOwnLine() throws {
        let script = try Script(source: "W = [[1, 2],\n     [3e-999, 4]]\nL = sum(W)\n", file: "t.grad")
        let warning = try #require(script.warnings.first)
        #expect((warning.line, warning.column) == (2, 7))
        #expect(warning.sourceLine == "     [3e-999, 4]]")
    }

    @Test(arguments: ["0", "0.0", "0e-999", "000.000e-5000", "1e-300", "2.2250738585072014e-308", "1e308", ".5e-3"])
    func literalsThatReadAsWrittenAreQuiet(literal: String) throws {
        #expect(try Script(source: "x = \(literal)\nL = x * 2\n", file: "q.grad").warnings.isEmpty)
    }

    @Test func overflowStaysAnError() {
        #expect(throws: Diagnostic.self) { try Script(source: "x = 1e999\n", file: "o.grad") }
        do {
            _ = try Script(source: "x = 1e999\n", file: "o.grad")
        } catch {
            #expect(error.severity == .error)
            #expect(error.description.hasPrefix("o.grad:1:5: error: number '1e999' is too large"))
        }
    }
}
