import GradVizEngine
import Testing

@testable import GradVizExplain

/// How far apart two gradients are, as the mismatch messages of `explain` and `check` say it.
@Suite struct LargestDifferenceTests {
    @Test func reportsTheLargestEntryWiseGap() throws {
        let a = try Tensor([1, 2, 3])
        let b = try Tensor([1, 2.5, 2])
        #expect(Explanation.largestDifference(a, b) == 1)
    }

    @Test func aNaNEntryIsReportedAsNaNNotSkipped() throws {
        let a = try Tensor([1, .nan, 3])
        let b = try Tensor([1, 2, 3])
        #expect(Explanation.largestDifference(a, b).isNaN)
        #expect(Explanation.largestDifference(b, a).isNaN)
    }

    @Test func differentShapesAreInfinitelyFarApart() throws {
        #expect(Explanation.largestDifference(try Tensor([1, 2]), Tensor(1)) == .infinity)
    }
}
