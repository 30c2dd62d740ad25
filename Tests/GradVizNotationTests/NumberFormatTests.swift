import GradVizNotation
import Testing

/// Numbers as a person writes them, and the one range of precisions.
@Suite struct NumberFormatTests {
    @Test func precisionsOutsideTheRangeAreNamedInOneMessage() {
        #expect(NumberFormat.precisionProblem(0) == "precision 0 is not between 1 and 17 digits")
        #expect(NumberFormat.precisionProblem(18) == "precision 18 is not between 1 and 17 digits")
        #expect(NumberFormat.precisionProblem(1) == nil && NumberFormat.precisionProblem(17) == nil)
        #expect(NumberFormat(significantDigits: 40).significantDigits == 17)
        #expect(NumberFormat(significantDigits: -3).significantDigits == 1)
    }

    @Test func entriesAreWrittenByTheirDimensions() {
        let format = NumberFormat(significantDigits: 3)
        #expect(format.string([-102], dimensions: []) == "−102")
        #expect(format.string([1, -2.5], dimensions: [2]) == "[1, −2.5]")
        #expect(format.string([1, 2, 3, 4, 5, 6], dimensions: [2, 3]) == "[[1, 2, 3], [4, 5, 6]]")
        #expect(format.string(1.0 / 3) == "0.333")
        #expect(NumberFormat(significantDigits: 2, asciiMinus: true).string(-1.5e-4) == "-1.5e-4")
    }
}
